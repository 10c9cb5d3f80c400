import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, DomicilieStatus } from '../../db/schema.ts';
import type { IsoDate } from '../../shared/dates.ts';
import { questions } from '../entretien/entretien-fields.ts';
import type { ReportPeriod } from './report-types.ts';

/**
 * The report's reads: a few grouped queries, each scoped by the structure, so that a structure
 * of 50,000 persons is counted by the database rather than by loops here (issue 18).
 */

/**
 * The persons valide at the end of `day`: for each, their latest non-cancelled decision taken on
 * or before it — a renewal's instruction or « à valider » leaves the domiciliation as it was, as
 * in stateAfter (decision-rules.ts). Decisions are ordered as the service lets them be taken:
 * by their day, then as recorded. Uses decisions_report_state_idx (migration 0069).
 */
function validAt(structureId: string, day: IsoDate): RawBuilder<unknown> {
  return sql`
    latest AS (
      SELECT DISTINCT ON (d.domicilie_id) d.domicilie_id, d.status, d.is_renewal
      FROM decisions d
      WHERE d.structure_id = ${structureId} AND d.cancelled_at IS NULL AND d.decided_on <= ${day}::date
        AND NOT (d.is_renewal AND d.status IN ('instruction', 'a_valider'))
      ORDER BY d.domicilie_id, d.decided_on DESC, d.created_at DESC, d.id DESC
    ),
    valid AS (
      SELECT p.id, p.sexe, p.birth_date, l.is_renewal
      FROM latest l JOIN domicilies p ON p.id = l.domicilie_id AND p.structure_id = ${structureId}
      WHERE l.status = 'valide'
    )`;
}

/** Whole years between a birth date and the day; the bands of the questionnaire (report-types.ts ageBands). */
function ageBandOf(birthDate: RawBuilder<unknown>, day: IsoDate): RawBuilder<string> {
  const years = sql`extract(year FROM age(${day}::date, ${birthDate}))::int`;
  return sql<string>`CASE
    WHEN ${years} < 18 THEN '0_17'
    WHEN ${years} <= 25 THEN '18_25'
    WHEN ${years} <= 29 THEN '26_29'
    WHEN ${years} >= 75 THEN '75_plus'
    ELSE (30 + (${years} - 30) / 5 * 5)::text || '_' || (34 + (${years} - 30) / 5 * 5)::text
  END`;
}

/** One entretien answer as text: the code, 'oui' / 'non', or null for « non renseigné ». */
function answers(): RawBuilder<unknown> {
  const rows = questions.map((question) => {
    const column = sql.ref(`e.${question.field}`);
    const value = question.kind === 'list' ? sql`${column}` : sql`CASE ${column} WHEN true THEN 'oui' WHEN false THEN 'non' END`;
    return sql`(${question.field}::text, ${value})`;
  });
  return sql.join(rows);
}

export type AtLastDayRow = { section: 'persons' | 'ayants_droit' | 'entretien'; a: string | null; b: string | null; c: string | null; count: number };

/**
 * Everything counted at the period's last day, in one read of the decisions: persons by age
 * band, sex and first / renewal; their ayants droit by age group; each entretien answer.
 * The ayants droit and entretiens are those recorded now: they have no history.
 */
export async function countAtLastDay(db: Kysely<DB>, structureId: string, day: IsoDate): Promise<AtLastDayRow[]> {
  const sex = sql`CASE WHEN v.sexe IN ('femme', 'homme') THEN v.sexe ELSE 'non_renseigne' END`;
  const adultAt = sql`extract(year FROM age(${day}::date, a.birth_date)) >= 18`;
  const { rows } = await sql<AtLastDayRow>`
    WITH ${validAt(structureId, day)}
    SELECT 'persons' AS section, ${ageBandOf(sql`v.birth_date`, day)} AS a, ${sex} AS b,
      CASE WHEN v.is_renewal THEN 'renewal' ELSE 'first' END AS c, count(*)::int AS count
    FROM valid v GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'ayants_droit', CASE WHEN a.birth_date IS NULL THEN 'non_renseigne' WHEN ${adultAt} THEN 'majeurs' ELSE 'mineurs' END, NULL, NULL, count(*)::int
    FROM valid v JOIN ayants_droit a ON a.domicilie_id = v.id GROUP BY 2
    UNION ALL
    SELECT 'entretien', q.field, q.value, NULL, count(*)::int
    FROM valid v LEFT JOIN entretiens e ON e.domicilie_id = v.id AND e.structure_id = ${structureId}
    CROSS JOIN LATERAL (VALUES ${answers()}) AS q (field, value)
    GROUP BY 2, 3`.execute(db);
  return rows;
}

export type DecisionRow = { month: string; status: DomicilieStatus; is_renewal: boolean; motif: string | null; count: number; ayants_droit: number };

/**
 * The valide, refus and radiation decisions taken during the period (on their decided_on), by
 * month, kind and motif, with the ayants droit (recorded now) that each attestation covers.
 */
export async function countDecisions(db: Kysely<DB>, structureId: string, period: ReportPeriod): Promise<DecisionRow[]> {
  const { rows } = await sql<DecisionRow>`
    SELECT to_char(d.decided_on, 'YYYY-MM') AS month, d.status, d.is_renewal, d.motif, count(*)::int AS count,
      coalesce(sum(ad.n), 0)::int AS ayants_droit
    FROM decisions d
    LEFT JOIN LATERAL (SELECT count(*) AS n FROM ayants_droit a WHERE a.domicilie_id = d.domicilie_id) ad ON d.status = 'valide'
    WHERE d.structure_id = ${structureId} AND d.cancelled_at IS NULL
      AND d.decided_on BETWEEN ${period.from}::date AND ${period.to}::date
      AND d.status IN ('valide', 'refuse', 'radie')
    GROUP BY 1, 2, 3, 4`.execute(db);
  return rows;
}

/** The instants where the period's first day starts and the day after its last starts, in the structure's time zone. */
function bounds(period: ReportPeriod, timezone: string) {
  return {
    start: sql`(${period.from}::date::timestamp AT TIME ZONE ${timezone})`,
    end: sql`((${period.to}::date + 1)::timestamp AT TIME ZONE ${timezone})`,
  };
}

export type MailRow = { month: string; kind: string; events: number; courrier: number; colis: number; avis_passage: number };

/** The mail events not undone during the period, by local month and kind (courrier_events_report_idx). */
export async function countMail(db: Kysely<DB>, structureId: string, period: ReportPeriod, timezone: string): Promise<MailRow[]> {
  const { start, end } = bounds(period, timezone);
  const { rows } = await sql<MailRow>`
    SELECT to_char(e.created_at AT TIME ZONE ${timezone}, 'YYYY-MM') AS month, e.kind, count(*)::int AS events,
      coalesce(sum(e.courrier), 0)::int AS courrier, coalesce(sum(e.colis), 0)::int AS colis, coalesce(sum(e.avis_passage), 0)::int AS avis_passage
    FROM courrier_events e
    WHERE e.structure_id = ${structureId} AND e.undone_at IS NULL AND e.created_at >= ${start} AND e.created_at < ${end}
    GROUP BY 1, 2`.execute(db);
  return rows;
}

export type PersonsRow = { mail_persons: number; logins: number; login_persons: number };

/** The persons concerned by the mail events, and the portal logins, during the period. */
export async function countPersonsAndLogins(db: Kysely<DB>, structureId: string, period: ReportPeriod, timezone: string): Promise<PersonsRow> {
  const { start, end } = bounds(period, timezone);
  const { rows } = await sql<PersonsRow>`
    SELECT
      (SELECT count(DISTINCT e.domicilie_id)::int FROM courrier_events e
        WHERE e.structure_id = ${structureId} AND e.undone_at IS NULL AND e.created_at >= ${start} AND e.created_at < ${end}) AS mail_persons,
      count(*)::int AS logins, count(DISTINCT l.domicilie_id)::int AS login_persons
    FROM portal_logins l
    WHERE l.structure_id = ${structureId} AND l.logged_in_at >= ${start} AND l.logged_in_at < ${end}`.execute(db);
  return rows[0]!;
}

export type EcheanceRow = { month: string; count: number };

/** The valide domiciliations, as they are now, ending from `firstDay` to the day before `endDay`. */
export async function countEcheances(db: Kysely<DB>, structureId: string, firstDay: IsoDate, endDay: IsoDate): Promise<EcheanceRow[]> {
  const { rows } = await sql<EcheanceRow>`
    SELECT to_char(p.end_date, 'YYYY-MM') AS month, count(*)::int AS count
    FROM domicilies p
    WHERE p.structure_id = ${structureId} AND p.status = 'valide' AND p.end_date >= ${firstDay}::date AND p.end_date < ${endDay}::date
    GROUP BY 1`.execute(db);
  return rows;
}
