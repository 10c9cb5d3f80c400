import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { isoDateIn } from '../../src/shared/dates.ts';
import { DEMO_PASSWORD, demoJourney, expectAccessible, navigate, staffLogin } from './browser.ts';

const journey = demoJourney();

const thisYear = Number(isoDateIn(new Date(), 'Europe/Paris').slice(0, 4));
/** Wider than the window: something would have to be scrolled sideways. */
const overflows = () => journey.page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test('a gestionnaire follows a figure of the home page to its list, then reads and downloads the year’s statistics', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'gestionnaire@demo.test', DEMO_PASSWORD);
  const today = page.getByRole('region', { name: "Aujourd'hui" });
  await expectAccessible(page, 'the home page with its figures');
  const valides = today.getByRole('link', { name: /domiciliations? valides?$/ });
  const counted = Number((await valides.innerText()).split(/\s/)[0]);
  assert.ok(counted > 0, 'the demo structure has valide domiciliations');
  await valides.click();
  await page.waitForURL(/\/domicilies\?statut=valide$/);
  assert.equal(await page.getByLabel('Statut').inputValue(), 'valide', 'the list shows the filter the figure counts');

  await navigate(page, 'Statistiques');
  await page.getByRole('heading', { level: 1, name: `Statistiques : l'année ${thisYear - 1}` }).waitFor();
  await page.getByLabel('Année').selectOption(String(thisYear));
  await page.getByRole('button', { name: "Afficher l'année" }).click();
  await page.getByRole('heading', { level: 1, name: `Statistiques : l'année ${thisYear}` }).waitFor();
  assert.equal(await page.getByRole('img').filter({ has: page.locator('title') }).count(), 5, 'five charts, each one named picture');
  assert.ok(await page.getByRole('img', { name: /^Décisions par mois : diagramme en barres/ }).isVisible());
  assert.ok(await page.getByRole('table', { name: 'Décisions par mois' }).isVisible(), 'the numbers beside the chart');
  await expectAccessible(page, 'the statistics of the year');

  // Two dates the wrong way round: said next to the field.
  await page.getByLabel('Du', { exact: true }).fill(`01/06/${thisYear}`);
  await page.getByLabel('Au (inclus)').fill(`01/01/${thisYear}`);
  await page.getByRole('button', { name: 'Afficher la période' }).click();
  await page.getByText('La date de fin doit être le jour de début ou un jour après.').first().waitFor();
  await expectAccessible(page, 'the period chooser with an error');
  await page.getByLabel('Au (inclus)').fill(`30/06/${thisYear}`);
  await page.getByRole('button', { name: 'Afficher la période' }).click();
  await page.getByRole('heading', { level: 1, name: `Statistiques : du 01/06/${thisYear} au 30/06/${thisYear}` }).waitFor();

  // The structure's answers for the year.
  const answers = page.getByRole('region', { name: `Réponses de la structure pour ${thisYear}` });
  await answers.getByRole('radio', { name: 'Oui' }).check();
  await answers.getByLabel("Délai moyen d'attente, en jours").fill('21');
  await answers.getByLabel('Salariés affectés à la domiciliation, en équivalents temps plein').fill('1,5');
  await answers.getByRole('button', { name: `Enregistrer les réponses de ${thisYear}` }).click();
  await page.getByRole('status').filter({ hasText: `Les réponses de ${thisYear} sont enregistrées.` }).waitFor();
  assert.equal(await page.getByLabel("Délai moyen d'attente, en jours").inputValue(), '21');
  await expectAccessible(page, 'the statistics after saving the answers');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger (xlsx)' }).click()]);
  assert.match(download.suggestedFilename(), new RegExp(`^rapport-activite-[a-z0-9-]+-${thisYear}-01-01-${thisYear}-12-31\\.xlsx$`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const answersSheet = workbook.getWorksheet('Réponses de la structure')!;
  const waiting = answersSheet.getSheetValues().find((row) => Array.isArray(row) && row[1] === "Délai moyen d'attente (jours)") as unknown[];
  assert.equal(waiting[2], 21, 'the answers entered are in the file');
});

test('the statistics reflow on a 360 px phone and fit A4 paper without their forms', async () => {
  const { page, server } = journey;
  await page.goto(`${server.baseUrl}/statistiques?annee=${thisYear}`);
  await page.setViewportSize({ width: 360, height: 740 });
  assert.equal(await overflows(), false, 'nothing to scroll sideways at 360 px');
  await expectAccessible(page, 'the statistics at 360 px');
  // A4 less the 15 mm margins of the print stylesheet: 180 mm, about 680 CSS pixels.
  await page.setViewportSize({ width: 680, height: 960 });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await overflows(), false, 'nothing wider than the paper');
  assert.equal(await page.getByRole('button', { name: 'Télécharger (xlsx)' }).isVisible(), false, 'no button on paper');
  assert.ok(await page.getByRole('img', { name: /^Décisions par mois/ }).isVisible(), 'the charts are printed');
  assert.ok(await page.getByRole('table', { name: 'Moyens et délais' }).isVisible(), 'the structure’s answers are printed as a table');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.subarray(0, 5).equals(Buffer.from('%PDF-')));
  await page.emulateMedia({ media: 'screen' });
});
