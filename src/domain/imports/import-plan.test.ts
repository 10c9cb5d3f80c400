import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyEntretien } from '../entretien/entretien-fields.ts';
import type { TemplateRow } from '../spreadsheet/template.ts';
import { plannedPerson, startOfDayIn } from './import-plan.ts';
import { emptyCounts, FileIdentities, sortBatch } from './import-summary.ts';

const context = { structureId: 's', importId: 'i', staffId: 'u', timezone: 'Europe/Paris', today: '2026-12-03', now: new Date('2026-12-03T10:00:00Z') };
const row = (values: Partial<TemplateRow> = {}): TemplateRow => ({
  line: 2, externalId: null, sexe: null, nom: 'Martin', prenom: 'Lucie', surnom: null, birthDate: '1985-03-14', birthPlace: null, phone: null, email: null,
  status: 'valide', motif: null, isRenewal: false, startDate: '2026-02-01', endDate: '2027-01-31', firstDomiciliation: null, lastVisit: null,
  entretien: emptyEntretien(), ayantsDroit: [], ...values,
});

test('a day starts at midnight in the structure’s time zone, summer, winter and overseas', () => {
  assert.equal(startOfDayIn('2026-01-15', 'Europe/Paris').toISOString(), '2026-01-14T23:00:00.000Z');
  assert.equal(startOfDayIn('2026-07-15', 'Europe/Paris').toISOString(), '2026-07-14T22:00:00.000Z');
  assert.equal(startOfDayIn('2026-03-29', 'Europe/Paris').toISOString(), '2026-03-28T23:00:00.000Z', 'the day summer time starts');
  assert.equal(startOfDayIn('2026-07-15', 'Indian/Reunion').toISOString(), '2026-07-14T20:00:00.000Z');
});

test('the last visit is column Q, never before the current valid domiciliation; empty, the import’s moment', () => {
  assert.equal(plannedPerson(row({ lastVisit: '2026-03-10' }), context, 'x').domicilie.last_visit_at.toISOString(), '2026-03-09T23:00:00.000Z');
  assert.equal(plannedPerson(row({ lastVisit: '2025-12-01' }), context, 'x').domicilie.last_visit_at.toISOString(), '2026-01-31T23:00:00.000Z');
  const instruction = plannedPerson(row({ status: 'instruction', startDate: null, endDate: null }), context, 'x');
  assert.equal(instruction.domicilie.last_visit_at, context.now);
  assert.deepEqual(instruction.decisions.map((d) => [d.status, d.decided_on]), [['instruction', '2026-12-03']]);
  assert.equal(instruction.entretien, null, 'an entretien answering nothing is not written');
});

test('a radié with a start has its domiciliation, then its radiation on column O, in that order', () => {
  const radie = plannedPerson(row({ status: 'radie', motif: 'a_sa_demande', startDate: '2025-01-01', endDate: '2025-01-01' }), context, 'x');
  assert.deepEqual(radie.decisions.map((d) => [d.status, d.decided_on, d.start_date, d.end_date, d.motif]), [
    ['valide', '2025-01-01', '2025-01-01', '2025-12-31', null],
    ['radie', '2025-01-01', null, null, 'a_sa_demande'],
  ]);
  assert.ok(radie.decisions[1]!.created_at > radie.decisions[0]!.created_at, 'the same day, the radiation comes after');
  assert.deepEqual([radie.domicilie.status, radie.domicilie.start_date, radie.domicilie.end_date], ['radie', null, null]);
});

test('rows are skipped for the same ID, for the same person without ID, or when the file repeats them; look-alikes are created and listed', () => {
  const counts = emptyCounts();
  const seen = new FileIdentities();
  const rows = [
    row({ line: 2, externalId: 'A-1' }),
    row({ line: 3, externalId: null, nom: 'Roux', prenom: 'Émile' }),
    row({ line: 4, externalId: 'A-3', nom: 'Petit' }),
    row({ line: 5, externalId: 'a-3', nom: 'Petit' }),
    row({ line: 6, externalId: 'A-6', nom: 'Faure' }),
  ];
  const matches = [
    { line: 2, id: 'd1', dossier_number: 11, same_ref: true, same_identity: false },
    { line: 3, id: 'd2', dossier_number: 12, same_ref: false, same_identity: true },
    { line: 6, id: 'd3', dossier_number: 13, same_ref: false, same_identity: true },
  ];
  const created = sortBatch(rows, matches, seen, counts);
  assert.deepEqual(created.map((r) => r.line), [4, 6]);
  assert.deepEqual(counts.skipped.shown.map((s) => [s.line, s.reason, s.dossierNumber, s.sameAsLine]), [
    [2, 'meme_id', 11, null],
    [3, 'meme_personne', 12, null],
    [5, 'deja_dans_le_fichier', null, 4],
  ]);
  assert.deepEqual(counts.duplicates.shown.map((d) => [d.line, d.dossierNumbers]), [[6, [13]]]);
  assert.deepEqual([counts.rows, counts.created, counts.byStatus.valide], [5, 2, 2]);
});

test('a domiciliation that starts after the import (a renewal granted ahead) was decided on the import’s day, and no visit is to come', () => {
  const ahead = plannedPerson(row({ startDate: '2027-02-01', endDate: '2028-01-31', isRenewal: true }), context, 'x');
  assert.deepEqual(ahead.decisions.map((d) => [d.status, d.decided_on, d.start_date, d.created_at.toISOString()]), [['valide', '2026-12-03', '2027-02-01', context.now.toISOString()]]);
  assert.equal(ahead.domicilie.last_visit_at, context.now);
});
