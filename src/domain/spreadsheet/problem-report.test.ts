import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { cellProblemWords, importProblemWords } from '../../web/staff/import.words.ts';
import { csvOf, headers, person, readAll, xlsxOf } from './import.fixtures.ts';
import { readTemplate } from './import-reading.ts';
import type { CellProblem } from './import-problems.ts';
import { problemReport, reportHeaders, reportSheets } from './problem-report.ts';
import { codesHeaders, templateSheets, templateWorkbook } from './template-workbook.ts';
import { statusCodes, templateColumns } from './template.ts';

const today = '2026-04-01';

async function written(write: (output: PassThrough) => Promise<void>): Promise<ExcelJS.Workbook> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(output);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook;
}

async function problemsOf(bytes: Uint8Array, fileName: string): Promise<CellProblem[]> {
  const events = await readAll(readTemplate({ bytes, fileName }, { today }));
  return events.flatMap((event) => (event.kind === 'problems' ? event.problems : []));
}

const valuesOf = (sheet: ExcelJS.Worksheet, line: number) => (sheet.getRow(line).values as unknown[]).slice(1);
const describe = (problem: CellProblem) => importProblemWords(problem.problem, problem.value);

test('the report lists every problem, then the uploaded rows at their own lines with the faulty cells filled and noted', async () => {
  const bytes = await xlsxOf([headers, person(), [], person({ date_naissance: '31/02/1980', statut: 'suspendu' })]);
  const problems = await problemsOf(bytes, 'f.xlsx');
  const report = await written((output) => problemReport({ bytes, fileName: 'f.xlsx' }, problems, { describe, output }));
  assert.deepEqual(report.worksheets.map((sheet) => sheet.name), [reportSheets.problems, reportSheets.rows]);

  const list = report.getWorksheet(reportSheets.problems)!;
  assert.deepEqual(valuesOf(list, 1), [...reportHeaders]);
  assert.deepEqual(valuesOf(list, 2), [4, 'F', 'Date de naissance', '31/02/1980', "« 31/02/1980 » n'est pas une date"]);
  assert.deepEqual(valuesOf(list, 3), [4, 'J', 'Statut de la domiciliation', 'suspendu', `« suspendu » n'est pas dans la liste (${statusCodes.codes.join(', ')})`]);
  assert.equal(list.rowCount, 3);

  const rows = report.getWorksheet(reportSheets.rows)!;
  assert.equal(rows.getCell('C1').value, 'Nom de naissance');
  assert.equal(rows.getCell('C2').value, 'Martin');
  assert.equal(rows.getCell('C4').value, 'Martin');
  const faulty = rows.getCell('F4');
  assert.equal(faulty.value, '31/02/1980');
  assert.equal((faulty.fill as ExcelJS.FillPattern).pattern, 'solid');
  assert.equal(faulty.note, "« 31/02/1980 » n'est pas une date");
  assert.equal(rows.getCell('J4').note, `« suspendu » n'est pas dans la liste (${statusCodes.codes.join(', ')})`);
  assert.equal(rows.getCell('F2').note, undefined);
  assert.equal(rows.getCell('F2').fill?.type === 'pattern' && (rows.getCell('F2').fill as ExcelJS.FillPattern).pattern === 'solid', false);
});

test('a CSV’s report holds its records, a problem on a missing cell marks that cell', async () => {
  const bytes = Buffer.from(csvOf([headers, ['X-1', 'F', 'Martin', 'Lucie', null, '14/03/1985']]));
  const problems = await problemsOf(bytes, 'f.csv');
  assert.deepEqual(problems.map((problem) => problem.column), ['J']);
  const report = await written((output) => problemReport({ bytes, fileName: 'f.csv' }, problems, { describe: cellProblemWords, output }));
  const rows = report.getWorksheet(reportSheets.rows)!;
  assert.equal(rows.getCell('A2').value, 'X-1');
  assert.equal(rows.getCell('J2').note, 'ligne 2, colonne J (Statut de la domiciliation) : cette information est obligatoire');
});

test('the blank template holds the headers and a « Codes » sheet; the example imports as it is, one person of each status', async () => {
  const blank = await written((output) => templateWorkbook(output));
  assert.deepEqual(blank.worksheets.map((sheet) => sheet.name), [templateSheets.people, templateSheets.codes]);
  const people = blank.getWorksheet(templateSheets.people)!;
  assert.deepEqual(valuesOf(people, 1), [...templateColumns.map((column) => column.header)]);
  assert.equal(people.rowCount, 1);
  const codes = blank.getWorksheet(templateSheets.codes)!;
  assert.deepEqual(valuesOf(codes, 1), [...codesHeaders]);
  const lines = codes.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1, 5));
  assert.ok(lines.some((line) => line.join('|') === 'J|Statut de la domiciliation|ATTENTE_DECISION|À valider'));
  assert.ok(lines.some((line) => line.join('|') === 'AN|Ayant droit 1 : lien de parenté|ENFANT|Enfant'));
  assert.ok(lines.some((line) => line.join('|') === 'AH|Accompagnement social|OUI|Oui'));

  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await templateWorkbook(output, { today });
  const events = await readAll(readTemplate({ bytes: Buffer.concat(chunks), fileName: 'exemple.xlsx' }, { today }));
  assert.ok(events.every((event) => event.kind === 'row'), JSON.stringify(events.filter((event) => event.kind !== 'row')));
  assert.deepEqual(new Set(events.map((event) => event.kind === 'row' && event.row.status)), new Set(['valide', 'radie', 'refuse', 'instruction', 'a_valider']));
});
