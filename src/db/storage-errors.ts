/**
 * Errors that say the data folder's disk is full or read-only: the database (or the app)
 * could not write, but nothing is wrong with the request. They deserve « libérez de la place »
 * (507), never « erreur inattendue » (500). PostgreSQL reports them as 53100 (disk_full) or,
 * for a read-only disk, with the system's words in its message (the code varies: 42501, 58030).
 * 25006 (read-only transaction) comes from the read-only copy that serves reads while the
 * embedded database's disk refuses writes (decision 0022): the app itself never asks for one.
 */
const STORAGE_SQLSTATES = new Set(['53100', '25006']);
const STORAGE_ERRNOS = new Set(['ENOSPC', 'EROFS', 'EDQUOT']);
const STORAGE_WORDS = /No space left on device|Read-only file system|Disk quota exceeded/;

/** The embedded database stopped after a failed write to its journal, and cannot be reopened yet. */
export class EmbeddedDatabaseStopped extends Error {
  readonly code = 'EMBEDDED_DATABASE_STOPPED';
  constructor(readonly reason: string) {
    super(`PGlite stopped: ${reason}`);
  }
}

function check(error: unknown, depth: number, found: (error: object) => boolean): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  if (found(error)) return true;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  if (Array.isArray(errors) && errors.some((inner) => check(inner, depth + 1, found))) return true;
  return check(cause, depth + 1, found);
}

export function isStorageFull(error: unknown): boolean {
  return check(error, 0, (candidate) => {
    const { code, message } = candidate as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (STORAGE_SQLSTATES.has(code) || STORAGE_ERRNOS.has(code))) return true;
    return typeof message === 'string' && STORAGE_WORDS.test(message);
  });
}

/** For a write that may be lost without harm: ignores a storage error, rethrows any other. */
export function unlessStorageFull(error: unknown): void {
  if (!isStorageFull(error)) throw error;
}

// How many embedded databases of this process are stopped now (one, but tests may open several).
let stoppedDatabases = 0;
export function embeddedDatabaseStopping(change: 1 | -1) {
  stoppedDatabases += change;
}

// How many of them serve reads from a read-only copy meanwhile.
let readOnlyDatabases = 0;
export function embeddedDatabaseReadOnly(change: 1 | -1) {
  readOnlyDatabases += change;
}

/** Reads are served, every write is refused: the health check says the service is degraded. */
export function isEmbeddedDatabaseReadOnly(): boolean {
  return readOnlyDatabases > 0;
}

/**
 * The error is the stop itself, or came while the embedded database is stopped: a transaction
 * cut by the stop fails on its ROLLBACK with pg's « not queryable », which says less.
 */
export function isEmbeddedDatabaseStopped(error: unknown): boolean {
  return stoppedDatabases > readOnlyDatabases || check(error, 0, (candidate) => candidate instanceof EmbeddedDatabaseStopped);
}
