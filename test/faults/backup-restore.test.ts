import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { gzipSync, gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { keepAliveInterval, writeBackup } from '../../src/db/backup.ts';
import { BackupError, checkBackup } from '../../src/db/backup-format.ts';
import type { Database } from '../../src/db/database.ts';
import { restoreBackup } from '../../src/db/restore.ts';
import { TestClient } from '../helpers/client.ts';
import { missingTools, tools } from '../helpers/external-tools.ts';
import { STAFF_PASSWORD, createDomicilie } from '../helpers/factories.ts';
import { portalLogin } from '../helpers/portal-factories.ts';
import { testConfig } from '../helpers/test-app.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { OTHER_KEY, SOURCE_KEY, contentsOf, emptyPglite, emptyPostgres, heldOutput, postgresServer, seedEverything } from './backup-helpers.ts';

async function backupOf(database: Database, secretKey = SOURCE_KEY): Promise<Buffer> {
  const { output, release, bytes } = heldOutput();
  release();
  await writeBackup(database, output, { secretKey });
  return bytes();
}

const restore = (database: Database, file: Buffer, options: { force?: boolean; secretKey?: Buffer } = {}) =>
  restoreBackup(database, Readable.from([file]), { secretKey: SOURCE_KEY, ...options });

const rowCount = async (database: Database, table: string) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(database.db)).rows[0]!.n);

/** What a person sees: staff log in and find someone by the start of a word; the portal account logs in. */
async function usable(database: Database, people: { email: string; portalLogin: string; portalPassword: string }) {
  const app = await buildApp({ config: testConfig(), database });
  try {
    const staff = new TestClient(app);
    await staff.login(people.email, STAFF_PASSWORD);
    await staff.post('/domicilies', { q: 'quem' });
    assert.match((await staff.get('/domicilies')).body, /Éloïse QUÉMÉNER/);
    assert.equal((await portalLogin(new TestClient(app), people.portalLogin, people.portalPassword)).statusCode, 303);
  } finally {
    await app.close();
  }
}

describe('moving up and down between engines with backup and restore', { skip: missingTools(tools.postgres) }, () => {
  let server: ReturnType<typeof postgresServer>;
  before(() => (server = postgresServer()));
  after(() => server?.stop());

  for (const [from, to] of [['PGlite', 'PostgreSQL'], ['PostgreSQL', 'PGlite']] as const) {
    test(`${from} → ${to}: every table holds the same rows, the search words are rebuilt, numbering continues, no session; staff and portal log in`, async () => {
      const open = (engine: string) => (engine === 'PGlite' ? emptyPglite() : emptyPostgres(server.url));
      const source = await open(from);
      const target = await open(to);
      try {
        const seeded = await seedEverything(source);
        const file = await backupOf(source);
        const summary = await restore(target, file);
        assert.deepEqual(summary.warnings, []);
        assert.equal(summary.rows.domicilies, 3);
        assert.equal(summary.rows.sessions, undefined, 'sessions are left out');

        const expected = await contentsOf(source);
        expected.sessions = [];
        assert.deepEqual(await contentsOf(target), expected);
        assert.ok(expected.domicilie_words!.length > 0 && expected.structure_words!.length > 0);

        const nextAudit = sql<{ id: string }>`INSERT INTO audit_log (actor_type, action) VALUES ('system', 'test') RETURNING id::text`;
        assert.equal((await nextAudit.execute(target.db)).rows[0]!.id, (await nextAudit.execute(source.db)).rows[0]!.id);
        const migrations = sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`;
        assert.deepEqual((await migrations.execute(target.db)).rows, (await migrations.execute(source.db)).rows);

        await usable(target, { email: seeded.team.gestionnaire.email, portalLogin: seeded.account.login, portalPassword: seeded.account.password });
      } finally {
        await source.close();
        await target.close();
      }
    });
  }
});

describe('restore refuses what it cannot restore whole', () => {
  let source: Database;
  let target: Database;
  let file: Buffer;
  before(async () => {
    source = await emptyPglite();
    await seedEverything(source);
    file = await backupOf(source);
    target = await createTestDatabase();
  });
  after(async () => {
    await source?.close();
    await target?.close();
  });

  const assertNothingRestored = async () => {
    for (const table of ['structures', 'domicilies', 'courrier_events', 'audit_log', 'domicilie_words']) assert.equal(await rowCount(target, table), 0, table);
  };

  test('a truncated, corrupted or foreign file is refused with a French message, and nothing is half-restored', async () => {
    const lines = gunzipSync(file).toString('utf8').split('\n');
    const damaged: Record<string, Buffer> = {
      'cut in the middle': file.subarray(0, Math.floor(file.length / 2)),
      'bytes changed': Buffer.from(file.map((byte, i) => (i > 100 && i < 110 ? byte ^ 0xff : byte))),
      'not a backup': Buffer.from('BEGIN; DROP TABLE structures;'),
      'complete lines but no end': gzipSync(lines.slice(0, -3).join('\n')),
      'a row missing': gzipSync([...lines.slice(0, -3), ...lines.slice(-2)].join('\n')),
      'a row twice': gzipSync([...lines.slice(0, 3), lines[2], ...lines.slice(3)].join('\n')),
    };
    for (const [what, bytes] of Object.entries(damaged)) {
      await assert.rejects(restore(target, bytes), (error: Error) => {
        assert.ok(error instanceof BackupError, `${what}: ${error.message}`);
        assert.match(error.message, /illisible|incomplet|rien n'a été restauré/i, what);
        return true;
      });
      await assertNothingRestored();
      await assert.rejects(checkBackup(Readable.from([bytes])), BackupError, what);
    }
  });

  test('a backup from a newer version of the application is refused, naming what to do', async () => {
    const lines = gunzipSync(file).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]!);
    header.migrations.push('9999_from_the_future.sql');
    const newer = gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n'));
    await assert.rejects(restore(target, newer), /version plus récente.*9999_from_the_future\.sql.*mettez l'application à jour/);
    await assertNothingRestored();
  });

  test('a database holding data is refused unless told, and --force replaces its data', async () => {
    const intruder = (await createDomicilie(target.db, (await target.db.insertInto('structures').values({ name: 'Déjà là', type: 'ccas', street: '1 rue', postcode: '01000', city: 'Bourg' }).returning('id').executeTakeFirstOrThrow()).id, { nom: 'Intrus' })).id;
    await assert.rejects(restore(target, file), /contient déjà des données.*--force/);
    assert.equal(await rowCount(target, 'structures'), 1);
    assert.equal(await rowCount(target, 'courrier_events'), 0);

    const summary = await restore(target, file, { force: true });
    assert.equal(summary.replacedExistingData, true);
    const expected = await contentsOf(source);
    expected.sessions = [];
    assert.deepEqual(await contentsOf(target), expected);
    assert.equal((await target.db.selectFrom('domicilies').select('id').where('id', '=', intruder).execute()).length, 0);
  });

  test('documents encrypted with a key this server lacks: the restore warns with both key fingerprints, and restores everything', async () => {
    const other = await emptyPglite();
    try {
      const summary = await restore(other, file, { secretKey: OTHER_KEY });
      assert.equal(summary.warnings.length, 1);
      assert.match(summary.warnings[0]!, /1 document\(s\) d'accès.*autre clé.*empreinte de la clé d'origine [0-9a-f]{16}, de ce serveur [0-9a-f]{16}.*SECRET_KEY/);
      assert.equal(await rowCount(other, 'portal_documents'), 1);
      assert.doesNotMatch(gunzipSync(file).toString('utf8'), new RegExp(SOURCE_KEY.toString('base64').slice(0, 20)), 'the key itself is not in the file');
    } finally {
      await other.close();
    }
  });
});

describe('a backup reads one snapshot and lets the application work meanwhile', () => {
  test('a database the application never prepared: nothing to back up, said plainly', async () => {
    const empty = await emptyPglite();
    try {
      await assert.rejects(backupOf(empty), /jamais été préparée par l'application.*rien à sauvegarder/);
    } finally {
      await empty.close();
    }
  });

  test('writes made while the backup waits for a slow destination succeed, and are not in it', async () => {
    const database = await createTestDatabase();
    try {
      const { team, eloise } = await seedEverything(database);
      // Enough rows that the compressed backup cannot fit in the streams' buffers.
      await sql`INSERT INTO audit_log (structure_id, actor_type, action, details)
                SELECT ${team.structureId}, 'system', 'volume', jsonb_build_object('n', md5(i::text) || md5((i * 7)::text)) FROM generate_series(1, 20000) i`.execute(database.db);
      const before = { domicilies: await rowCount(database, 'domicilies'), courrier_events: await rowCount(database, 'courrier_events'), audit_log: await rowCount(database, 'audit_log') };

      const { output, started, release, bytes } = heldOutput();
      let finished = false;
      const backup = writeBackup(database, output, { secretKey: SOURCE_KEY }).finally(() => (finished = true));
      await started;
      // On PGlite these go through the application's only connection, between the backup's reads.
      const latecomer = await createDomicilie(database.db, team.structureId, { nom: 'Tardif', prenom: 'Léon' });
      await sql`INSERT INTO courrier_events (structure_id, domicilie_id, kind) VALUES (${team.structureId}, ${eloise.id}, 'visit')`.execute(database.db);
      await sql`DELETE FROM audit_log WHERE action = 'volume' AND id % 2 = 0`.execute(database.db);
      assert.equal(finished, false, 'the backup is still waiting for its destination');
      release();
      const summary = await backup;

      assert.deepEqual({ domicilies: summary.rows.domicilies, courrier_events: summary.rows.courrier_events, audit_log: summary.rows.audit_log }, before);
      const { rows } = await checkBackup(Readable.from([bytes()]));
      assert.equal(rows.audit_log, before.audit_log);
      assert.doesNotMatch(gunzipSync(bytes()).toString('utf8'), new RegExp(latecomer.id));
    } finally {
      await database.close();
    }
  });

  test('PGlite: a backup waiting for its destination longer than the pool keeps an idle connection survives; without its keep-alive it stops clearly', async () => {
    // The pool closes its connection after 300 ms idle; the next one starts with DISCARD ALL, which closes cursors.
    const database = await emptyPglite({ idleTimeoutMillis: 300 });
    try {
      const { team } = await seedEverything(database);
      const seededAudit = await rowCount(database, 'audit_log');
      await sql`INSERT INTO audit_log (structure_id, actor_type, action, details)
                SELECT ${team.structureId}, 'system', 'volume', jsonb_build_object('n', md5(i::text) || md5((i * 7)::text)) FROM generate_series(1, 20000) i`.execute(database.db);
      for (const keepAliveMs of [keepAliveInterval(300), 60_000]) {
        const { output, started, release, bytes } = heldOutput();
        const backup = writeBackup(database, output, { secretKey: SOURCE_KEY, keepAliveMs });
        backup.catch(() => {});
        await started;
        await delay(1000);
        release();
        if (keepAliveMs === 60_000) {
          await assert.rejects(backup, /session de la base a été réinitialisée.*Relancez-la/);
        } else {
          await backup;
          assert.equal((await checkBackup(Readable.from([bytes()]))).rows.audit_log, seededAudit + 20_000);
        }
      }
    } finally {
      await database.close();
    }
  });
});
