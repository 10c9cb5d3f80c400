import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { NotificationChannel } from './db/schema.ts';
import { emailTransport } from './domain/notifications/email-transport.ts';
import { defaultWorkerOptions, queueDueReminders, sendDueNotifications, type WorkerOptions } from './domain/notifications/outbox-worker.ts';
import { octopushTransport } from './domain/notifications/sms-octopush.ts';
import type { Transports } from './domain/notifications/transports.ts';

/** The transports the configuration allows; a channel without configuration has none. */
export function transportsFrom(config: Config): Transports {
  const transports: Transports = {};
  if (config.smtpUrl && config.smtpFrom) transports.email = emailTransport({ url: config.smtpUrl, from: config.smtpFrom });
  if (config.smsProvider === 'octopush' && config.smsApiKey && config.smsApiLogin) {
    transports.sms = octopushTransport({ apiKey: config.smsApiKey, apiLogin: config.smsApiLogin, sender: config.smsSender, url: config.smsApiUrl });
  }
  return transports;
}

export type RunnerOptions = WorkerOptions & { pollMs: number; remindersEveryMs: number };

export type NotificationRunner = { stop(): Promise<void> };

/**
 * Sends the outbox in the background: a batch as soon as the previous one was full, otherwise
 * a look every `pollMs`; the reminders' sweep at start and then every hour. Several processes
 * may run it on one PostgreSQL: each takes different rows (decision 0035). Never keeps the
 * process alive; `stop` waits for the batch being sent.
 */
export function startNotificationRunner(database: Database, config: Config, onError: (error: unknown) => void, overrides: Partial<RunnerOptions> = {}): NotificationRunner {
  const transports = transportsFrom(config);
  const channels = Object.keys(transports) as NotificationChannel[];
  if (channels.length === 0) return { stop: async () => {} };
  const options: RunnerOptions = { ...defaultWorkerOptions, leaseSeconds: config.notificationLeaseSeconds, pollMs: 2_000, remindersEveryMs: 3_600_000, ...overrides };
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let lastSweep = 0;

  const tick = async () => {
    let full = false;
    try {
      if (Date.now() - lastSweep >= options.remindersEveryMs) {
        lastSweep = Date.now();
        await queueDueReminders(database.db, channels);
      }
      const result = await sendDueNotifications(database.db, transports, options);
      full = result.sent + result.cancelled + result.retry + result.failed >= options.batchSize;
    } catch (error) {
      onError(error);
    }
    if (running) timer = setTimeout(() => (current = tick()), full ? 0 : options.pollMs).unref();
  };
  current = tick();

  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
      await Promise.all(Object.values(transports).map((transport) => transport.close()));
    },
  };
}
