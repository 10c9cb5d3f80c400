import type { RouteRule } from './rules.ts';

// The domicilié's own pages: staff sessions, of any role or structure, give no access.
const portal = { allowed: [], audience: 'portal' } as const;

export const rules: RouteRule[] = [
  { method: 'GET', path: () => '/portail', ...portal },
  { method: 'GET', path: () => '/portail/historique', ...portal },
  { method: 'GET', path: () => '/portail/mot-de-passe', ...portal },
  {
    method: 'POST',
    path: () => '/portail/mot-de-passe',
    form: () => ({ mot_de_passe_actuel: 'pas le bon', nouveau_mot_de_passe: 'une phrase assez longue', confirmation: 'une phrase assez longue' }),
    ...portal,
  },
];
