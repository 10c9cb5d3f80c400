import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB, DomicilieStatus } from '../../db/schema.ts';
import { plannedWithValues } from '../../db/preparing-client.ts';
import type { IsoDate } from '../../shared/dates.ts';

/** What the list is filtered on; name words are normalised in SQL, like the indexed search_text. */
export type SearchCriteria = {
  structureId: string;
  words: string[];
  dossierNumbers: number[];
  /**
   * Tokens that may be a person's ID in the structure's earlier files (custom_ref, case ignored);
   * a number among them is a numéro de dossier or such an ID. When given, they hold the dossier numbers.
   */
  refs?: string[];
  birthDates: IsoDate[];
  statut?: DomicilieStatus;
  /** Échéance passed before `today`, or within the two months after it. */
  echeance?: { kind: 'passee' | 'bientot'; today: IsoDate; soonLimit: IsoDate };
  /** Last visit more than this many months ago (or never). */
  passageMonths?: number;
  courrierWaiting?: boolean;
  /** Fragments (FRAGMENT_LENGTH letters or more) match anywhere in the names, not only at the start of a word. */
  anywhere?: boolean;
};

/** From this length a word makes a trigram and may be searched anywhere in the names. */
const FRAGMENT_LENGTH = 3;
export const isFragment = (word: string) => word.length >= FRAGMENT_LENGTH;

/** The last visit, never-seen people first: the expression of domicilies_passage_idx (migration 0054). */
const lastVisitOrNever = sql`coalesce(last_visit_at, '-infinity'::timestamptz)`;

/** Up to this many people not seen for the months asked are found by their last visit, then sorted by name. */
export const FEW_NOT_SEEN = 1000;

/** What may come before the start of a word in search_text. */
const wordStarts = ['', '% ', '%-', "%'"];

/**
 * Every condition reads columns of domicilies_list_idx (migration 0010), so the planner can
 * answer from that index alone in name order, or from the trigram index for rare names. The
 * searches are planned with their values each time: the patterns and the size of the
 * structure decide the plan.
 */
export function where<O>(query: SelectQueryBuilder<DB, 'domicilies', O>, criteria: SearchCriteria) {
  let q = query.where('structure_id', '=', criteria.structureId);
  for (const word of criteria.words) {
    // search_normalize() of a bound value is folded into a constant when the query is planned,
    // so the planner sees the pattern and can choose the trigram index for a rare name.
    const normalized = sql<string>`search_normalize(${word})`;
    // The start of a word; anywhere (three letters make a trigram) when nothing starts so.
    q =
      criteria.anywhere && isFragment(word)
        ? q.where(sql<boolean>`search_text LIKE '%' || ${normalized} || '%'`)
        : q.where((eb) => eb.or(wordStarts.map((before) => sql<boolean>`search_text LIKE ${before} || ${normalized} || '%'`)));
  }
  const refs = criteria.refs ?? [];
  for (const ref of refs) {
    // The expression of domicilies_custom_ref_idx (migration 0068).
    const sameRef = sql<boolean>`lower(custom_ref) = lower(${ref})`;
    q = /^\d{1,9}$/.test(ref) ? q.where((eb) => eb.or([eb('dossier_number', '=', Number(ref)), sameRef])) : q.where(sameRef);
  }
  if (refs.length === 0) for (const number of criteria.dossierNumbers) q = q.where('dossier_number', '=', number);
  for (const date of criteria.birthDates) q = q.where('birth_date', '=', date);
  if (criteria.statut) q = q.where('status', '=', criteria.statut);
  if (criteria.echeance) {
    const { kind, today, soonLimit } = criteria.echeance;
    q = q.where('status', '=', 'valide');
    q = kind === 'passee' ? q.where('end_date', '<', today) : q.where('end_date', '>=', today).where('end_date', '<', soonLimit);
  }
  if (criteria.passageMonths) q = q.where(sql<boolean>`${lastVisitOrNever} < now() - make_interval(months => ${criteria.passageMonths})`);
  if (criteria.courrierWaiting) q = q.where(sql<boolean>`waiting_courrier + waiting_colis + waiting_avis_passage > 0`);
  return q;
}

const listColumns = [
  'id', 'dossier_number', 'nom', 'prenom', 'surnom', 'birth_date', 'status', 'end_date', 'last_visit_at',
  'waiting_courrier', 'waiting_colis', 'waiting_avis_passage',
] as const;
const rowColumns = listColumns.map((column) => `d.${column}` as const);

type MatchingIds = SelectQueryBuilder<DB, 'domicilies', { id: string; sort_key: string }>;

/**
 * Only name words, one of them at least three letters long (it leads the search: a word of one
 * or two letters starts thousands of names, read faster in name order from domicilies).
 */
const byWordsAlone = (criteria: SearchCriteria) =>
  criteria.words.some(isFragment) &&
  criteria.dossierNumbers.length + (criteria.refs?.length ?? 0) + criteria.birthDates.length === 0 &&
  !criteria.statut && !criteria.echeance && !criteria.passageMonths && !criteria.courrierWaiting;

/**
 * A word of the name that starts with the letters typed, or, for three letters or more searched
 * anywhere, one of the structure's distinct words that contains them (migration 0053), a handful
 * where names are thousands.
 */
function wordMatches(alias: 'w' | 'other', criteria: SearchCriteria, typed: string) {
  const word = sql.ref(`${alias}.word`);
  // The words that start so, as a range of the index whatever the letters: one plan fits every search.
  // (U+10FFFF, the last code point, sorts after any letter that can follow.)
  if (!criteria.anywhere || !isFragment(typed)) return sql<boolean>`${word} >= search_normalize(${typed}) AND ${word} < search_normalize(${typed}) || chr(1114111)`;
  return sql<boolean>`${word} IN (SELECT s.word FROM structure_words s
    WHERE s.structure_id = ${criteria.structureId} AND s.word LIKE '%' || search_normalize(${typed}) || '%')`;
}

/**
 * How the search is planned. By the start of name words, one plan (the index range) fits every
 * search; the list « dernier passage » has its few people sorted, or many read in name order
 * (its count decides, decision 0012): these plans are kept on the connection. The others are
 * planned with their values each time (a LIKE pattern, a date: the trigram index or name order).
 */
const planning = (criteria: SearchCriteria) => ((byWordsAlone(criteria) && !criteria.anywhere) || byLastVisit(criteria) ? sql`` : plannedWithValues);

/**
 * The ids of the matches and their sort key, in name order. Names searched by their words
 * read the words tables alone (migrations 0052, 0053); people not seen for months are found
 * by their last visit when they are few (migration 0054); the rest reads domicilies in name order.
 */
async function matchingIds(db: Kysely<DB>, criteria: SearchCriteria): Promise<MatchingIds> {
  if (byWordsAlone(criteria)) return byWords(db, criteria);
  const inNameOrder = where(db.selectFrom('domicilies').select(['id', sql<string>`search_text collate "C"`.as('sort_key')]), criteria);
  if (byLastVisit(criteria) && (await fewNotSeen(db, criteria))) {
    const notSeen = inNameOrder.orderBy('status').orderBy(lastVisitOrNever).limit(FEW_NOT_SEEN);
    return db.selectFrom(notSeen.as('not_seen')).select(['not_seen.id', 'not_seen.sort_key']).orderBy('sort_key').orderBy('id') as unknown as MatchingIds;
  }
  return inNameOrder.orderBy(sql`search_text collate "C"`).orderBy('id');
}

/** Only the list « dernier passage » and filters on the people's record, no name, number or date typed. */
const byLastVisit = (criteria: SearchCriteria) =>
  criteria.passageMonths !== undefined && criteria.words.length + criteria.dossierNumbers.length + (criteria.refs?.length ?? 0) + criteria.birthDates.length === 0;

/**
 * Whether at most FEW_NOT_SEEN people of this status were not seen for the months asked, counted
 * from domicilies_passage_idx alone. Read in name order, few of them would mean reading the
 * whole structure to find them; many are found in name order after a short read. The bound is
 * written in the statement: the plan kept on the connection then reads the index in its order
 * (with the bound as a parameter, it read the whole structure when no status was chosen,
 * decision 0012).
 */
async function fewNotSeen(db: Kysely<DB>, criteria: SearchCriteria): Promise<boolean> {
  const { structureId, statut, passageMonths } = criteria;
  const notSeen = where(db.selectFrom('domicilies').select(sql`1`.as('one')), { structureId, statut, passageMonths, words: [], dossierNumbers: [], birthDates: [] })
    .orderBy('status').orderBy(lastVisitOrNever).limit(sql.lit(FEW_NOT_SEEN + 1));
  const counted = await db.selectFrom(notSeen.as('n')).select((eb) => eb.fn.countAll<string>().as('people')).executeTakeFirstOrThrow();
  return Number(counted.people) <= FEW_NOT_SEEN;
}

function byWords(db: Kysely<DB>, criteria: SearchCriteria): MatchingIds {
  // The longest word leads: it matches the fewest names.
  const [leading, ...others] = [...criteria.words].sort((a, b) => b.length - a.length);
  let q = db
    .selectFrom('domicilie_words as w')
    .select(['w.domicilie_id as id', 'w.search_text as sort_key'])
    .distinct()
    .where('w.structure_id', '=', criteria.structureId)
    .where(wordMatches('w', criteria, leading!));
  for (const word of others) {
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('domicilie_words as other').select('other.word').whereRef('other.domicilie_id', '=', 'w.domicilie_id').where('other.structure_id', '=', criteria.structureId).where(wordMatches('other', criteria, word))),
    );
  }
  // Same columns, same order: only the table differs, which the callers never name.
  return q.orderBy('sort_key').orderBy('id') as unknown as MatchingIds;
}

/** Whether anything matches at all (a page past the last one is empty too). */
export async function anyMatch(db: Kysely<DB>, criteria: SearchCriteria): Promise<boolean> {
  const ids = await matchingIds(db, criteria);
  return (await ids.limit(1).modifyEnd(planning(criteria)).execute()).length > 0;
}

/**
 * One of the first pages in name order and how many match, from a single scan: the matching
 * ids are read in index order (index only) up to `window`, counted, and only the page's rows
 * are fetched by primary key.
 */
export async function searchFirstPages(db: Kysely<DB>, criteria: SearchCriteria, window: number, limit: number, offset: number) {
  const ids = await matchingIds(db, criteria);
  const rows = await db
    .with('matches', () => ids.limit(window))
    .selectFrom((eb) => eb.selectFrom('matches').select(['id', 'sort_key']).orderBy('sort_key').orderBy('id').limit(limit).offset(offset).as('page'))
    .innerJoin('domicilies as d', 'd.id', 'page.id')
    .select([...rowColumns, sql<string>`(SELECT count(*) FROM matches)`.as('total')])
    .orderBy('page.sort_key')
    .orderBy('page.id')
    .modifyEnd(planning(criteria))
    .execute();
  return { rows, total: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}

/** A page far down the list: no count, the ids skipped in index order. */
export async function searchDeepPage(db: Kysely<DB>, criteria: SearchCriteria, limit: number, offset: number) {
  const ids = await matchingIds(db, criteria);
  return db
    .selectFrom(ids.limit(limit).offset(offset).as('page'))
    .innerJoin('domicilies as d', 'd.id', 'page.id')
    .select(rowColumns)
    .orderBy('page.sort_key')
    .orderBy('page.id')
    .modifyEnd(planning(criteria))
    .execute();
}

/** The orders other than the name's: the nearest échéance first, or the longest without a visit. */
export type SortOrder = 'echeance' | 'passage';

/**
 * A page in another order than the name's, read in the order of its index (migration 0063),
 * and how many match up to `window`. Ties in name order, then by id: stable from one page to the next.
 */
export async function searchSorted(db: Kysely<DB>, criteria: SearchCriteria, order: SortOrder, window: number, limit: number, offset: number) {
  const key = order === 'echeance' ? sql`end_date` : lastVisitOrNever;
  const [rows, counted] = await Promise.all([
    where(db.selectFrom('domicilies'), criteria)
      .select(listColumns)
      .orderBy(key)
      .orderBy(sql`search_text collate "C"`)
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .modifyEnd(plannedWithValues)
      .execute(),
    db.selectFrom(where(db.selectFrom('domicilies').select(sql`1`.as('one')), criteria).limit(window).as('c')).select((eb) => eb.fn.countAll<string>().as('total')).modifyEnd(plannedWithValues).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counted.total) };
}

export type SearchRow = Awaited<ReturnType<typeof searchDeepPage>>[number];
