import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createPglite, openEmbedded, openPostgres, type Database } from '../../src/db/database.ts';
import { seedDemo } from '../../src/db/demo.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { defaultWorkerOptions } from '../../src/domain/notifications/outbox-worker.ts';
import { adminQuery, migratedPgliteDump, withDatabase } from '../helpers/test-database.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { startAppProcess, type AppProcess } from './app-process.ts';

/**
 * The notifications' outbox under faults (decision 0035): `kill -9` of the application while it
 * sends, then a restart: every queued message arrives at least once, none is lost (a message
 * sent but not yet marked may arrive twice). And two application processes on one PostgreSQL:
 * each message arrives exactly once. The messages are confirmations, whose address is on the
 * row itself, so two hundred messages need no two hundred records; they go through the same
 * claims, sends and marks as mail notices.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const engine = serverUrl ? 'postgres' : 'pglite';
const MESSAGES = 200;
const FROM = 'avis@domiciliation.test';

/** Queues `count` messages due now for one person of the demonstration data; returns their ids. */
async function queueMessages(db: Kysely<DB>, count: number, tag: string): Promise<string[]> {
  const person = await db.selectFrom('domicilies').select(['id', 'structure_id']).orderBy('dossier_number').limit(1).executeTakeFirstOrThrow();
  const rows = Array.from({ length: count }, (_, n) => ({
    structure_id: person.structure_id,
    domicilie_id: person.id,
    channel: 'email' as const,
    kind: 'confirmation_email' as const,
    group_key: `${tag}:${n}`,
    address: `personne-${n}@example.org`,
    payload: JSON.stringify({ link: `http://domiciliation.test/confirmer/${n}` }),
    send_after: sql<Date>`now()`,
    next_attempt_at: sql<Date>`now()`,
  }));
  const inserted = await db.insertInto('notifications').values(rows).returning('id').execute();
  return inserted.map((row) => row.id);
}

const idOf = (messageId: string | null) => /^<([0-9a-f-]{36})@/.exec(messageId ?? '')?.[1] ?? null;

async function until(seconds: number, done: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await done())) {
    if (Date.now() > deadline) assert.fail(`${what}: not after ${seconds} s`);
    await sleep(50);
  }
}

describe(`kill -9 of the application while it sends notifications (${engine})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'domiciliation-outbox-kill-'));
  const databaseName = `domiciliation_outbox_${randomBytes(5).toString('hex')}`;
  const env: Record<string, string> = serverUrl ? { DATABASE_URL: withDatabase(serverUrl, databaseName), DATA_DIR: dataDir } : { DATA_DIR: dataDir };
  let app: AppProcess | undefined;
  let database: Database | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
  after(async () => {
    await app?.stop('SIGKILL');
    await database?.close();
    await smtp?.close();
    if (serverUrl) await adminQuery(serverUrl!, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('after the restart every queued message has arrived at least once, and is marked sent', async (t) => {
    if (serverUrl) await adminQuery(serverUrl!, `CREATE DATABASE ${databaseName}`);
    else await (await createPglite({ dataDir: join(dataDir, 'pglite'), loadDataDir: new Blob([readFileSync(await migratedPgliteDump())]) })).close();
    // The messages are queued before the application starts: PGlite's folder is then its own.
    const setup = serverUrl ? openPostgres(env.DATABASE_URL!, 2) : await openEmbedded(dataDir);
    await migrate(setup.db);
    await seedDemo(setup.db);
    const ids = await queueMessages(setup.db, MESSAGES, 'panne');
    await setup.close();

    // A slow server, so the kill falls in the middle of the sending.
    smtp = await startSmtpSink({ delayMs: 60 });
    const appEnv = { ...env, SMTP_URL: smtp.url, SMTP_FROM: FROM, NOTIFICATION_LEASE_SECONDS: '2' };
    app = await startAppProcess(serverUrl ? 55561 : 55562, appEnv);
    await until(60, () => smtp!.received.length >= 30, 'the first messages');
    await app.stop('SIGKILL');
    const beforeKill = smtp.received.length;
    assert.ok(beforeKill < MESSAGES, `killed while sending (${beforeKill} of ${MESSAGES} had arrived)`);

    app = await startAppProcess(serverUrl ? 55561 : 55562, appEnv);
    const arrived = () => new Set(smtp!.received.map((mail) => idOf(mail.messageId)));
    await until(90, () => ids.every((id) => arrived().has(id)), 'every message after the restart');
    await app.stop('SIGTERM');

    database = serverUrl ? openPostgres(env.DATABASE_URL!, 2) : await openEmbedded(dataDir);
    const states = await database.db.selectFrom('notifications').select(['state', (eb) => eb.fn.countAll<string>().as('count')]).groupBy('state').execute();
    assert.deepEqual(states.map((row) => [row.state, Number(row.count)]), [['envoyee', MESSAGES]]);
    const twice = smtp.received.length - arrived().size;
    t.diagnostic(`${beforeKill} arrived before the kill; ${twice} arrived twice`);
    // Only the messages being sent at the kill can go twice: one per sending lane at most.
    assert.ok(twice <= defaultWorkerOptions.concurrency, `${twice} duplicates`);
    assert.ok(smtp.received.every((mail) => mail.to.length === 1 && mail.from === FROM));
  });
});

describe('two application processes send one outbox (PostgreSQL)', { skip: serverUrl ? false : 'PostgreSQL : tourne dans la passe PostgreSQL de la suite (TEST_DATABASE_URL)' }, () => {
  const databaseName = `domiciliation_outbox_two_${randomBytes(5).toString('hex')}`;
  const apps: AppProcess[] = [];
  let database: Database | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
  after(async () => {
    for (const app of apps) await app.stop('SIGKILL');
    await database?.close();
    await smtp?.close();
    await adminQuery(serverUrl!, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => {});
  });

  test(`${MESSAGES} queued messages: each arrives exactly once`, async () => {
    await adminQuery(serverUrl!, `CREATE DATABASE ${databaseName}`);
    const url = withDatabase(serverUrl!, databaseName);
    database = openPostgres(url, 2);
    await migrate(database.db);
    await seedDemo(database.db);
    smtp = await startSmtpSink({ delayMs: 10 });
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, SMTP_FROM: FROM, DATABASE_POOL_SIZE: '3' };
    for (const port of [55563, 55564]) apps.push(await startAppProcess(port, { ...env, PUBLIC_URL: `http://127.0.0.1:${port}` }));
    // Queued once both run, so both look for due messages at the same time.
    const ids = await queueMessages(database.db, MESSAGES, 'deux');
    await until(90, async () => {
      const left = await database!.db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('count')).where('state', '!=', 'envoyee').executeTakeFirstOrThrow();
      return Number(left.count) === 0;
    }, 'every message marked sent');
    const arrived = smtp.received.map((mail) => idOf(mail.messageId));
    assert.equal(arrived.length, MESSAGES, 'no message arrived twice');
    assert.deepEqual(new Set(arrived), new Set(ids));
  });
});
