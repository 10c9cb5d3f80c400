import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { TestClient } from '../../../test/helpers/client.ts';
import { createDomicilie } from '../../../test/helpers/factories.ts';
import { createPortalAccount, createPortalUser, portalLogin } from '../../../test/helpers/portal-factories.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { setNotificationSettings } from '../../domain/notifications/notification-settings.ts';
import { queueNotification } from '../../domain/notifications/notifications.service.ts';
import { sha256 } from '../../shared/random.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());
// E-mail on without a transport: messages are queued and stay in the outbox, where the test reads the link.
beforeEach(() => setNotificationSettings({ channels: { email: true, sms: true }, delayMinutes: 30 }));

async function loggedIn(options: Parameters<typeof createPortalUser>[1] = {}) {
  const user = await createPortalUser(t.db, { temporary: false, domicilie: { phone: '06 12 34 56 78', email: 'ancienne@exemple.fr' }, ...options });
  const client = new TestClient(t.app);
  assert.equal((await portalLogin(client, user.login, user.password)).statusCode, 303);
  return { user, client };
}

const recordOf = (id: string) => t.db.selectFrom('domicilies').select(['email', 'notify_email_consent_at', 'notify_sms_consent_at', 'notify_paused_at']).where('id', '=', id).executeTakeFirstOrThrow();
const statesOf = async (id: string) =>
  Object.fromEntries((await t.db.selectFrom('notifications').select(['group_key', 'state']).where('domicilie_id', '=', id).where('kind', '!=', 'confirmation_email').execute()).map((row) => [row.group_key, row.state]));
const auditOf = (id: string, action: string) => t.db.selectFrom('audit_log').select(['actor_type', 'actor_id', 'details']).where('target_id', '=', id).where('action', '=', action).orderBy('id').execute();

function queue(structureId: string, domicilieId: string, channel: 'email' | 'sms', key: string) {
  return t.db.transaction().execute((trx) => queueNotification(trx, { structureId, domicilieId, channel, kind: 'courrier', groupKey: `${key}:${domicilieId}`, sendAfter: new Date(Date.now() + 3600_000) }));
}

/** The link of the latest confirmation message queued for the person, as the e-mail would carry it. */
async function linkSentTo(domicilieId: string) {
  const row = await t.db
    .selectFrom('notifications')
    .select(['address', 'payload', 'state', 'channel'])
    .where('domicilie_id', '=', domicilieId)
    .where('kind', '=', 'confirmation_email')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const link = String((row.payload as { link: string }).link);
  return { ...row, link, path: new URL(link).pathname + new URL(link).search, token: new URL(link).searchParams.get('jeton')! };
}

async function askNewEmail(client: TestClient, email: string) {
  return client.post('/portail/avis/email', { email });
}

describe('« Mes avis de courrier »', () => {
  test('linked from the home page; says how the person is told, in French and in English', async () => {
    const { user, client } = await loggedIn();
    await t.db.updateTable('domicilies').set({ notify_email_consent_at: new Date('2026-11-20T10:00:00Z') }).where('id', '=', user.domicilieId).execute();
    const home = html((await client.get('/portail')).body);
    assert.equal(home.link('Mes avis de courrier : être prévenu quand du courrier arrive').href, '/portail/avis');
    const page = html((await client.get('/portail/avis')).body);
    assert.equal(page.heading, 'Mes avis de courrier');
    assert.match(page.region('Comment vous êtes prévenu').text, /Par e-mail, à ancienne@exemple\.fr \(accord donné le 20\/11\/2026\)\./);
    assert.doesNotMatch(page.text, /Par SMS/, 'no SMS consent, no SMS line');
    assert.equal(page.region('Suspendre ou réactiver les avis').form('Suspendre les avis').hidden.avis, 'off');
    assert.equal(page.region('Changer mon adresse e-mail').field('Nouvelle adresse e-mail').type, 'email');

    await client.get('/portail/langue?l=en&retour=/portail/avis');
    const english = html((await client.get('/portail/avis')).body);
    assert.equal(english.lang, 'en');
    assert.equal(english.heading, 'My mail notices');
    assert.match(english.text, /By email, at ancienne@exemple\.fr \(you agreed on 20\/11\/2026\)\./);
    assert.ok(english.form('Pause the notices'));
  });

  test('switching off cancels the waiting notices at once and is audited; switching on sends again from then on', async () => {
    const { user, client } = await loggedIn();
    await queue(user.structureId, user.domicilieId, 'email', 'e1');
    await queue(user.structureId, user.domicilieId, 'sms', 's1');
    const off = await client.post('/portail/avis/pause', { avis: 'off' });
    assert.equal(off.statusCode, 303);
    assert.ok((await recordOf(user.domicilieId)).notify_paused_at);
    assert.deepEqual(await statesOf(user.domicilieId), { [`e1:${user.domicilieId}`]: 'annulee', [`s1:${user.domicilieId}`]: 'annulee' });
    const page = html((await client.get('/portail/avis')).body);
    assert.equal(page.status, 'Les avis sont suspendus. Aucun message ne vous sera envoyé.');
    assert.match(page.region('Suspendre ou réactiver les avis').text, /Vous avez suspendu les avis le \d\d\/\d\d\/\d{4} : aucun message ne vous est envoyé\./);
    assert.equal(page.form('Réactiver les avis').hidden.avis, 'on');

    assert.equal((await client.post('/portail/avis/pause', { avis: 'off' })).statusCode, 303, 'a second click changes nothing');
    assert.equal((await client.post('/portail/avis/pause', { avis: 'on' })).statusCode, 303);
    assert.equal((await recordOf(user.domicilieId)).notify_paused_at, null);
    assert.deepEqual((await auditOf(user.domicilieId, 'portal.notifications_paused')).map((entry) => [entry.actor_type, entry.actor_id]), [['portal', user.id]]);
    assert.equal((await auditOf(user.domicilieId, 'portal.notifications_resumed')).length, 1);
    assert.equal((await t.db.selectFrom('notifications').select('state').where('domicilie_id', '=', user.domicilieId).execute()).filter((row) => row.state === 'en_attente').length, 0, 'nothing cancelled comes back');
  });

  test('a form without its CSRF token, or a staff session, changes nothing', async () => {
    const { user, client } = await loggedIn();
    assert.equal((await client.post('/portail/avis/pause', { avis: 'off' }, { csrf: false })).statusCode, 403);
    assert.equal((await client.post('/portail/avis/email', { email: 'x@exemple.fr' }, { csrf: false })).statusCode, 403);
    const anonymous = new TestClient(t.app);
    const refused = await anonymous.post('/portail/avis/pause', { avis: 'off' });
    assert.equal(refused.headers.location, '/portail/connexion');
    assert.equal((await recordOf(user.domicilieId)).notify_paused_at, null);
  });
});

describe('a new e-mail address, confirmed by a link', () => {
  test('the link sent to the new address replaces the record’s e-mail and gives the consent, once', async () => {
    const { user, client } = await loggedIn();
    const asked = await askNewEmail(client, '  Nouvelle@Exemple.FR ');
    assert.equal(asked.statusCode, 303);
    assert.equal((await recordOf(user.domicilieId)).email, 'ancienne@exemple.fr', 'nothing changes before the link is opened');
    const sent = await linkSentTo(user.domicilieId);
    assert.equal(sent.address, 'nouvelle@exemple.fr');
    assert.equal(sent.channel, 'email');
    assert.equal(sent.state, 'en_attente');
    assert.equal(sent.path, `/portail/confirmer-email?jeton=${sent.token}`);
    assert.equal(Buffer.from(sent.token, 'base64url').length, 32);
    const stored = await t.db.selectFrom('email_confirmations').select(['token_hash', 'email', 'expires_at', 'created_at']).where('domicilie_id', '=', user.domicilieId).executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, sha256(`email-confirmation:${sent.token}`), 'only the hash is kept');
    assert.equal(stored.expires_at.getTime() - stored.created_at.getTime(), 48 * 3600_000);
    const settings = html((await client.get('/portail/avis')).body);
    assert.equal(settings.status, 'Un lien de confirmation a été envoyé à votre nouvelle adresse. Ouvrez-le dans les 48 heures.');
    assert.match(settings.text, /Un lien de confirmation a été envoyé à nouvelle@exemple\.fr\. Il est valable jusqu’au \d\d\/\d\d\/\d{4} à \d\d:\d\d\./);
    const requested = await auditOf(user.domicilieId, 'portal.email_change_requested');
    assert.equal(requested.length, 1);
    assert.ok(!JSON.stringify(requested).includes('exemple'), 'the audit never holds the address');

    // Opened on another device, without a session: a page with one button, so a link scanner changes nothing.
    const phone = new TestClient(t.app);
    const opened = html((await phone.get(sent.path)).body);
    assert.equal(opened.heading, 'Confirmer mon adresse e-mail');
    assert.match(opened.text, /Voulez-vous utiliser l’adresse nouvelle@exemple\.fr pour recevoir vos avis de courrier \?/);
    assert.equal((await recordOf(user.domicilieId)).email, 'ancienne@exemple.fr');
    const confirmForm = opened.form('Oui, confirmer cette adresse');
    assert.deepEqual(confirmForm.hidden, { jeton: sent.token });
    const confirmed = await phone.post(confirmForm.action, confirmForm.hidden);
    assert.equal(confirmed.statusCode, 200);
    assert.equal(html(confirmed.body).status, 'Votre adresse e-mail est confirmée. Vous serez prévenu par e-mail quand du courrier arrive.');
    const record = await recordOf(user.domicilieId);
    assert.equal(record.email, 'nouvelle@exemple.fr');
    assert.ok(record.notify_email_consent_at);
    assert.deepEqual((await auditOf(user.domicilieId, 'portal.email_confirmed')).map((entry) => entry.actor_type), ['anonymous']);

    const reused = await phone.post(confirmForm.action, confirmForm.hidden);
    assert.equal(reused.statusCode, 410);
    assert.equal(html(reused.body).alert, 'Ce lien a déjà servi : votre adresse e-mail est déjà confirmée.');
    assert.equal((await phone.get(sent.path)).statusCode, 410, 'opening it again says so too');
  });

  test('logged in, the person confirms their own link; the audit names them', async () => {
    const { user, client } = await loggedIn();
    await askNewEmail(client, 'moi@exemple.fr');
    const sent = await linkSentTo(user.domicilieId);
    const confirmed = await client.post('/portail/confirmer-email', { jeton: sent.token });
    assert.equal(confirmed.statusCode, 200);
    assert.equal((await recordOf(user.domicilieId)).email, 'moi@exemple.fr');
    assert.deepEqual((await auditOf(user.domicilieId, 'portal.email_confirmed')).map((entry) => [entry.actor_type, entry.actor_id]), [['portal', user.id]]);
  });

  test('a wrong, expired or replaced link says so plainly and changes nothing', async () => {
    const { user, client } = await loggedIn();
    const stranger = new TestClient(t.app);
    const wrong = await stranger.get('/portail/confirmer-email?jeton=pas-le-bon-jeton');
    assert.equal(wrong.statusCode, 404);
    assert.match(html(wrong.body).alert!, /^Ce lien n’est pas valable, ou il est trop ancien\./);
    assert.equal((await stranger.post('/portail/confirmer-email', { jeton: 'pas-le-bon-jeton' })).statusCode, 404);

    await askNewEmail(client, 'premiere@exemple.fr');
    const first = await linkSentTo(user.domicilieId);
    await askNewEmail(client, 'seconde@exemple.fr');
    const second = await linkSentTo(user.domicilieId);
    const replaced = await stranger.post('/portail/confirmer-email', { jeton: first.token });
    assert.equal(replaced.statusCode, 410);
    assert.match(html(replaced.body).alert!, /vous avez demandé un autre changement d’adresse depuis/);

    await t.db.updateTable('email_confirmations').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', sha256(`email-confirmation:${second.token}`)).execute();
    const expired = await stranger.post('/portail/confirmer-email', { jeton: second.token });
    assert.equal(expired.statusCode, 410);
    assert.equal(html(expired.body).alert, 'Ce lien a expiré (il était valable 48 heures). Demandez un nouveau lien depuis « Mes avis de courrier ».');
    const record = await recordOf(user.domicilieId);
    assert.equal(record.email, 'ancienne@exemple.fr');
    assert.equal(record.notify_email_consent_at, null);
    assert.equal((await auditOf(user.domicilieId, 'portal.email_confirmed')).length, 0);
  });

  test('another person’s link, opened while logged in, changes neither record', async () => {
    const a = await loggedIn();
    const b = await loggedIn({ structureId: a.user.structureId });
    await askNewEmail(a.client, 'a.nouvelle@exemple.fr');
    const sent = await linkSentTo(a.user.domicilieId);
    const seen = await b.client.get(sent.path);
    assert.equal(seen.statusCode, 410);
    assert.match(html(seen.body).alert!, /^Ce lien concerne une autre personne que celle connectée sur cet appareil\./);
    assert.equal((await b.client.post('/portail/confirmer-email', { jeton: sent.token })).statusCode, 410);
    assert.equal((await recordOf(a.user.domicilieId)).email, 'ancienne@exemple.fr');
    assert.equal((await recordOf(b.user.domicilieId)).email, 'ancienne@exemple.fr');
    assert.equal((await a.client.post('/portail/confirmer-email', { jeton: sent.token })).statusCode, 200, 'still good for its owner');
    assert.equal((await recordOf(a.user.domicilieId)).email, 'a.nouvelle@exemple.fr');
  });

  test('errors next to the field; at most 3 requests an hour per person, counted in the database', async () => {
    const { user, client } = await loggedIn();
    const empty = await askNewEmail(client, '');
    assert.equal(empty.statusCode, 400);
    assert.equal(html(empty.body).field('Nouvelle adresse e-mail').error, 'Indiquez votre nouvelle adresse e-mail.');
    const invalid = html((await askNewEmail(client, 'pas une adresse')).body);
    assert.match(invalid.field('Nouvelle adresse e-mail').error!, /^Cette adresse e-mail n’est pas valide/);
    assert.equal(invalid.field('Nouvelle adresse e-mail').value, 'pas une adresse', 'what was typed is kept');
    for (const n of [1, 2, 3]) assert.equal((await askNewEmail(client, `essai${n}@exemple.fr`)).statusCode, 303);
    const limited = await askNewEmail(client, 'essai4@exemple.fr');
    assert.equal(limited.statusCode, 400);
    assert.equal(html(limited.body).field('Nouvelle adresse e-mail').error, 'Vous avez déjà demandé plusieurs changements d’adresse. Réessayez dans 60 minutes.');
    const sameDevice = await loggedIn({ structureId: user.structureId });
    assert.equal((await askNewEmail(sameDevice.client, 'autre@exemple.fr')).statusCode, 303, 'the limit is per person');
    assert.equal((await t.db.selectFrom('email_confirmations').select('id').where('domicilie_id', '=', user.domicilieId).execute()).length, 3);
  });

  test('without e-mail sending, the page says to ask the structure, and a request is refused', async () => {
    const { user, client } = await loggedIn();
    setNotificationSettings({ channels: { email: false, sms: false }, delayMinutes: 30 });
    const page = html((await client.get('/portail/avis')).body);
    assert.match(page.region('Changer mon adresse e-mail').text, /votre structure n’envoie pas d’e-mails/);
    assert.equal(page.forms().filter((form) => form.action === '/portail/avis/email').length, 0);
    const refused = await askNewEmail(client, 'x@exemple.fr');
    assert.equal(refused.statusCode, 400);
    assert.equal((await t.db.selectFrom('email_confirmations').select('id').where('domicilie_id', '=', user.domicilieId).execute()).length, 0);
  });

  test('a person whose access is another structure’s sees only their own record', async () => {
    const { user, client } = await loggedIn();
    const other = await createPortalUser(t.db, { temporary: false, domicilie: { email: 'autre.structure@exemple.fr' } });
    const person = await createDomicilie(t.db, other.structureId);
    await createPortalAccount(t.db, other.structureId, person.id);
    const page = html((await client.get('/portail/avis')).body);
    assert.doesNotMatch(page.text, /autre\.structure/);
    await client.post('/portail/avis/pause', { avis: 'off' });
    assert.equal((await recordOf(other.domicilieId)).notify_paused_at, null);
    assert.ok((await recordOf(user.domicilieId)).notify_paused_at);
  });
});
