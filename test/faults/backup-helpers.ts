import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import { readTables } from '../../src/db/backup-catalog.ts';
import { createPglite, databaseFromPglite, openPostgres, type Database, type PoolOptions } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { sealDocument } from '../../src/domain/portal-access/document-store.ts';
import { takeDecision } from '../../src/domain/decisions/decisions.service.ts';
import { administrateurOf, createDomicilie, createStructure, createTeam } from '../helpers/factories.ts';
import { createPortalAccount, receiveMail, recordEvent } from '../helpers/portal-factories.ts';
import { droppedOnClose } from '../helpers/test-database.ts';

/** Our private cluster's port, in the range 55580–55599 given to the backup tests. */
export const PRIVATE_CLUSTER_PORT = 55580;

const root = new URL('../../', import.meta.url).pathname;

/** TEST_DATABASE_URL's server, or a private cluster of our own, stopped and removed by `stop`. */
export function postgresServer(): { url: string; stop(): void } {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop() {} };
  const dir = mkdtempSync(join(tmpdir(), 'domiciliation-backup-pg-'));
  const stop = () => {
    try {
      execFileSync(join(root, 'scripts/pg-cluster.sh'), ['stop', dir], { stdio: 'ignore' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const url = execFileSync(join(root, 'scripts/pg-cluster.sh'), ['start', dir, String(PRIVATE_CLUSTER_PORT)], { encoding: 'utf8' }).trim();
    return { url, stop };
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000) : '';
    stop();
    throw new Error(`private PostgreSQL cluster did not start on port ${PRIVATE_CLUSTER_PORT}: ${(error as Error).message}\n${log}`);
  }
}

/** An empty database of its own on the server, never migrated (a restore migrates it), dropped on close. */
export async function emptyPostgres(serverUrl: string): Promise<Database> {
  const name = `domiciliation_backup_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return droppedOnClose(serverUrl, name, openPostgres(url.toString(), 4));
}

const pgliteVersion = JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version;
const emptyPgliteDump = join(root, `.tmp/pglite-empty-${pgliteVersion}.tar.gz`);
/** Written by the first emptyPglite(). */
export const emptyPgliteDumpPath = emptyPgliteDump;

/** A PGlite in memory, never migrated; copied from a dump, since creating one takes seconds. */
export async function emptyPglite(options: PoolOptions = {}): Promise<Database> {
  if (!existsSync(emptyPgliteDump)) {
    const pglite = await createPglite();
    const blob = await pglite.dumpDataDir('gzip');
    await pglite.close();
    mkdirSync(dirname(emptyPgliteDump), { recursive: true });
    const partial = `${emptyPgliteDump}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    renameSync(partial, emptyPgliteDump);
  }
  return databaseFromPglite(await createPglite({ loadDataDir: new Blob([readFileSync(emptyPgliteDump)]) }), options);
}

export const SOURCE_KEY = Buffer.alloc(32, 3);
export const OTHER_KEY = Buffer.alloc(32, 9);

/**
 * A bit of everything the application keeps: two structures, staff, people with accented
 * names, mail received and handed out, decisions, a procuration, a portal account with its
 * logins and an encrypted access document, audit entries (numbered by a sequence) whose
 * details hold JSON, times to the microsecond, and a session, which backups leave out.
 */
export async function seedEverything(database: Database) {
  await migrate(database.db);
  const db = database.db;
  const team = await createTeam(db, { portal_enabled: true });
  const otherStructure = await createStructure(db);
  const eloise = await createDomicilie(db, team.structureId, { nom: 'Quéméner', prenom: 'Éloïse', surnom: "L'Abeille" });
  const awa = await createDomicilie(db, team.structureId, { nom: "N'Diaye", prenom: 'Awa', status: 'instruction', start_date: null, end_date: null });
  await createDomicilie(db, otherStructure, { nom: 'Lefèvre', prenom: 'Zoé' });
  await receiveMail(db, team.structureId, eloise.id, { courrier: 3, colis: 1 }, { comment: 'Lettre recommandée « urgente »' });
  await receiveMail(db, team.structureId, awa.id, { avis_passage: 2 });
  await recordEvent(db, team.structureId, eloise.id, 'hand_out', { courrier: 1, recipient: 'domicilie', at: new Date('2026-03-01T10:00:00.123Z') });
  await takeDecision(db, await administrateurOf(db, team.structureId), awa.id, 'refus', { motif: 'autre', motif_texte: 'Réside à Villeurbanne', orientation: 'CCAS de Villeurbanne' });
  await db.insertInto('ayants_droit').values({ domicilie_id: eloise.id, nom: 'Quéméner', prenom: 'Lou', birth_date: '2019-05-02', lien: 'enfant' }).execute();
  await db
    .insertInto('procurations')
    .values({ structure_id: team.structureId, domicilie_id: eloise.id, nom: 'Martin', prenom: 'Paul', start_date: '2026-01-01', end_date: '2026-06-30' })
    .execute();
  const account = await createPortalAccount(db, team.structureId, eloise.id);
  for (const at of ['2026-02-01 08:00:00.654321+00', '2026-02-03 18:30:00.000001+00']) {
    await sql`INSERT INTO portal_logins (structure_id, domicilie_id, logged_in_at, counts_as_visit) VALUES (${team.structureId}, ${eloise.id}, ${at}::timestamptz, true)`.execute(db);
  }
  const sealed = sealDocument(SOURCE_KEY, account.id, Buffer.from('contenu du document'));
  await db
    .insertInto('portal_documents')
    .values({ structure_id: team.structureId, portal_account_id: account.id, file_name: 'acces-portail-quemener-eloise.docx', ...sealed, expires_at: new Date(Date.now() + 15 * 60_000) })
    .execute();
  for (let i = 0; i < 3; i++) {
    await sql`INSERT INTO audit_log (structure_id, actor_type, action, details) VALUES (${team.structureId}, 'staff', 'test', ${JSON.stringify({ i, nom: 'Éloïse', list: [1, 'deux'] })}::jsonb)`.execute(db);
  }
  // A gap in the numbering: the sequence, not the highest number, says what comes next.
  await sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`.execute(db);
  await sql`INSERT INTO sessions (id_hash, kind, subject_id, expires_at) VALUES ('hash', 'staff', ${team.administrateur.id}, now() + interval '1 hour')`.execute(db);
  return { team, eloise, account };
}

/** Every row of every table (generated columns and search words included) as text, sorted, in UTC; the home page's counts as their sums. */
export async function contentsOf(database: Database): Promise<Record<string, string[]>> {
  return database.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
    const contents: Record<string, string[]> = {};
    for (const table of await readTables(trx)) {
      if (table.name === 'schema_migrations') continue;
      // The home page's counts are rows of differences, rebuilt row by row by the restore: equal when their sums are.
      const read =
        table.name === 'structure_tallies'
          ? sql<{ row: string }>`SELECT (structure_id, sum(valide), sum(mail_people), sum(mail_items))::text AS row FROM structure_tallies GROUP BY structure_id`
          : sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table.name)} t`;
      const { rows } = await read.execute(trx);
      contents[table.name] = rows.map((row) => row.row).sort();
    }
    return contents;
  });
}

/** A destination that takes nothing until released: the backup waits for it, mid-way. */
export function heldOutput() {
  const chunks: Buffer[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let firstChunk: () => void = () => {};
  const started = new Promise<void>((resolve) => (firstChunk = resolve));
  const output = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      firstChunk();
      void released.then(() => callback());
    },
  });
  return { output, started, release, bytes: () => Buffer.concat(chunks) };
}
