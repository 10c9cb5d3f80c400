import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createDomicilie, createTeam, readDocxText, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { formatLongDate, isoDateIn } from '../../../shared/dates.ts';
import { normalizeTemporaryPassword } from '../../../domain/portal-access/credentials.ts';
import { actorOf } from '../../../domain/portal-access/portal-access.fixtures.ts';
import { getPortalAccessSummary, purgeExpiredDocuments } from '../../../domain/portal-access/portal-access.service.ts';
import { missingTools, tools } from '../../../../test/helpers/external-tools.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ PORTAL_URL: 'https://portail.example.org/usagers' });
});
after(() => t.close());

async function activated(names: { nom: string; prenom: string } = { nom: 'Lefèvre', prenom: 'Zoé' }) {
  const team = await createTeam(t.db, { portal_enabled: true, name: 'CCAS de Villeneuve' });
  const domicilie = await createDomicilie(t.db, team.structureId, names);
  const client = new TestClient(t.app);
  await client.login(team.instructeur.email, STAFF_PASSWORD);
  const saved = await client.post(`/domicilies/${domicilie.id}/acces-portail`, { acces: 'oui' });
  assert.equal(saved.statusCode, 303);
  const account = await t.db.selectFrom('portal_accounts').select(['id', 'login']).where('domicilie_id', '=', domicilie.id).executeTakeFirstOrThrow();
  return { team, domicilie, client, account, documentUrl: `/domicilies/${domicilie.id}/acces-portail/document` };
}

const passwordIn = (text: string) => /Mot de passe temporaire : ([A-Z0-9-]+)/.exec(text)![1]!;

describe('the Word document', () => {
  test('downloads as a .docx named after the person, never cached, and each download is audited', async () => {
    const { client, documentUrl, domicilie } = await activated({ nom: "Lefèvre-N'Diaye", prenom: 'Zoé' });
    const response = await client.get(documentUrl);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="acces-portail-lefevre-n-diaye-zoe-\d{4}-\d{2}-\d{2}-\d{2}h\d{2}m\d{2}\.docx"$/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.rawPayload.subarray(0, 2).toString(), 'PK');
    await client.get(documentUrl);
    const downloads = await t.db.selectFrom('audit_log').select('id').where('target_id', '=', domicilie.id).where('action', '=', 'portal_access.document_downloaded').execute();
    assert.equal(downloads.length, 2);
  });

  test('holds sender, person, date, link, QR code, identifier, password and instructions in French and English', async () => {
    const { client, documentUrl, account, domicilie } = await activated();
    const docx = (await client.get(documentUrl)).rawPayload;
    const text = await readDocxText(docx);
    const password = passwordIn(text);
    assert.match(password, /^[A-Z2-9]{3}(-[A-Z2-9]{3}){3}$/);
    assert.match(text, new RegExp(`Identifiant : ${account.login}`));
    for (const expected of [
      'CCAS de Villeneuve', '1 place de la Mairie', '69001 Lyon', 'Zoé LEFÈVRE', `Numéro de dossier : ${domicilie.dossier_number}`,
      `Lyon, le ${formatLongDate(isoDateIn(new Date(), 'Europe/Paris'))}`, 'https://portail.example.org/usagers', 'scannez le code QR',
      'choisissez votre propre mot de passe', 'demandez-en un nouveau à CCAS de Villeneuve', 'au moins une fois tous les trois mois',
      'How to use it (English)', 'choose your own password', 'at least once every three months',
    ]) {
      assert.ok(text.includes(expected), `document lacks « ${expected} »`);
    }
    const files = unzipSync(docx);
    const xml = strFromU8(files['word/document.xml']!);
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'A4 page');
    assert.match(xml, /w:pStyle w:val="Heading1"/);
    const relations = strFromU8(files['word/_rels/document.xml.rels']!);
    assert.match(relations, /Target="https:\/\/portail\.example\.org\/usagers" TargetMode="External"/);
    const images = Object.keys(files).filter((name) => name.startsWith('word/media/'));
    assert.equal(images.length, 1);
    assert.deepEqual([...files[images[0]!]!.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'PNG QR code');
    assert.match(strFromU8(files['word/styles.xml']!), /w:styleId="CredentialValue"/);
  });

  test('LibreOffice opens it: the PDF text contains the identifier, the password and the link', { skip: missingTools(tools.soffice, tools.pdftotext) }, async () => {
    const { client, documentUrl, account } = await activated();
    const docx = (await client.get(documentUrl)).rawPayload;
    const password = passwordIn(await readDocxText(docx));
    const dir = mkdtempSync(join(tmpdir(), 'portal-docx-'));
    try {
      writeFileSync(join(dir, 'acces.docx'), docx);
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/lo-profile-${process.pid}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'acces.docx')], { stdio: 'pipe', timeout: 120_000 });
      const pdfText = execFileSync('pdftotext', [join(dir, 'acces.pdf'), '-'], { encoding: 'utf8' });
      assert.ok(pdfText.includes(account.login), 'identifier in the PDF');
      assert.ok(pdfText.includes(password), 'password in the PDF');
      assert.ok(pdfText.includes('https://portail.example.org/usagers'), 'link in the PDF');
      assert.ok(readFileSync(join(dir, 'acces.pdf')).subarray(0, 4).toString() === '%PDF');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('after 15 minutes it is gone: 404 with a French message, no link, and the housekeeping deletes it, not the fresh ones', async () => {
    const first = await activated();
    const row = await t.db.selectFrom('portal_documents').select(['id', 'created_at', 'expires_at']).where('portal_account_id', '=', first.account.id).executeTakeFirstOrThrow();
    assert.equal(row.expires_at.getTime() - row.created_at.getTime(), 15 * 60_000);
    await t.db.updateTable('portal_documents').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', row.id).execute();
    const gone = await first.client.get(first.documentUrl);
    assert.equal(gone.statusCode, 404);
    const told = html(gone.body);
    assert.match(told.text, /plus disponible/);
    assert.match(told.text, /[Rr]é-initialisez/);
    assert.equal((await getPortalAccessSummary(t.db, actorOf(first.team, 'instructeur'), first.domicilie.id)).documentExpiresAt, null, 'no more link in the section');
    const fresh = await activated();
    await purgeExpiredDocuments(t.db);
    assert.equal(await t.db.selectFrom('portal_documents').select('id').where('id', '=', row.id).executeTakeFirst(), undefined);
    assert.ok(await t.db.selectFrom('portal_documents').select('id').where('portal_account_id', '=', fresh.account.id).executeTakeFirst());
  });

  test('the clear password is stored nowhere: not in any column of any table, in clear or in hexadecimal', async () => {
    const { client, documentUrl, domicilie, team } = await activated();
    const first = passwordIn(await readDocxText((await client.get(documentUrl)).rawPayload));
    await client.post(`/domicilies/${domicilie.id}/acces-portail`, { acces: 'oui', reinitialiser: 'oui' });
    const second = passwordIn(await readDocxText((await client.get(documentUrl)).rawPayload));
    const secrets = [first, second].flatMap((printed) => {
      const normalized = normalizeTemporaryPassword(printed);
      return [printed, normalized, Buffer.from(printed).toString('hex'), Buffer.from(normalized).toString('hex')];
    });
    const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(t.db);
    const names = tables.rows.map((row) => row.table_name);
    for (const table of ['portal_accounts', 'audit_log', 'portal_documents']) assert.ok(names.includes(table));
    for (const table of names) {
      const rows = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table)} t`.execute(t.db);
      for (const { row } of rows.rows) {
        for (const secret of secrets) assert.ok(!row.toUpperCase().includes(secret.toUpperCase()), `a password appears in ${table}`);
      }
    }
    const audit = await t.db.selectFrom('audit_log').select('details').where('structure_id', '=', team.structureId).execute();
    assert.ok(audit.length >= 5);
  });
});
