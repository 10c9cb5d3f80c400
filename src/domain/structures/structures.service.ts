import type { Kysely } from 'kysely';
import type { DB, StructureType } from '../../db/schema.ts';
import { AppError, InvalidInput } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { checkOfficialFields, officialFieldNames, type OfficialFieldsInput, type OfficialFieldsProblem } from './official-fields.ts';
import * as repository from './structures.repository.ts';

export { missingForOfficialForms, type MissingField } from './official-fields.ts';

export type Structure = NonNullable<Awaited<ReturnType<typeof repository.findStructure>>>;

export const structureTypeLabels: Record<StructureType, string> = { ccas: 'CCAS', cias: 'CIAS', association: 'Association' };

export async function getStructure(db: Kysely<DB>, id: string): Promise<Structure> {
  const structure = await repository.findStructure(db, id);
  if (!structure) throw new AppError('NOT_FOUND');
  return structure;
}

/** What is wrong with a structure's details; the staff dictionary words it (decision 0027). */
export type StructureProblem =
  | { code: 'nom_structure_manquant' }
  | { code: 'adresse_manquante' }
  | { code: 'code_postal_invalide' }
  | { code: 'ville_manquante' }
  | { code: 'email_structure_invalide' }
  | { code: 'telephone_structure_invalide' }
  | OfficialFieldsProblem;

export type StructureDetails = { name: string; street: string; postcode: string; city: string; phone: string; email: string; opening_hours: string };

function checkDetails(input: StructureDetails) {
  const clean = (value: string | undefined) => (value ?? '').trim();
  const trimmed: StructureDetails = {
    name: clean(input.name),
    street: clean(input.street),
    postcode: clean(input.postcode),
    city: clean(input.city),
    phone: clean(input.phone),
    email: clean(input.email),
    opening_hours: clean(input.opening_hours),
  };
  const errors: Record<string, StructureProblem> = {};
  if (!trimmed.name) errors.name = { code: 'nom_structure_manquant' };
  if (!trimmed.street) errors.street = { code: 'adresse_manquante' };
  if (!/^\d{5}$/.test(trimmed.postcode)) errors.postcode = { code: 'code_postal_invalide' };
  if (!trimmed.city) errors.city = { code: 'ville_manquante' };
  if (trimmed.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed.email)) errors.email = { code: 'email_structure_invalide' };
  if (trimmed.phone && !/^[+\d][\d .-]{7,19}$/.test(trimmed.phone)) errors.phone = { code: 'telephone_structure_invalide' };
  if (Object.keys(errors).length > 0) throw new InvalidInput<StructureProblem>(errors);
  return trimmed;
}

export async function updateDetails(db: Kysely<DB>, admin: StaffActor, input: StructureDetails) {
  const details = checkDetails(input);
  await repository.updateStructure(db, admin.structureId, {
    ...details,
    phone: details.phone || null,
    email: details.email || null,
    opening_hours: details.opening_hours || null,
  });
  await audit(db, staffAuditActor(admin), { action: 'structure.details_changed', target: { type: 'structure', id: admin.structureId } });
}

/**
 * The responsable, agrément, commune and postal address the official forms print. The trail
 * names the fields changed, not their values.
 */
export async function updateOfficialFields(db: Kysely<DB>, admin: StaffActor, input: OfficialFieldsInput) {
  await db.transaction().execute(async (trx) => {
    const before = await getStructure(trx, admin.structureId);
    const fields = checkOfficialFields(before.type, input);
    const changed = officialFieldNames.filter((name) => before[name] !== fields[name]);
    if (changed.length === 0) return;
    await repository.updateStructure(trx, admin.structureId, fields);
    await audit(trx, staffAuditActor(admin), {
      action: 'structure.official_fields_changed',
      target: { type: 'structure', id: admin.structureId },
      details: { fields: changed.join(' ') },
    });
  });
}

export type PortalSettings = { portalEnabled: boolean; loginUpdatesLastVisit: boolean };

export async function updatePortalSettings(db: Kysely<DB>, admin: StaffActor, settings: PortalSettings) {
  const before = await getStructure(db, admin.structureId);
  await repository.updateStructure(db, admin.structureId, {
    portal_enabled: settings.portalEnabled,
    portal_login_updates_last_visit: settings.loginUpdatesLastVisit,
  });
  await audit(db, staffAuditActor(admin), {
    action: 'structure.portal_settings_changed',
    target: { type: 'structure', id: admin.structureId },
    details: {
      portal_enabled_before: before.portal_enabled,
      portal_enabled: settings.portalEnabled,
      login_updates_last_visit: settings.loginUpdatesLastVisit,
    },
  });
}

/** `official` only for a structure set up with its forms' fields already known (the demo data). */
export async function createStructure(db: Kysely<DB>, input: StructureDetails & { type: StructureType; timezone?: string; official?: OfficialFieldsInput }) {
  const details = checkDetails(input);
  const official = input.official ? checkOfficialFields(input.type, input.official) : {};
  const { id } = await repository.insertStructure(db, {
    ...details,
    ...official,
    type: input.type,
    timezone: input.timezone ?? 'Europe/Paris',
    phone: details.phone || null,
    email: details.email || null,
    opening_hours: details.opening_hours || null,
  });
  await audit(db, { type: 'system' }, { action: 'structure.created', target: { type: 'structure', id } });
  return id;
}

export function countStructures(db: Kysely<DB>) {
  return repository.countStructures(db);
}
