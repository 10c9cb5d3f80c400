import type { RouteRule } from './rules.ts';

// The person's own switch and new e-mail are portal pages (the structure's hour is in
// notifications.ts). The confirmation link is open to anyone (PUBLIC_ROUTES).
const portal = { allowed: [], audience: 'portal' } as const;

export const rules: RouteRule[] = [
  { method: 'GET', path: () => '/portail/avis', ...portal },
  { method: 'POST', path: () => '/portail/avis/pause', form: () => ({ avis: 'off' }), ...portal },
  { method: 'POST', path: () => '/portail/avis/email', form: () => ({ email: 'nouvelle@exemple.fr' }), ...portal },
];
