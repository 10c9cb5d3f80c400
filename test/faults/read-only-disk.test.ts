import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createPglite } from '../../src/db/database.ts';
import { DEMO_PASSWORD } from '../../src/db/demo.ts';
import { missingTools, tools } from '../helpers/external-tools.ts';
import { migratedPgliteDump } from '../helpers/test-database.ts';
import { startAppProcess, type AppProcess } from './app-process.ts';
import { HttpClient } from './http-client.ts';

/**
 * The data folder's disk turns read-only under a running app (PGlite). `mount -o remount,ro`
 * is refused (« mount point is busy ») while PGlite holds its files open for writing, so a disk
 * only turns read-only under a running app the way the kernel does it after a disk error
 * (ext4, errors=remount-ro): here an ext4 image on a loop device and ext4's own error trigger.
 * The app answers at once, from a live process, and serves reads from a read-only copy of its
 * database. Such a disk stays read-only while a process holds files on it (even
 * `mount -o remount,rw` is refused): the administrateur stops the app, repairs the disk, mounts
 * it again and starts the app, which finds everything acknowledged before (decisions 0019, 0022).
 */

const onPostgres = process.env.TEST_DATABASE_URL ? 'PGlite only: the data folder is the embedded database’s (TEST_DATABASE_URL is set)' : false;
const skip = onPostgres || missingTools(tools.ext4Loop);
const APP_PORT = 55505;
const COPIES = '/dev/shm';

let folder = '';
let image = '';
let mounted = false;
let app: AppProcess | undefined;

const mount = () => {
  execFileSync('mount', ['-o', 'loop,errors=remount-ro', image, folder]);
  mounted = true;
};
const copiesLeft = () => readdirSync(COPIES).filter((name) => name.startsWith('domiciliation-lecture-seule-'));

async function someone(staff: HttpClient): Promise<string> {
  const id = /\/domicilies\/([0-9a-f-]{36})/.exec((await staff.get('/domicilies?statut=valide')).body)?.[1];
  assert.ok(id, 'a valid demo domicilié is listed');
  return id;
}

describe('the data folder’s disk turns read-only (PGlite)', { skip }, () => {
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'domiciliation-read-only-'));
    image = `${folder}.img`;
    execFileSync('truncate', ['-s', '256M', image]);
    execFileSync('mkfs.ext4', ['-q', '-F', image]);
    mount();
    process.once('exit', () => {
      if (mounted) spawnSync('umount', ['-l', folder]);
    });
    await (await createPglite({ dataDir: join(folder, 'pglite'), loadDataDir: new Blob([readFileSync(await migratedPgliteDump())]) })).close();
  });

  after(async () => {
    await app?.stop('SIGKILL');
    if (mounted) spawnSync('umount', ['-l', folder]);
    mounted = false;
    rmSync(folder, { recursive: true, force: true });
    rmSync(image, { force: true });
  });

  test('writes get a clear French page, pages keep reading from a read-only copy, and after the repair and a restart everything acknowledged is there', async () => {
    app = await startAppProcess(APP_PORT, { DATA_DIR: folder });
    const staff = new HttpClient(app.url);
    await staff.login('admin@demo.test', DEMO_PASSWORD);
    const id = await someone(staff);
    const reception = (comment: string) => staff.post(`/domicilies/${id}/courriers/reception`, { courrier: '1', comment });
    assert.equal((await reception('avant la panne')).status, 303);
    // PGlite does not ask the system to write each commit to the disk: ext4 does it within 5 s
    // (its journal commit); `sync` stands in for those seconds (decision 0022).
    execFileSync('sync');

    const device = basename(execFileSync('findmnt', ['-n', '-o', 'SOURCE', folder], { encoding: 'utf8' }).trim());
    writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, '1');
    assert.match(execFileSync('findmnt', ['-n', '-o', 'OPTIONS', folder], { encoding: 'utf8' }), /emergency_ro|(^|,)ro(,|$)/, 'the disk is read-only now');
    const write = await reception('pendant la panne');
    assert.ok([503, 507].includes(write.status), `write answered ${write.status}`);
    assert.match(write.body, /le disque du serveur est plein ou protégé en écriture/);
    assert.doesNotMatch(write.body, /Read-only file system|pg_wal|    at |SELECT|INSERT/);

    // The fiche and the list read from a copy of the database; what was recorded before is there.
    const tab = await staff.get(`/domicilies/${id}/courriers`);
    assert.equal(tab.status, 200, tab.body.slice(0, 300));
    assert.match(tab.body, /Commentaire : avant la panne/);
    assert.doesNotMatch(tab.body, /pendant la panne/);
    assert.equal((await staff.get('/domicilies')).status, 200);
    const refused = await reception('encore pendant la panne');
    assert.equal(refused.status, 507);
    assert.match(refused.body, /cette modification n(&#39;|')a pas été enregistrée\. Vous pouvez continuer à consulter les informations/);
    const health = await new HttpClient(app.url).get('/healthz');
    assert.deepEqual([health.status, JSON.parse(health.body).status], [503, 'read-only']);
    assert.equal(copiesLeft().length, 1, 'one copy serves the reads');
    assert.match(app.output(), /servie en lecture seule depuis une copie/, 'the logs say so');

    // The administrateur stops the app, repairs the disk, mounts it again and starts the app.
    await app.stop('SIGTERM');
    assert.deepEqual(copiesLeft(), [], 'the copy is gone with the app');
    execFileSync('umount', [folder]);
    mounted = false;
    spawnSync('e2fsck', ['-f', '-y', image], { stdio: 'ignore' });
    mount();
    app = await startAppProcess(APP_PORT, { DATA_DIR: folder });
    const back = new HttpClient(app.url);
    await back.login('admin@demo.test', DEMO_PASSWORD);
    assert.equal((await back.post(`/domicilies/${id}/courriers/reception`, { courrier: '1', comment: 'après la réparation' })).status, 303);
    const history = (await back.get(`/domicilies/${id}/courriers`)).body;
    assert.match(history, /Commentaire : avant la panne/);
    assert.match(history, /Commentaire : après la réparation/);
    assert.doesNotMatch(history, /pendant la panne/, 'a refused write is not there');
  });
});
