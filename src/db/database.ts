import { join } from 'node:path';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { pgliteConfig } from './pglite-connection.ts';
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
 * here: a deployment on PostgreSQL never holds it in memory (30 MB of RSS).
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

export function databaseFromPool(pool: pg.Pool, engine: Engine, onClose: () => Promise<void> = async () => {}): Database {
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

export function openPostgres(databaseUrl: string, max = 10): Database {
  return databaseFromPool(new pg.Pool({ connectionString: databaseUrl, max, Client: PreparingClient }), 'postgres');
}

/** Wraps an open PGlite: its pool has one connection, so never nest `db` calls in a transaction. */
export async function databaseFromPglite(pglite: PGlite, onClose: () => Promise<void> = async () => {}): Promise<Database> {
  return databaseFromPool(new pg.Pool({ ...pgliteConfig(pglite), Client: PreparingClient } as pg.PoolConfig), 'pglite', async () => {
    await pglite.close();
    await onClose();
  });
}

export async function openEmbedded(dataDir: string): Promise<Database> {
  const unlock = lockDataDir(dataDir);
  try {
    const pglite = await createPglite({ dataDir: join(dataDir, 'pglite') });
    return await databaseFromPglite(pglite, async () => unlock());
  } catch (error) {
    unlock();
    throw error;
  }
}

export async function openDatabase(options: { databaseUrl?: string; databasePoolSize: number; dataDir: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.databasePoolSize) : openEmbedded(options.dataDir);
}
