import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { setNotificationSettings } from '../../../domain/notifications/notification-settings.ts';
import { queueNotification } from '../../../domain/notifications/notifications.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  setNotificationSettings({ channels: { email: true, sms: true }, delayMinutes: 30 });
});
after(() => t.close());

const SECTION = 'Avis de courrier aux domiciliés';

async function loggedIn(email: string) {
  const client = new TestClient(t.app);
  await client.login(email, STAFF_PASSWORD);
  return client;
}

async function sent(structureId: string, domicilieId: string, channel: 'email' | 'sms', key: string, sentAt: Date) {
  await t.db.transaction().execute((trx) => queueNotification(trx, { structureId, domicilieId, channel, kind: 'courrier', groupKey: `${key}:${domicilieId}`, sendAfter: new Date() }));
  await t.db.updateTable('notifications').set({ state: 'envoyee', sent_at: sentAt }).where('group_key', '=', `${key}:${domicilieId}`).execute();
}

const hourOf = async (structureId: string) => (await t.db.selectFrom('structures').select('notification_hour').where('id', '=', structureId).executeTakeFirstOrThrow()).notification_hour;

describe('« Ma structure »: the notices to the domiciliés', () => {
  test('the month’s count of e-mails and SMS sent, of this structure only', async () => {
    const team = await createTeam(t.db);
    const person = await createDomicilie(t.db, team.structureId);
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10));
    await sent(team.structureId, person.id, 'email', 'a', now);
    await sent(team.structureId, person.id, 'email', 'b', now);
    await sent(team.structureId, person.id, 'sms', 'c', now);
    await sent(team.structureId, person.id, 'sms', 'old', lastMonth);
    await t.db.transaction().execute((trx) => queueNotification(trx, { structureId: team.structureId, domicilieId: person.id, channel: 'sms', kind: 'courrier', groupKey: `waiting:${person.id}`, sendAfter: now }));
    const other = await createTeam(t.db);
    const stranger = await createDomicilie(t.db, other.structureId);
    await sent(other.structureId, stranger.id, 'email', 'x', now);

    const section = html((await (await loggedIn(team.facteur.email)).get('/structure')).body).region(SECTION);
    assert.match(section.text, /Envoyés ce mois-ci : 2 e-mails et 1 SMS\./);
    assert.match(section.text, /n'est pas configuré sur ce serveur/, 'this test server has no transport, and says so');
    assert.match(section.text, /Heure d'envoi de l'avis du jour : Dès que possible \(après un délai de regroupement\)\. Seul un administrateur/);
    assert.equal(section.forms().length, 0, 'no form but for an administrateur');
    assert.match(html((await (await loggedIn(other.administrateur.email)).get('/structure')).body).region(SECTION).text, /Envoyés ce mois-ci : 1 e-mail et 0 SMS\./);
  });

  test('an administrateur chooses the hour, or « dès que possible » again; audited', async () => {
    const team = await createTeam(t.db);
    const admin = await loggedIn(team.administrateur.email);
    const form = html((await admin.get('/structure')).body).region(SECTION);
    const choice = form.field("Heure d'envoi de l'avis du jour");
    assert.equal(choice.value, '');
    assert.equal(form.root.querySelectorAll('option').length, 25);
    const saved = await admin.post('/structure/avis', { heure: '9' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/structure#avis-titre');
    assert.equal(await hourOf(team.structureId), 9);
    const page = html((await admin.get('/structure')).body).region(SECTION);
    assert.equal(page.field("Heure d'envoi de l'avis du jour").value, '9');
    assert.equal(page.status, "L'heure d'envoi des avis de courrier a été enregistrée.");
    await admin.post('/structure/avis', { heure: '' });
    assert.equal(await hourOf(team.structureId), null);
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'details']).where('structure_id', '=', team.structureId).where('action', '=', 'structure.notification_hour').orderBy('id').execute();
    assert.deepEqual(audit.map((entry) => [entry.actor_id, entry.details]), [[team.administrateur.id, { hour: 9 }], [team.administrateur.id, { hour: null }]]);
  });

  test('other roles, another value, a missing CSRF token: refused, nothing changes', async () => {
    const team = await createTeam(t.db);
    for (const role of ['gestionnaire', 'instructeur', 'facteur'] as const) assert.equal((await (await loggedIn(team[role].email)).post('/structure/avis', { heure: '8' })).statusCode, 403, role);
    const admin = await loggedIn(team.administrateur.email);
    for (const heure of ['24', '-1', '9.5', 'midi']) assert.equal((await admin.post('/structure/avis', { heure })).statusCode, 400, heure);
    assert.equal((await admin.post('/structure/avis', { heure: '8' }, { csrf: false })).statusCode, 403);
    assert.equal(await hourOf(team.structureId), null);
  });
});
