import type { Kysely } from 'kysely';
import type { DB, NotificationChannel } from '../../db/schema.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './notification-times.ts';
import { messageFor, messageLanguage } from './notification-texts.ts';
import type { NotificationReason } from './notifications.service.ts';
import * as outbox from './outbox.repository.ts';
import { SEND_TIMEOUT_MS, SendFailure, technicalDetail, type Transports } from './transports.ts';

export type WorkerOptions = {
  /** Messages taken at once by one worker. */
  batchSize: number;
  /** Sent side by side within a batch. */
  concurrency: number;
  /** How long a taken message is left to its worker before another may take it (longer than any send). */
  leaseSeconds: number;
};

export const defaultWorkerOptions: WorkerOptions = { batchSize: 50, concurrency: 4, leaseSeconds: 300 };

type Recipient = Awaited<ReturnType<typeof outbox.recipientsOf>>[number];
type Decision = { send: { to: string } } | { cancel: NotificationReason };

/** The end date a reminder was queued for, from its group key (`echeance_proche:<domicilie>:<end>:<channel>`). */
const reminderEndDate = (groupKey: string) => groupKey.split(':')[2] ?? null;

/** Consent, pause and address read again now: a message queued before a withdrawal is not sent after it. */
function decide(claimed: outbox.ClaimedNotification, recipient: Recipient | undefined, transports: Transports): Decision {
  if (!transports[claimed.channel]) return { cancel: 'canal_desactive' };
  if (!recipient) return { cancel: 'adresse_absente' };
  if (claimed.kind === 'confirmation_email') return claimed.address ? { send: { to: claimed.address } } : { cancel: 'adresse_absente' };
  const consent = claimed.channel === 'email' ? recipient.notify_email_consent_at : recipient.notify_sms_consent_at;
  if (!consent) return { cancel: 'consentement_retire' };
  if (recipient.notify_paused_at) return { cancel: 'notifications_suspendues' };
  const to = (claimed.channel === 'email' ? recipient.email : recipient.phone)?.trim();
  if (!to) return { cancel: 'adresse_absente' };
  if (claimed.kind === 'courrier' && Number(recipient.waiting) === 0) return { cancel: 'plus_de_courrier' };
  if ((claimed.kind === 'echeance_proche' || claimed.kind === 'echeance_passee') && (recipient.status !== 'valide' || recipient.end_date !== reminderEndDate(claimed.group_key))) {
    return { cancel: 'echeance_changee' };
  }
  return { send: { to } };
}

async function deliver(db: Kysely<DB>, claimed: outbox.ClaimedNotification, recipient: Recipient | undefined, transports: Transports): Promise<'sent' | 'cancelled' | 'retry' | 'failed'> {
  const decision = decide(claimed, recipient, transports);
  if ('cancel' in decision) {
    await outbox.markEnded(db, claimed.id, 'annulee', decision.cancel);
    return 'cancelled';
  }
  const link = typeof claimed.payload?.link === 'string' ? claimed.payload.link : null;
  const message = messageFor(claimed.kind, messageLanguage(recipient!.language), { structureName: recipient!.structure_name, endDate: recipient!.end_date, link });
  try {
    await transports[claimed.channel]!.send({ id: claimed.id, to: decision.send.to, ...message });
  } catch (error) {
    const permanent = error instanceof SendFailure && error.permanent;
    const reason: NotificationReason = permanent ? 'adresse_refusee' : 'envoi_impossible';
    const lastError = `${reason}: ${technicalDetail(error)}`.slice(0, 300);
    const delay = permanent || claimed.attempts >= MAX_ATTEMPTS ? null : retryDelayMs(claimed.attempts);
    if (delay === null) {
      await outbox.markEnded(db, claimed.id, 'echec', lastError);
      return 'failed';
    }
    await outbox.markRetry(db, claimed.id, delay, lastError);
    return 'retry';
  }
  // A crash here sends the message again once the lease ends: at least once, never lost.
  await outbox.markSent(db, claimed.id);
  return 'sent';
}

export type BatchResult = Record<'sent' | 'cancelled' | 'retry' | 'failed', number>;

/** Takes one batch of due messages and sends it; returns what happened to each (an empty batch: nothing due). */
export async function sendDueNotifications(db: Kysely<DB>, transports: Transports, options: WorkerOptions = defaultWorkerOptions): Promise<BatchResult> {
  const result: BatchResult = { sent: 0, cancelled: 0, retry: 0, failed: 0 };
  const claimed = await outbox.claimDue(db, options.batchSize, options.leaseSeconds);
  if (claimed.length === 0) return result;
  // A message is never started once its lease may end before the send does (connecting,
  // greeting and sending may each take SEND_TIMEOUT_MS): another worker could then take it too.
  // The rest of the batch waits for its lease to end.
  const lastStart = Date.now() + options.leaseSeconds * 1000 - Math.min(3 * SEND_TIMEOUT_MS + 5_000, (options.leaseSeconds * 1000) / 2);
  const recipients = new Map((await outbox.recipientsOf(db, [...new Set(claimed.map((row) => row.domicilie_id))])).map((row) => [row.id, row]));
  let next = 0;
  const lane = async () => {
    while (next < claimed.length && Date.now() < lastStart) {
      const row = claimed[next++]!;
      result[await deliver(db, row, recipients.get(row.domicilie_id), transports)] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, claimed.length) }, lane));
  return result;
}

/** The day's reminders for every channel that can send; idempotent (one per group key), so run as often as wished. */
export async function queueDueReminders(db: Kysely<DB>, channels: readonly NotificationChannel[]): Promise<number> {
  let queued = 0;
  for (const channel of channels) queued += await outbox.queueReminders(db, channel);
  return queued;
}
