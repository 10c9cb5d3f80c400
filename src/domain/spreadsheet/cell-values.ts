import { formatDate, type IsoDate } from '../../shared/dates.ts';

/**
 * One cell as the import understands it, from an xlsx cell (exceljs's value) or a CSV field
 * (always text). A formula counts by its cached result, never evaluated.
 */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'formula_without_result'; formula: string }
  | { kind: 'error'; text: string };

const EMPTY: Cell = { kind: 'empty' };

export const textCell = (text: string): Cell => (text.trim() ? { kind: 'text', text } : EMPTY);

type RichText = { richText: { text: string }[] };
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** exceljs's cell value (string, number, Date, boolean, rich text, hyperlink, formula, error) as a Cell. */
export function cellFromExcel(value: unknown): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', text: String(value) };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', text: '' } : { kind: 'date', value };
  if (!isObject(value)) return EMPTY;
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = String(value.formula ?? value.sharedFormula ?? '');
    if (value.result === undefined || value.result === null) return { kind: 'formula_without_result', formula };
    if (isObject(value.result) && 'error' in value.result) return { kind: 'error', text: String(value.result.error) };
    // exceljs reads every result that is not a string as a number: an error result becomes NaN.
    if (typeof value.result === 'number' && !Number.isFinite(value.result)) return { kind: 'error', text: `=${formula}` };
    return cellFromExcel(value.result);
  }
  if ('error' in value) return { kind: 'error', text: String(value.error) };
  if ('richText' in value && Array.isArray(value.richText)) return textCell((value as RichText).richText.map((run) => run.text ?? '').join(''));
  if ('text' in value) return cellFromExcel(value.text);
  return EMPTY;
}

/** Whole days; 15 significant digits are what a spreadsheet keeps of a number. */
const numberText = (value: number) => (Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15))));

/** What the cell held, as a person would read it back in a report. */
export function cellText(cell: Cell): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      return numberText(cell.value);
    case 'date':
      return formatDate(dayOfDate(cell.value));
    case 'boolean':
      return cell.value ? 'VRAI' : 'FAUX';
    case 'formula_without_result':
      return `=${cell.formula}`;
    case 'error':
      return cell.text;
  }
}

/** The cell's text on one line, trimmed: what every field but the comments keeps. */
export const oneLine = (cell: Cell) => cellText(cell).trim().replace(/\s+/g, ' ');

/**
 * A code as a person types it, as the template writes it: « Validé » → VALIDE, « attente
 * décision » → ATTENTE_DECISION, « Non-manifestation 3 mois » → NON_MANIFESTATION_3_MOIS.
 */
export function codeKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** The calendar day exceljs means by a Date: it builds them at midnight UTC, give or take a rounding. */
function dayOfDate(date: Date): IsoDate {
  return new Date(date.getTime() + 500).toISOString().slice(0, 10);
}

const FIRST_SERIAL = 1;
/** 31/12/2199: the last day the application accepts (shared/dates.ts). */
const LAST_SERIAL = 109_573;

/**
 * A spreadsheet's serial day number: 1 is 01/01/1900 and 60 the 29/02/1900 that never was (an
 * old mistake spreadsheets keep); in the 1904 system, 0 is 01/01/1904.
 */
export function dayOfSerial(serial: number, date1904 = false): IsoDate | undefined {
  const whole = Math.floor(serial + 1e-9);
  if (date1904) return whole >= 0 && whole <= LAST_SERIAL - 1462 ? addToEpoch(Date.UTC(1904, 0, 1), whole) : undefined;
  if (whole < FIRST_SERIAL || whole > LAST_SERIAL || whole === 60) return undefined;
  return addToEpoch(Date.UTC(1899, 11, whole < 60 ? 31 : 30), whole);
}

const addToEpoch = (epoch: number, days: number) => new Date(epoch + days * 86_400_000).toISOString().slice(0, 10);

/** Whose date it is decides the century of a two-digit year. */
export type DateKind = 'birth' | 'event';

/**
 * The century of « 3/4/52 »: a birth date is never in the future, so its year is the latest
 * one ending in those digits up to this year (52 → 1952, 09 → 2009 in 2026); a domiciliation's
 * date may lie a little ahead (an end date), so its year is taken in the window from 79 years
 * before this year to 20 years after (46 → 2046, 47 → 1947 in 2026).
 */
export function fullYear(twoDigits: number, kind: DateKind, today: IsoDate): number {
  const thisYear = Number(today.slice(0, 4));
  const limit = kind === 'birth' ? thisYear : thisYear + 20;
  const century = Math.floor(limit / 100) * 100;
  return century + twoDigits <= limit ? century + twoDigits : century - 100 + twoDigits;
}

function realDay(year: number, month: number, day: number): IsoDate | undefined {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 ? date.toISOString().slice(0, 10) : undefined;
}

/**
 * A date cell, a serial number, or a text in jj/mm/aaaa, j/m/aa (also with - or .), aaaa-mm-jj
 * (an ISO date and time too), or a serial number written as text, as CSV exports sometimes do:
 * null when empty, undefined when it names no real day between 1900 and 2199.
 */
export function readDate(cell: Cell, kind: DateKind, today: IsoDate, date1904 = false): IsoDate | null | undefined {
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'date':
      return realDay(...(dayOfDate(cell.value).split('-').map(Number) as [number, number, number]));
    case 'number':
      return dayOfSerial(cell.value, date1904);
    case 'text':
      return dateOfText(cell.text.trim(), kind, today);
    default:
      return undefined;
  }
}

function dateOfText(text: string, kind: DateKind, today: IsoDate): IsoDate | undefined {
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (french) {
    const year = french[3]!.length === 2 ? fullYear(Number(french[3]), kind, today) : Number(french[3]);
    return realDay(year, Number(french[2]), Number(french[1]));
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (iso) return realDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (/^\d{5}$/.test(text)) return dayOfSerial(Number(text));
  return undefined;
}
