import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { createPglite, databaseFromPglite, openPostgres, type Database, type PoolOptions } from '../../src/db/database.ts';
import { migrate, migrationFiles } from '../../src/db/migrate.ts';

const schemaHash = createHash('sha256')
  .update(migrationFiles().map((file) => file.name + file.sql).join('\n'))
  .digest('hex')
  .slice(0, 12);

const cacheDir = new URL('../../.tmp/', import.meta.url).pathname;

/**
 * PGlite: migrate once per schema into a dump, then every test file loads a fresh copy of it.
 * Returns the dump's path (a test may also load it into a data folder on disk).
 */
export async function migratedPgliteDump(): Promise<string> {
  const dump = `${cacheDir}pglite-template-${schemaHash}.tar.gz`;
  if (!existsSync(dump)) {
    const pglite = await createPglite();
    const template = await databaseFromPglite(pglite);
    await migrate(template.db);
    const blob = await pglite.dumpDataDir('gzip');
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${dump}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    renameSync(partial, dump);
    await template.close();
  }
  return dump;
}

async function freshPglite(options: PoolOptions): Promise<Database> {
  const pglite = await createPglite({ loadDataDir: new Blob([readFileSync(await migratedPgliteDump())]) });
  return databaseFromPglite(pglite, options);
}

/** The same server's address, for the database `name`. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** One statement on the server's administration database (CREATE or DROP DATABASE). */
export async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** PostgreSQL: migrate a template database once per schema, then clone it for each test file. */
async function freshPostgres(serverUrl: string, options: PoolOptions): Promise<Database> {
  const template = `domiciliation_tpl_${schemaHash}`;
  const name = `domiciliation_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(740216)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${template}`);
      const setup = openPostgres(withDatabase(serverUrl, template), 1);
      await migrate(setup.db);
      await setup.close();
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock(740216)');
    await admin.end();
  }
  return droppedOnClose(serverUrl, name, openPostgres(withDatabase(serverUrl, name), 10, options));
}

/** The database `name` of the server, opened as `database`, dropped once closed. */
export function droppedOnClose(serverUrl: string, name: string, database: Database): Database {
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name}`);
      await dropper.end();
    },
  };
}

/**
 * A migrated, empty database of its own: PostgreSQL when TEST_DATABASE_URL is set, PGlite otherwise.
 * `options` shape its pool (a short idle timeout, say, to test what follows it).
 */
export function createTestDatabase(options: PoolOptions = {}): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? freshPostgres(serverUrl, options) : freshPglite(options);
}
