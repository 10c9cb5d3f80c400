import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { readDocxText } from '../helpers/factories.ts';
import { DEMO_PASSWORD, expectAccessible, launchBrowser, navigate, newPage, portalLogin, staffLogin, startDemoServer } from './browser.ts';

// The whole seed, end to end: the structure switches the portal on, the desk gives Marie
// DUPONT her access on paper, she logs in with what the Word document says.
let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;
let desk: Page;
let phone: Page;
let marieId: string;

before(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  desk = await newPage(browser);
  phone = await newPage(browser);
  const marie = await server.db.selectFrom('domicilies').select('id').where('structure_id', '=', server.demo.demo).where('nom', 'ilike', 'dupont').where('prenom', '=', 'Marie').executeTakeFirstOrThrow();
  marieId = marie.id;
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function giveAccess(reset: boolean) {
  await desk.goto(`${server.baseUrl}/domicilies/${marieId}/courriers`);
  await desk.getByRole('region', { name: 'Accès au portail usager' }).getByRole('link', { name: 'Modifier les préférences' }).click();
  await desk.getByRole('group', { name: 'Accès au portail usager' }).getByLabel('Oui').check();
  if (reset) await desk.getByLabel('Ré-initialiser le mot de passe temporaire du domicilié').check();
  const download = desk.waitForEvent('download');
  await desk.getByRole('button', { name: 'Enregistrer les préférences' }).click();
  const text = await readDocxText(readFileSync((await (await download).path())!));
  const login = /Identifiant : ([A-Z]{8})/.exec(text)?.[1];
  const password = /Mot de passe temporaire : ([A-Z0-9-]+)/.exec(text)?.[1];
  const link = /(http:\/\/\S+\/portail)\b/.exec(text)?.[1];
  assert.ok(login && password && link, 'the document gives the link, the identifier and the temporary password');
  return { login, password, link };
}

test('the administrateur switches the portal on, the instructeur prints Marie DUPONT’s access', async () => {
  await staffLogin(desk, server.baseUrl, 'admin@demo.test', DEMO_PASSWORD);
  await navigate(desk, 'Ma structure');
  await desk.getByRole('group', { name: 'Activer le portail usager' }).getByLabel('Oui').check();
  await desk.getByRole('group', { name: 'Mettre à jour la date de dernier passage à chaque connexion au portail' }).getByLabel('Oui').check();
  await desk.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await desk.getByText('Les modifications ont été enregistrées.').waitFor();
  await desk.getByRole('button', { name: 'Se déconnecter' }).click();
  await staffLogin(desk, server.baseUrl, 'instructeur@demo.test', DEMO_PASSWORD);
});

let paper: { login: string; password: string; link: string };

test('Marie logs in with the document, chooses her password and sees her mail and her address', async () => {
  paper = await giveAccess(false);
  assert.equal(paper.link, 'http://domiciliation.test/portail');
  await portalLogin(phone, server.baseUrl, paper.login, paper.password);
  await phone.waitForURL(/\/portail\/nouveau-mot-de-passe$/);
  await phone.getByLabel('Nouveau mot de passe').fill('les cerisiers de la place');
  await phone.getByLabel('Confirmer le mot de passe').fill('les cerisiers de la place');
  await phone.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  await phone.waitForURL(/\/portail$/);
  await phone.getByRole('heading', { level: 1, name: 'Bonjour Marie DUPONT' }).waitFor();
  const mail = await phone.getByRole('region', { name: 'Votre courrier en attente' }).innerText();
  assert.match(mail, /2\s+courriers/);
  assert.match(mail, /1\s+colis/);
  assert.match(await phone.locator('.envelope').innerText(), /Marie DUPONT\nchez CCAS de Démo\n12 rue de la République\n69001 LYON/);
  await expectAccessible(phone, 'Mon espace of Marie');

  await desk.goto(`${server.baseUrl}/domicilies/${marieId}/courriers`);
  const section = await desk.getByRole('region', { name: 'Accès au portail usager' }).innerText();
  assert.match(section, new RegExp(paper.login));
  assert.match(section, /Mot de passe personnel choisi\s+Oui/);
});

test('a reset at the desk closes her open session; the new document works', async () => {
  const second = await giveAccess(true);
  assert.equal(second.login, paper.login);
  assert.notEqual(second.password, paper.password);
  await phone.reload();
  await phone.waitForURL(/\/portail\/connexion$/);
  await portalLogin(phone, server.baseUrl, paper.login, 'les cerisiers de la place');
  await phone.getByRole('alert').waitFor();
  assert.match(await phone.getByRole('alert').innerText(), /incorrect/);
  await portalLogin(phone, server.baseUrl, second.login.toLowerCase(), second.password.replaceAll('-', ' '));
  await phone.waitForURL(/\/portail\/nouveau-mot-de-passe$/);
});
