import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { fileNamePart } from '../../shared/file-names.ts';
import { allowed } from '../../shared/roles.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { mailTotalsOf } from '../courriers/mail-totals.service.ts';
import { effectiveDecisionsOf } from '../decisions/decisions.service.ts';
import { ayantsDroitOf, recordBatches, type RecordRow } from '../domicilies/records.service.ts';
import type { ListFilters } from '../domicilies/search.service.ts';
import { listEntretiens } from '../entretien/entretien.service.ts';
import { templateCells, templateRowOf } from './export-rows.ts';
import { ayantsDroitColumns, ayantsDroitCells, mailColumns, mailCells } from './export-sheets.ts';
import { TEMPLATE_AYANTS_DROIT, templateColumns, type TemplateRow } from './template.ts';

/** Records read and written at a time: the memory of one batch, whatever the structure's size. */
export const EXPORT_BATCH_SIZE = 1000;

/** The sheets, in their order: the template first (what an import reads), then what it cannot hold. */
export const exportSheetNames = { records: 'Domiciliés', ayantsDroit: 'Ayants droit', mail: 'Courrier et passages' } as const;

export type ExportFilters = Pick<ListFilters, 'statut' | 'echeance' | 'passage' | 'courrier'>;

/** `export-domicilies-<structure>-<yyyy-mm-dd>.xlsx`: the structure and the day, never a person. */
export function exportFileName(structureName: string, today: string): string {
  return `export-domicilies-${fileNamePart(structureName) || 'structure'}-${today}.xlsx`;
}

export const canExport = (role: StaffActor['role']) => (allowed.deciders as readonly string[]).includes(role);

type Sheet = ExcelJS.Worksheet;

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, headers: readonly string[]): Sheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((header) => ({ width: Math.min(40, Math.max(12, header.length + 2)) }));
  sheet.addRow(headers).commit();
  return sheet;
}

/** An empty cell is left out of the row: exceljs makes no cell of it, the row is lighter to write. */
const written = <T>(cells: readonly (T | null)[]): (T | undefined)[] => cells.map((cell) => (cell === null ? undefined : cell));

/**
 * Waits while the reader of the file is behind: the rows already written wait in the zip's
 * buffers, so the next batch is read only once they have gone (bounded memory for a slow download).
 */
async function keepPace(output: Writable): Promise<boolean> {
  while (output.writableNeedDrain && !output.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        output.off('drain', done);
        output.off('close', done);
        resolve();
      };
      output.once('drain', done);
      output.once('close', done);
    });
  }
  return !output.destroyed;
}

/**
 * The template's rows of the structure's records matching the list's filters, a batch at a time
 * in numéro de dossier order, each with its record (`line` counts from 2, as in the sheet).
 */
export async function* templateRowBatches(db: Kysely<DB>, staff: StaffActor, filters: ExportFilters, now = new Date()): AsyncGenerator<{ record: RecordRow; row: TemplateRow }[]> {
  let line = 2;
  for await (const batch of recordBatches(db, staff, filters, EXPORT_BATCH_SIZE, now)) {
    const ids = batch.map((record) => record.id);
    const [decisions, entretiens, ayantsDroit] = await Promise.all([effectiveDecisionsOf(db, staff, ids), listEntretiens(db, staff, ids), ayantsDroitOf(db, staff, ids)]);
    yield batch.map((record) => ({
      record,
      row: templateRowOf(line++, record, decisions.get(record.id) ?? [], entretiens.get(record.id), ayantsDroit.get(record.id) ?? [], staff.timezone),
    }));
  }
}

/**
 * Writes the structure's records matching the list's filters as an xlsx to `output`, streamed
 * without shared strings, batch by batch: sheet « Domiciliés » in the template's layout (what an
 * import reads back), « Ayants droit » with every ayant droit of the people who have more than the
 * template holds, « Courrier et passages » with each person's mail and last visits. Audited
 * (who, filters, rows; nothing about a person), also when the download stops half-way.
 */
export async function exportDomicilies(db: Kysely<DB>, staff: StaffActor, filters: ExportFilters, output: Writable, now = new Date()): Promise<{ rows: number }> {
  if (!canExport(staff.role)) throw new AppError('FORBIDDEN');
  // Neither shared strings nor styles: both are kept in memory for the whole file, and styles cost
  // several times the writing of the cells (days are written as dd/mm/yyyy text for that reason).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  workbook.creator = staff.structureName;
  const records = addSheet(workbook, exportSheetNames.records, templateColumns.map((column) => column.header));
  const extra = addSheet(workbook, exportSheetNames.ayantsDroit, ayantsDroitColumns.map((column) => column.header));
  const mail = addSheet(workbook, exportSheetNames.mail, mailColumns.map((column) => column.header));
  let rows = 0;
  let complete = false;
  try {
    const withMore: RecordRow[] = [];
    for await (const batch of templateRowBatches(db, staff, filters, now)) {
      for (const { record, row } of batch) {
        if (row.ayantsDroit.length > TEMPLATE_AYANTS_DROIT) withMore.push(record);
        records.addRow(written(templateCells(row))).commit();
        rows++;
      }
      if (!(await keepPace(output))) return { rows };
    }
    records.commit();
    for (let start = 0; start < withMore.length; start += EXPORT_BATCH_SIZE) {
      const batch = withMore.slice(start, start + EXPORT_BATCH_SIZE);
      const ayantsDroit = await ayantsDroitOf(db, staff, batch.map((record) => record.id));
      for (const record of batch) for (const ayantDroit of ayantsDroit.get(record.id) ?? []) extra.addRow(written(ayantsDroitCells(record, ayantDroit))).commit();
    }
    extra.commit();
    // A second pass over the same records: the mail sheet waits for nothing in memory.
    for await (const batch of recordBatches(db, staff, filters, EXPORT_BATCH_SIZE, now)) {
      const totals = await mailTotalsOf(db, staff, batch.map((record) => record.id));
      for (const record of batch) mail.addRow(written(mailCells(record, totals.get(record.id), staff.timezone))).commit();
      if (!(await keepPace(output))) return { rows };
    }
    mail.commit();
    await workbook.commit();
    complete = true;
    return { rows };
  } finally {
    const details = {
      statut: filters.statut ?? null,
      echeance: filters.echeance ?? null,
      passage: filters.passage ?? null,
      courrier: filters.courrier ?? null,
      rows,
      complete,
    };
    await audit(db, staffAuditActor(staff), { action: 'export.domicilies', details });
  }
}
