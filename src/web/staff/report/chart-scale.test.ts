import assert from 'node:assert/strict';
import { test } from 'node:test';
import { valueAxis } from './chart-scale.ts';

test('the value axis ends on a round number at or above the largest bar, in steps of 1, 2 or 5 times a power of ten', () => {
  assert.deepEqual(valueAxis(0), { max: 1, ticks: [0, 1] }, 'an empty chart still has an axis');
  assert.deepEqual(valueAxis(3), { max: 3, ticks: [0, 1, 2, 3] }, 'never a fraction of a person');
  assert.deepEqual(valueAxis(7), { max: 8, ticks: [0, 2, 4, 6, 8] });
  assert.deepEqual(valueAxis(10), { max: 10, ticks: [0, 2, 4, 6, 8, 10] });
  assert.deepEqual(valueAxis(48), { max: 50, ticks: [0, 10, 20, 30, 40, 50] });
  assert.deepEqual(valueAxis(1234), { max: 1500, ticks: [0, 500, 1000, 1500] });
  assert.deepEqual(valueAxis(35_000), { max: 40_000, ticks: [0, 10_000, 20_000, 30_000, 40_000] });
});
