import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Sets the date de dernier passage to the latest moment the person showed up, from
 * everything that remains (domain.md): visits, calls, mail handed to the person themself,
 * forwardings, the record's creation, renewals, valid domiciliations' start, and portal
 * logins that counted as visits; never before the start of the current valid domiciliation.
 * One statement: it runs in every mail transaction.
 */
export async function updateLastVisitFromPresence(db: Kysely<DB>, domicilieId: string): Promise<Date | null> {
  const result = await sql<{ last_visit_at: Date | null }>`
    UPDATE domicilies d SET last_visit_at = greatest(
      -- same predicate as courrier_events_presence_idx (migration 0020)
      (SELECT max(e.created_at) FROM courrier_events e
        WHERE e.domicilie_id = ${domicilieId}
          AND e.undone_at IS NULL AND (e.kind IN ('visit', 'call', 'transfer') OR (e.kind = 'hand_out' AND e.recipient = 'domicilie'))),
      d.created_at,
      (SELECT max(r.created_at) FROM decisions r
        WHERE r.domicilie_id = ${domicilieId} AND r.cancelled_at IS NULL AND r.is_renewal),
      (SELECT max(v.start_date::timestamp AT TIME ZONE s.timezone) FROM decisions v
        WHERE v.domicilie_id = ${domicilieId} AND v.cancelled_at IS NULL AND v.status = 'valide' AND v.start_date IS NOT NULL),
      (SELECT max(l.logged_in_at) FROM portal_logins l WHERE l.domicilie_id = ${domicilieId} AND l.counts_as_visit),
      -- the floor: midnight of the current valid domiciliation's first day, in the structure's time zone
      CASE WHEN d.status = 'valide' AND d.start_date IS NOT NULL THEN d.start_date::timestamp AT TIME ZONE s.timezone END
    )
    FROM structures s
    WHERE s.id = d.structure_id AND d.id = ${domicilieId}
    RETURNING d.last_visit_at`.execute(db);
  return result.rows[0]?.last_visit_at ?? null;
}

export async function advanceLastVisit(db: Kysely<DB>, domicilieId: string, lastVisit: RawBuilder<Date>): Promise<void> {
  await db.updateTable('domicilies').set({ last_visit_at: lastVisit }).where('id', '=', domicilieId).execute();
}
