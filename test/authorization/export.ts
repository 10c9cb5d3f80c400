import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';

export const rules: RouteRule[] = [
  { method: 'GET', path: () => '/domicilies/export', allowed: allowed.deciders },
  { method: 'POST', path: () => '/domicilies/export', form: () => ({ statut: 'valide', confirmation: 'oui' }), allowed: allowed.deciders },
];
