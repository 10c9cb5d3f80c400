import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, type Problem } from '../../shared/errors.ts';
import type { IsoDate } from '../../shared/dates.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import type { TemplateRow } from '../spreadsheet/template.ts';
import { openFile } from './import-file.ts';
import { plannedPerson, type ImportContext } from './import-plan.ts';
import { emptyCounts, FileIdentities, sortBatch, type ImportCounts } from './import-summary.ts';
import { isFileRefusal, type CellProblem, type ImportFileProblem } from '../spreadsheet/import-reading.ts';
import type { TemplateReader } from './template-reader.ts';
import * as repository from './imports.repository.ts';
import * as writing from './import-writing.repository.ts';

/**
 * The two long steps of an import, run in the background of the request that starts them:
 * reading and checking the file, then writing it. Their progress is kept here, in the process,
 * for the page that refreshes itself; the writing's transaction holds the only connection of
 * PGlite, so its progress could not be read from the database meanwhile.
 */

export type Progress = { phase: 'checking' | 'writing'; done: number; total: number | null };
const running = new Map<string, Progress>();

/** The progress of an import run by this process; undefined when no step of it runs here. */
export const progressOf = (importId: string): Progress | undefined => running.get(importId);

/**
 * Marks a step as run by this process before its state is written, so that a page read in
 * between never takes it for an import left by a stopped process; `release` undoes it when the
 * state could not be written.
 */
export function claimStep(importId: string, phase: Progress['phase'], total: number | null) {
  const previous = running.get(importId);
  const progress: Progress = { phase, done: 0, total };
  running.set(importId, progress);
  return {
    release: () => {
      if (running.get(importId) !== progress) return;
      if (previous) running.set(importId, previous);
      else running.delete(importId);
    },
  };
}

const claimed = (importId: string, phase: Progress['phase'], total: number | null): Progress => {
  const progress = running.get(importId);
  if (progress?.phase === phase) return progress;
  claimStep(importId, phase, total);
  return running.get(importId)!;
};

/** People a statement: a few hundred rows keep each statement's parameters well under PostgreSQL's 65,535. */
export const BATCH_ROWS = 400;
/** Problems kept on the import's row for the report page; the downloaded report lists them all. */
export const KEPT_PROBLEMS = 500;

export type ImportFailure = { code: 'import_interrompu' } | { code: 'import_ecriture_impossible' } | { code: 'import_fichier_change' };

/** `onError` hears what went wrong beyond the file's problems (a database error…), for the log. */
export type JobDeps = { db: Kysely<DB>; key: Buffer; read: TemplateReader; onError?: (error: unknown) => void };

export async function fileOf(deps: JobDeps, structureId: string, importId: string): Promise<Buffer> {
  const sealed = await repository.findSealedFile(deps.db, structureId, importId);
  if (!sealed?.sealed_file || !sealed.sealed_iv || !sealed.sealed_tag) throw new AppError<ImportFailure>('CONFLICT', { code: 'import_interrompu' });
  return openFile(deps.key, importId, { iv: sealed.sealed_iv, authTag: sealed.sealed_tag, ciphertext: sealed.sealed_file });
}

/** A problem the reader tells about the whole file (not a spreadsheet, the wrong template…), or « unreadable ». */
const fileProblem = (error: unknown): Problem =>
  isFileRefusal(error) ? error.problem! : ({ code: 'import_fichier_illisible' } satisfies ImportFileProblem);

/** What the audit trail keeps of an import: the file's name and size, counts; never a person. */
const facts = (job: { fileName: string; fileSize: number }, counts: Record<string, number>) => ({ file_name: job.fileName, size: job.fileSize, ...counts });

export type Job = { id: string; admin: StaffActor; fileName: string; fileSize: number; today: IsoDate };

/** Reads the whole file once: its problems, or the preview of what the import will write. */
export async function runCheck(deps: JobDeps, job: Job): Promise<void> {
  const progress = claimed(job.id, 'checking', null);
  const actor = staffAuditActor(job.admin);
  try {
    const file = await fileOf(deps, job.admin.structureId, job.id);
    const problems: CellProblem[] = [];
    let problemCount = 0;
    let rowsRead = 0;
    const counts = emptyCounts();
    const seen = new FileIdentities();
    let batch: TemplateRow[] = [];
    const sort = async () => {
      const matches = await writing.findExistingMatches(deps.db, job.admin.structureId, batch.map(identity), job.id);
      sortBatch(batch, matches, seen, counts);
      batch = [];
      progress.done = rowsRead;
      await repository.updateProgress(deps.db, job.id, progress.done, null);
    };
    for await (const event of deps.read({ bytes: file, fileName: job.fileName }, { today: job.today })) {
      rowsRead++;
      if (event.kind === 'problems') {
        problemCount += event.problems.length;
        for (const problem of event.problems) if (problems.length < KEPT_PROBLEMS) problems.push(problem);
        continue;
      }
      // Once the file has a problem nothing will be written: the rest is only read for its problems.
      if (problemCount > 0) {
        if (rowsRead % BATCH_ROWS === 0) await repository.updateProgress(deps.db, job.id, (progress.done = rowsRead), null);
        continue;
      }
      batch.push(event.row);
      if (batch.length >= BATCH_ROWS) await sort();
    }
    if (problemCount === 0) await sort();
    const rowCount = rowsRead;
    if (problemCount > 0) {
      await repository.changeState(deps.db, job.id, ['checking'], 'refused', { row_count: rowCount, problem_count: problemCount, problems });
    } else {
      await repository.changeState(deps.db, job.id, ['checking'], 'ready', { row_count: rowCount, summary: counts, progress_total: counts.created });
    }
    await audit(deps.db, actor, { action: 'import.checked', target: { type: 'import', id: job.id }, details: facts(job, { rows: rowCount, problems: problemCount, to_create: counts.created, skipped: counts.skipped.count }) });
  } catch (error) {
    if (!(error instanceof AppError)) deps.onError?.(error);
    await fail(deps.db, job, ['checking'], fileProblem(error)).catch((failure: unknown) => deps.onError?.(failure));
  } finally {
    // A confirmation may already have claimed the next step.
    if (running.get(job.id) === progress) running.delete(job.id);
  }
}

const identity = (row: TemplateRow): writing.RowIdentity => ({ line: row.line, ref: row.externalId, nom: row.nom, prenom: row.prenom, birthDate: row.birthDate });

async function fail(db: Kysely<DB>, job: Job, from: ('checking' | 'writing')[], problem: Problem) {
  await repository.changeState(db, job.id, from, 'failed', { failure: JSON.stringify(problem) });
  await audit(db, staffAuditActor(job.admin), { action: 'import.failed', target: { type: 'import', id: job.id }, details: facts(job, {}) });
}

/** Empty in production; a test makes the writing fail or wait between two batches. */
export const writingHooks: { afterBatch?: (batchNumber: number) => Promise<void> } = {};

/**
 * Writes every person of the file in one transaction: all of them, or none. The file is read
 * again (it is not kept in memory between the preview and the confirmation), a few hundred rows
 * at a time; each batch is sorted against what the structure holds by then.
 */
export async function runWrite(deps: JobDeps, job: Job, expected: number): Promise<void> {
  const progress = claimed(job.id, 'writing', expected);
  const { structureId } = job.admin;
  const context: ImportContext = { structureId, importId: job.id, staffId: job.admin.id, timezone: job.admin.timezone, today: job.today, now: new Date() };
  try {
    const file = await fileOf(deps, structureId, job.id);
    const counts = await deps.db.transaction().execute(async (trx) => {
      const counts = emptyCounts();
      const seen = new FileIdentities();
      let batch: TemplateRow[] = [];
      let batches = 0;
      const write = async () => {
        const matches = await writing.findExistingMatches(trx, structureId, batch.map(identity), job.id);
        const created = sortBatch(batch, matches, seen, counts);
        batch = [];
        if (created.length === 0) return;
        const firstNumber = await writing.reserveDossierNumbers(trx, structureId, created.length);
        const people = created.map((row) => plannedPerson(row, context, randomUUID()));
        await writing.insertPeople(trx, { structureId, importId: job.id, staffId: job.admin.id, firstNumber, people });
        progress.done += created.length;
        await writingHooks.afterBatch?.(++batches);
      };
      for await (const event of deps.read({ bytes: file, fileName: job.fileName }, { today: job.today })) {
        // The file was checked whole before: a problem now means it is not the file checked.
        if (event.kind === 'problems') throw new AppError<ImportFailure>('CONFLICT', { code: 'import_fichier_change' });
        batch.push(event.row);
        if (batch.length >= BATCH_ROWS) await write();
      }
      await write();
      const done = await repository.changeState(trx, job.id, ['writing'], 'done', { result: counts, row_count: counts.rows });
      if (!done) throw new AppError<ImportFailure>('CONFLICT', { code: 'import_interrompu' });
      await audit(trx, staffAuditActor(job.admin), {
        action: 'import.completed',
        target: { type: 'import', id: job.id },
        details: facts(job, { rows: counts.rows, created: counts.created, skipped: counts.skipped.count, ...prefixed(counts.byStatus) }),
      });
      return counts;
    });
    progress.done = counts.created;
  } catch (error) {
    const problem: ImportFailure = error instanceof AppError && error.problem?.code === 'import_fichier_change' ? { code: 'import_fichier_change' } : { code: 'import_ecriture_impossible' };
    if (!(error instanceof AppError)) deps.onError?.(error);
    await fail(deps.db, job, ['writing'], problem).catch((failure: unknown) => deps.onError?.(failure));
  } finally {
    // A confirmation may already have claimed the next step.
    if (running.get(job.id) === progress) running.delete(job.id);
  }
}

const prefixed = (byStatus: ImportCounts['byStatus']) => Object.fromEntries(Object.entries(byStatus).map(([status, count]) => [`created_${status}`, count]));
