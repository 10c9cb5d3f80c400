import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Download, Page } from 'playwright-core';
import { normalizeTemporaryPassword } from '../../src/domain/portal-access/credentials.ts';
import { verifyPassword } from '../../src/shared/passwords.ts';
import { createDomicilie, readDocxText } from '../helpers/factories.ts';
import { DEMO_PASSWORD, expectAccessible, launchBrowser, navigate, newPage, staffLogin, staffLogout, startDemoServer } from './browser.ts';

// Seed, step 2: « activation du portail usager sur la fiche des domiciliés », word for word.
let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;
let page: Page;
let domicilie: { id: string; nom: string; prenom: string };

before(async () => {
  server = await startDemoServer();
  domicilie = await createDomicilie(server.db, server.demo.demo, { nom: 'Lefèvre', prenom: 'Zoé' });
  browser = await launchBrowser();
  page = await newPage(browser);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** « en vous rendant sur la fiche domicilié dans l'onglet « Courriers » ». */
async function openCourriersTab() {
  await page.goto(`${server.baseUrl}/domicilies/${domicilie.id}`);
  await page.getByRole('navigation', { name: 'Onglets de la fiche' }).getByRole('link', { name: 'Courriers', exact: true }).click();
  await page.waitForURL(`${server.baseUrl}/domicilies/${domicilie.id}/courriers`);
}

const portalSection = () => page.getByRole('region', { name: 'Accès au portail usager' });

/** The identifier and temporary password printed in a downloaded document. */
async function readDownload(download: Download) {
  const name = download.suggestedFilename();
  // Its date and time, on the structure's clock: a reset's document never takes the first one's name.
  assert.match(name, /^acces-portail-lefevre-zoe-\d{4}-\d{2}-\d{2}-\d{2}h\d{2}m\d{2}\.docx$/);
  const text = await readDocxText(readFileSync((await download.path())!));
  const login = /Identifiant : ([A-Z]{8})/.exec(text)?.[1];
  const password = /Mot de passe temporaire : ([A-Z0-9-]+)/.exec(text)?.[1];
  assert.ok(login && password, 'identifier and temporary password in the document');
  assert.ok(text.includes('http://domiciliation.test/portail'), 'portal link (PORTAL_URL, by default the server address + /portail) in the document');
  return { login, password, name };
}

async function accountHash() {
  const row = await server.db.selectFrom('portal_accounts').select(['login', 'password_hash', 'enabled']).where('domicilie_id', '=', domicilie.id).executeTakeFirstOrThrow();
  return row;
}

test('step 1 first: an administrateur switches the portail usager on in « Ma structure »', async () => {
  await staffLogin(page, server.baseUrl, 'admin@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Ma structure');
  await page.getByRole('group', { name: 'Activer le portail usager' }).getByLabel('Oui').check();
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await page.getByText('Les modifications ont été enregistrées.').waitFor();
  await staffLogout(page);
});

let first: { login: string; password: string; name: string };

test('an instructeur gives the access: « Modifier les préférences », « Oui », « Enregistrer les préférences », the Word document downloads', async () => {
  await staffLogin(page, server.baseUrl, 'instructeur@demo.test', DEMO_PASSWORD);
  await openCourriersTab();
  const section = portalSection();
  await section.waitFor();
  assert.match(await section.innerText(), /Accès au portail\s+Non/);
  await expectAccessible(page, 'Courriers tab before access');

  await section.getByRole('link', { name: 'Modifier les préférences' }).click();
  await page.waitForURL(`${server.baseUrl}/domicilies/${domicilie.id}/acces-portail`);
  await expectAccessible(page, 'Modifier les préférences (no account)');
  assert.equal(await page.getByLabel('Ré-initialiser le mot de passe temporaire du domicilié').count(), 0);
  await page.getByRole('group', { name: 'Accès au portail usager' }).getByLabel('Oui').check();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Enregistrer les préférences' }).click();
  first = await readDownload(await download);

  await page.waitForURL(`${server.baseUrl}/domicilies/${domicilie.id}/courriers#acces-portail`);
  assert.ok(await portalSection().getByText(first.login).isVisible(), 'back at the section, the new identifier on screen');
  const account = await accountHash();
  assert.equal(first.login, account.login);
  assert.ok(await verifyPassword(account.password_hash, normalizeTemporaryPassword(first.password)));
  const text = await portalSection().innerText();
  assert.match(text, /Accès au portail\s+Oui/);
  assert.ok(text.includes(first.login));
  assert.match(text, /Jamais connecté/);
  assert.match(text, /Mot de passe temporaire remis le\s+\d\d\/\d\d\/\d{4} à \d\d:\d\d \(seul le document de cette date est valable\)/);
  await portalSection().getByRole('link', { name: 'Télécharger le document Word' }).waitFor();
  await expectAccessible(page, 'Courriers tab after creating the access');
});

test('the domicilié forgot the password: « Ré-initialiser le mot de passe temporaire du domicilié », then download the new document', async () => {
  await portalSection().getByRole('link', { name: 'Modifier les préférences' }).click();
  await page.waitForURL(`${server.baseUrl}/domicilies/${domicilie.id}/acces-portail`);
  await expectAccessible(page, 'Modifier les préférences (with account)');
  await page.getByLabel('Ré-initialiser le mot de passe temporaire du domicilié').check();
  const automatic = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Enregistrer les préférences' }).click();
  const second = await readDownload(await automatic);
  assert.equal(second.login, first.login);
  assert.notEqual(second.password, first.password);
  assert.notEqual(second.name, first.name, 'the old document cannot be mistaken for the new one');
  const { password_hash } = await accountHash();
  assert.equal(await verifyPassword(password_hash, normalizeTemporaryPassword(first.password)), false);
  assert.equal(await verifyPassword(password_hash, normalizeTemporaryPassword(second.password)), true);

  // « télécharger le document Word avec le nouveau mot de passe temporaire »
  await page.waitForURL(`${server.baseUrl}/domicilies/${domicilie.id}/courriers#acces-portail`);
  const byLink = page.waitForEvent('download');
  await portalSection().getByRole('link', { name: 'Télécharger le document Word' }).click();
  assert.deepEqual(await readDownload(await byLink), second);
  await expectAccessible(page, 'Courriers tab after the reset');
  await staffLogout(page);
});

test('a facteur sees the section without « Modifier les préférences »', async () => {
  await staffLogin(page, server.baseUrl, 'facteur@demo.test', DEMO_PASSWORD);
  await openCourriersTab();
  const text = await portalSection().innerText();
  assert.match(text, /Accès au portail\s+Oui/);
  assert.ok(text.includes(first.login));
  assert.equal(await portalSection().getByRole('link', { name: 'Modifier les préférences' }).count(), 0);
  assert.equal(await portalSection().getByRole('link', { name: 'Télécharger le document Word' }).count(), 0);
  await expectAccessible(page, 'Courriers tab (facteur)');
  await staffLogout(page);
});

test('a gestionnaire finds the account in « Comptes du portail »', async () => {
  await staffLogin(page, server.baseUrl, 'gestionnaire@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Comptes du portail');
  const row = page.getByRole('row', { name: /Zoé LEFÈVRE/ });
  assert.ok((await row.innerText()).includes(first.login));
  await page.getByLabel('Mot de passe').selectOption('personnel');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.getByText('Aucun compte ne correspond à ces filtres.').waitFor();
  assert.equal(new URL(page.url()).search, '?acces=&mot_de_passe=personnel');
  await expectAccessible(page, 'Comptes du portail');
  await staffLogout(page);
});
