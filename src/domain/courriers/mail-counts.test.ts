import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countsText, noMail, total, type CountWords } from './mail-counts.ts';

test('a count reads in French by default, kinds at zero left out, in the order of the kinds', () => {
  assert.equal(countsText({ courrier: 2, colis: 1, avis_passage: 1 }), '2 courriers, 1 colis, 1 avis de passage');
  assert.equal(countsText({ courrier: 1, colis: 0, avis_passage: 3 }), '1 courrier, 3 avis de passage');
  assert.equal(countsText({ ...noMail(), colis: 2 }), '2 colis');
  assert.equal(countsText(noMail()), '');
});

test('a count takes the words of the reader’s language', () => {
  const english: CountWords = (type, count) => ({ courrier: 'letter', colis: 'parcel', avis_passage: 'delivery notice' })[type] + (count > 1 ? 's' : '');
  assert.equal(countsText({ courrier: 1, colis: 2, avis_passage: 0 }, english), '1 letter, 2 parcels');
  assert.equal(total({ courrier: 1, colis: 2, avis_passage: 4 }), 7);
});
