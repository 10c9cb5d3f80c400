import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { openEmbedded, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { TestClient } from '../helpers/client.ts';
import { missingTools, tools } from '../helpers/external-tools.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../helpers/factories.ts';
import { testConfig } from '../helpers/test-app.ts';

/**
 * The data folder's disk turns read-only under a running app (PGlite). `mount -o remount,ro`
 * is refused (« mount point is busy ») while PGlite holds its files open for writing, so a disk
 * only turns read-only under a running app the way the kernel does it after a disk error
 * (ext4, errors=remount-ro): here an ext4 image on a loop device and ext4's own error trigger.
 * Such a disk stays read-only until it is unmounted: what the app owes is a clear answer, at
 * once, from a live process, never a frozen one (decision 0019).
 */

const onPostgres = process.env.TEST_DATABASE_URL ? 'PGlite only: the data folder is the embedded database’s (TEST_DATABASE_URL is set)' : false;
const skip = onPostgres || missingTools(tools.ext4Loop);

let folder = '';
let image = '';
let mounted = false;
let database: Database | undefined;
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
let staff: TestClient;
let domicilieId = '';

const reception = () => staff.post(`/domicilies/${domicilieId}/courriers/reception`, { courrier: '1' });

describe('the data folder’s disk turns read-only (PGlite)', { skip }, () => {
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'domiciliation-read-only-'));
    image = `${folder}.img`;
    execFileSync('truncate', ['-s', '256M', image]);
    execFileSync('mkfs.ext4', ['-q', '-F', image]);
    execFileSync('mount', ['-o', 'loop,errors=remount-ro', image, folder]);
    mounted = true;
    process.once('exit', () => {
      if (mounted) execFileSync('umount', ['-l', folder], { stdio: 'ignore' });
    });
    database = await openEmbedded(folder);
    await migrate(database.db);
    const team = await createTeam(database.db);
    domicilieId = (await createDomicilie(database.db, team.structureId)).id;
    app = await buildApp({ config: testConfig({ DATA_DIR: folder }), database });
    await app.ready();
    staff = new TestClient(app);
    await staff.login(team.gestionnaire.email, STAFF_PASSWORD);
  });

  after(async () => {
    await app?.close().catch(() => {});
    await database?.close().catch(() => {});
    if (mounted) execFileSync('umount', ['-l', folder]);
    mounted = false;
    rmSync(folder, { recursive: true, force: true });
    rmSync(image, { force: true });
  });

  test('a write answers a clear French page, then every page does at once (503), the health check says so, the process stays alive', async () => {
    assert.equal((await reception()).statusCode, 303);
    assert.equal((await staff.get(`/domicilies/${domicilieId}/courriers`)).statusCode, 200);
    const device = basename(execFileSync('findmnt', ['-n', '-o', 'SOURCE', folder], { encoding: 'utf8' }).trim());
    writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, '1');
    assert.match(execFileSync('findmnt', ['-n', '-o', 'OPTIONS', folder], { encoding: 'utf8' }), /emergency_ro|(^|,)ro(,|$)/, 'the disk is read-only now');
    const write = await reception();
    assert.ok([503, 507].includes(write.statusCode), `write answered ${write.statusCode}`);
    assert.match(write.body, /le disque du serveur est plein ou protégé en écriture/);
    assert.doesNotMatch(write.body, /Read-only file system|pg_wal|    at |SELECT|INSERT/);
    for (const url of [`/domicilies/${domicilieId}/courriers`, '/domicilies']) {
      const page = await staff.get(url);
      assert.ok([200, 503].includes(page.statusCode), `${url} answered ${page.statusCode}`);
      if (page.statusCode === 503) assert.match(page.body, /La base de données s(&#39;|')est arrêtée/);
    }
    // A stopped database (its journal could not be written) is what the health check reports.
    if (write.statusCode === 503) assert.equal((await app!.inject({ method: 'GET', url: '/healthz' })).statusCode, 503);
    const again = await reception();
    assert.ok([503, 507].includes(again.statusCode), 'still a clear answer, not a hang');
  });
});
