import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvOf, headers, person, readAll, xlsxOf } from './import.fixtures.ts';
import { readTemplate, type ImportEvent } from './import-reading.ts';
import type { TemplateRow } from './template.ts';

const today = '2026-04-01';
const read = async (bytes: Uint8Array, fileName = 'domicilies.xlsx') => readAll(readTemplate({ bytes, fileName }, { today }));
const rowsOf = (events: ImportEvent[]): TemplateRow[] =>
  events.map((event) => {
    assert.equal(event.kind, 'row', JSON.stringify(event));
    return (event as { row: TemplateRow }).row;
  });

describe('a clean file', () => {
  test('an xlsx in the template gives each person with the decision, dates, entretien and ayants droit it describes', async () => {
    const events = await read(await xlsxOf([headers, person(), person({ id: 2, nom: 'Durand', prenom: 'Paul', civilite: 'H', statut: 'RADIE', motif_radiation: 'ENTREE_LOGEMENT', date_debut: '01/02/2025', date_fin: '15/01/2026', date_premiere_domiciliation: '01/02/2024', type: 'RENOUVELLEMENT', email: null, telephone: null })]));
    const [lucie, paul] = rowsOf(events);
    assert.deepEqual(
      { ...lucie!, entretien: undefined },
      {
        line: 2,
        externalId: 'A-001',
        sexe: 'femme',
        nom: 'Martin',
        prenom: 'Lucie',
        surnom: null,
        birthDate: '1985-03-14',
        birthPlace: 'Lyon',
        phone: '06 12 34 56 78',
        email: 'lucie.martin@example.org',
        status: 'valide',
        motif: null,
        isRenewal: false,
        startDate: '2026-02-01',
        endDate: '2027-01-31',
        firstDomiciliation: '2026-02-01',
        lastVisit: '2026-03-10',
        entretien: undefined,
        ayantsDroit: [{ nom: 'Martin', prenom: 'Jade', birthDate: '2015-05-02', lien: 'enfant' }],
      },
    );
    assert.equal(lucie!.entretien.situation_pro, 'AUTRE');
    assert.equal(lucie!.entretien.situation_pro_autre, 'Saisonnière');
    assert.equal(lucie!.entretien.accompagnement, true);
    assert.equal(lucie!.entretien.accompagnement_par, 'CCAS');
    assert.equal(lucie!.entretien.composition_menage, 'FEMME_ISOLE_AVEC_ENFANT');
    assert.equal(lucie!.entretien.lien_commune, null);
    assert.deepEqual([paul!.externalId, paul!.sexe, paul!.status, paul!.motif, paul!.isRenewal, paul!.startDate, paul!.endDate], ['2', 'homme', 'radie', 'entree_dans_un_logement', true, '2025-02-01', '2026-01-15']);
  });

  test('every status: a refusal dated by O, an instruction and a decision awaited without dates, a valide without end gets one year', async () => {
    const rows = rowsOf(
      await read(
        await xlsxOf([
          headers,
          person({ statut: 'REFUS', motif_refus: 'SATURATION', date_debut: null, date_fin: '20/03/2026' }),
          person({ statut: 'INSTRUCTION', date_debut: '01/02/2026', date_fin: null }),
          person({ statut: 'ATTENTE_DECISION' }),
          person({ date_debut: '01/03/2026', date_fin: null }),
        ]),
      ),
    );
    assert.deepEqual(
      rows.map((row) => [row.status, row.motif, row.startDate, row.endDate]),
      [
        ['refuse', 'saturation', null, '2026-03-20'],
        ['instruction', null, null, null],
        ['a_valider', null, null, null],
        ['valide', null, '2026-03-01', '2027-02-28'],
      ],
    );
  });
});

describe('a messy file', () => {
  test('headers with line breaks, spaces, case and accents; lower-case codes with accents; serial and Date cells; d/m/yy; short and empty rows', async () => {
    const messy = headers.map((header, index) => (index === 5 ? 'DATE DE\nNAISSANCE  ' : index === 3 ? 'prenom ' : index === 9 ? 'Statut de la\r\ndomiciliation' : header));
    const bytes = await xlsxOf([
      messy,
      person({ statut: 'validé', civilite: 'f', date_naissance: 31120, date_debut: new Date(Date.UTC(2026, 1, 1)), situation_pro: 'salarie', composition_menage: 'Femme isolé avec enfant', accompagnement: 'non', ayant_droit_1_lien: 'enfant' }),
      [],
      [],
      person({ statut: 'Radié', motif_radiation: 'non manifestation 3 mois', date_naissance: '3/4/52', date_debut: '1/2/25', date_fin: '15/1/26', date_premiere_domiciliation: null, type: null }),
      ['B-7', 'H', 'Court', 'Marc', null, '01/01/1990', null, null, null, 'instruction'],
    ]);
    const rows = rowsOf(await read(bytes));
    assert.deepEqual(rows.map((row) => row.line), [2, 5, 6]);
    const [first, second, short] = rows;
    assert.deepEqual([first!.status, first!.sexe, first!.birthDate, first!.startDate], ['valide', 'femme', '1985-03-14', '2026-02-01']);
    assert.deepEqual([first!.entretien.situation_pro, first!.entretien.situation_pro_autre, first!.entretien.composition_menage, first!.entretien.accompagnement, first!.entretien.accompagnement_par], ['SALARIE', null, 'FEMME_ISOLE_AVEC_ENFANT', false, null]);
    assert.deepEqual([second!.status, second!.motif, second!.birthDate, second!.startDate, second!.endDate], ['radie', 'non_manifestation_depuis_plus_de_3_mois', '1952-04-03', '2025-02-01', '2026-01-15']);
    assert.equal(second!.isRenewal, false);
    assert.deepEqual([short!.externalId, short!.nom, short!.status, short!.ayantsDroit, short!.entretien.commentaires], ['B-7', 'Court', 'instruction', [], null]);
  });

  test('formula cells count by their cached result; a phone number stored as a number gets its leading zero back', async () => {
    const bytes = await xlsxOf([headers, person({ nom: { formula: 'UPPER("martin")', result: 'MARTIN' }, date_naissance: { formula: 'DATE(1985,3,14)', result: 31120 }, telephone: 612345678 })]);
    const [row] = rowsOf(await read(bytes));
    assert.deepEqual([row!.nom, row!.birthDate, row!.phone], ['MARTIN', '1985-03-14', '0612345678']);
  });

  test('a workbook in the 1904 date system (old Mac spreadsheets) counts serial days from 01/01/1904', async () => {
    const bytes = await xlsxOf([headers, person({ date_naissance: 29658 })], { before: (sheet) => (sheet.workbook.properties.date1904 = true) });
    assert.equal(rowsOf(await read(bytes))[0]!.birthDate, '1985-03-14');
  });

  test('a CSV in UTF-8 with a BOM and `;`, in Windows-1252 with `,`, with quoted line breaks in comments', async () => {
    const rows = [headers, person({ nom: 'Hélène', commentaires: 'Première visite\nsuivie par Mme Roux' }), [], person({ nom: 'Noël', statut: 'radie', motif_radiation: 'a sa demande', date_fin: '10/03/2026' })];
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvOf(rows, ';'))]);
    const latin = Buffer.from(csvOf(rows, ','), 'latin1');
    assert.ok(latin.includes(0xe9), 'the file holds « é » as one Windows-1252 byte');
    for (const bytes of [utf8, latin]) {
      const read_ = rowsOf(await read(bytes, 'domicilies.csv'));
      assert.deepEqual(read_.map((row) => [row.line, row.nom, row.status, row.motif]), [[2, 'Hélène', 'valide', null], [4, 'Noël', 'radie', 'a_sa_demande']]);
      assert.equal(read_[0]!.externalId, 'A-001');
      assert.equal(read_[0]!.entretien.commentaires, 'Première visite\nsuivie par Mme Roux');
    }
  });
});
