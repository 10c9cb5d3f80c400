import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailure, clearedLock, isLocked, type LockState } from './lockout.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));

test('the fifth failure within 15 minutes locks for 15 minutes', () => {
  let state: LockState = clearedLock;
  for (let i = 0; i < 4; i++) {
    const next = afterFailure(state, at(i));
    assert.equal(next.lockedNow, false);
    state = next;
  }
  const fifth = afterFailure(state, at(4));
  assert.equal(fifth.lockedNow, true);
  assert.ok(isLocked(fifth, at(18)));
  assert.ok(!isLocked(fifth, at(19)));
});

test('failures spread over more than 15 minutes do not lock', () => {
  let state: LockState = clearedLock;
  for (const minute of [0, 5, 10, 14, 16]) state = afterFailure(state, at(minute));
  assert.equal(isLocked(state, at(16)), false);
  assert.equal(state.failed_login_count, 1);
});
