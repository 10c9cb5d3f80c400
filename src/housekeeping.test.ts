import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { everyTenMinutes } from './housekeeping.ts';
import { openSession, sessionKey } from './domain/sessions/sessions.service.ts';

let t: TestApp;
before(async () => (t = await createTestApp()));
after(() => t.close());

test('every ten minutes: expired sessions go, live ones stay, and PGlite (no autovacuum) is vacuumed', async () => {
  const subject = randomUUID();
  const expired = await openSession(t.db, 'staff', subject, new Date(Date.now() - 40 * 86_400_000));
  const live = await openSession(t.db, 'staff', subject);
  await everyTenMinutes(t.database);
  const left = await t.db.selectFrom('sessions').select('id_hash').where('subject_id', '=', subject).execute();
  assert.deepEqual(left.map((row) => row.id_hash), [sessionKey(live)]);
  assert.notEqual(sessionKey(expired), sessionKey(live));
  if (t.database.engine === 'pglite') {
    const vacuumed = await sql<{ relname: string }>`SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL AND relname IN ('domicilies', 'courrier_items')`.execute(t.db);
    assert.deepEqual(vacuumed.rows.map((row) => row.relname).sort(), ['courrier_items', 'domicilies']);
  }
});
