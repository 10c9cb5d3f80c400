import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDomicilie } from '../../../../test/helpers/factories.ts';
import { missingTools, tools } from '../../../../test/helpers/external-tools.ts';
import { page } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { recordsWorld, type RecordsWorld } from '../../../domain/domicilies/domicilies.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** « Ma structure » as an administrateur fills it for the official forms. */
async function completeStructure(w: RecordsWorld) {
  await t.db
    .updateTable('structures')
    .set({ responsable_nom: 'Garnier', responsable_prenom: 'Claire', responsable_fonction: 'Directrice', city: 'Lyon' })
    .where('id', '=', w.team.structureId)
    .execute();
}

const decisionsOf = (id: string) => t.db.selectFrom('decisions').select(['id', 'status', 'cancelled_at']).where('domicilie_id', '=', id).orderBy('created_at').execute();
const attestationUrl = (id: string, decisionId: string) => `/domicilies/${id}/decisions/${decisionId}/attestation`;

describe('« Attestation d\'élection de domicile » from the « Dossier » tab', () => {
  test('each valide decision has its attestation, downloaded as a PDF named after the person and the decision, audited without its content', async () => {
    const w = await recordsWorld(t);
    await completeStructure(w);
    const person = await createDomicilie(t.db, w.team.structureId, { nom: "N'Diaye", prenom: 'Awa', birth_date: '1990-12-24', start_date: '2026-01-01', end_date: '2026-12-31' });
    const valide = (await decisionsOf(person.id)).find((decision) => decision.status === 'valide')!;
    const instructeur = await w.as('instructeur');
    const dossier = page((await instructeur.get(`/domicilies/${person.id}`)).body).region('Documents officiels');
    assert.deepEqual(dossier.links(), [
      { text: "Attestation d'élection de domicile du 01/01/2026 au 31/12/2026", href: attestationUrl(person.id, valide.id) },
      { text: 'Attestation postale', href: `/domicilies/${person.id}/attestation-postale` },
    ]);

    const response = await instructeur.get(attestationUrl(person.id, valide.id));
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="attestation-n-diaye-awa-\d{4}-\d{2}-\d{2}\.pdf"$/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('target_id', '=', person.id).where('action', '=', 'document.attestation').execute();
    assert.deepEqual(audit, [{ action: 'document.attestation', actor_id: w.team.instructeur.id, details: { decision_id: valide.id } }]);
  });

  test('the PDF reads back with the person, the dates, the structure and its responsable', { skip: missingTools(tools.pdftotext) }, async () => {
    const w = await recordsWorld(t);
    await completeStructure(w);
    const person = await createDomicilie(t.db, w.team.structureId, { nom: 'Quéméner', prenom: 'Éloïse', birth_date: '1985-03-14', start_date: '2026-02-01', end_date: '2027-01-31' });
    const valide = (await decisionsOf(person.id)).find((decision) => decision.status === 'valide')!;
    const pdf = (await (await w.as('gestionnaire')).get(attestationUrl(person.id, valide.id))).rawPayload;
    const dir = mkdtempSync(join(tmpdir(), 'attestation-'));
    try {
      writeFileSync(join(dir, 'a.pdf'), pdf);
      // The form's own dotted lines come out as underscores between the words: only the words are compared.
      const text = execFileSync('pdftotext', [join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/_/g, ' ').replace(/\s+/g, ' ');
      for (const expected of ['QUÉMÉNER', 'Éloïse', '1985', '2026', '2027', 'Claire', 'Garnier,', 'Directrice', 'Lyon']) {
        assert.ok(text.includes(expected), `« ${expected} » in the attestation`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a radié person keeps the attestation of the domiciliation the radiation ended, with that decision\'s own dates', { skip: missingTools(tools.pdftotext) }, async () => {
    const w = await recordsWorld(t);
    await completeStructure(w);
    const person = await createDomicilie(t.db, w.team.structureId, { nom: 'Radié', prenom: 'Aurèle', birth_date: '1970-07-07', status: 'radie', start_date: '2024-03-01', end_date: '2025-02-28' });
    const valide = (await decisionsOf(person.id)).find((decision) => decision.status === 'valide')!;
    const gestionnaire = await w.as('gestionnaire');
    const section = page((await gestionnaire.get(`/domicilies/${person.id}`)).body).region('Documents officiels');
    assert.ok(
      section.links().some((link) => link.text === "Attestation d'élection de domicile du 01/03/2024 au 28/02/2025" && link.href === attestationUrl(person.id, valide.id)),
      'the past decision is offered',
    );
    const pdf = (await gestionnaire.get(attestationUrl(person.id, valide.id))).rawPayload;
    const dir = mkdtempSync(join(tmpdir(), 'attestation-'));
    try {
      writeFileSync(join(dir, 'a.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/_/g, ' ').replace(/\s+/g, ' ');
      // The validity's years appear only through that decision: the person was born in 1970, the paper is made today.
      for (const expected of ['RADIÉ', 'Aurèle', '2024', '2025']) assert.ok(text.includes(expected), `« ${expected} » in the attestation`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a structure that lacks what the form prints gets a page naming each missing field, linked for an administrateur', async () => {
    const w = await recordsWorld(t);
    const person = await createDomicilie(t.db, w.team.structureId, { nom: 'Martin', prenom: 'Jean' });
    const valide = (await decisionsOf(person.id)).find((decision) => decision.status === 'valide')!;
    const forAdmin = await (await w.as('administrateur')).get(attestationUrl(person.id, valide.id));
    assert.equal(forAdmin.statusCode, 409);
    const missing = page(forAdmin.body).region(/L'attestation ne peut pas encore être imprimée/);
    assert.ok(missing.links().length >= 3, 'the responsable\'s nom, prénom and fonction at least');
    assert.ok(missing.links().every((link) => link.href.startsWith('/structure#')));
    const forInstructeur = page((await (await w.as('instructeur')).get(attestationUrl(person.id, valide.id))).body);
    assert.match(forInstructeur.text, /Demandez à un administrateur de votre structure de les compléter\./);
    assert.equal((await t.db.selectFrom('audit_log').select('id').where('target_id', '=', person.id).where('action', '=', 'document.attestation').execute()).length, 0);
  });

  test('no attestation for a decision that is not a valide one, was cancelled, or belongs to another structure; none for a facteur', async () => {
    const w = await recordsWorld(t);
    const other = await recordsWorld(t);
    await completeStructure(w);
    const person = await createDomicilie(t.db, w.team.structureId, {});
    const [demande, valide] = await decisionsOf(person.id);
    const gestionnaire = await w.as('gestionnaire');
    assert.equal((await gestionnaire.get(attestationUrl(person.id, demande!.id))).statusCode, 404, 'the demande');
    assert.equal((await (await w.as('facteur')).get(attestationUrl(person.id, valide!.id))).statusCode, 403);
    assert.equal((await (await other.as('gestionnaire')).get(attestationUrl(person.id, valide!.id))).statusCode, 404);
    assert.equal((await w.cancelLast(gestionnaire, person.id)).statusCode, 303);
    assert.equal((await gestionnaire.get(attestationUrl(person.id, valide!.id))).statusCode, 404, 'a cancelled decision');
  });
});

const demandeUrl = (id: string) => `/domicilies/${id}/demande`;

describe('« Demande d\'élection de domicile » from the « Dossier » tab', () => {
  test('offered while a request is under instruction, downloaded as a PDF named after the person, audited without its content', async () => {
    const w = await recordsWorld(t);
    await completeStructure(w);
    const person = await createDomicilie(t.db, w.team.structureId, { nom: "N'Diaye", prenom: 'Awa', status: 'instruction' });
    const [request] = await decisionsOf(person.id);
    const instructeur = await w.as('instructeur');
    const dossier = page((await instructeur.get(`/domicilies/${person.id}`)).body).region('Documents officiels');
    assert.deepEqual(dossier.links(), [{ text: "Demande d'élection de domicile", href: demandeUrl(person.id) }]);

    const response = await instructeur.get(demandeUrl(person.id));
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="demande-n-diaye-awa-\d{4}-\d{2}-\d{2}\.pdf"$/);
    assert.equal(response.headers['cache-control'], 'no-store');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('target_id', '=', person.id).where('action', '=', 'document.demande').execute();
    assert.deepEqual(audit, [{ action: 'document.demande', actor_id: w.team.instructeur.id, details: { decision_id: request!.id } }]);
  });

  test('the PDF reads back on two pages with the person, the dossier number, « Renouvellement » for a renewal, and the structure', { skip: missingTools(tools.pdftotext) }, async () => {
    const w = await recordsWorld(t);
    await completeStructure(w);
    const person = await createDomicilie(t.db, w.team.structureId, { nom: 'Quéméner', prenom: 'Éloïse', birth_date: '1985-03-14' });
    const gestionnaire = await w.as('gestionnaire');
    assert.equal((await w.decide('gestionnaire', person.id, 'renouvellement')).statusCode, 303);
    const dossier = page((await gestionnaire.get(`/domicilies/${person.id}`)).body).region('Documents officiels');
    assert.ok(dossier.links().some((link) => link.href === demandeUrl(person.id)), 'offered for a renewal request');
    const pdf = (await gestionnaire.get(demandeUrl(person.id))).rawPayload;
    const dir = mkdtempSync(join(tmpdir(), 'demande-'));
    try {
      writeFileSync(join(dir, 'd.pdf'), pdf);
      const pages = execFileSync('pdftotext', ['-layout', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).split('\f').filter((text) => text.trim());
      assert.equal(pages.length, 2);
      const text = pages[0]!.replace(/_/g, ' ').replace(/\s+/g, ' ');
      for (const expected of ['QUÉMÉNER', 'Éloïse', '14 / 03 / 1985', `: ${person.dossier_number}`, 'Claire Garnier, Directrice']) {
        assert.ok(text.includes(expected), `« ${expected} » in the demande`);
      }
      const info = execFileSync('pdfinfo', [join(dir, 'd.pdf')], { encoding: 'utf8' });
      assert.match(info, /Page size:\s+595\.25 x 842 pts \(A4\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('none without a request under instruction, for another structure, or for a facteur; a structure that lacks what the form prints gets the page naming it', async () => {
    const w = await recordsWorld(t);
    const other = await recordsWorld(t);
    const valide = await createDomicilie(t.db, w.team.structureId, {});
    const pending = await createDomicilie(t.db, w.team.structureId, { status: 'a_valider' });
    const gestionnaire = await w.as('gestionnaire');
    const incomplete = await (await w.as('administrateur')).get(demandeUrl(pending.id));
    assert.equal(incomplete.statusCode, 409);
    assert.ok(page(incomplete.body).region(/La demande ne peut pas encore être imprimée/).links().length >= 3, 'each missing field linked');

    await completeStructure(w);
    assert.equal((await gestionnaire.get(demandeUrl(pending.id))).statusCode, 200, '« À valider » is still under instruction');
    assert.equal((await gestionnaire.get(demandeUrl(valide.id))).statusCode, 404, 'decided');
    assert.equal(page((await gestionnaire.get(`/domicilies/${valide.id}`)).body).region('Documents officiels').links().some((link) => link.href === demandeUrl(valide.id)), false);
    assert.equal((await (await w.as('facteur')).get(demandeUrl(pending.id))).statusCode, 403);
    assert.equal((await (await other.as('gestionnaire')).get(demandeUrl(pending.id))).statusCode, 404);
    const audited = await t.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'document.demande').where('target_id', 'in', [valide.id, pending.id]).execute();
    assert.deepEqual(audited, [{ actor_id: w.team.gestionnaire.id }], 'only the demande actually made');
  });
});
