import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../test/helpers/client.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { createPortalUser, PERSONAL_PASSWORD, portalLogin, TEMPORARY_PASSWORD } from '../../../test/helpers/portal-factories.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const person = { nom: 'Lefèvre', prenom: 'Aïcha', birth_date: '1985-03-14' };

async function firstLogin(options: Parameters<typeof createPortalUser>[1] = {}) {
  const user = await createPortalUser(t.db, { domicilie: person, ...options });
  const client = new TestClient(t.app);
  const response = await portalLogin(client, user.login, TEMPORARY_PASSWORD);
  assert.equal(response.headers.location, '/portail/nouveau-mot-de-passe');
  return { user, client };
}

const choose = (client: TestClient, next: string, confirm = next) => client.post('/portail/nouveau-mot-de-passe', { nouveau_mot_de_passe: next, confirmation: confirm });

function account(id: string) {
  return t.db.selectFrom('portal_accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('first login: a personal password before anything else', () => {
  test('every other portal page sends to « Nouveau mot de passe »', async () => {
    const { client } = await firstLogin();
    for (const url of ['/portail', '/portail/historique', '/portail/mot-de-passe', '/portail/connexion', '/portail/inconnue']) {
      const response = await client.get(url);
      assert.equal(response.statusCode, 303, url);
      assert.equal(response.headers.location, '/portail/nouveau-mot-de-passe', url);
      assert.equal(response.headers['cache-control'], 'no-store', url);
    }
    const page = await client.get('/portail/nouveau-mot-de-passe');
    assert.equal(page.statusCode, 200);
    const form = html(page.body);
    assert.deepEqual([form.field('Nouveau mot de passe').name, form.field('Nouveau mot de passe').autocomplete], ['nouveau_mot_de_passe', 'new-password']);
    assert.deepEqual([form.field('Confirmer le mot de passe').name, form.field('Confirmer le mot de passe').autocomplete], ['confirmation', 'new-password']);
    assert.match(page.body, /au moins 12 caractères/);
    assert.match(page.body, /différent du mot de passe temporaire/);
    assert.doesNotMatch(page.body, /Bonjour/);
  });

  const refusals: [string, string, string | undefined, RegExp, string][] = [
    ['entries that differ', 'une longue phrase secrète', 'une autre longue phrase', /ne sont pas identiques/, 'confirmation'],
    ['too short', 'court', undefined, /au moins 12 caractères \(il en contient 5\)/, 'nouveau_mot_de_passe'],
    ['common', 'motdepasse2026', undefined, /trop courant/, 'nouveau_mot_de_passe'],
    ['the name', 'toujours lefevre au marché', undefined, /informations personnelles/, 'nouveau_mot_de_passe'],
    ['the first name', 'aicha va au marché demain', undefined, /informations personnelles/, 'nouveau_mot_de_passe'],
    ['the birth date dd/mm/yyyy', 'née le 14/03/1985 à Lyon', undefined, /informations personnelles/, 'nouveau_mot_de_passe'],
    ['the birth date ddmmyyyy', 'code 14031985 du marché', undefined, /informations personnelles/, 'nouveau_mot_de_passe'],
    ['the birth date yyyy-mm-dd', 'depuis 1985-03-14 ici', undefined, /informations personnelles/, 'nouveau_mot_de_passe'],
    ['the temporary password, typed differently', TEMPORARY_PASSWORD.toLowerCase().replaceAll('-', ' '), undefined, /différent du mot de passe temporaire/, 'nouveau_mot_de_passe'],
  ];
  for (const [label, next, confirm, message, field] of refusals) {
    test(`refuses ${label} and says which rule fails`, async () => {
      const { user, client } = await firstLogin();
      const response = await choose(client, next, confirm);
      assert.equal(response.statusCode, 400);
      const refused = html(response.body);
      assert.match(refused.alert ?? '', message, 'the summary at the top says it');
      assert.ok(refused.root.querySelectorAll('.error-summary a').some((link) => link.getAttribute('href') === `#${field}` && message.test(link.textContent)), 'and links to the field');
      const control = refused.field(field === 'confirmation' ? 'Confirmer le mot de passe' : 'Nouveau mot de passe');
      assert.equal(control.invalid, true);
      assert.match(control.error ?? '', message, 'the field announces its error');
      assert.equal((await account(user.id)).password_is_temporary, true);
    });
  }

  test('the example the page shows is refused, in French and in English', async () => {
    for (const lang of ['fr', 'en']) {
      const { user, client } = await firstLogin();
      await client.get(`/portail/langue?l=${lang}&retour=%2Fportail%2Fnouveau-mot-de-passe`);
      const hint = html((await client.get('/portail/nouveau-mot-de-passe')).body).field(/^(Nouveau mot de passe|New password)$/).description;
      const example = /[«“]\s*([^»”]+?)\s*[»”]/.exec(hint)?.[1];
      assert.ok(example, `an example in the hint: ${hint}`);
      for (const typed of [example, example.toUpperCase(), `${example} 2026`]) {
        const response = await choose(client, typed);
        assert.equal(response.statusCode, 400, typed);
        assert.match(html(response.body).alert ?? '', lang === 'fr' ? /trop courant/ : /too common/, typed);
      }
      assert.equal((await account(user.id)).password_is_temporary, true);
    }
  });

  test('the identifier inside the password is refused', async () => {
    const { user, client } = await firstLogin();
    const response = await choose(client, `mon code ${user.login.toLowerCase()} ok`);
    assert.match(response.body, /informations personnelles/);
  });

  test('a good password ends the temporary one, opens « Mon espace », and works at the next login', async () => {
    const { user, client } = await firstLogin();
    const other = new TestClient(t.app);
    await portalLogin(other, user.login, TEMPORARY_PASSWORD);
    const saved = await choose(client, PERSONAL_PASSWORD);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/portail');
    const home = await client.get('/portail');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Votre mot de passe est enregistré/);
    assert.match(home.body, /Bonjour Aïcha LEFÈVRE/);
    const row = await account(user.id);
    assert.deepEqual([row.password_is_temporary, row.temporary_password_expires_at], [false, null]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('actor_id', '=', user.id).where('action', '=', 'portal.password_chosen').execute();
    assert.equal(audit.length, 1);
    assert.equal((await other.get('/portail')).headers.location, '/portail/connexion', 'the other session is closed');
    assert.equal((await portalLogin(new TestClient(t.app), user.login, TEMPORARY_PASSWORD)).statusCode, 401);
    const again = await portalLogin(new TestClient(t.app), user.login, PERSONAL_PASSWORD);
    assert.equal(again.headers.location, '/portail');
  });

  test('once chosen, the « Nouveau mot de passe » page sends back home', async () => {
    const user = await createPortalUser(t.db, { temporary: false });
    const client = new TestClient(t.app);
    await portalLogin(client, user.login, user.password);
    assert.equal((await client.get('/portail/nouveau-mot-de-passe')).headers.location, '/portail');
    assert.equal((await choose(client, 'une autre phrase très longue')).headers.location, '/portail');
    assert.equal((await portalLogin(new TestClient(t.app), user.login, user.password)).statusCode, 303, 'password unchanged');
  });
});

describe('« Changer mon mot de passe »', () => {
  async function loggedIn() {
    const user = await createPortalUser(t.db, { temporary: false, domicilie: person });
    const client = new TestClient(t.app);
    await portalLogin(client, user.login, user.password);
    return { user, client };
  }
  const change = (client: TestClient, current: string, next: string, confirm = next) =>
    client.post('/portail/mot-de-passe', { mot_de_passe_actuel: current, nouveau_mot_de_passe: next, confirmation: confirm });

  test('the page asks for the current password and the new one twice', async () => {
    const { client } = await loggedIn();
    const page = await client.get('/portail/mot-de-passe');
    assert.equal(page.statusCode, 200);
    const form = html(page.body);
    assert.equal(form.heading, 'Changer mon mot de passe');
    assert.equal(form.field('Mot de passe actuel').autocomplete, 'current-password');
    assert.deepEqual([form.field('Nouveau mot de passe').autocomplete, form.field('Confirmer le mot de passe').autocomplete], ['new-password', 'new-password']);
    assert.match(page.body, /différent du mot de passe actuel/);
  });

  test('each refusal says what is wrong', async () => {
    const { user, client } = await loggedIn();
    assert.equal(html((await change(client, 'pas le bon mot de passe', 'une nouvelle phrase longue')).body).field('Mot de passe actuel').error, 'Le mot de passe actuel est incorrect.');
    assert.match((await change(client, user.password, 'une nouvelle phrase longue', 'autre chose encore')).body, /ne sont pas identiques/);
    assert.match((await change(client, user.password, user.password)).body, /différent du mot de passe actuel/);
    assert.match((await change(client, user.password, 'lefèvre pour toujours')).body, /informations personnelles/);
    assert.match((await change(client, user.password, 'court')).body, /au moins 12 caractères/);
    assert.equal((await portalLogin(new TestClient(t.app), user.login, user.password)).statusCode, 303, 'password unchanged');
  });

  test('a change keeps this session, closes the others, and only the new password works', async () => {
    const { user, client } = await loggedIn();
    const other = new TestClient(t.app);
    await portalLogin(other, user.login, user.password);
    const next = 'le chat dort sur le toit rouge';
    const response = await change(client, user.password, next);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/portail');
    const home = await client.get('/portail');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Vos autres connexions ont été fermées/);
    assert.equal((await other.get('/portail')).headers.location, '/portail/connexion');
    assert.equal((await portalLogin(new TestClient(t.app), user.login, user.password)).statusCode, 401);
    assert.equal((await portalLogin(new TestClient(t.app), user.login, next)).statusCode, 303);
    const actions = await t.db.selectFrom('audit_log').select('action').where('actor_id', '=', user.id).where('action', '=', 'portal.password_changed').execute();
    assert.equal(actions.length, 1);
  });

  test('without a session the page and the form send to the login page', async () => {
    const client = new TestClient(t.app);
    assert.equal((await client.get('/portail/mot-de-passe')).headers.location, '/portail/connexion');
    assert.equal((await change(client, 'a', 'b')).headers.location, '/portail/connexion');
  });
});
