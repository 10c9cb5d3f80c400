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

test('every ten minutes: an imported file kept beyond a few hours goes, its import abandoned (a preview) or failed (left running)', async () => {
  const structure = await t.db.insertInto('structures').values({ name: `Imports ${randomUUID()}`, type: 'ccas', street: '1 rue', postcode: '69001', city: 'Lyon' }).returning('id').executeTakeFirstOrThrow();
  const held = { iv: Buffer.alloc(12), tag: Buffer.alloc(16), file: Buffer.from('chiffré') };
  const importRow = (state: 'ready' | 'checking', hoursAgo: number) =>
    t.db
      .insertInto('imports')
      .values({ structure_id: structure.id, file_name: 'f.xlsx', file_size: 7, state, sealed_iv: held.iv, sealed_tag: held.tag, sealed_file: held.file, updated_at: new Date(Date.now() - hoursAgo * 3_600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
  const oldPreview = await importRow('ready', 4);
  const recentPreview = await importRow('ready', 1);
  const leftRunning = await importRow('checking', 5);
  await everyTenMinutes(t.database);
  const rows = await t.db.selectFrom('imports').select(['id', 'state', 'sealed_file']).where('structure_id', '=', structure.id).execute();
  const byId = new Map(rows.map((row) => [row.id, [row.state, row.sealed_file === null]]));
  assert.deepEqual(byId.get(oldPreview.id), ['abandoned', true]);
  assert.deepEqual(byId.get(recentPreview.id), ['ready', false]);
  assert.deepEqual(byId.get(leftRunning.id), ['failed', true]);
});

test('every ten minutes: a finished import forgets the names its result page listed after a few hours, and keeps its counts', async () => {
  const structure = await t.db.insertInto('structures').values({ name: `Imports ${randomUUID()}`, type: 'ccas', street: '1 rue', postcode: '69001', city: 'Lyon' }).returning('id').executeTakeFirstOrThrow();
  const named = { line: 3, nom: 'Quennehen', prenom: 'Zéphyrine', birthDate: '1980-02-28' };
  const result = { rows: 2, created: 1, firstRows: [named], duplicates: { count: 1, shown: [named] }, skipped: { count: 1, shown: [named] } };
  const finished = (hoursAgo: number) =>
    t.db
      .insertInto('imports')
      .values({ structure_id: structure.id, file_name: 'f.xlsx', file_size: 7, state: 'done', summary: JSON.stringify(result), result: JSON.stringify(result), finished_at: new Date(Date.now() - hoursAgo * 3_600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
  const old = await finished(4);
  const recent = await finished(1);
  await everyTenMinutes(t.database);
  const rows = await t.db.selectFrom('imports').select(['id', 'summary', 'result']).where('structure_id', '=', structure.id).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  assert.equal(byId.get(old.id)!.summary, null);
  assert.deepEqual(byId.get(old.id)!.result, { rows: 2, created: 1, firstRows: [], duplicates: { count: 1, shown: [] }, skipped: { count: 1, shown: [] } });
  assert.doesNotMatch(JSON.stringify(byId.get(old.id)), /Quennehen/);
  assert.match(JSON.stringify(byId.get(recent.id)!.result), /Quennehen/, 'the result page lists them while the import is recent');
});
