import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';

// The notices: the structure's hour is an administrateur's setting; the person's own switch and
// new e-mail are portal pages. The confirmation link is open to anyone (PUBLIC_ROUTES).
const portal = { allowed: [], audience: 'portal' } as const;

export const rules: RouteRule[] = [
  { method: 'POST', path: () => '/structure/avis', form: () => ({ heure: '9' }), allowed: allowed.admins },
  { method: 'GET', path: () => '/portail/avis', ...portal },
  { method: 'POST', path: () => '/portail/avis/pause', form: () => ({ avis: 'off' }), ...portal },
  { method: 'POST', path: () => '/portail/avis/email', form: () => ({ email: 'nouvelle@exemple.fr' }), ...portal },
];
