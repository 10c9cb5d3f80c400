import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';

// « Avis aux domiciliés »: everyone reads what the structure sends and when; its administrateur sets the hour.
export const rules: RouteRule[] = [
  { method: 'GET', path: () => '/structure/avis', allowed: allowed.everyone },
  { method: 'POST', path: () => '/structure/avis', form: () => ({ heure_notification: '8' }), allowed: allowed.admins },
];
