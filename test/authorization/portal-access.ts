import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';

export const rules: RouteRule[] = [
  {
    method: 'GET',
    path: (f) => `/domicilies/${f.domicilieId}/acces-portail/document`,
    allowed: allowed.editors,
    scoped: true,
    // Only the staff member who generated the document downloads it: each caller tries to generate its own.
    prepare: async (administrateur, f, caller) => {
      await administrateur.post(`/domicilies/${f.domicilieId}/acces-portail`, { acces: 'oui' });
      await caller.post(`/domicilies/${f.domicilieId}/acces-portail`, { acces: 'oui', reinitialiser: 'oui' });
    },
  },
  { method: 'GET', path: (f) => `/domicilies/${f.domicilieId}/acces-portail`, allowed: allowed.editors, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/acces-portail`, form: () => ({ acces: 'oui' }), allowed: allowed.editors, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/acces-portail`, form: () => ({ acces: 'non' }), allowed: allowed.editors, scoped: true },
  { method: 'GET', path: () => '/comptes-portail', allowed: allowed.deciders },
];
