import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as repository from './last-visit.repository.ts';

/**
 * Recomputes the date de dernier passage from what remains, never before the start of the
 * current valid domiciliation. Call it inside the transaction of a change that can move the
 * date back or that touches the decisions (an undo, a cancellation, a new record), after it.
 */
export function recomputeLastVisit(db: Kysely<DB>, domicilieId: string): Promise<Date | null> {
  return repository.updateLastVisitFromPresence(db, domicilieId);
}

/**
 * The new date de dernier passage after a presence at `at` (a visit, mail handed to the
 * person, a portal login): a presence only moves the date forward, so nothing needs
 * recomputing. The UPDATE holding it locks the row, so a concurrent recompute is either seen
 * or sees this presence.
 */
export const advancedLastVisit = (at: Date) => sql<Date>`greatest(last_visit_at, ${at})`;

/** A presence outside any mail event (a portal login that counts as a visit). */
export function recordPresence(db: Kysely<DB>, domicilieId: string, at: Date): Promise<void> {
  return repository.advanceLastVisit(db, domicilieId, advancedLastVisit(at));
}
