import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createDomicilie } from '../helpers/factories.ts';
import { createPortalAccount, receiveMail, TEMPORARY_PASSWORD } from '../helpers/portal-factories.ts';
import { expectAccessible, launchBrowser, newPage, openPortalMenu, portalLogin, portalLogout, startDemoServer } from './browser.ts';

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;

before(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  await server.db.updateTable('structures').set({ portal_enabled: true, portal_login_updates_last_visit: true }).where('id', '=', server.demo.demo).execute();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A domicilié of the demo structure with a portal account (temporary password) and some mail. */
async function demoDomicilie(overrides: Parameters<typeof createPortalAccount>[3] = {}, structureId = server.demo.demo) {
  const domicilie = await createDomicilie(server.db, structureId, { nom: 'Benali', prenom: 'Yasmine', birth_date: '1990-06-02', start_date: '2026-03-01', end_date: '2027-02-28' });
  const account = await createPortalAccount(server.db, structureId, domicilie.id, overrides);
  return { domicilie, account };
}

const alert = (page: Page) => page.getByRole('alert');

test('a domicilié logs in with the temporary password, chooses a password, sees mail and address, logs out and in again', async () => {
  const { domicilie, account } = await demoDomicilie();
  await receiveMail(server.db, server.demo.demo, domicilie.id, { courrier: 2, avis_passage: 1 }, { comment: 'Courrier de la CAF' });
  const page = await newPage(browser);

  await page.goto(`${server.baseUrl}/portail`);
  await page.waitForURL(/\/portail\/connexion$/);
  await expectAccessible(page, 'portal login page');

  // Typed as people do: small letters, spaces instead of dashes.
  await portalLogin(page, server.baseUrl, account.login.toLowerCase(), TEMPORARY_PASSWORD.toLowerCase().replaceAll('-', ' '));
  await page.waitForURL(/\/portail\/nouveau-mot-de-passe$/);
  await expectAccessible(page, 'first login: new password');

  await page.getByLabel('Nouveau mot de passe').fill('benali 2026');
  await page.getByLabel('Confirmer le mot de passe').fill('benali 2026');
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  await page.getByText('au moins 12 caractères (il en contient 11)').first().waitFor();
  await expectAccessible(page, 'new password refused');

  const personal = 'le jardin des plantes en été';
  await page.getByLabel('Nouveau mot de passe').fill(personal);
  await page.getByLabel('Confirmer le mot de passe').fill(personal);
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  await page.waitForURL(/\/portail$/);
  await page.getByRole('heading', { level: 1, name: 'Bonjour Yasmine BENALI' }).waitFor();
  await page.getByText('Votre mot de passe est enregistré.').waitFor();
  const mail = page.getByRole('region', { name: 'Votre courrier en attente' });
  assert.match(await mail.innerText(), /2\s+courriers/);
  assert.match(await mail.innerText(), /Courrier de la CAF/);
  const envelope = await page.locator('.envelope').innerText();
  assert.equal(envelope.trim(), 'Yasmine BENALI\nchez CCAS de Démo\n12 rue de la République\n69001 LYON');
  await expectAccessible(page, 'Mon espace');

  await openPortalMenu(page);
  await page.getByRole('navigation', { name: 'Menu du portail' }).getByRole('link', { name: 'Historique' }).click();
  await page.getByRole('heading', { level: 1, name: 'Historique du courrier' }).waitFor();
  await expectAccessible(page, 'history');

  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mail history' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await expectAccessible(page, 'history in English');
  await page.getByRole('link', { name: 'Français' }).click();
  await page.getByRole('heading', { level: 1, name: 'Historique du courrier' }).waitFor();

  await openPortalMenu(page);
  await page.getByRole('link', { name: 'Changer mon mot de passe' }).click();
  await page.getByRole('heading', { level: 1, name: 'Changer mon mot de passe' }).waitFor();
  await expectAccessible(page, 'change password');

  await openPortalMenu(page);
  await page.getByRole('link', { name: 'Mon espace' }).click();
  await page.waitForURL(/\/portail$/);
  await portalLogout(page);
  await page.getByText('Vous êtes déconnecté.').waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Connexion au portail usager' }).waitFor();
  assert.equal(await page.getByText('Bonjour Yasmine').count(), 0, 'the back button does not show the cached home page');

  await portalLogin(page, server.baseUrl, account.login, personal);
  await page.waitForURL(/\/portail$/);
  await page.getByRole('heading', { level: 1, name: 'Bonjour Yasmine BENALI' }).waitFor();
  await page.context().close();
});

test('5 wrong passwords lock the access for 15 minutes', async () => {
  const { account } = await demoDomicilie();
  const page = await newPage(browser);
  for (let i = 1; i <= 4; i++) {
    await portalLogin(page, server.baseUrl, account.login, `mauvais ${i}`);
    await alert(page).getByText('Identifiant ou mot de passe incorrect.').waitFor();
  }
  await portalLogin(page, server.baseUrl, account.login, 'mauvais 5');
  await alert(page).getByText(/Trop de tentatives pour cet identifiant : réessayez dans 15 minutes/).waitFor();
  await portalLogin(page, server.baseUrl, account.login, TEMPORARY_PASSWORD);
  await alert(page).getByText(/réessayez dans 1[45] minutes/).waitFor();
  await expectAccessible(page, 'locked');
  await page.context().close();
});

test('switched-off access: the person is told to ask the structure', async () => {
  const { account } = await demoDomicilie({ enabled: false });
  const page = await newPage(browser);
  await portalLogin(page, server.baseUrl, account.login, TEMPORARY_PASSWORD);
  await alert(page).getByText(/accès au portail est désactivé\. Adressez-vous à votre structure/).waitFor();
  await expectAccessible(page, 'access switched off');
  await page.context().close();
});

test('portal off for the structure: the person is told to ask the structure', async () => {
  const { account } = await demoDomicilie({}, server.demo.abri);
  const page = await newPage(browser);
  await portalLogin(page, server.baseUrl, account.login, TEMPORARY_PASSWORD);
  await alert(page).getByText(/portail usager est fermé par votre structure\. Adressez-vous à votre structure/).waitFor();
  await expectAccessible(page, 'portal off');
  await page.context().close();
});
