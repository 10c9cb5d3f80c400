/** Dates are 'YYYY-MM-DD' strings; instants are Date objects shown in the structure's time zone. */
export type IsoDate = string;

const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The years a typed date may have, for every date field alike: a slip of the keyboard (0985,
 * 9185) is refused instead of being stored as a real day.
 */
const FIRST_DAY: IsoDate = '1900-01-01';
const LAST_DAY: IsoDate = '2199-12-31';

/** '1985-03-14' when it names a real day, whatever the year. */
function realIsoDay(value: string): IsoDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}

/** '14/03/1985' or '1/2/2000' as 'YYYY-MM-DD', when it names a real day. */
function realFrenchDay(value: string): IsoDate | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  return match ? realIsoDay(`${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`) : null;
}

/**
 * A date typed by hand (jj/mm/aaaa, '1/2/2000' too) or sent by a date field (aaaa-mm-jj):
 * null when the field is empty, undefined when it is not a real day between 1900 and 2199.
 */
export function parseDate(raw: string | undefined): IsoDate | null | undefined {
  const value = (raw ?? '').trim();
  if (!value) return null;
  const day = realIsoDay(value) ?? realFrenchDay(value);
  return day && day >= FIRST_DAY && day <= LAST_DAY ? day : undefined;
}

/** '1985-03-14' -> '14/03/1985'. */
export function formatDate(date: IsoDate | null | undefined): string {
  if (!date) return '';
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** '2026-11-26' -> '26 novembre 2026'. */
export function formatLongDate(date: IsoDate): string {
  return longDate.format(new Date(`${date}T00:00:00Z`));
}

// Building an Intl.DateTimeFormat costs far more than formatting with it, and formatting far
// more than arithmetic: the offset of a time zone is measured once per UTC day, and dates are
// computed from it.
const DAY_MS = 86_400_000;
const clocks = new Map<string, Intl.DateTimeFormat>();
/** The wall clock of `ms` in the time zone, read through Intl, as milliseconds since the epoch. */
function measuredWallClock(ms: number, timeZone: string): number {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    clocks.set(timeZone, clock);
  }
  const part: Record<string, number> = {};
  for (const { type, value } of clock.formatToParts(ms)) part[type] = Number(value);
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!) + (ms % 1000 + 1000) % 1000;
}

/** Offsets per time zone and UTC day; NaN marks a day when the clocks change. Bounded, so a long-running process cannot grow it for ever. */
const dayOffsets = new Map<string, number>();
const MAX_DAY_OFFSETS = 20_000;

/** The wall clock of an instant in a time zone, as a Date whose UTC fields are the local ones. */
function wallClock(instant: Date, zone: TimeZone): Date {
  const timeZone = zone ?? 'Europe/Paris';
  const ms = instant.getTime();
  const day = Math.floor(ms / DAY_MS);
  const key = `${timeZone} ${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const first = measuredWallClock(day * DAY_MS, timeZone) - day * DAY_MS;
    const last = measuredWallClock((day + 1) * DAY_MS - 1000, timeZone) - ((day + 1) * DAY_MS - 1000);
    offset = first === last ? first : Number.NaN;
    if (dayOffsets.size >= MAX_DAY_OFFSETS) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return new Date(Number.isNaN(offset) ? measuredWallClock(ms, timeZone) : ms + offset);
}

const two = (value: number) => String(value).padStart(2, '0');

/**
 * A time zone to show dates in: the structure's. The zone is always passed, so no screen can
 * show Paris time to an overseas structure by forgetting it; undefined means Paris (pages
 * shown before anyone is logged in).
 */
export type TimeZone = string | undefined;

/** The calendar date of an instant in a time zone. */
export function isoDateIn(instant: Date, timeZone: TimeZone): IsoDate {
  return wallClock(instant, timeZone).toISOString().slice(0, 10);
}

/** '26/11/2026' from a wall clock time. */
const dayOf = (local: Date) => `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;

/** '26/11/2026': the calendar day of an instant in a time zone. */
export function formatDay(instant: Date | null | undefined, timeZone: TimeZone): string {
  return instant ? dayOf(wallClock(instant, timeZone)) : '';
}

/** '14:05' from a wall clock time. */
const timeOf = (local: Date) => `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;

/** '14:05': the time of day of an instant in a time zone. */
export function formatTime(instant: Date, timeZone: TimeZone): string {
  return timeOf(wallClock(instant, timeZone));
}

/** '26/11/2026 à 14:05' in the given time zone. */
export function formatDateTime(instant: Date | null | undefined, timeZone: TimeZone): string {
  if (!instant) return '';
  const local = wallClock(instant, timeZone);
  return `${dayOf(local)} à ${timeOf(local)}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  const value = new Date(`${date}T00:00:00Z`);
  const day = value.getUTCDate();
  value.setUTCDate(1);
  value.setUTCMonth(value.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth() + 1, 0)).getUTCDate();
  value.setUTCDate(Math.min(day, lastDay));
  return value.toISOString().slice(0, 10);
}
