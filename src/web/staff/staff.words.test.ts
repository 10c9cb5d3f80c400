import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countsText, noMail } from '../../domain/courriers/mail-counts.ts';
import { countWords, wordsFor } from './staff.words.ts';

test('counts read in French: plural where French has one', () => {
  assert.equal(countsText({ courrier: 2, colis: 1, avis_passage: 1 }, countWords), '2 courriers, 1 colis, 1 avis de passage');
  assert.equal(countsText({ courrier: 1, colis: 0, avis_passage: 3 }, countWords), '1 courrier, 3 avis de passage');
  assert.equal(countsText({ ...noMail(), colis: 2 }, countWords), '2 colis');
});

test('a problem’s parameters are worded in French: dates as jj/mm/aaaa, labels, plurals', () => {
  assert.equal(wordsFor({ code: 'transfert_pas_commence', start: '2026-12-24' }), 'Le transfert ne commence que le 24/12/2026.');
  assert.equal(wordsFor({ code: 'nombre_invalide', type: 'avis_passage', max: 100 }), "Le nombre d'avis de passage doit être un nombre entier entre 0 et 100.");
  assert.equal(wordsFor({ code: 'texte_trop_long', text: 'adresse_transfert', max: 500 }), "L'adresse de transfert ne doit pas dépasser 500 caractères.");
  assert.equal(wordsFor({ code: 'decision_impossible', status: 'a_valider' }), "Cette décision n'est pas possible pour un dossier au statut « À valider ». Rechargez la fiche.");
  assert.equal(wordsFor({ code: 'trop_de_tentatives', minutes: 1 }), 'Trop de tentatives pour cette adresse e-mail : réessayez dans 1 minute.');
  assert.equal(wordsFor({ code: 'trop_de_tentatives', minutes: 5 }), 'Trop de tentatives pour cette adresse e-mail : réessayez dans 5 minutes.');
});
