import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, TABLES_LEFT_OUT, keyFingerprint, type BackupHeader, type BackupValue } from './backup-format.ts';
import { quoteIdentifier, readSequences, readTables, type CatalogTable } from './backup-catalog.ts';
import { DEFAULT_IDLE_TIMEOUT_MS, type Database } from './database.ts';

/** Types whose value pg hands back unchanged; every other is read as PostgreSQL's own text. */
const READ_AS_IS = new Set(['uuid', 'text', 'varchar', 'bpchar', 'bool', 'int2', 'int4', 'bytea']);

/**
 * Rows read per round trip. On PGlite each FETCH runs on the application's only connection,
 * between its requests: a small batch keeps each turn short.
 */
const BATCH = { pglite: 250, postgres: 2000 };

let cursorCounter = 0;

type Snapshot = {
  tables: CatalogTable[];
  header: BackupHeader;
  fetch(table: number): Promise<BackupValue[][]>;
  /** Keeps the cursors' session in use while the output is slow (see withSnapshot). */
  keepAlive(): Promise<void>;
};

/** A FETCH on a cursor that no longer exists: the session was reset under the backup. */
const INVALID_CURSOR_NAME = '34000';

/**
 * Between two keep-alive queries while the output is slow: well under the pool's idle timeout
 * (DATABASE_IDLE_TIMEOUT_MS; 0 means a connection is never closed for being idle).
 */
export const keepAliveInterval = (idleTimeoutMs: number) => (idleTimeoutMs > 0 ? Math.max(10, Math.floor(idleTimeoutMs / 3)) : 60_000);

/** The text forms of dates and times must not depend on the server's or session's settings. */
async function fixTextSettings(db: Kysely<any>) {
  await sql`SET LOCAL DateStyle = 'ISO, YMD'`.execute(db);
  await sql`SET LOCAL TimeZone = 'UTC'`.execute(db);
  await sql`SET LOCAL IntervalStyle = 'postgres'`.execute(db);
  await sql`SET LOCAL extra_float_digits = 3`.execute(db);
}

function toValue(value: unknown): BackupValue {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  return value as BackupValue;
}

/**
 * Opens the cursors of every table in one snapshot and gives the header. PostgreSQL: one
 * REPEATABLE READ transaction on a connection of its own for the whole backup. PGlite has a
 * single session, shared with the application: the cursors are declared WITH HOLD in one
 * short transaction, whose commit copies the snapshot aside, then read between requests.
 */
async function withSnapshot<T>(database: Database, secretKey: Buffer, body: (snapshot: Snapshot) => Promise<T>): Promise<T> {
  const holdOutside = database.engine === 'pglite';
  const prefix = `domiciliation_backup_${process.pid}_${++cursorCounter}`;
  const cursors: string[] = [];
  const open = async (conn: Kysely<any>) => {
    await sql`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`.execute(conn);
    await fixTextSettings(conn);
    const { rows: schema } = await sql<{ found: boolean }>`SELECT to_regclass('schema_migrations') IS NOT NULL AS found`.execute(conn);
    if (!schema[0]!.found) throw new BackupError("Cette base n'a jamais été préparée par l'application (aucune migration) : il n'y a rien à sauvegarder.");
    const tables = (await readTables(conn)).filter((table) => !(table.name in TABLES_LEFT_OUT));
    const sequences: BackupHeader['sequences'] = [];
    for (const { table, column, sequence } of await readSequences(conn)) {
      if (table in TABLES_LEFT_OUT) continue;
      const { rows } = await sql.raw<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${quoteIdentifier(sequence)}`).execute(conn);
      sequences.push({ table, column, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
    }
    const { rows: migrations } = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(conn);
    for (const [index, table] of tables.entries()) {
      const columns = table.columns.map((column, i) => `${quoteIdentifier(column.name)}${READ_AS_IS.has(column.typeName) ? '' : '::text'} AS c${i}`);
      const cursor = `${prefix}_${index}`;
      await sql.raw(`DECLARE ${cursor} NO SCROLL CURSOR ${holdOutside ? 'WITH HOLD ' : ''}FOR SELECT ${columns.join(', ')} FROM ${quoteIdentifier(table.name)}`).execute(conn);
      cursors.push(cursor);
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      engine: database.engine,
      migrations: migrations.map((row) => row.name),
      keyFingerprint: keyFingerprint(secretKey),
      sequences,
    };
    return { tables, header };
  };
  const fetcher = (runner: Kysely<any>, tables: CatalogTable[]) => async (index: number) => {
    const { rows } = await sql
      .raw<Record<string, unknown>>(`FETCH ${BATCH[database.engine]} FROM ${cursors[index]}`)
      .execute(runner)
      .catch((error) => {
        if ((error as { code?: string }).code !== INVALID_CURSOR_NAME) throw error;
        throw new BackupError("La sauvegarde a été interrompue : la session de la base a été réinitialisée pendant la lecture. Relancez-la ; rien n'a été écrit sous le nom demandé.");
      });
    const width = tables[index]!.columns.length;
    return rows.map((row) => Array.from({ length: width }, (_, i) => toValue(row[`c${i}`])));
  };

  if (!holdOutside) {
    return database.db.connection().execute(async (conn) => {
      try {
        const { tables, header } = await open(conn);
        const result = await body({ tables, header, fetch: fetcher(conn, tables), keepAlive: async () => {} });
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (error) {
        await sql`ROLLBACK`.execute(conn).catch(() => {});
        throw error;
      }
    });
  }
  const { tables, header } = await database.db.connection().execute(async (conn) => {
    try {
      const opened = await open(conn);
      await sql`COMMIT`.execute(conn);
      return opened;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => {});
      cursors.length = 0;
      throw error;
    }
  });
  try {
    // The pool closes a connection idle for its idle timeout, and the next one starts with a reset
    // session (DISCARD ALL closes the cursors): a query now and then while the output is slow
    // keeps the connection in use.
    const keepAlive = async () => void (await sql`SELECT 1`.execute(database.db));
    return await body({ tables, header, fetch: fetcher(database.db, tables), keepAlive });
  } finally {
    for (const cursor of cursors) await sql.raw(`CLOSE ${cursor}`).execute(database.db).catch(() => {});
  }
}

export type BackupSummary = { rows: Record<string, number>; migrations: number };

/**
 * Writes a consistent backup of the whole database to `output` (decision 0021), compressed,
 * waiting whenever the output is slower than the database, and ends `output` once done.
 */
export async function writeBackup(database: Database, output: Writable, options: { secretKey: Buffer; keepAliveMs?: number }): Promise<BackupSummary> {
  const keepAliveMs = options.keepAliveMs ?? keepAliveInterval(DEFAULT_IDLE_TIMEOUT_MS);
  const gzip = createGzip();
  const done = pipeline(gzip, output);
  done.catch(() => {});
  try {
    const summary = await withSnapshot(database, options.secretKey, async ({ tables, header, fetch, keepAlive }) => {
      const write = async (text: string) => {
        if (gzip.write(text)) return;
        let drained = false;
        const drain = Promise.race([once(gzip, 'drain'), done]).finally(() => (drained = true));
        while (!drained) {
          await Promise.race([drain, delay(keepAliveMs, undefined, { ref: false })]);
          if (!drained) await keepAlive();
        }
        await drain;
      };
      await write(`${JSON.stringify(header)}\n`);
      const rows: Record<string, number> = {};
      for (const [index, table] of tables.entries()) {
        await write(`${JSON.stringify({ table: table.name, columns: table.columns.map((column) => column.name) })}\n`);
        rows[table.name] = 0;
        for (;;) {
          const batch = await fetch(index);
          if (batch.length === 0) break;
          rows[table.name] = (rows[table.name] ?? 0) + batch.length;
          await write(`${batch.map((values) => JSON.stringify(values)).join('\n')}\n`);
        }
      }
      await write(`${JSON.stringify({ end: true, rows })}\n`);
      return { rows, migrations: header.migrations.length };
    });
    gzip.end();
    await done;
    return summary;
  } catch (error) {
    gzip.destroy(error as Error);
    await done.catch(() => {});
    throw error;
  }
}
