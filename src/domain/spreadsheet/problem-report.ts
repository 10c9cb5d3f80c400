import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, type Cell } from './cell-values.ts';
import { csvRows, fileFormat, xlsxRows, type ImportSource, type RawRow } from './import-file.ts';
import type { CellProblem } from './import-problems.ts';

/** The report's two sheets and its columns: the format itself, like the template's headers. */
export const reportSheets = { problems: 'Problèmes', rows: 'Fichier importé' } as const;
export const reportHeaders = ['Ligne', 'Colonne', 'En-tête', 'Valeur', 'Problème'] as const;

const FAULTY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };

/** A cell written back as the file held it: numbers stay numbers, dates dates. */
function valueOf(cell: Cell): ExcelJS.CellValue {
  if (cell.kind === 'number') return cell.value;
  if (cell.kind === 'date') return cell.value;
  if (cell.kind === 'boolean') return cell.value;
  return cellText(cell) || null;
}

function columnIndex(letters: string): number {
  return [...letters].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0);
}

/**
 * The problems of an import as a workbook a person fixes their file with: a first sheet lists
 * each problem (line, column, header, value, problem), a second holds the uploaded rows at
 * their own line numbers with each faulty cell filled in red and a note saying what is wrong.
 * `describe` gives the problem's words (the staff dictionary: the domain writes no sentence).
 * Streamed to `output` without shared strings; the problems are held in memory, grouped by line.
 */
export async function problemReport(
  source: ImportSource,
  problems: readonly CellProblem[],
  options: { describe: (problem: CellProblem) => string; output: Writable },
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: options.output, useSharedStrings: false, useStyles: true });
  const list = workbook.addWorksheet(reportSheets.problems);
  list.columns = [{ width: 8 }, { width: 9 }, { width: 34 }, { width: 28 }, { width: 80 }];
  const header = list.addRow([...reportHeaders]);
  header.font = HEADER_FONT;
  header.commit();
  const byLine = new Map<number, Map<string, CellProblem[]>>();
  for (const problem of problems) {
    list.addRow([problem.line, problem.column, problem.header, problem.value, options.describe(problem)]).commit();
    const columns = byLine.get(problem.line) ?? new Map<string, CellProblem[]>();
    columns.set(problem.column, [...(columns.get(problem.column) ?? []), problem]);
    byLine.set(problem.line, columns);
  }
  list.commit();

  const sheet = workbook.addWorksheet(reportSheets.rows);
  const rows: AsyncGenerator<RawRow> = fileFormat(source) === 'xlsx' ? xlsxRows(source.bytes) : csvRows(source.bytes);
  for await (const raw of rows) {
    const row = sheet.getRow(raw.line);
    raw.cells.forEach((cell, index) => {
      if (cell.kind !== 'empty') row.getCell(index + 1).value = valueOf(cell);
    });
    for (const [letters, found] of byLine.get(raw.line) ?? []) {
      const cell = row.getCell(columnIndex(letters));
      cell.fill = FAULTY_FILL;
      cell.note = found.map(options.describe).join('\n');
    }
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}
