/** Dates are 'YYYY-MM-DD' strings; instants are Date objects shown in the structure's time zone. */
export type IsoDate = string;

const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** '14/03/1985' -> '1985-03-14', or null when not a real date. */
export function parseFrenchDate(value: string): IsoDate | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(value);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
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

// Building an Intl.DateTimeFormat costs about 0.1 ms: keep one per time zone.
const formatters = new Map<string, { day: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>();
function formattersFor(timeZone: string) {
  let entry = formatters.get(timeZone);
  if (!entry) {
    entry = {
      day: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      dateTime: new Intl.DateTimeFormat('fr-FR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
    };
    formatters.set(timeZone, entry);
  }
  return entry;
}

/** The calendar date of an instant in a time zone. */
export function isoDateIn(instant: Date, timeZone = 'Europe/Paris'): IsoDate {
  return formattersFor(timeZone).day.format(instant);
}

/** '26/11/2026': the calendar day of an instant in a time zone. */
export function formatDay(instant: Date | null | undefined, timeZone = 'Europe/Paris'): string {
  return instant ? formatDate(isoDateIn(instant, timeZone)) : '';
}

/** '26/11/2026 à 14:05' in the given time zone. */
export function formatDateTime(instant: Date | null | undefined, timeZone = 'Europe/Paris'): string {
  if (!instant) return '';
  const parts = formattersFor(timeZone).dateTime.formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} à ${get('hour')}:${get('minute')}`;
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
