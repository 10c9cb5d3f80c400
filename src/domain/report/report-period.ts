import { addDays, isoDateIn, parseDate, type IsoDate } from '../../shared/dates.ts';
import type { IsoMonth, ReportPeriod, ReportProblem } from './report-types.ts';

/** Longer periods would only make the monthly series unreadable; five years covers any comparison asked for. */
export const MAX_PERIOD_DAYS = 5 * 366;

export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

export function yearPeriod(year: number): ReportPeriod {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The last full calendar year in the structure's time zone: what a structure reports on. */
export function defaultReportPeriod(timezone: string, now: Date = new Date()): ReportPeriod {
  return yearPeriod(Number(isoDateIn(now, timezone).slice(0, 4)) - 1);
}

export type PeriodResult = { ok: true; value: ReportPeriod } | { ok: false; problems: Partial<Record<'du' | 'au' | 'annee', ReportProblem>> };

/** A year typed or chosen ('2025'). */
export function parseReportYear(raw: string | undefined): { ok: true; value: number } | { ok: false; problem: ReportProblem } {
  const value = (raw ?? '').trim();
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  return year >= FIRST_YEAR && year <= LAST_YEAR ? { ok: true, value: year } : { ok: false, problem: { code: 'annee_invalide' } };
}

/** Two dates typed (jj/mm/aaaa or aaaa-mm-jj), both days included. */
export function parseReportPeriod(input: { du?: string; au?: string }): PeriodResult {
  const from = parseDate(input.du);
  const to = parseDate(input.au);
  const problems: Partial<Record<'du' | 'au', ReportProblem>> = {};
  if (!from) problems.du = { code: 'rapport_periode_date_invalide' };
  if (!to) problems.au = { code: 'rapport_periode_date_invalide' };
  if (from && to && to < from) problems.au = { code: 'rapport_periode_fin_avant_debut' };
  else if (from && to && addDays(from, MAX_PERIOD_DAYS) <= to) problems.au = { code: 'rapport_periode_trop_longue', maxDays: MAX_PERIOD_DAYS };
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value: { from: from!, to: to! } };
}

/** Every month the period touches, in order: '2025-01' … '2025-12'. */
export function monthsOf(period: ReportPeriod): IsoMonth[] {
  return monthsBetween(period.from.slice(0, 7), period.to.slice(0, 7));
}

export function monthsBetween(first: IsoMonth, last: IsoMonth): IsoMonth[] {
  const months: IsoMonth[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let current = first; current <= last; current = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(current);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/** The 12 months from the one of `today`. */
export function next12Months(today: IsoDate): IsoMonth[] {
  const last = addMonthsTo(today.slice(0, 7), 11);
  return monthsBetween(today.slice(0, 7), last);
}

function addMonthsTo(month: IsoMonth, count: number): IsoMonth {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const total = year * 12 + (index - 1) + count;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
