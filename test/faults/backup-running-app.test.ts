import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { adminSocketPath, requestBackup } from '../../src/db/admin-channel.ts';
import { checkBackup } from '../../src/db/backup-format.ts';
import { createPglite, databaseFromPglite } from '../../src/db/database.ts';
import { SOURCE_KEY, emptyPglite, emptyPgliteDumpPath, seedEverything } from './backup-helpers.ts';

// PGlite only: on PostgreSQL the command opens its own connection and needs no channel
// (backup-restore.test.ts proves a backup is one snapshot on both engines).
const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'domiciliation-backup-app-'));
const dataDir = join(dir, 'data');
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SECRET_KEY: SOURCE_KEY.toString('base64'), NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0' };
delete env.DATABASE_URL;
let app: ChildProcess | undefined;
let auditRows = 0;
/** The port the application chose (PORT=0): two runs of this file never meet. */
let port = 0;

/** The admin command as a person runs it, without a terminal: it must never wait for an answer. */
function admin(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/admin.ts', ...args], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

before(async () => {
  mkdirSync(dataDir);
  await emptyPglite().then((database) => database.close());
  const pglite = await createPglite({ dataDir: join(dataDir, 'pglite'), loadDataDir: new Blob([readFileSync(emptyPgliteDumpPath)]) });
  const database = await databaseFromPglite(pglite);
  const { team } = await seedEverything(database);
  // Enough rows that the backup cannot fit in the socket's buffers: it waits for its reader.
  await sql`INSERT INTO audit_log (structure_id, actor_type, action, details)
            SELECT ${team.structureId}, 'system', 'volume', jsonb_build_object('n', md5(i::text) || md5((i * 7)::text)) FROM generate_series(1, 40000) i`.execute(database.db);
  auditRows = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(database.db)).rows[0]!.n);
  await database.close();

  app = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  app.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the application did not start: ${output}`)), 120_000);
    app!.stdout!.on('data', (chunk) => {
      output += chunk;
      const ready = /prête sur http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (ready) {
        port = Number(ready[1]);
        clearTimeout(timer);
        resolve();
      }
    });
    app!.once('exit', () => reject(new Error(`the application stopped: ${output}`)));
  });
});

after(async () => {
  if (app && app.exitCode === null) {
    app.kill('SIGKILL');
    await once(app, 'exit');
  }
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string) => (await fetch(`http://127.0.0.1:${port}${path}`)).status;

test('PGlite: the running application serves a backup on its owner-only socket, and answers requests while the backup waits for its reader', async () => {
  assert.equal(statSync(adminSocketPath(dataDir)).mode & 0o777, 0o600);
  const stream = await requestBackup(dataDir);
  assert.ok(stream, 'the application answers on its socket');
  await once(stream, 'readable');
  for (let i = 0; i < 10; i++) {
    assert.equal(await get('/healthz'), 200);
    assert.equal(await get('/connexion'), 200);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  // Well beyond what the socket's buffers hold (2 × 208 KB here): the backup was mid-way, waiting.
  assert.ok(Buffer.concat(chunks).length > 1_000_000);
  const { rows } = await checkBackup(Readable.from([Buffer.concat(chunks)]));
  assert.equal(rows.audit_log, auditRows);
});

test('PGlite: `admin backup` with the application running writes a checked, owner-only file; `admin restore` into its folder is refused', async () => {
  const file = join(dir, 'sauvegarde.gz');
  const backup = admin('backup', '--out', file);
  assert.equal(backup.status, 0, backup.stderr);
  assert.match(backup.stdout, /Sauvegarde écrite et relue .*fournie par l'application en marche/);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(existsSync(`${file}.partiel`), false);

  const refused = admin('restore', '--from', file, '--force');
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /déjà utilisé par un autre processus.*Arrêtez-le/);
  assert.equal(await get('/healthz'), 200, 'the application runs on');

  const { header, rows } = await checkBackup(Readable.from([readFileSync(file)]));
  assert.equal(header.engine, 'pglite');
  assert.equal(rows.audit_log, auditRows);
  assert.equal(rows.domicilies, 3);
});

test('PGlite: `admin backup` with the application stopped opens the data folder itself', async () => {
  app!.kill('SIGTERM');
  await once(app!, 'exit');
  assert.equal(existsSync(adminSocketPath(dataDir)), false, 'the socket leaves with the application');
  const file = join(dir, 'arretee.gz');
  const backup = admin('backup', '--out', file);
  assert.equal(backup.status, 0, backup.stderr);
  assert.doesNotMatch(backup.stdout, /fournie par l'application/);
  const verify = admin('verify', '--from', file);
  assert.equal(verify.status, 0, verify.stderr);
  assert.match(verify.stdout, new RegExp(`Sauvegarde complète et lisible.*\\n.*audit_log ${auditRows}`));
});
