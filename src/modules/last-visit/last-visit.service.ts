import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as repository from './last-visit.repository.ts';

/**
 * Recomputes the date de dernier passage from what remains, never before the start of the
 * current valid domiciliation. Call it inside the transaction that added, undid or
 * cancelled an event, a decision or a portal login, after the change.
 */
export function recomputeLastVisit(db: Kysely<DB>, domicilieId: string): Promise<Date | null> {
  return repository.updateLastVisitFromPresence(db, domicilieId);
}
