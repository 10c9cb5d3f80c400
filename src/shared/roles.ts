import type { Role } from '../db/schema.ts';

export type { Role };

export const roles: readonly Role[] = ['administrateur', 'gestionnaire', 'instructeur', 'facteur'];

export const roleLabels: Record<Role, string> = {
  administrateur: 'Administrateur',
  gestionnaire: 'Gestionnaire',
  instructeur: 'Instructeur',
  facteur: 'Facteur',
};

/** Who may do what (domain.md); routes pass one of these to requireStaff. */
export const allowed = {
  everyone: roles,
  /** Edit records, instruct, radiate, manage portal access. */
  editors: ['administrateur', 'gestionnaire', 'instructeur'],
  /** Take the valide / refus decision, cancel a decision, delete, import, export. */
  deciders: ['administrateur', 'gestionnaire'],
  /** Structure settings and staff accounts. */
  admins: ['administrateur'],
} as const satisfies Record<string, readonly Role[]>;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
