import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';

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
