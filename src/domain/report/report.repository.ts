import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, DomicilieStatus } from '../../db/schema.ts';
import { addDays, addMonths, type IsoDate } from '../../shared/dates.ts';
import { monthsOf } from './report-period.ts';
import { questions } from '../entretien/entretien-fields.ts';
import { ageBands, type ReportPeriod } from './report-types.ts';

/**
 * The report's reads: a few grouped queries, each scoped by the structure, so that a structure
 * of 50,000 persons is counted by the database rather than by loops here (issue 18).
 */

/**
 * The persons valide at the end of `day`: for each, their latest non-cancelled decision taken on
 * or before it — a renewal's instruction or « à valider » leaves the domiciliation as it was, as
 * in stateAfter (decision-rules.ts). Decisions are ordered as the service lets them be taken:
 * by their day, then as recorded. An index-only scan of decisions_report_state_idx (migration 0069).
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

/**
 * The last birth date of someone who is `years` old on `day` (born on 29 February: a year older
 * on 1 March), so that ages are plain date comparisons rather than an age() per person.
 */
const bornBy = (day: IsoDate, years: number) => addMonths(day, -12 * years);

/** The band of ages on `day` (report-types.ts ageBands), from the birth date alone. */
function ageBandOf(birthDate: RawBuilder<unknown>, day: IsoDate): RawBuilder<string> {
  const bands = ageBands.slice(1).map((band) => {
    const firstAge = Number(band.split('_')[0]);
    return { band: ageBands[ageBands.indexOf(band) - 1]!, bornAfter: bornBy(day, firstAge) };
  });
  const cases = bands.map(({ band, bornAfter }) => sql`WHEN ${birthDate} > ${bornAfter}::date THEN ${band}::text`);
  return sql<string>`CASE ${sql.join(cases, sql` `)} ELSE '75_plus' END`;
}

/** Each entretien question as one grouping set; its answer as text, 'oui' / 'non', or null for « non renseigné ». */
function entretienGroups() {
  const column = (field: string) => sql.ref(`e.${field}`);
  const sets = sql.join(questions.map((question) => sql`(${column(question.field)})`));
  const answer = (field: string, kind: 'list' | 'oui_non') => (kind === 'list' ? sql`${column(field)}` : sql`CASE ${column(field)} WHEN true THEN 'oui' WHEN false THEN 'non' END`);
  const field = sql.join(questions.map((question) => sql`WHEN GROUPING(${column(question.field)}) = 0 THEN ${question.field}::text`), sql` `);
  const value = sql.join(questions.map((question) => sql`WHEN GROUPING(${column(question.field)}) = 0 THEN ${answer(question.field, question.kind)}`), sql` `);
  return { sets, field: sql`CASE ${field} END`, value: sql`CASE ${value} END` };
}

export type AtLastDayRow = { section: 'persons' | 'ayants_droit' | 'entretien'; a: string | null; b: string | null; c: string | null; count: number };

/**
 * Everything counted at the period's last day, in one read of the decisions: persons by age
 * band, sex and first / renewal; their ayants droit by age group; each entretien answer.
 * The ayants droit and entretiens are those recorded now: they have no history.
 */
export async function countAtLastDay(db: Kysely<DB>, structureId: string, day: IsoDate): Promise<AtLastDayRow[]> {
  const sex = sql`CASE WHEN v.sexe IN ('femme', 'homme') THEN v.sexe ELSE 'non_renseigne' END`;
  const entretien = entretienGroups();
  const { rows } = await sql<AtLastDayRow>`
    WITH ${validAt(structureId, day)}
    SELECT 'persons' AS section, ${ageBandOf(sql`v.birth_date`, day)} AS a, ${sex} AS b,
      CASE WHEN v.is_renewal THEN 'renewal' ELSE 'first' END AS c, count(*)::int AS count
    FROM valid v GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'ayants_droit', CASE WHEN a.birth_date IS NULL THEN 'non_renseigne' WHEN a.birth_date <= ${bornBy(day, 18)}::date THEN 'majeurs' ELSE 'mineurs' END,
      NULL, NULL, count(*)::int
    FROM valid v JOIN ayants_droit a ON a.domicilie_id = v.id GROUP BY 2
    UNION ALL
    SELECT 'entretien', ${entretien.field}, ${entretien.value}, NULL, count(*)::int
    FROM valid v LEFT JOIN entretiens e ON e.domicilie_id = v.id AND e.structure_id = ${structureId}
    GROUP BY GROUPING SETS (${entretien.sets})`.execute(db);
  return rows;
}

export type DecisionRow = { month: string; status: DomicilieStatus; is_renewal: boolean; motif: string | null; count: number; ayants_droit: number };

/**
 * The valide, refus and radiation decisions taken during the period (on their decided_on), by
 * month, kind and motif, with the ayants droit (recorded now) that each attestation covers.
 * An index-only scan of decisions_report_day_idx; the ayants droit counted once per person.
 */
export async function countDecisions(db: Kysely<DB>, structureId: string, period: ReportPeriod): Promise<DecisionRow[]> {
  const { rows } = await sql<DecisionRow>`
    WITH taken AS (
      SELECT to_char(date_trunc('month', d.decided_on), 'YYYY-MM') AS month, d.status, d.is_renewal, d.motif, d.domicilie_id, count(*)::int AS count
      FROM decisions d
      WHERE d.structure_id = ${structureId} AND d.cancelled_at IS NULL
        AND d.decided_on BETWEEN ${period.from}::date AND ${period.to}::date
        AND d.status IN ('valide', 'refuse', 'radie')
      GROUP BY 1, 2, 3, 4, 5
    ),
    covered AS (
      SELECT a.domicilie_id, count(*)::int AS n
      FROM ayants_droit a
      WHERE a.domicilie_id IN (SELECT domicilie_id FROM taken WHERE status = 'valide')
      GROUP BY 1
    )
    SELECT t.month, t.status, t.is_renewal, t.motif, sum(t.count)::int AS count,
      coalesce(sum(t.count * c.n) FILTER (WHERE t.status = 'valide'), 0)::int AS ayants_droit
    FROM taken t LEFT JOIN covered c ON c.domicilie_id = t.domicilie_id
    GROUP BY 1, 2, 3, 4`.execute(db);
  return rows;
}

/**
 * The months of the period as instants in the structure's time zone (its first month from the
 * period's first day, its last up to the day after its last), listed here so the planner knows
 * there are a dozen: events are then read by index ranges, without converting each event's time.
 */
function monthRanges(period: ReportPeriod, timezone: string): RawBuilder<unknown> {
  const months = monthsOf(period).map((month, index, all) => {
    const starts = index === 0 ? period.from : `${month}-01`;
    const ends = index === all.length - 1 ? addDays(period.to, 1) : addMonths(`${month}-01`, 1);
    return sql`(${month}::text, ${starts}::date::timestamp AT TIME ZONE ${timezone}, ${ends}::date::timestamp AT TIME ZONE ${timezone})`;
  });
  return sql`months (month, starts, ends) AS (VALUES ${sql.join(months)})`;
}

/** The instants where the period's first day starts and the day after its last starts, in the structure's time zone. */
function bounds(period: ReportPeriod, timezone: string) {
  return {
    start: sql`(${period.from}::date::timestamp AT TIME ZONE ${timezone})`,
    end: sql`((${period.to}::date + 1)::timestamp AT TIME ZONE ${timezone})`,
  };
}

export type MailRow = { month: string; kind: string; events: number; courrier: number; colis: number; avis_passage: number };

/** The mail events not undone during the period, by local month and kind (index-only on courrier_events_report_idx). */
export async function countMail(db: Kysely<DB>, structureId: string, period: ReportPeriod, timezone: string): Promise<MailRow[]> {
  const { rows } = await sql<MailRow>`
    WITH ${monthRanges(period, timezone)}
    SELECT m.month, x.kind, x.events, x.courrier, x.colis, x.avis_passage
    FROM months m CROSS JOIN LATERAL (
      SELECT e.kind, count(*)::int AS events,
        coalesce(sum(e.courrier), 0)::int AS courrier, coalesce(sum(e.colis), 0)::int AS colis, coalesce(sum(e.avis_passage), 0)::int AS avis_passage
      FROM courrier_events e
      WHERE e.structure_id = ${structureId} AND e.undone_at IS NULL AND e.created_at >= m.starts AND e.created_at < m.ends
      GROUP BY e.kind
    ) x`.execute(db);
  return rows;
}

export type PersonsRow = { mail_persons: number; logins: number; login_persons: number };

/**
 * The persons concerned by the mail events, and the portal logins, during the period. Persons
 * are asked one by one whether they had an event (courrier_events_person_day_idx, index only):
 * far cheaper than the distinct persons of a year of events, about a million in a large structure.
 */
export async function countPersonsAndLogins(db: Kysely<DB>, structureId: string, period: ReportPeriod, timezone: string): Promise<PersonsRow> {
  const { start, end } = bounds(period, timezone);
  const { rows } = await sql<PersonsRow>`
    SELECT
      (SELECT count(*)::int FROM domicilies p
        WHERE p.structure_id = ${structureId}
          AND EXISTS (SELECT 1 FROM courrier_events e WHERE e.domicilie_id = p.id AND e.undone_at IS NULL AND e.created_at >= ${start} AND e.created_at < ${end})) AS mail_persons,
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
