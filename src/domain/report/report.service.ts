import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addMonths, isoDateIn } from '../../shared/dates.ts';
import { AppError, InvalidInput } from '../../shared/errors.ts';
import { allowed, type Role } from '../../shared/roles.ts';
import type { StaffActor } from '../actor.ts';
import { buildReport } from './report-assembly.ts';
import { next12Months, parseReportPeriod } from './report-period.ts';
import * as repository from './report.repository.ts';
import type { ActivityReport, ReportPeriod, ReportProblem } from './report-types.ts';

export type * from './report-types.ts';
export { ageBands, ageGroups, mailKinds, NON_RENSEIGNE, sexes } from './report-types.ts';
export { defaultReportPeriod, MAX_PERIOD_DAYS, monthsOf, parseReportPeriod, parseReportYear, yearPeriod } from './report-period.ts';

/** The report is the managers' view of the whole structure: administrateurs and gestionnaires. */
export const canSeeReport = (role: Role) => (allowed.deciders as readonly Role[]).includes(role);

/**
 * The yearly report's indicators over a period (both days included), from the decision
 * history and the mail events; each event belongs to its day in the structure's time zone.
 * `now` only places the « next 12 months » of échéances. A period that parseReportPeriod
 * would refuse throws InvalidInput with the same problems (fields du / au).
 */
export async function activityReport(
  db: Kysely<DB>,
  staff: Pick<StaffActor, 'structureId' | 'timezone' | 'role'>,
  period: ReportPeriod,
  now: Date = new Date(),
): Promise<ActivityReport> {
  if (!canSeeReport(staff.role)) throw new AppError('FORBIDDEN');
  const checked = parseReportPeriod({ du: period.from, au: period.to });
  if (!checked.ok) throw new InvalidInput<ReportProblem>(checked.problems);
  const today = isoDateIn(now, staff.timezone);
  const echeanceMonths = next12Months(today);
  const firstDay = `${echeanceMonths[0]}-01`;
  const [atLastDay, decisions, mail, persons, echeances] = await Promise.all([
    repository.countAtLastDay(db, staff.structureId, period.to),
    repository.countDecisions(db, staff.structureId, period),
    repository.countMail(db, staff.structureId, period, staff.timezone),
    repository.countPersonsAndLogins(db, staff.structureId, period, staff.timezone),
    repository.countEcheances(db, staff.structureId, firstDay, addMonths(firstDay, 12)),
  ]);
  return buildReport({ period, timezone: staff.timezone, atLastDay, decisions, mail, persons, echeances, echeanceMonths });
}
