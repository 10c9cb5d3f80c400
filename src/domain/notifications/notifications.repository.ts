import { sql, type Kysely } from 'kysely';
import type { DB, NotificationChannel, NotificationKind } from '../../db/schema.ts';

export type NewNotification = {
  structure_id: string;
  domicilie_id: string;
  channel: NotificationChannel;
  kind: NotificationKind;
  group_key: string;
  send_after: Date;
  address: string | null;
  payload: string | null;
  /** The mail notice's is its first reception's instant: the undo finds a reception's group by it. */
  created_at?: Date;
};

/**
 * One row per group: a second queueing of the same group changes nothing, unless the first was
 * cancelled (an undone reception, a consent withdrawn then given again), which it revives.
 * Several rows (a notice per channel) go in one statement.
 */
export function upsertNotifications(db: Kysely<DB>, rows: NewNotification[]) {
  return db
    .insertInto('notifications')
    .values(rows.map((row) => ({ ...row, next_attempt_at: row.send_after, created_at: row.created_at ?? sql<Date>`now()` })))
    .onConflict((conflict) =>
      conflict.column('group_key').doUpdateSet((eb) => ({
        state: 'en_attente',
        send_after: eb.ref('excluded.send_after'),
        next_attempt_at: eb.ref('excluded.send_after'),
        address: eb.ref('excluded.address'),
        payload: eb.ref('excluded.payload'),
        attempts: 0,
        last_error: null,
        created_at: eb.ref('excluded.created_at'),
      })).where('notifications.state', '=', 'annulee'),
    )
    .returning(['id', 'state'])
    .execute();
}

/** What decides whether a person is told, read inside the mail transaction (the row is locked). */
export function findRecipient(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('domicilies as d')
    .innerJoin('structures as s', 's.id', 'd.structure_id')
    .select(['d.email', 'd.phone', 'd.notify_email_consent_at', 'd.notify_sms_consent_at', 'd.notify_paused_at', 's.notification_hour'])
    .where('d.structure_id', '=', structureId)
    .where('d.id', '=', domicilieId)
    .executeTakeFirst();
}

/** Cancels a person's waiting messages (those of one channel when given); a confirmation is the person's own request and stays. */
export async function cancelWaiting(db: Kysely<DB>, domicilieId: string, reason: string, channel?: NotificationChannel): Promise<number> {
  let query = db
    .updateTable('notifications')
    .set({ state: 'annulee', last_error: reason })
    .where('domicilie_id', '=', domicilieId)
    .where('state', '=', 'en_attente')
    .where('kind', '!=', 'confirmation_email');
  if (channel) query = query.where('channel', '=', channel);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The mail notice a reception recorded at `receivedAt` joined: the last one created up to then, per channel. */
export function findMailNoticesAt(db: Kysely<DB>, domicilieId: string, receivedAt: Date) {
  return db
    .selectFrom('notifications')
    .select(['id', 'channel', 'state', 'created_at'])
    .distinctOn('channel')
    .where('domicilie_id', '=', domicilieId)
    .where('kind', '=', 'courrier')
    .where('created_at', '<=', receivedAt)
    .orderBy('channel')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Receptions still standing since an instant, the one being undone aside. */
export async function countReceptionsSince(db: Kysely<DB>, domicilieId: string, since: Date, exceptEventId: string): Promise<number> {
  const row = await db
    .selectFrom('courrier_events')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('domicilie_id', '=', domicilieId)
    .where('kind', '=', 'reception')
    .where('undone_at', 'is', null)
    .where('created_at', '>=', since)
    .where('id', '!=', exceptEventId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function cancelById(db: Kysely<DB>, id: string, reason: string) {
  return db.updateTable('notifications').set({ state: 'annulee', last_error: reason }).where('id', '=', id).where('state', '=', 'en_attente').execute();
}

export function listOfDomicilie(db: Kysely<DB>, structureId: string, domicilieId: string, limit: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'channel', 'kind', 'state', 'send_after', 'attempts', 'next_attempt_at', 'last_error', 'sent_at', 'created_at'])
    .where('structure_id', '=', structureId)
    .where('domicilie_id', '=', domicilieId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countSentSince(db: Kysely<DB>, structureId: string, since: Date) {
  const rows = await db
    .selectFrom('notifications')
    .select(['channel', (eb) => eb.fn.countAll<string>().as('count')])
    .where('structure_id', '=', structureId)
    .where('state', '=', 'envoyee')
    .where('sent_at', '>=', since)
    .groupBy('channel')
    .execute();
  return rows.map((row) => ({ channel: row.channel, count: Number(row.count) }));
}

export function eraseConsent(db: Kysely<DB>, structureId: string, domicilieId: string, channel: NotificationChannel) {
  return db
    .updateTable('domicilies')
    .set(channel === 'email' ? { notify_email_consent_at: null } : { notify_sms_consent_at: null })
    .where('structure_id', '=', structureId)
    .where('id', '=', domicilieId)
    .execute();
}

export async function findNotificationHour(db: Kysely<DB>, structureId: string): Promise<number | null> {
  const row = await db.selectFrom('structures').select('notification_hour').where('id', '=', structureId).executeTakeFirst();
  return row?.notification_hour ?? null;
}

export function updateNotificationHour(db: Kysely<DB>, structureId: string, hour: number | null) {
  return db.updateTable('structures').set({ notification_hour: hour }).where('id', '=', structureId).execute();
}
