import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../domain/spreadsheet/import-problems.ts';
import { cellProblemWords } from './import.words.ts';
import { wordsFor } from './staff.words.ts';

test('a cell’s problem reads « ligne, colonne (en-tête) : what is wrong », a long value cut', () => {
  const at = { line: 14, column: 'F', header: 'Date de naissance' };
  assert.equal(cellProblemWords({ ...at, value: '31/02/1980', problem: { code: 'import_date_invalide' } }), "ligne 14, colonne F (Date de naissance) : « 31/02/1980 » n'est pas une date");
  assert.equal(
    cellProblemWords({ line: 3, column: 'O', header: 'Date de fin', value: '', problem: { code: 'import_date_manquante', statut: 'RADIE' } }),
    'ligne 3, colonne O (Date de fin) : la date de radiation manque pour une personne RADIE',
  );
  const long = cellProblemWords({ ...at, value: `${'x'.repeat(100)}\nsuite`, problem: { code: 'import_email_invalide' } });
  assert.equal(long, `ligne 14, colonne F (Date de naissance) : « ${'x'.repeat(59)}… » n'est pas une adresse e-mail`);
});

test('a refused file is worded by the staff dictionary, its limits in French', () => {
  assert.equal(wordsFor({ code: 'import_fichier_trop_lourd', maxBytes: MAX_IMPORT_BYTES }), 'Le fichier dépasse 50 Mo : découpez-le en plusieurs fichiers.');
  assert.equal(wordsFor({ code: 'import_trop_de_lignes', max: MAX_IMPORT_ROWS }), 'Le fichier contient plus de 50\u202f000 personnes : découpez-le en plusieurs fichiers.');
  assert.equal(
    wordsFor({ code: 'import_pas_le_modele', recognized: 4, expected: 52 }),
    "Ce fichier n'est pas le modèle attendu : 4 colonnes sur 52 ont été reconnues. Téléchargez le modèle vierge et reprenez-en les en-têtes.",
  );
  assert.equal(wordsFor({ code: 'validation_fin_avant_debut' }), 'La date de fin doit être postérieure ou égale à la date de début.');
});
