import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createDomicilie } from '../helpers/factories.ts';
import { DEMO_PASSWORD, expectAccessible, launchBrowser, newPage, staffLogin, staffLogout, startDemoServer } from './browser.ts';

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;
let page: Page;
let tabUrl: string;

before(async () => {
  server = await startDemoServer();
  const domicilie = await createDomicilie(server.db, server.demo.demo, { nom: 'Nguyen', prenom: 'Linh', birth_date: '1988-05-12' });
  tabUrl = `${server.baseUrl}/domicilies/${domicilie.id}/courriers`;
  browser = await launchBrowser();
  page = await newPage(browser);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const counts = () => page.locator('ul.counts').innerText();

test('a facteur records 2 courriers and 1 colis, then hands them out (« Distribuer le courrier »)', async () => {
  await staffLogin(page, server.baseUrl, 'facteur@demo.test', DEMO_PASSWORD);
  await page.goto(tabUrl);
  await page.getByRole('heading', { level: 1, name: /Linh NGUYEN/ }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Courriers' }).getAttribute('aria-current'), 'page');
  assert.match(await counts(), /0\s+courrier en attente/);
  assert.match(await page.getByText('Ce commentaire sera visible par le domicilié sur son portail').innerText(), /visible par le domicilié/);
  await expectAccessible(page, 'Courriers tab (empty)');

  await page.getByRole('button', { name: 'Enregistrer la réception' }).click();
  await page.getByRole('alert').filter({ hasText: 'Le formulaire contient une erreur' }).waitFor();
  await expectAccessible(page, 'Courriers tab with an error');

  await page.getByRole('spinbutton', { name: 'Courriers' }).fill('2');
  await page.getByRole('spinbutton', { name: 'Colis' }).fill('1');
  await page.getByLabel('Commentaire').fill('Lettre de la CAF');
  await page.getByRole('button', { name: 'Enregistrer la réception' }).click();
  await page.getByText('Réception enregistrée : 2 courriers, 1 colis.').waitFor();
  assert.match(await counts(), /2\s+courriers en attente/);
  assert.match(await counts(), /1\s+colis en attente/);
  assert.match(await counts(), /0\s+avis de passage en attente/);
  assert.equal(await page.getByRole('cell', { name: 'Lettre de la CAF', exact: true }).count(), 1, 'one waiting row per reception: its comment once');
  await expectAccessible(page, 'Courriers tab with mail waiting');

  // The facteur sees no procuration or transfert management form.
  for (const name of ['Ajouter la procuration', "Enregistrer l'adresse de transfert", "Supprimer l'adresse de transfert"]) {
    assert.equal(await page.getByRole('button', { name }).count(), 0, name);
  }
  assert.equal(await page.getByLabel('Nom du mandataire', { exact: true }).count(), 0);

  await page.getByRole('button', { name: 'Distribuer le courrier' }).click();
  await page.getByText('Courrier distribué : 2 courriers, 1 colis remis au domicilié.').waitFor();
  assert.match(await counts(), /0\s+courrier en attente/);
  assert.match(await counts(), /0\s+colis en attente/);
  const history = page.getByRole('table', { name: 'Historique, du plus récent au plus ancien' });
  const rows = history.locator('tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).innerText(), /Remise[\s\S]*2 courriers, 1 colis, remis au domicilié en personne[\s\S]*Thomas Roux/);
  assert.match(await rows.nth(1).innerText(), /Réception[\s\S]*Lettre de la CAF[\s\S]*Thomas Roux/);
  await page.getByRole('heading', { name: 'Accès au portail usager' }).waitFor();
  await expectAccessible(page, 'Courriers tab after the hand-out');
  await staffLogout(page);
});

test('a gestionnaire manages procurations and the transfert; the forms are accessible', async () => {
  await staffLogin(page, server.baseUrl, 'gestionnaire@demo.test', DEMO_PASSWORD);
  await page.goto(tabUrl);
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
  await page.getByText('Ajouter une procuration…').click();
  await page.getByLabel('Nom du mandataire', { exact: true }).fill('Martin');
  await page.getByLabel('Prénom du mandataire').fill('Jean');
  await page.locator('#procuration_date_fin').fill(inDays(-3));
  await page.getByRole('button', { name: 'Ajouter la procuration' }).click();
  await page.getByRole('alert').filter({ hasText: 'Le formulaire contient une erreur' }).waitFor();
  assert.equal(await page.getByLabel('Nom du mandataire', { exact: true }).inputValue(), 'Martin', 'what was typed is kept');
  await expectAccessible(page, 'procuration form with an error');
  await page.locator('#procuration_date_fin').fill(inDays(90));
  await page.getByRole('button', { name: 'Ajouter la procuration' }).click();
  await page.getByText('La procuration a été ajoutée.').waitFor();
  assert.ok(await page.getByRole('heading', { name: 'Procurations' }).isVisible() && (await page.evaluate(() => window.scrollY)) > 0, 'back at the procurations, with the message there');
  assert.equal(await page.getByRole('radio', { name: /Jean MARTIN, mandataire/ }).count(), 0, 'nothing waiting: no hand-out form');
  assert.equal(await page.getByRole('cell', { name: 'Jean MARTIN', exact: true }).count(), 1);
  await page.getByText('Enregistrer une adresse de transfert…').click();
  await page.getByLabel('Nom du destinataire').fill('Centre social Nord');
  await page.getByLabel('Adresse de transfert').fill('4 rue des Lilas\n69004 Lyon');
  await page.locator('#transfert_date_fin').fill(inDays(60));
  await page.getByRole('button', { name: "Enregistrer l'adresse de transfert" }).click();
  await page.getByText("L'adresse de transfert a été enregistrée.").waitFor();
  await expectAccessible(page, 'Courriers tab with a procuration and a transfert');
  await staffLogout(page);
});
