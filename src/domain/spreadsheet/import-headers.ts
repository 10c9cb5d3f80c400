import { oneLine, type Cell } from './cell-values.ts';
import { refuseFile } from './import-problems.ts';
import { columnLetters, templateColumns, type TemplateColumnKey } from './template.ts';

/** Where each of the template's columns sits in the file, and how the file names it. */
export type ColumnPlace = { key: TemplateColumnKey; index: number | null; letters: string; header: string };
export type HeaderMap = ColumnPlace[];

/** « Date de\nnaissance  » and « date de naissance » alike: no accent, no case, words only. */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const words = (key: string) => new Set(key.split(' ').filter((word) => word.length > 2));
const numbers = (key: string) => key.match(/\d+/g)?.join(' ') ?? '';

/**
 * Two headers name the same column when they are equal once normalized, when one holds the
 * other (« Date de fin » and « Date de fin de la domiciliation actuelle… »), or when most of
 * their words agree: files in the field word the template's headers a little differently.
 */
export function sameHeader(found: string, expected: string): boolean {
  const [a, b] = [headerKey(found), headerKey(expected)];
  // « Ayant droit 1 : nom » is not « Ayant droit 2 : nom ».
  if (!a || !b || numbers(a) !== numbers(b)) return false;
  if (a === b || a.includes(b) || b.includes(a)) return true;
  const [wordsA, wordsB] = [words(a), words(b)];
  const shared = [...wordsA].filter((word) => wordsB.has(word)).length;
  return shared / Math.max(wordsA.size, wordsB.size, 1) >= 0.5;
}

/** At least this share of the template's headers must be recognized for a file to be taken as the template. */
const RECOGNIZED_SHARE = 0.6;
/** Without these, no row can be read at all. */
const REQUIRED: readonly TemplateColumnKey[] = ['nom', 'prenom', 'date_naissance', 'statut'];

/**
 * The template's columns in the file whose first non-empty row is `headers`. Each column is
 * found at its own position when the header there names it, else anywhere in the row (a file
 * whose columns were moved), by the same header first, then by a similar one. When most
 * columns are found, the file reads like the template, and a header still unrecognized at a
 * column's position is that column, worded differently. Refuses a file that is not the template.
 */
export function mapHeaders(headers: readonly Cell[]): HeaderMap {
  const texts = headers.map(oneLine);
  const found: (number | null)[] = templateColumns.map((column, index) => (sameHeader(texts[index] ?? '', column.header) ? index : null));
  const taken = new Set(found.filter((index) => index !== null));
  const lookFor = (alike: (text: string, header: string) => boolean) =>
    templateColumns.forEach((column, position) => {
      if (found[position] !== null) return;
      const index = texts.findIndex((text, index) => !taken.has(index) && alike(text, column.header));
      if (index >= 0) taken.add((found[position] = index));
    });
  lookFor((text, header) => headerKey(text) !== '' && headerKey(text) === headerKey(header));
  lookFor(sameHeader);
  const recognized = found.filter((index) => index !== null).length;
  const places = templateColumns.map((column, position): ColumnPlace => {
    const index = found[position] ?? (position < texts.length && !taken.has(position) ? position : null);
    return { key: column.key, index, letters: columnLetters(index ?? position), header: (index !== null && texts[index]) || column.header };
  });
  const required = REQUIRED.every((key) => places.find((place) => place.key === key)!.index !== null);
  if (recognized < templateColumns.length * RECOGNIZED_SHARE || !required) {
    throw refuseFile({ code: 'import_pas_le_modele', recognized, expected: templateColumns.length });
  }
  return places;
}
