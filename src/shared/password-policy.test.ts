import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordProblem } from './password-policy.ts';

test('accepts a long passphrase with spaces and any character', () => {
  assert.equal(passwordProblem('ma chèvre mange des pommes'), null);
  assert.equal(passwordProblem('🌞 sous le pont 17'), null);
});

test('counts characters, not bytes', () => {
  assert.match(passwordProblem('ééééééééééé')!, /au moins 12 caractères \(il en contient 11\)/);
});

test('refuses common passwords, also with digits and symbols around them', () => {
  assert.match(passwordProblem('azertyuiop123')!, /trop courant/);
  assert.match(passwordProblem('Bonjour2026!!!')!, /trop courant/);
  assert.match(passwordProblem('aaaaaaaaaaaaaaaa')!, /trop courant/);
  assert.match(passwordProblem('123456789012')!, /trop courant/);
});

test('refuses personal words, ignoring case, accents and separators', () => {
  assert.match(passwordProblem('Lefevre pour toujours', ['Lefèvre'])!, /informations personnelles/);
  assert.match(passwordProblem('né le 14-03-1985 ok', ['14/03/1985'])!, /informations personnelles/);
  assert.equal(passwordProblem('une phrase sans rapport', ['Lefèvre', 'ab']), null);
});
