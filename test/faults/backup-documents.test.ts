import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { writeBackup } from '../../src/db/backup.ts';
import type { Database } from '../../src/db/database.ts';
import { restoreBackup } from '../../src/db/restore.ts';
import { TestClient } from '../helpers/client.ts';
import { newestDocumentId, pdfDocument, pdfFile, postDocument } from '../helpers/documents.ts';
import { administrateurOf, createDomicilie, createTeam, STAFF_PASSWORD } from '../helpers/factories.ts';
import { downloadDocument } from '../../src/domain/person-documents/person-documents.service.ts';
import { AppError } from '../../src/shared/errors.ts';
import { TEST_SECRET, testConfig } from '../helpers/test-app.ts';
import { OTHER_KEY, emptyPglite, heldOutput } from './backup-helpers.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * A person's documents live in the database, sealed with the server's key (decision 0034): the
 * backup carries them, and a restore on a server holding the same key gives back the same bytes.
 * On a server with another key, the restore says which documents stay closed, and why.
 */

// The test client signs its form tokens with the test key: the source server has it.
const SOURCE_KEY = TEST_SECRET;
const config = (key: Buffer) => testConfig({ SECRET_KEY: key.toString('base64') });

let source: Database;
let file: Buffer;
let url = '';
let email = '';
const content = pdfDocument(200_000);

before(async () => {
  source = await emptyPglite();
  await migrate(source.db);
  const team = await createTeam(source.db);
  email = team.gestionnaire.email;
  const person = await createDomicilie(source.db, team.structureId);
  const app = await buildApp({ config: config(SOURCE_KEY), database: source });
  const staff = new TestClient(app);
  await staff.login(email, STAFF_PASSWORD);
  assert.equal((await postDocument(staff, person.id, { titre: 'Carte vitale', portail: true }, pdfFile(content))).statusCode, 303);
  url = `/domicilies/${person.id}/documents/${await newestDocumentId(source.db, person.id)}`;
  await app.close();
  const { output, release, bytes } = heldOutput();
  release();
  await writeBackup(source, output, { secretKey: SOURCE_KEY });
  file = bytes();
});
after(() => source.close());

async function restored(key: Buffer, use: (target: Database, summary: Awaited<ReturnType<typeof restoreBackup>>) => Promise<void>) {
  const target = await emptyPglite();
  try {
    await use(target, await restoreBackup(target, Readable.from([file]), { secretKey: key }));
  } finally {
    await target.close();
  }
}

describe('a person’s documents in the backup', () => {
  test('restored on a server with the same key: the same bytes download, the backup never holds them in clear', async () => {
    assert.equal(file.includes(content.subarray(0, 200)), false, 'the backup holds the document sealed only');
    await restored(SOURCE_KEY, async (target, summary) => {
      assert.deepEqual(summary.warnings, []);
      assert.equal(summary.rows.person_documents, 1);
      const app = await buildApp({ config: config(SOURCE_KEY), database: target });
      try {
        const staff = new TestClient(app);
        await staff.login(email, STAFF_PASSWORD);
        const download = await staff.get(url);
        assert.equal(download.statusCode, 200);
        assert.deepEqual(download.rawPayload, content);
      } finally {
        await app.close();
      }
    });
  });

  test('restored on a server with another key: the restore names the documents that stay closed and the key they need', async () => {
    await restored(OTHER_KEY, async (target, summary) => {
      assert.equal(summary.warnings.length, 1);
      assert.match(summary.warnings[0]!, /^1 document\(s\) des personnes .* autre clé .*empreinte de la clé d'origine [0-9a-f]{16}, de ce serveur [0-9a-f]{16}.*SECRET_KEY/);
      const [row] = await target.db.selectFrom('person_documents').select(['id', 'structure_id', 'domicilie_id']).execute();
      assert.ok(row, 'restored all the same');
      // Opening it there says why it does not open: never a server error, never other bytes.
      const staff = await administrateurOf(target.db, row.structure_id);
      await assert.rejects(downloadDocument(target.db, OTHER_KEY, staff, row.domicilie_id, row.id), (error) => error instanceof AppError && error.code === 'GONE' && error.problem?.code === 'document_autre_cle');
    });
  });
});
