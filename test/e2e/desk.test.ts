import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { StaffActor } from '../../src/domain/actor.ts';
import { recordPresence, recordReception } from '../../src/domain/courriers/courriers.service.ts';
import { createProcuration, saveTransfert } from '../../src/domain/courriers/procurations.service.ts';
import { createDomicilie } from '../helpers/factories.ts';
import { DEMO_PASSWORD, expectAccessible, launchBrowser, staffLogin, staffLogout, startDemoServer } from './browser.ts';

/**
 * The desk in a hurry (issue 15): a 1366×768 screen at the reception desk, a 360 px phone, and
 * paper. Heights and widths are measured in the browser.
 */
let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;
let tabUrl: string;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');

before(async () => {
  server = await startDemoServer();
  const domicilie = await createDomicilie(server.db, server.demo.demo, { nom: 'Haddad', prenom: 'Rania', birth_date: '1990-04-02' });
  tabUrl = `${server.baseUrl}/domicilies/${domicilie.id}/courriers`;
  const gestionnaire = await server.db
    .selectFrom('staff_users as u')
    .innerJoin('structures as s', 's.id', 'u.structure_id')
    .select(['u.id', 'u.structure_id as structureId', 's.name as structureName', 's.timezone', 'u.role', 'u.email', 'u.nom', 'u.prenom'])
    .where('u.email', '=', 'gestionnaire@demo.test')
    .executeTakeFirstOrThrow();
  const staff = gestionnaire as StaffActor;
  // A person seen often: a full page of history, mail waiting from three receptions, a procuration and a transfer.
  for (let i = 0; i < 17; i++) await recordPresence(server.db, staff, domicilie.id, i % 2 ? 'visit' : 'call');
  await recordReception(server.db, staff, domicilie.id, { courrier: '2', colis: '1', comment: 'Lettre de la CAF' });
  await recordReception(server.db, staff, domicilie.id, { courrier: '1' });
  await recordReception(server.db, staff, domicilie.id, { avis_passage: '1' });
  await createProcuration(server.db, staff, domicilie.id, { nom: 'Haddad', prenom: 'Karim', date_debut: inDays(0), date_fin: inDays(90) });
  await saveTransfert(server.db, staff, domicilie.id, { recipient_name: 'Centre social Nord', address: '4 rue des Lilas\n69004 Lyon', date_debut: inDays(0), date_fin: inDays(60) });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function deskPage(width = 1366, height = 768, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height }, acceptDownloads: true, javaScriptEnabled });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

const topOf = (page: Page, heading: string) => page.getByRole('heading', { name: heading, exact: true }).evaluate((element) => element.getBoundingClientRect().top + window.scrollY);

describe('the « Courriers » tab on a 1366×768 desk screen', () => {
  test('the first screen holds what waits, the hand-out and the reception; the whole tab is at most 2,000 px high with nothing open', async () => {
    const page = await deskPage();
    await staffLogin(page, server.baseUrl, 'gestionnaire@demo.test', DEMO_PASSWORD);
    await page.goto(tabUrl);
    for (const heading of ['Courrier en attente', 'Distribuer le courrier', 'Enregistrer du courrier reçu']) {
      assert.ok((await topOf(page, heading)) < 768, `« ${heading} » starts on the first screen`);
    }
    const handOut = await page.getByRole('button', { name: 'Distribuer le courrier' }).evaluate((button) => button.getBoundingClientRect().bottom);
    assert.ok(handOut <= 768, `the hand-out button too (its bottom at ${handOut} px)`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 2000, `the tab is ${height} px high`);
    const transferred = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).encodedBodySize);
    assert.ok(transferred > 0 && transferred < 50 * 1024, `the page weighs ${transferred} bytes as sent`);
    assert.equal(await page.getByRole('button', { name: 'Ajouter la procuration' }).isVisible(), false, 'the forms open on demand');
    await expectAccessible(page, 'Courriers tab, desk screen');
    await staffLogout(page);
    await page.context().close();
  });

  test('undoing a mail event asks first, naming it, then says what was undone, where the person acted', async () => {
    const page = await deskPage();
    await staffLogin(page, server.baseUrl, 'facteur@demo.test', DEMO_PASSWORD);
    await page.goto(tabUrl);
    await page.getByText('Annuler…').click();
    const question = page.getByText(/^Annuler cet événement : Réception du \d\d\/\d\d\/\d{4} à \d\d:\d\d \(1 avis de passage\) \?$/);
    await question.waitFor();
    await expectAccessible(page, 'undo question');
    await page.getByRole('button', { name: 'Oui, annuler cet événement' }).click();
    const message = page.getByRole('region', { name: 'Historique du courrier, des passages et des appels' }).getByRole('status');
    assert.match(await message.innerText(), /^Réception du \d\d\/\d\d\/\d{4} à \d\d:\d\d annulée\.$/);
    assert.ok(await message.isVisible(), 'the message is on screen, beside the history');
    assert.ok((await page.evaluate(() => window.scrollY)) > 0, 'the page came back to the history, not its top');
    await staffLogout(page);
    await page.context().close();
  });
});

describe('the fiche « Dossier »', () => {
  test('« Annuler la dernière décision » names the decision before undoing it, then says what was undone', async () => {
    const page = await deskPage();
    const id = tabUrl.split('/').at(-2)!;
    await staffLogin(page, server.baseUrl, 'gestionnaire@demo.test', DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/domicilies/${id}`);
    await page.getByText('Annuler la dernière décision…').click();
    await page.getByText(/^Annuler la décision : Domiciliation validée du 01\/01\/2026 au 31\/12\/2026, prise le \d\d\/\d\d\/\d{4} \? Le dossier reviendra à l'état de la décision précédente\.$/).waitFor();
    await page.getByRole('button', { name: 'Oui, annuler cette décision' }).click();
    assert.match(await page.getByRole('status').innerText(), /^Décision annulée : Domiciliation validée du 01\/01\/2026 au 31\/12\/2026, prise le .*\. Le dossier est maintenant au statut « Instruction »\.$/);
    await staffLogout(page);
    await page.context().close();
  });
});

describe('coming back to the list', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`Back from a fiche finds the search as it was left (${javaScriptEnabled ? 'with' : 'without'} JavaScript), and no name is in any URL`, async () => {
      const page = await deskPage(1366, 768, javaScriptEnabled);
      const urls: string[] = [];
      page.on('request', (request) => urls.push(request.url()));
      await staffLogin(page, server.baseUrl, 'facteur@demo.test', DEMO_PASSWORD);
      await page.goto(`${server.baseUrl}/domicilies`);
      await page.getByLabel('Rechercher un domicilié').fill('haddad');
      await page.getByLabel('Trier par').selectOption('passage');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.getByRole('link', { name: 'Rania HADDAD' }).click();
      await page.getByRole('heading', { level: 1, name: /Rania HADDAD/ }).waitFor();
      await page.goBack();
      await page.getByRole('link', { name: 'Rania HADDAD' }).waitFor();
      assert.equal(await page.getByLabel('Rechercher un domicilié').inputValue(), 'haddad');
      assert.equal(await page.getByLabel('Trier par').inputValue(), 'passage');
      await page.getByRole('link', { name: 'Rania HADDAD' }).click();
      await page.getByRole('link', { name: '← Retour à la liste des domiciliés' }).click();
      assert.equal(await page.getByLabel('Rechercher un domicilié').inputValue(), 'haddad');
      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
      await page.waitForURL(`${server.baseUrl}/domicilies`);
      assert.equal(await page.getByLabel('Rechercher un domicilié').inputValue(), '');
      assert.deepEqual(urls.filter((url) => /haddad/i.test(url)), []);
      await staffLogout(page);
      await page.context().close();
    });
  }
});

describe('a 360 px phone and paper', () => {
  test('the list and the tab reflow: nothing wider than the screen, tables read as cards; axe finds nothing', async () => {
    const page = await deskPage(360, 740);
    await staffLogin(page, server.baseUrl, 'gestionnaire@demo.test', DEMO_PASSWORD);
    for (const url of [`${server.baseUrl}/domicilies`, tabUrl]) {
      await page.goto(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${url} is ${width} px wide`);
      await expectAccessible(page, `${url} at 360 px`);
    }
    await page.goto(`${server.baseUrl}/domicilies`);
    assert.equal(await page.locator('td[data-label="Statut"]').first().evaluate((cell) => getComputedStyle(cell, '::before').content), '"Statut : "');
    await staffLogout(page);
    await page.context().close();
  });

  test('printing a fiche gives the content only: no menu, no buttons, no forms', async () => {
    const page = await deskPage();
    await staffLogin(page, server.baseUrl, 'gestionnaire@demo.test', DEMO_PASSWORD);
    await page.goto(tabUrl);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Enregistrer la réception' }).isVisible(), false);
    assert.ok(await page.getByRole('heading', { level: 1, name: /Rania HADDAD/ }).isVisible());
    assert.ok(await page.getByRole('table', { name: 'Historique, du plus récent au plus ancien' }).isVisible());
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await staffLogout(page);
    await page.context().close();
  });
});
