import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import { serialize } from 'pg-protocol';
import { instanceBehind, type GuardedCallOptions } from './pglite-guard.ts';
import { Parser } from 'pg-protocol/dist/parser.js';
import type { BackendMessage } from 'pg-protocol/dist/messages.js';

/**
 * PGlite has one session for the life of the process, whereas pg's pool opens a new client
 * (a new connection) after an idle timeout or an error. Every connection to one PGlite shares
 * this queue, so a new connection's reset never runs before what an old one had sent.
 */
const exchangesOf = new WeakMap<PGlite, Promise<unknown>>();

function enqueue(pglite: PGlite, work: () => Promise<void>): Promise<void> {
  const done = (exchangesOf.get(pglite) ?? pglite.waitReady).then(work);
  // The next exchange waits for this one, not for its success: its caller handles the failure.
  exchangesOf.set(pglite, done.catch(() => {}));
  return done;
}

/**
 * A new connection starts a clean session, as a new server process would: a transaction cut
 * short is rolled back, and prepared statements, temporary tables and SET values of the
 * previous connection go (pg's new client knows none of them). The Sync first ends whatever
 * extended-protocol exchange an aborted client left open, so the queries are not ignored.
 */
const SESSION_RESET = Buffer.concat([serialize.sync(), serialize.query('ROLLBACK'), serialize.query('DISCARD ALL')]);

/**
 * What pg's client talks to instead of a socket when the database is PGlite, in the same
 * process. A statement's messages (parse, bind, describe, execute, sync) reach PGlite in one
 * call, as they would in one network packet, and its answer is read by pg's own parser.
 * PGlite's adapter made one call, and one parse of the answer in JavaScript, per message:
 * four or five per statement (decision 0015). One object per pg client (decision 0017).
 */
export class PgliteConnection extends EventEmitter {
  readonly parsedStatements: Record<string, string> = {};
  readonly submittedNamedStatements: Record<string, string> = {};
  readonly stream = { destroy: () => this.end() };
  _connecting = false;
  _ending = false;
  readonly #pglite: PGlite;
  #instance: PGlite | null = null;
  readonly #parser = new Parser();
  #pending: Buffer[] = [];
  #endAsked = false;

  constructor(pglite: PGlite) {
    super();
    this.#pglite = pglite;
  }

  connect() {
    this._connecting = true;
    enqueue(this.#pglite, async () => {
      const replies = await this.#run(SESSION_RESET);
      // The reset may have brought a stand-in or a new instance in (pglite-guard.ts): this one is the connection's.
      this.#instance = instanceBehind(this.#pglite);
      const failure = replies.find((reply) => reply.name === 'error');
      if (failure) throw failure;
    }).then(
      () => this.emit('readyForQuery'),
      (error: unknown) => this.emit('error', error),
    );
  }

  // The messages that wait for the end of the statement.
  parse(config: Parameters<typeof serialize.parse>[0]) { this.#pending.push(serialize.parse(config)); }
  bind(config: Parameters<typeof serialize.bind>[0]) { this.#pending.push(serialize.bind(config)); }
  describe(config: Parameters<typeof serialize.describe>[0]) { this.#pending.push(serialize.describe(config)); }
  execute(config: Parameters<typeof serialize.execute>[0]) { this.#pending.push(serialize.execute(config)); }
  close(config: Parameters<typeof serialize.close>[0]) { this.#pending.push(serialize.close(config)); }

  // The messages that end it, or ask for the answers so far.
  sync() { this.#send(serialize.sync()); }
  flush() { this.#send(serialize.flush()); }
  query(text: string) { this.#send(serialize.query(text)); }
  sendCopyFromChunk(chunk: Buffer) { this.#send(serialize.copyData(chunk)); }
  endCopyFrom() { this.#send(serialize.copyDone()); }
  sendCopyFail(message: string) { this.#send(serialize.copyFail(message)); }

  /** Once what this connection sent has been answered; the session itself stays open for the next connection. */
  end() {
    // pg's connection timeout sets _ending itself before asking for the end: a flag of our own.
    if (this.#endAsked) return;
    this.#endAsked = true;
    this._ending = true;
    void enqueue(this.#pglite, async () => {
      this.emit('end');
    });
  }

  // Nothing to do in the same process: no TLS, no password, no socket to keep alive.
  requestSsl() {}
  startup() {}
  password() {}
  cancel() {}
  ref() {}
  unref() {}

  #send(last: Buffer) {
    const message = this.#pending.length === 0 ? last : Buffer.concat([...this.#pending, last]);
    this.#pending = [];
    enqueue(this.#pglite, async () => {
      // pg's client reacts to the answer only once PGlite has returned (its reactions may send the next statement).
      for (const piece of await this.#read(message, this.#instance)) this.#parser.parse(piece, (reply) => this.#deliver(reply));
    }).catch((error: unknown) => this.emit('error', error));
  }

  /** PGlite's answer, in pieces of its memory copied as they come (execProtocolRaw would also parse them, and keep them). */
  async #read(message: Buffer, expected?: PGlite | null): Promise<Buffer[]> {
    const pieces: Buffer[] = [];
    const options: GuardedCallOptions = { onRawData: (piece) => void pieces.push(Buffer.from(piece)), expected };
    await this.#pglite.execProtocolRawStream(message, options);
    return pieces;
  }

  async #run(message: Buffer): Promise<BackendMessage[]> {
    const replies: BackendMessage[] = [];
    const parser = new Parser();
    for (const piece of await this.#read(message)) parser.parse(piece, (reply) => void replies.push(reply));
    return replies;
  }

  #deliver(reply: BackendMessage) {
    if (this.listenerCount('message') > 0) this.emit('message', reply);
    this.emit(reply.name === 'error' ? 'errorMessage' : reply.name, reply);
  }
}

/** The pool settings for pg over PGlite: one connection at a time, a new object for each client pg creates. */
export const pgliteConfig = (pglite: PGlite) => ({ max: 1, openConnection: () => new PgliteConnection(pglite) });
