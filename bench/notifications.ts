import type { AddressInfo } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { SMTPServer } from 'smtp-server';
import type { DB } from '../src/db/schema.ts';
import { emailTransport } from '../src/domain/notifications/email-transport.ts';
import { defaultWorkerOptions, sendDueNotifications } from '../src/domain/notifications/outbox-worker.ts';
import type { CheckResult } from './checks.ts';

/**
 * Notifications in the benchmark (issue 19, decision 0035). The application runs with e-mail on,
 * sending to a local SMTP server, and the people mail is recorded for have consented: the
 * « Enregistrer du courrier » line measures the reception with its notice queued. The line
 * `notification-worker` then sends NOTIFICATION_MESSAGES queued messages to the same server,
 * with the worker's own settings, and reports messages per second.
 */
export const NOTIFICATION_MESSAGES = 10_000;
export const NOTIFICATIONS_FROM = 'avis@bench.test';

/** A local SMTP server that only counts (no STARTTLS: its built-in certificate has expired). */
export async function startCountingSmtp() {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`, received: () => received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A run starts with an empty outbox, and the people the reception line records mail for consent to e-mail. */
export async function prepareNotifications(db: Kysely<DB>, receptionPool: string[]): Promise<void> {
  await db.deleteFrom('notifications').execute();
  for (let start = 0; start < receptionPool.length; start += 1000) {
    await db
      .updateTable('domicilies')
      .set({ notify_email_consent_at: sql<Date>`now()`, email: sql<string>`coalesce(email, 'banc-' || dossier_number || '@bench.test')` })
      .where('id', 'in', receptionPool.slice(start, start + 1000))
      .execute();
  }
}

/** Queues the messages (confirmations: their address is on the row), sends them all, and times it. */
export async function measureNotificationWorker(db: Kysely<DB>, smtpUrl: string, received: () => number, log: (message: string) => void): Promise<CheckResult> {
  // Only these messages in the outbox: the run's own notices and reminders are not part of the measure.
  await db.deleteFrom('notifications').execute();
  const person = await db.selectFrom('domicilies').select(['id', 'structure_id']).limit(1).executeTakeFirstOrThrow();
  for (let start = 0; start < NOTIFICATION_MESSAGES; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, NOTIFICATION_MESSAGES - start) }, (_, n) => ({
      structure_id: person.structure_id,
      domicilie_id: person.id,
      channel: 'email' as const,
      kind: 'confirmation_email' as const,
      group_key: `banc:${start + n}`,
      address: `banc-${start + n}@bench.test`,
      payload: JSON.stringify({ link: `http://bench.test/confirmer/${start + n}` }),
      send_after: sql<Date>`now()`,
      next_attempt_at: sql<Date>`now()`,
    }));
    await db.insertInto('notifications').values(rows).execute();
  }
  const transport = emailTransport({ url: smtpUrl, from: NOTIFICATIONS_FROM });
  const before = received();
  log(`Envoi de ${NOTIFICATION_MESSAGES} avis au serveur SMTP local…`);
  const startedAt = performance.now();
  let sent = 0;
  let failed = 0;
  try {
    for (;;) {
      const batch = await sendDueNotifications(db, { email: transport }, defaultWorkerOptions);
      sent += batch.sent;
      failed += batch.failed + batch.retry + batch.cancelled;
      if (batch.sent + batch.failed + batch.retry + batch.cancelled === 0) break;
    }
  } finally {
    await transport.close();
  }
  const seconds = (performance.now() - startedAt) / 1000;
  const arrived = received() - before;
  await db.deleteFrom('notifications').where('group_key', 'like', 'banc:%').execute();
  const ok = sent === NOTIFICATION_MESSAGES && arrived === NOTIFICATION_MESSAGES && failed === 0;
  return {
    name: `notification-worker : ${NOTIFICATION_MESSAGES} avis envoyés au serveur SMTP local`,
    module: 'courriers',
    status: ok ? 'ok' : 'wrong',
    detail: `${sent} marqués envoyés, ${arrived} arrivés, ${failed} autres, en ${seconds.toFixed(1)} s : ${Math.round(NOTIFICATION_MESSAGES / seconds)} messages/s`,
    covers: ['notification-worker'],
  };
}
