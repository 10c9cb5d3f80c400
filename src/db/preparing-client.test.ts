import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase } from '../../test/helpers/test-database.ts';
import type { Database } from './database.ts';
import type { DB } from './schema.ts';
import { MAX_PREPARED_PER_CONNECTION, plannedWithValues } from './preparing-client.ts';

let database: Database;
before(async () => (database = await createTestDatabase()));
after(() => database.close());

const preparedTexts = async (db: Kysely<DB>) =>
  (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db)).rows.map((row) => row.statement);

/** Runs on one connection of the pool, so what it prepared is visible to it. */
const onOneConnection = <T>(work: (db: Kysely<DB>) => Promise<T>) => database.db.connection().execute(work);

test('a statement with parameters is prepared once per connection and answers with each run’s values', async () => {
  await onOneConnection(async (db) => {
    const twice = sql<{ n: number }>`SELECT ${1}::int + 41 AS n`;
    assert.equal((await twice.execute(db)).rows[0]!.n, 42);
    assert.equal((await sql<{ n: number }>`SELECT ${2}::int + 41 AS n`.execute(db)).rows[0]!.n, 43);
    const texts = await preparedTexts(db);
    assert.equal(texts.filter((text) => text === 'SELECT $1::int + 41 AS n').length, 1);
  });
});

test('a statement without parameters stays a simple query (several statements in one text still run)', async () => {
  await onOneConnection(async (db) => {
    await sql`CREATE TEMP TABLE unprepared_probe (n int); INSERT INTO unprepared_probe VALUES (7)`.execute(db);
    assert.deepEqual((await sql<{ n: number }>`SELECT n FROM unprepared_probe`.execute(db)).rows, [{ n: 7 }]);
    assert.ok(!(await preparedTexts(db)).some((text) => text.includes('unprepared_probe')));
  });
});

test('a statement marked as planned with its values is never prepared', async () => {
  await onOneConnection(async (db) => {
    for (const value of [3, 4, 5, 6, 7, 8]) assert.equal((await sql<{ n: number }>`SELECT ${value}::int - 3 AS n ${plannedWithValues}`.execute(db)).rows[0]!.n, value - 3);
    assert.ok(!(await preparedTexts(db)).some((text) => text.includes('- 3 AS n')));
  });
});

test('a statement that failed to prepare inside an aborted transaction is prepared again afterwards', async () => {
  await onOneConnection(async (db) => {
    await sql`BEGIN`.execute(db);
    await assert.rejects(sql`SELECT 1 / ${0}::int`.execute(db), /division by zero/);
    await assert.rejects(sql`SELECT ${5}::int * 2 AS n`.execute(db), /current transaction is aborted/);
    await sql`ROLLBACK`.execute(db);
    assert.deepEqual((await sql<{ n: number }>`SELECT ${5}::int * 2 AS n`.execute(db)).rows, [{ n: 10 }]);
  });
});

test('past the bound, new statements run unnamed and still answer', async () => {
  await onOneConnection(async (db) => {
    for (let index = 0; index <= MAX_PREPARED_PER_CONNECTION; index++) {
      assert.equal((await sql<{ n: number }>`SELECT ${index}::int AS n, ${sql.lit(index)} AS shape`.execute(db)).rows[0]!.n, index);
    }
    const texts = await preparedTexts(db);
    assert.equal(texts.length, MAX_PREPARED_PER_CONNECTION);
    assert.ok(!texts.includes(`SELECT $1::int AS n, ${MAX_PREPARED_PER_CONNECTION} AS shape`));
  });
});
