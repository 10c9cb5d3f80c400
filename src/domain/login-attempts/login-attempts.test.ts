import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import type { Database } from '../../db/database.ts';
import { everyMinute } from '../../housekeeping.ts';
import { addressAttemptSucceeded, attemptFailed, forgetFailures, purgeLoginCounters, startAddressAttempt, startAttempt } from './login-attempts.service.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

const minutes = (n: number, from = new Date('2026-03-02T09:00:00Z')) => new Date(from.getTime() + n * 60_000);
let unique = 0;
const identifier = () => `someone-${++unique}@test.example`;

describe('failures per identifier', () => {
  test('the fifth wrong password locks for 15 minutes; the window is 15 minutes', async () => {
    const db = database.db;
    const who = identifier();
    for (let i = 0; i < 4; i++) {
      assert.deepEqual(await startAttempt(db, 'staff', who, minutes(i)), { locked: false });
      assert.equal(await attemptFailed(db, 'staff', who, minutes(i)), null);
    }
    assert.deepEqual(await startAttempt(db, 'staff', who, minutes(4)), { locked: false });
    assert.deepEqual(await attemptFailed(db, 'staff', who, minutes(4)), minutes(19));
    assert.deepEqual(await startAttempt(db, 'staff', who, minutes(18)), { locked: true, until: minutes(19), startedNow: false });
    assert.deepEqual(await startAttempt(db, 'staff', who, minutes(19)), { locked: false }, 'the lock ends and the count starts again');

    const spread = identifier();
    for (const minute of [0, 5, 10, 14, 16]) {
      assert.deepEqual(await startAttempt(db, 'portal', spread, minutes(minute)), { locked: false });
      assert.equal(await attemptFailed(db, 'portal', spread, minutes(minute)), null, `minute ${minute}`);
    }
  });

  test('30 attempts at once: 5 are let through, the others find the identifier locked', async () => {
    const who = identifier();
    const now = minutes(0);
    const starts = await Promise.all(Array.from({ length: 30 }, () => startAttempt(database.db, 'portal', who, now)));
    assert.equal(starts.filter((start) => !start.locked).length, 5);
    assert.equal(starts.filter((start) => start.locked && start.startedNow).length, 1);
  });

  test('a right password, or a reset, forgets the failures; kinds are counted apart', async () => {
    const db = database.db;
    const who = identifier();
    for (let i = 0; i < 4; i++) await startAttempt(db, 'staff', who, minutes(i));
    await startAttempt(db, 'portal', who, minutes(4));
    await forgetFailures(db, 'staff', who);
    for (let i = 0; i < 4; i++) assert.equal(await attemptFailed(db, 'staff', who, minutes(5)), null);
    const rows = await db.selectFrom('login_failures').select(['kind', 'failures', 'identifier_key']).execute();
    assert.ok(rows.every((row) => !row.identifier_key.includes('@')), 'identifiers are stored as hashes');
    assert.deepEqual(await startAttempt(db, 'staff', who, minutes(6)), { locked: false });
  });
});

describe('failures per address', () => {
  test('beyond the ceiling an address is refused for the rest of its minute; successes are given back; other addresses go on', async () => {
    const db = database.db;
    const now = minutes(0);
    for (let i = 0; i < 3; i++) await addressAttemptSucceeded(db, await startAddressAttempt(db, '198.51.100.1', 3, now));
    const attempts = await Promise.all(Array.from({ length: 5 }, () => startAddressAttempt(db, '198.51.100.1', 3, now)));
    assert.equal(attempts.filter((attempt) => attempt.allowed).length, 3);
    assert.equal((await startAddressAttempt(db, '198.51.100.2', 3, now)).allowed, true);
    assert.equal((await startAddressAttempt(db, '198.51.100.1', 3, minutes(1))).allowed, true, 'a new minute');
  });

  test('a login counts its address and its identifier in one go; over the ceiling it is refused and its identifier is not counted; a right password gives both back', async () => {
    const db = database.db;
    const now = minutes(-500);
    const from = { address: '198.51.100.9', ceilingPerMinute: 2 };
    const who = identifier();
    const first = await startAttempt(db, 'portal', who, now, from);
    assert.equal(first.locked, false);
    await forgetFailures(db, 'portal', who, first);
    const counts = async () => ({
      address: (await db.selectFrom('login_address_failures').select('failures').where('minute', '=', now).where('failures', '>', 0).execute()).map((row) => row.failures),
      identifier: (await db.selectFrom('login_failures').select('failures').execute()).length,
    });
    const before = (await counts()).identifier;
    assert.deepEqual((await counts()).address.length, 0, 'the right password gave the address attempt back');
    await startAttempt(db, 'portal', who, now, from);
    await startAttempt(db, 'portal', who, now, from);
    await assert.rejects(startAttempt(db, 'portal', who, now, from), (error: Error & { code?: string }) => error.code === 'RATE_LIMITED');
    const [row] = await db.selectFrom('login_failures').select('failures').where('window_start', '=', now).where('kind', '=', 'portal').execute();
    assert.equal(row?.failures, 2, 'the refused attempt did not count for the identifier');
    assert.equal((await counts()).identifier, before + 1);
    await forgetFailures(db, 'portal', who);
  });

  test('housekeeping purges ended minutes and windows, and keeps live locks', async () => {
    const db = database.db;
    const now = minutes(60);
    const locked = identifier();
    for (let i = 0; i < 6; i++) await startAttempt(db, 'staff', locked, minutes(50));
    await startAttempt(db, 'staff', identifier(), minutes(40));
    await startAddressAttempt(db, '198.51.100.3', 300, minutes(59));
    await startAddressAttempt(db, '198.51.100.3', 300, minutes(30));
    await purgeLoginCounters(db, now);
    assert.deepEqual((await db.selectFrom('login_failures').select('locked_until').execute()).map((row) => row.locked_until), [minutes(65)]);
    assert.deepEqual((await db.selectFrom('login_address_failures').select('minute').execute()).map((row) => row.minute), [minutes(59)]);
  });

  test('the housekeeping of every minute runs that purge', async () => {
    const db = database.db;
    await db.deleteFrom('login_failures').execute();
    await db.deleteFrom('login_address_failures').execute();
    const now = new Date();
    const live = identifier();
    for (let i = 0; i < 6; i++) await startAttempt(db, 'portal', live, now);
    await startAttempt(db, 'portal', identifier(), new Date(now.getTime() - 3600_000));
    await startAddressAttempt(db, '198.51.100.4', 300, new Date(now.getTime() - 3600_000));
    await everyMinute(database);
    assert.equal((await db.selectFrom('login_failures').select('failures').execute()).length, 1);
    assert.equal((await db.selectFrom('login_address_failures').select('failures').execute()).length, 0);
  });
});
