import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createStaff, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { otherStructure, reportWorld } from '../../../domain/report/report.fixtures.ts';
import type { Role } from '../../../shared/roles.ts';
import { isoDateIn } from '../../../shared/dates.ts';
import { seriesSheetNames } from './report-xlsx.ts';

let t: TestApp;
let structureId: string;
let otherId: string;
const clients = new Map<string, TestClient>();

before(async () => {
  t = await createTestApp();
  otherId = (await otherStructure(t.db)).structureId;
  structureId = (await reportWorld(t.db)).structureId;
});
after(() => t.close());

/** A staff member of the structure (or of the other one), logged in once. */
async function as(role: Role, of: 'ours' | 'other' = 'ours'): Promise<TestClient> {
  const key = `${of}-${role}`;
  if (!clients.has(key)) {
    const staff = await createStaff(t.db, of === 'ours' ? structureId : otherId, role);
    const client = new TestClient(t.app);
    await client.login(staff.email, STAFF_PASSWORD);
    clients.set(key, client);
  }
  return clients.get(key)!;
}

const year2025 = async (role: Role = 'gestionnaire') => page((await (await as(role)).get('/statistiques?annee=2025')).body);

describe('« Statistiques »: the yearly report of a structure known by construction', () => {
  test('every block in the questionnaire’s order, with the figures of the structure alone', async () => {
    const report = await year2025();
    assert.equal(report.heading, "Statistiques : l'année 2025");
    assert.deepEqual(report.texts('.report-block:not(.print-only) h2'), [
      'Domiciliations valides au 31/12/2025',
      'Entretien social des personnes domiciliées au 31/12/2025',
      'Décisions prises pendant la période',
      'Courrier, passages et portail pendant la période',
    ]);
    assert.deepEqual(report.table('Personnes domiciliées'), [
      ['Personnes domiciliées (domiciliation valide)', '4'],
      ['Ayants droit', '3'],
      ['Personnes et ayants droit ensemble', '7'],
    ]);
    assert.deepEqual(report.table('Âge des personnes domiciliées').slice(0, 4), [['Mineurs', '1'], ['Majeurs', '3'], ['0 à 17 ans', '1'], ['18 à 25 ans', '0']]);
    assert.deepEqual(report.table('Âge des personnes domiciliées').at(-1), ['75 ans et plus', '1']);
    assert.deepEqual(report.table('Âge des ayants droit'), [['Mineurs', '1'], ['Majeurs', '1'], ['Âge non renseigné', '1']]);
    assert.deepEqual(report.table('Sexe des personnes domiciliées'), [['Femmes', '2'], ['Hommes', '1'], ['Non renseigné', '1']]);
    assert.deepEqual(report.table('Première domiciliation ou renouvellement'), [['Première domiciliation', '3'], ['Renouvellement', '1']]);
    assert.deepEqual(report.table('Accompagnement social'), [['Oui', '1'], ['Non', '1'], ['Non renseigné', '2']]);
    assert.deepEqual(report.table('Composition du ménage').filter(([, count]) => count !== '0'), [['Femme isolée avec enfant(s)', '1'], ['Homme isolé sans enfant', '1'], ['Non renseigné', '2']]);
    assert.deepEqual(report.table("Attestations d'élection de domicile délivrées"), [
      ['Attestations délivrées', '4'], ['dont premières demandes', '3'], ['dont renouvellements', '1'], ['Ayants droit couverts par ces attestations', '3'],
    ]);
    assert.deepEqual(report.table('Radiations par motif').filter(([, count]) => count !== '0'), [['Radiations', '1'], ['Entrée dans un logement', '1']]);
    assert.deepEqual(report.table('Refus par motif').filter(([, count]) => count !== '0'), [['Refus', '2'], ['Hors agrément', '1'], ['Non renseigné', '1']]);
    assert.deepEqual(report.table('Courrier reçu'), [['Courriers', '5'], ['Colis', '3'], ['Recommandés / avis de passage', '1']], 'the avis of 31/12 at 23:30 in Paris is 2025, the letter an hour later is not');
    assert.deepEqual(report.table('Portail usager'), [['Connexions au portail', '3'], ['Personnes qui se sont connectées', '2']]);
  });

  test('says that the entretien answers and the ayants droit are counted as recorded now', async () => {
    assert.match((await year2025()).text, /Les réponses de l'entretien social et les ayants droit n'ont pas d'historique : ils sont comptés tels qu'ils sont enregistrés aujourd'hui\./);
  });

  test('each chart is one named picture with its numbers in a table beside it', async () => {
    const report = await year2025();
    const pictures = report.root.querySelectorAll('svg[role="img"]');
    assert.deepEqual(pictures.map((svg) => svg.querySelector('title')?.text.split(' : ')[0]), [
      'Personnes domiciliées au 31/12/2025, par âge et par sexe', 'Décisions par mois', 'Courrier reçu par mois, par type', 'Courrier remis par mois, par type', 'Échéances des domiciliations valides, 12 prochains mois',
    ]);
    for (const svg of pictures) assert.equal(svg.getAttribute('aria-labelledby'), svg.querySelector('title')!.getAttribute('id'));
    const decisions = report.table('Décisions par mois');
    assert.equal(decisions.length, 12);
    assert.deepEqual(decisions[1], ['février 2025', '1', '0', '0', '0', '1'], 'B’s first domiciliation, and the total');
    assert.deepEqual(decisions[5], ['juin 2025', '0', '1', '0', '0', '1'], 'A’s renewal counts as a renewal');
    assert.deepEqual(decisions[2], ['mars 2025', '0', '0', '0', '1', '1'], 'C radiée');
    assert.deepEqual(report.table('Courrier reçu par mois, par type')[0], ['janvier 2025', '2', '1', '0', '3'], '31/12/2024 23:30 UTC is January in Paris');
    assert.equal(report.table('Échéances des domiciliations valides, 12 prochains mois').length, 12);
    const ages = report.table('Personnes domiciliées au 31/12/2025, par âge et par sexe');
    assert.deepEqual(ages.at(-1), ['75 ans et plus', '0', '0', '1']);
  });

  test('without a period: the last full year; two dates: that period, both days included', async () => {
    const client = await as('administrateur');
    const lastYear = Number(isoDateIn(new Date(), 'Europe/Paris').slice(0, 4)) - 1;
    const byDefault = page((await client.get('/statistiques')).body);
    assert.equal(byDefault.heading, `Statistiques : l'année ${lastYear}`);
    assert.equal(byDefault.field('Année').value, String(lastYear));
    const half = page((await client.get('/statistiques?du=01/01/2025&au=31/03/2025')).body);
    assert.equal(half.heading, 'Statistiques : du 01/01/2025 au 31/03/2025');
    assert.equal(half.table('Décisions par mois').length, 3);
    assert.deepEqual(half.table('Personnes domiciliées')[0], ['Personnes domiciliées (domiciliation valide)', '3'], 'A, B and G on 31 March; C radiée on the 20th');
  });

  test('a wrong period is said next to its field, in French, and nothing is counted', async () => {
    const client = await as('gestionnaire');
    const wrongDay = await client.get('/statistiques?du=31/02/2025&au=31/03/2025');
    assert.equal(wrongDay.statusCode, 400);
    const form = page(wrongDay.body);
    assert.equal(form.field('Du').error, 'Indiquez une date au format jj/mm/aaaa, par exemple 31/12/2025.');
    assert.equal(form.field('Du').value, '31/02/2025', 'what was typed stays');
    assert.equal(form.root.querySelectorAll('svg[role="img"]').length, 0);
    const reversed = page((await client.get('/statistiques?du=01/06/2025&au=01/01/2025')).body);
    assert.equal(reversed.field('Au (inclus)').error, 'La date de fin doit être le jour de début ou un jour après.');
    const tooLong = page((await client.get('/statistiques?du=01/01/2000&au=01/01/2025')).body);
    assert.equal(tooLong.field('Au (inclus)').error, 'La période ne peut pas dépasser 5 ans.');
    const year = await client.get('/statistiques?annee=abcd');
    assert.equal(year.statusCode, 400);
    assert.equal(page(year.body).field('Année').error, 'Choisissez une année, par exemple 2025.');
  });

  test('administrateurs and gestionnaires only: the link, the page, the answers and the file', async () => {
    for (const role of ['administrateur', 'gestionnaire'] as const) {
      const home = page((await (await as(role)).get('/accueil')).body);
      assert.equal(home.region('Navigation principale').link('Statistiques').href, '/statistiques', role);
    }
    for (const role of ['instructeur', 'facteur'] as const) {
      const client = await as(role);
      assert.ok(!page((await client.get('/accueil')).body).region('Navigation principale').links().some((link) => link.text === 'Statistiques'), role);
      assert.equal((await client.get('/statistiques?annee=2025')).statusCode, 403, role);
      assert.equal((await client.post('/statistiques/reponses', { annee: '2025', liste_attente: 'oui' })).statusCode, 403, role);
      assert.equal((await client.post('/statistiques/rapport.xlsx', { du: '2025-01-01', au: '2025-12-31' })).statusCode, 403, role);
    }
    const anonymous = new TestClient(t.app);
    assert.equal((await anonymous.get('/statistiques')).headers.location, '/connexion');
  });
});

describe('the structure’s own answers, one year at a time', () => {
  test('saved for the year shown, read back in the form, never another year’s or structure’s', async () => {
    const client = await as('gestionnaire');
    const saved = await client.post('/statistiques/reponses', { annee: '2024', liste_attente: 'oui', delai_moyen_jours: '45', etp_salaries: '1,5', etp_benevoles: '', cout_personnel: '42 000', cout_total: '60000' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/statistiques?annee=2024#reponses');
    const shown = page((await client.get('/statistiques?annee=2024')).body);
    assert.equal(shown.status, 'Les réponses de 2024 sont enregistrées.');
    const answers = shown.region('Réponses de la structure pour 2024');
    assert.deepEqual(answers.choices('liste_attente').filter((choice) => choice.checked).map((choice) => choice.label), ['Oui']);
    assert.equal(answers.field("Délai moyen d'attente, en jours").value, '45');
    assert.equal(answers.field('Salariés affectés à la domiciliation, en équivalents temps plein').value, '1,5');
    assert.equal(answers.field('Bénévoles affectés à la domiciliation, en équivalents temps plein').value, '');
    assert.equal(answers.field('Coût du personnel, en euros').value, '42000');
    const otherYear = page((await client.get('/statistiques?annee=2023')).body).region('Réponses de la structure pour 2023');
    assert.equal(otherYear.field("Délai moyen d'attente, en jours").value, '');
    const otherStructure = page((await (await as('gestionnaire', 'other')).get('/statistiques?annee=2024')).body).region('Réponses de la structure pour 2024');
    assert.equal(otherStructure.field("Délai moyen d'attente, en jours").value, '');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'details']).where('structure_id', '=', structureId).where('action', '=', 'rapport.reponses').execute();
    assert.deepEqual(audit.map((entry) => entry.details), [{ year: 2024 }]);
  });

  test('a wrong number is said next to its field, what was typed kept, nothing saved', async () => {
    const client = await as('administrateur');
    const refused = await client.post('/statistiques/reponses', { annee: '2022', liste_attente: 'non', delai_moyen_jours: 'trente', etp_salaries: '-1' });
    assert.equal(refused.statusCode, 400);
    const answers = page(refused.body).region('Réponses de la structure pour 2022');
    assert.equal(answers.field("Délai moyen d'attente, en jours").error, 'Indiquez un nombre, par exemple 2 ou 1,5.');
    assert.equal(answers.field("Délai moyen d'attente, en jours").value, 'trente');
    assert.equal(answers.field('Salariés affectés à la domiciliation, en équivalents temps plein').error, 'Indiquez un nombre positif ou nul.');
    const stored = await t.db.selectFrom('report_answers').select('year').where('structure_id', '=', structureId).where('year', '=', 2022).execute();
    assert.deepEqual(stored, []);
  });
});

describe('« Télécharger (xlsx) »', () => {
  test('the indicators in order, one sheet per block, then the monthly series; audited', async () => {
    const client = await as('gestionnaire');
    const form = (await year2025()).form('Télécharger (xlsx)');
    assert.deepEqual([form.action, form.method, form.hidden], ['/statistiques/rapport.xlsx', 'post', { du: '2025-01-01', au: '2025-12-31' }]);
    const response = await client.post(form.action, form.hidden);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="rapport-activite-structure-[a-z0-9-]+-2025-01-01-2025-12-31\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), [
      'Au dernier jour', 'Entretien social', 'Décisions', 'Courrier et passages', 'Réponses de la structure', ...Object.values(seriesSheetNames),
    ]);
    const rows = (name: string) => workbook.getWorksheet(name)!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    const first = rows('Au dernier jour');
    assert.deepEqual(first[0], ['Domiciliations valides au 31/12/2025']);
    assert.deepEqual(first.slice(2, 6), [['Personnes domiciliées'], ['Personnes domiciliées (domiciliation valide)', 4], ['Ayants droit', 3], ['Personnes et ayants droit ensemble', 7]]);
    assert.ok(rows('Décisions').some((row) => row[0] === '    dont renouvellements' && row[1] === 1));
    const perMonth = rows(seriesSheetNames.decisions);
    assert.deepEqual(perMonth[1], ['Mois', 'Premières demandes', 'Renouvellements', 'Refus', 'Radiations']);
    assert.deepEqual(perMonth.slice(2).map((row) => row[0]), ['janvier 2025', 'février 2025', 'mars 2025', 'avril 2025', 'mai 2025', 'juin 2025', 'juillet 2025', 'août 2025', 'septembre 2025', 'octobre 2025', 'novembre 2025', 'décembre 2025']);
    assert.deepEqual(perMonth[7], ['juin 2025', 0, 1, 0, 0]);
    assert.deepEqual(rows(seriesSheetNames.mail)[2], ['janvier 2025', 2, 1, 0, 0, 0, 0]);
    const audit = await t.db.selectFrom('audit_log').select(['details', 'actor_type']).where('structure_id', '=', structureId).where('action', '=', 'export.rapport').execute();
    assert.deepEqual(audit, [{ details: { du: '2025-01-01', au: '2025-12-31' }, actor_type: 'staff' }]);
  });

  test('refused without the form’s token', async () => {
    const response = await (await as('gestionnaire')).post('/statistiques/rapport.xlsx', { du: '2025-01-01', au: '2025-12-31' }, { csrf: false });
    assert.equal(response.statusCode, 403);
  });
});
