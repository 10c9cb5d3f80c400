import type { Config } from '../../config.ts';
import type { NotificationChannel } from '../../db/schema.ts';

export type ChannelsOn = Record<NotificationChannel, boolean>;

/** Whether each channel can send: without its configuration a channel is off, and nothing is queued for it. */
export function sendingConfigured(config: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'smsProvider' | 'smsApiKey'>): ChannelsOn {
  return { email: Boolean(config.smtpUrl && config.smtpFrom), sms: Boolean(config.smsProvider && config.smsApiKey) };
}

export type NotificationSettings = { channels: ChannelsOn; delayMinutes: number };

/**
 * Set once by the application at start (buildApp), read when mail is recorded: the mail
 * services are called with a database and a staff member only, and the server's configuration
 * is one per process.
 */
let current: NotificationSettings = { channels: { email: false, sms: false }, delayMinutes: 30 };

export function configureNotifications(config: Config): void {
  current = { channels: sendingConfigured(config), delayMinutes: config.notificationDelayMinutes };
}

export function notificationSettings(): NotificationSettings {
  return current;
}

/** For tests that turn channels on without a transport configuration. */
export function setNotificationSettings(settings: NotificationSettings): void {
  current = settings;
}
