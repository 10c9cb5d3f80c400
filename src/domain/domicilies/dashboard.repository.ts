import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { IsoDate } from '../../shared/dates.ts';

export type DashboardCountsRow = { valide: string; mail_people: string; mail_items: string; not_seen: string; soon: string };

const waiting = sql`waiting_courrier + waiting_colis + waiting_avis_passage`;

/**
 * The four figures of the staff home page in one pass over the structure's records, with the
 * conditions of the list's filters (search.repository.ts), so that a figure and its list agree.
 * The waiting mail is the counts kept on each record (decision 0006): no index holds them, so
 * the pass reads the structure's rows once for all four figures rather than once for the mail
 * after three index counts. A partial index on the records with mail waiting would let each
 * figure be read from an index (domicilies_passage_idx, domicilies_end_date_idx and it).
 */
export async function dashboardCounts(db: Kysely<DB>, structureId: string, today: IsoDate, soonLimit: IsoDate, notSeenMonths: number) {
  const { rows } = await sql<DashboardCountsRow>`
    SELECT
      count(*) FILTER (WHERE status = 'valide') AS valide,
      count(*) FILTER (WHERE status = 'valide'
        AND coalesce(last_visit_at, '-infinity'::timestamptz) < now() - make_interval(months => ${notSeenMonths})) AS not_seen,
      count(*) FILTER (WHERE status = 'valide' AND end_date >= ${today} AND end_date < ${soonLimit}) AS soon,
      count(*) FILTER (WHERE ${waiting} > 0) AS mail_people,
      coalesce(sum(${waiting}), 0) AS mail_items
    FROM domicilies
    WHERE structure_id = ${structureId}`.execute(db);
  return rows[0]!;
}
