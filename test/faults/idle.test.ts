import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Database, PoolOptions } from '../../src/db/database.ts';
import { TestClient } from '../helpers/client.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../helpers/factories.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { testConfig } from '../helpers/test-app.ts';

/**
 * Time passing beyond every timeout that closes a database connection, then normal use. The
 * timeouts are made short (200–300 ms) so the test waits well under a second each time.
 */
async function appWith(env: NodeJS.ProcessEnv, pool: PoolOptions = {}) {
  const config = testConfig(env);
  const database: Database = await createTestDatabase({ idleTimeoutMillis: config.databaseIdleTimeoutMs, ...pool });
  const app: FastifyInstance = await buildApp({ config, database });
  await app.ready();
  const team = await createTeam(database.db);
  const domicilie = await createDomicilie(database.db, team.structureId);
  return { app, database, team, domicilie, close: async () => (await app.close(), await database.close()) };
}

/** Log in, read pages, record mail and read it back: what a person does first after a pause. */
async function normalUse({ app, database, team, domicilie }: Awaited<ReturnType<typeof appWith>>, pause: () => Promise<unknown>) {
  const client = new TestClient(app);
  await pause();
  await client.login(team.gestionnaire.email, STAFF_PASSWORD);
  await pause();
  assert.equal((await client.get('/accueil')).statusCode, 200);
  assert.equal((await client.get(`/domicilies/${domicilie.id}`)).statusCode, 200);
  await pause();
  const reception = await client.post(`/domicilies/${domicilie.id}/courriers/reception`, { courrier: '2', colis: '1' });
  assert.equal(reception.statusCode, 303, reception.body.slice(0, 300));
  await pause();
  const tab = await client.get(`/domicilies/${domicilie.id}/courriers`);
  assert.equal(tab.statusCode, 200);
  const row = await database.db.selectFrom('domicilies').select(['waiting_courrier', 'waiting_colis']).where('id', '=', domicilie.id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { waiting_courrier: 2, waiting_colis: 1 });
  assert.equal((await client.get('/healthz')).statusCode, 200);
}

describe('idle longer than the pool’s idle timeout (DATABASE_IDLE_TIMEOUT_MS=200)', () => {
  let subject: Awaited<ReturnType<typeof appWith>> | undefined;
  after(() => subject?.close());

  test('then logging in, pages and a write work, again and again', async () => {
    // Defect 1: on PGlite the pool's new connection reused statement names the session still held (500, then a dead process).
    subject = await appWith({ DATABASE_IDLE_TIMEOUT_MS: '200' });
    await normalUse(subject, () => sleep(600));
  });
});

describe('PostgreSQL closes idle sessions itself (idle_session_timeout=300ms)', { skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL seulement : PGlite ne ferme pas de session inactive' }, () => {
  let subject: Awaited<ReturnType<typeof appWith>> | undefined;
  const lost: unknown[] = [];
  after(() => subject?.close());

  test('then the app notices, opens new connections and works as before (no dead process)', async () => {
    subject = await appWith({ DATABASE_IDLE_TIMEOUT_MS: '60000' }, { sessionSettings: { idle_session_timeout: '300ms' }, onConnectionLost: (error) => lost.push(error) });
    await normalUse(subject, () => sleep(900));
    assert.ok(lost.length > 0, 'the server did close idle connections under the pool');
    assert.ok(lost.every((error) => (error as { code?: string }).code === '57P05'), 'each loss was the idle-session timeout');
  });
});
