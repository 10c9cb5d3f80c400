import type { IsoDate } from '../../shared/dates.ts';
import { readTemplate, type ImportEvent, type ImportSource } from '../spreadsheet/import-reading.ts';

export type { CellProblem } from '../spreadsheet/import-reading.ts';

/**
 * Reads a spreadsheet in the template's layout as a stream of rows (a person, or a row's
 * problems); throws a typed problem for a file it cannot read at all. The application's is
 * src/domain/spreadsheet/import-reading.ts; a test may give the jobs another.
 */
export type TemplateReader = (source: ImportSource, options: { today: IsoDate }) => AsyncIterable<ImportEvent>;

export const templateReader: TemplateReader = readTemplate;
