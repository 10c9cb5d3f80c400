import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const base = { SECRET_KEY: Buffer.alloc(32, 7).toString('base64'), DATABASE_URL: 'postgres://localhost/x' };

test('the PostgreSQL pool has twice as many connections as the machine has cores, unless DATABASE_POOL_SIZE says otherwise', () => {
  assert.equal(loadConfig(base).databasePoolSize, 2 * availableParallelism());
  assert.equal(loadConfig({ ...base, DATABASE_POOL_SIZE: '12' }).databasePoolSize, 12);
});

test('a pool size that is not a whole number from 1 to 100 is refused in French', () => {
  for (const wrong of ['0', '2.5', 'dix', '101']) {
    assert.throws(() => loadConfig({ ...base, DATABASE_POOL_SIZE: wrong }), (error: unknown) => error instanceof ConfigError && error.message.includes('DATABASE_POOL_SIZE doit être un entier entre 1 et 100'));
  }
});

test('notifications: each channel is off without its settings; half a setting is refused in French', () => {
  const off = loadConfig(base);
  assert.deepEqual([off.smtpUrl, off.smsProvider, off.notificationDelayMinutes], [undefined, undefined, 30]);
  const on = loadConfig({ ...base, SMTP_URL: 'smtp://mail.example:25', SMTP_FROM: 'avis@ccas.example', SMS_PROVIDER: 'octopush', SMS_API_KEY: 'k', SMS_API_LOGIN: 'l', NOTIFICATION_DELAY_MINUTES: '0' });
  assert.deepEqual([on.smtpUrl, on.smtpFrom, on.smsProvider, on.notificationDelayMinutes], ['smtp://mail.example:25', 'avis@ccas.example', 'octopush', 0]);
  const refused = (env: NodeJS.ProcessEnv, words: string) => assert.throws(() => loadConfig({ ...base, ...env }), (error: unknown) => error instanceof ConfigError && error.message.includes(words));
  refused({ SMTP_URL: 'smtp://mail.example' }, 'SMTP_URL et SMTP_FROM vont ensemble');
  refused({ SMTP_URL: 'http://mail.example', SMTP_FROM: 'a@b.fr' }, 'SMTP_URL doit commencer par smtp://');
  refused({ SMS_PROVIDER: 'inconnu' }, 'SMS_PROVIDER doit valoir octopush');
  refused({ SMS_PROVIDER: 'octopush', SMS_API_KEY: 'k' }, 'SMS_PROVIDER demande SMS_API_KEY et SMS_API_LOGIN');
  refused({ SMS_SENDER: 'CCAS de Lyon' }, 'SMS_SENDER doit compter 3 à 11 lettres ou chiffres');
  refused({ NOTIFICATION_DELAY_MINUTES: '-1' }, 'NOTIFICATION_DELAY_MINUTES doit être un entier entre 0 et 1440');
});
