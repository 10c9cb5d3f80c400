import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDomicilie, createTeam } from '../../../../test/helpers/factories.ts';
import { page } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { recordsWorld } from '../../../domain/domicilies/domicilies.fixtures.ts';
import { exportSheetNames } from '../../../domain/spreadsheet/export.service.ts';
import { templateColumns } from '../../../domain/spreadsheet/template.ts';
import { isoDateIn } from '../../../shared/dates.ts';
import { everyStatus, readWorkbook, sheetValues } from './export.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const today = () => isoDateIn(new Date(), 'Europe/Paris');
const exportAudit = (structureId: string) =>
  t.db.selectFrom('audit_log').select(['actor_id', 'details', 'target_id']).where('structure_id', '=', structureId).where('action', '=', 'export.domicilies').execute();

describe('« Exporter » the structure\'s records', () => {
  test('facteurs and instructeurs may not export; gestionnaires and administrateurs see the confirmation first', async () => {
    const w = await recordsWorld(t);
    for (const role of ['facteur', 'instructeur'] as const) {
      const client = await w.as(role);
      assert.equal((await client.get('/domicilies/export')).statusCode, 403, role);
      assert.equal((await client.post('/domicilies/export', { confirmation: 'oui' })).statusCode, 403, role);
      assert.equal(page((await client.get('/domicilies')).body).links().some((link) => link.href === '/domicilies/export'), false, `no link for ${role}`);
    }
    for (const role of ['gestionnaire', 'administrateur'] as const) {
      const client = await w.as(role);
      assert.ok(page((await client.get('/domicilies')).body).links().some((link) => link.text === 'Exporter' && link.href === '/domicilies/export'), role);
      const confirmation = await client.get('/domicilies/export');
      assert.equal(confirmation.statusCode, 200);
      const text = page(confirmation.body).text;
      assert.match(text, /Ce fichier contient des données personnelles/);
      assert.match(text, /Tous les domiciliés de la structure/);
      assert.match(text, /plus de quatre, avec leur numéro de dossier/);
      assert.match(text, /Télécharger l'export/);
    }
    assert.deepEqual(await exportAudit(w.team.structureId), [], 'seeing the confirmation exports nothing');
  });

  test('a post without the confirmation goes back to it and exports nothing', async () => {
    const w = await recordsWorld(t);
    const response = await (await w.as('gestionnaire')).post('/domicilies/export', { statut: 'valide' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/domicilies/export');
    assert.deepEqual(await exportAudit(w.team.structureId), []);
  });

  test('the file holds the template\'s headers, one row a person with its codes and days, the ayants droit and the mail; never another structure\'s people', async () => {
    const w = await recordsWorld(t, { name: 'CCAS de Saint-Étienne' });
    const people = await everyStatus(t, w.team.structureId);
    const other = await createTeam(t.db);
    await createDomicilie(t.db, other.structureId, { nom: "Lefèvre-N'Diaye", prenom: 'Zoé', birth_date: '1985-03-14' });

    const response = await (await w.as('gestionnaire')).post('/domicilies/export', { confirmation: 'oui' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(response.headers['content-disposition'], `attachment; filename="export-domicilies-ccas-de-saint-etienne-${today()}.xlsx"`);
    assert.equal(response.headers['cache-control'], 'no-store');

    const workbook = await readWorkbook(response.rawPayload);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['Domiciliés', 'Ayants droit', 'Courrier et passages']);
    const [headers, ...rows] = sheetValues(workbook, exportSheetNames.records);
    assert.deepEqual(headers, templateColumns.map((column) => column.header));
    assert.equal(rows.length, 5, 'the five people of the structure, none of the other');
    const byName = (nom: string) => rows.find((row) => row[2] === nom)!;
    const cell = (row: (string | number | null)[], key: string) => row[templateColumns.findIndex((column) => column.key === key)] ?? null;

    const zoe = byName("Lefèvre-N'Diaye");
    assert.deepEqual(zoe.slice(0, 17), [
      'ID-042', 'F', "Lefèvre-N'Diaye", 'Zoé', 'Zozo', '14/03/1985', 'Saint-Étienne', '06 12 34 56 78', 'zoe@example.org',
      'VALIDE', null, null, 'PREMIERE', '15/01/2026', '14/01/2027', '15/01/2026', today().split('-').reverse().join('/'),
    ]);
    assert.deepEqual(zoe.slice(17, 36), [
      'OUI', 'CCAS de Lyon', 'NON', 'RSA', null, 'NON', null, 'AUTRE', 'Travaille à la mairie', 'FEMME_ISOLE_AVEC_ENFANT', 'HEBERGEMENT_TIERS', null,
      'EXPULSION', null, 'PRESTATIONS_SOCIALES', null, 'OUI', 'Secours émeraude', 'Préfère être appelée le matin.',
    ]);
    // The four oldest... the record's order: by birth date. The fifth is only in the sheet « Ayants droit ».
    assert.deepEqual(zoe.slice(36), [
      'Dubœuf', 'Jérôme', '09/10/1980', 'CONJOINT', 'Lefèvre', 'Noé', '01/02/2010', 'ENFANT',
      'Lefèvre', 'Inès', '03/04/2012', 'ENFANT', 'Lefèvre', 'Chloé', '05/06/2014', 'ENFANT',
    ]);

    const radie = byName('Bérénice');
    assert.deepEqual([cell(radie, 'civilite'), cell(radie, 'statut'), cell(radie, 'motif_radiation'), cell(radie, 'type'), cell(radie, 'date_debut')], ['H', 'RADIE', 'A_SA_DEMANDE', 'PREMIERE', '01/06/2025']);
    assert.equal(cell(radie, 'date_fin'), today().split('-').reverse().join('/'), "the radiation's day");
    const refuse = byName('Çelik');
    assert.deepEqual([cell(refuse, 'statut'), cell(refuse, 'motif_refus'), cell(refuse, 'date_debut'), cell(refuse, 'date_premiere_domiciliation')], ['REFUS', 'SATURATION', null, null]);
    assert.equal(cell(refuse, 'date_fin'), today().split('-').reverse().join('/'), "the refusal's day");
    assert.equal(cell(byName('Øster'), 'statut'), 'INSTRUCTION');
    assert.equal(cell(byName('Nguyễn'), 'statut'), 'ATTENTE_DECISION');

    const [ayantsHeaders, ...ayants] = sheetValues(workbook, exportSheetNames.ayantsDroit);
    assert.deepEqual(ayantsHeaders, ['N° de dossier', 'Nom de naissance', 'Prénom', 'Ayant droit : nom', 'Ayant droit : prénom', 'Ayant droit : date de naissance', 'Ayant droit : lien de parenté']);
    assert.equal(ayants.length, 5, 'every ayant droit of the person who has more than four');
    assert.deepEqual(ayants.at(-1), [people.valide.dossier_number, "Lefèvre-N'Diaye", 'Zoé', 'Lefèvre', 'Maël', '07/08/2016', 'ENFANT']);

    const [mailHeaders, ...mail] = sheetValues(workbook, exportSheetNames.mail);
    assert.equal(mailHeaders![3], 'Courriers reçus');
    assert.equal(mail.length, 5);
    const zoeMail = mail.find((row) => row[0] === people.valide.dossier_number)!;
    const day = today().split('-').reverse().join('/');
    assert.deepEqual(zoeMail, [people.valide.dossier_number, "Lefèvre-N'Diaye", 'Zoé', 5, 1, 1, 3, 1, 0, 2, 0, 1, day, day, day]);

    const audit = await exportAudit(w.team.structureId);
    assert.deepEqual(audit, [{ actor_id: w.team.gestionnaire.id, target_id: null, details: { statut: null, echeance: null, passage: null, courrier: null, rows: 5, complete: true } }]);
  });

  test('the list\'s filters, kept with the session, are shown and applied; a name searched is not', async () => {
    const w = await recordsWorld(t);
    await everyStatus(t, w.team.structureId);
    const client = await w.as('administrateur');
    await client.post('/domicilies', { q: 'Lefèvre', statut: 'radie' });
    const confirmation = await client.get('/domicilies/export');
    const text = page(confirmation.body).text;
    assert.match(text, /Statut : Radié/);
    assert.match(text, /La recherche par nom, numéro ou date de naissance ne s'applique pas/);
    assert.doesNotMatch(confirmation.body, /Lefèvre/, 'the name searched is not on the page');

    const response = await client.post('/domicilies/export', { statut: 'radie', confirmation: 'oui' });
    const [, ...rows] = sheetValues(await readWorkbook(response.rawPayload), exportSheetNames.records);
    assert.deepEqual(rows.map((row) => row[2]), ['Bérénice']);
    const [, ...mail] = sheetValues(await readWorkbook(response.rawPayload), exportSheetNames.mail);
    assert.deepEqual(mail.map((row) => row[1]), ['Bérénice']);
    const audit = await exportAudit(w.team.structureId);
    assert.deepEqual(audit.map((entry) => entry.details), [{ statut: 'radie', echeance: null, passage: null, courrier: null, rows: 1, complete: true }]);
  });
});
