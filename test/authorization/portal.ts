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
  // A person with a personal password is sent home by the first-login page; the form is refused (400).
  { method: 'GET', path: () => '/portail/nouveau-mot-de-passe', ...portal },
  { method: 'POST', path: () => '/portail/nouveau-mot-de-passe', form: () => ({ nouveau_mot_de_passe: 'court', confirmation: 'autre' }), ...portal },
  { method: 'POST', path: () => '/portail/deconnexion', ...portal },
];
