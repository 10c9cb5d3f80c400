import { addDays, isoDateIn, type IsoDate } from '../../shared/dates.ts';

const HOUR_MS = 3_600_000;

// Building a DateTimeFormat costs far more than using one: one per time zone.
const clocks = new Map<string, Intl.DateTimeFormat>();

/** The offset of a time zone at an instant, in milliseconds (wall clock minus UTC). */
function offsetAt(instant: number, timeZone: string): number {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    clocks.set(timeZone, clock);
  }
  const parts = clock.formatToParts(instant);
  const part: Record<string, number> = {};
  for (const { type, value } of parts) part[type] = Number(value);
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!) - (instant - (instant % 1000));
}

/**
 * The instant a structure's clock shows `hour`:00 on `day`. Twice through the offset, so a day
 * when the clocks change gives the hour as it reads after the change (an hour skipped by the
 * spring change is sent an hour later, never on the wrong day).
 */
export function instantAt(day: IsoDate, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`) + hour * HOUR_MS;
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}

export type MailNoticeSchedule = { day: IsoDate; sendAfter: Date };

/**
 * When the day's grouped mail notice goes, and which day it groups. After the grouping delay
 * from the first reception; or at the structure's hour: mail recorded after that hour waits
 * for the next day's, and then belongs to the next day's message, so a person never gets two
 * at the same hour.
 */
export function mailNoticeSchedule(receivedAt: Date, timeZone: string, notificationHour: number | null, delayMinutes: number): MailNoticeSchedule {
  const today = isoDateIn(receivedAt, timeZone);
  if (notificationHour === null) return { day: today, sendAfter: new Date(receivedAt.getTime() + delayMinutes * 60_000) };
  const atToday = instantAt(today, notificationHour, timeZone);
  if (atToday.getTime() > receivedAt.getTime()) return { day: today, sendAfter: atToday };
  const tomorrow = addDays(today, 1);
  return { day: tomorrow, sendAfter: instantAt(tomorrow, notificationHour, timeZone) };
}

/**
 * The waits between attempts: the first retries are quick (a provider's short outage), the
 * last a day after the first try; after the last one the message is « échec ».
 */
export const RETRY_DELAYS_MINUTES = [5, 30, 120, 360, 900] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/** The wait after the `attempts`-th failed attempt, or null when the message is given up. */
export function retryDelayMs(attempts: number): number | null {
  const minutes = RETRY_DELAYS_MINUTES[attempts - 1];
  return minutes === undefined ? null : minutes * 60_000;
}
