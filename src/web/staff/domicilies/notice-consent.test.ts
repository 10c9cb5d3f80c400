import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { createPortalAccount } from '../../../../test/helpers/portal-factories.ts';
import { isMobileNumber } from '../../../domain/domicilies/identity-input.ts';
import { queueNotification } from '../../../domain/notifications/notifications.service.ts';
import { setNotificationSettings } from '../../../domain/notifications/notification-settings.ts';
import { formatDay } from '../../../shared/dates.ts';
import { setNoticesPaused } from '../../../domain/notification-preferences/preferences.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  // Both channels on without a transport: messages are queued and stay there, no worker runs.
  setNotificationSettings({ channels: { email: true, sms: true }, delayMinutes: 30 });
});
after(() => t.close());

const identity = { nom: 'Martin', prenom: 'Jean', date_naissance: '02/11/1970' };

async function loggedIn(email: string) {
  const client = new TestClient(t.app);
  await client.login(email, STAFF_PASSWORD);
  return client;
}

async function world() {
  const team = await createTeam(t.db);
  const person = await createDomicilie(t.db, team.structureId, { nom: 'Martin', prenom: 'Jean', birth_date: '1970-11-02', phone: '06 12 34 56 78', email: 'jean.martin@exemple.fr' });
  return { team, person, admin: await loggedIn(team.gestionnaire.email) };
}

const consentOf = (id: string) => t.db.selectFrom('domicilies').select(['email', 'notify_email_consent_at', 'notify_sms_consent_at']).where('id', '=', id).executeTakeFirstOrThrow();
const statesOf = async (id: string) =>
  Object.fromEntries((await t.db.selectFrom('notifications').select(['group_key', 'state']).where('domicilie_id', '=', id).execute()).map((row) => [row.group_key, row.state]));
const consentAudit = (id: string) =>
  t.db.selectFrom('audit_log').select(['actor_id', 'details']).where('target_id', '=', id).where('action', '=', 'domicilie.notification_consent').orderBy('id').execute();

function queue(structureId: string, domicilieId: string, channel: 'email' | 'sms', key: string) {
  return t.db.transaction().execute((trx) =>
    queueNotification(trx, { structureId, domicilieId, channel, kind: 'courrier', groupKey: `${key}:${domicilieId}`, sendAfter: new Date(Date.now() + 3600_000) }),
  );
}

describe('« Avis de courrier » on the record', () => {
  test('consent by e-mail and SMS is given on the form, dated, shown on the form and the « Dossier » tab, and audited without the address', async () => {
    const { team, person, admin } = await world();
    const form = html((await admin.get(`/domicilies/${person.id}/modifier`)).body).region('Avis de courrier');
    assert.equal(form.field('Prévenir par e-mail').checked, false);
    assert.equal(form.field('Prévenir par SMS').checked, false);
    assert.match(form.text, /aucun avis ne part pour l'instant|n'est pas configuré/, 'this test server sends nothing, and says so');

    const saved = await admin.post(`/domicilies/${person.id}`, { ...identity, telephone: '06 12 34 56 78', email: 'jean.martin@exemple.fr', avis_email: 'oui', avis_sms: 'oui' });
    assert.equal(saved.statusCode, 303);
    const stored = await consentOf(person.id);
    assert.ok(stored.notify_email_consent_at && stored.notify_sms_consent_at);
    const day = formatDay(stored.notify_email_consent_at, 'Europe/Paris');

    const again = html((await admin.get(`/domicilies/${person.id}/modifier`)).body).region('Avis de courrier');
    assert.equal(again.field('Prévenir par e-mail').checked, true);
    assert.equal(again.field('Prévenir par e-mail').description, `Accord donné le ${day}.`);
    assert.equal(again.field('Prévenir par SMS').description, `Accord donné le ${day}.`);
    assert.equal(html((await admin.get(`/domicilies/${person.id}`)).body).terms()['Avis de courrier'], `Prévenu par e-mail (accord du ${day}) et par SMS (accord du ${day})`);

    const entries = await consentAudit(person.id);
    assert.deepEqual(entries.map((entry) => entry.details).sort((a, b) => String(a.channel).localeCompare(String(b.channel))), [{ channel: 'email', consent: true }, { channel: 'sms', consent: true }]);
    assert.ok(entries.every((entry) => entry.actor_id === team.gestionnaire.id));
    assert.ok(!JSON.stringify(entries).includes('exemple.fr') && !JSON.stringify(entries).includes('06 12'), 'never the address');
  });

  test('saving again keeps the first date of a consent; saving unchanged writes no consent audit', async () => {
    const { person, admin } = await world();
    await admin.post(`/domicilies/${person.id}`, { ...identity, email: 'jean.martin@exemple.fr', avis_email: 'oui' });
    const first = (await consentOf(person.id)).notify_email_consent_at!;
    await t.db.updateTable('domicilies').set({ notify_email_consent_at: new Date('2026-01-15T10:00:00Z') }).where('id', '=', person.id).execute();
    await admin.post(`/domicilies/${person.id}`, { ...identity, email: 'autre@exemple.fr', avis_email: 'oui' });
    const after = await consentOf(person.id);
    assert.equal(after.notify_email_consent_at!.toISOString(), '2026-01-15T10:00:00.000Z');
    assert.equal(after.email, 'autre@exemple.fr');
    assert.ok(first);
    assert.equal((await consentAudit(person.id)).length, 1);
  });

  test('withdrawing the e-mail consent cancels the pending e-mails at once, not the SMS nor what was already sent', async () => {
    const { team, person, admin } = await world();
    await admin.post(`/domicilies/${person.id}`, { ...identity, telephone: '06 12 34 56 78', email: 'jean.martin@exemple.fr', avis_email: 'oui', avis_sms: 'oui' });
    await queue(team.structureId, person.id, 'email', 'e1');
    await queue(team.structureId, person.id, 'email', 'e2');
    await queue(team.structureId, person.id, 'sms', 's1');
    await t.db.updateTable('notifications').set({ state: 'envoyee', sent_at: new Date() }).where('group_key', '=', `e2:${person.id}`).execute();

    assert.equal((await admin.post(`/domicilies/${person.id}`, { ...identity, telephone: '06 12 34 56 78', email: 'jean.martin@exemple.fr', avis_sms: 'oui' })).statusCode, 303);
    assert.equal((await consentOf(person.id)).notify_email_consent_at, null);
    assert.deepEqual(await statesOf(person.id), { [`e1:${person.id}`]: 'annulee', [`e2:${person.id}`]: 'envoyee', [`s1:${person.id}`]: 'en_attente' });
    assert.deepEqual((await consentAudit(person.id)).at(-1)!.details, { channel: 'email', consent: false });

    await admin.post(`/domicilies/${person.id}`, { ...identity, telephone: '06 12 34 56 78', email: 'jean.martin@exemple.fr' });
    assert.equal((await statesOf(person.id))[`s1:${person.id}`], 'annulee');
  });

  test('consent needs its address: clear errors next to the e-mail and phone fields, nothing saved', async () => {
    const { person, admin } = await world();
    const refused = await admin.post(`/domicilies/${person.id}`, { ...identity, telephone: '04 72 00 00 00', email: '', avis_email: 'oui', avis_sms: 'oui' });
    assert.equal(refused.statusCode, 400);
    const page = html(refused.body);
    assert.equal(page.field('Adresse e-mail').error, 'Pour prévenir la personne par e-mail, indiquez son adresse e-mail.');
    assert.equal(page.field('Téléphone').error, 'Pour prévenir la personne par SMS, indiquez un numéro de téléphone mobile, par exemple 06 12 34 56 78.');
    assert.equal(page.region('Avis de courrier').field('Prévenir par SMS').checked, true, 'the choice is kept for the correction');
    const stored = await consentOf(person.id);
    assert.equal(stored.notify_email_consent_at, null);
    assert.equal(stored.email, 'jean.martin@exemple.fr');
    const invalid = html((await admin.post(`/domicilies/${person.id}`, { ...identity, email: 'pas-une-adresse', avis_email: 'oui' })).body);
    assert.match(invalid.field('Adresse e-mail').error!, /adresse e-mail valide/, 'an invalid address says so, not « missing »');
  });

  test('a pause chosen on the portal shows on the form and the « Dossier » tab', async () => {
    const { team, person, admin } = await world();
    await admin.post(`/domicilies/${person.id}`, { ...identity, email: 'jean.martin@exemple.fr', avis_email: 'oui' });
    const account = await createPortalAccount(t.db, team.structureId, person.id);
    await setNoticesPaused(t.db, { accountId: account.id, structureId: team.structureId, domicilieId: person.id }, true);
    const day = formatDay(new Date(), 'Europe/Paris');
    assert.match(html((await admin.get(`/domicilies/${person.id}`)).body).terms()['Avis de courrier']!, new RegExp(`; suspendus par la personne depuis le ${day}$`));
    assert.match(html((await admin.get(`/domicilies/${person.id}/modifier`)).body).region('Avis de courrier').text, /La personne a suspendu les avis depuis le portail usager le/);
  });

  test('a new record may carry the consent from the start', async () => {
    const { team, admin } = await world();
    const created = await admin.post('/domicilies/nouveau', { nom: 'Nouveau', prenom: 'Léa', date_naissance: '01/02/1990', telephone: '+33 7 11 22 33 44', avis_sms: 'oui' });
    assert.equal(created.statusCode, 303);
    const row = await t.db.selectFrom('domicilies').select(['id', 'notify_sms_consent_at', 'notify_email_consent_at']).where('structure_id', '=', team.structureId).where('nom', '=', 'Nouveau').executeTakeFirstOrThrow();
    assert.ok(row.notify_sms_consent_at);
    assert.equal(row.notify_email_consent_at, null);
    assert.deepEqual((await consentAudit(row.id)).map((entry) => entry.details), [{ channel: 'sms', consent: true }]);
  });

  test('a facteur cannot change the consent; a form without its CSRF token changes nothing; another structure finds nothing', async () => {
    const { team, person } = await world();
    const facteur = await loggedIn(team.facteur.email);
    assert.equal((await facteur.post(`/domicilies/${person.id}`, { ...identity, email: 'jean.martin@exemple.fr', avis_email: 'oui' })).statusCode, 403);
    const gestionnaire = await loggedIn(team.gestionnaire.email);
    assert.equal((await gestionnaire.post(`/domicilies/${person.id}`, { ...identity, email: 'jean.martin@exemple.fr', avis_email: 'oui' }, { csrf: false })).statusCode, 403);
    const other = await createTeam(t.db);
    const stranger = await loggedIn(other.administrateur.email);
    assert.equal((await stranger.post(`/domicilies/${person.id}`, { ...identity, email: 'jean.martin@exemple.fr', avis_email: 'oui' })).statusCode, 404);
    assert.equal((await consentOf(person.id)).notify_email_consent_at, null);
  });
});

describe('the fiche lists the notices told to the person', () => {
  test('newest first, each with its state in French, the last 20 only, and none of another record', async () => {
    const { team, person, admin } = await world();
    const other = await createDomicilie(t.db, team.structureId, { nom: 'Autre', prenom: 'Personne' });
    for (let index = 0; index < 22; index++) await queue(team.structureId, person.id, 'email', `old${index}`);
    await t.db.updateTable('notifications').set({ created_at: new Date('2026-11-01T08:00:00Z') }).where('domicilie_id', '=', person.id).execute();
    await queue(team.structureId, person.id, 'sms', 'sent');
    await queue(team.structureId, person.id, 'email', 'failed');
    await queue(team.structureId, person.id, 'email', 'cancelled');
    await queue(team.structureId, other.id, 'email', 'someone-else');
    await t.db.updateTable('notifications').set({ state: 'envoyee', sent_at: new Date('2026-12-02T09:30:00Z'), created_at: new Date('2026-12-02T09:00:00Z') }).where('group_key', '=', `sent:${person.id}`).execute();
    await t.db.updateTable('notifications').set({ state: 'echec', last_error: 'adresse_refusee: 550 mailbox unavailable', attempts: 5, created_at: new Date('2026-12-02T10:00:00Z') }).where('group_key', '=', `failed:${person.id}`).execute();
    await t.db.updateTable('notifications').set({ state: 'annulee', last_error: 'consentement_retire', created_at: new Date('2026-12-02T11:00:00Z') }).where('group_key', '=', `cancelled:${person.id}`).execute();

    const rows = html((await admin.get(`/domicilies/${person.id}`)).body).table(/^Avis de courrier et rappels/);
    assert.equal(rows.length, 20);
    assert.deepEqual(rows.slice(0, 3), [
      ['02/12/2026 à 12:00', 'E-mail', 'Courrier à retirer', "Annulé : l'accord de la personne a été retiré."],
      ['02/12/2026 à 11:00', 'E-mail', 'Courrier à retirer', "Échec : l'adresse ou le numéro a été refusé : vérifiez-le avec la personne."],
      ['02/12/2026 à 10:00', 'SMS', 'Courrier à retirer', 'Envoyé le 02/12/2026 à 10:30'],
    ]);
    assert.match(rows[3]![3]!, /^En attente : envoi prévu le \d\d\/\d\d\/\d{4} à \d\d:\d\d$/);
    const empty = html((await admin.get(`/domicilies/${other.id}`)).body);
    assert.equal(empty.table(/^Avis de courrier et rappels/).length, 1, 'only its own notice');
  });
});

test('a number reaches an SMS when it is a French mobile or an international one', () => {
  for (const mobile of ['06 12 34 56 78', '07.11.22.33.44', '+33 6 12 34 56 78', '0033712345678', '+44 7700 900123']) assert.ok(isMobileNumber(mobile), mobile);
  for (const fixed of ['04 72 00 00 00', '+33 1 23 45 67 89', '0800 123 456', '12345']) assert.ok(!isMobileNumber(fixed), fixed);
});
