import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOCK_MS, minutesLeft } from './lockout.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, seconds));

test('a refused person is told the whole minutes left, rounded up, never zero', () => {
  assert.equal(minutesLeft(new Date(at(0).getTime() + LOCK_MS), at(0)), 15);
  assert.equal(minutesLeft(at(61), at(0)), 2);
  assert.equal(minutesLeft(at(60), at(0)), 1);
  assert.equal(minutesLeft(at(1), at(0)), 1);
});
