import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';

// The « Entretien » of a record: read by everyone on the « Dossier » tab, changed by those who edit the identity.
export const rules: RouteRule[] = [
  { method: 'GET', path: (f) => `/domicilies/${f.domicilieId}/entretien`, allowed: allowed.editors, scoped: true },
  {
    method: 'POST',
    path: (f) => `/domicilies/${f.domicilieId}/entretien`,
    form: () => ({ situation_residentielle: 'AUTRE', situation_residentielle_autre: 'Squat', revenus: 'OUI' }),
    allowed: allowed.editors,
    scoped: true,
  },
];
