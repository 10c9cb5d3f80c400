import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase } from './test-database.ts';

export const TEST_SECRET = Buffer.alloc(32, 7);

export type TestApp = { app: FastifyInstance; database: Database; db: Database['db']; config: Config; close(): Promise<void> };

export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'domiciliation-test-')),
    SECRET_KEY: TEST_SECRET.toString('base64'),
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://domiciliation.test',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    ...overrides,
  });
}

/** The real application on a fresh database of its own. */
export async function createTestApp(overrides: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(overrides);
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
