import type { Kysely } from 'kysely';
import type { DB, DomicilieStatus } from '../../db/schema.ts';
import { addMonths, isoDateIn, parseDate, type IsoDate } from '../../shared/dates.ts';
import type { StaffActor } from '../actor.ts';
import * as repository from './search.repository.ts';

/** A screenful at the desk; the HTML of each row is most of the page's cost. */
export const PAGE_SIZE = 25;
/** Counting stops here: « plus de 200 » is all a person needs to know, and the scan stops with it. */
export const COUNT_CAP = 200;

/** Filters travel in the query string (they say nothing about a person); the text only in POST bodies. */
export type ListFilters = {
  statut?: DomicilieStatus;
  echeance?: 'passee' | 'bientot';
  passage?: '2' | '3';
  courrier?: '1';
};
/** Absent: in name order. */
export type SearchSort = repository.SortOrder;
export type SearchQuery = ListFilters & { q?: string; page?: number; tri?: SearchSort };

export type SearchOutcome = {
  query: SearchQuery;
  rows: repository.SearchRow[];
  page: number;
  hasNext: boolean;
  /** Number of matches, COUNT_CAP + 1 meaning « more than COUNT_CAP »; null far down the list (not counted). */
  total: number | null;
  /** Set when the text held something looking like a date that is not one. */
  problem?: SearchProblem;
  /** No name has a word starting with the letters typed: these names contain them. */
  anywhere?: boolean;
};

/** What is wrong with the text typed in the search; the staff dictionary words it (decision 0027). */
export type SearchProblem = { code: 'date_recherchee_invalide'; typed: string };

/**
 * What may be the structure's own ID of a person (column A of an import, custom_ref): `refs`, the
 * numbers, are a numéro de dossier or such an ID; `idLike`, letters and digits together
 * (« A-012 »), are read as words of a name first, and as an ID when no name has them.
 */
type Parsed = { words: string[]; dossierNumbers: number[]; refs: string[]; idLike: string[]; birthDates: IsoDate[]; problem?: SearchProblem };

/** Splits the text: dates of birth (jj/mm/aaaa or aaaa-mm-jj), numéros de dossier or IDs (digits), IDs (letters and digits), words of names. */
export function parseSearchText(text: string): Parsed {
  const parsed: Parsed = { words: [], dossierNumbers: [], refs: [], idLike: [], birthDates: [] };
  for (const token of text.split(/\s+/).filter(Boolean)) {
    if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(token) || /^\d{4}-\d{1,2}-\d{1,2}$/.test(token)) {
      const date = parseDate(/^\d{4}-/.test(token) ? token : token.replace(/[.-]/g, '/'));
      if (date) parsed.birthDates.push(date);
      else parsed.problem = { code: 'date_recherchee_invalide', typed: token };
    } else if (/^\d{1,9}$/.test(token)) {
      parsed.dossierNumbers.push(Number(token));
      parsed.refs.push(token);
    } else {
      if (/\d/.test(token)) parsed.idLike.push(token.slice(0, 100));
      parsed.words.push(...token.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
    }
  }
  return parsed;
}

/** The list's filters as the repository reads them, no text searched: the list and the export select alike. */
export function filterCriteria(staff: Pick<StaffActor, 'structureId' | 'timezone'>, filters: ListFilters, now = new Date()): repository.SearchCriteria {
  const today = isoDateIn(now, staff.timezone);
  return {
    structureId: staff.structureId,
    words: [],
    dossierNumbers: [],
    birthDates: [],
    statut: filters.statut,
    echeance: filters.echeance ? { kind: filters.echeance, today, soonLimit: addMonths(today, 2) } : undefined,
    passageMonths: filters.passage ? Number(filters.passage) : undefined,
    courrierWaiting: filters.courrier === '1',
  };
}

/** The « Domiciliés » list of the staff member's structure, filtered, searched, in name order. */
export async function searchDomicilies(db: Kysely<DB>, staff: StaffActor, query: SearchQuery, now = new Date()): Promise<SearchOutcome> {
  const parsed = parseSearchText(query.q ?? '');
  const criteria: repository.SearchCriteria = {
    ...filterCriteria(staff, query, now),
    words: parsed.words,
    dossierNumbers: parsed.dossierNumbers,
    refs: parsed.refs,
    birthDates: parsed.birthDates,
  };
  const page = Math.max(1, query.page ?? 1);
  if (parsed.problem) return { query, rows: [], page, hasNext: false, total: 0, problem: parsed.problem };
  if (query.tri) {
    const offset = (page - 1) * PAGE_SIZE;
    // Counted past the page asked, so that a page beyond the cap still knows whether another follows.
    const window = Math.max(COUNT_CAP, offset + PAGE_SIZE) + 1;
    const { rows, total } = await repository.searchSorted(db, criteria, query.tri, window, PAGE_SIZE, offset);
    return { query, page, rows, total, hasNext: offset + PAGE_SIZE < total };
  }
  const found = await onePage(db, criteria, page);
  // Letters from the middle of a name (« efev » for Lefèvre): searched anywhere when no word starts with them
  // (an empty first page means no match at all; a later page may only be past the last).
  const fragment = parsed.words.some(repository.isFragment);
  if (found.rows.length === 0 && fragment && (page === 1 || !(await repository.anyMatch(db, criteria)))) {
    const anywhere = await onePage(db, { ...criteria, anywhere: true }, page);
    if (anywhere.rows.length > 0 || parsed.idLike.length === 0) return { query, page, ...anywhere, anywhere: true };
  }
  // « A-012 » is no name: the ID of a person in the structure's earlier files (custom_ref).
  if (found.rows.length === 0 && parsed.idLike.length > 0) {
    const names = parseSearchText((query.q ?? '').split(/\s+/).filter((token) => !parsed.idLike.includes(token.slice(0, 100))).join(' ')).words;
    return { query, page, ...(await onePage(db, { ...criteria, words: names, refs: [...parsed.refs, ...parsed.idLike] }, page)) };
  }
  return { query, page, ...found };
}

async function onePage(db: Kysely<DB>, criteria: repository.SearchCriteria, page: number) {
  const offset = (page - 1) * PAGE_SIZE;
  // Matches are counted up to the cap, never through the whole structure.
  if (offset + PAGE_SIZE <= COUNT_CAP) {
    const { rows, total } = await repository.searchFirstPages(db, criteria, COUNT_CAP + 1, PAGE_SIZE, offset);
    return { rows, hasNext: total > offset + PAGE_SIZE, total };
  }
  const fetched = await repository.searchDeepPage(db, criteria, PAGE_SIZE + 1, offset);
  return { rows: fetched.slice(0, PAGE_SIZE), hasNext: fetched.length > PAGE_SIZE, total: null };
}
