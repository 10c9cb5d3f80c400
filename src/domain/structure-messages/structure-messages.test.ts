import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { administrateurOf, createStaff, createStructure } from '../../../test/helpers/factories.ts';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { changeMessage, currentMessages, deleteMessage, getMessage, listMessages, publishMessage } from './structure-messages.service.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());
const db = () => database.db;

/** 20 December 2026, at noon in Paris: the day the messages below are published. */
const PUBLISHED_AT = new Date('2026-12-20T11:00:00Z');
const closing = { texte: 'Fermeture exceptionnelle le 24 décembre.', date_debut: '24/12/2026', date_fin: '24/12/2026' };

async function structureWith(timezone = 'Europe/Paris') {
  const structureId = await createStructure(db(), { timezone });
  const admin = await administrateurOf(db(), structureId);
  return { structureId, admin, reader: { structureId, timezone } };
}

async function staffOf(structureId: string, role: StaffActor['role']): Promise<StaffActor> {
  const admin = await administrateurOf(db(), structureId);
  const staff = await createStaff(db(), structureId, role);
  return { ...admin, id: staff.id, role, email: staff.email };
}

const shownAt = async (reader: { structureId: string; timezone: string }, instant: string) => (await currentMessages(db(), reader, new Date(instant))).map((message) => message.body);

describe('which day a message shows, in the structure’s time zone', () => {
  test('from 00:00 of its first day to 23:59 of its last day, Paris time', async () => {
    const { admin, reader } = await structureWith();
    await publishMessage(db(), admin, closing, PUBLISHED_AT);
    assert.deepEqual(await shownAt(reader, '2026-12-23T22:30:00Z'), [], '23:30 in Paris on the 23rd: not yet');
    assert.deepEqual(await shownAt(reader, '2026-12-23T23:30:00Z'), [closing.texte], '00:30 in Paris on the 24th (still the 23rd in UTC)');
    assert.deepEqual(await shownAt(reader, '2026-12-24T22:30:00Z'), [closing.texte], '23:30 in Paris on its last day');
    assert.deepEqual(await shownAt(reader, '2026-12-24T23:30:00Z'), [], '00:30 in Paris the next day (still the 24th in UTC)');
  });

  test('an overseas structure turns the page on its own midnight', async () => {
    const noumea = await structureWith('Pacific/Noumea');
    const paris = await structureWith();
    await publishMessage(db(), noumea.admin, closing, PUBLISHED_AT);
    await publishMessage(db(), paris.admin, closing, PUBLISHED_AT);
    // 14:00 UTC on the 24th: 15:00 in Paris, 01:00 on the 25th in Nouméa.
    assert.deepEqual(await shownAt(paris.reader, '2026-12-24T14:00:00Z'), [closing.texte]);
    assert.deepEqual(await shownAt(noumea.reader, '2026-12-24T14:00:00Z'), []);
    assert.deepEqual(await shownAt(noumea.reader, '2026-12-23T14:00:00Z'), [closing.texte], '01:00 on the 24th in Nouméa');
  });

  test('the staff list sorts messages into current, upcoming and past on the structure’s day', async () => {
    const { admin } = await structureWith();
    await publishMessage(db(), admin, { ...closing, texte: 'Passé', date_debut: '20/12/2026', date_fin: '21/12/2026' }, PUBLISHED_AT);
    await publishMessage(db(), admin, { ...closing, texte: 'En cours', date_debut: '20/12/2026', date_fin: '22/12/2026' }, PUBLISHED_AT);
    await publishMessage(db(), admin, { ...closing, texte: 'À venir' }, PUBLISHED_AT);
    const lists = await listMessages(db(), admin, new Date('2026-12-22T22:59:00Z'));
    const bodies = (messages: { body: string }[]) => messages.map((message) => message.body);
    assert.deepEqual([bodies(lists.current), bodies(lists.upcoming), bodies(lists.past)], [['En cours'], ['À venir'], ['Passé']]);
  });
});

describe('each structure its own messages', () => {
  test('another structure’s messages are never read, changed or deleted', async () => {
    const mine = await structureWith();
    const theirs = await structureWith();
    const id = await publishMessage(db(), theirs.admin, closing, PUBLISHED_AT);
    assert.deepEqual(await shownAt(mine.reader, '2026-12-24T10:00:00Z'), []);
    assert.deepEqual((await listMessages(db(), mine.admin, PUBLISHED_AT)).upcoming, []);
    await assert.rejects(getMessage(db(), mine.admin, id), (error: AppError) => error.code === 'NOT_FOUND');
    await assert.rejects(changeMessage(db(), mine.admin, id, { ...closing, texte: 'Volé' }, PUBLISHED_AT), (error: AppError) => error.code === 'NOT_FOUND');
    assert.equal(await deleteMessage(db(), mine.admin, id), false);
    assert.deepEqual(await shownAt(theirs.reader, '2026-12-24T10:00:00Z'), [closing.texte], 'still there, unchanged');
  });
});

describe('who writes, and the trail', () => {
  test('an instructeur or a facteur may not publish, change, delete or list', async () => {
    const { structureId, admin } = await structureWith();
    const id = await publishMessage(db(), admin, closing, PUBLISHED_AT);
    for (const role of ['instructeur', 'facteur'] as const) {
      const staff = await staffOf(structureId, role);
      const forbidden = (error: AppError) => error.code === 'FORBIDDEN';
      await assert.rejects(publishMessage(db(), staff, closing, PUBLISHED_AT), forbidden);
      await assert.rejects(changeMessage(db(), staff, id, closing, PUBLISHED_AT), forbidden);
      await assert.rejects(deleteMessage(db(), staff, id), forbidden);
      await assert.rejects(listMessages(db(), staff), forbidden);
    }
  });

  test('a gestionnaire publishes, changes and deletes; the trail has ids and days, never the text', async () => {
    const { structureId } = await structureWith();
    const gestionnaire = await staffOf(structureId, 'gestionnaire');
    const id = await publishMessage(db(), gestionnaire, closing, PUBLISHED_AT);
    await changeMessage(db(), gestionnaire, id, { ...closing, date_fin: '26/12/2026' }, PUBLISHED_AT);
    assert.equal(await deleteMessage(db(), gestionnaire, id), true);
    assert.equal(await deleteMessage(db(), gestionnaire, id), false, 'twice: already gone, nothing more written');
    const trail = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'target_type', 'target_id', 'details'])
      .where('structure_id', '=', structureId)
      .where('action', 'like', 'structure_message.%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      trail.map((entry) => [entry.action, entry.actor_id, entry.target_type, entry.target_id, entry.details]),
      [
        ['structure_message.published', gestionnaire.id, 'structure_message', id, { start_date: '2026-12-24', end_date: '2026-12-24' }],
        ['structure_message.changed', gestionnaire.id, 'structure_message', id, { start_date: '2026-12-24', end_date: '2026-12-26' }],
        ['structure_message.deleted', gestionnaire.id, 'structure_message', id, { start_date: '2026-12-24', end_date: '2026-12-26' }],
      ],
    );
    assert.doesNotMatch(JSON.stringify(trail), /Fermeture/);
  });
});
