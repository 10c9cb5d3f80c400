import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orientationWords } from './decision-words.ts';

test('the orientation as the history and the refusal letter print it: the list’s word, then the place', () => {
  assert.equal(orientationWords({ orientation_code: 'CCAS_CIAS', orientation: 'CCAS de Villeurbanne' }), 'CCAS ou CIAS — CCAS de Villeurbanne');
  assert.equal(orientationWords({ orientation_code: 'ORGANISME_AGREE', orientation: '  ' }), 'Association ou organisme agréé');
  // Refusals recorded before the list: their text alone.
  assert.equal(orientationWords({ orientation_code: null, orientation: 'Association Abri' }), 'Association Abri');
  assert.equal(orientationWords({ orientation_code: null, orientation: null }), null);
});
