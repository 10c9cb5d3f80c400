import type { Role } from '../shared/roles.ts';

/** The logged-in staff member, always read from the server-side session; every staff action names one. */
export type StaffActor = {
  id: string;
  structureId: string;
  structureName: string;
  /** The structure's time zone: dates shown to staff are its calendar days. */
  timezone: string;
  role: Role;
  email: string;
  nom: string;
  prenom: string;
};
