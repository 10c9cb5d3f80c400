import { formatDate, isoDateIn } from '../../src/shared/dates.ts';
import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';

/** The decision a letter of the fiche is about, read from its link: the rule's path then names it. */
function letterDecision(fiche: { body: string }, letter: string): string {
  const found = new RegExp(`/decisions/([0-9a-f-]{36})/${letter}`).exec(fiche.body);
  if (!found) throw new Error(`no ${letter} link on the fiche`);
  return found[1]!;
}

const identity = () => ({ nom: 'Martin', prenom: 'Jean', date_naissance: '02/11/1970', confirmer_doublon: 'oui' });

export const rules: RouteRule[] = [
  { method: 'GET', path: () => '/domicilies', allowed: allowed.everyone },
  { method: 'GET', path: () => '/domicilies?statut=valide&passage=3&courrier=1', allowed: allowed.everyone },
  { method: 'POST', path: () => '/domicilies', form: () => ({ q: 'dupont', echeance: 'bientot' }), allowed: allowed.everyone },
  { method: 'POST', path: () => '/domicilies/effacer', allowed: allowed.everyone },
  { method: 'GET', path: () => '/domicilies/nouveau', allowed: allowed.editors },
  { method: 'POST', path: () => '/domicilies/nouveau', form: identity, allowed: allowed.editors },
  { method: 'GET', path: (f) => `/domicilies/${f.domicilieId}`, allowed: allowed.everyone, scoped: true },
  { method: 'GET', path: (f) => `/domicilies/${f.domicilieId}/modifier`, allowed: allowed.editors, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}`, form: identity, allowed: allowed.editors, scoped: true },
  { method: 'GET', path: (f) => `/domicilies/${f.domicilieId}/historique`, allowed: allowed.everyone, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/supprimer`, form: () => ({ confirmation: 'oui' }), allowed: allowed.deciders, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/decisions`, form: () => ({ decision: 'radiation', motif: 'a_sa_demande' }), allowed: allowed.editors, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/decisions`, form: () => ({ decision: 'renouvellement' }), allowed: allowed.editors, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/decisions`, form: () => ({ decision: 'valide', date_debut: '01/12/2026' }), allowed: allowed.deciders, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/decisions`, form: () => ({ decision: 'refus', motif: 'saturation' }), allowed: allowed.deciders, scoped: true },
  { method: 'GET', path: (f) => `/domicilies/${f.domicilieId}/decisions/${f.decisionId}/attestation`, allowed: allowed.editors, scoped: true },
  { method: 'GET', path: (f) => `/domicilies/${f.domicilieId}/attestation-postale`, allowed: allowed.editors, scoped: true },
  {
    method: 'GET',
    path: (f) => `/domicilies/${f.domicilieId}/decisions/${f.decisionId}/courrier-radiation`,
    allowed: allowed.editors,
    scoped: true,
    prepare: async (administrateur, f) => {
      await administrateur.post(`/domicilies/${f.domicilieId}/decisions`, { decision: 'radiation', motif: 'a_sa_demande' });
      f.decisionId = letterDecision(await administrateur.get(`/domicilies/${f.domicilieId}`), 'courrier-radiation');
    },
  },
  {
    method: 'GET',
    path: (f) => `/domicilies/${f.domicilieId}/decisions/${f.decisionId}/courrier-refus`,
    allowed: allowed.editors,
    scoped: true,
    prepare: async (administrateur, f) => {
      await administrateur.post(`/domicilies/${f.domicilieId}/decisions`, { decision: 'renouvellement' });
      await administrateur.post(`/domicilies/${f.domicilieId}/decisions`, { decision: 'refus', motif: 'saturation' });
      f.decisionId = letterDecision(await administrateur.get(`/domicilies/${f.domicilieId}`), 'courrier-refus');
    },
  },
  // The fixture's decision is valide: only those who validate change its date.
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/decisions/${f.decisionId}/date`, form: () => ({ date_decision: formatDate(isoDateIn(new Date(), 'Europe/Paris')) }), allowed: allowed.deciders, scoped: true },
  {
    method: 'GET',
    path: (f) => `/domicilies/${f.domicilieId}/demande`,
    allowed: allowed.editors,
    scoped: true,
    // The demande is printed while a request is under instruction: the valide record's renewal is asked first.
    prepare: async (administrateur, f) => {
      await administrateur.post(`/domicilies/${f.domicilieId}/decisions`, { decision: 'renouvellement' });
    },
  },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/decisions/annuler`, form: () => ({ decision_id: '00000000-0000-4000-8000-000000000003' }), allowed: allowed.deciders, scoped: true },
];
