import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellProblemWords } from '../../web/staff/import.words.ts';
import { csvOf, headers, person, readAll, xlsxOf, type Values } from './import.fixtures.ts';
import { readTemplate } from './import-reading.ts';
import type { CellProblem } from './import-problems.ts';
import { statusCodes } from './template.ts';

const today = '2026-04-01';

/** The problems of each row of a file holding `rows` after the template's headers. */
async function problemsOf(...rows: Values[]): Promise<CellProblem[][]> {
  const events = await readAll(readTemplate({ bytes: await xlsxOf([headers, ...rows.map((values) => person(values))]), fileName: 'f.xlsx' }, { today }));
  return events.map((event) => (event.kind === 'problems' ? event.problems : []));
}

const short = (problem: CellProblem) => [problem.line, problem.column, problem.header, problem.value, problem.problem.code];

test('each broken cell is reported with its line, column, header and value', async () => {
  const found = await problemsOf(
    { date_naissance: '31/02/1980' },
    { date_naissance: '01/03/2026', date_debut: '01/02/2026' },
    { statut: 'RADIE', motif_radiation: 'ENTREE_LOGEMENT', date_fin: null },
    { statut: 'SUSPENDU' },
    { nom: null, prenom: '  ' },
    { ayant_droit_1_prenom: null, ayant_droit_1_lien: 'COUSIN', ayant_droit_2_nom: 'Martin' },
    { date_fin: '01/01/2026' },
    { statut: 'REFUS', date_fin: null },
    { email: 'lucie.martin@', telephone: 'demain' },
    { date_dernier_passage: '02/04/2026', date_premiere_domiciliation: '01/01/1980' },
  );
  assert.deepEqual(found.map((problems) => problems.map(short)), [
    [[2, 'F', 'Date de naissance', '31/02/1980', 'import_date_invalide']],
    [
      [3, 'F', 'Date de naissance', '01/03/2026', 'import_naissance_apres_debut'],
      [3, 'P', 'Date de première domiciliation', '01/02/2026', 'import_date_avant_naissance'],
    ],
    [[4, 'O', 'Date de fin de la domiciliation actuelle, de radiation ou de refus', '', 'import_date_manquante']],
    [[5, 'J', 'Statut de la domiciliation', 'SUSPENDU', 'import_code_inconnu']],
    [
      [6, 'C', 'Nom de naissance', '', 'import_valeur_manquante'],
      [6, 'D', 'Prénom', '', 'import_valeur_manquante'],
    ],
    [
      [7, 'AL', 'Ayant droit 1 : prénom', '', 'import_valeur_manquante'],
      [7, 'AN', 'Ayant droit 1 : lien de parenté', 'COUSIN', 'import_code_inconnu'],
      [7, 'AP', 'Ayant droit 2 : prénom', '', 'import_valeur_manquante'],
      [7, 'AR', 'Ayant droit 2 : lien de parenté', '', 'import_valeur_manquante'],
    ],
    [[8, 'O', 'Date de fin de la domiciliation actuelle, de radiation ou de refus', '01/01/2026', 'import_fin_avant_debut']],
    [[9, 'O', 'Date de fin de la domiciliation actuelle, de radiation ou de refus', '', 'import_date_manquante']],
    [
      [10, 'H', 'Numéro de téléphone', 'demain', 'import_telephone_invalide'],
      [10, 'I', 'Adresse e-mail', 'lucie.martin@', 'import_email_invalide'],
    ],
    [
      [11, 'P', 'Date de première domiciliation', '01/01/1980', 'import_date_avant_naissance'],
      [11, 'Q', 'Date de dernier passage', '02/04/2026', 'import_date_future'],
    ],
  ]);
});

test('the ayant droit 2 missing its prénom and lien is reported on those cells, not on its nom', async () => {
  const [problems] = await problemsOf({ ayant_droit_2_nom: 'Martin' });
  assert.deepEqual(problems!.map((problem) => problem.column), ['AP', 'AR']);
});

test('a problem reads as the issue words it, the accepted codes listed', async () => {
  const [date, status] = (await problemsOf({ date_naissance: '31/02/1980' }, { statut: 'suspendu' })).map((problems) => problems[0]);
  assert.equal(cellProblemWords(date!), 'ligne 2, colonne F (Date de naissance) : « 31/02/1980 » n\'est pas une date');
  assert.equal(cellProblemWords(status!), `ligne 3, colonne J (Statut de la domiciliation) : « suspendu » n'est pas dans la liste (${statusCodes.codes.join(', ')})`);
});

test('AUTRE without its précision is accepted, the précision left empty; a précision after another answer is dropped', async () => {
  const events = await readAll(
    readTemplate({ bytes: await xlsxOf([headers, person({ situation_pro: 'AUTRE', situation_pro_autre: null, lien_commune: 'RESIDENTIEL', lien_commune_autre: 'Ignorée' })]), fileName: 'f.xlsx' }, { today }),
  );
  assert.equal(events[0]!.kind, 'row');
  const { entretien } = (events[0] as { row: { entretien: Record<string, unknown> } }).row;
  assert.deepEqual([entretien.situation_pro, entretien.situation_pro_autre, entretien.lien_commune, entretien.lien_commune_autre], ['AUTRE', null, 'RESIDENTIEL', null]);
});

test('lengths are the identity form’s; comments hold 1,000 characters', async () => {
  const [problems] = await problemsOf({ nom: 'N'.repeat(101), commentaires: 'c'.repeat(1001), situation_pro_autre: 'p'.repeat(201) });
  assert.deepEqual(problems!.map((problem) => [problem.column, problem.problem]), [
    ['C', { code: 'import_trop_long', max: 100 }],
    ['V', { code: 'import_trop_long', max: 200 }],
    ['AJ', { code: 'import_trop_long', max: 1000 }],
  ]);
});

test('control characters carried over from another program are refused where they stand; a tab in the comments is kept', async () => {
  // A CSV file carries them as they are (exceljs drops them when it writes a workbook); past its
  // first lines, which tell a text file from a binary one.
  const clean = Array.from({ length: 40 }, () => person());
  const csv = Buffer.from(csvOf([headers, ...clean, person({ nom: 'Mar\u0001tin', prenom: 'Lu\u0000cie', commentaires: 'Appeler\tle matin' })]));
  const events = await readAll(readTemplate({ bytes: csv, fileName: 'f.csv' }, { today }));
  const problems = events.flatMap((event) => (event.kind === 'problems' ? event.problems : []));
  assert.ok(problems.every((problem) => problem.line === 42));
  assert.deepEqual(problems.map((problem) => [problem.column, problem.problem.code]), [
    ['C', 'import_caractere_interdit'],
    ['D', 'import_caractere_interdit'],
  ]);
});

test('a formula without its cached result and an error value are problems, never evaluated', async () => {
  const [problems] = await problemsOf({ nom: { formula: 'UPPER(B2)' }, date_naissance: { error: '#N/A' } });
  assert.deepEqual(problems!.map(short), [
    [2, 'C', 'Nom de naissance', '=UPPER(B2)', 'import_formule_sans_resultat'],
    [2, 'F', 'Date de naissance', '#N/A', 'import_erreur_de_formule'],
  ]);
});

test('a CSV row’s problems name its record number', async () => {
  const csv = csvOf([headers, person(), [], person({ date_naissance: '14/13/1985' })]);
  const events = await readAll(readTemplate({ bytes: Buffer.from(csv), fileName: 'f.csv' }, { today }));
  assert.deepEqual(events.map((event) => event.kind), ['row', 'problems']);
  assert.deepEqual(events[1]!.kind === 'problems' && events[1]!.problems.map(short), [[4, 'F', 'Date de naissance', '14/13/1985', 'import_date_invalide']]);
});
