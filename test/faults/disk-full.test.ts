import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { openEmbedded, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { TestClient } from '../helpers/client.ts';
import { untilStatus } from '../helpers/until-status.ts';
import { missingTools, tools } from '../helpers/external-tools.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../helpers/factories.ts';
import { testConfig } from '../helpers/test-app.ts';
import { smallDisk } from './small-disk.ts';

/**
 * The data folder's disk fills up under a running app on the embedded database (PGlite): a real
 * tmpfs of its own, filled by a big file. Writes are refused with a French page, pages that only
 * read keep working, and once the file is removed writes work again, without a restart. When the
 * journal itself cannot grow, PGlite cannot go on: the app says so (503), reads from a read-only
 * copy meanwhile, and reopens the database once there is room (decisions 0019 and 0022). PostgreSQL's own disk is the server's business, not tested here.
 */

const onPostgres = process.env.TEST_DATABASE_URL ? 'PGlite only: the data folder is the embedded database’s (TEST_DATABASE_URL is set)' : false;
const skip = onPostgres || missingTools(tools.mount);

const SIZE = '160m';
let disk: ReturnType<typeof smallDisk> | undefined;
let database: Database | undefined;
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
let staff: TestClient;
let domicilieId = '';


const reception = (comment: string) => staff.post(`/domicilies/${domicilieId}/courriers/reception`, { courrier: '1', comment });
const receptionsStored = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM courrier_events WHERE domicilie_id = ${domicilieId} AND kind = 'reception'`.execute(database!.db)).rows[0]!.n);
// Long comments (the form allows 500 characters): receptions soon need a new page of the table.
const longComment = (n: number) => `arrivée ${n} `.repeat(40);


function assertFrenchPage(response: { statusCode: number; body: string }, status: number, words: RegExp) {
  assert.equal(response.statusCode, status, response.body.slice(0, 300));
  assert.match(response.body, words);
  assert.doesNotMatch(response.body, /No space left|pg_wal|    at |SELECT|INSERT/, 'no internals in the page');
}

describe('the data folder’s disk is full (PGlite)', { skip }, () => {
  before(async () => {
    disk = smallDisk('domiciliation-disk-full-', SIZE);
    database = await openEmbedded(disk.path);
    await migrate(database.db);
    const team = await createTeam(database.db);
    domicilieId = (await createDomicilie(database.db, team.structureId)).id;
    app = await buildApp({ config: testConfig({ DATA_DIR: disk.path }), database });
    await app.ready();
    staff = new TestClient(app);
    await staff.login(team.gestionnaire.email, STAFF_PASSWORD);
    assert.equal((await reception('avant')).statusCode, 303);
  });

  after(async () => {
    // Even when a test failed: the app, the database, then the mount and its folder.
    await app?.close().catch(() => {});
    await database?.close().catch(() => {});
    disk?.remove();
  });

  test('a write that needs room answers a French 507 page, reads keep working, and writes work again once room is back', async () => {
    const before = await receptionsStored();
    disk!.fill();
    let refused: { statusCode: number; body: string } | undefined;
    let accepted = 0;
    // A few receptions still fit in pages already there; within 200, one needs a new page.
    for (let n = 0; n < 200 && !refused; n++) {
      const response = await reception(longComment(n));
      if (response.statusCode === 303) accepted++;
      else refused = response;
    }
    assert.ok(refused, 'a write was refused');
    assertFrenchPage(refused, 507, /Le disque du serveur est plein ou protégé en écriture : cette modification n(&#39;|')a pas été enregistrée/);
    assert.equal(await receptionsStored(), before + accepted, 'the refused reception left nothing behind');
    const fiche = await staff.get(`/domicilies/${domicilieId}/courriers`);
    assert.equal(fiche.statusCode, 200, 'the Courriers tab still reads');
    assert.equal((await staff.get('/domicilies')).statusCode, 200, 'the list still reads');
    assert.equal((await app!.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    disk!.free();
    assert.equal((await reception('après')).statusCode, 303, 'writes work again, without a restart');
    assert.equal(await receptionsStored(), before + accepted + 1);
  });

  test('when the journal cannot grow, the app answers at once instead of freezing, reads from a read-only copy, and reopens the database once room is back', async () => {
    const before = await receptionsStored();
    disk!.fill();
    // The journal's current segment is used up: the next commit needs a new one, which cannot be made.
    await sql`SELECT pg_switch_wal()`.execute(database!.db);
    const refused = await reception('sans journal');
    assertFrenchPage(refused, 503, /La base de données s(&#39;|')est arrêtée : le disque du serveur est plein ou protégé en écriture/);
    // The process is alive and answers at once: pages read from the copy, writes are refused, the health check says so.
    assert.equal((await staff.get(`/domicilies/${domicilieId}/courriers`)).statusCode, 200, 'the Courriers tab reads from the copy');
    assert.equal(await receptionsStored(), before, 'what was acknowledged is in the copy, the refused reception is not');
    assertFrenchPage(await reception('pendant la copie'), 507, /cette modification n(&#39;|')a pas été enregistrée/);
    assert.equal((await app!.inject({ method: 'GET', url: '/healthz' })).statusCode, 503);
    disk!.free();
    await untilStatus(200, 15, () => app!.inject({ method: 'GET', url: '/healthz' }));
    // The first request may meet the connection opened on the copy, which is dropped (« réessayez »).
    await untilStatus(200, 5, () => staff.get(`/domicilies/${domicilieId}/courriers`));
    assert.equal((await reception('après le journal')).statusCode, 303);
    assert.equal(await receptionsStored(), before + 1, 'the refused receptions are not there, the new one is');
  });
});
