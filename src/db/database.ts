import { join } from 'node:path';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { pgliteConfig } from './pglite-connection.ts';
import { guardPglite, roomToReopen } from './pglite-guard.ts';
import { readOnlyCopy } from './pglite-stand-in.ts';
import { PreparingClient } from './preparing-client.ts';
import type { DB } from './schema.ts';

// SQL dates stay 'YYYY-MM-DD' strings: a Date object would shift them with the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Engine = 'pglite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
};

/**
 * Starts PGlite with the extensions the migrations need. The embedded engine is loaded only
 * here: a deployment on PostgreSQL never holds it in memory.
 */
export async function createPglite(options: PGliteOptions = {}): Promise<PGlite> {
  const [{ PGlite }, { btree_gin }, { pg_trgm }, { unaccent }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/btree_gin'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
  ]);
  return PGlite.create({ ...options, extensions: { pg_trgm, unaccent, btree_gin } });
}

/** How a pool opens, keeps and loses its connections (decision 0017). */
export type PoolOptions = {
  /** A connection idle this long is closed, and a new one opened at the next query (0: kept). */
  idleTimeoutMillis?: number;
  /** Settings every connection of the pool starts with, whenever the pool opens it. */
  sessionSettings?: Record<string, string>;
  /** Told when an idle connection is lost (the server restarting): the pool opens a new one at the next query. */
  onConnectionLost?: (error: unknown) => void;
};

/** pg's default: nothing to gain from a longer one on PGlite, and PostgreSQL frees the server process. */
export const DEFAULT_IDLE_TIMEOUT_MS = 10_000;

/** Past this, a request waiting for PostgreSQL gets the « service indisponible » page rather than hanging. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Only what pg says of the connection: a database error's detail may quote the values of a row. */
export function describeDatabaseError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return [typeof code === 'string' ? code : undefined, typeof message === 'string' ? message : String(error)].filter(Boolean).join(' ');
}

const logConnectionLost = (error: unknown) =>
  console.error(`Connexion à la base de données perdue (${describeDatabaseError(error)}) ; une nouvelle sera ouverte à la prochaine requête.`);

function settingsStatement(settings: Record<string, string>): string {
  return Object.entries(settings)
    .map(([name, value]) => {
      if (!/^[a-z_][a-z0-9_.]*$/i.test(name)) throw new Error(`Nom de réglage PostgreSQL invalide : ${name}`);
      return `SET ${name} = ${pg.escapeLiteral(value)}`;
    })
    .join('; ');
}

function poolConfig(options: PoolOptions): pg.PoolConfig {
  const settings = options.sessionSettings && Object.keys(options.sessionSettings).length > 0 ? settingsStatement(options.sessionSettings) : undefined;
  return {
    Client: PreparingClient as unknown as pg.PoolConfig['Client'],
    idleTimeoutMillis: options.idleTimeoutMillis ?? DEFAULT_IDLE_TIMEOUT_MS,
    // pg-pool waits for this hook before lending a new connection, and drops the connection if it fails.
    onConnect: settings ? ((client: pg.ClientBase) => client.query(settings)) as pg.PoolConfig['onConnect'] : undefined,
  };
}

export function databaseFromPool(pool: pg.Pool, engine: Engine, options: PoolOptions = {}, onClose: () => Promise<void> = async () => {}): Database {
  // Without a listener, an idle connection lost (57P01 when PostgreSQL stops) would end the process.
  pool.on('error', options.onConnectionLost ?? logConnectionLost);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine,
    async close() {
      await db.destroy();
      await onClose();
    },
  };
}

export function openPostgres(databaseUrl: string, max = 10, options: PoolOptions = {}): Database {
  const pool = new pg.Pool({ ...poolConfig(options), connectionString: databaseUrl, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  return databaseFromPool(pool, 'postgres', options);
}

/** Wraps an open PGlite: its pool has one connection, so never nest `db` calls in a transaction. */
export async function databaseFromPglite(pglite: PGlite, options: PoolOptions & { onClose?: () => Promise<void> } = {}): Promise<Database> {
  const pool = new pg.Pool({ ...poolConfig(options), ...pgliteConfig(pglite) } as pg.PoolConfig);
  return databaseFromPool(pool, 'pglite', options, async () => {
    await pglite.close();
    await options.onClose?.();
  });
}

export async function openEmbedded(dataDir: string, options: PoolOptions = {}): Promise<Database> {
  const unlock = lockDataDir(dataDir);
  try {
    const folder = join(dataDir, 'pglite');
    const open = () => createPglite({ dataDir: folder });
    // A failed write to its journal (full or read-only disk) would freeze PGlite: decisions 0019 and 0022.
    const pglite = guardPglite(await open(), { reopen: open, canReopen: () => roomToReopen(dataDir), standIn: readOnlyCopy(folder, createPglite) });
    return await databaseFromPglite(pglite, { ...options, onClose: async () => unlock() });
  } catch (error) {
    unlock();
    throw error;
  }
}

export async function openDatabase(
  options: { databaseUrl?: string; databasePoolSize: number; dataDir: string; databaseIdleTimeoutMs?: number },
  poolOptions: PoolOptions = {},
): Promise<Database> {
  const pool = { idleTimeoutMillis: options.databaseIdleTimeoutMs, ...poolOptions };
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.databasePoolSize, pool) : openEmbedded(options.dataDir, pool);
}
