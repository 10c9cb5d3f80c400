import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../test/helpers/client.ts';
import { newestDocumentId, pdfDocument, pdfFile, postDocument } from '../../../test/helpers/documents.ts';
import { createDomicilie, createStaff, STAFF_PASSWORD } from '../../../test/helpers/factories.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { jpegImage } from '../../../test/helpers/images.ts';
import { createPortalAccount, createPortalUser, portalLogin } from '../../../test/helpers/portal-factories.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { DomicilieSpec } from '../../../test/helpers/factories.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** A person logged in to the portal, and a gestionnaire of their structure logged in to the fiche. */
async function world(domicilie: DomicilieSpec = {}, structureId?: string) {
  const user = await createPortalUser(t.db, { temporary: false, structureId, domicilie: { nom: 'Ndiaye', prenom: 'Awa', ...domicilie } });
  const person = new TestClient(t.app);
  assert.equal((await portalLogin(person, user.login, user.password)).statusCode, 303);
  const gestionnaire = new TestClient(t.app);
  await gestionnaire.login((await createStaff(t.db, user.structureId, 'gestionnaire')).email, STAFF_PASSWORD);
  return { user, person, gestionnaire };
}

async function share(w: Awaited<ReturnType<typeof world>>, titre: string, shared: boolean, content = pdfDocument()) {
  assert.equal((await postDocument(w.gestionnaire, w.user.domicilieId, { titre, portail: shared }, pdfFile(content))).statusCode, 303);
  return newestDocumentId(t.db, w.user.domicilieId);
}

const completeStructure = (structureId: string) =>
  t.db.updateTable('structures').set({ responsable_nom: 'Garnier', responsable_prenom: 'Claire', responsable_fonction: 'Directrice' }).where('id', '=', structureId).execute();
const portalTrail = (accountId: string) => t.db.selectFrom('audit_log').select(['action', 'target_id', 'details']).where('actor_type', '=', 'portal').where('actor_id', '=', accountId).where('action', 'not in', ['portal.login']).orderBy('created_at').execute();

describe('portal, « Mes documents »', () => {
  test('the person finds « Mes documents » from home, sees only the shared documents, and downloads them as they were sent, audited', async () => {
    const w = await world();
    const content = pdfDocument(3000);
    const sharedId = await share(w, 'Courrier de la CAF', true, content);
    const hiddenId = await share(w, 'Note interne', false);
    const home = html((await w.person.get('/portail')).body);
    assert.equal(home.link('Mes documents : attestation et papiers confiés par votre structure').href, '/portail/documents');

    const list = await w.person.get('/portail/documents');
    assert.equal(list.statusCode, 200);
    const shown = html(list.body);
    assert.equal(shown.heading, 'Mes documents');
    const region = shown.region('Documents confiés par votre structure');
    assert.match(region.text, /Courrier de la CAF \(PDF, 3 Ko, ajouté le \d{2}\/\d{2}\/\d{4}\)/);
    assert.doesNotMatch(shown.text, /Note interne/);

    const download = await w.person.get(region.link('Courrier de la CAF').href);
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, content);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['cache-control'], 'no-store');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="document-ndiaye-awa-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf"$/);
    assert.equal((await w.person.get(`/portail/documents/${hiddenId}`)).statusCode, 404, 'a document not shared is not found');

    assert.deepEqual(await portalTrail(w.user.id), [
      { action: 'portal.document_downloaded', target_id: sharedId, details: { domicilie_id: w.user.domicilieId, title_length: 18, content_type: 'application/pdf', size: content.length } },
    ]);

    // Unshared by staff: gone from the list and from its address at once.
    assert.equal((await w.gestionnaire.post(`/domicilies/${w.user.domicilieId}/documents/${sharedId}/portail`, { visible: 'non' })).statusCode, 303);
    assert.match(html((await w.person.get('/portail/documents')).body).text, /Votre structure n’a pas encore mis de document ici\./);
    assert.equal((await w.person.get(`/portail/documents/${sharedId}`)).statusCode, 404);
  });

  test('ids of other people, of another structure, unshared or guessed are never reached', async () => {
    const w = await world();
    const neighbour = await createDomicilie(t.db, w.user.structureId, { nom: 'Voisin', prenom: 'Paul' });
    assert.equal((await postDocument(w.gestionnaire, neighbour.id, { titre: 'Du voisin', portail: true }, pdfFile())).statusCode, 303);
    const neighbourDoc = await newestDocumentId(t.db, neighbour.id);
    const elsewhere = await world();
    const foreignDoc = await share(elsewhere, 'Autre structure', true);
    const ownHidden = await share(w, 'Pas partagé', false);
    for (const id of [neighbourDoc, foreignDoc, ownHidden, randomUUID()]) {
      const response = await w.person.get(`/portail/documents/${id}`);
      assert.equal(response.statusCode, 404, id);
      assert.doesNotMatch(response.body, /Du voisin|Autre structure|Pas partagé/);
    }
    assert.ok([400, 404].includes((await w.person.get('/portail/documents/1 OR 1=1')).statusCode));
    assert.doesNotMatch(html((await w.person.get('/portail/documents')).body).text, /Du voisin|Autre structure|Pas partagé/);
    // The neighbour's own account reaches their document; a staff session or no session reaches none.
    const account = await createPortalAccount(t.db, w.user.structureId, neighbour.id, { temporary: false });
    const neighbourClient = new TestClient(t.app);
    await portalLogin(neighbourClient, account.login, account.password);
    assert.equal((await neighbourClient.get(`/portail/documents/${neighbourDoc}`)).statusCode, 200);
    const staffOnly = await w.gestionnaire.get(`/portail/documents/${neighbourDoc}`);
    assert.equal(staffOnly.statusCode, 303);
    assert.equal(staffOnly.headers.location, '/portail/connexion');
    assert.equal((await new TestClient(t.app).get(`/portail/documents/${neighbourDoc}`)).statusCode, 303);
    assert.deepEqual(await portalTrail(w.user.id), [], 'nothing was downloaded by the person');
  });

  test('a valide person downloads the attestation of the current decision, made when asked; an incomplete structure sends them to the desk', async () => {
    const w = await world({ start_date: '2026-06-01', end_date: '2027-05-31' });
    let page = html((await w.person.get('/portail/documents')).body);
    assert.match(page.region('Votre attestation d’élection de domicile').text, /ne peut pas être faite sur le portail pour le moment : demandez-la à l’accueil de votre structure/);
    const refused = await w.person.get('/portail/documents/attestation');
    assert.equal(refused.statusCode, 409);
    assert.match(html(refused.body).text, /demandez-la à l’accueil de votre structure/);
    assert.doesNotMatch(refused.body, /responsable|Ma structure/i, 'the person is not told what staff must fill');

    await completeStructure(w.user.structureId);
    page = html((await w.person.get('/portail/documents')).body);
    const link = page.region('Votre attestation d’élection de domicile').link('Télécharger mon attestation d’élection de domicile');
    const pdf = await w.person.get(link.href);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal(pdf.headers['cache-control'], 'no-store');
    assert.match(String(pdf.headers['content-disposition']), /^attachment; filename="attestation-ndiaye-awa-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const decision = await t.db.selectFrom('decisions').select('id').where('domicilie_id', '=', w.user.domicilieId).where('status', '=', 'valide').executeTakeFirstOrThrow();
    assert.deepEqual(await portalTrail(w.user.id), [{ action: 'document.attestation', target_id: w.user.domicilieId, details: { decision_id: decision.id } }]);
  });

  test('no attestation for a person whose domiciliation is not valide, in French and in English', async () => {
    for (const status of ['instruction', 'radie'] as const) {
      const w = await world({ status });
      await completeStructure(w.user.structureId);
      const page = html((await w.person.get('/portail/documents')).body);
      assert.match(page.text, /L’attestation d’élection de domicile est disponible ici quand votre domiciliation est active\./);
      assert.ok(!page.links().some((link) => link.href === '/portail/documents/attestation'), status);
      assert.equal((await w.person.get('/portail/documents/attestation')).statusCode, 404, status);
      await w.person.get('/portail/langue?l=en');
      const english = html((await w.person.get('/portail/documents')).body);
      assert.equal(english.heading, 'My documents');
      assert.match(english.text, /Your domiciliation certificate will be here once your domiciliation is active\./);
      assert.match(english.text, /Your organisation has not put any document here yet\./);
    }
    const w = await world();
    // Sent under a .pdf name and type: its bytes are a JPEG, and so it is listed.
    await share(w, 'Photo', true, jpegImage());
    await w.person.get('/portail/langue?l=en');
    assert.match(html((await w.person.get('/portail/documents')).body).text, /Photo \(JPEG image, 1 KB, added on \d{2}\/\d{2}\/\d{4}\)/);
  });
});
