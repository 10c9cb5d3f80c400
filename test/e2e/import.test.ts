import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { test } from 'node:test';
import { headers, person, xlsxOf } from '../../src/domain/spreadsheet/import.fixtures.ts';
import { DEMO_PASSWORD, demoJourney, expectAccessible, navigate, staffLogin } from './browser.ts';

const journey = demoJourney();

const noChild = { ayant_droit_1_nom: null, ayant_droit_1_prenom: null, ayant_droit_1_date_naissance: null, ayant_droit_1_lien: null };
const rows = (birthOfSecond: string) => [
  headers,
  person({ id: 'Q-1', nom: 'Quennehen', prenom: 'Zéphyrine' }),
  person({ id: 'Q-2', nom: 'Quennehen', prenom: 'Anatole', civilite: 'H', date_naissance: birthOfSecond, statut: 'RADIE', motif_radiation: 'A_SA_DEMANDE', date_debut: '01/01/2025', date_fin: '30/06/2025', date_premiere_domiciliation: '01/01/2025', date_dernier_passage: '15/06/2025', ...noChild }),
];

async function send(file: Buffer, name: string) {
  await journey.page.getByLabel('Fichier des domiciliés').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await journey.page.getByRole('button', { name: 'Vérifier le fichier' }).click();
}

test('an administrateur imports a file: reads the report of its error, sends it fixed, confirms, finds the people, and exports them back', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'admin@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Ma structure');
  await page.getByRole('link', { name: 'Importer des domiciliés' }).click();
  await page.getByRole('heading', { level: 1, name: 'Importer des domiciliés' }).waitFor();
  await expectAccessible(page, 'import: upload page');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger le modèle vide (.xlsx)' }).click();
  assert.equal((await download).suggestedFilename(), 'modele-domicilies.xlsx');

  await send(await xlsxOf(rows('31/02/1980')), 'domicilies.xlsx');
  // The page reloads itself until the file is checked.
  await page.getByRole('heading', { level: 1, name: 'Le fichier contient des erreurs' }).waitFor();
  await page.getByText("ligne 3, colonne F (Date de naissance) : « 31/02/1980 » n'est pas une date").waitFor();
  assert.doesNotMatch(page.url(), /Quennehen|1980/, 'the address names no person');
  await expectAccessible(page, 'import: error report');

  await page.getByRole('link', { name: 'Envoyer le fichier corrigé' }).click();
  await send(await xlsxOf(rows('28/02/1980')), 'domicilies-corrige.xlsx');
  await page.getByRole('heading', { level: 1, name: "Aperçu de l'import" }).waitFor();
  await page.getByText(/2 personnes, dont 2 domiciliés à créer/).waitFor();
  await expectAccessible(page, 'import: preview');
  await page.getByText("Confirmer l'import…").click();
  await page.getByRole('button', { name: 'Oui, créer 2 domiciliés' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import terminé' }).waitFor({ timeout: 60_000 });
  await page.getByText(/2 domiciliés créés/).waitFor();
  await expectAccessible(page, 'import: result');

  await page.getByRole('link', { name: 'Voir la liste des domiciliés' }).click();
  await page.getByLabel('Rechercher un domicilié').fill('quennehen zeph');
  await page.getByRole('link', { name: /Zéphyrine QUENNEHEN/i }).click();
  assert.match(await page.locator('h1').innerText(), /Actif/);
  await page.getByText('01/02/2026').first().waitFor();
  await page.getByText('31/01/2027').first().waitFor();
  await expectAccessible(page, 'fiche of an imported person');

  // And out again: the export holds the imported person in the import's own layout.
  await navigate(page, 'Domiciliés');
  await page.getByRole('link', { name: 'Exporter' }).click();
  await page.getByRole('heading', { level: 2, name: 'Ce fichier contient des données personnelles' }).waitFor();
  await expectAccessible(page, 'export: confirmation');
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: "Télécharger l'export" }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await (await exported).path())!);
  const sheet = workbook.getWorksheet('Domiciliés')!;
  const found = sheet.getSheetValues().find((row) => Array.isArray(row) && row[1] === 'Q-1') as ExcelJS.CellValue[] | undefined;
  assert.ok(found, 'the imported person is in the export, with her own ID');
  assert.deepEqual([found[3], found[4], found[10], found[14], found[15]], ['Quennehen', 'Zéphyrine', 'VALIDE', '01/02/2026', '31/01/2027']);
});
