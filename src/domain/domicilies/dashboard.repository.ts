import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { IsoDate } from '../../shared/dates.ts';

export type DashboardCountsRow = { valide: string; mail_people: string; mail_items: string; not_seen: string; soon: string };

/**
 * The four figures of the staff home page, with the conditions of the list's filters
 * (search.repository.ts), so that a figure and its list agree. The people valide and the mail
 * waiting are the sums the database keeps as records change (migration 0070); the two figures
 * that move with the calendar are read from indexes (domicilies_passage_idx,
 * domicilies_valide_end_idx).
 */
export async function dashboardCounts(db: Kysely<DB>, structureId: string, today: IsoDate, soonLimit: IsoDate, notSeenMonths: number) {
  const { rows } = await sql<DashboardCountsRow>`
    SELECT tallies.*,
      (SELECT count(*) FROM domicilies WHERE structure_id = ${structureId} AND status = 'valide'
        AND coalesce(last_visit_at, '-infinity'::timestamptz) < now() - make_interval(months => ${notSeenMonths})) AS not_seen,
      (SELECT count(*) FROM domicilies WHERE structure_id = ${structureId} AND status = 'valide'
        AND end_date >= ${today} AND end_date < ${soonLimit}) AS soon
    FROM (
      SELECT coalesce(sum(valide), 0) AS valide, coalesce(sum(mail_people), 0) AS mail_people, coalesce(sum(mail_items), 0) AS mail_items
      FROM structure_tallies WHERE structure_id = ${structureId}
    ) tallies`.execute(db);
  return rows[0]!;
}

/**
 * Folds each structure's rows of differences into one, in one statement: rows a transaction
 * still writes are not seen and stay for the next time; two processes folding at once never
 * count a row twice (the second waits for the first's deletions, then skips those rows).
 */
export async function foldStructureTallies(db: Kysely<DB>): Promise<void> {
  await sql`
    WITH folded AS (
      DELETE FROM structure_tallies
      WHERE structure_id IN (SELECT structure_id FROM structure_tallies GROUP BY structure_id HAVING count(*) > 1)
      RETURNING structure_id, valide, mail_people, mail_items
    )
    INSERT INTO structure_tallies (structure_id, valide, mail_people, mail_items)
    SELECT structure_id, sum(valide), sum(mail_people), sum(mail_items) FROM folded GROUP BY structure_id`.execute(db);
}
