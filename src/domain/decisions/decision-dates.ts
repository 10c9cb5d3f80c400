import type { DomicilieStatus } from '../../db/schema.ts';
import { parseDate, type IsoDate } from '../../shared/dates.ts';

/**
 * The day a decision was taken. One rule for every way a day is given (the deciding form, a
 * later correction, an import): never in the future, and the history keeps its order — a
 * decision is not dated before the one it follows, nor after the one that follows it. Not the
 * day the record was created: an import records years of history on the day it runs.
 */
export type DecisionDateProblem =
  | { code: 'date_decision_manquante' }
  | { code: 'date_decision_invalide' }
  | { code: 'date_decision_future'; today: IsoDate }
  | { code: 'date_decision_avant_precedente'; previous: IsoDate }
  | { code: 'date_decision_apres_suivante'; next: IsoDate }
  | { code: 'decision_annulee' };

type Parsed = { ok: true; value: IsoDate | null } | { ok: false; problem: DecisionDateProblem };

/** The typed day; empty is allowed where the service puts today. */
export function parseDecisionDay(raw: string | undefined, { required }: { required: boolean }): Parsed {
  const value = parseDate(raw);
  if (value === undefined) return { ok: false, problem: { code: 'date_decision_invalide' } };
  if (value === null && required) return { ok: false, problem: { code: 'date_decision_manquante' } };
  return { ok: true, value };
}

/** The days a decision's date must stay between: its neighbours in the effective history, and today. */
export type DecisionDayBounds = { today: IsoDate; previous: IsoDate | null; next: IsoDate | null };

export function decisionDayProblem(day: IsoDate, bounds: DecisionDayBounds): DecisionDateProblem | null {
  if (day > bounds.today) return { code: 'date_decision_future', today: bounds.today };
  if (bounds.previous && day < bounds.previous) return { code: 'date_decision_avant_precedente', previous: bounds.previous };
  if (bounds.next && day > bounds.next) return { code: 'date_decision_apres_suivante', next: bounds.next };
  return null;
}

/** The neighbours of one decision among the effective ones, oldest first; a new decision comes last. */
export function boundsAround(effective: readonly { id: string; decided_on: IsoDate }[], decisionId: string | null, today: IsoDate): DecisionDayBounds {
  const index = decisionId === null ? effective.length : effective.findIndex((decision) => decision.id === decisionId);
  return { today, previous: effective[index - 1]?.decided_on ?? null, next: effective[index + 1]?.decided_on ?? null };
}

type DecisionForFirst = { status: DomicilieStatus; start_date: IsoDate | null; cancelled_at: Date | null };

/**
 * The date of first domiciliation in the structure: the one given (by an import of the
 * structure's earlier files) or else the start of the first valide decision not cancelled.
 * Null while the person was never domiciliated here.
 */
export function firstDomiciliationOn(given: IsoDate | null, decisions: readonly DecisionForFirst[]): IsoDate | null {
  if (given) return given;
  const starts = decisions.filter((d) => d.status === 'valide' && d.cancelled_at === null && d.start_date).map((d) => d.start_date!);
  return starts.sort()[0] ?? null;
}
