import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import * as repository from './domicilies.repository.ts';
import { parseIdentity, type AyantDroit, type Identity, type IdentityForm } from './identity-input.ts';

/**
 * The domicilié's row: identity, ayants droit and the lock every change of the record takes.
 * What spans the record and other modules (its decisions, its portal access) is in
 * domain/dossiers, which calls this module and is never called by it.
 */

export type FicheHeader = NonNullable<Awaited<ReturnType<typeof repository.findFicheHeader>>>;
export type Dossier = NonNullable<Awaited<ReturnType<typeof repository.findDossier>>>;
export type AyantDroitRow = Awaited<ReturnType<typeof repository.listAyantsDroit>>[number];
export type PossibleDuplicate = Awaited<ReturnType<typeof repository.findPossibleDuplicates>>[number];
export type LockedDomicilie = NonNullable<Awaited<ReturnType<typeof repository.lockDomicilie>>>;

/** A domicilié of the staff member's structure; another structure's record is "not found". */
export async function getFicheHeader(db: Kysely<DB>, staff: StaffActor, id: string): Promise<FicheHeader> {
  const row = await repository.findFicheHeader(db, staff.structureId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Locks the domicilié's row in the caller's transaction, which every change of the record
 * (mail, decisions, portal access) opens with; another structure's record is "not found".
 */
export async function lockDomicilie(trx: Kysely<DB>, staff: StaffActor, id: string): Promise<LockedDomicilie> {
  const row = await repository.lockDomicilie(trx, staff.structureId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The identity and the ayants droit, as the « Dossier » tab and the identity form show them. */
export async function getIdentity(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, id: string): Promise<{ domicilie: Dossier; ayantsDroit: AyantDroitRow[] }> {
  const domicilie = await repository.findDossier(db, staff.structureId, id);
  if (!domicilie) throw new AppError('NOT_FOUND');
  return { domicilie, ayantsDroit: await repository.listAyantsDroit(db, id) };
}

export type NewDomicilie = { identity: Identity; ayantsDroit: AyantDroit[]; duplicates: PossibleDuplicate[] };

/** Checks the form of a new record (French messages) and finds the people it may duplicate. */
export async function checkNewDomicilie(db: Kysely<DB>, staff: StaffActor, form: IdentityForm): Promise<NewDomicilie> {
  const { identity, ayantsDroit } = parseIdentity(form, isoDateIn(new Date(), staff.timezone));
  return { identity, ayantsDroit, duplicates: await repository.findPossibleDuplicates(db, staff.structureId, identity) };
}

/** Inserts a checked record with the next numéro de dossier, in the caller's transaction. */
export async function insertDomicilie(trx: Kysely<DB>, staff: StaffActor, record: NewDomicilie) {
  const dossierNumber = await repository.allocateDossierNumber(trx, staff.structureId);
  const row = await repository.insertDomicilie(trx, { ...record.identity, structure_id: staff.structureId, dossier_number: dossierNumber, status: 'instruction', created_by: staff.id });
  await repository.replaceAyantsDroit(trx, row.id, record.ayantsDroit);
  return row;
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

/** Deletes the row in the caller's transaction; what hangs on it goes with it (ON DELETE CASCADE). */
export async function deleteDomicilieRow(trx: Kysely<DB>, staff: StaffActor, id: string): Promise<void> {
  if ((await repository.deleteDomicilie(trx, staff.structureId, id)) === 0) throw new AppError('NOT_FOUND');
}

/** What staff did on the record, newest first. */
export function listAuditAbout(db: Kysely<DB>, staff: StaffActor, id: string, limit: number) {
  return repository.listAuditAbout(db, staff.structureId, id, limit);
}
