import type { IsoDate } from '../../shared/dates.ts';
import type { Problem } from '../../shared/errors.ts';
import type { TemplateRow } from '../spreadsheet/template.ts';

/** One faulty cell, as the reader of the template reports it. */
export type CellProblem = { line: number; column: string; header: string; value: string; problem: Problem };

/** What reading the template yields, row after row: a person to write, or the problems of a row. */
export type ReadEvent = { kind: 'row'; row: TemplateRow } | { kind: 'problems'; line: number; problems: CellProblem[] };

/** Reads a spreadsheet in the template's layout as a stream of rows; throws a typed problem for a file it cannot read at all. */
export type TemplateReader = (source: Buffer, options: { today: IsoDate }) => AsyncIterable<ReadEvent>;

/** The application's reader (src/domain/spreadsheet/import-reading.ts). */
export const templateReader: TemplateReader = () => {
  throw new Error('the template reader is not wired yet');
};
