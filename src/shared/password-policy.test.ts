import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordProblem } from './password-policy.ts';

test('accepts a long passphrase with spaces and any character', () => {
  assert.equal(passwordProblem('ma chèvre mange des pommes'), null);
  assert.equal(passwordProblem('🌞 sous le pont 17'), null);
});

test('counts characters, not bytes', () => {
  assert.deepEqual(passwordProblem('ééééééééééé'), { code: 'mot_de_passe_trop_court', min: 12, length: 11 });
  assert.deepEqual(passwordProblem('é'.repeat(257)), { code: 'mot_de_passe_trop_long', max: 256 });
});

test('refuses common passwords, also with digits and symbols around them', () => {
  for (const common of ['azertyuiop123', 'Bonjour2026!!!', 'aaaaaaaaaaaaaaaa', '123456789012']) {
    assert.deepEqual(passwordProblem(common), { code: 'mot_de_passe_courant' }, common);
  }
});

test('refuses personal words, ignoring case, accents and separators', () => {
  assert.deepEqual(passwordProblem('Lefevre pour toujours', ['Lefèvre']), { code: 'mot_de_passe_personnel' });
  assert.deepEqual(passwordProblem('né le 14-03-1985 ok', ['14/03/1985']), { code: 'mot_de_passe_personnel' });
  assert.equal(passwordProblem('une phrase sans rapport', ['Lefèvre', 'ab']), null);
});

test('refuses common French passwords and sentences, however they are typed', () => {
  for (const password of ['Soleil 2026 !!!', 'nicolas1985!!', 'Léa 14/03/2012', 'AZERTYUIOPQSDF123', 'poiuytreza 2026', 'qsdfghjk 12345', 'aqwzsxedc 1234', 'Je t’aime mon amour', 'jetaime pour la vie', 'La vie est belle !', 'Mon cœur 123456', 'mon coeur 123456', 'Allez l’OM 13013', 'Liberté, égalité, fraternité']) {
    assert.deepEqual(passwordProblem(password), { code: 'mot_de_passe_courant' }, password);
  }
});

test('refuses the examples the portal shows, with or without spaces, capitals, accents or digits', () => {
  for (const password of ['mon vélo bleu du marché', 'Mon velo bleu du marche', 'MonVéloBleuDuMarché', 'mon vélo bleu du marché 2026', 'My blue bike at the market!']) {
    assert.deepEqual(passwordProblem(password), { code: 'mot_de_passe_courant' }, password);
  }
  assert.equal(passwordProblem('mon vélo rouge du marché'), null, 'a sentence of one’s own is fine');
});
