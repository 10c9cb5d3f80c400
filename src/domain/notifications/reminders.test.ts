import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import type { Database } from '../../db/database.ts';
import { addDays, addMonths, formatDate, isoDateIn } from '../../shared/dates.ts';
import { setNotificationSettings } from './notification-settings.ts';
import { instantAt, mailNoticeSchedule, retryDelayMs } from './notification-times.ts';
import { messageLanguage } from './notification-texts.ts';
import { fakeTransport, notificationRows, notifiedWorld } from './notifications.fixtures.ts';
import { queueDueReminders, sendDueNotifications } from './outbox-worker.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
  setNotificationSettings({ channels: { email: true, sms: true }, delayMinutes: 30 });
});
after(() => database.close());

const db = () => database.db;
const today = () => isoDateIn(new Date(), 'Europe/Paris');
const worker = { batchSize: 50, concurrency: 2, leaseSeconds: 60 };

describe('reminders of the end of the domiciliation', () => {
  test('two months before the end: one reminder per channel, however often the sweep runs', async () => {
    const end = addDays(today(), 40);
    const w = await notifiedWorld(db(), { start_date: addMonths(end, -12), end_date: end });
    const far = await notifiedWorld(db(), { start_date: today(), end_date: addMonths(today(), 12) });
    await queueDueReminders(db(), ['email', 'sms']);
    await queueDueReminders(db(), ['email', 'sms']);
    const rows = await notificationRows(db(), w.id);
    assert.deepEqual(rows.map((row) => [row.channel, row.kind, row.group_key]), [
      ['email', 'echeance_proche', `echeance_proche:${w.id}:${end}:email`],
      ['sms', 'echeance_proche', `echeance_proche:${w.id}:${end}:sms`],
    ]);
    assert.deepEqual(await notificationRows(db(), far.id), []);
    const email = fakeTransport();
    await sendDueNotifications(db(), { email, sms: fakeTransport() }, worker);
    const mine = email.sent.find((message) => message.id === rows[0]!.id)!;
    assert.equal(mine.text, `Votre domiciliation à ${w.staff.structureName} se termine le ${formatDate(end)}. Pour la renouveler, adressez-vous à ${w.staff.structureName} dès maintenant.`);
    await queueDueReminders(db(), ['email', 'sms']);
    assert.equal((await notificationRows(db(), w.id)).length, 2, 'sent once, never again');
  });

  test('once when it has ended without renewal; not for a domiciliation ended long ago', async () => {
    const end = addDays(today(), -3);
    const w = await notifiedWorld(db(), { start_date: addMonths(end, -12), end_date: end });
    const old = await notifiedWorld(db(), { start_date: addMonths(today(), -14), end_date: addMonths(today(), -2) });
    await queueDueReminders(db(), ['sms']);
    await queueDueReminders(db(), ['sms']);
    assert.deepEqual((await notificationRows(db(), w.id)).map((row) => [row.channel, row.kind]), [['sms', 'echeance_passee']]);
    assert.deepEqual(await notificationRows(db(), old.id), []);
  });

  test('renewed before the reminder went: it is cancelled at send time', async () => {
    const end = addDays(today(), 10);
    const w = await notifiedWorld(db(), { start_date: addMonths(end, -12), end_date: end });
    await queueDueReminders(db(), ['email']);
    await db().updateTable('domicilies').set({ end_date: addMonths(end, 12) }).where('id', '=', w.id).execute();
    const email = fakeTransport();
    await sendDueNotifications(db(), { email }, worker);
    assert.deepEqual((await notificationRows(db(), w.id)).map((row) => [row.state, row.last_error]), [['annulee', 'echeance_changee']]);
  });
});

describe('times', () => {
  test("the structure's hour across the clock change (Paris, last Sunday of March and of October)", () => {
    assert.equal(instantAt('2026-03-28', 9, 'Europe/Paris').toISOString(), '2026-03-28T08:00:00.000Z');
    assert.equal(instantAt('2026-03-29', 9, 'Europe/Paris').toISOString(), '2026-03-29T07:00:00.000Z');
    assert.equal(instantAt('2026-10-25', 9, 'Europe/Paris').toISOString(), '2026-10-25T08:00:00.000Z');
    // 2:00 does not exist on the spring day: the message goes at 3:00, the same day.
    assert.equal(instantAt('2026-03-29', 2, 'Europe/Paris').toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(instantAt('2026-06-01', 8, 'America/Cayenne').toISOString(), '2026-06-01T11:00:00.000Z');
  });

  test('mail recorded after the hour belongs to the next day’s message', () => {
    const morning = mailNoticeSchedule(new Date('2026-06-01T06:00:00Z'), 'Europe/Paris', 17, 30);
    assert.deepEqual(morning, { day: '2026-06-01', sendAfter: new Date('2026-06-01T15:00:00Z') });
    const evening = mailNoticeSchedule(new Date('2026-06-01T16:00:00Z'), 'Europe/Paris', 17, 30);
    assert.deepEqual(evening, { day: '2026-06-02', sendAfter: new Date('2026-06-02T15:00:00Z') });
    // Late at night in Paris is already the next day there.
    const night = mailNoticeSchedule(new Date('2026-06-01T22:30:00Z'), 'Europe/Paris', null, 30);
    assert.deepEqual(night, { day: '2026-06-02', sendAfter: new Date('2026-06-01T23:00:00Z') });
  });

  test('backoff: five waits over about a day, then given up', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(retryDelayMs), [5 * 60_000, 30 * 60_000, 120 * 60_000, 360 * 60_000, 900 * 60_000, null]);
  });

  test("the message's language from the record's « Langue parlée »", () => {
    assert.equal(messageLanguage('Anglais'), 'en');
    assert.equal(messageLanguage('English'), 'en');
    assert.equal(messageLanguage('français, anglais'), 'fr');
    assert.equal(messageLanguage('roumain'), 'fr');
    assert.equal(messageLanguage(null), 'fr');
  });
});
