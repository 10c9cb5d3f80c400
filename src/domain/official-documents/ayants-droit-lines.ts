import { formatDate, type IsoDate } from '../../shared/dates.ts';
import type { TextMeasure } from './form-font.ts';
import type { TextPlace } from './prepared-form.ts';
import { fitParagraphs, type FittedLines } from './text-fitting.ts';

export type AyantDroit = { nom: string; prenom: string; birthDate: IsoDate | null };

/** Below this, one ayant droit a line is too small to read: they then share lines. */
const SMALLEST_LINE_SIZE = 6;
/** Eight ayants droit (what the record holds) with long names stay above this. */
const SMALLEST_SHARED_SIZE = 4;

/**
 * One ayant droit a line while the text stays readable; beyond what the box holds that way, they
 * follow each other on shared lines, separated by semicolons: the form has no other place.
 */
export function ayantsDroitLines(font: TextMeasure, place: TextPlace, ayantsDroit: AyantDroit[]): FittedLines {
  const entries = ayantsDroit.map((ayant) => [`${ayant.nom} ${ayant.prenom}`, ayant.birthDate ? formatDate(ayant.birthDate) : ''].filter(Boolean).join(', '));
  const fitted =
    fitParagraphs(font, entries, place.inner, place.size, SMALLEST_LINE_SIZE) ??
    fitParagraphs(font, [entries.join(' ; ')], place.inner, place.size, SMALLEST_SHARED_SIZE);
  // Cutting a family out of the form silently would be worse than no form.
  if (!fitted) throw new Error('formulaire: ayants_droit_trop_longs');
  return fitted;
}
