import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** What « Mes avis de courrier » shows of the person's own record. */
export function findNoticeSettings(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('domicilies')
    .select(['email', 'phone', 'notify_email_consent_at', 'notify_sms_consent_at', 'notify_paused_at'])
    .where('structure_id', '=', structureId)
    .where('id', '=', domicilieId)
    .executeTakeFirst();
}

/** Pauses or resumes; returns whether the row changed (a second click changes nothing). */
export async function setPaused(trx: Kysely<DB>, structureId: string, domicilieId: string, pausedAt: Date | null): Promise<boolean> {
  const result = await trx
    .updateTable('domicilies')
    .set({ notify_paused_at: pausedAt })
    .where('structure_id', '=', structureId)
    .where('id', '=', domicilieId)
    .where('notify_paused_at', pausedAt ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The latest request still waiting for its link, to remind the person where it went. */
export function findWaitingRequest(db: Kysely<DB>, domicilieId: string, now: Date) {
  return db
    .selectFrom('email_confirmations')
    .select(['email', 'expires_at', 'created_at'])
    .where('domicilie_id', '=', domicilieId)
    .where('confirmed_at', 'is', null)
    .where('replaced_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countRequestsSince(trx: Kysely<DB>, domicilieId: string, since: Date): Promise<number> {
  const row = await trx
    .selectFrom('email_confirmations')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('domicilie_id', '=', domicilieId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A new request makes the person's earlier links worthless. */
export async function replaceWaitingRequests(trx: Kysely<DB>, domicilieId: string, now: Date) {
  await trx
    .updateTable('email_confirmations')
    .set({ replaced_at: now })
    .where('domicilie_id', '=', domicilieId)
    .where('confirmed_at', 'is', null)
    .where('replaced_at', 'is', null)
    .execute();
}

export function insertRequest(trx: Kysely<DB>, row: { structure_id: string; domicilie_id: string; email: string; token_hash: string; expires_at: Date; created_at: Date }) {
  return trx.insertInto('email_confirmations').values(row).returning('id').executeTakeFirstOrThrow();
}

/** The request a link names, held until the transaction ends so a link works once however fast it is clicked twice. */
export function lockRequestByTokenHash(trx: Kysely<DB>, tokenHash: string) {
  return trx
    .selectFrom('email_confirmations')
    .select(['id', 'structure_id', 'domicilie_id', 'email', 'expires_at', 'confirmed_at', 'replaced_at'])
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export function findRequestByTokenHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('email_confirmations')
    .select(['id', 'structure_id', 'domicilie_id', 'email', 'expires_at', 'confirmed_at', 'replaced_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function markConfirmed(trx: Kysely<DB>, id: string, now: Date) {
  await trx.updateTable('email_confirmations').set({ confirmed_at: now }).where('id', '=', id).execute();
}

/** The confirmed address becomes the record's, with the e-mail consent (its first date kept). */
export async function confirmRecordEmail(trx: Kysely<DB>, structureId: string, domicilieId: string, email: string, now: Date) {
  await trx
    .updateTable('domicilies')
    .set({ email, notify_email_consent_at: sql<Date>`coalesce(notify_email_consent_at, ${now}::timestamptz)`, updated_at: now })
    .where('structure_id', '=', structureId)
    .where('id', '=', domicilieId)
    .execute();
}

/** Housekeeping: the address in a request is personal data with no use once its link is long dead. */
export async function deleteOldRequests(db: Kysely<DB>, before: Date) {
  await db.deleteFrom('email_confirmations').where('expires_at', '<', before).execute();
}
