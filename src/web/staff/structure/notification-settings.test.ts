import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  // SMS configured, e-mail not: the page tells one from the other.
  t = await createTestApp({ SMS_PROVIDER: 'octopush', SMS_API_KEY: 'k', SMS_API_LOGIN: 'l', SMS_API_URL: 'http://127.0.0.1:9/' });
});
after(() => t.close());

async function loggedIn(email: string) {
  const client = new TestClient(t.app);
  await client.login(email, STAFF_PASSWORD);
  return client;
}

const storedHour = async (structureId: string) => (await t.db.selectFrom('structures').select('notification_hour').where('id', '=', structureId).executeTakeFirstOrThrow()).notification_hour;

describe('« Avis aux domiciliés »', () => {
  test('what the server can send; an administrateur sets the hour of the day’s notice, then goes back to the delay', async () => {
    const team = await createTeam(t.db);
    const admin = await loggedIn(team.administrateur.email);
    assert.equal(html((await admin.get('/structure')).body).link('Avis aux domiciliés').href, '/structure/avis');
    const page = html((await admin.get('/structure/avis')).body);
    assert.equal(page.heading, 'Avis aux domiciliés');
    const sending = page.region('Envois').terms();
    assert.match(sending['E-mail']!, /^Désactivé : le serveur n'est pas configuré/);
    assert.equal(sending.SMS, 'Activé');
    assert.equal(page.field("Envoyer l'avis du jour").value, '');

    const sent = await admin.post('/structure/avis', { heure_notification: '8' });
    assert.equal(sent.statusCode, 303);
    assert.equal(await storedHour(team.structureId), 8);
    assert.equal(html((await admin.get('/structure/avis')).body).field("Envoyer l'avis du jour").value, '8');
    const audited = await t.db.selectFrom('audit_log').select(['actor_id', 'details']).where('structure_id', '=', team.structureId).where('action', '=', 'structure.notification_hour_changed').execute();
    assert.deepEqual(audited, [{ actor_id: team.administrateur.id, details: { hour: 8 } }]);

    assert.equal((await admin.post('/structure/avis', { heure_notification: '' })).statusCode, 303);
    assert.equal(await storedHour(team.structureId), null);
  });

  test('an hour that is not one is refused next to its field; other roles read the setting only', async () => {
    const team = await createTeam(t.db);
    const admin = await loggedIn(team.administrateur.email);
    const refused = await admin.post('/structure/avis', { heure_notification: '25' });
    assert.equal(refused.statusCode, 400);
    assert.match(html(refused.body).field("Envoyer l'avis du jour").error ?? '', /Choisissez une heure de 0 h à 23 h/);
    assert.equal(await storedHour(team.structureId), null);

    const gestionnaire = await loggedIn(team.gestionnaire.email);
    const readOnly = html((await gestionnaire.get('/structure/avis')).body);
    assert.match(readOnly.region("Heure d'envoi des avis de courrier").text, /Seul un administrateur/);
    assert.equal((await gestionnaire.post('/structure/avis', { heure_notification: '8' })).statusCode, 403);
  });
});
