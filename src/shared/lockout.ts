/** 5 failures for one identifier within 15 minutes lock it for 15 minutes (decision 0018). */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

/** Whole minutes left before a lock ends, at least one: what a refused person is told. */
export function minutesLeft(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
}

