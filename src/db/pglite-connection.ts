import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';
import type { BackendMessage } from 'pg-protocol/dist/messages.js';

/**
 * What pg's client talks to instead of a socket when the database is PGlite, in the same
 * process. A statement's messages (parse, bind, describe, execute, sync) reach PGlite in one
 * call, as they would in one network packet, and its answer is read by pg's own parser.
 * PGlite's adapter made one call, and one parse of the answer in JavaScript, per message:
 * four or five per statement (decision 0015).
 */
export class PgliteConnection extends EventEmitter {
  readonly parsedStatements: Record<string, string> = {};
  readonly submittedNamedStatements: Record<string, string> = {};
  readonly stream = { destroy: () => this.end() };
  _connecting = false;
  _ending = false;
  readonly #pglite: PGlite;
  readonly #parser = new Parser();
  #pending: Buffer[] = [];
  /** One exchange with PGlite at a time, in the order pg sent them. */
  #exchanges: Promise<unknown>;

  constructor(pglite: PGlite) {
    super();
    this.#pglite = pglite;
    this.#exchanges = pglite.waitReady;
  }

  async connect() {
    this._connecting = true;
    await this.#pglite.waitReady;
    process.nextTick(() => this.emit('readyForQuery'));
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

  end() {
    this._ending = true;
    this.#exchanges = this.#exchanges.then(() => this.emit('end'));
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
    this.#exchanges = this.#exchanges.then(() => this.#exchange(message)).catch((error: unknown) => this.emit('error', error));
  }

  async #exchange(message: Buffer) {
    // The answer comes in pieces of PGlite's memory, copied as they come; pg's client reacts
    // to them only once PGlite has returned (its reactions may send the next statement).
    // (PGlite's execProtocolRaw would also parse them, and keep them, at every call.)
    const pieces: Buffer[] = [];
    await this.#pglite.execProtocolRawStream(message, { onRawData: (piece) => void pieces.push(Buffer.from(piece)) });
    for (const piece of pieces) this.#parser.parse(piece, (reply) => this.#deliver(reply));
  }

  #deliver(reply: BackendMessage) {
    if (this.listenerCount('message') > 0) this.emit('message', reply);
    this.emit(reply.name === 'error' ? 'errorMessage' : reply.name, reply);
  }
}

/** The pool settings for pg over PGlite: one connection, this one. */
export const pgliteConfig = (pglite: PGlite) => ({ max: 1, connection: new PgliteConnection(pglite) });
