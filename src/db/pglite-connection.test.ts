import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createPglite, databaseFromPglite, type Database } from './database.ts';

// pg's client over PGlite through PgliteConnection, whatever TEST_DATABASE_URL says.
let database: Database;
before(async () => (database = await databaseFromPglite(await createPglite())));
after(() => database.close());

test('an answer larger than one piece of PGlite’s output arrives whole and in order', async () => {
  const { rows } = await sql<{ n: number; text: string }>`SELECT n, repeat('é', 50) || n AS text FROM generate_series(1, ${30_000}::int) AS n`.execute(database.db);
  assert.equal(rows.length, 30_000);
  assert.ok(rows.every((row, index) => row.n === index + 1 && row.text === `${'é'.repeat(50)}${index + 1}`));
});

test('an SQL error rejects its statement with PostgreSQL’s code, and the next statements still run', async () => {
  await assert.rejects(sql`SELECT 1 / ${0}::int`.execute(database.db), { code: '22012' });
  await assert.rejects(sql`SELECT * FROM no_such_table`.execute(database.db), { code: '42P01' });
  assert.equal((await sql<{ n: number }>`SELECT ${41}::int + 1 AS n`.execute(database.db)).rows[0]!.n, 42);
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
