import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellFromExcel, cellText, codeKey, dayOfSerial, fullYear, readDate, textCell } from './cell-values.ts';
import { headerKey, mapHeaders, sameHeader } from './import-headers.ts';
import { isFileRefusal } from './import-problems.ts';
import { templateColumns } from './template.ts';

const today = '2026-04-01';
const text = (value: string) => textCell(value);

test('dates read from text: jj/mm/aaaa, j/m/aa, with dashes or dots, ISO, and serial numbers written as text', () => {
  assert.equal(readDate(text('14/03/1985'), 'birth', today), '1985-03-14');
  assert.equal(readDate(text(' 1/2/2000 '), 'birth', today), '2000-02-01');
  assert.equal(readDate(text('3.4.52'), 'birth', today), '1952-04-03');
  assert.equal(readDate(text('14-03-1985'), 'birth', today), '1985-03-14');
  assert.equal(readDate(text('1985-03-14'), 'birth', today), '1985-03-14');
  assert.equal(readDate(text('1985-03-14T00:00:00.000Z'), 'birth', today), '1985-03-14');
  assert.equal(readDate(text('31120'), 'birth', today), '1985-03-14');
  assert.equal(readDate({ kind: 'empty' }, 'birth', today), null);
  for (const wrong of ['31/02/1980', '29/02/1900', '12/13/2000', '1985', 'hier', '14/03/0985', '00/01/2000']) assert.equal(readDate(text(wrong), 'birth', today), undefined, wrong);
});

test('a two-digit year: a birth is never ahead of this year, a domiciliation date may be up to 20 years ahead', () => {
  assert.equal(fullYear(26, 'birth', today), 2026);
  assert.equal(fullYear(27, 'birth', today), 1927);
  assert.equal(fullYear(9, 'birth', today), 2009);
  assert.equal(fullYear(46, 'event', today), 2046);
  assert.equal(fullYear(47, 'event', today), 1947);
  assert.equal(readDate(text('15/3/27'), 'event', today), '2027-03-15');
  assert.equal(readDate(text('15/3/27'), 'birth', today), '1927-03-15');
});

test('serial numbers count from 01/01/1900, skip the 29/02/1900 that never was, and know the 1904 system', () => {
  assert.equal(dayOfSerial(1), '1900-01-01');
  assert.equal(dayOfSerial(59), '1900-02-28');
  assert.equal(dayOfSerial(60), undefined);
  assert.equal(dayOfSerial(61), '1900-03-01');
  assert.equal(dayOfSerial(31120), '1985-03-14');
  assert.equal(dayOfSerial(31120.75), '1985-03-14');
  assert.equal(dayOfSerial(0), undefined);
  assert.equal(dayOfSerial(2_958_465), undefined);
  assert.equal(dayOfSerial(29658, true), '1985-03-14');
  assert.equal(readDate({ kind: 'number', value: 46113 }, 'event', today), '2026-04-01');
  assert.equal(readDate({ kind: 'date', value: new Date(Date.UTC(1985, 2, 13, 23, 59, 59, 800)) }, 'birth', today), '1985-03-14');
});

test('exceljs cell values become cells: formulas by their cached result, errors and missing results kept apart', () => {
  assert.deepEqual(cellFromExcel({ formula: 'A1&B1', result: 'Martin' }), { kind: 'text', text: 'Martin' });
  assert.deepEqual(cellFromExcel({ sharedFormula: 'C2', result: 31120 }), { kind: 'number', value: 31120 });
  assert.deepEqual(cellFromExcel({ formula: 'TODAY()' }), { kind: 'formula_without_result', formula: 'TODAY()' });
  assert.deepEqual(cellFromExcel({ formula: '1/0', result: Number.NaN }), { kind: 'error', text: '=1/0' });
  assert.deepEqual(cellFromExcel({ error: '#N/A' }), { kind: 'error', text: '#N/A' });
  assert.deepEqual(cellFromExcel({ richText: [{ text: 'Du' }, { text: 'rand' }] }), { kind: 'text', text: 'Durand' });
  assert.deepEqual(cellFromExcel('   '), { kind: 'empty' });
  assert.equal(cellText(cellFromExcel(0.1 + 0.2)), '0.3');
  assert.equal(cellText({ kind: 'date', value: new Date(Date.UTC(1980, 4, 3)) }), '03/05/1980');
});

test('codes lose their accents, case and spaces', () => {
  assert.equal(codeKey(' Validé '), 'VALIDE');
  assert.equal(codeKey('attente décision'), 'ATTENTE_DECISION');
  assert.equal(codeKey('Non-manifestation 3 mois'), 'NON_MANIFESTATION_3_MOIS');
});

test('headers match across line breaks, spaces, case and accents; a different ayant droit is another column', () => {
  assert.equal(headerKey('Date de\nnaissance  '), 'date de naissance');
  assert.ok(sameHeader('DATE DE NAISSANCE', 'Date de naissance'));
  assert.ok(sameHeader('Date de fin', 'Date de fin de la domiciliation actuelle, de radiation ou de refus'));
  assert.ok(sameHeader('Prenom', 'Prénom'));
  assert.ok(!sameHeader('Ayant droit 2 : nom', 'Ayant droit 1 : nom'));
  assert.ok(!sameHeader('Commentaires', 'Date de naissance'));
});

test('a header row like the template’s is read by position, a shuffled one by name, another layout is refused', () => {
  const template = templateColumns.map((column) => text(column.header));
  const reworded = template.map((cell, index) => (index % 4 === 0 ? text(`Colonne ${index}`) : cell));
  const byPosition = mapHeaders(reworded);
  assert.deepEqual(byPosition.map((place) => place.index), templateColumns.map((_, index) => index));
  assert.equal(byPosition[0]!.header, 'Colonne 0');

  const moved = [template[2]!, template[0]!, template[1]!, ...template.slice(3)];
  const byName = mapHeaders(moved);
  assert.deepEqual(byName.slice(0, 4).map((place) => [place.key, place.index, place.letters]), [['id', 1, 'B'], ['civilite', 2, 'C'], ['nom', 0, 'A'], ['prenom', 3, 'D']]);

  assert.throws(
    () => mapHeaders(['Nom', 'Prénom', 'Adresse', 'Ville'].map(text)),
    (error) => isFileRefusal(error) && error.problem!.code === 'import_pas_le_modele',
  );
});
