import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { FAILURE_WINDOW_MS, LOCK_MS, MAX_FAILURES } from '../../shared/lockout.ts';
import { AppError } from '../../shared/errors.ts';
import { sha256 } from '../../shared/random.ts';
import * as repository from './login-attempts.repository.ts';
import type { LoginKind } from './login-attempts.repository.ts';

export type { LoginKind };

const rule = { maxFailures: MAX_FAILURES, windowMs: FAILURE_WINDOW_MS, lockMs: LOCK_MS };

// Only hashes are stored: a mistyped e-mail, or a password typed in the identifier field, stays unreadable.
const identifierKey = (identifier: string) => sha256(`identifier:${identifier}`);
const addressKey = (address: string) => sha256(`address:${address}`);

/** Where an attempt comes from, for the per-address ceiling (decision 0018). */
export type AttemptFrom = { address: string; ceilingPerMinute: number };

export type AttemptStart = { locked: false; from?: AddressMinute } | { locked: true; until: Date; startedNow: boolean };

const minuteOf = (now: Date) => new Date(Math.floor(now.getTime() / 60_000) * 60_000);

/**
 * Counts an attempt for the identifier typed (already normalised) before its password is
 * checked, whether an account has this identifier or not, and for its address when given, in
 * one statement. The count is kept if the password is wrong and forgotten if it is right, so
 * at most 5 passwords are ever checked per identifier and window, however many arrive at once.
 * An address beyond its ceiling is refused (429) before anything else.
 */
export async function startAttempt(db: Kysely<DB>, kind: LoginKind, identifier: string, now = new Date(), from?: AttemptFrom): Promise<AttemptStart> {
  const address = from ? { addressKey: addressKey(from.address), minute: minuteOf(now), ceiling: from.ceilingPerMinute } : undefined;
  const row = await repository.addAttempt(db, kind, identifierKey(identifier), now, rule, address);
  if (!row) throw new AppError('RATE_LIMITED');
  if (row.locked_until === null || row.locked_until <= now) return address ? { locked: false, from: { addressKey: address.addressKey, minute: address.minute } } : { locked: false };
  // The attempt that went past the limit set the lock to its own time plus 15 minutes.
  const startedNow = row.failures === MAX_FAILURES + 1 && row.locked_until.getTime() === now.getTime() + LOCK_MS;
  return { locked: true, until: row.locked_until, startedNow };
}

/** A wrong password: returns the end of the lock when this failure started it. */
export function attemptFailed(db: Kysely<DB>, kind: LoginKind, identifier: string, now = new Date()): Promise<Date | null> {
  return repository.lockIfTooMany(db, kind, identifierKey(identifier), now, rule);
}

/**
 * The right password (with the attempt's start, whose address attempt is given back), or
 * someone trusted reset the account: the identifier's failures are forgotten, in one statement.
 */
export async function forgetFailures(db: Kysely<DB>, kind: LoginKind, identifier: string, start?: AttemptStart): Promise<void> {
  await repository.forgetAttempt(db, kind, identifierKey(identifier), start && !start.locked ? start.from : undefined);
}

/**
 * The identifiers among `identifiers` that are locked now, with the end of their lock: what
 * the staff's pages show. The count lives only here, so a reset that forgets the failures
 * also ends what these pages show.
 */
export async function activeLocks(db: Kysely<DB>, kind: LoginKind, identifiers: string[], now = new Date()): Promise<Map<string, Date>> {
  if (identifiers.length === 0) return new Map();
  const byKey = new Map(identifiers.map((identifier) => [identifierKey(identifier), identifier]));
  const rows = await repository.findLocks(db, kind, [...byKey.keys()], now);
  return new Map(rows.map((row) => [byKey.get(row.identifier_key)!, row.locked_until]));
}

type AddressMinute = { addressKey: string; minute: Date };
export type AddressAttempt = AddressMinute & { allowed: boolean };

/**
 * Counts an attempt from an address in the current minute; beyond `ceiling` the attempt is
 * refused. The ceiling is high (a whole structure may share one address) and a successful
 * attempt is taken back by `addressAttemptSucceeded`, so only failures use it up.
 */
export async function startAddressAttempt(db: Kysely<DB>, address: string, ceiling: number, now = new Date()): Promise<AddressAttempt> {
  const minute = minuteOf(now);
  const key = addressKey(address);
  const count = await repository.addAddressAttempt(db, key, minute);
  return { allowed: count <= ceiling, addressKey: key, minute };
}

export async function addressAttemptSucceeded(db: Kysely<DB>, attempt: AddressAttempt): Promise<void> {
  await repository.removeAddressAttempt(db, attempt.addressKey, attempt.minute);
}

/** Housekeeping: counters whose minute or window is over say nothing any more. */
export async function purgeLoginCounters(db: Kysely<DB>, now = new Date()): Promise<void> {
  await repository.deleteOldCounters(db, now, rule);
}
