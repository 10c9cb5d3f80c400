import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { listDecisionHistory } from '../decisions/decisions.service.ts';
import { getPortalAccessSummary, listPortalLogins } from '../portal-access/portal-access.service.ts';
import { closeSessionsOf } from '../sessions/sessions.service.ts';
import * as repository from './domicilies.repository.ts';
import { getFicheHeader } from './domicilies.service.ts';

// What combines the record with other modules (portal access, sessions); kept apart from
// domicilies.service.ts, which those modules import.


/** Deletes the record and all that hangs on it; the person's portal sessions close at once. */
export async function deleteDomicilie(db: Kysely<DB>, staff: StaffActor, id: string) {
  await db.transaction().execute(async (trx) => {
    const header = await getFicheHeader(trx, staff, id);
    const portal = await getPortalAccessSummary(trx, staff, id);
    if (portal.account) await closeSessionsOf(trx, 'portal', portal.account.id);
    await repository.deleteDomicilie(trx, staff.structureId, id);
    await audit(trx, staffAuditActor(staff), { action: 'domicilie.deleted', target: { type: 'domicilie', id }, details: { dossier_number: header.dossier_number } });
  });
}

export async function getHistory(db: Kysely<DB>, staff: StaffActor, id: string) {
  const [decisions, portalLogins, auditEntries] = await Promise.all([
    listDecisionHistory(db, staff, id),
    listPortalLogins(db, staff, id),
    repository.listAuditAbout(db, staff.structureId, id, 100),
  ]);
  return { decisions, portalLogins, auditEntries };
}

export type History = Awaited<ReturnType<typeof getHistory>>;
