import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import type { Database } from '../../db/database.ts';
import { recordReception, undoLatest } from '../courriers/courriers.service.ts';
import { setNotificationSettings } from './notification-settings.ts';
import { instantAt } from './notification-times.ts';
import { cancelPending, notificationsOf, queueNotification, sendingConfigured, sentThisMonth, setNotificationHour, withdrawConsent } from './notifications.service.ts';
import { fakeTransport, makeDue, notificationRows, notifiedWorld } from './notifications.fixtures.ts';
import { sendDueNotifications } from './outbox-worker.ts';
import { isoDateIn } from '../../shared/dates.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());
beforeEach(() => setNotificationSettings({ channels: { email: true, sms: true }, delayMinutes: 30 }));

const db = () => database.db;
const receive = (w: Awaited<ReturnType<typeof notifiedWorld>>, courrier = '1') => recordReception(db(), w.staff, w.id, { courrier });
const latestEventId = async (id: string) =>
  (await db().selectFrom('courrier_events').select('id').where('domicilie_id', '=', id).where('undone_at', 'is', null).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow()).id;
const worker = { batchSize: 50, concurrency: 2, leaseSeconds: 60 };

describe('queued with the mail, in the same transaction', () => {
  test('a reception queues one notice per channel the person consented to, due after the grouping delay', async () => {
    const w = await notifiedWorld(db());
    await receive(w);
    const rows = await notificationRows(db(), w.id);
    assert.deepEqual(rows.map((row) => [row.channel, row.kind, row.state]), [['email', 'courrier', 'en_attente'], ['sms', 'courrier', 'en_attente']]);
    const [event] = await db().selectFrom('courrier_events').select('created_at').where('domicilie_id', '=', w.id).execute();
    const day = isoDateIn(event!.created_at, w.staff.timezone);
    assert.equal(rows[0]!.group_key, `courrier:${w.id}:${day}:email`);
    assert.equal(rows[0]!.send_after.getTime(), event!.created_at.getTime() + 30 * 60_000);
    assert.equal(rows[0]!.next_attempt_at.getTime(), rows[0]!.send_after.getTime());
  });

  test('a reception that fails queues nothing', async () => {
    const w = await notifiedWorld(db());
    // The reception's last write (its audit) fails: the whole transaction, notice included, is undone.
    await sql`CREATE FUNCTION refuse_reception_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`.execute(db());
    await sql`CREATE TRIGGER refuse_reception_audit BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.action = 'courrier.reception') EXECUTE FUNCTION refuse_reception_audit()`.execute(db());
    try {
      await assert.rejects(receive(w));
    } finally {
      await sql`DROP TRIGGER refuse_reception_audit ON audit_log`.execute(db());
      await sql`DROP FUNCTION refuse_reception_audit()`.execute(db());
    }
    assert.deepEqual(await notificationRows(db(), w.id), []);
  });

  test('no consent, no address, paused, or a channel the server cannot send on: nothing queued for it', async () => {
    const noPhone = await notifiedWorld(db(), { phone: null });
    await receive(noPhone);
    assert.deepEqual((await notificationRows(db(), noPhone.id)).map((row) => row.channel), ['email']);

    const paused = await notifiedWorld(db());
    await db().updateTable('domicilies').set({ notify_paused_at: new Date() }).where('id', '=', paused.id).execute();
    await receive(paused);
    assert.deepEqual(await notificationRows(db(), paused.id), []);

    const smsOnly = await notifiedWorld(db());
    await db().updateTable('domicilies').set({ notify_email_consent_at: null }).where('id', '=', smsOnly.id).execute();
    setNotificationSettings({ channels: { email: true, sms: false }, delayMinutes: 30 });
    await receive(smsOnly);
    assert.deepEqual(await notificationRows(db(), smsOnly.id), []);
  });

  test('sending is configured per channel: e-mail needs SMTP_URL and SMTP_FROM, SMS a provider and its key', () => {
    assert.deepEqual(sendingConfigured({ smtpUrl: undefined, smtpFrom: undefined, smsProvider: undefined, smsApiKey: undefined }), { email: false, sms: false });
    assert.deepEqual(sendingConfigured({ smtpUrl: 'smtp://localhost', smtpFrom: 'a@b.fr', smsProvider: 'octopush', smsApiKey: 'k' }), { email: true, sms: true });
  });
});

describe('grouping: one message a day per person and channel', () => {
  test('three receptions give one message per channel, sent once', async () => {
    const w = await notifiedWorld(db(), { language: 'arabe, anglais' });
    await receive(w);
    await receive(w, '2');
    await receive(w, '3');
    const rows = await notificationRows(db(), w.id);
    assert.equal(rows.length, 2);
    await makeDue(db(), w.id);
    const email = fakeTransport();
    const sms = fakeTransport();
    assert.deepEqual(await sendDueNotifications(db(), { email, sms }, worker), { sent: 2, cancelled: 0, retry: 0, failed: 0 });
    assert.deepEqual(await sendDueNotifications(db(), { email, sms }, worker), { sent: 0, cancelled: 0, retry: 0, failed: 0 });
    assert.equal(email.sent.length, 1);
    assert.equal(sms.sent.length, 1);
    // English for a person who speaks English and not French; no sender, no detail.
    assert.equal(email.sent[0]!.text, `You have mail to collect at ${w.staff.structureName}.`);
    assert.equal(email.sent[0]!.to, 'marie@example.org');
    assert.equal(sms.sent[0]!.to, '06 12 34 56 78');
    assert.equal(sms.sent[0]!.id, rows.find((row) => row.channel === 'sms')!.id, 'the idempotency key is the notification id');
    const sent = await notificationRows(db(), w.id);
    assert.deepEqual(sent.map((row) => row.state), ['envoyee', 'envoyee']);
    assert.ok(sent.every((row) => row.sent_at && row.payload === null));
    // A fourth reception the same day: the day's message is gone already, no second one.
    await receive(w);
    assert.equal((await notificationRows(db(), w.id)).length, 2);
  });

  test('French by default, with the structure named', async () => {
    const w = await notifiedWorld(db(), { language: null });
    await receive(w);
    await makeDue(db(), w.id);
    const email = fakeTransport();
    await sendDueNotifications(db(), { email, sms: fakeTransport() }, worker);
    assert.equal(email.sent[0]!.text, `Vous avez du courrier à retirer à ${w.staff.structureName}.`);
    assert.equal(email.sent[0]!.subject, 'Du courrier vous attend');
  });

  test('a delay of 0 sends at once; messages not yet due stay', async () => {
    const w = await notifiedWorld(db());
    await receive(w);
    assert.equal((await sendDueNotifications(db(), { email: fakeTransport(), sms: fakeTransport() }, worker)).sent, 0, 'not due before the delay');
    const now = await notifiedWorld(db());
    setNotificationSettings({ channels: { email: true, sms: true }, delayMinutes: 0 });
    await receive(now);
    const [row] = await notificationRows(db(), now.id);
    assert.ok(row!.send_after.getTime() <= Date.now());
    const email = fakeTransport();
    await sendDueNotifications(db(), { email, sms: fakeTransport() }, worker);
    assert.deepEqual(email.sent.map((message) => message.to), ['marie@example.org']);
  });

  test("the structure's hour, in its own time zone, instead of the delay", async () => {
    const w = await notifiedWorld(db(), {}, { timezone: 'Pacific/Noumea' });
    await setNotificationHour(db(), w.staff, '7');
    await receive(w);
    const [row] = await notificationRows(db(), w.id);
    const [event] = await db().selectFrom('courrier_events').select('created_at').where('domicilie_id', '=', w.id).execute();
    const today = isoDateIn(event!.created_at, 'Pacific/Noumea');
    const atToday = instantAt(today, 7, 'Pacific/Noumea');
    const expected = atToday.getTime() > event!.created_at.getTime() ? atToday : instantAt(isoDateIn(new Date(atToday.getTime() + 86_400_000), 'Pacific/Noumea'), 7, 'Pacific/Noumea');
    assert.equal(row!.send_after.getTime(), expected.getTime());
    // Nouméa is UTC+11 all year: 7:00 there is 20:00 UTC the day before.
    assert.equal(row!.send_after.getUTCHours(), 20);
    assert.ok(row!.group_key.endsWith(`:${isoDateIn(expected, 'Pacific/Noumea')}:email`));
    await assert.rejects(setNotificationHour(db(), w.staff, '24'), { code: 'INVALID_INPUT' });
  });
});

describe('cancelled before it goes', () => {
  test('undoing the only reception of the day cancels the notice; undoing one of two keeps it', async () => {
    const w = await notifiedWorld(db());
    await receive(w);
    await receive(w);
    await undoLatest(db(), w.staff, w.id, await latestEventId(w.id));
    assert.deepEqual((await notificationRows(db(), w.id)).map((row) => row.state), ['en_attente', 'en_attente']);
    await undoLatest(db(), w.staff, w.id, await latestEventId(w.id));
    const rows = await notificationRows(db(), w.id);
    assert.deepEqual(rows.map((row) => [row.state, row.last_error]), [['annulee', 'reception_annulee'], ['annulee', 'reception_annulee']]);
    // Mail again the same day: the notice comes back.
    await receive(w);
    assert.deepEqual((await notificationRows(db(), w.id)).map((row) => row.state), ['en_attente', 'en_attente']);
  });

  test('withdrawing a consent cancels that channel at once; a pause cancels every channel', async () => {
    const w = await notifiedWorld(db());
    await receive(w);
    await db().transaction().execute((trx) => withdrawConsent(trx, w.team.structureId, w.id, 'sms'));
    const record = await db().selectFrom('domicilies').select(['notify_sms_consent_at', 'notify_email_consent_at']).where('id', '=', w.id).executeTakeFirstOrThrow();
    assert.equal(record.notify_sms_consent_at, null);
    assert.ok(record.notify_email_consent_at);
    assert.deepEqual((await notificationRows(db(), w.id)).map((row) => [row.channel, row.state]), [['email', 'en_attente'], ['sms', 'annulee']]);
    assert.equal(await cancelPending(db(), w.id), 1);
    assert.deepEqual((await notificationRows(db(), w.id)).map((row) => row.last_error), ['notifications_suspendues', 'consentement_retire']);
  });

  test('consent withdrawn, paused, address erased or mail handed out after queueing: checked at send time, nothing sent', async () => {
    const changes = [
      { set: { notify_email_consent_at: null }, reason: 'consentement_retire' },
      { set: { notify_paused_at: new Date() }, reason: 'notifications_suspendues' },
      { set: { email: null }, reason: 'adresse_absente' },
      { set: { waiting_courrier: 0 }, reason: 'plus_de_courrier' },
    ] as const;
    for (const change of changes) {
      const w = await notifiedWorld(db());
      await db().updateTable('domicilies').set({ notify_sms_consent_at: null }).where('id', '=', w.id).execute();
      await receive(w);
      await db().updateTable('domicilies').set(change.set).where('id', '=', w.id).execute();
      await makeDue(db(), w.id);
      const email = fakeTransport();
      await sendDueNotifications(db(), { email }, worker);
      assert.deepEqual(email.sent, [], change.reason);
      assert.deepEqual((await notificationRows(db(), w.id)).map((row) => [row.state, row.last_error]), [['annulee', change.reason]]);
    }
  });
});

describe('retries', () => {
  test('a failing provider is tried again later and later, then the message is « échec » with its reason', async () => {
    const w = await notifiedWorld(db());
    await db().updateTable('domicilies').set({ notify_sms_consent_at: null }).where('id', '=', w.id).execute();
    await receive(w);
    const down = fakeTransport(new (await import('./transports.ts')).SendFailure(false, 'ECONNREFUSED'));
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await makeDue(db(), w.id);
      const before = Date.now();
      const result = await sendDueNotifications(db(), { email: down }, worker);
      const [row] = await notificationRows(db(), w.id);
      assert.equal(row!.attempts, attempt);
      if (attempt < 6) {
        assert.equal(result.retry, 1);
        assert.equal(row!.state, 'en_attente');
        assert.equal(row!.last_error, 'envoi_impossible: ECONNREFUSED');
        waits.push(Math.round((row!.next_attempt_at.getTime() - before) / 60_000));
      } else {
        assert.equal(result.failed, 1);
        assert.equal(row!.state, 'echec');
      }
    }
    assert.deepEqual(waits, [5, 30, 120, 360, 900]);
    const [shown] = await notificationsOf(db(), w.staff, w.id);
    assert.equal(shown!.state, 'echec');
    assert.equal(shown!.reason, 'envoi_impossible');
  });

  test('a batch stops starting sends once its lease could end during one; the rest is taken again after the lease', async () => {
    const w = await notifiedWorld(db());
    await receive(w);
    await makeDue(db(), w.id);
    const slow = fakeTransport();
    const send = slow.send;
    slow.send = async (message) => {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      await send(message);
    };
    // A 2 s lease: no send starts more than 1 s after the claim.
    const before = Date.now();
    const result = await sendDueNotifications(db(), { email: slow, sms: slow }, { batchSize: 10, concurrency: 1, leaseSeconds: 2 });
    assert.equal(result.sent, 1);
    const rows = await notificationRows(db(), w.id);
    assert.deepEqual(rows.map((row) => row.state).sort(), ['en_attente', 'envoyee']);
    const waiting = rows.find((row) => row.state === 'en_attente')!;
    assert.equal(waiting.attempts, 1);
    assert.ok(waiting.next_attempt_at.getTime() >= before + 1_500, 'left to its lease, not retried at once');
  });

  test('an address refused for good fails at once', async () => {
    const w = await notifiedWorld(db());
    await receive(w);
    await makeDue(db(), w.id);
    const refused = fakeTransport(new (await import('./transports.ts')).SendFailure(true, '550'));
    await sendDueNotifications(db(), { email: refused, sms: fakeTransport() }, worker);
    const rows = await notificationRows(db(), w.id);
    assert.deepEqual(rows.map((row) => [row.channel, row.state, row.last_error]), [['email', 'echec', 'adresse_refusee: 550'], ['sms', 'envoyee', null]]);
  });
});

describe('states for the fiche and counts for « Ma structure »', () => {
  test("another structure's staff see none of a person's messages; the month's sent count per channel", async () => {
    const w = await notifiedWorld(db());
    const other = await notifiedWorld(db());
    const before = await sentThisMonth(db(), w.staff);
    await receive(w);
    await makeDue(db(), w.id);
    await sendDueNotifications(db(), { email: fakeTransport(), sms: fakeTransport() }, worker);
    assert.equal((await notificationsOf(db(), w.staff, w.id)).length, 2);
    assert.deepEqual(await notificationsOf(db(), other.staff, w.id), []);
    assert.deepEqual(await sentThisMonth(db(), w.staff), { email: before.email + 1, sms: before.sms + 1 });
    assert.deepEqual(await sentThisMonth(db(), other.staff), { email: 0, sms: 0 });
  });

  test('a confirmation goes to the new address with its link, even while paused, and its link is erased once sent', async () => {
    const w = await notifiedWorld(db());
    await db().updateTable('domicilies').set({ notify_paused_at: new Date(), notify_email_consent_at: null }).where('id', '=', w.id).execute();
    const id = await queueNotification(db(), {
      structureId: w.team.structureId, domicilieId: w.id, channel: 'email', kind: 'confirmation_email',
      groupKey: `confirmation_email:${w.id}:1`, sendAfter: new Date(), address: 'nouvelle@example.org', payload: { link: 'http://domiciliation.test/portail/e-mail/abc' },
    });
    assert.ok(id);
    const email = fakeTransport();
    await sendDueNotifications(db(), { email }, worker);
    assert.equal(email.sent[0]!.to, 'nouvelle@example.org');
    assert.match(email.sent[0]!.text, /http:\/\/domiciliation\.test\/portail\/e-mail\/abc/);
    const [row] = await notificationRows(db(), w.id);
    assert.equal(row!.state, 'envoyee');
    assert.equal(row!.payload, null);
  });
});
