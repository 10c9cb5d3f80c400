import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CheckedAnswers } from './report-answers-input.ts';

/** numeric and bigint read as double precision: plain numbers on both engines, exact at these sizes. */
export function findAnswers(db: Kysely<DB>, structureId: string, year: number) {
  return db
    .selectFrom('report_answers')
    .select([
      'waiting_list',
      'mean_waiting_days',
      sql<number | null>`fte_staff::float8`.as('fte_staff'),
      sql<number | null>`fte_volunteers::float8`.as('fte_volunteers'),
      sql<number | null>`staff_cost::float8`.as('staff_cost'),
      sql<number | null>`total_cost::float8`.as('total_cost'),
      'updated_at',
    ])
    .where('structure_id', '=', structureId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function upsertAnswers(db: Kysely<DB>, structureId: string, year: number, answers: CheckedAnswers, updatedBy: string) {
  const row = {
    waiting_list: answers.waitingList,
    mean_waiting_days: answers.meanWaitingDays,
    fte_staff: answers.fteStaff,
    fte_volunteers: answers.fteVolunteers,
    staff_cost: answers.staffCost,
    total_cost: answers.totalCost,
    updated_by: updatedBy,
    updated_at: sql<Date>`now()`,
  };
  await db
    .insertInto('report_answers')
    .values({ structure_id: structureId, year, ...row })
    .onConflict((conflict) => conflict.columns(['structure_id', 'year']).doUpdateSet(row))
    .execute();
}
