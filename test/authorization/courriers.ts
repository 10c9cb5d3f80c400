import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';

// The fixture's domicilié has no mail, procuration or event: allowed callers get the tab
// again with a French message (400/409) where there is nothing to act on, never 401/403/404.
const unknownProcuration = '00000000-0000-4000-8000-000000000001';
const unknownEvent = '00000000-0000-4000-8000-000000000002';
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

export const rules: RouteRule[] = [
  { method: 'GET', path: (f) => `/domicilies/${f.domicilieId}/courriers`, allowed: allowed.everyone, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/courriers/reception`, form: () => ({ courrier: '1', colis: '0', avis_passage: '0', comment: '' }), allowed: allowed.everyone, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/courriers/distribution`, form: () => ({ recipient: 'domicilie' }), allowed: allowed.everyone, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/courriers/retour`, allowed: allowed.everyone, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/courriers/transfert-envoi`, allowed: allowed.everyone, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/courriers/annuler`, form: () => ({ event_id: unknownEvent }), allowed: allowed.everyone, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/passage`, allowed: allowed.everyone, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/appel`, allowed: allowed.everyone, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/procurations`, form: () => ({ nom: 'Martin', prenom: 'Jean', date_debut: today(), date_fin: inAMonth() }), allowed: allowed.editors, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/procurations/${unknownProcuration}/supprimer`, allowed: allowed.editors, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/transfert`, form: () => ({ recipient_name: 'Centre social', address: '1 rue A, 69001 Lyon', date_debut: today(), date_fin: inAMonth() }), allowed: allowed.editors, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/transfert/supprimer`, allowed: allowed.editors, scoped: true },
];
