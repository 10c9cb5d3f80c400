import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type LoginKind = 'staff' | 'portal';
export type LockRule = { maxFailures: number; windowMs: number; lockMs: number };

/** Where an attempt comes from: its address's counter in the current minute, and the ceiling of that counter. */
export type AddressCount = { addressKey: string; minute: Date; ceiling: number };

/**
 * Counts one more attempt for an identifier, and for its address when given, in one statement:
 * parallel attempts, from one process or several, each get their own count. A window over 15
 * minutes old starts again; an attempt beyond the limit (the others still being checked) starts
 * the lock at once. An address over its ceiling counts, but its identifier is not counted and
 * no row comes back: the attempt is refused before any password is checked.
 */
export async function addAttempt(db: Kysely<DB>, kind: LoginKind, identifierKey: string, now: Date, rule: LockRule, from?: AddressCount) {
  const windowFloor = new Date(now.getTime() - rule.windowMs);
  const lockEnd = new Date(now.getTime() + rule.lockMs);
  const { rows } = await sql<{ failures: number; locked_until: Date | null }>`
    WITH address AS (
      INSERT INTO login_address_failures AS a (address_key, minute, failures)
      SELECT ${from?.addressKey ?? null}::text, ${from?.minute ?? null}::timestamptz, 1 WHERE ${from?.addressKey ?? null}::text IS NOT NULL
      ON CONFLICT (address_key, minute) DO UPDATE SET failures = a.failures + 1
      RETURNING failures
    )
    INSERT INTO login_failures AS f (kind, identifier_key, failures, window_start)
    SELECT ${kind}, ${identifierKey}, 1, ${now}::timestamptz WHERE coalesce((SELECT failures FROM address), 0) <= ${from?.ceiling ?? 0}::integer
    ON CONFLICT (kind, identifier_key) DO UPDATE SET
      failures = CASE WHEN f.locked_until > ${now}::timestamptz OR f.window_start > ${windowFloor}::timestamptz THEN f.failures + 1 ELSE 1 END,
      window_start = CASE WHEN f.locked_until > ${now}::timestamptz OR f.window_start > ${windowFloor}::timestamptz THEN f.window_start ELSE ${now}::timestamptz END,
      locked_until = CASE
        WHEN f.locked_until > ${now}::timestamptz THEN f.locked_until
        WHEN f.window_start > ${windowFloor}::timestamptz AND f.failures >= ${rule.maxFailures}::integer THEN ${lockEnd}::timestamptz
        ELSE NULL END
    RETURNING failures, locked_until`.execute(db);
  return rows[0] ?? null;
}

/** After a wrong password: locks the identifier when its count has reached the limit; returns the end of a lock started here. */
export async function lockIfTooMany(db: Kysely<DB>, kind: LoginKind, identifierKey: string, now: Date, rule: LockRule): Promise<Date | null> {
  const row = await db
    .updateTable('login_failures')
    .set({ locked_until: new Date(now.getTime() + rule.lockMs) })
    .where('kind', '=', kind)
    .where('identifier_key', '=', identifierKey)
    .where('failures', '>=', rule.maxFailures)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('locked_until')
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/** Forgets an identifier's failures and, when given, gives its address's attempt back: one statement. */
export async function forgetAttempt(db: Kysely<DB>, kind: LoginKind, identifierKey: string, from?: Omit<AddressCount, 'ceiling'>) {
  await sql`
    WITH forget AS (DELETE FROM login_failures WHERE kind = ${kind} AND identifier_key = ${identifierKey})
    UPDATE login_address_failures SET failures = failures - 1
    WHERE address_key = ${from?.addressKey ?? null}::text AND minute = ${from?.minute ?? null}::timestamptz`.execute(db);
}

export function findLocks(db: Kysely<DB>, kind: LoginKind, identifierKeys: string[], now: Date) {
  return db
    .selectFrom('login_failures')
    .select(['identifier_key', 'locked_until'])
    .where('kind', '=', kind)
    .where('identifier_key', 'in', identifierKeys)
    .where('locked_until', '>', now)
    .$narrowType<{ locked_until: Date }>()
    .execute();
}

/** Counts one attempt for an address in its minute, in one statement; returns the minute's count. */
export async function addAddressAttempt(db: Kysely<DB>, addressKey: string, minute: Date): Promise<number> {
  const { rows } = await sql<{ failures: number }>`
    INSERT INTO login_address_failures AS a (address_key, minute, failures)
    VALUES (${addressKey}, ${minute}::timestamptz, 1)
    ON CONFLICT (address_key, minute) DO UPDATE SET failures = a.failures + 1
    RETURNING failures`.execute(db);
  return rows[0]!.failures;
}

export async function removeAddressAttempt(db: Kysely<DB>, addressKey: string, minute: Date) {
  await db
    .updateTable('login_address_failures')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('address_key', '=', addressKey)
    .where('minute', '=', minute)
    .execute();
}

export async function deleteOldCounters(db: Kysely<DB>, now: Date, rule: LockRule) {
  await db.deleteFrom('login_address_failures').where('minute', '<', new Date(now.getTime() - 2 * 60_000)).execute();
  await db
    .deleteFrom('login_failures')
    .where('window_start', '<', new Date(now.getTime() - rule.windowMs))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
}
