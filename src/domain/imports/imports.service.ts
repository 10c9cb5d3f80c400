import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB, ImportState } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { AppError, InvalidInput, type Problem } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { problemReport } from '../spreadsheet/problem-report.ts';
import { templateWorkbook } from '../spreadsheet/template-workbook.ts';
import { sealFile } from './import-file.ts';
import { claimStep, fileOf, progressOf, runCheck, runWrite, type ImportFailure, type JobDeps, type Progress } from './import-jobs.ts';
import type { ImportCounts } from './import-summary.ts';
import { MAX_IMPORT_BYTES, type CellProblem, type ImportFileProblem } from '../spreadsheet/import-reading.ts';
import * as repository from './imports.repository.ts';

export type { ImportCounts, PreviewRow, SkippedRow, DuplicateRow, SkipReason } from './import-summary.ts';
export type { CellProblem, ImportFileProblem } from '../spreadsheet/import-reading.ts';
export type { TemplateReader } from './template-reader.ts';
export type { ImportFailure } from './import-jobs.ts';
export { writingHooks } from './import-jobs.ts';

/** The largest file accepted (the reader's bound): a structure's 20,000 people fit in a few megabytes. */
export const IMPORT_MAX_BYTES = MAX_IMPORT_BYTES;
/** A preview or a report not acted upon, or an import left running, loses its file after this many hours. */
export const FILE_KEPT_HOURS = 3;
/** An import no process has reported on for this long was left by a stopped process. */
const SILENT_MINUTES = 10;

/** What the import's steps may refuse; a refused file is the reader's ImportFileProblem. */
export type ImportJobProblem =
  | { code: 'import_fichier_manquant' }
  | { code: 'import_deja_en_cours' }
  | { code: 'import_plus_confirmable' }
  | ImportFailure;

export type ImportUpload = { fileName: string | undefined; bytes: Buffer | undefined };

const requireAdmin = (staff: StaffActor) => {
  if (staff.role !== 'administrateur') throw new AppError('FORBIDDEN');
};

/** A file name to keep and show: its last path segment, without control characters, 200 characters at most. */
export function cleanFileName(raw: string | undefined): string {
  const name = (raw ?? '').split(/[\\/]/).pop()!.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  return name.slice(0, 200) || 'fichier';
}

/**
 * Keeps the uploaded file, sealed, and starts checking it in the background; returns the
 * import's id. A preview or a report left waiting is abandoned; an import checking or writing
 * makes this one refused (the unique index of migration 0068 decides, whatever the timing).
 */
export async function startImport(deps: JobDeps, admin: StaffActor, upload: ImportUpload): Promise<string> {
  requireAdmin(admin);
  const bytes = upload.bytes;
  if (!bytes || bytes.length === 0) throw new InvalidInput<ImportJobProblem>({ fichier: { code: 'import_fichier_manquant' } });
  if (bytes.length > IMPORT_MAX_BYTES) throw new InvalidInput<ImportFileProblem>({ fichier: { code: 'import_fichier_trop_lourd', maxBytes: IMPORT_MAX_BYTES } });
  // What the file is, the reader tells from its bytes, in the background: its name says nothing sure.
  const fileName = cleanFileName(upload.fileName);
  const id = randomUUID();
  const sealed = sealFile(deps.key, id, bytes);
  const step = claimStep(id, 'checking', null);
  const started = await deps.db
    .transaction()
    .execute(async (trx) => {
      await repository.abandonWaiting(trx, admin.structureId);
      return repository.insertImport(trx, { id, structure_id: admin.structureId, created_by: admin.id, file_name: fileName, file_size: bytes.length, sealed });
    })
    .catch((error: unknown) => (step.release(), Promise.reject(error)));
  if (!started) {
    step.release();
    throw new AppError<ImportJobProblem>('CONFLICT', { code: 'import_deja_en_cours' });
  }
  const job = { id, admin, fileName, fileSize: bytes.length, today: isoDateIn(new Date(), admin.timezone) };
  void runCheck(deps, job).catch((error: unknown) => deps.onError?.(error));
  return id;
}

export type ImportView = {
  id: string;
  state: ImportState;
  fileName: string;
  fileSize: number;
  rowCount: number;
  problemCount: number;
  problems: CellProblem[];
  summary: ImportCounts | null;
  result: ImportCounts | null;
  failure: Problem | null;
  progress: Progress | null;
  createdAt: Date;
  finishedAt: Date | null;
};

/**
 * An import of the staff member's structure (another structure's is « not found »). One left
 * « en cours » by a process that stopped (this process runs nothing of it, and nothing was
 * reported for a while, or the engine is PGlite, which only this process opens) is failed here.
 */
export async function getImport(db: Kysely<DB>, admin: StaffActor, id: string, options: { soleProcess: boolean }): Promise<ImportView> {
  requireAdmin(admin);
  let row = await repository.findImport(db, admin.structureId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const progress = progressOf(id) ?? null;
  const silentFor = Date.now() - row.updated_at.getTime();
  if (repository.RUNNING.includes(row.state) && !progress && (options.soleProcess || silentFor > SILENT_MINUTES * 60_000)) {
    if (await repository.failLeftRunning(db, id)) {
      await audit(db, staffAuditActor(admin), { action: 'import.failed', target: { type: 'import', id }, details: { file_name: row.file_name, size: row.file_size } });
    }
    row = (await repository.findImport(db, admin.structureId, id))!;
  }
  return {
    id: row.id,
    state: row.state,
    fileName: row.file_name,
    fileSize: row.file_size,
    rowCount: row.row_count,
    problemCount: row.problem_count,
    problems: (row.problems as CellProblem[] | null) ?? [],
    summary: (row.summary as ImportCounts | null) ?? null,
    result: (row.result as ImportCounts | null) ?? null,
    failure: row.failure ? parseFailure(row.failure) : null,
    progress: progress ?? (repository.RUNNING.includes(row.state) ? { phase: row.state as Progress['phase'], done: row.progress_done, total: row.progress_total } : null),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

const parseFailure = (text: string): Problem => (text.startsWith('{') ? (JSON.parse(text) as Problem) : { code: `import_${text}` });

/** « Confirmer l'import »: the checked file is written, in the background, in one transaction. */
export async function confirmImport(deps: JobDeps, admin: StaffActor, id: string): Promise<void> {
  requireAdmin(admin);
  const row = await repository.findImport(deps.db, admin.structureId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const expected = (row.summary as ImportCounts | null)?.created ?? 0;
  const step = claimStep(id, 'writing', expected);
  const moved = await repository.startWriting(deps.db, id).catch((error: unknown) => (step.release(), Promise.reject(error)));
  if (moved !== 'started') step.release();
  if (moved === 'busy') throw new AppError<ImportJobProblem>('CONFLICT', { code: 'import_deja_en_cours' });
  if (moved === 'not_ready') throw new AppError<ImportJobProblem>('CONFLICT', { code: 'import_plus_confirmable' });
  await audit(deps.db, staffAuditActor(admin), {
    action: 'import.confirmed',
    target: { type: 'import', id },
    details: { file_name: row.file_name, size: row.file_size, rows: row.row_count, to_create: expected },
  });
  const job = { id, admin, fileName: row.file_name, fileSize: row.file_size, today: isoDateIn(new Date(), admin.timezone) };
  void runWrite(deps, job, expected).catch((error: unknown) => deps.onError?.(error));
}

/** « Abandonner »: the preview or the report is dropped with its file. */
export async function abandonImport(db: Kysely<DB>, admin: StaffActor, id: string): Promise<void> {
  requireAdmin(admin);
  const row = await repository.findImport(db, admin.structureId, id);
  if (!row) throw new AppError('NOT_FOUND');
  await repository.changeState(db, id, ['ready', 'refused'], 'abandoned');
}

/**
 * The report of a refused file, streamed to `output`: every problem, and the file's rows with
 * the faulty cells marked. The file is read again (only the first problems are kept on the row).
 */
export async function writeProblemReport(deps: JobDeps, admin: StaffActor, id: string, options: { describe: (problem: CellProblem) => string; output: Writable }) {
  requireAdmin(admin);
  const row = await repository.findImport(deps.db, admin.structureId, id);
  if (!row || row.state !== 'refused') throw new AppError('NOT_FOUND');
  const source = { bytes: await fileOf(deps, admin.structureId, id), fileName: row.file_name };
  const problems: CellProblem[] = [];
  for await (const event of deps.read(source, { today: isoDateIn(row.created_at, admin.timezone) })) if (event.kind === 'problems') problems.push(...event.problems);
  await audit(deps.db, staffAuditActor(admin), { action: 'import.report_downloaded', target: { type: 'import', id }, details: { file_name: row.file_name, problems: problems.length } });
  await problemReport(source, problems, options);
}

/** The blank template, or the example filled with fictitious people of every status. */
export function writeTemplate(output: Writable, example?: { today: string }): Promise<void> {
  return templateWorkbook(output, example);
}

/** The structure's latest imports, for the upload page. */
export function listImports(db: Kysely<DB>, admin: StaffActor, limit = 10) {
  requireAdmin(admin);
  return repository.listImports(db, admin.structureId, limit);
}

/** Housekeeping: files held too long are dropped, their import abandoned or failed. */
export async function expireImportFiles(db: Kysely<DB>): Promise<void> {
  const { failed } = await repository.expireHeldFiles(db, FILE_KEPT_HOURS);
  for (const job of failed) await audit(db, { type: 'system' }, { action: 'import.failed', target: { type: 'import', id: job.id }, details: { reason: 'interrompu' } });
}
