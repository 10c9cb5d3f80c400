import { integer } from '../../shared/forms.ts';
import type { SearchQuery } from '../../../domain/domicilies/search.service.ts';

/** The list's filters and their values: the list and the export read them with the same rules. */
export const choices = {
  statut: ['', 'instruction', 'a_valider', 'valide', 'refuse', 'radie'],
  echeance: ['', 'passee', 'bientot'],
  passage: ['', '2', '3'],
  courrier: ['', '1'],
  tri: ['', 'echeance', 'passage'],
} as const;
export const MAX_PAGE = 100_000;
export const filterFields = {
  ...Object.fromEntries(Object.entries(choices).map(([name, values]) => [name, { type: 'string', enum: values }])),
  page: integer(1, MAX_PAGE),
};

export type RawSearch = Partial<Record<'q' | keyof typeof choices, string>> & { page?: number };

/** Empty filters (« Tous », « Peu importe ») mean no filter. */
export function searchQuery(raw: RawSearch): SearchQuery {
  const query: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== '' && value !== undefined && name !== '_csrf') query[name] = value;
  return query as SearchQuery;
}

/** A search kept with the session, read back with the same rules as a typed one (it may predate them). */
export function restoredQuery(stored: Record<string, unknown> | null): SearchQuery {
  const raw: RawSearch = {};
  if (!stored) return {};
  if (typeof stored.q === 'string' && stored.q.length <= 100) raw.q = stored.q;
  for (const [name, values] of Object.entries(choices) as [keyof typeof choices, readonly string[]][]) {
    const value = stored[name];
    if (typeof value === 'string' && values.includes(value)) raw[name] = value;
  }
  if (Number.isInteger(stored.page) && (stored.page as number) >= 1 && (stored.page as number) <= MAX_PAGE) raw.page = stored.page as number;
  return searchQuery(raw);
}
