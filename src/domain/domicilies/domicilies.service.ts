import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { listDecisionHistory, recordFirstInstruction } from '../decisions/decisions.service.ts';
import { recomputeLastVisit } from '../last-visit/last-visit.service.ts';
import * as repository from './domicilies.repository.ts';
import { parseIdentity, type IdentityForm } from './identity-input.ts';

export type FicheHeader = NonNullable<Awaited<ReturnType<typeof repository.findFicheHeader>>>;
export type Dossier = NonNullable<Awaited<ReturnType<typeof repository.findDossier>>>;
export type AyantDroitRow = Awaited<ReturnType<typeof repository.listAyantsDroit>>[number];
export type PossibleDuplicate = Awaited<ReturnType<typeof repository.findPossibleDuplicates>>[number];


/** A domicilié of the staff member's structure; another structure's record is "not found". */
export async function getFicheHeader(db: Kysely<DB>, staff: StaffActor, id: string): Promise<FicheHeader> {
  const row = await repository.findFicheHeader(db, staff.structureId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Everything the « Dossier » tab shows: identity, ayants droit, decisions. */
export async function getDossier(db: Kysely<DB>, staff: StaffActor, id: string) {
  const domicilie = await repository.findDossier(db, staff.structureId, id);
  if (!domicilie) throw new AppError('NOT_FOUND');
  const [ayantsDroit, decisions] = await Promise.all([repository.listAyantsDroit(db, id), listDecisionHistory(db, staff, id)]);
  return { domicilie, ayantsDroit, decisions };
}

export type CreationOutcome = { created: { id: string; dossier_number: number } } | { duplicates: PossibleDuplicate[] };

/**
 * Creates a record with its first decision (instruction). A possible duplicate stops the
 * creation until staff confirm that it is another person.
 */
export async function createDomicilie(db: Kysely<DB>, staff: StaffActor, form: IdentityForm, options: { confirmDuplicate: boolean }): Promise<CreationOutcome> {
  const { identity, ayantsDroit } = parseIdentity(form, isoDateIn(new Date(), staff.timezone));
  const duplicates = await repository.findPossibleDuplicates(db, staff.structureId, identity);
  if (duplicates.length > 0 && !options.confirmDuplicate) return { duplicates };
  const created = await db.transaction().execute(async (trx) => {
    const dossierNumber = await repository.allocateDossierNumber(trx, staff.structureId);
    const row = await repository.insertDomicilie(trx, { ...identity, structure_id: staff.structureId, dossier_number: dossierNumber, status: 'instruction', created_by: staff.id });
    await repository.replaceAyantsDroit(trx, row.id, ayantsDroit);
    await recordFirstInstruction(trx, staff, row.id);
    // Coming to ask for a domiciliation is a visit (domain.md).
    await recomputeLastVisit(trx, row.id);
    await audit(trx, staffAuditActor(staff), {
      action: 'domicilie.created',
      target: { type: 'domicilie', id: row.id },
      details: { dossier_number: row.dossier_number, possible_duplicates: duplicates.length },
    });
    return row;
  });
  return { created };
}

export async function updateIdentity(db: Kysely<DB>, staff: StaffActor, id: string, form: IdentityForm) {
  const { identity, ayantsDroit } = parseIdentity(form, isoDateIn(new Date(), staff.timezone));
  await db.transaction().execute(async (trx) => {
    const updated = await repository.updateDomicilie(trx, staff.structureId, id, { ...identity, updated_at: new Date() });
    if (updated === 0) throw new AppError('NOT_FOUND');
    await repository.replaceAyantsDroit(trx, id, ayantsDroit);
    await audit(trx, staffAuditActor(staff), { action: 'domicilie.updated', target: { type: 'domicilie', id }, details: { ayants_droit: ayantsDroit.length } });
  });
}
