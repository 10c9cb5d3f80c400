import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, InvalidInput } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { parseReportAnswers } from './report-answers-input.ts';
import * as repository from './report-answers.repository.ts';
import { FIRST_YEAR, LAST_YEAR } from './report-period.ts';
import { canSeeReport } from './report.service.ts';
import type { ReportAnswers, ReportAnswersForm, ReportProblem } from './report-types.ts';

export { parseReportAnswers, reportAnswersFormValues } from './report-answers-input.ts';

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) throw new InvalidInput<ReportProblem>({ annee: { code: 'annee_invalide' } });
}

/** The structure's answers for a year; all « non renseigné » (updatedAt null) before anyone entered them. */
export async function getReportAnswers(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId' | 'role'>, year: number): Promise<ReportAnswers> {
  if (!canSeeReport(staff.role)) throw new AppError('FORBIDDEN');
  checkYear(year);
  const row = await repository.findAnswers(db, staff.structureId, year);
  return {
    year,
    waitingList: row?.waiting_list ?? null,
    meanWaitingDays: row?.mean_waiting_days ?? null,
    fteStaff: row?.fte_staff ?? null,
    fteVolunteers: row?.fte_volunteers ?? null,
    staffCost: row?.staff_cost ?? null,
    totalCost: row?.total_cost ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

/** Checks and stores the year's answers (replacing that year's, never another's), audited. */
export async function saveReportAnswers(db: Kysely<DB>, staff: StaffActor, year: number, form: ReportAnswersForm): Promise<ReportAnswers> {
  if (!canSeeReport(staff.role)) throw new AppError('FORBIDDEN');
  checkYear(year);
  const answers = parseReportAnswers(form);
  await db.transaction().execute(async (trx) => {
    await repository.upsertAnswers(trx, staff.structureId, year, answers, staff.id);
    await audit(trx, staffAuditActor(staff), { action: 'rapport.reponses', details: { year } });
  });
  return getReportAnswers(db, staff, year);
}
