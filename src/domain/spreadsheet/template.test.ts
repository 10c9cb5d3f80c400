import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalMotifs, radiationMotifs } from '../decisions/decision-rules.ts';
import { lienLabels } from '../domicilies/identity-input.ts';
import { entretienFields } from '../entretien/entretien-fields.ts';
import { columnLetters, lienCodes, radiationMotifCodes, refusalMotifCodes, templateColumns } from './template.ts';

test('the template runs from column A to column AZ, in the documented order', () => {
  assert.equal(templateColumns.length, 52);
  assert.equal(columnLetters(templateColumns.length - 1), 'AZ');
  const at = (letters: string) => templateColumns.find((_, index) => columnLetters(index) === letters)!.key;
  assert.deepEqual(
    ['A', 'F', 'J', 'O', 'P', 'Q', 'AA', 'AJ', 'AK', 'AN', 'AW', 'AZ'].map(at),
    ['id', 'date_naissance', 'statut', 'date_fin', 'date_premiere_domiciliation', 'date_dernier_passage', 'composition_menage', 'commentaires', 'ayant_droit_1_nom', 'ayant_droit_1_lien', 'ayant_droit_4_nom', 'ayant_droit_4_lien'],
  );
});

test('every motif and lien of the application has its code, and every entretien answer its column', () => {
  assert.deepEqual(new Set(refusalMotifCodes.toCode.keys()), new Set(Object.keys(refusalMotifs)));
  assert.deepEqual(new Set(radiationMotifCodes.toCode.keys()), new Set(Object.keys(radiationMotifs)));
  assert.deepEqual(new Set(lienCodes.toCode.keys()), new Set(Object.keys(lienLabels)));
  const keys = new Set<string>(templateColumns.map((column) => column.key));
  for (const field of entretienFields) assert.ok(keys.has(field), field);
});
