import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../test/helpers/client.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { createPortalUser, portalLogin, TEMPORARY_PASSWORD } from '../../../test/helpers/portal-factories.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function loggedIn(temporary = false) {
  const user = await createPortalUser(t.db, { temporary, structure: { name: 'CCAS de Démo' } });
  const client = new TestClient(t.app);
  await portalLogin(client, user.login, temporary ? TEMPORARY_PASSWORD : user.password);
  return { user, client };
}

const scripts = (body: string) => html(body).root.querySelectorAll('script').map((script) => [script.getAttribute('type'), script.getAttribute('src')]);

describe('the portal header', () => {
  test('logged in: the structure, one « Menu » holding the pages and « Se déconnecter », the language', async () => {
    const { client } = await loggedIn();
    const page = html((await client.get('/portail/historique')).body);
    const bar = page.root.querySelector('header .portal-bar')!;
    assert.deepEqual(
      bar.childNodes.filter((node) => node.nodeType === 1).map((node) => (node as typeof bar).tagName),
      ['A', 'DETAILS', 'A'],
      'three things on the line',
    );
    assert.equal(bar.querySelector('.portal-home')!.textContent.trim(), 'CCAS de Démo');
    const menu = bar.querySelector('details.portal-menu')!;
    assert.equal(menu.getAttribute('open'), undefined, 'closed until asked');
    assert.equal(menu.querySelector('summary')!.textContent, 'Menu');
    const nav = menu.querySelector('nav[aria-label="Menu du portail"]')!;
    assert.deepEqual(
      nav.querySelectorAll('a').map((link) => [link.textContent, link.getAttribute('href'), link.getAttribute('aria-current') ?? null]),
      [
        ['Mon espace', '/portail', null],
        ['Historique', '/portail/historique', 'page'],
        ['Mes documents', '/portail/documents', null],
        ['Changer mon mot de passe', '/portail/mot-de-passe', null],
      ],
    );
    assert.deepEqual(nav.querySelectorAll('button').map((button) => button.textContent), ['Se déconnecter']);
    assert.equal(nav.querySelector('form')!.getAttribute('action'), '/portail/deconnexion');
    assert.equal(bar.querySelector('a.portal-lang')!.textContent, 'English');
  });

  test('before the personal password: the menu only logs out; before login: the portal name and the language', async () => {
    const { client } = await loggedIn(true);
    const choosing = html((await client.get('/portail/nouveau-mot-de-passe')).body);
    assert.deepEqual(choosing.root.querySelectorAll('details.portal-menu a').length, 0);
    assert.deepEqual(choosing.root.querySelectorAll('details.portal-menu button').map((button) => button.textContent), ['Se déconnecter']);
    const anonymous = html((await new TestClient(t.app).get('/portail/connexion')).body);
    assert.equal(anonymous.root.querySelector('.portal-home')!.textContent.trim(), 'Portail usager');
    assert.equal(anonymous.root.querySelector('details'), null);
    assert.ok(anonymous.root.querySelector('a.portal-lang'));
  });
});

describe('the fields of the portal', () => {
  test('the identifier is typed as a code: capitals, no correction, no spell check', async () => {
    const login = html((await new TestClient(t.app).get('/portail/connexion')).body);
    const field = login.field('Identifiant');
    assert.deepEqual([field.name, field.type, field.autocomplete, field.description], ['identifiant', 'text', 'username', '8 lettres. Majuscules, minuscules et espaces ne comptent pas.']);
    const input = login.root.querySelector('#identifiant')!;
    assert.deepEqual(
      ['autocapitalize', 'autocorrect', 'spellcheck', 'required', 'maxlength'].map((name) => input.getAttribute(name)),
      ['characters', 'off', 'false', '', '100'],
    );
  });

  test('each page with a password field loads the toggle and gives it its words; the others load no script', async () => {
    const { client } = await loggedIn();
    const anonymous = new TestClient(t.app);
    const pages: [TestClient, string, string, string][] = [
      [anonymous, '/portail/connexion', 'Afficher le mot de passe', 'Masquer le mot de passe'],
      [client, '/portail/mot-de-passe', 'Afficher le mot de passe', 'Masquer le mot de passe'],
    ];
    const { client: choosing } = await loggedIn(true);
    pages.push([choosing, '/portail/nouveau-mot-de-passe', 'Afficher le mot de passe', 'Masquer le mot de passe']);
    const english = new TestClient(t.app);
    await english.get('/portail/langue?l=en&retour=%2Fportail%2Fconnexion');
    pages.push([english, '/portail/connexion', 'Show password', 'Hide password']);
    for (const [who, url, show, hide] of pages) {
      const body = (await who.get(url)).body;
      assert.deepEqual(scripts(body), [['module', '/static/password-toggle.js']], url);
      const form = html(body).root.querySelector('form[data-password-toggle]')!;
      assert.deepEqual([form.getAttribute('data-show'), form.getAttribute('data-hide')], [show, hide], url);
      assert.ok(form.querySelectorAll('input[type="password"]').length > 0, url);
    }
    for (const url of ['/portail', '/portail/historique']) assert.deepEqual(scripts((await client.get(url)).body), [], url);
    const toggle = await client.get('/static/password-toggle.js');
    assert.equal(toggle.statusCode, 200);
    assert.match(String(toggle.headers['content-type']), /javascript/);
  });
});
