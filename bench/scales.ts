import type { Scale } from './args.ts';

export type ScaleSpec = {
  /** Domiciliés of the measured structure and the mail events of its last two years. */
  mainPeople: number;
  mainEvents: number;
  /** Other structures: they prove isolation and give the tables a national size. */
  otherStructures: number;
  otherPeople: number;
  otherEventsPerPerson: number;
};

export const scales: Record<Scale, ScaleSpec> = {
  // One structure, plus a small second one holding look-alike people that must never show up.
  small: { mainPeople: 5_000, mainEvents: 100_000, otherStructures: 1, otherPeople: 300, otherEventsPerPerson: 5 },
  large: { mainPeople: 50_000, mainEvents: 2_000_000, otherStructures: 2_000, otherPeople: 950_000, otherEventsPerPerson: 1 },
};

/** Bump when the generated data changes, so an old dataset is regenerated instead of reused. */
export const GENERATOR_VERSION = 8;

/** A reused dataset must be recent: "last visit" filters are relative to today. */
export const REUSE_MAX_AGE_DAYS = 30;
