import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { StaffActor } from '../actor.ts';
import { audit, type AuditEvent, staffAuditActor } from '../audit/audit.service.ts';
import { lockDomicilie, type LockedDomicilie } from '../domicilies/domicilies.service.ts';

/**
 * Every change to a domicilié's mail runs here: one transaction that first locks the
 * domicilié's row (another structure's record is "not found"), so counts stay exact.
 */
export function inMailTransaction<T>(db: Kysely<DB>, staff: StaffActor, domicilieId: string, work: (trx: Transaction<DB>, domicilie: LockedDomicilie) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => work(trx, await lockDomicilie(trx, staff, domicilieId)));
}

export function auditMail(db: Kysely<DB>, staff: StaffActor, domicilieId: string, action: string, details: AuditEvent['details'] = {}) {
  return audit(db, staffAuditActor(staff), { action, target: { type: 'domicilie', id: domicilieId }, details });
}
