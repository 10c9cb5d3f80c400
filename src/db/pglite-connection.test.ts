import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import type { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { createPglite, databaseFromPglite, type Database } from './database.ts';
import { pgliteConfig } from './pglite-connection.ts';
import { MAX_PREPARED_PER_CONNECTION, PreparingClient } from './preparing-client.ts';
import type { DB } from './schema.ts';

// pg's client over PGlite through PgliteConnection, whatever TEST_DATABASE_URL says. The pool
// closes its connection after 100 ms idle, so the tests can cross that line cheaply.
const IDLE_MS = 100;
let pglite: PGlite;
let database: Database;
const lost: unknown[] = [];
before(async () => {
  pglite = await createPglite();
  database = await databaseFromPglite(pglite, { idleTimeoutMillis: IDLE_MS, sessionSettings: { TimeZone: 'Pacific/Tahiti' }, onConnectionLost: (error) => lost.push(error) });
});
after(() => database.close());

const pastIdle = () => sleep(IDLE_MS * 4);
const one = async <T>(query: { execute(db: Kysely<DB>): Promise<{ rows: T[] }> }) => (await query.execute(database.db)).rows[0]!;
const preparedTexts = async () => (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(database.db)).rows.map((row) => row.statement);

test('an answer larger than one piece of PGlite’s output arrives whole and in order', async () => {
  const { rows } = await sql<{ n: number; text: string }>`SELECT n, repeat('é', 50) || n AS text FROM generate_series(1, ${30_000}::int) AS n`.execute(database.db);
  assert.equal(rows.length, 30_000);
  assert.ok(rows.every((row, index) => row.n === index + 1 && row.text === `${'é'.repeat(50)}${index + 1}`));
});

test('an SQL error rejects its statement with PostgreSQL’s code, and the next statements still run', async () => {
  await assert.rejects(sql`SELECT 1 / ${0}::int`.execute(database.db), { code: '22012' });
  await assert.rejects(sql`SELECT * FROM no_such_table`.execute(database.db), { code: '42P01' });
  assert.equal((await one(sql<{ n: number }>`SELECT ${41}::int + 1 AS n`)).n, 42);
});

test('a transaction rolled back after an error leaves nothing written', async () => {
  await sql`CREATE TABLE pieces (n int PRIMARY KEY)`.execute(database.db);
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO pieces VALUES (${1})`.execute(trx);
      await sql`INSERT INTO pieces VALUES (${1})`.execute(trx);
    }),
    { code: '23505' },
  );
  assert.deepEqual((await sql`SELECT n FROM pieces`.execute(database.db)).rows, []);
});

test('after the idle timeout the next connection starts a clean session: its statements never clash with the previous one’s', async () => {
  // Defect 1: the pool's new client named its first statement s1 while the PGlite session still held s1.
  assert.equal((await one(sql<{ n: number }>`SELECT ${1}::int AS n`)).n, 1);
  await sql`SET TimeZone = 'UTC'`.execute(database.db);
  await sql`CREATE TEMP TABLE left_behind (n int)`.execute(database.db);
  await pastIdle();
  for (const value of [2, 3]) assert.equal((await one(sql<{ text: string }>`SELECT ${value}::text || 'x' AS text`)).text, `${value}x`);
  assert.equal((await one(sql<{ n: number }>`SELECT ${4}::int AS n`)).n, 4);
  assert.deepEqual(new Set(await preparedTexts()), new Set([`SELECT $1::text || 'x' AS text`, 'SELECT $1::int AS n']));
  assert.equal((await one(sql<{ zone: string }>`SELECT current_setting('TimeZone') AS zone`)).zone, 'Pacific/Tahiti', 'the pool’s session settings hold for the new connection');
  assert.equal((await one(sql<{ found: string | null }>`SELECT to_regclass('pg_temp.left_behind')::text AS found`)).found, null);
  assert.deepEqual(lost, [], 'closing an idle connection is not a loss');
});

test('a transaction left open by a connection that went away is rolled back before the next one starts', async () => {
  await sql`CREATE TABLE unfinished (n int)`.execute(database.db);
  await assert.rejects(
    database.db.connection().execute(async (db) => {
      await sql`BEGIN`.execute(db);
      await sql`INSERT INTO unfinished VALUES (${1})`.execute(db);
      // The client dies with its transaction open, as when PGlite fails under it.
      const original = pglite.execProtocolRawStream;
      pglite.execProtocolRawStream = async () => {
        pglite.execProtocolRawStream = original;
        throw new Error('panne simulée au milieu d’une instruction');
      };
      await sql`INSERT INTO unfinished VALUES (${2})`.execute(db);
    }),
    /panne simulée/,
  );
  assert.equal(pglite.isInTransaction(), true, 'the session itself still holds the transaction');
  assert.equal((await one(sql<{ count: string }>`SELECT count(*) AS count FROM unfinished WHERE n > ${0}`)).count, '0');
  assert.equal(pglite.isInTransaction(), false);
});

test('a statement that fails to parse under its name can run again, and others still get names', async () => {
  for (let attempt = 0; attempt < 2; attempt++) await assert.rejects(sql`SELECT no_such_column FROM pieces WHERE n = ${attempt}`.execute(database.db), { code: '42703' });
  assert.equal((await one(sql<{ n: number }>`SELECT ${7}::int * 6 AS n`)).n, 42);
  assert.ok((await preparedTexts()).includes('SELECT $1::int * 6 AS n'));
  assert.ok(!(await preparedTexts()).some((text) => text.includes('no_such_column')));
});

test('more statement shapes than a connection keeps prepared, across reconnections, all answer right', async () => {
  await pastIdle();
  for (let round = 0; round < 2; round++) {
    await database.db.connection().execute(async (db) => {
      for (let index = 0; index <= MAX_PREPARED_PER_CONNECTION + 20; index++) {
        assert.equal((await sql<{ n: number }>`SELECT ${index}::int + ${sql.lit(round)} AS n, ${sql.lit(index)} AS shape`.execute(db)).rows[0]!.n, index + round);
      }
    });
    assert.equal((await preparedTexts()).length, MAX_PREPARED_PER_CONNECTION);
    await pastIdle();
  }
});

test('each client pg opens talks through a connection object of its own: listeners never pile up on a shared one', async () => {
  await pastIdle();
  // A pool of its own over the same PGlite, to reach pg's clients (the database's pool is idle meanwhile).
  const pool = new pg.Pool({ ...pgliteConfig(pglite), Client: PreparingClient, idleTimeoutMillis: IDLE_MS } as pg.PoolConfig);
  try {
    const connections: EventEmitter[] = [];
    for (let round = 0; round < 3; round++) {
      const client = await pool.connect();
      connections.push((client as unknown as { connection: EventEmitter }).connection);
      assert.deepEqual((await client.query('SELECT $1::int AS n', [round])).rows, [{ n: round }]);
      client.release();
      await pastIdle();
    }
    assert.equal(new Set(connections).size, 3);
    for (const connection of connections) assert.equal(connection.listenerCount('rowDescription'), 1);
  } finally {
    await pool.end();
  }
});
