import { sql, type Kysely } from 'kysely';
import type { DB, ImportState } from '../../db/schema.ts';
import type { SealedFile } from './import-file.ts';

/** The states in which an import is under way: one at a time per structure (migration 0068). */
export const RUNNING: readonly ImportState[] = ['checking', 'writing'];

const summaryColumns = [
  'id', 'structure_id', 'created_by', 'file_name', 'file_size', 'state', 'progress_done', 'progress_total', 'row_count', 'problem_count',
  'problems', 'summary', 'result', 'failure', 'created_at', 'updated_at', 'finished_at',
] as const;

/** The new import, checking its file; a running import of the structure makes it fail on the unique index. */
export async function insertImport(db: Kysely<DB>, row: { id: string; structure_id: string; created_by: string; file_name: string; file_size: number; sealed: SealedFile }): Promise<boolean> {
  const { sealed, ...rest } = row;
  const inserted = await db
    .insertInto('imports')
    .values({ ...rest, state: 'checking', sealed_iv: sealed.iv, sealed_tag: sealed.authTag, sealed_file: sealed.ciphertext })
    .onConflict((conflict) => conflict.column('structure_id').where(sql<boolean>`state IN ('checking', 'writing')`).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** ready → writing; « busy » when another import of the structure is checking or writing (the unique index). */
export async function startWriting(db: Kysely<DB>, id: string): Promise<'started' | 'busy' | 'not_ready'> {
  try {
    return (await changeState(db, id, ['ready'], 'writing')) ? 'started' : 'not_ready';
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return 'busy';
    throw error;
  }
}

export function findImport(db: Kysely<DB>, structureId: string, id: string) {
  return db.selectFrom('imports').select(summaryColumns).where('structure_id', '=', structureId).where('id', '=', id).executeTakeFirst();
}

export function findSealedFile(db: Kysely<DB>, structureId: string, id: string) {
  return db
    .selectFrom('imports')
    .select(['sealed_iv', 'sealed_tag', 'sealed_file'])
    .where('structure_id', '=', structureId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The structure's latest imports, newest first, without their problems or file. */
export function listImports(db: Kysely<DB>, structureId: string, limit: number) {
  return db
    .selectFrom('imports')
    .select(['id', 'file_name', 'file_size', 'state', 'row_count', 'created_at', 'finished_at'])
    .where('structure_id', '=', structureId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function updateProgress(db: Kysely<DB>, id: string, done: number, total: number | null) {
  await db.updateTable('imports').set({ progress_done: done, progress_total: total, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Moves the import from one state to the next; false when it was not in `from` any more. */
/** What an import that wrote nothing forgets with its file. */
const FORGOTTEN = { problems: null, summary: null };

/** Why an import stopped without its step finishing, as `failure` holds it. */
const LEFT_RUNNING = JSON.stringify({ code: 'import_interrompu' });

export async function changeState(
  db: Kysely<DB>,
  id: string,
  from: readonly ImportState[],
  to: ImportState,
  fields: { row_count?: number; problem_count?: number; problems?: unknown; summary?: unknown; result?: unknown; failure?: string | null; progress_total?: number | null } = {},
): Promise<boolean> {
  const { problems, summary, result, ...plain } = fields;
  const finished = ['done', 'failed', 'abandoned'].includes(to);
  // An import that wrote nothing keeps no cell of the file (problems and preview quote people).
  const forgotten = to === 'failed' || to === 'abandoned' ? FORGOTTEN : {};
  const updated = await db
    .updateTable('imports')
    .set({
      ...plain,
      ...(problems !== undefined ? { problems: JSON.stringify(problems) } : {}),
      ...(summary !== undefined ? { summary: JSON.stringify(summary) } : {}),
      ...(result !== undefined ? { result: JSON.stringify(result) } : {}),
      state: to,
      progress_done: 0,
      updated_at: new Date(),
      ...(finished ? { finished_at: new Date(), sealed_iv: null, sealed_tag: null, sealed_file: null } : {}),
      ...forgotten,
    })
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Imports of the structure waiting for a decision (a preview, a report): abandoned when another starts. */
export async function abandonWaiting(db: Kysely<DB>, structureId: string): Promise<string[]> {
  const rows = await db
    .updateTable('imports')
    .set({ state: 'abandoned', updated_at: new Date(), finished_at: new Date(), sealed_iv: null, sealed_tag: null, sealed_file: null, ...FORGOTTEN })
    .where('structure_id', '=', structureId)
    .where('state', 'in', ['ready', 'refused'])
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Files kept longer than `hours`: their import is abandoned (a preview, a report) or failed (left
 * running); a finished import's names are forgotten after as long.
 */
export async function expireHeldFiles(db: Kysely<DB>, hours: number) {
  const old = sql<boolean>`updated_at < now() - make_interval(hours => ${hours})`;
  const cleared = { sealed_iv: null, sealed_tag: null, sealed_file: null, finished_at: new Date(), updated_at: new Date(), ...FORGOTTEN };
  const abandoned = await db.updateTable('imports').set({ ...cleared, state: 'abandoned' }).where('state', 'in', ['ready', 'refused']).where(old).returning(['id', 'structure_id']).execute();
  const failed = await db
    .updateTable('imports')
    .set({ ...cleared, state: 'failed', failure: LEFT_RUNNING })
    .where('state', 'in', RUNNING)
    .where(old)
    .returning(['id', 'structure_id'])
    .execute();
  // A finished import keeps its counts; the names its result page listed (first rows, possible
  // duplicates, rows skipped) go after the same delay: a person erased later is not left here.
  await db
    .updateTable('imports')
    .set({ summary: null, result: sql`jsonb_set(jsonb_set(jsonb_set(result, '{firstRows}', '[]'), '{duplicates,shown}', '[]'), '{skipped,shown}', '[]')` })
    .where('state', '=', 'done')
    .where('summary', 'is not', null)
    .where(sql<boolean>`finished_at < now() - make_interval(hours => ${hours})`)
    .execute();
  return { abandoned, failed };
}

/** An import left running by a process that stopped: failed, its file dropped. */
export async function failLeftRunning(db: Kysely<DB>, id: string): Promise<boolean> {
  const updated = await db
    .updateTable('imports')
    .set({ state: 'failed', failure: LEFT_RUNNING, finished_at: new Date(), updated_at: new Date(), sealed_iv: null, sealed_tag: null, sealed_file: null, ...FORGOTTEN })
    .where('id', '=', id)
    .where('state', 'in', RUNNING)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
