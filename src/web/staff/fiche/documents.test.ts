import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { newestDocumentId, pdfDocument, pdfFile, postDocument } from '../../../../test/helpers/documents.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { gifImage, jpegImage } from '../../../../test/helpers/images.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { DOCUMENT_MAX_BYTES } from '../../../domain/person-documents/person-documents.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function loggedIn(email: string) {
  const client = new TestClient(t.app);
  await client.login(email, STAFF_PASSWORD);
  return client;
}

async function world() {
  const team = await createTeam(t.db);
  const person = await createDomicilie(t.db, team.structureId, { nom: 'Lefèvre', prenom: 'Amina' });
  return { team, person, gestionnaire: await loggedIn(team.gestionnaire.email) };
}

const CAPTION = 'Documents de la personne, du plus récent au plus ancien';
const stored = (domicilieId: string) => t.db.selectFrom('person_documents').select(['id', 'title', 'content_type', 'size', 'shared', 'sealed_content']).where('domicilie_id', '=', domicilieId).execute();
const trail = (structureId: string) =>
  t.db.selectFrom('audit_log').select(['action', 'actor_id', 'target_id', 'details']).where('structure_id', '=', structureId).where('action', 'like', 'person_document.%').orderBy('created_at').orderBy('id').execute();

describe('fiche, tab « Documents »', () => {
  test('a gestionnaire adds a PDF with its title; the list shows title, type, size, date and who; the download gives the same bytes, sealed at rest', async () => {
    const { team, person, gestionnaire } = await world();
    const tab = html((await gestionnaire.get(`/domicilies/${person.id}/documents`)).body);
    assert.match(tab.region('Documents').text, /Aucun document pour le moment/);
    assert.equal(tab.field('Titre du document').required, true);
    assert.equal(tab.field('Fichier').type, 'file');
    assert.match(tab.field('Fichier').description, /PDF, une image JPEG ou PNG, de 10 Mo au plus/);
    assert.equal(tab.field('Visible sur le portail').checked, false);
    assert.equal(tab.link('Documents').href, `/domicilies/${person.id}/documents`);

    const content = pdfDocument(30_000);
    const sent = await postDocument(gestionnaire, person.id, { titre: '  Carte d’identité ' }, pdfFile(content, 'scan.pdf'));
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `/domicilies/${person.id}/documents#documents-titre`);
    const shown = html((await gestionnaire.get(`/domicilies/${person.id}/documents`)).body);
    assert.match(shown.region('Documents').text, /Le document est ajouté\./);
    const [row] = shown.table(CAPTION);
    const uploader = await t.db.selectFrom('staff_users').select(['prenom', 'nom']).where('id', '=', team.gestionnaire.id).executeTakeFirstOrThrow();
    assert.deepEqual(row!.slice(0, 6), ['Carte d’identité', 'PDF', '30 Ko', row![3]!, `${uploader.prenom} ${uploader.nom}`, 'Non visible']);
    assert.match(row![3]!, /^\d{2}\/\d{2}\/\d{4}$/);

    const [kept] = await stored(person.id);
    assert.equal(kept!.title, 'Carte d’identité');
    assert.equal(kept!.size, content.length);
    assert.equal(kept!.sealed_content.includes(Buffer.from('/Type /Catalog')), false, 'the bytes are kept sealed');

    const download = await gestionnaire.get(shown.link('Télécharger « Carte d’identité »').href);
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, content);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['cache-control'], 'no-store');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="document-lefevre-amina-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf"$/);
    assert.doesNotMatch(String(download.headers['content-disposition']), /carte|identit/i, 'the title stays out of the file name');

    const entries = await trail(team.structureId);
    assert.deepEqual(entries.map((entry) => entry.action), ['person_document.uploaded', 'person_document.downloaded']);
    assert.deepEqual(entries[0]!.details, { domicilie_id: person.id, shared: false, title_length: 16, content_type: 'application/pdf', size: content.length });
    assert.equal(entries[1]!.target_id, kept!.id);
    assert.doesNotMatch(JSON.stringify(entries), /identit/i, 'the trail never keeps the title');
  });

  test('a renamed text file, a GIF, a cut PDF, an empty file and 10 MB + 1 are refused next to the field; a title is required; nothing is stored', async () => {
    const { person, gestionnaire } = await world();
    const refused = async (file: Parameters<typeof postDocument>[3], titre = 'Avis d’imposition', status = 400) => {
      const response = await postDocument(gestionnaire, person.id, { titre, portail: true }, file);
      assert.equal(response.statusCode, status, response.body.slice(0, 200));
      return html(response.body);
    };
    const text = await refused({ fileName: 'avis.pdf', contentType: 'application/pdf', content: Buffer.from('Ceci est un texte, pas un PDF.\n') });
    assert.match(text.field('Fichier').error!, /n'est pas un PDF, une image JPEG ou PNG \(son nom ne suffit pas/);
    assert.equal(text.field('Titre du document').value, 'Avis d’imposition', 'what was typed comes back');
    assert.equal(text.field('Visible sur le portail').checked, true);
    assert.match((await refused({ fileName: 'photo.jpg', contentType: 'image/jpeg', content: gifImage() })).field('Fichier').error!, /image GIF/);
    const pdf = pdfDocument(5000);
    assert.match((await refused(pdfFile(pdf.subarray(0, pdf.length - 30)))).field('Fichier').error!, /Ce fichier PDF est incomplet ou abîmé/);
    assert.match((await refused(pdfFile(Buffer.alloc(0)))).field('Fichier').error!, /Ce fichier est vide/);
    const heavy = pdfDocument(DOCUMENT_MAX_BYTES).subarray(0, DOCUMENT_MAX_BYTES + 1);
    assert.match((await refused(pdfFile(heavy), 'Gros', 413)).field('Fichier').error!, /trop lourd : un document doit peser 10 Mo au plus/);
    assert.match((await refused(pdfFile(), '')).field('Titre du document').error!, /Indiquez le titre du document/);
    assert.match((await refused(pdfFile(), 'x'.repeat(121))).field('Titre du document').error!, /120 caractères au plus/);
    assert.match((await refused(pdfFile(), 'Carte\u0007vitale')).field('Titre du document').error!, /caractère invisible ou illisible/);
    assert.match((await refused(null)).field('Fichier').error!, /Choisissez le fichier du document/);
    assert.deepEqual(await stored(person.id), []);
    // Exactly at the limit is kept.
    const atLimit = pdfDocument(DOCUMENT_MAX_BYTES - 2000);
    assert.equal((await postDocument(gestionnaire, person.id, { titre: 'Dossier complet' }, pdfFile(atLimit))).statusCode, 303);
    assert.equal((await stored(person.id))[0]?.size, atLimit.length);
  });

  test('rename, share on the portal and back, and delete after the confirmation that names the document, each audited', async () => {
    const { team, person, gestionnaire } = await world();
    assert.equal((await postDocument(gestionnaire, person.id, { titre: 'Photo', portail: true }, { fileName: 'p.jpg', contentType: 'image/jpeg', content: jpegImage() })).statusCode, 303);
    const id = await newestDocumentId(t.db, person.id);
    const url = `/domicilies/${person.id}/documents/${id}`;
    assert.equal((await stored(person.id))[0]!.shared, true);
    let tab = html((await gestionnaire.get(`/domicilies/${person.id}/documents`)).body);
    assert.equal(tab.table(CAPTION)[0]![5], 'Visible sur le portail');
    assert.equal(tab.form('Retirer du portail').action, `${url}/portail`);

    const badRename = await gestionnaire.post(`${url}/titre`, { titre: ' ' });
    assert.equal(badRename.statusCode, 400);
    const again = html(badRename.body);
    assert.ok(again.disclosures().some((entry) => entry.summary === 'Renommer…' && entry.open), 'the rename form is open with its error');
    assert.match(again.field('Nouveau titre de « Photo »').error!, /Indiquez le titre/);
    assert.equal((await gestionnaire.post(`${url}/titre`, { titre: 'Photo d’identité' })).statusCode, 303);
    assert.equal((await gestionnaire.post(`${url}/portail`, { visible: 'non' })).statusCode, 303);
    assert.equal((await stored(person.id))[0]!.shared, false);
    assert.equal((await gestionnaire.post(`${url}/portail`, { visible: 'oui' })).statusCode, 303);

    tab = html((await gestionnaire.get(`/domicilies/${person.id}/documents`)).body);
    assert.equal(tab.table(CAPTION)[0]![0], 'Photo d’identité');
    assert.match(tab.region('Documents').text, /Supprimer le document « Photo d’identité » \(Image JPEG, 1 Ko, ajouté le \d{2}\/\d{2}\/\d{4}\) \? Il est effacé pour de bon, et disparaît du portail de la personne\./);
    assert.deepEqual(tab.form('Oui, supprimer ce document'), { action: `${url}/supprimer`, method: 'post', hidden: { confirmation: 'oui' }, buttons: ['Oui, supprimer ce document'] });
    assert.equal((await gestionnaire.post(`${url}/supprimer`, {})).statusCode, 400, 'not without its confirmation');
    assert.equal((await stored(person.id)).length, 1);
    assert.equal((await gestionnaire.post(`${url}/supprimer`, { confirmation: 'oui' })).statusCode, 303);
    assert.deepEqual(await stored(person.id), []);
    assert.match(html((await gestionnaire.get(`/domicilies/${person.id}/documents`)).body).text, /Le document est supprimé\./);
    assert.equal((await gestionnaire.get(url)).statusCode, 404);

    const actions = (await trail(team.structureId)).map((entry) => [entry.action, entry.details]);
    assert.deepEqual(actions.map(([action]) => action), ['person_document.uploaded', 'person_document.renamed', 'person_document.unshared', 'person_document.shared', 'person_document.deleted']);
    assert.deepEqual(actions[1]![1], { domicilie_id: person.id, shared: true, title_length: 16, content_type: 'image/jpeg', size: jpegImage().length });
  });

  test('roles: editors add, rename, share and download; only deciders delete; the facteur sees no tab and reaches nothing', async () => {
    const { team, person, gestionnaire } = await world();
    await postDocument(gestionnaire, person.id, { titre: 'Attestation CAF' }, pdfFile());
    const id = await newestDocumentId(t.db, person.id);
    const url = `/domicilies/${person.id}/documents/${id}`;

    const instructeur = await loggedIn(team.instructeur.email);
    assert.equal((await postDocument(instructeur, person.id, { titre: 'Quittance' }, pdfFile())).statusCode, 303);
    assert.equal((await instructeur.get(url)).statusCode, 200);
    assert.equal((await instructeur.post(`${url}/titre`, { titre: 'Attestation de la CAF' })).statusCode, 303);
    const instructeurTab = html((await instructeur.get(`/domicilies/${person.id}/documents`)).body);
    assert.ok(!instructeurTab.buttons().includes('Oui, supprimer ce document'), 'no delete for an instructeur');
    assert.equal((await instructeur.post(`${url}/supprimer`, { confirmation: 'oui' })).statusCode, 403);

    const facteur = await loggedIn(team.facteur.email);
    const fiche = html((await facteur.get(`/domicilies/${person.id}`)).body);
    assert.ok(!fiche.links().some((link) => link.text === 'Documents'), 'the facteur has no « Documents » tab');
    assert.ok(html((await gestionnaire.get(`/domicilies/${person.id}`)).body).links().some((link) => link.text === 'Documents'));
    assert.equal((await facteur.get(`/domicilies/${person.id}/documents`)).statusCode, 403);
    assert.equal((await facteur.get(url)).statusCode, 403);
    assert.equal((await postDocument(facteur, person.id, { titre: 'X' }, pdfFile())).statusCode, 403);
    assert.equal((await facteur.post(`${url}/portail`, { visible: 'oui' })).statusCode, 403);

    const admin = await loggedIn(team.administrateur.email);
    assert.equal((await admin.post(`${url}/supprimer`, { confirmation: 'oui' })).statusCode, 303);
    assert.equal((await stored(person.id)).length, 1);
  });

  test('CSRF: an upload, a rename, a share or a delete without the form’s token changes nothing', async () => {
    const { person, gestionnaire } = await world();
    assert.equal((await postDocument(gestionnaire, person.id, { titre: 'Sans jeton' }, pdfFile(), { csrf: false })).statusCode, 403);
    assert.deepEqual(await stored(person.id), []);
    await postDocument(gestionnaire, person.id, { titre: 'Bail' }, pdfFile());
    const url = `/domicilies/${person.id}/documents/${await newestDocumentId(t.db, person.id)}`;
    assert.equal((await gestionnaire.post(`${url}/titre`, { titre: 'Autre' }, { csrf: false })).statusCode, 403);
    assert.equal((await gestionnaire.post(`${url}/portail`, { visible: 'oui' }, { csrf: false })).statusCode, 403);
    assert.equal((await gestionnaire.post(`${url}/supprimer`, { confirmation: 'oui' }, { csrf: false })).statusCode, 403);
    const [kept] = await stored(person.id);
    assert.deepEqual([kept?.title, kept?.shared], ['Bail', false]);
  });

  test('isolation: another structure’s staff, and another person’s address, reach none of the documents', async () => {
    const { person, gestionnaire, team } = await world();
    await postDocument(gestionnaire, person.id, { titre: 'Jugement' }, pdfFile());
    const id = await newestDocumentId(t.db, person.id);
    const other = await createDomicilie(t.db, team.structureId, { nom: 'Autre', prenom: 'Personne' });
    const elsewhere = await createTeam(t.db);
    const stranger = await loggedIn(elsewhere.administrateur.email);
    const strangerPerson = await createDomicilie(t.db, elsewhere.structureId);
    for (const url of [`/domicilies/${person.id}/documents`, `/domicilies/${person.id}/documents/${id}`, `/domicilies/${strangerPerson.id}/documents/${id}`]) {
      assert.equal((await stranger.get(url)).statusCode, 404, url);
    }
    assert.equal((await stranger.post(`/domicilies/${person.id}/documents/${id}/titre`, { titre: 'Volé' })).statusCode, 404);
    assert.equal((await stranger.post(`/domicilies/${person.id}/documents/${id}/portail`, { visible: 'oui' })).statusCode, 404);
    assert.equal((await stranger.post(`/domicilies/${person.id}/documents/${id}/supprimer`, { confirmation: 'oui' })).statusCode, 404);
    assert.equal((await postDocument(stranger, person.id, { titre: 'Intrus' }, pdfFile())).statusCode, 404);
    // The document id under another person of the same structure is not found either.
    assert.equal((await gestionnaire.get(`/domicilies/${other.id}/documents/${id}`)).statusCode, 404);
    assert.equal((await gestionnaire.post(`/domicilies/${other.id}/documents/${id}/supprimer`, { confirmation: 'oui' })).statusCode, 404);
    const [kept] = await stored(person.id);
    assert.deepEqual([kept?.title, kept?.shared], ['Jugement', false]);
    assert.equal((await stored(strangerPerson.id)).length, 0);
  });
});
