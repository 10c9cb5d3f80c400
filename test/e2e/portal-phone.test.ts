import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createDomicilie } from '../helpers/factories.ts';
import { createPortalAccount, receiveMail, TEMPORARY_PASSWORD } from '../helpers/portal-factories.ts';
import { expectAccessible, launchBrowser, openPortalMenu, portalLogin, startDemoServer } from './browser.ts';

// The portal as a domicilié meets it on a 360 px phone (and on a desktop): a header of one
// line, a language that does not outlive « Se déconnecter », a Back button that shows nothing
// of the person, and « Afficher le mot de passe ».

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
// The header's line is as tall as its tallest control, the 44 px touch target of « Menu » and
// of the language link, plus .5rem of padding above and below: 60 px. A second line would add
// at least one line of text (about 24 px), so 64 px tells one line from two, with room for rounding.
const ONE_LINE_HEADER = 64;

before(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  await server.db.updateTable('structures').set({ portal_enabled: true }).where('id', 'in', [server.demo.demo, server.demo.abri]).execute();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A domicilié with a portal account: personal password unless `temporary`. */
async function domicilie(options: { temporary?: boolean; structureId?: string } = {}) {
  const structureId = options.structureId ?? server.demo.demo;
  const person = await createDomicilie(server.db, structureId, { nom: 'Benali', prenom: 'Yasmine', birth_date: '1990-06-02', start_date: '2026-03-01', end_date: '2027-02-28' });
  const account = await createPortalAccount(server.db, structureId, person.id, { temporary: options.temporary ?? false });
  return { person, account };
}

async function open(viewport: { width: number; height: number }, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', ...options });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

async function loggedIn(page: Page, account: { login: string; password: string }) {
  await portalLogin(page, server.baseUrl, account.login, account.password);
  await page.waitForURL(/\/portail$/);
}

/** The header's height, and whether its structure, « Menu » and language sit on the same line. */
async function headerLine(page: Page) {
  const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
  const header = await box('header');
  const parts = await Promise.all(['.portal-home', 'details.portal-menu > summary', 'a.portal-lang'].map(box));
  const middles = parts.map((part) => part.y + part.height / 2);
  return { height: header.height, sameLine: Math.max(...middles) - Math.min(...middles) < 12, right: Math.max(...parts.map((part) => part.x + part.width)) };
}

test('on a 360 px phone the header is one line: structure, « Menu », language; the menu works without JavaScript', async () => {
  const { account } = await domicilie();
  for (const javaScriptEnabled of [false, true]) {
    const page = await open(PHONE, { javaScriptEnabled });
    await loggedIn(page, account);
    const line = await headerLine(page);
    assert.ok(line.height <= ONE_LINE_HEADER, `header ${line.height} px high (JavaScript ${javaScriptEnabled})`);
    assert.ok(line.sameLine, 'structure, « Menu » and language side by side');
    assert.ok(line.right <= PHONE.width, 'nothing goes past the screen');
    assert.equal(await page.locator('.portal-home').innerText(), 'CCAS de Démo');

    const menu = page.getByRole('navigation', { name: 'Menu du portail' });
    assert.equal(await menu.isVisible(), false, 'the menu waits to be asked for');
    await openPortalMenu(page);
    await menu.getByRole('link', { name: 'Historique' }).click();
    await page.getByRole('heading', { level: 1, name: 'Historique du courrier' }).waitFor();
    if (javaScriptEnabled) {
      await expectAccessible(page, 'history, 360 px');
      await openPortalMenu(page);
      assert.deepEqual(await menu.getByRole('link').allInnerTexts(), ['Mon espace', 'Historique', 'Mes documents', 'Changer mon mot de passe']);
      await menu.getByRole('button', { name: 'Se déconnecter' }).waitFor();
      await expectAccessible(page, 'menu open, 360 px');
      await menu.getByRole('link', { name: 'Mon espace' }).click();
      await page.waitForURL(/\/portail$/);
      await expectAccessible(page, 'Mon espace, 360 px');
    }
    await page.context().close();
  }
});

test('a long structure name keeps the header to one line: two lines of name at most', async () => {
  const name = 'Centre communal d’action sociale de Villeurbanne-la-Grande, antenne du centre-ville';
  await server.db.updateTable('structures').set({ name }).where('id', '=', server.demo.abri).execute();
  const { account } = await domicilie({ structureId: server.demo.abri });
  const page = await open(PHONE);
  await loggedIn(page, account);
  const line = await headerLine(page);
  assert.ok(line.height <= ONE_LINE_HEADER, `header ${line.height} px high`);
  assert.ok(line.right <= PHONE.width);
  assert.equal(await page.locator('.portal-home').getAttribute('href'), '/portail');
  assert.equal((await page.locator('.portal-home').textContent())?.trim(), name, 'the whole name is there for screen readers');
  await expectAccessible(page, 'long structure name, 360 px');
  await page.context().close();
});

test('on a desktop the same header; the open menu lies under « Menu »', async () => {
  const { account } = await domicilie();
  const page = await open(DESKTOP);
  await page.goto(`${server.baseUrl}/portail`);
  await expectAccessible(page, 'login, desktop');
  await loggedIn(page, account);
  assert.ok((await headerLine(page)).height <= ONE_LINE_HEADER);
  await openPortalMenu(page);
  const summary = (await page.locator('details.portal-menu > summary').boundingBox())!;
  const panel = (await page.getByRole('navigation', { name: 'Menu du portail' }).boundingBox())!;
  assert.ok(panel.y >= summary.y + summary.height, 'under the button');
  assert.ok(Math.abs(panel.x + panel.width - (summary.x + summary.width)) < 2, 'aligned on its right edge');
  await expectAccessible(page, 'menu open, desktop');
  await page.getByRole('link', { name: 'Changer mon mot de passe' }).click();
  await page.getByRole('heading', { level: 1, name: 'Changer mon mot de passe' }).waitFor();
  await expectAccessible(page, 'change password, desktop');
  await page.context().close();
});

test('log out on a shared phone: the next person gets French, and Back shows only the login page', async () => {
  const { person, account } = await domicilie();
  await receiveMail(server.db, server.demo.demo, person.id, { courrier: 1 }, { comment: 'Lettre de la CAF' });
  const page = await open(PHONE);
  const personal: Record<string, string | undefined> = {};
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (['/portail', '/portail/historique'].includes(path) && response.status() === 200) personal[path] = response.headers()['cache-control'];
  });
  await loggedIn(page, account);
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hello Yasmine BENALI' }).waitFor();
  const home = await page.locator('main').innerText();
  assert.match(home, /Status: active domiciliation/);
  assert.match(home, /Note from your organisation: “Lettre de la CAF”/);
  assert.doesNotMatch(home, /[«»]/, 'English quotation marks in English');
  await expectAccessible(page, 'home in English, 360 px');
  await openPortalMenu(page);
  await page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link', { name: 'Mail history' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mail history' }).waitFor();
  assert.deepEqual(personal, { '/portail': 'no-store', '/portail/historique': 'no-store' }, 'pages with personal data are never stored');

  await openPortalMenu(page);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/portail\/connexion$/);
  const loginPage = async (label: string) => {
    await page.getByRole('heading', { level: 1, name: 'Connexion au portail usager' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fr', label);
    const text = await page.locator('body').innerText();
    assert.doesNotMatch(text, /Yasmine|BENALI|Lettre de la CAF|Mail history/, `${label}: nothing of the person`);
    assert.equal(await page.getByLabel('Identifiant').inputValue(), '', `${label}: the identifier field is empty`);
  };
  await loginPage('after log-out');
  await page.getByText('Vous êtes déconnecté.').waitFor();
  await expectAccessible(page, 'logged out, 360 px');
  await page.goBack();
  await loginPage('Back once');
  await page.goBack();
  await loginPage('Back twice');
  await page.context().close();
});

test('« Afficher le mot de passe » on every password field; masked again when sent; absent without JavaScript', async () => {
  const { account } = await domicilie({ temporary: true });
  const page = await open(PHONE);
  await page.goto(`${server.baseUrl}/portail/connexion`);
  const identifier = page.getByLabel('Identifiant');
  assert.deepEqual(
    await Promise.all(['autocapitalize', 'autocorrect', 'spellcheck'].map((name) => identifier.getAttribute(name))),
    ['characters', 'off', 'false'],
  );
  const password = page.getByLabel('Mot de passe', { exact: true });
  await password.fill(TEMPORARY_PASSWORD);
  await page.getByRole('button', { name: 'Afficher le mot de passe' }).click();
  assert.equal(await password.getAttribute('type'), 'text');
  assert.equal(await password.getAttribute('autocapitalize'), 'none', 'a shown password is not capitalised by the phone');
  await expectAccessible(page, 'login, password shown, 360 px');
  await page.getByRole('button', { name: 'Masquer le mot de passe' }).click();
  assert.equal(await password.getAttribute('type'), 'password');

  await page.getByRole('button', { name: 'Afficher le mot de passe' }).click();
  await identifier.fill(account.login);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/portail\/nouveau-mot-de-passe$/);

  // Two fields: each button names its own.
  const toggles = page.getByRole('button', { name: /^Afficher le mot de passe/ });
  assert.deepEqual(await toggles.evaluateAll((buttons) => buttons.map((button) => button.textContent)), [
    'Afficher le mot de passe (Nouveau mot de passe)',
    'Afficher le mot de passe (Confirmer le mot de passe)',
  ]);
  // The example of the hint, copied as is, is refused.
  const example = /«\s*([^»]+?)\s*»/.exec(await page.getByText(/^Au moins 12 caractères/).innerText())![1]!;
  await page.getByLabel('Nouveau mot de passe').fill(example);
  await page.getByLabel('Confirmer le mot de passe').fill(example);
  await page.getByRole('button', { name: 'Afficher le mot de passe (Nouveau mot de passe)' }).click();
  await page.getByRole('button', { name: 'Afficher le mot de passe (Confirmer le mot de passe)' }).click();
  assert.deepEqual(await page.locator('form input[name="nouveau_mot_de_passe"], form input[name="confirmation"]').evaluateAll((inputs) => inputs.map((input) => input.getAttribute('type'))), ['text', 'text']);
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  await page.getByRole('alert').getByText(/trop courant/).waitFor();
  assert.equal(await page.getByLabel('Nouveau mot de passe').inputValue(), '', 'the refused password is not sent back');
  await expectAccessible(page, 'example refused, 360 px');

  // What a submit handler added after the page's own sees: the fields are masked before sending.
  await page.getByLabel('Nouveau mot de passe').fill('les hérons du vieux port');
  await page.getByLabel('Confirmer le mot de passe').fill('les hérons du vieux port');
  await page.getByRole('button', { name: 'Afficher le mot de passe (Nouveau mot de passe)' }).click();
  await page.getByRole('button', { name: 'Afficher le mot de passe (Confirmer le mot de passe)' }).click();
  const typesWhenSent = await page.locator('form[data-password-toggle]').evaluate(
    (form) =>
      new Promise<string[]>((resolve) => {
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          resolve([...form.querySelectorAll('input[name="nouveau_mot_de_passe"], input[name="confirmation"]')].map((input) => input.getAttribute('type')!));
        });
        (form as HTMLFormElement).requestSubmit();
      }),
  );
  assert.deepEqual(typesWhenSent, ['password', 'password']);
  await page.context().close();

  const withoutScript = await open(PHONE, { javaScriptEnabled: false });
  await withoutScript.goto(`${server.baseUrl}/portail/connexion`);
  await withoutScript.getByRole('button', { name: 'Se connecter' }).waitFor();
  assert.equal(await withoutScript.getByRole('button', { name: /mot de passe/ }).count(), 0, 'no control that would not work');
  await withoutScript.context().close();
});
