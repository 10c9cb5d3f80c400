import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createPglite, openEmbedded, openPostgres, type Database } from '../../src/db/database.ts';
import { DEMO_PASSWORD } from '../../src/db/demo.ts';
import { adminQuery, migratedPgliteDump, withDatabase } from '../helpers/test-database.ts';
import { startAppProcess, type AppProcess } from './app-process.ts';
import { HttpClient } from './http-client.ts';

/**
 * `kill -9` of the application in the middle of a bounded write load over HTTP (mail received
 * and handed out, decisions, portal access resets). After a restart, every write whose answer
 * came back (303) is there, the writes whose answer never came are there whole or not at all,
 * and the mail counters equal the items they count. Each pass of the suite runs its engine:
 * PGlite in a data folder of its own, PostgreSQL in a database of its own on TEST_DATABASE_URL.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const engine = serverUrl ? 'postgres' : 'pglite';
const APP_PORT = serverUrl ? 55504 : 55503;
/** Kill once this many writes were acknowledged, or after this long, whichever comes first. */
const KILL_AFTER_ACKS = 40;
const KILL_AFTER_MS = 10_000;
const MAX_REQUESTS_PER_WORKER = 400;

type Outcome = 'acked' | 'unknown';
type Write = { kind: 'reception' | 'hand_out' | 'decision' | 'access_reset'; domicilieId: string; marker?: string; status?: string; outcome: Outcome };

const idsIn = (html: string) => [...new Set([...html.matchAll(/\/domicilies\/([0-9a-f-]{36})/g)].map((match) => match[1]!))];

describe(`kill -9 of the application under a write load (${engine})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'domiciliation-kill-'));
  const databaseName = `domiciliation_kill_${randomBytes(5).toString('hex')}`;
  const env: Record<string, string> = serverUrl ? { DATABASE_URL: withDatabase(serverUrl, databaseName), DATA_DIR: dataDir } : { DATA_DIR: dataDir };
  let app: AppProcess | undefined;
  let database: Database | undefined;
  after(async () => {
    await app?.stop('SIGKILL');
    await database?.close();
    if (serverUrl) await adminQuery(serverUrl!, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('every acknowledged write is there after the restart, whole, and the counters equal what they count', async (t) => {
    if (serverUrl) await adminQuery(serverUrl!, `CREATE DATABASE ${databaseName}`);
    // A migrated data folder from the tests' template: creating one costs half a minute on this machine.
    else await (await createPglite({ dataDir: join(dataDir, 'pglite'), loadDataDir: new Blob([readFileSync(await migratedPgliteDump())]) })).close();
    app = await startAppProcess(APP_PORT, env);
    const setup = new HttpClient(app.url);
    await setup.login('admin@demo.test', DEMO_PASSWORD);
    assert.equal((await setup.post('/structure/portail', { portal_enabled: 'oui', portal_login_updates_last_visit: 'non' })).status, 303);
    const valid = idsIn((await setup.get('/domicilies?statut=valide')).body);
    const inInstruction = idsIn((await setup.get('/domicilies?statut=instruction')).body);
    assert.ok(valid.length >= 4 && inInstruction.length >= 1, 'the demo data has people to work on');
    const startedAt = new Date(Date.now() - 1000);

    const writes: Write[] = [];
    const acked = () => writes.filter((write) => write.outcome === 'acked').length;
    let killed = false;
    /** One person at a desk: one request at a time, so at most one answer is lost per worker. */
    const worker = async (steps: (n: number) => Step) => {
      const client = new HttpClient(app!.url);
      await client.login('admin@demo.test', DEMO_PASSWORD);
      for (let n = 0; n < MAX_REQUESTS_PER_WORKER && !killed; n++) {
        const step = steps(n);
        try {
          const answer = await client.post(step.path, step.form);
          if (answer.status === 303) writes.push({ ...step.write, outcome: 'acked' });
          else assert.fail(`${step.path}: ${answer.status} ${answer.body.slice(0, 300)}`);
        } catch (error) {
          if (!killed) throw error;
          writes.push({ ...step.write, outcome: 'unknown' });
        }
      }
    };
    type Step = { path: string; form: Record<string, string>; write: Omit<Write, 'outcome'> };
    const mail = (domicilieId: string, tag: string) => (n: number): Step =>
      n % 3 === 2
        ? { path: `/domicilies/${domicilieId}/courriers/distribution`, form: {}, write: { kind: 'hand_out' as const, domicilieId } }
        : {
            path: `/domicilies/${domicilieId}/courriers/reception`,
            form: { courrier: '2', colis: '1', comment: `${tag}-${n}` },
            write: { kind: 'reception' as const, domicilieId, marker: `${tag}-${n}` },
          };
    const decisions = (domicilieId: string) => (n: number) => {
      const status = n % 2 === 0 ? 'a_valider' : 'instruction';
      return { path: `/domicilies/${domicilieId}/decisions`, form: { decision: status }, write: { kind: 'decision' as const, domicilieId, status } };
    };
    const resets = (domicilieId: string) => () => ({
      path: `/domicilies/${domicilieId}/acces-portail`,
      form: { acces: 'oui', reinitialiser: '1' },
      write: { kind: 'access_reset' as const, domicilieId },
    });

    const load = Promise.all([worker(mail(valid[0]!, 'kill-a')), worker(mail(valid[1]!, 'kill-b')), worker(decisions(inInstruction[0]!)), worker(resets(valid[2]!))]);
    const loadStarted = Date.now();
    while (acked() < KILL_AFTER_ACKS && Date.now() - loadStarted < KILL_AFTER_MS) await new Promise((resolve) => setTimeout(resolve, 20));
    killed = true;
    await app.stop('SIGKILL');
    await load;
    assert.ok(acked() >= 10, `a real load ran before the kill (${acked()} acknowledged writes)`);
    t.diagnostic(`${acked()} writes acknowledged, ${writes.length - acked()} without an answer when the process was killed`);

    // The application starts again on the same data and serves.
    app = await startAppProcess(APP_PORT, env);
    const after = new HttpClient(app.url);
    await after.login('admin@demo.test', DEMO_PASSWORD);
    assert.equal((await after.get(`/domicilies/${valid[0]}/courriers`)).status, 200);
    await app.stop('SIGTERM');

    database = serverUrl ? openPostgres(env.DATABASE_URL!, 2) : await openEmbedded(dataDir);
    const db = database.db;
    const between = (found: number, kind: Write['kind'], domicilieId: string) => {
      const mine = writes.filter((write) => write.kind === kind && write.domicilieId === domicilieId);
      const least = mine.filter((write) => write.outcome === 'acked').length;
      assert.ok(found >= least && found <= mine.length, `${kind} for ${domicilieId}: ${found} found, ${least} acknowledged, ${mine.length} sent`);
    };

    // Receptions: each acknowledged one once, an unanswered one once or not at all.
    const markers = (await db.selectFrom('courrier_events').select('comment').where('comment', 'like', 'kill-%').execute()).map((row) => row.comment!);
    assert.equal(new Set(markers).size, markers.length, 'no reception twice');
    for (const write of writes.filter((write) => write.kind === 'reception')) {
      if (write.outcome === 'acked') assert.ok(markers.includes(write.marker!), `acknowledged reception ${write.marker} is there`);
    }
    assert.ok(markers.every((marker) => writes.some((write) => write.marker === marker)));
    for (const domicilieId of [valid[0]!, valid[1]!]) {
      const handOuts = await db.selectFrom('courrier_events').select(sql<string>`count(*)`.as('n')).where('domicilie_id', '=', domicilieId).where('kind', '=', 'hand_out').where('created_at', '>=', startedAt).executeTakeFirstOrThrow();
      between(Number(handOuts.n), 'hand_out', domicilieId);
    }

    // Nothing half-written: each reception's items match it, each counter equals the items still waiting.
    const mismatchedReceptions = await sql<{ id: string }>`
      SELECT e.id FROM courrier_events e LEFT JOIN courrier_items i ON i.reception_event_id = e.id
      WHERE e.kind = 'reception' AND e.undone_at IS NULL
      GROUP BY e.id, e.courrier, e.colis, e.avis_passage
      HAVING e.courrier <> coalesce(sum(i.quantity) FILTER (WHERE i.type = 'courrier'), 0)
          OR e.colis <> coalesce(sum(i.quantity) FILTER (WHERE i.type = 'colis'), 0)
          OR e.avis_passage <> coalesce(sum(i.quantity) FILTER (WHERE i.type = 'avis_passage'), 0)`.execute(db);
    assert.deepEqual(mismatchedReceptions.rows, []);
    const wrongCounters = await sql<{ id: string }>`
      SELECT d.id FROM domicilies d LEFT JOIN courrier_items i ON i.domicilie_id = d.id AND i.released_event_id IS NULL
      GROUP BY d.id, d.waiting_courrier, d.waiting_colis, d.waiting_avis_passage
      HAVING d.waiting_courrier <> coalesce(sum(i.quantity) FILTER (WHERE i.type = 'courrier'), 0)
          OR d.waiting_colis <> coalesce(sum(i.quantity) FILTER (WHERE i.type = 'colis'), 0)
          OR d.waiting_avis_passage <> coalesce(sum(i.quantity) FILTER (WHERE i.type = 'avis_passage'), 0)`.execute(db);
    assert.deepEqual(wrongCounters.rows, []);

    // Decisions: as many as acknowledged (or one more), and the status is the latest one's.
    const decided = await db.selectFrom('decisions').select(['status', 'created_at']).where('domicilie_id', '=', inInstruction[0]!).where('created_at', '>=', startedAt).where('cancelled_at', 'is', null).orderBy('created_at').execute();
    between(decided.length, 'decision', inInstruction[0]!);
    const person = await db.selectFrom('domicilies').select('status').where('id', '=', inInstruction[0]!).executeTakeFirstOrThrow();
    assert.equal(person.status, decided.at(-1)?.status ?? 'instruction');

    // Access resets: one new document per acknowledged reset, and a single account.
    const documents = await db.selectFrom('audit_log').select(sql<string>`count(*)`.as('n')).where('action', '=', 'portal_access.document_generated').where('target_id', '=', valid[2]!).where('created_at', '>=', startedAt).executeTakeFirstOrThrow();
    between(Number(documents.n), 'access_reset', valid[2]!);
    const accounts = await db.selectFrom('portal_accounts').select(sql<string>`count(*)`.as('n')).where('domicilie_id', '=', valid[2]!).executeTakeFirstOrThrow();
    assert.equal(Number(accounts.n), 1);
  });
});
