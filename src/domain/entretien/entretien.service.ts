import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { allowed, type Role } from '../../shared/roles.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { lockDomicilie } from '../domicilies/domicilies.service.ts';
import type { Entretien, EntretienField } from './entretien-fields.ts';
import { changedFields, parseEntretien, type EntretienForm } from './entretien-input.ts';
import * as repository from './entretien.repository.ts';

/**
 * The entretien social of a domicilié: read by every role of the structure, written by those
 * who edit the record's identity (the facteur only reads it).
 */

export type { Entretien, EntretienField } from './entretien-fields.ts';
export type { EntretienForm, EntretienProblem } from './entretien-input.ts';
export { entretienFormValues, parseEntretien } from './entretien-input.ts';

export const canEditEntretien = (role: Role) => (allowed.editors as readonly Role[]).includes(role);

/** A record's entretien, answers null where « non renseigné »; another structure's record is "not found". */
export async function getEntretien(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, domicilieId: string): Promise<Entretien> {
  const entretien = await repository.findEntretien(db, staff.structureId, domicilieId);
  if (!entretien) throw new AppError('NOT_FOUND');
  return entretien;
}

/**
 * The entretiens filled in by the structure, by domicilié id (all of them, or those of the ids
 * given): for the export and the yearly report. A domicilié missing from the map has none.
 */
export async function listEntretiens(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, domicilieIds?: readonly string[]): Promise<Map<string, Entretien>> {
  if (domicilieIds?.length === 0) return new Map();
  const rows = await repository.listEntretiens(db, staff.structureId, domicilieIds);
  return new Map(rows.map(({ domicilie_id, ...entretien }) => [domicilie_id, entretien]));
}

/**
 * Writes a checked entretien (parseEntretien) in the caller's transaction, which holds the
 * domicilié's lock; returns the fields it changed. Not audited: the caller says what it did
 * (a form, an import).
 */
export async function writeEntretien(trx: Kysely<DB>, staff: StaffActor, domicilieId: string, entretien: Entretien): Promise<EntretienField[]> {
  if (!canEditEntretien(staff.role)) throw new AppError('FORBIDDEN');
  const before = await getEntretien(trx, staff, domicilieId);
  const changed = changedFields(before, entretien);
  if (changed.length > 0) await repository.upsertEntretien(trx, { ...entretien, domicilie_id: domicilieId, structure_id: staff.structureId, updated_by: staff.id });
  return changed;
}

/** The « Entretien » form: checks it, writes it under the record's lock, audits the names of the fields changed. */
export async function updateEntretien(db: Kysely<DB>, staff: StaffActor, domicilieId: string, form: EntretienForm): Promise<EntretienField[]> {
  if (!canEditEntretien(staff.role)) throw new AppError('FORBIDDEN');
  const entretien = parseEntretien(form);
  return db.transaction().execute(async (trx) => {
    await lockDomicilie(trx, staff, domicilieId);
    const changed = await writeEntretien(trx, staff, domicilieId, entretien);
    if (changed.length > 0) {
      await audit(trx, staffAuditActor(staff), { action: 'entretien.update', target: { type: 'domicilie', id: domicilieId }, details: { fields: changed.join(',') } });
    }
    return changed;
  });
}
