import type { IsoDate } from '../../shared/dates.ts';
import { checkRow, type CheckedRow } from './import-checks.ts';
import { csvRows, fileFormat, xlsxRows, type ImportSource, type RawRow } from './import-file.ts';
import { mapHeaders } from './import-headers.ts';
import { MAX_IMPORT_ROWS, refuseFile } from './import-problems.ts';
import { RowReader } from './row-reader.ts';

export type { ImportSource } from './import-file.ts';
export type { CellProblem, ImportFileProblem, ImportProblem, RowProblem } from './import-problems.ts';
export { isFileRefusal, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-problems.ts';

/** What reading a file gives, row by row in the sheet's order: a row to write, or its problems. */
export type ImportEvent = CheckedRow;

export type ReadOptions = {
  /** The structure's today: no birth, radiation or visit after it; the century of a two-digit year. */
  today: IsoDate;
};

const isEmptyRow = (row: RawRow) => row.cells.every((cell) => cell.kind === 'empty');

/**
 * Reads and checks a structure's spreadsheet in the template's layout (xlsx or CSV), streamed:
 * one row in memory at a time besides the shared strings, whatever the file's length. The
 * first non-empty row is the header; empty rows are skipped. Yields each person's row, or the
 * problems of a row that cannot be imported as it is.
 *
 * Throws `AppError<ImportFileProblem>` (INVALID_INPUT) for a file refused as a whole, before
 * any row when it can be told from the file itself (size, format, protection, zip bomb,
 * another layout), or when reaching the row beyond MAX_IMPORT_ROWS. A caller that writes must
 * therefore read the whole file before writing anything.
 */
export async function* readTemplate(source: ImportSource, options: ReadOptions): AsyncGenerator<ImportEvent> {
  const format = fileFormat(source);
  const rows: AsyncGenerator<RawRow & { date1904?: boolean }> = format === 'xlsx' ? xlsxRows(source.bytes) : csvRows(source.bytes);
  let places: ReturnType<typeof RowReader.placesOf> | null = null;
  let people = 0;
  for await (const raw of rows) {
    if (isEmptyRow(raw)) continue;
    if (places === null) {
      places = RowReader.placesOf(mapHeaders(raw.cells));
      continue;
    }
    if (++people > MAX_IMPORT_ROWS) throw refuseFile({ code: 'import_trop_de_lignes', max: MAX_IMPORT_ROWS });
    yield checkRow(raw, new RowReader(raw.line, raw.cells, places, options.today, raw.date1904 === true));
  }
  if (people === 0) throw refuseFile({ code: 'import_fichier_vide' });
}
