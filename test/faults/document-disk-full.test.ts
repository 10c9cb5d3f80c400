import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { openEmbedded, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { TestClient } from '../helpers/client.ts';
import { pdfDocument, pdfFile, postDocument } from '../helpers/documents.ts';
import { missingTools, tools } from '../helpers/external-tools.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../helpers/factories.ts';
import { testConfig } from '../helpers/test-app.ts';
import { smallDisk } from './small-disk.ts';

/**
 * A person's document sent while the data folder's disk is full (PGlite, a real tmpfs of its own
 * filled by a big file, as test/faults/disk-full.test.ts does): the upload is refused with the
 * French page of a full disk, nothing of it is kept, the documents already there still download,
 * and once room is back the same upload is kept, without a restart.
 */

const onPostgres = process.env.TEST_DATABASE_URL ? 'PGlite only: the data folder is the embedded database’s (TEST_DATABASE_URL is set)' : false;
const skip = onPostgres || missingTools(tools.mount);

let disk: ReturnType<typeof smallDisk> | undefined;
let database: Database | undefined;
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
let staff: TestClient;
let domicilieId = '';

const documentsStored = async () => (await database!.db.selectFrom('person_documents').select('title').where('domicilie_id', '=', domicilieId).orderBy('created_at').execute()).map((row) => row.title);

describe('a document sent while the data folder’s disk is full (PGlite)', { skip }, () => {
  before(async () => {
    disk = smallDisk('domiciliation-document-disk-full-');
    database = await openEmbedded(disk.path);
    await migrate(database.db);
    const team = await createTeam(database.db);
    domicilieId = (await createDomicilie(database.db, team.structureId)).id;
    app = await buildApp({ config: testConfig({ DATA_DIR: disk.path }), database });
    await app.ready();
    staff = new TestClient(app);
    await staff.login(team.gestionnaire.email, STAFF_PASSWORD);
    assert.equal((await postDocument(staff, domicilieId, { titre: 'Avant' }, pdfFile())).statusCode, 303);
  });

  after(async () => {
    await app?.close().catch(() => {});
    await database?.close().catch(() => {});
    disk?.remove();
  });

  test('the upload answers the French page of a full disk and keeps nothing; the tab and the downloads still read; room back, it is kept', async () => {
    const content = pdfDocument(1024 * 1024);
    disk!.fill();
    const refused = await postDocument(staff, domicilieId, { titre: 'Pendant' }, pdfFile(content));
    assert.equal(refused.statusCode, 507, refused.body.slice(0, 300));
    assert.match(refused.body, /Le disque du serveur est plein ou protégé en écriture : cette modification n(&#39;|')a pas été enregistrée/);
    assert.doesNotMatch(refused.body, /No space left|pg_wal|    at |INSERT/, 'no internals in the page');
    assert.deepEqual(await documentsStored(), ['Avant']);
    const tab = await staff.get(`/domicilies/${domicilieId}/documents`);
    assert.equal(tab.statusCode, 200, 'the tab still reads');
    const link = /href="(\/domicilies\/[^"]+\/documents\/[0-9a-f-]{36})"/.exec(tab.body)![1]!;
    // The download's audit line is a write: on a full disk it may be refused, never a 500, never a broken file.
    const download = await staff.get(link);
    assert.ok([200, 507].includes(download.statusCode), String(download.statusCode));
    disk!.free();
    assert.equal((await postDocument(staff, domicilieId, { titre: 'Après' }, pdfFile(content))).statusCode, 303, 'kept once room is back, without a restart');
    assert.deepEqual(await documentsStored(), ['Avant', 'Après']);
  });
});
