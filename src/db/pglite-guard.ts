import { accessSync, constants, statfsSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { EmbeddedDatabaseStopped, embeddedDatabaseStopping } from './storage-errors.ts';

/**
 * PGlite survives most writes refused by a full or read-only disk: the statement fails, the
 * session goes on. But when it cannot write its journal (a new segment in pg_wal, say), the
 * next statement it is given never returns and holds the whole process at 100 % CPU (measured
 * with PGlite 0.5.16: decision 0019). So the answer that says so is the last one it gets: from
 * then on this guard refuses every call, and opens a new instance on the same data folder as
 * soon as it can (PostgreSQL's recovery replays the journal: what was acknowledged is there).
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

export type GuardEvents = { stopped(reason: string): void; reopened(): void };

/** What the person running the server reads in the logs (no personal data: file names and system words). */
export const loggedGuardEvents: GuardEvents = {
  stopped: (reason) =>
    console.error(`Base embarquée arrêtée : écriture impossible dans son journal (${reason}). Libérez de la place sur le disque du dossier de données : elle sera rouverte d'elle-même.`),
  reopened: () => console.error('Base embarquée rouverte : les écritures fonctionnent de nouveau.'),
};

/** A PGlite that stops being called after a failed journal write, and reopens itself later. */
/**
 * Whether the data folder can take a new instance: writable, with room for a journal segment
 * (16 MB) and more. A PGlite that fails to open leaves a handle behind that keeps the process
 * from ever exiting: it is not tried on a disk known to be full or read-only.
 */
export function roomToReopen(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    const disk = statfsSync(folder);
    return disk.bavail * disk.bsize >= 64 * 1024 * 1024;
  } catch {
    return false;
  }
}

export function guardPglite(first: PGlite, reopen: () => Promise<PGlite>, events: GuardEvents = loggedGuardEvents, canReopen: () => boolean = () => true): PGlite {
  let current = first;
  let stopped: { reason: string; lastTry: number } | null = null;
  let reopening: Promise<void> | null = null;

  async function reopenIfDue(): Promise<void> {
    if (!stopped) return;
    if (!reopening && Date.now() - stopped.lastTry >= RETRY_AFTER_MS) {
      if (!canReopen()) {
        stopped.lastTry = Date.now();
        throw new EmbeddedDatabaseStopped(stopped.reason);
      }
      reopening = reopen()
        .then((fresh) => {
          // The stopped instance is left to the garbage collector: closing it would run it again.
          current = fresh;
          stopped = null;
          embeddedDatabaseStopping(-1);
          events.reopened();
        })
        .catch(() => {
          if (stopped) stopped.lastTry = Date.now();
        })
        .finally(() => {
          reopening = null;
        });
    }
    if (reopening) await reopening;
    if (stopped) throw new EmbeddedDatabaseStopped(stopped.reason);
  }

  function stop(reason: string): never {
    if (!stopped) embeddedDatabaseStopping(+1);
    stopped = { reason, lastTry: Date.now() - RETRY_AFTER_MS };
    events.stopped(reason);
    throw new EmbeddedDatabaseStopped(reason);
  }

  async function execProtocolRawStream(message: Uint8Array, options: { onRawData: (piece: Uint8Array) => void }) {
    await reopenIfDue();
    const watch = new AnswerWatch();
    try {
      await current.execProtocolRawStream(message, {
        onRawData: (piece) => {
          options.onRawData(piece);
          watch.see(piece);
        },
      });
    } catch (error) {
      // PGlite itself failed (not a refused statement): it cannot be trusted with another call.
      stop(error instanceof Error ? error.message : String(error));
    }
    // The caller's connection fails with it: pg's pool drops that connection and opens a new one.
    if (watch.dying) stop(watch.dying);
  }

  async function close() {
    await reopening;
    if (!stopped) await current.close();
  }

  return new Proxy(first, {
    get(_target, property) {
      if (property === 'execProtocolRawStream') return execProtocolRawStream;
      if (property === 'close') return close;
      if (property === 'waitReady') return current.waitReady;
      if (stopped) {
        // Any other call would reach the stopped instance.
        const value = Reflect.get(current, property, current);
        return typeof value === 'function' ? () => Promise.reject(new EmbeddedDatabaseStopped(stopped!.reason)) : value;
      }
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
