import { InvalidInput } from '../../shared/errors.ts';
import type { ReportAnswers, ReportAnswersField, ReportAnswersForm, ReportProblem } from './report-types.ts';

/** The answers as checked, ready to store; null is « non renseigné ». */
export type CheckedAnswers = Omit<ReportAnswers, 'year' | 'updatedAt'>;

/** The bounds migration 0069 keeps. */
export const answerLimits = { meanWaitingDays: 3650, fte: 10000, cost: 1_000_000_000_000 } as const;

type Parsed<T> = { ok: true; value: T | null } | { ok: false; problem: ReportProblem };

function yesNo(raw: string | undefined): Parsed<boolean> {
  const value = (raw ?? '').trim().toLowerCase();
  if (!value) return { ok: true, value: null };
  if (value === 'oui') return { ok: true, value: true };
  if (value === 'non') return { ok: true, value: false };
  return { ok: false, problem: { code: 'reponse_oui_non_invalide' } };
}

/**
 * A number as typed in France: « 1 234,5 », spaces (also the narrow no-break ones) between
 * thousands, a comma or a point before the decimals, at most `decimals` of them.
 */
function amount(raw: string | undefined, decimals: number, max: number): Parsed<number> {
  const value = (raw ?? '').replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!value) return { ok: true, value: null };
  if (value.startsWith('-')) return { ok: false, problem: { code: 'reponse_nombre_negatif' } };
  const pattern = decimals > 0 ? new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`) : /^\d+$/;
  if (!pattern.test(value)) return { ok: false, problem: { code: 'reponse_nombre_invalide' } };
  const number = Number(value);
  return number > max ? { ok: false, problem: { code: 'reponse_nombre_trop_grand', max } } : { ok: true, value: number };
}

/** Checks the form; throws InvalidInput with one problem per field. */
export function parseReportAnswers(form: ReportAnswersForm): CheckedAnswers {
  const parsed = {
    liste_attente: yesNo(form.liste_attente),
    delai_moyen_jours: amount(form.delai_moyen_jours, 0, answerLimits.meanWaitingDays),
    etp_salaries: amount(form.etp_salaries, 2, answerLimits.fte),
    etp_benevoles: amount(form.etp_benevoles, 2, answerLimits.fte),
    cout_personnel: amount(form.cout_personnel, 0, answerLimits.cost),
    cout_total: amount(form.cout_total, 0, answerLimits.cost),
  } satisfies Record<ReportAnswersField, Parsed<unknown>>;
  const problems: Partial<Record<ReportAnswersField, ReportProblem>> = {};
  for (const [field, result] of Object.entries(parsed) as [ReportAnswersField, Parsed<unknown>][]) if (!result.ok) problems[field] = result.problem;
  if (Object.keys(problems).length > 0) throw new InvalidInput<ReportProblem>(problems);
  const value = <T>(result: Parsed<T>) => (result.ok ? result.value : null);
  return {
    waitingList: value(parsed.liste_attente),
    meanWaitingDays: value(parsed.delai_moyen_jours),
    fteStaff: value(parsed.etp_salaries),
    fteVolunteers: value(parsed.etp_benevoles),
    staffCost: value(parsed.cout_personnel),
    totalCost: value(parsed.cout_total),
  };
}

/** The form's values for stored answers (the page shows them again): « 1,5 », empty when not given. */
export function reportAnswersFormValues(answers: ReportAnswers): Required<ReportAnswersForm> {
  const number = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));
  return {
    liste_attente: answers.waitingList === null ? '' : answers.waitingList ? 'oui' : 'non',
    delai_moyen_jours: number(answers.meanWaitingDays),
    etp_salaries: number(answers.fteStaff),
    etp_benevoles: number(answers.fteVolunteers),
    cout_personnel: number(answers.staffCost),
    cout_total: number(answers.totalCost),
  };
}
