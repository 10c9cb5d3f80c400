import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDomicilie, createStructure } from '../../../test/helpers/factories.ts';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import type { Database } from '../../db/database.ts';
import { deleteDomicilie } from './domicilies.repository.ts';

let database: Database;
before(async () => (database = await createTestDatabase()));
after(() => database.close());

/** The structure's distinct words and their counts as stored, next to what the names say. */
async function storedAndExpected(structureId: string) {
  const db = database.db;
  const stored = await db.selectFrom('structure_words').select(['word', 'people']).where('structure_id', '=', structureId).orderBy('word').execute();
  const expected = await db
    .selectFrom('domicilie_words')
    .select(['word', (eb) => eb.fn.countAll<number>().as('people')])
    .where('structure_id', '=', structureId)
    .groupBy('word')
    .orderBy('word')
    .execute();
  return { stored, expected: expected.map((row) => ({ word: row.word, people: Number(row.people) })) };
}

test('the distinct words of a structure follow its names: created, renamed, deleted, in one statement or many', async () => {
  const structureId = await createStructure(database.db);
  const other = await createStructure(database.db);
  const marie = await createDomicilie(database.db, structureId, { nom: 'Martin', prenom: 'Marie' });
  const jean = await createDomicilie(database.db, structureId, { nom: 'Martin', prenom: 'Jean-Pierre' });
  await createDomicilie(database.db, other, { nom: 'Martin', prenom: 'Zoé' });
  let { stored, expected } = await storedAndExpected(structureId);
  assert.deepEqual(stored, [
    { word: 'jean', people: 1 },
    { word: 'marie', people: 1 },
    { word: 'martin', people: 2 },
    { word: 'pierre', people: 1 },
  ]);
  assert.deepEqual(stored, expected);

  await database.db.updateTable('domicilies').set({ nom: 'Quéméner', surnom: 'Jeannot' }).where('id', '=', jean.id).execute();
  ({ stored, expected } = await storedAndExpected(structureId));
  assert.deepEqual(stored, expected);
  assert.deepEqual(stored.find((row) => row.word === 'martin'), { word: 'martin', people: 1 });
  assert.ok(stored.some((row) => row.word === 'quemener'));

  await deleteDomicilie(database.db, structureId, marie.id);
  ({ stored, expected } = await storedAndExpected(structureId));
  assert.deepEqual(stored, expected);
  assert.ok(!stored.some((row) => row.word === 'marie' || row.word === 'martin'), 'a word leaves with its last name');
  assert.deepEqual((await storedAndExpected(other)).stored.map((row) => row.word), ['martin', 'zoe'], 'another structure keeps its own');
});

test('a failed change leaves the counts as they were', async () => {
  const structureId = await createStructure(database.db);
  const { id } = await createDomicilie(database.db, structureId, { nom: 'Lefèvre', prenom: 'Anaïs' });
  const before = await storedAndExpected(structureId);
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      await trx.updateTable('domicilies').set({ nom: 'Dupont' }).where('id', '=', id).execute();
      throw new Error('abandoned');
    }),
    /abandoned/,
  );
  assert.deepEqual(await storedAndExpected(structureId), before);
});
