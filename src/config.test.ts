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
