import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, NotificationChannel, NotificationsTable } from '../../db/schema.ts';

/** A message taken to be sent: the outbox row's columns the worker needs. */
export type ClaimedNotification = Pick<
  Selectable<NotificationsTable>,
  'id' | 'structure_id' | 'domicilie_id' | 'channel' | 'kind' | 'group_key' | 'address' | 'payload' | 'attempts'
>;

/**
 * Takes up to `limit` due messages in one short statement: rows another process holds are
 * skipped, and each taken row's next attempt is pushed `leaseSeconds` ahead, so no other worker
 * takes it while it is being sent, and a worker that dies leaves it to be taken again then.
 */
export async function claimDue(db: Kysely<DB>, limit: number, leaseSeconds: number): Promise<ClaimedNotification[]> {
  const result = await sql<ClaimedNotification>`
    UPDATE notifications SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
    WHERE id IN (
      SELECT id FROM notifications
      WHERE state = 'en_attente' AND next_attempt_at <= now()
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, structure_id, domicilie_id, channel, kind, group_key, address, payload, attempts`.execute(db);
  return result.rows;
}

/** What is read again at send time: consent, pause and address may have changed since the message was queued. */
export function recipientsOf(db: Kysely<DB>, domicilieIds: string[]) {
  return db
    .selectFrom('domicilies as d')
    .innerJoin('structures as s', 's.id', 'd.structure_id')
    .select([
      'd.id',
      'd.email',
      'd.phone',
      'd.language',
      'd.status',
      'd.end_date',
      'd.notify_email_consent_at',
      'd.notify_sms_consent_at',
      'd.notify_paused_at',
      sql<number>`d.waiting_courrier + d.waiting_colis + d.waiting_avis_passage`.as('waiting'),
      's.name as structure_name',
    ])
    .where('d.id', 'in', domicilieIds)
    .execute();
}

/** Sent: the payload (a confirmation's link) leaves the row. A row cancelled meanwhile stays cancelled. */
export function markSent(db: Kysely<DB>, id: string) {
  return db
    .updateTable('notifications')
    .set({ state: 'envoyee', sent_at: sql<Date>`now()`, payload: null, last_error: null })
    .where('id', '=', id)
    .where('state', '=', 'en_attente')
    .execute();
}

export function markRetry(db: Kysely<DB>, id: string, delayMs: number, lastError: string) {
  return db
    .updateTable('notifications')
    .set({ next_attempt_at: sql<Date>`now() + make_interval(secs => ${delayMs / 1000})`, last_error: lastError })
    .where('id', '=', id)
    .where('state', '=', 'en_attente')
    .execute();
}

export function markEnded(db: Kysely<DB>, id: string, state: 'echec' | 'annulee', lastError: string) {
  return db
    .updateTable('notifications')
    .set({ state, last_error: lastError, payload: null })
    .where('id', '=', id)
    .where('state', '=', 'en_attente')
    .execute();
}

/**
 * The daily reminders, queued in one statement per kind for every structure (each its own
 * calendar day): two months before the end of a valide domiciliation, and once when it has
 * ended (within the last month, so a first start does not tell people whose domiciliation ended
 * long ago). The group key holds the end date: a renewal moves it and starts a new reminder.
 */
export async function queueReminders(db: Kysely<DB>, channel: NotificationChannel): Promise<number> {
  const consent = channel === 'email' ? sql.ref('d.notify_email_consent_at') : sql.ref('d.notify_sms_consent_at');
  const address = channel === 'email' ? sql.ref('d.email') : sql.ref('d.phone');
  const result = await sql`
    WITH today AS (SELECT s.id AS structure_id, (now() AT TIME ZONE s.timezone)::date AS day FROM structures s)
    INSERT INTO notifications (structure_id, domicilie_id, channel, kind, group_key, send_after, next_attempt_at)
    SELECT d.structure_id, d.id, ${channel}, k.kind, k.kind || ':' || d.id || ':' || d.end_date || ':' || ${channel}, now(), now()
    FROM domicilies d
    JOIN today t ON t.structure_id = d.structure_id
    CROSS JOIN LATERAL (
      SELECT 'echeance_proche' AS kind WHERE d.end_date >= t.day AND d.end_date <= (t.day + interval '2 months')::date
      UNION ALL
      SELECT 'echeance_passee' WHERE d.end_date < t.day AND d.end_date >= (t.day - interval '1 month')::date
    ) k
    WHERE d.status = 'valide' AND d.end_date IS NOT NULL AND ${consent} IS NOT NULL AND d.notify_paused_at IS NULL
      AND coalesce(btrim(${address}), '') <> ''
    ON CONFLICT (group_key) DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
