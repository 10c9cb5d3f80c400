import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { readDocxText } from '../../../../test/helpers/factories.ts';
import { page } from '../../../../test/helpers/html.ts';
import { jpegImage, pngImage } from '../../../../test/helpers/images.ts';
import { postFile } from '../../../../test/helpers/multipart.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { formatDate, isoDateIn } from '../../../shared/dates.ts';
import { recordsWorld, type RecordsWorld } from '../../../domain/domicilies/domicilies.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const today = () => isoDateIn(new Date(), 'Europe/Paris');

async function completeStructure(w: RecordsWorld) {
  await t.db
    .updateTable('structures')
    .set({ name: 'CCAS de Démo', responsable_nom: 'Garnier', responsable_prenom: 'Claire', responsable_fonction: 'Directrice du CCAS', city: 'Lyon' })
    .where('id', '=', w.team.structureId)
    .execute();
}

const documentAudit = (id: string) =>
  t.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('target_id', '=', id).where('action', 'like', 'document.%').orderBy('created_at').execute();

describe('the Word letters of « Documents officiels »', () => {
  test('a refused person: the courrier de refus holds the motif, its text, the orientation and the appeal; named after the person; audited without content', async () => {
    const w = await recordsWorld(t);
    await completeStructure(w);
    const id = await w.create({ nom: 'Dupont', prenom: 'Marie', sexe: 'femme' });
    const refused = await w.decide('gestionnaire', id, 'refus', { motif: 'autre', motif_texte: 'Domiciliation déjà active ailleurs.', orientation_code: 'ORGANISME_AGREE', orientation: 'Association Abri, 3 rue Garibaldi, Lyon' });
    assert.equal(refused.statusCode, 303);
    const decision = (await w.decisions(id)).find((row) => row.status === 'refuse')!;
    const instructeur = await w.as('instructeur');
    const section = page((await instructeur.get(`/domicilies/${id}`)).body).region('Documents officiels');
    const url = `/domicilies/${id}/decisions/${decision.id}/courrier-refus`;
    assert.deepEqual(section.links(), [{ text: `Courrier de refus du ${formatDate(today())}`, href: url }]);

    const response = await instructeur.get(url);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], DOCX);
    assert.equal(response.headers['content-disposition'], `attachment; filename="courrier-refus-dupont-marie-${today()}.docx"`);
    assert.equal(response.headers['cache-control'], 'no-store');
    const text = await readDocxText(response.rawPayload);
    for (const expected of [
      'CCAS de Démo', 'Madame Marie DUPONT', 'chez CCAS de Démo', 'Motif du refus : Autre.', 'Domiciliation déjà active ailleurs.',
      'Association ou organisme agréé — Association Abri, 3 rue Garibaldi, Lyon', 'recours gracieux', 'Claire Garnier, Directrice du CCAS', 'tribunal administratif', 'Fait à Lyon',
    ]) {
      assert.ok(text.includes(expected), `« ${expected} »`);
    }
    assert.deepEqual(await documentAudit(id), [{ action: 'document.courrier_refus', actor_id: w.team.instructeur.id, details: { decision_id: decision.id } }]);
  });

  test('a radié person: the courrier de radiation, no attestation postale; a valid one: the attestation postale with the logo uploaded', async () => {
    const w = await recordsWorld(t);
    await completeStructure(w);
    const id = await w.createValid('01/01/2026', { nom: 'Martin', prenom: 'Jean', sexe: 'homme', date_naissance: '02/11/1970' });
    const gestionnaire = await w.as('gestionnaire');
    const postalUrl = `/domicilies/${id}/attestation-postale`;
    assert.equal(page((await gestionnaire.get(`/domicilies/${id}`)).body).region('Documents officiels').link('Attestation postale').href, postalUrl);

    assert.equal((await postFile(await w.as('administrateur'), '/structure/logo', { name: 'logo', fileName: 'logo.jpg', contentType: 'image/jpeg', content: jpegImage() })).statusCode, 303);
    const postal = await gestionnaire.get(postalUrl);
    assert.equal(postal.statusCode, 200);
    assert.equal(postal.headers['content-disposition'], `attachment; filename="attestation-postale-martin-jean-${today()}.docx"`);
    const files = unzipSync(postal.rawPayload);
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
    assert.equal(media.length, 1, 'the logo');
    assert.deepEqual(Buffer.from(files[media[0]!]!), jpegImage());
    const text = await readDocxText(postal.rawPayload);
    assert.ok(text.includes('CCAS de Démo atteste que M. Jean MARTIN, né le 2 novembre 1970, est domicilié chez CCAS de Démo du 1 janvier 2026 au 31 décembre 2026'), text);
    assert.match(strFromU8(files['word/document.xml']!), /<w:pgSz w:w="11906" w:h="16838"/);

    assert.equal((await w.decide('instructeur', id, 'radiation', { motif: 'entree_dans_un_logement' })).statusCode, 303);
    const radiation = (await w.decisions(id)).find((row) => row.status === 'radie')!;
    const section = page((await gestionnaire.get(`/domicilies/${id}`)).body).region('Documents officiels');
    assert.ok(!section.links().some((link) => link.href === postalUrl), 'no attestation postale once radié');
    assert.equal((await gestionnaire.get(postalUrl)).statusCode, 404);
    const radiationUrl = `/domicilies/${id}/decisions/${radiation.id}/courrier-radiation`;
    assert.equal(section.link(/^Courrier de radiation du /).href, radiationUrl);
    const letter = await gestionnaire.get(radiationUrl);
    assert.equal(letter.statusCode, 200);
    assert.match(String(letter.headers['content-disposition']), /filename="courrier-radiation-martin-jean-\d{4}-\d{2}-\d{2}\.docx"/);
    const radiationText = await readDocxText(letter.rawPayload);
    for (const expected of ['Monsieur Jean MARTIN', 'Motif de la radiation : Entrée dans un logement.', 'vous êtes radié à cette date', 'recours contentieux']) {
      assert.ok(radiationText.includes(expected), `« ${expected} »`);
    }
    assert.deepEqual(
      (await documentAudit(id)).map((row) => [row.action, row.actor_id, row.details]),
      [
        ['document.attestation_postale', w.team.gestionnaire.id, {}],
        ['document.courrier_radiation', w.team.gestionnaire.id, { decision_id: radiation.id }],
      ],
    );
  });

  test('the logo replaced, then removed in « Ma structure »: the next letter shows the new logo, then none', async () => {
    const w = await recordsWorld(t);
    await completeStructure(w);
    const id = await w.createValid('01/01/2026');
    const admin = await w.as('administrateur');
    const logoOfLetter = async () => {
      const response = await admin.get(`/domicilies/${id}/attestation-postale`);
      assert.equal(response.statusCode, 200);
      return Object.entries(unzipSync(response.rawPayload)).filter(([name]) => name.startsWith('word/media/')).map(([name, content]) => [name.slice(name.lastIndexOf('.')), Buffer.from(content)]);
    };
    const upload = async (fileName: string, contentType: string, content: Buffer) =>
      assert.equal((await postFile(admin, '/structure/logo', { name: 'logo', fileName, contentType, content })).statusCode, 303);

    await upload('logo.jpg', 'image/jpeg', jpegImage());
    assert.deepEqual(await logoOfLetter(), [['.jpg', jpegImage()]]);
    const replacement = pngImage(400, 100);
    await upload('logo.png', 'image/png', replacement);
    assert.deepEqual(await logoOfLetter(), [['.png', replacement]]);
    assert.equal((await admin.post('/structure/logo/supprimer', { confirmation: 'oui' })).statusCode, 303);
    assert.deepEqual(await logoOfLetter(), []);
  });

  test('a structure without its responsable gets the page naming each missing field, linked to « Ma structure » for an administrateur; nothing is audited', async () => {
    const w = await recordsWorld(t);
    const id = await w.createValid('01/01/2026');
    const response = await (await w.as('administrateur')).get(`/domicilies/${id}/attestation-postale`);
    assert.equal(response.statusCode, 409);
    const alert = page(response.body).region(/L'attestation postale ne peut pas encore être imprimée/);
    assert.deepEqual(alert.links().map((link) => link.href), ['/structure#responsable_nom', '/structure#responsable_prenom', '/structure#responsable_fonction']);
    assert.deepEqual(await documentAudit(id), []);
  });

  test('no letter for a decision of another kind, a cancelled one or another structure’s record; none for a facteur', async () => {
    const w = await recordsWorld(t);
    const other = await recordsWorld(t);
    await completeStructure(w);
    await completeStructure(other);
    const id = await w.create();
    assert.equal((await w.decide('gestionnaire', id, 'refus', { motif: 'saturation' })).statusCode, 303);
    const refusal = (await w.decisions(id)).find((row) => row.status === 'refuse')!;
    const gestionnaire = await w.as('gestionnaire');
    const refusUrl = `/domicilies/${id}/decisions/${refusal.id}/courrier-refus`;
    assert.equal((await gestionnaire.get(`/domicilies/${id}/decisions/${refusal.id}/courrier-radiation`)).statusCode, 404, 'a refusal is not a radiation');
    assert.equal((await gestionnaire.get(`/domicilies/${id}/attestation-postale`)).statusCode, 404, 'a refused person is not domicilié');
    assert.equal((await (await w.as('facteur')).get(refusUrl)).statusCode, 403);
    assert.equal((await (await other.as('gestionnaire')).get(refusUrl)).statusCode, 404);
    assert.equal((await w.cancelLast(gestionnaire, id)).statusCode, 303);
    assert.equal((await gestionnaire.get(refusUrl)).statusCode, 404, 'a cancelled refusal');
  });
});
