import { rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { EmbeddedDatabaseStopped, embeddedDatabaseReadOnly, embeddedDatabaseStopping } from './storage-errors.ts';

/**
 * PGlite survives most writes refused by a full or read-only disk: the statement fails, the
 * session goes on. But when it cannot write its journal (a new segment in pg_wal, say), the
 * next statement it is given never returns and keeps a processor core busy for ever, the whole
 * process frozen (decision 0019). So the answer that says so is the last one it gets: from
 * then on this guard never calls it again. Until it can open a new instance on the same data
 * folder (PostgreSQL's recovery replays the journal: what was acknowledged is there), it serves
 * reads from a read-only copy of the folder when it can make one, and refuses every call when
 * it cannot.
 */

// An error's non-localised severity field, ahead of its code: a cheap test on the raw answer
// before reading the error's text.
const ERROR_MARKS = ['\0VERROR\0C', '\0VFATAL\0', '\0VPANIC\0'].map((text) => Buffer.from(text, 'latin1'));
const DYING = /\0V(PANIC|FATAL)\0|"(pg_wal|pg_xact|pg_multixact|pg_subtrans|pg_logical|pg_commit_ts|pg_replslot|global\/pg_control)[^"]*": (No space left on device|Read-only file system|Disk quota exceeded)/;
// An error message is a few hundred bytes: the end of the previous piece is kept in case it straddles two.
const CARRY = 1024;

const RETRY_AFTER_MS = 2_000;

/** Reads an answer as it streams, without copying it, for an error that leaves PGlite unusable. */
class AnswerWatch {
  #carry = Buffer.alloc(0);
  dying: string | null = null;

  see(piece: Uint8Array) {
    const view = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    const seam = Buffer.concat([this.#carry.subarray(-16), view.subarray(0, 16)]);
    // An error begun in the end of the previous piece may end in this one.
    if (ERROR_MARKS.some((mark) => view.indexOf(mark) >= 0 || seam.indexOf(mark) >= 0 || this.#carry.indexOf(mark) >= 0)) {
      const text = Buffer.concat([this.#carry, view]).toString('latin1');
      const found = DYING.exec(text);
      // The error's own words (its M field) name the file and the system's reason.
      if (found && !this.dying) {
        const start = found[1] ? found.index : text.lastIndexOf('\0M', found.index);
        this.dying = (/\0M([^\0]*)\0/.exec(text.slice(start))?.[1] ?? found[0]).slice(0, 300);
      }
    }
    this.#carry = Buffer.from(view.subarray(-CARRY));
  }
}

export type GuardEvents = { stopped(reason: string): void; readOnly(): void; reopened(): void };

/** What the person running the server reads in the logs (no personal data: file names and system words). */
export const loggedGuardEvents: GuardEvents = {
  stopped: (reason) =>
    console.error(`Base embarquée arrêtée : écriture impossible dans son journal (${reason}). Libérez de la place sur le disque du dossier de données : elle sera rouverte d'elle-même.`),
  readOnly: () => console.error('Base embarquée servie en lecture seule depuis une copie en mémoire : les fiches restent consultables, les modifications sont refusées.'),
  reopened: () => console.error('Base embarquée rouverte : les écritures fonctionnent de nouveau.'),
};

/** Room a database needs beyond its files: a journal segment (16 MB) and more. */
export const ROOM_FOR_JOURNAL = 64 * 1024 * 1024;

/**
 * Whether the data folder can take a new instance: writable, with ROOM_FOR_JOURNAL free. A
 * PGlite that fails to open leaves a handle behind that keeps the process from ever exiting:
 * it is not tried on a disk known to be full or read-only.
 */
export function roomToReopen(folder: string): boolean {
  try {
    // access(W_OK) says yes on a disk the kernel turned read-only after an error: a file says the truth.
    const probe = join(folder, '.inscriptible');
    writeFileSync(probe, '');
    rmSync(probe);
    const disk = statfsSync(folder);
    return disk.bavail * disk.bsize >= ROOM_FOR_JOURNAL;
  } catch {
    return false;
  }
}

// The instance each guard sends calls to now, for the connections opened on it (see `instanceBehind`).
const liveInstances = new WeakMap<PGlite, () => PGlite | null>();

/**
 * The instance that calls on `pglite` reach now: itself, or for a guard, the live instance or
 * its stand-in (null while neither answers). A connection opened on one instance keeps
 * statements prepared there, so it must not be carried over to the next (pglite-connection.ts).
 */
export function instanceBehind(pglite: PGlite): PGlite | null {
  const live = liveInstances.get(pglite);
  return live ? live() : pglite;
}

/**
 * A call from a connection opened on `expected`: it is refused if the guard has put another
 * instance behind since, where the statements that connection prepared do not exist.
 */
export type GuardedCallOptions = { onRawData: (piece: Uint8Array) => void; expected?: PGlite | null };

/** The connection's instance was replaced: pg drops the connection and opens a new one on the instance now behind. */
export class InstanceReplaced extends Error {
  readonly code = '08006';
  constructor() {
    super('Connection terminated: the embedded database behind this connection was replaced');
  }
}

/** An instance that answers reads while the real one is stopped, and what frees it. */
export type StandIn = { instance: PGlite; discard(): Promise<void> };

export type GuardOptions = {
  /** Opens a new instance on the data folder. */
  reopen: () => Promise<PGlite>;
  /** Whether reopening may be tried now (see `roomToReopen`). */
  canReopen?: () => boolean;
  /** Opens a read-only stand-in, or says why it cannot (see `readOnlyCopy`). */
  standIn?: () => Promise<StandIn>;
  events?: GuardEvents;
};

/** A PGlite that stops being called after a failed journal write, serves reads from a stand-in, and reopens itself later. */
export function guardPglite(first: PGlite, options: GuardOptions): PGlite {
  const { reopen, canReopen = () => true, standIn: openStandIn, events = loggedGuardEvents } = options;
  let current = first;
  let stopped: { reason: string; lastTry: number } | null = null;
  let standIn: StandIn | null = null;
  let recovering: Promise<void> | null = null;

  function dropStandIn() {
    if (!standIn) return null;
    const dropped = standIn;
    standIn = null;
    embeddedDatabaseReadOnly(-1);
    return dropped;
  }

  async function recover(): Promise<void> {
    if (canReopen()) {
      try {
        // The stopped instance is left to the garbage collector: closing it would run it again.
        current = await reopen();
        stopped = null;
        embeddedDatabaseStopping(-1);
        await dropStandIn()?.discard();
        events.reopened();
        return;
      } catch {
        // Still not possible: the stand-in, if any, goes on.
      }
    }
    if (!standIn && openStandIn) {
      standIn = await openStandIn().catch(() => null);
      if (standIn) {
        embeddedDatabaseReadOnly(+1);
        events.readOnly();
      }
    }
  }

  /** The instance to call now: the live one, or the stand-in while it is stopped; at most every 2 s, recovery is tried first. */
  async function target(): Promise<PGlite> {
    if (!stopped) return current;
    if (!recovering && Date.now() - stopped.lastTry >= RETRY_AFTER_MS) {
      stopped.lastTry = Date.now();
      recovering = recover().finally(() => {
        recovering = null;
      });
    }
    if (recovering) await recovering;
    if (!stopped) return current;
    if (standIn) return standIn.instance;
    throw new EmbeddedDatabaseStopped(stopped.reason);
  }

  function stop(instance: PGlite, reason: string): never {
    if (instance === standIn?.instance) {
      // The stand-in failed in turn: left to the garbage collector too, the next call makes another.
      dropStandIn();
    } else if (!stopped) {
      embeddedDatabaseStopping(+1);
      stopped = { reason, lastTry: Date.now() - RETRY_AFTER_MS };
      events.stopped(reason);
    }
    throw new EmbeddedDatabaseStopped(stopped?.reason ?? reason);
  }

  async function execProtocolRawStream(message: Uint8Array, callOptions: GuardedCallOptions) {
    const instance = await target();
    if (callOptions.expected !== undefined && callOptions.expected !== instance) throw new InstanceReplaced();
    const watch = new AnswerWatch();
    try {
      await instance.execProtocolRawStream(message, {
        onRawData: (piece) => {
          callOptions.onRawData(piece);
          watch.see(piece);
        },
      });
    } catch (error) {
      // PGlite itself failed (not a refused statement): it cannot be trusted with another call.
      stop(instance, error instanceof Error ? error.message : String(error));
    }
    // The caller's connection fails with it: pg's pool drops that connection and opens a new one.
    if (watch.dying) stop(instance, watch.dying);
  }

  async function close() {
    await recovering;
    await dropStandIn()?.discard();
    if (!stopped) await current.close();
  }

  const guarded = new Proxy(first, {
    get(_target, property) {
      if (property === 'execProtocolRawStream') return execProtocolRawStream;
      if (property === 'close') return close;
      if (property === 'waitReady') return current.waitReady;
      const instance = !stopped ? current : standIn?.instance;
      if (!instance) {
        // Any other call would reach the stopped instance.
        const value = Reflect.get(current, property, current);
        return typeof value === 'function' ? () => Promise.reject(new EmbeddedDatabaseStopped(stopped!.reason)) : value;
      }
      const value = Reflect.get(instance, property, instance);
      return typeof value === 'function' ? value.bind(instance) : value;
    },
  });
  liveInstances.set(guarded, () => (!stopped ? current : (standIn?.instance ?? null)));
  return guarded;
}
