import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { listDecisionHistory, recordFirstInstruction } from '../decisions/decisions.service.ts';
import {
  checkNewDomicilie, deleteDomicilieRow, getFicheHeader, getIdentity, insertDomicilie, listAuditAbout, type PossibleDuplicate,
} from '../domicilies/domicilies.service.ts';
import type { IdentityForm } from '../domicilies/identity-input.ts';
import { recomputeLastVisit } from '../last-visit/last-visit.service.ts';
import { getPortalAccessSummary, listPortalLogins } from '../portal-access/portal-access.service.ts';
import { closeSessionsOf } from '../sessions/sessions.service.ts';

/**
 * A domicilié's dossier as one whole: the row (domain/domicilies) with its decisions and its
 * portal access. It sits above those modules so that they can call domain/domicilies (for the
 * row's lock) without a cycle: the record's own module never calls them.
 */

export type CreationOutcome = { created: { id: string; dossier_number: number } } | { duplicates: PossibleDuplicate[] };

/**
 * Creates a record with its first decision (instruction). A possible duplicate stops the
 * creation until staff confirm that it is another person.
 */
export async function createDomicilie(db: Kysely<DB>, staff: StaffActor, form: IdentityForm, options: { confirmDuplicate: boolean }): Promise<CreationOutcome> {
  const record = await checkNewDomicilie(db, staff, form);
  if (record.duplicates.length > 0 && !options.confirmDuplicate) return { duplicates: record.duplicates };
  const created = await db.transaction().execute(async (trx) => {
    const row = await insertDomicilie(trx, staff, record);
    await recordFirstInstruction(trx, staff, row.id);
    // Coming to ask for a domiciliation is a visit (domain.md).
    await recomputeLastVisit(trx, row.id);
    await audit(trx, staffAuditActor(staff), {
      action: 'domicilie.created',
      target: { type: 'domicilie', id: row.id },
      details: { dossier_number: row.dossier_number, possible_duplicates: record.duplicates.length },
    });
    return row;
  });
  return { created };
}

/** Everything the « Dossier » tab shows: identity, ayants droit, decisions. */
export async function getDossier(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, id: string) {
  const [{ domicilie, ayantsDroit }, decisions] = await Promise.all([getIdentity(db, staff, id), listDecisionHistory(db, staff, id)]);
  return { domicilie, ayantsDroit, decisions };
}

/** Deletes the record and all that hangs on it; the person's portal sessions close at once. */
export async function deleteDomicilie(db: Kysely<DB>, staff: StaffActor, id: string) {
  await db.transaction().execute(async (trx) => {
    const header = await getFicheHeader(trx, staff, id);
    const portal = await getPortalAccessSummary(trx, staff, id);
    if (portal.account) await closeSessionsOf(trx, 'portal', portal.account.id);
    await deleteDomicilieRow(trx, staff, id);
    await audit(trx, staffAuditActor(staff), { action: 'domicilie.deleted', target: { type: 'domicilie', id }, details: { dossier_number: header.dossier_number } });
  });
}

export async function getHistory(db: Kysely<DB>, staff: StaffActor, id: string) {
  const [decisions, portalLogins, auditEntries] = await Promise.all([
    listDecisionHistory(db, staff, id),
    listPortalLogins(db, staff, id),
    listAuditAbout(db, staff, id, 100),
  ]);
  return { decisions, portalLogins, auditEntries };
}

export type History = Awaited<ReturnType<typeof getHistory>>;
