import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase } from '../../test/helpers/test-database.ts';
import { isDatabaseUnavailable } from './connection-errors.ts';
import type { Database } from './database.ts';
import type { DB } from './schema.ts';

// The pool's session settings, on both engines (TEST_DATABASE_URL or PGlite), across idle timeouts.
const IDLE_MS = 100;
let database: Database;
before(async () => (database = await createTestDatabase({ idleTimeoutMillis: IDLE_MS, sessionSettings: { TimeZone: 'Pacific/Tahiti', session_replication_role: 'replica' } })));
after(() => database.close());

const settingsOf = async (db: Kysely<DB>) =>
  (await sql<{ zone: string; role: string }>`SELECT current_setting('TimeZone') AS zone, current_setting('session_replication_role') AS role`.execute(db)).rows[0];

test('the pool’s session settings hold on every connection it opens, the ones opened after an idle timeout included', async () => {
  // Defect 11: a bench lane left idle got a new connection without session_replication_role.
  for (let round = 0; round < 3; round++) {
    const seen = await Promise.all([0, 1, 2].map(() => database.db.connection().execute(async (db) => (await sql`SELECT pg_sleep(0.05)`.execute(db), settingsOf(db)))));
    for (const settings of seen) assert.deepEqual(settings, { zone: 'Pacific/Tahiti', role: 'replica' });
    await sleep(IDLE_MS * 4);
  }
});

test('a SET run outside the pool’s settings does not outlive the connection: after an idle timeout it is gone', async () => {
  await sql`SET TimeZone = 'UTC'`.execute(database.db);
  assert.equal((await settingsOf(database.db))!.zone, 'UTC');
  await sleep(IDLE_MS * 4);
  assert.equal((await settingsOf(database.db))!.zone, 'Pacific/Tahiti');
});

test('a connection cut while it is lent out fails its next query as « unavailable » and never ends the process; the pool then opens another (PostgreSQL)', { skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL seulement : PGlite n’a qu’une session, qu’on ne peut pas couper' }, async () => {
  await database.db.connection().execute(async (lent) => {
    const { pid } = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(lent)).rows[0]!;
    // Another connection of the pool ends this one, as an administrator or a server restart would.
    await sql`SELECT pg_terminate_backend(${pid})`.execute(database.db);
    await sleep(300);
    const error = await sql`SELECT 1`.execute(lent).then(() => null, (failure: unknown) => failure);
    assert.ok(isDatabaseUnavailable(error), `the query after the cut is refused as unavailable (${String(error)})`);
  });
  assert.deepEqual(await settingsOf(database.db), { zone: 'Pacific/Tahiti', role: 'replica' });
});
