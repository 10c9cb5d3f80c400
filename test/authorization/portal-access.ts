import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';

// GET /domicilies/:id/acces-portail/document needs a document produced less than 15 minutes
// earlier, which this matrix's world does not have: its rules per role and per structure are
// tested in src/modules/portal-access/portal-access.test.ts.
export const rules: RouteRule[] = [
  { method: 'GET', path: (f) => `/domicilies/${f.domicilieId}/acces-portail`, allowed: allowed.editors, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/acces-portail`, form: () => ({ acces: 'oui' }), allowed: allowed.editors, scoped: true },
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/acces-portail`, form: () => ({ acces: 'non' }), allowed: allowed.editors, scoped: true },
  { method: 'GET', path: () => '/comptes-portail', allowed: allowed.deciders },
];
