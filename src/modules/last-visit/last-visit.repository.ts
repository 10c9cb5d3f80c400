import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The latest moment the person showed up, from everything that remains (domain.md):
 * visits, calls, mail handed to the person themself, forwardings, the record's creation,
 * renewals, valid domiciliations' start, and portal logins that counted as visits.
 */
export async function latestPresence(db: Kysely<DB>, domicilieId: string): Promise<Date | null> {
  const result = await sql<{ latest: Date | null }>`
    SELECT greatest(
      (SELECT max(created_at) FROM courrier_events
        WHERE domicilie_id = ${domicilieId} AND undone_at IS NULL
          AND (kind IN ('visit', 'call', 'transfer') OR (kind = 'hand_out' AND recipient = 'domicilie'))),
      (SELECT created_at FROM domicilies WHERE id = ${domicilieId}),
      (SELECT max(created_at) FROM decisions
        WHERE domicilie_id = ${domicilieId} AND cancelled_at IS NULL AND is_renewal),
      (SELECT max(start_date::timestamp AT TIME ZONE s.timezone) FROM decisions d JOIN structures s ON s.id = d.structure_id
        WHERE d.domicilie_id = ${domicilieId} AND d.cancelled_at IS NULL AND d.status = 'valide' AND d.start_date IS NOT NULL),
      (SELECT max(logged_in_at) FROM portal_logins WHERE domicilie_id = ${domicilieId} AND counts_as_visit)
    ) AS latest`.execute(db);
  return result.rows[0]?.latest ?? null;
}

/** The start of the current valid domiciliation, as an instant at midnight in the structure's time zone. */
export async function currentValidStart(db: Kysely<DB>, domicilieId: string): Promise<Date | null> {
  const result = await sql<{ start: Date | null }>`
    SELECT (d.start_date::timestamp AT TIME ZONE s.timezone) AS start
    FROM domicilies d JOIN structures s ON s.id = d.structure_id
    WHERE d.id = ${domicilieId} AND d.status = 'valide' AND d.start_date IS NOT NULL`.execute(db);
  return result.rows[0]?.start ?? null;
}

export async function setLastVisit(db: Kysely<DB>, domicilieId: string, lastVisitAt: Date | null) {
  await db.updateTable('domicilies').set({ last_visit_at: lastVisitAt }).where('id', '=', domicilieId).execute();
}
