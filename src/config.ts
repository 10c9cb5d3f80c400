import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

export type Config = {
  production: boolean;
  host: string;
  port: number;
  /** Absolute base URL people use to reach this server, without trailing slash. */
  publicUrl: string;
  /** Address printed in the portal access document. */
  portalUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Connections to PostgreSQL; twice the cores by default (decision 0016). */
  databasePoolSize: number;
  /** A database connection idle this long is closed, a new one opened at the next query (0: kept open). */
  databaseIdleTimeoutMs: number;
  /** 32-byte key: CSRF tokens, signed cookies, encrypted documents. */
  secretKey: Buffer;
  temporaryPasswordDays: number;
  trustProxy: boolean;
  /** Failed login attempts allowed per IP address and minute, all forms and people together (decision 0018). */
  loginRateLimitPerMinute: number;
  logLevel: string;
  /** Notifications (decision 0035): grouping delay after the day's first mail, 0 = at once. */
  notificationDelayMinutes: number;
  /** A message taken by a worker is left to it this long; after a crash it is sent again then. */
  notificationLeaseSeconds: number;
  /** E-mail is off unless both are given. */
  smtpUrl: string | undefined;
  smtpFrom: string | undefined;
  /** SMS is off unless a provider and its key are given. */
  smsProvider: 'octopush' | undefined;
  smsApiKey: string | undefined;
  smsApiLogin: string | undefined;
  smsSender: string | undefined;
  /** The provider's address; another only to test against a local server. */
  smsApiUrl: string | undefined;
};

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} doit être un entier entre ${min} et ${max} (reçu « ${raw} »).`);
  }
  return value;
}

function url(name: string, raw: string): string {
  try {
    return new URL(raw).toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(`${name} doit être une adresse complète (reçu « ${raw} »).`);
  }
}

/** In development the key lives beside the data; in production it must be given. */
function secretKey(env: NodeJS.ProcessEnv, production: boolean, dataDir: string): Buffer {
  const raw = env.SECRET_KEY;
  if (raw) {
    const key = Buffer.from(raw, 'base64');
    if (key.length < 32) throw new ConfigError('SECRET_KEY doit contenir au moins 32 octets encodés en base64.');
    return key.subarray(0, 32);
  }
  if (production) throw new ConfigError('SECRET_KEY est obligatoire en production (32 octets en base64).');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8'), 'base64');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const host = env.HOST || '127.0.0.1';
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const publicUrl = url('PUBLIC_URL', env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  const dataDir = resolve(env.DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL doit commencer par postgres:// ou postgresql://.');
  }
  return {
    production,
    host,
    port,
    publicUrl,
    portalUrl: url('PORTAL_URL', env.PORTAL_URL || `${publicUrl}/portail`),
    dataDir,
    databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 2 * availableParallelism(), 1, 100),
    databaseIdleTimeoutMs: integer(env, 'DATABASE_IDLE_TIMEOUT_MS', 10_000, 0, 86_400_000),
    secretKey: secretKey(env, production, dataDir),
    temporaryPasswordDays: integer(env, 'PORTAL_TEMPORARY_PASSWORD_DAYS', 30, 1, 365),
    trustProxy: env.TRUST_PROXY === 'true',
    loginRateLimitPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 300, 1, 100_000),
    logLevel: env.LOG_LEVEL || (production ? 'info' : 'warn'),
    ...notificationConfig(env),
  };
}

const SMS_PROVIDERS = ['octopush'] as const;

function notificationConfig(env: NodeJS.ProcessEnv) {
  const smtpUrl = env.SMTP_URL || undefined;
  const smtpFrom = env.SMTP_FROM || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SMTP_URL doit commencer par smtp:// ou smtps://.');
  if (Boolean(smtpUrl) !== Boolean(smtpFrom)) throw new ConfigError('SMTP_URL et SMTP_FROM vont ensemble : donnez les deux, ou aucun.');
  if (smtpFrom && !/^[^\s@<>]+@[^\s@<>]+$/.test(smtpFrom)) throw new ConfigError(`SMTP_FROM doit être une adresse e-mail (reçu « ${smtpFrom} »).`);
  const provider = env.SMS_PROVIDER || undefined;
  if (provider && !(SMS_PROVIDERS as readonly string[]).includes(provider)) {
    throw new ConfigError(`SMS_PROVIDER doit valoir ${SMS_PROVIDERS.join(' ou ')} (reçu « ${provider} »).`);
  }
  const smsApiKey = env.SMS_API_KEY || undefined;
  const smsApiLogin = env.SMS_API_LOGIN || undefined;
  if (provider && (!smsApiKey || !smsApiLogin)) throw new ConfigError('SMS_PROVIDER demande SMS_API_KEY et SMS_API_LOGIN.');
  const smsSender = env.SMS_SENDER || undefined;
  if (smsSender && !/^[a-zA-Z0-9]{3,11}$/.test(smsSender)) throw new ConfigError('SMS_SENDER doit compter 3 à 11 lettres ou chiffres, sans espace ni accent.');
  return {
    notificationDelayMinutes: integer(env, 'NOTIFICATION_DELAY_MINUTES', 30, 0, 1440),
    notificationLeaseSeconds: integer(env, 'NOTIFICATION_LEASE_SECONDS', 300, 2, 3600),
    smtpUrl,
    smtpFrom,
    smsProvider: provider as (typeof SMS_PROVIDERS)[number] | undefined,
    smsApiKey,
    smsApiLogin,
    smsSender,
    smsApiUrl: env.SMS_API_URL ? url('SMS_API_URL', env.SMS_API_URL) : undefined,
  };
}
