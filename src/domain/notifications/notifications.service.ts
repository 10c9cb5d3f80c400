import type { Kysely } from 'kysely';
import type { DB, NotificationChannel, NotificationKind, NotificationState } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { InvalidInput } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { instantAt, mailNoticeSchedule } from './notification-times.ts';
import { notificationSettings } from './notification-settings.ts';
import * as repository from './notifications.repository.ts';

export { sendingConfigured } from './notification-settings.ts';

export const notificationChannels: readonly NotificationChannel[] = ['email', 'sms'];

/** Why a message was cancelled or failed: a code the staff dictionary words (decision 0027). */
export type NotificationReason =
  | 'consentement_retire'
  | 'notifications_suspendues'
  | 'adresse_absente'
  | 'reception_annulee'
  | 'plus_de_courrier'
  | 'echeance_changee'
  | 'canal_desactive'
  | 'adresse_refusee'
  | 'envoi_impossible';

export type QueuedNotification = {
  structureId: string;
  domicilieId: string;
  channel: NotificationChannel;
  kind: NotificationKind;
  groupKey: string;
  sendAfter: Date;
  /** Only for a confirmation: the new address, not yet the record's. */
  address?: string | null;
  /** Only what the message needs beyond the record; erased once sent. A confirmation gives `{ link }`. */
  payload?: Record<string, unknown> | null;
};

/**
 * Writes a message in the outbox, in the caller's transaction; one per group key (a second
 * call for the same group changes nothing unless the first was cancelled). Nothing is queued
 * for a channel the server cannot send on. Returns the row's id, or null when nothing was queued.
 */
export async function queueNotification(trx: Kysely<DB>, notification: QueuedNotification): Promise<string | null> {
  if (!notificationSettings().channels[notification.channel]) return null;
  const [row] = await repository.upsertNotifications(trx, [{
    structure_id: notification.structureId,
    domicilie_id: notification.domicilieId,
    channel: notification.channel,
    kind: notification.kind,
    group_key: notification.groupKey,
    send_after: notification.sendAfter,
    address: notification.address ?? null,
    payload: notification.payload ? JSON.stringify(notification.payload) : null,
  }]);
  return row?.id ?? null;
}

export type MailEvent = { structureId: string; domicilieId: string; timezone: string; receivedAt: Date };

const contactOf = (recipient: { email: string | null; phone: string | null }, channel: NotificationChannel) => (channel === 'email' ? recipient.email : recipient.phone)?.trim() || null;
const consentOf = (recipient: { notify_email_consent_at: Date | null; notify_sms_consent_at: Date | null }, channel: NotificationChannel) =>
  channel === 'email' ? recipient.notify_email_consent_at : recipient.notify_sms_consent_at;

/**
 * Called inside the reception's transaction: one grouped notice per person, channel and day,
 * for each channel the person consented to, with an address and not paused. A failed reception
 * rolls its notice back with it.
 */
export async function queueMailNotice(trx: Kysely<DB>, event: MailEvent): Promise<void> {
  const settings = notificationSettings();
  const channels = notificationChannels.filter((channel) => settings.channels[channel]);
  if (channels.length === 0) return;
  const recipient = await repository.findRecipient(trx, event.structureId, event.domicilieId);
  if (!recipient || recipient.notify_paused_at) return;
  const schedule = mailNoticeSchedule(event.receivedAt, event.timezone, recipient.notification_hour, settings.delayMinutes);
  const rows = channels
    .filter((channel) => consentOf(recipient, channel) && contactOf(recipient, channel))
    .map((channel) => ({
      structure_id: event.structureId,
      domicilie_id: event.domicilieId,
      channel,
      kind: 'courrier' as const,
      group_key: `courrier:${event.domicilieId}:${schedule.day}:${channel}`,
      send_after: schedule.sendAfter,
      address: null,
      payload: null,
      created_at: event.receivedAt,
    }));
  if (rows.length > 0) await repository.upsertNotifications(trx, rows);
}

/**
 * Called inside the undo's transaction, for the reception being undone: its group's notice is
 * cancelled when no other reception of the group stands (receptions only join the latest group,
 * and only the latest event can be undone).
 */
export async function cancelMailNotice(trx: Kysely<DB>, event: { domicilieId: string; receptionEventId: string; receivedAt: Date }): Promise<void> {
  const notices = await repository.findMailNoticesAt(trx, event.domicilieId, event.receivedAt);
  for (const notice of notices) {
    if (notice.state !== 'en_attente') continue;
    if ((await repository.countReceptionsSince(trx, event.domicilieId, notice.created_at, event.receptionEventId)) === 0) {
      await repository.cancelById(trx, notice.id, 'reception_annulee' satisfies NotificationReason);
    }
  }
}

/** Cancels every waiting message of a person (of one channel when given), in the caller's transaction. */
export function cancelPending(trx: Kysely<DB>, domicilieId: string, channel?: NotificationChannel, reason: NotificationReason = channel ? 'consentement_retire' : 'notifications_suspendues'): Promise<number> {
  return repository.cancelWaiting(trx, domicilieId, reason, channel);
}

/**
 * The person no longer consents to a channel: the consent date is erased and every message
 * waiting on that channel cancelled, in the caller's transaction, so both happen or neither.
 */
export async function withdrawConsent(trx: Kysely<DB>, structureId: string, domicilieId: string, channel: NotificationChannel): Promise<void> {
  await repository.eraseConsent(trx, structureId, domicilieId, channel);
  await cancelPending(trx, domicilieId, channel, 'consentement_retire');
}

const NOTIFICATIONS_SHOWN = 20;

export type NotificationRow = {
  id: string;
  channel: NotificationChannel;
  kind: NotificationKind;
  state: NotificationState;
  sendAfter: Date;
  sentAt: Date | null;
  createdAt: Date;
  attempts: number;
  /** Set for « échec » and « annulée »: why. */
  reason: NotificationReason | null;
};

/** The code of `last_error` ('envoi_impossible: 421 busy' -> 'envoi_impossible'). */
export function reasonOf(lastError: string | null): NotificationReason | null {
  return lastError ? (lastError.split(':')[0] as NotificationReason) : null;
}

/** The person's latest messages and their states, for the fiche; another structure's person has none. */
export async function notificationsOf(db: Kysely<DB>, staff: StaffActor, domicilieId: string): Promise<NotificationRow[]> {
  const rows = await repository.listOfDomicilie(db, staff.structureId, domicilieId, NOTIFICATIONS_SHOWN);
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    kind: row.kind,
    state: row.state,
    sendAfter: row.send_after,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    attempts: row.attempts,
    reason: row.state === 'echec' || row.state === 'annulee' ? reasonOf(row.last_error) : null,
  }));
}

/** Messages sent since the first day of the month, in the structure's time zone. */
export async function sentThisMonth(db: Kysely<DB>, staff: StaffActor, now: Date = new Date()): Promise<Record<NotificationChannel, number>> {
  const firstDay = `${isoDateIn(now, staff.timezone).slice(0, 8)}01`;
  const counts = await repository.countSentSince(db, staff.structureId, instantAt(firstDay, 0, staff.timezone));
  const sent = { email: 0, sms: 0 };
  for (const row of counts) sent[row.channel] = row.count;
  return sent;
}

export type NotificationHourProblem = { code: 'heure_invalide' };

/**
 * « Heure d'envoi des avis de courrier »: an hour of the structure's day (0–23), or none to send
 * after the grouping delay. The route checks the role (administrateur); a blank field means none.
 */
export async function setNotificationHour(db: Kysely<DB>, admin: StaffActor, raw: string | number | null): Promise<void> {
  const text = raw === null ? '' : String(raw).trim();
  const hour = text === '' ? null : Number(text);
  if (hour !== null && !(Number.isInteger(hour) && hour >= 0 && hour <= 23)) {
    throw new InvalidInput<NotificationHourProblem>({ heure_notification: { code: 'heure_invalide' } });
  }
  await repository.updateNotificationHour(db, admin.structureId, hour);
  await audit(db, staffAuditActor(admin), { action: 'structure.notification_hour_changed', target: { type: 'structure', id: admin.structureId }, details: { hour } });
}

/** The structure's hour for the day's mail notice, null when it goes after the grouping delay. */
export async function getNotificationHour(db: Kysely<DB>, staff: StaffActor): Promise<number | null> {
  return repository.findNotificationHour(db, staff.structureId);
}
