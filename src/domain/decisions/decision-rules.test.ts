import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInput } from '../../shared/errors.ts';
import { boundsAround, decisionDayProblem, firstDomiciliationOn, parseDecisionDay } from './decision-dates.ts';
import { decisionRow, decisionsAllowedTo, orientationWords, defaultEndDate, possibleDecisions, stateAfter, type DecisionProblem, type StoredDecision } from './decision-rules.ts';

const d = (status: StoredDecision['status'], extra: Partial<StoredDecision> = {}): StoredDecision => ({ status, is_renewal: false, start_date: null, end_date: null, ...extra });
const valid = (start: string, end: string) => d('valide', { start_date: start, end_date: end });

function fieldsOf(action: () => unknown): Readonly<Record<string, DecisionProblem>> {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidInput) return error.fields;
    throw error;
  }
  assert.fail('expected InvalidInput');
}

describe('decision rules (pure)', () => {
  test('the default end date is one year minus one day, leap years included', () => {
    assert.equal(defaultEndDate('2026-03-01'), '2027-02-28');
    assert.equal(defaultEndDate('2027-03-01'), '2028-02-29');
    assert.equal(defaultEndDate('2028-02-29'), '2029-02-27');
    assert.equal(defaultEndDate('2026-11-26'), '2027-11-25');
  });

  test('a validation reads its dates by the one date rule, and says which date is wrong', () => {
    assert.deepEqual(decisionRow('valide', { date_debut: '1/12/2026', date_fin: '2027-11-30' }).start_date, '2026-12-01');
    assert.equal(decisionRow('valide', { date_debut: '01/12/2026', date_fin: '  ' }).end_date, '2027-11-30');
    assert.deepEqual(fieldsOf(() => decisionRow('valide', { date_debut: '  ' })), { date_debut: { code: 'validation_debut_manquant' } });
    assert.deepEqual(fieldsOf(() => decisionRow('valide', { date_debut: '01/01/1899' })), { date_debut: { code: 'validation_debut_invalide' } });
    assert.deepEqual(fieldsOf(() => decisionRow('valide', { date_debut: '01/12/2026', date_fin: '01/01/2200' })), { date_fin: { code: 'validation_fin_invalide' } });
    assert.deepEqual(fieldsOf(() => decisionRow('valide', { date_debut: '01/12/2026', date_fin: '30/11/2026' })), { date_fin: { code: 'validation_fin_avant_debut' } });
  });

  test('the current state follows the effective decisions; a renewal keeps the valid domiciliation', () => {
    assert.deepEqual(stateAfter([d('instruction')]), { status: 'instruction', start_date: null, end_date: null });
    const validated = [d('instruction'), d('a_valider'), valid('2026-01-01', '2026-12-31')];
    assert.deepEqual(stateAfter(validated), { status: 'valide', start_date: '2026-01-01', end_date: '2026-12-31' });
    const renewing = [...validated, d('instruction', { is_renewal: true }), d('a_valider', { is_renewal: true })];
    assert.deepEqual(stateAfter(renewing), { status: 'valide', start_date: '2026-01-01', end_date: '2026-12-31' });
    assert.deepEqual(stateAfter([...renewing, valid('2027-01-01', '2027-12-31')]), { status: 'valide', start_date: '2027-01-01', end_date: '2027-12-31' });
    assert.deepEqual(stateAfter([...validated, d('radie')]), { status: 'radie', start_date: null, end_date: null });
    assert.deepEqual(stateAfter([d('instruction'), d('refuse'), d('instruction')]), { status: 'instruction', start_date: null, end_date: null });
  });

  test('what each state allows', () => {
    assert.deepEqual(possibleDecisions('instruction', d('instruction')), ['a_valider', 'valide', 'refus']);
    assert.deepEqual(possibleDecisions('a_valider', d('a_valider')), ['instruction', 'valide', 'refus']);
    assert.deepEqual(possibleDecisions('valide', valid('2026-01-01', '2026-12-31')), ['renouvellement', 'radiation']);
    assert.deepEqual(possibleDecisions('valide', d('instruction', { is_renewal: true })), ['a_valider', 'valide', 'refus', 'radiation']);
    assert.deepEqual(possibleDecisions('valide', d('a_valider', { is_renewal: true })), ['valide', 'refus', 'radiation']);
    assert.deepEqual(possibleDecisions('refuse', d('refuse')), ['instruction']);
    assert.deepEqual(possibleDecisions('radie', d('radie')), ['instruction']);
  });

  test('valide and refus belong to gestionnaires and administrateurs; a facteur takes no decision', () => {
    assert.deepEqual(decisionsAllowedTo('instructeur', 'instruction', d('instruction')), ['a_valider']);
    assert.deepEqual(decisionsAllowedTo('gestionnaire', 'instruction', d('instruction')), ['a_valider', 'valide', 'refus']);
    assert.deepEqual(decisionsAllowedTo('administrateur', 'a_valider', d('a_valider')), ['instruction', 'valide', 'refus']);
    assert.deepEqual(decisionsAllowedTo('instructeur', 'valide', valid('2026-01-01', '2026-12-31')), ['renouvellement', 'radiation']);
    for (const status of ['instruction', 'a_valider', 'valide', 'refuse', 'radie'] as const) assert.deepEqual(decisionsAllowedTo('facteur', status, d(status)), []);
  });

  test('a valid decision needs a start; its end defaults, and may not come before the start', () => {
    assert.deepEqual(decisionRow('valide', { date_debut: '01/12/2026' }), {
      status: 'valide', is_renewal: false, start_date: '2026-12-01', end_date: '2027-11-30', motif: null, motif_text: null, orientation: null, orientation_code: null, decided_on: null,
    });
    assert.equal(decisionRow('valide', { date_debut: '01/12/2026', date_fin: '31/05/2027' }).end_date, '2027-05-31');
    assert.deepEqual(fieldsOf(() => decisionRow('valide', {})), { date_debut: { code: 'validation_debut_manquant' } });
    assert.deepEqual(fieldsOf(() => decisionRow('valide', { date_debut: '32/01/2026' })), { date_debut: { code: 'validation_debut_invalide' } });
    assert.deepEqual(fieldsOf(() => decisionRow('valide', { date_debut: '01/12/2026', date_fin: 'bientôt' })), { date_fin: { code: 'validation_fin_invalide' } });
  });

  test('refusal and radiation motifs come from their lists, by code or by label; « Autre » needs a text', () => {
    assert.equal(decisionRow('refus', { motif: 'saturation', orientation: ' CCAS voisin ' }).orientation, 'CCAS voisin');
    assert.equal(decisionRow('refus', { motif: 'Pas de lien avec la commune' }).motif, 'pas_de_lien_avec_la_commune');
    assert.equal(decisionRow('radiation', { motif: 'Entrée dans un logement' }).motif, 'entree_dans_un_logement');
    assert.equal(decisionRow('radiation', { motif: 'non_manifestation_depuis_plus_de_3_mois' }).status, 'radie');
    assert.deepEqual(fieldsOf(() => decisionRow('refus', { motif: 'fin_de_domiciliation' })), { motif: { code: 'motif_manquant', decision: 'refus' } });
    assert.deepEqual(fieldsOf(() => decisionRow('radiation', {})), { motif: { code: 'motif_manquant', decision: 'radiation' } });
    assert.deepEqual(fieldsOf(() => decisionRow('radiation', { motif: 'autre' })), { motif_texte: { code: 'motif_a_preciser' } });
    assert.equal(decisionRow('radiation', { motif: 'autre', motif_texte: 'Décès' }).motif_text, 'Décès');
    assert.equal(decisionRow('renouvellement', {}).is_renewal, true);
  });

  test('the refusal’s orientation: a code from the list or none; « AUTRE » needs the place; a radiation has none', () => {
    assert.deepEqual(pick(decisionRow('refus', { motif: 'saturation', orientation_code: 'CCAS_CIAS', orientation: ' CCAS de Bron ' })), { orientation_code: 'CCAS_CIAS', orientation: 'CCAS de Bron' });
    assert.deepEqual(pick(decisionRow('refus', { motif: 'saturation', orientation_code: '' })), { orientation_code: null, orientation: null });
    assert.deepEqual(fieldsOf(() => decisionRow('refus', { motif: 'saturation', orientation_code: 'AUTRE' })), { orientation: { code: 'orientation_a_preciser' } });
    assert.deepEqual(fieldsOf(() => decisionRow('refus', { motif: 'saturation', orientation_code: 'ccas_cias' })), { orientation_code: { code: 'orientation_inconnue' } });
    assert.deepEqual(pick(decisionRow('radiation', { motif: 'a_sa_demande', orientation_code: 'CCAS_CIAS', orientation: 'x' })), { orientation_code: null, orientation: null });
  });

  test('the day of a decision: typed or empty (today), never invalid; every field is checked at once', () => {
    assert.equal(decisionRow('instruction', {}).decided_on, null);
    assert.equal(decisionRow('valide', { date_debut: '01/12/2026', date_decision: '28/11/2026' }).decided_on, '2026-11-28');
    assert.deepEqual(fieldsOf(() => decisionRow('valide', { date_decision: '32/11/2026' })), { date_decision: { code: 'date_decision_invalide' }, date_debut: { code: 'validation_debut_manquant' } });
    assert.deepEqual(fieldsOf(() => decisionRow('a_valider', { date_decision: 'hier' })), { date_decision: { code: 'date_decision_invalide' } });
    assert.deepEqual(parseDecisionDay('', { required: true }), { ok: false, problem: { code: 'date_decision_manquante' } });
  });

  test('a day stays between its neighbours in the history and today', () => {
    const history = [{ id: 'a', decided_on: '2026-01-10' }, { id: 'b', decided_on: '2026-02-01' }, { id: 'c', decided_on: '2026-03-01' }];
    assert.deepEqual(boundsAround(history, 'b', '2026-12-03'), { today: '2026-12-03', previous: '2026-01-10', next: '2026-03-01' });
    assert.deepEqual(boundsAround(history, 'a', '2026-12-03'), { today: '2026-12-03', previous: null, next: '2026-02-01' });
    assert.deepEqual(boundsAround(history, null, '2026-12-03'), { today: '2026-12-03', previous: '2026-03-01', next: null });
    const bounds = boundsAround(history, 'b', '2026-12-03');
    assert.equal(decisionDayProblem('2026-01-10', bounds), null, 'the same day as the previous one');
    assert.equal(decisionDayProblem('2026-03-01', bounds), null, 'the same day as the next one');
    assert.deepEqual(decisionDayProblem('2026-01-09', bounds), { code: 'date_decision_avant_precedente', previous: '2026-01-10' });
    assert.deepEqual(decisionDayProblem('2026-03-02', bounds), { code: 'date_decision_apres_suivante', next: '2026-03-01' });
    assert.deepEqual(decisionDayProblem('2026-12-04', boundsAround(history, null, '2026-12-03')), { code: 'date_decision_future', today: '2026-12-03' });
    assert.equal(decisionDayProblem('2026-12-03', boundsAround(history, null, '2026-12-03')), null);
  });

  test('the date of first domiciliation: given, or the earliest start of a valide decision not cancelled', () => {
    const at = new Date('2026-05-01T10:00:00Z');
    const decisions = [
      { status: 'valide' as const, start_date: '2024-03-01', cancelled_at: at },
      { status: 'refuse' as const, start_date: null, cancelled_at: null },
      { status: 'valide' as const, start_date: '2026-01-15', cancelled_at: null },
      { status: 'valide' as const, start_date: '2025-01-15', cancelled_at: null },
    ];
    assert.equal(firstDomiciliationOn(null, decisions), '2025-01-15');
    assert.equal(firstDomiciliationOn('2019-05-06', decisions), '2019-05-06');
    assert.equal(firstDomiciliationOn(null, decisions.slice(0, 2)), null);
  });
});

const pick = (row: { orientation_code: string | null; orientation: string | null }) => ({ orientation_code: row.orientation_code, orientation: row.orientation });

test('the orientation as the history and the refusal letter print it: the list’s word, then the place', () => {
  assert.equal(orientationWords({ orientation_code: 'CCAS_CIAS', orientation: 'CCAS de Villeurbanne' }), 'CCAS ou CIAS — CCAS de Villeurbanne');
  assert.equal(orientationWords({ orientation_code: 'ORGANISME_AGREE', orientation: '  ' }), 'Association ou organisme agréé');
  // Refusals recorded before the list: their text alone.
  assert.equal(orientationWords({ orientation_code: null, orientation: 'Association Abri' }), 'Association Abri');
  assert.equal(orientationWords({ orientation_code: null, orientation: null }), null);
});
