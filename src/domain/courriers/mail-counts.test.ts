import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countsText, noMail, total, type CountWords } from './mail-counts.ts';

const english: CountWords = (type, count) => ({ courrier: 'letter', colis: 'parcel', avis_passage: 'delivery notice' })[type] + (count > 1 ? 's' : '');

test('a count takes the words of the reader’s language, kinds at zero left out, in the order of the kinds', () => {
  assert.equal(countsText({ courrier: 1, colis: 2, avis_passage: 0 }, english), '1 letter, 2 parcels');
  assert.equal(countsText({ avis_passage: 3, colis: 0, courrier: 2 }, english), '2 letters, 3 delivery notices');
  assert.equal(countsText(noMail(), english), '');
  assert.equal(total({ courrier: 1, colis: 2, avis_passage: 4 }), 7);
});
