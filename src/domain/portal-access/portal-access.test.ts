import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPortalAccount } from '../../../test/helpers/portal-factories.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { verifyPassword } from '../../shared/passwords.ts';
import { LOGIN_ALPHABET, normalizeTemporaryPassword } from './credentials.ts';
import { accountOf, actorOf, auditActions, clientOf, downloadPassword, portalWorld, renderSection } from './portal-access.fixtures.ts';
import { listPortalLogins, savePreferences } from './portal-access.service.ts';
import { preferencesWords } from '../../web/staff/staff.words.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const editors = ['administrateur', 'gestionnaire', 'instructeur'] as const;

/** The link to the document in the « Accès au portail usager » section, if this staff member is offered one. */
const downloadLink = (section: string) => html(section).links().find((link) => link.text === 'Télécharger le document Word');

describe('the « Accès au portail usager » section (Courriers tab)', () => {
  test('when the structure portal is off it only says so, with a link to « Ma structure » for an administrateur', async () => {
    const { team, domicilie } = await portalWorld(t, false);
    const admin = html(await renderSection(t, team, 'administrateur', domicilie.id));
    assert.match(admin.text, /Accès au portail usager/);
    assert.match(admin.text, /portail usager n'est pas activé/);
    assert.ok(admin.links().some((link) => link.href === '/structure'));
    assert.doesNotMatch(admin.text, /Modifier les préférences|Identifiant/);
    const instructeur = html(await renderSection(t, team, 'instructeur', domicilie.id));
    assert.ok(!instructeur.links().some((link) => link.href === '/structure'));
    assert.doesNotMatch(instructeur.text, /Modifier les préférences/);
  });

  test('without account it shows « Non »; editors see « Modifier les préférences », a facteur does not', async () => {
    const { team, domicilie } = await portalWorld(t);
    for (const role of editors) {
      const section = html(await renderSection(t, team, role, domicilie.id));
      assert.equal(section.terms()['Accès au portail'], 'Non');
      assert.equal(section.link('Modifier les préférences').href, `/domicilies/${domicilie.id}/acces-portail`);
    }
    const facteur = html(await renderSection(t, team, 'facteur', domicilie.id));
    assert.equal(facteur.terms()['Accès au portail'], 'Non');
    assert.doesNotMatch(facteur.text, /Modifier les préférences/);
  });

  test('with an account it shows access, identifier, own password chosen and last login', async () => {
    const { team, domicilie } = await portalWorld(t);
    const account = await createPortalAccount(t.db, team.structureId, domicilie.id, { temporary: false });
    let terms = html(await renderSection(t, team, 'facteur', domicilie.id)).terms();
    assert.equal(terms['Accès au portail'], 'Oui');
    assert.equal(terms['Identifiant'], account.login);
    assert.equal(terms['Mot de passe personnel choisi'], 'Oui');
    assert.match(terms['Dernière connexion'] ?? '', /Jamais connecté/);
    await t.db.updateTable('portal_accounts').set({ last_login_at: new Date('2026-11-20T09:15:00Z'), password_is_temporary: true }).where('id', '=', account.id).execute();
    terms = html(await renderSection(t, team, 'facteur', domicilie.id)).terms();
    assert.equal(terms['Dernière connexion'], '20/11/2026 à 10:15');
    assert.match(terms['Mot de passe personnel choisi'] ?? '', /^Non/);
  });
});

describe('« Modifier les préférences »', () => {
  test('the form has Oui / Non and « Enregistrer les préférences »; the reset box only once an access exists', async () => {
    const { team, domicilie, url } = await portalWorld(t);
    const client = await clientOf(t, team, 'instructeur');
    let page = await client.get(url);
    assert.equal(page.statusCode, 200);
    let form = html(page.body);
    assert.ok(form.texts('legend').includes('Accès au portail usager'));
    assert.deepEqual(form.choices('acces').map((choice) => [choice.value, choice.checked]), [['oui', false], ['non', true]]);
    assert.ok(form.buttons().includes('Enregistrer les préférences'));
    assert.ok(form.texts('[aria-current="page"]').includes('Courriers'), 'the Courriers tab is the current one');
    assert.deepEqual(form.choices('reinitialiser'), []);
    await createPortalAccount(t.db, team.structureId, domicilie.id);
    page = await client.get(url);
    form = html(page.body);
    assert.deepEqual(form.choices('acces').map((choice) => [choice.value, choice.checked]), [['oui', true], ['non', false]]);
    assert.deepEqual(form.choices('reinitialiser').map((choice) => choice.label), ['Ré-initialiser le mot de passe temporaire du domicilié']);
  });

  for (const role of editors) {
    test(`« Oui » by a ${role} creates the account, its document, and audits both`, async () => {
      const { team, domicilie, url } = await portalWorld(t);
      const client = await clientOf(t, team, role);
      const saved = await client.post(url, { acces: 'oui' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `/domicilies/${domicilie.id}/courriers#acces-portail`, 'back to the section, beside the new identifier');
      const account = (await accountOf(t, domicilie.id))!;
      assert.match(account.login, new RegExp(`^[${LOGIN_ALPHABET}]{8}$`));
      assert.equal(account.enabled, true);
      assert.equal(account.password_is_temporary, true);
      assert.match(account.password_hash, /^\$argon2id\$v=19\$m=4096,t=1,p=1\$/, "a drawn secret: light argon2id (decision 0008)");
      assert.equal(account.created_by, team[role].id);
      const days = (account.temporary_password_expires_at!.getTime() - Date.now()) / 86_400_000;
      assert.ok(days > 29.9 && days <= 30, `valid for ${days} days`);
      const printed = await downloadPassword(client, domicilie.id);
      assert.ok(await verifyPassword(account.password_hash, normalizeTemporaryPassword(printed)));
      assert.deepEqual(await auditActions(t, domicilie.id), ['portal_access.created', 'portal_access.document_generated', 'portal_access.document_downloaded']);
      const entries = await t.db.selectFrom('audit_log').select(['actor_id', 'structure_id', 'created_at']).where('target_id', '=', domicilie.id).where('action', 'like', 'portal_access.%').execute();
      assert.equal(entries.length, 3);
      assert.ok(entries.every((entry) => entry.actor_id === team[role].id && entry.structure_id === team.structureId && entry.created_at instanceof Date));
    });
  }

  test('a facteur cannot open the form, change the access or download the document (403, logged)', async () => {
    const { team, domicilie, url } = await portalWorld(t);
    const facteur = await clientOf(t, team, 'facteur');
    assert.equal((await facteur.get(url)).statusCode, 403);
    assert.equal((await facteur.post(url, { acces: 'oui' })).statusCode, 403);
    assert.equal(await accountOf(t, domicilie.id), undefined);
    const denied = await t.db.selectFrom('audit_log').select('details').where('actor_id', '=', team.facteur.id).where('action', '=', 'access.denied').execute();
    assert.ok(denied.some((entry) => entry.details.route === '/domicilies/:id/acces-portail' && entry.details.method === 'POST'));
    await (await clientOf(t, team, 'instructeur')).post(url, { acces: 'oui' });
    assert.equal((await facteur.get(`${url}/document`)).statusCode, 403);
    assert.equal(downloadLink(await renderSection(t, team, 'facteur', domicilie.id)), undefined);
  });

  test('nothing can be changed while the structure portal is off', async () => {
    const { team, domicilie, url } = await portalWorld(t, false);
    const client = await clientOf(t, team, 'administrateur');
    const page = html((await client.get(url)).body).region('Modifier les préférences');
    assert.deepEqual(page.forms(), []);
    assert.match(page.text, /^Modifier les préférences Le portail usager n'est pas activé pour votre structure\. Vous pouvez l'activer dans Ma structure\.$/);
    assert.equal(page.link('Ma structure').href, '/structure');
    const refused = await client.post(url, { acces: 'oui' });
    assert.equal(refused.statusCode, 409);
    assert.match(html(refused.body).text, /un administrateur peut l'activer dans « Ma structure »/);
    assert.equal(await accountOf(t, domicilie.id), undefined);
  });

  test('after saving, the section offers the document for 15 minutes and downloads it by itself once', async () => {
    const { team, domicilie, url } = await portalWorld(t);
    await (await clientOf(t, team, 'instructeur')).post(url, { acces: 'oui' });
    const documentLink = `/domicilies/${domicilie.id}/acces-portail/document`;
    const afterSave = await renderSection(t, team, 'instructeur', domicilie.id, preferencesWords.created);
    const saved = html(afterSave);
    assert.equal(saved.link('Télécharger le document Word').href, documentLink);
    assert.equal(saved.root.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content'), `0;url=${documentLink}`);
    const later = html(await renderSection(t, team, 'instructeur', domicilie.id));
    assert.equal(later.link('Télécharger le document Word').href, documentLink);
    assert.equal(later.root.querySelector('meta[http-equiv="refresh"]'), null);
  });

  test('on the real « Courriers » tab, only the page right after saving carries the automatic download', async () => {
    const { team, url } = await portalWorld(t);
    const client = await clientOf(t, team, 'gestionnaire');
    const saved = await client.post(url, { acces: 'oui' });
    const shown = await client.get(saved.headers.location as string);
    assert.equal(shown.statusCode, 200);
    assert.match(html(shown.body).text, /L'accès au portail usager est créé/);
    assert.equal(html(shown.body).root.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content'), `0;url=${url}/document`);
    const reloaded = html((await client.get(saved.headers.location as string)).body);
    assert.equal(reloaded.root.querySelector('meta[http-equiv="refresh"]'), null);
    assert.equal(reloaded.link('Télécharger le document Word').href, `${url}/document`);
  });

  test('« Oui » again without the box changes nothing', async () => {
    const { team, domicilie, url } = await portalWorld(t);
    const client = await clientOf(t, team, 'gestionnaire');
    await client.post(url, { acces: 'oui' });
    const before = (await accountOf(t, domicilie.id))!;
    const again = await client.post(url, { acces: 'oui' });
    assert.equal(again.statusCode, 303);
    assert.equal((await accountOf(t, domicilie.id))!.password_hash, before.password_hash);
    assert.equal((await auditActions(t, domicilie.id)).length, 2);
  });

  test('two simultaneous « Oui » create one account and one document', async () => {
    const { team, domicilie, url } = await portalWorld(t);
    const [a, b] = [await clientOf(t, team, 'instructeur'), await clientOf(t, team, 'gestionnaire')];
    const responses = await Promise.all([a.post(url, { acces: 'oui' }), b.post(url, { acces: 'oui' })]);
    assert.deepEqual(responses.map((response) => response.statusCode), [303, 303]);
    const accounts = await t.db.selectFrom('portal_accounts').select('id').where('domicilie_id', '=', domicilie.id).execute();
    assert.equal(accounts.length, 1);
    const documents = await t.db.selectFrom('portal_documents').select('id').where('portal_account_id', '=', accounts[0]!.id).execute();
    assert.equal(documents.length, 1);
  });

  test('the validity of the temporary password follows the configuration', async () => {
    const { team, domicilie } = await portalWorld(t);
    const settings = { secretKey: t.config.secretKey, portalUrl: t.config.portalUrl, temporaryPasswordDays: 7 };
    const now = new Date('2026-11-26T10:00:00Z');
    assert.equal(await savePreferences(t.db, actorOf(team, 'instructeur'), domicilie.id, { access: true, resetPassword: false }, settings, now), 'created');
    assert.deepEqual((await accountOf(t, domicilie.id))!.temporary_password_expires_at, new Date('2026-12-03T10:00:00Z'));
  });
});

describe('structure isolation', () => {
  test('staff of another structure get 404 on the routes and see nothing of the account', async () => {
    const a = await portalWorld(t);
    const b = await portalWorld(t);
    await (await clientOf(t, a.team, 'instructeur')).post(a.url, { acces: 'oui' });
    const before = (await accountOf(t, a.domicilie.id))!;
    const intruder = await clientOf(t, b.team, 'administrateur');
    assert.equal((await intruder.get(a.url)).statusCode, 404);
    assert.equal((await intruder.post(a.url, { acces: 'oui', reinitialiser: 'oui' })).statusCode, 404);
    assert.equal((await intruder.post(a.url, { acces: 'non' })).statusCode, 404);
    assert.equal((await intruder.get(`${a.url}/document`)).statusCode, 404);
    const after = (await accountOf(t, a.domicilie.id))!;
    assert.deepEqual([after.enabled, after.password_hash], [true, before.password_hash]);
    const seen = await renderSection(t, b.team, 'administrateur', a.domicilie.id);
    assert.equal(html(seen).terms()['Identifiant'], undefined);
    // Nowhere in the section, not even in an attribute.
    assert.ok(!seen.includes(before.login));
    assert.deepEqual(await listPortalLogins(t.db, actorOf(b.team, 'administrateur'), a.domicilie.id), []);
  });
});

describe('portal logins in « Historique »', () => {
  test('are listed newest first, with their dates, for the staff of the structure only', async () => {
    const { team, domicilie } = await portalWorld(t);
    for (const at of ['2026-11-01T08:00:00Z', '2026-11-20T15:30:00Z']) {
      await t.db.insertInto('portal_logins').values({ structure_id: team.structureId, domicilie_id: domicilie.id, logged_in_at: new Date(at) }).execute();
    }
    const logins = await listPortalLogins(t.db, actorOf(team, 'facteur'), domicilie.id);
    assert.deepEqual(logins.map((login) => login.logged_in_at.toISOString()), ['2026-11-20T15:30:00.000Z', '2026-11-01T08:00:00.000Z']);
    const page = await (await clientOf(t, team, 'facteur')).get(`/domicilies/${domicilie.id}/historique`);
    assert.equal(page.statusCode, 200);
    assert.deepEqual(html(page.body).region('Connexions au portail usager').texts('li'), ['20/11/2026 à 16:30', '01/11/2026 à 09:00']);
  });
});
