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
 * The template's columns in the file whose first non-empty row is `headers`. When the header
 * row reads like the template's, column by column (most headers alike), the file is read by
 * position whatever the wording; else each column is looked for by its header, anywhere in
 * the row (a file whose columns were moved). Refuses a file that is neither.
 */
export function mapHeaders(headers: readonly Cell[]): HeaderMap {
  const texts = headers.map(oneLine);
  const expected = templateColumns.length;
  const byPosition = templateColumns.filter((column, index) => sameHeader(texts[index] ?? '', column.header)).length;
  if (byPosition >= expected * RECOGNIZED_SHARE) {
    return templateColumns.map((column, index) => ({
      key: column.key,
      index: index < texts.length ? index : null,
      letters: columnLetters(index),
      header: texts[index] || column.header,
    }));
  }
  const taken = new Set<number>();
  const places = templateColumns.map((column, templateIndex): ColumnPlace => {
    const exact = texts.findIndex((text, index) => !taken.has(index) && headerKey(text) === headerKey(column.header));
    const index = exact >= 0 ? exact : texts.findIndex((text, index) => !taken.has(index) && sameHeader(text, column.header));
    if (index < 0) return { key: column.key, index: null, letters: columnLetters(templateIndex), header: column.header };
    taken.add(index);
    return { key: column.key, index, letters: columnLetters(index), header: texts[index]! };
  });
  const recognized = places.filter((place) => place.index !== null).length;
  const requiredFound = REQUIRED.every((key) => places.find((place) => place.key === key)!.index !== null);
  if (recognized < expected * RECOGNIZED_SHARE || !requiredFound) throw refuseFile({ code: 'import_pas_le_modele', recognized: Math.max(recognized, byPosition), expected });
  return places;
}
