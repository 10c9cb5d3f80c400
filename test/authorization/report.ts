import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';

export const rules: RouteRule[] = [
  { method: 'GET', path: () => '/statistiques', allowed: allowed.deciders },
  { method: 'POST', path: () => '/statistiques/reponses', form: () => ({ annee: '2025', liste_attente: 'oui', delai_moyen_jours: '30' }), allowed: allowed.deciders },
  { method: 'POST', path: () => '/statistiques/rapport.xlsx', form: () => ({ du: '2025-01-01', au: '2025-12-31' }), allowed: allowed.deciders },
];
