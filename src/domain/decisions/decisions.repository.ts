import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, DecisionDateChangesTable, DecisionsTable } from '../../db/schema.ts';
import type { CurrentState } from './decision-rules.ts';

/** Effective decisions, oldest first: what the current state is derived from. */
export function listEffective(db: Kysely<DB>, domicilieId: string) {
  return db
    .selectFrom('decisions')
    .select(['id', 'status', 'is_renewal', 'start_date', 'end_date', 'decided_on', 'created_at'])
    .where('domicilie_id', '=', domicilieId)
    .where('cancelled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The latest effective decision, for the forms of the « Dossier » tab. */
export function findLatestEffective(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('decisions')
    .select(['id', 'status', 'is_renewal', 'start_date', 'end_date', 'decided_on'])
    .where('structure_id', '=', structureId)
    .where('domicilie_id', '=', domicilieId)
    .where('cancelled_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Stamped with the clock, not the transaction's start: a decision that waited for the lock comes after. */
export function insertDecision(db: Kysely<DB>, row: Omit<Insertable<DecisionsTable>, 'created_at'>) {
  return db
    .insertInto('decisions')
    .values({ ...row, created_at: sql<Date>`clock_timestamp()` })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function markCancelled(db: Kysely<DB>, decisionId: string, staffId: string) {
  await db.updateTable('decisions').set({ cancelled_at: sql<Date>`clock_timestamp()`, cancelled_by: staffId }).where('id', '=', decisionId).execute();
}

/** The record's current state follows its decisions, in the same transaction. */
export async function updateCurrentState(db: Kysely<DB>, domicilieId: string, state: CurrentState) {
  await db
    .updateTable('domicilies')
    .set({ status: state.status, start_date: state.start_date, end_date: state.end_date, updated_at: new Date() })
    .where('id', '=', domicilieId)
    .execute();
}

/** The whole history, newest first, with who decided and who cancelled. */
export function listHistory(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('decisions as d')
    .leftJoin('staff_users as author', 'author.id', 'd.created_by')
    .leftJoin('staff_users as canceller', 'canceller.id', 'd.cancelled_by')
    .select([
      'd.id', 'd.status', 'd.is_renewal', 'd.start_date', 'd.end_date', 'd.motif', 'd.motif_text', 'd.orientation', 'd.orientation_code',
      'd.decided_on', 'd.created_at', 'd.cancelled_at',
      'author.prenom as author_prenom', 'author.nom as author_nom',
      'canceller.prenom as canceller_prenom', 'canceller.nom as canceller_nom',
    ])
    .where('d.structure_id', '=', structureId)
    .where('d.domicilie_id', '=', domicilieId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
}

/** One decision of a record, cancelled or not: the one whose date staff want to change. */
export function findDecision(db: Kysely<DB>, structureId: string, domicilieId: string, decisionId: string) {
  return db
    .selectFrom('decisions')
    .select(['id', 'status', 'decided_on', 'cancelled_at'])
    .where('structure_id', '=', structureId)
    .where('domicilie_id', '=', domicilieId)
    .where('id', '=', decisionId)
    .executeTakeFirst();
}

export async function updateDecidedOn(db: Kysely<DB>, decisionId: string, day: string) {
  await db.updateTable('decisions').set({ decided_on: day }).where('id', '=', decisionId).execute();
}

export async function insertDateChange(db: Kysely<DB>, row: Omit<Insertable<DecisionDateChangesTable>, 'changed_at'>) {
  await db.insertInto('decision_date_changes').values({ ...row, changed_at: sql<Date>`clock_timestamp()` }).execute();
}

/** Every change of the dates of a record's decisions, oldest first, with who made it. */
export function listDateChanges(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('decision_date_changes as c')
    .innerJoin('decisions as d', 'd.id', 'c.decision_id')
    .leftJoin('staff_users as author', 'author.id', 'c.changed_by')
    .select(['c.id', 'c.decision_id', 'c.previous', 'c.new', 'c.changed_at', 'author.prenom as author_prenom', 'author.nom as author_nom'])
    .where('c.structure_id', '=', structureId)
    .where('d.domicilie_id', '=', domicilieId)
    .orderBy('c.changed_at')
    .orderBy('c.id')
    .execute();
}

/** The effective decisions of some records of the structure, oldest first for each (the export reads a batch at once). */
export function listEffectiveOf(db: Kysely<DB>, structureId: string, domicilieIds: readonly string[]) {
  return db
    .selectFrom('decisions')
    .select(['domicilie_id', 'status', 'is_renewal', 'start_date', 'end_date', 'motif', 'decided_on', 'cancelled_at'])
    .where('structure_id', '=', structureId)
    .where('domicilie_id', 'in', domicilieIds)
    .where('cancelled_at', 'is', null)
    .orderBy('domicilie_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
