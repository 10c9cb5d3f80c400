export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export type LockState = {
  failed_login_count: number;
  failed_login_window_start: Date | null;
  locked_until: Date | null;
};

export const clearedLock: LockState = { failed_login_count: 0, failed_login_window_start: null, locked_until: null };

export function isLocked(state: LockState, now: Date): boolean {
  return state.locked_until !== null && state.locked_until > now;
}

/** The state after one more failed login: 5 failures within 15 minutes lock for 15 minutes. */
export function afterFailure(state: LockState, now: Date): LockState & { lockedNow: boolean } {
  const windowOpen =
    state.failed_login_window_start !== null && now.getTime() - state.failed_login_window_start.getTime() < FAILURE_WINDOW_MS;
  const count = windowOpen ? state.failed_login_count + 1 : 1;
  const windowStart = windowOpen ? state.failed_login_window_start : now;
  if (count >= MAX_FAILURES) {
    return { failed_login_count: 0, failed_login_window_start: null, locked_until: new Date(now.getTime() + LOCK_MS), lockedNow: true };
  }
  return { failed_login_count: count, failed_login_window_start: windowStart, locked_until: state.locked_until, lockedNow: false };
}
