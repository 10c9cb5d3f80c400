import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { missingTools, tools } from '../../../test/helpers/external-tools.ts';
import { administrateurOf, createDomicilie } from '../../../test/helpers/factories.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { addDays, formatDate, isoDateIn } from '../../shared/dates.ts';
import { recordsWorld } from '../domicilies/domicilies.fixtures.ts';
import { getFirstDomiciliation } from './decisions.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const today = () => isoDateIn(new Date(), 'Europe/Paris');

/** Dates the demande `days` ago, as an import would, so the decisions after it may be backdated. */
async function demandeDatedAgo(id: string, days: number) {
  await t.db.updateTable('decisions').set({ decided_on: addDays(today(), -days) }).where('domicilie_id', '=', id).where('status', '=', 'instruction').where('is_renewal', '=', false).execute();
}

describe('the date of first domiciliation in the structure', () => {
  test('derived from the first valide decision not cancelled, unless given; shown with the decisions', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    const gestionnaire = await w.as('gestionnaire');
    const first = async () => html((await gestionnaire.get(`/domicilies/${id}`)).body).text.match(/Première domiciliation dans la structure : ([^\n]*?)(?= Historique des décisions)/)?.[1];
    assert.equal(await first(), 'aucune domiciliation validée');
    assert.equal(await getFirstDomiciliation(t.db, await administrateurOf(t.db, w.team.structureId), id), null);
    await demandeDatedAgo(id, 400);
    await w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(addDays(today(), -380)), date_decision: formatDate(addDays(today(), -390)) });
    await w.decide('gestionnaire', id, 'renouvellement');
    await w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(addDays(today(), -15)) });
    assert.equal(await first(), formatDate(addDays(today(), -380)));
    assert.equal(await getFirstDomiciliation(t.db, await administrateurOf(t.db, w.team.structureId), id), addDays(today(), -380));
    // An import gives the day the person was first domiciliated, before the structure used this software.
    await t.db.updateTable('domicilies').set({ first_domiciliation_on: '2019-05-06' }).where('id', '=', id).execute();
    assert.equal(await first(), '06/05/2019');
    assert.equal(await getFirstDomiciliation(t.db, await administrateurOf(t.db, w.team.structureId), id), '2019-05-06');
  });

  test('another structure’s staff cannot read it', async () => {
    const w = await recordsWorld(t);
    const other = await recordsWorld(t);
    const id = await w.createValid(formatDate(today()));
    await assert.rejects(getFirstDomiciliation(t.db, await administrateurOf(t.db, other.team.structureId), id), (error: Error & { code?: string }) => error.code === 'NOT_FOUND');
  });
});

/** The words of a PDF, as pdftotext reads them; the form's dotted lines dropped. */
function pdfWords(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'decision-dates-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', [join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/_/g, ' ').replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the attestation prints the decision’s own dates', () => {
  test('« Fait à … le » is the day the decision was taken, as corrected; the first domiciliation is derived or given', { skip: missingTools(tools.pdftotext) }, async () => {
    const w = await recordsWorld(t);
    await t.db.updateTable('structures').set({ responsable_nom: 'Garnier', responsable_prenom: 'Claire', responsable_fonction: 'Directrice', city: 'Lyon' }).where('id', '=', w.team.structureId).execute();
    // Recorded on 10 January 2026 (so taken that day), valid from 1 February.
    const person = await createDomicilie(t.db, w.team.structureId, { nom: 'Quéméner', prenom: 'Éloïse', start_date: '2026-02-01', end_date: '2027-01-31', created_at: new Date('2026-01-10T10:00:00Z') });
    const valide = await t.db.selectFrom('decisions').select(['id', 'decided_on']).where('domicilie_id', '=', person.id).where('status', '=', 'valide').executeTakeFirstOrThrow();
    assert.equal(valide.decided_on, '2026-01-10');
    const gestionnaire = await w.as('gestionnaire');
    assert.equal((await gestionnaire.post(`/domicilies/${person.id}/decisions/${valide.id}/date`, { date_decision: '20/01/2026' })).statusCode, 303);
    const attestationUrl = `/domicilies/${person.id}/decisions/${valide.id}/attestation`;
    const derived = await gestionnaire.get(attestationUrl);
    assert.match(String(derived.headers['content-disposition']), /filename="attestation-quemener-eloise-2026-01-20\.pdf"/);
    const words = pdfWords(derived.rawPayload);
    assert.ok(words.includes('Fait à Lyon le 20 / 01 / 2026'), words);
    assert.ok(words.includes('Date de première domiciliation au sein de l’organisme : 01 / 02 / 2026'), words);

    await t.db.updateTable('domicilies').set({ first_domiciliation_on: '2019-05-06' }).where('id', '=', person.id).execute();
    const given = pdfWords((await gestionnaire.get(attestationUrl)).rawPayload);
    assert.ok(given.includes('Date de première domiciliation au sein de l’organisme : 06 / 05 / 2019'), given);
  });
});
