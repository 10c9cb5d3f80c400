import type { CourrierType } from '../../db/schema.ts';

/** The three kinds of mail, in the order every screen and every message lists them. */
export const courrierTypes: readonly CourrierType[] = ['courrier', 'colis', 'avis_passage'];

/** How many of each kind: waiting for someone, received, handed out. */
export type Counts = Record<CourrierType, number>;

export const noMail = (): Counts => ({ courrier: 0, colis: 0, avis_passage: 0 });

export function total(counts: Counts): number {
  return counts.courrier + counts.colis + counts.avis_passage;
}

/** The word for `count` pieces of one kind, in the reader's language: each application's dictionary gives it. */
export type CountWords = (type: CourrierType, count: number) => string;

/** « 2 courriers, 1 colis »: the kinds at zero are left out. */
export function countsText(counts: Counts, words: CountWords): string {
  return courrierTypes
    .filter((type) => counts[type] > 0)
    .map((type) => `${counts[type]} ${words(type, counts[type])}`)
    .join(', ');
}
