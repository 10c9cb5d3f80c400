import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { setNotificationSettings } from '../../../domain/notifications/notification-settings.ts';
import { queueNotification } from '../../../domain/notifications/notifications.service.ts';
import { NOTIFICATION_SETTINGS_URL } from './notification-settings.views.tsx';

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
    assert.match(section.text, /L'avis du jour part 30 minutes après la première réception du jour\./);
    assert.equal(section.link('Avis aux domiciliés').href, NOTIFICATION_SETTINGS_URL);
    await t.db.updateTable('structures').set({ notification_hour: 9 }).where('id', '=', other.structureId).execute();
    const otherSection = html((await (await loggedIn(other.administrateur.email)).get('/structure')).body).region(SECTION);
    assert.match(otherSection.text, /Envoyés ce mois-ci : 1 e-mail et 0 SMS\./);
    assert.match(otherSection.text, /L'avis du jour part à 9 h, heure de la structure\./);
  });
});
