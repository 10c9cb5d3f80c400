import type { DomicilieStatus, OrientationCode } from '../../db/schema.ts';
import { addDays, addMonths, parseDate, type IsoDate } from '../../shared/dates.ts';
import { InvalidInput } from '../../shared/errors.ts';
import { allowed, type Role } from '../../shared/roles.ts';
import { parseDecisionDay, type DecisionDateProblem } from './decision-dates.ts';

/** What staff choose in the forms (the field `decision`). */
export type DecisionType = 'instruction' | 'a_valider' | 'valide' | 'refus' | 'radiation' | 'renouvellement';
export const decisionTypes: readonly DecisionType[] = ['instruction', 'a_valider', 'valide', 'refus', 'radiation', 'renouvellement'];

export function isDecisionType(value: unknown): value is DecisionType {
  return typeof value === 'string' && (decisionTypes as readonly string[]).includes(value);
}

/** valide and refus belong to gestionnaires and administrateurs; the rest to every editor (domain.md). */
export function rolesFor(type: DecisionType): readonly Role[] {
  return type === 'valide' || type === 'refus' ? allowed.deciders : allowed.editors;
}

/** Who may change the date of a decision already taken: those who may take it. */
export function rolesForStored(status: DomicilieStatus): readonly Role[] {
  return status === 'valide' || status === 'refuse' ? allowed.deciders : allowed.editors;
}

/** What is wrong with a decision asked for; the staff dictionary words it (decision 0027). */
export type DecisionProblem =
  | { code: 'validation_debut_manquant' }
  | { code: 'validation_debut_invalide' }
  | { code: 'validation_fin_invalide' }
  | { code: 'validation_fin_avant_debut' }
  | { code: 'motif_manquant'; decision: 'refus' | 'radiation' }
  | { code: 'motif_a_preciser' }
  | { code: 'decision_impossible'; status: DomicilieStatus }
  | { code: 'demande_initiale_non_annulable' }
  | { code: 'autre_decision_entre_temps' }
  | { code: 'orientation_inconnue' }
  | { code: 'orientation_a_preciser' }
  | DecisionDateProblem;

/** One decision as stored: the history is never rewritten, a cancelled decision only gets cancelled_at. */
export type StoredDecision = { status: DomicilieStatus; is_renewal: boolean; start_date: IsoDate | null; end_date: IsoDate | null };

export type CurrentState = { status: DomicilieStatus; start_date: IsoDate | null; end_date: IsoDate | null };

/**
 * The current state that the effective (not cancelled) decisions give, oldest first.
 * A renewal's instruction and « À valider » leave the valid domiciliation as it is.
 */
export function stateAfter(decisions: readonly StoredDecision[]): CurrentState {
  let state: CurrentState = { status: 'instruction', start_date: null, end_date: null };
  for (const decision of decisions) {
    if (decision.is_renewal && (decision.status === 'instruction' || decision.status === 'a_valider')) continue;
    state =
      decision.status === 'valide'
        ? { status: 'valide', start_date: decision.start_date, end_date: decision.end_date }
        : { status: decision.status, start_date: null, end_date: null };
  }
  return state;
}

/** A renewal is under way when the latest effective decision is a renewal's instruction or « À valider ». */
export function renewalPending(latest: StoredDecision | undefined): boolean {
  return !!latest && latest.is_renewal && (latest.status === 'instruction' || latest.status === 'a_valider');
}

/** The decisions the current state allows, before looking at the role. */
export function possibleDecisions(status: DomicilieStatus, latest: StoredDecision | undefined): DecisionType[] {
  switch (status) {
    case 'instruction':
      return ['a_valider', 'valide', 'refus'];
    case 'a_valider':
      return ['instruction', 'valide', 'refus'];
    case 'valide':
      if (!renewalPending(latest)) return ['renouvellement', 'radiation'];
      return latest!.status === 'instruction' ? ['a_valider', 'valide', 'refus', 'radiation'] : ['valide', 'refus', 'radiation'];
    case 'refuse':
    case 'radie':
      return ['instruction'];
  }
}

export function decisionsAllowedTo(role: Role, status: DomicilieStatus, latest: StoredDecision | undefined): DecisionType[] {
  return possibleDecisions(status, latest).filter((type) => rolesFor(type).includes(role));
}

export const refusalMotifs = {
  hors_agrement: 'Hors agrément',
  pas_de_lien_avec_la_commune: 'Pas de lien avec la commune',
  saturation: 'Saturation',
  autre: 'Autre',
} as const;

export const radiationMotifs = {
  a_sa_demande: 'À sa demande',
  plus_de_lien_avec_la_commune: 'Plus de lien avec la commune',
  fin_de_domiciliation: 'Fin de domiciliation',
  non_manifestation_depuis_plus_de_3_mois: 'Non-manifestation depuis plus de 3 mois',
  non_respect_du_reglement: 'Non-respect du règlement',
  entree_dans_un_logement: 'Entrée dans un logement',
  autre: 'Autre',
} as const;

/**
 * Where a refused person was sent, in words a desk agent uses; the free text says the precise
 * place (« CCAS de Villeurbanne »). Codes in capitals, as the yearly report and imports write them.
 */
export const orientationLabels: Record<OrientationCode, string> = {
  CCAS_CIAS: 'CCAS ou CIAS',
  ORGANISME_AGREE: 'Association ou organisme agréé',
  SERVICE_SOCIAL: 'Service social (département, hôpital, SIAO…)',
  AUTRE: 'Autre',
};

export function isOrientationCode(value: unknown): value is OrientationCode {
  return typeof value === 'string' && Object.hasOwn(orientationLabels, value);
}

/**
 * Where a refused person was sent, as the history and the refusal letter print it after
 * « Orientation : » — « CCAS ou CIAS — CCAS de Villeurbanne », the list's word alone, or the
 * text alone for refusals recorded before the list existed. Null when nothing was said.
 */
export function orientationWords(decision: { orientation_code: OrientationCode | null; orientation: string | null }): string | null {
  const label = decision.orientation_code ? orientationLabels[decision.orientation_code] : null;
  const text = decision.orientation?.trim() || null;
  if (label && text) return `${label} — ${text}`;
  return label ?? text;
}

export function motifLabel(status: DomicilieStatus, motif: string | null): string {
  if (!motif) return '';
  const labels: Record<string, string> = status === 'refuse' ? refusalMotifs : radiationMotifs;
  return labels[motif] ?? motif;
}

/** 'Pas de lien avec la commune' and 'pas_de_lien_avec_la_commune' both give the code. */
function motifCode(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** One year minus one day: 01/03/2026 → 28/02/2027. */
export function defaultEndDate(start: IsoDate): IsoDate {
  return addDays(addMonths(start, 12), -1);
}

export type DecisionInput = {
  date_debut?: string;
  date_fin?: string;
  motif?: string;
  motif_texte?: string;
  orientation?: string;
  orientation_code?: string;
  /** The day the decision was taken; empty is today. */
  date_decision?: string;
};

type DecisionFields = { motif: string | null; motif_text: string | null; orientation: string | null; orientation_code: OrientationCode | null; decided_on: IsoDate | null };

/**
 * The row to store for a decision, from the form's fields; throws InvalidInput with one problem per field.
 * `decided_on` is null when the form left it empty: the service puts today, in the structure's time zone.
 */
export function decisionRow(type: DecisionType, input: DecisionInput): StoredDecision & DecisionFields {
  const errors: Record<string, DecisionProblem> = {};
  const day = parseDecisionDay(input.date_decision, { required: false });
  if (!day.ok) errors.date_decision = day.problem;
  const base = { start_date: null, end_date: null, motif: null, motif_text: null, orientation: null, orientation_code: null, decided_on: day.ok ? day.value : null };
  if (type === 'valide') {
    const start = parseDate(input.date_debut);
    const end = parseDate(input.date_fin);
    if (start === null) errors.date_debut = { code: 'validation_debut_manquant' };
    else if (start === undefined) errors.date_debut = { code: 'validation_debut_invalide' };
    if (end === undefined) errors.date_fin = { code: 'validation_fin_invalide' };
    else if (start && end && end < start) errors.date_fin = { code: 'validation_fin_avant_debut' };
    if (Object.keys(errors).length > 0) throw new InvalidInput<DecisionProblem>(errors);
    return { ...base, status: 'valide', is_renewal: false, start_date: start!, end_date: end ?? defaultEndDate(start!) };
  }
  if (type === 'refus' || type === 'radiation') {
    const motifs: Record<string, string> = type === 'refus' ? refusalMotifs : radiationMotifs;
    const motif = motifCode(input.motif ?? '');
    const text = (input.motif_texte ?? '').trim();
    if (!Object.hasOwn(motifs, motif)) errors.motif = { code: 'motif_manquant', decision: type };
    else if (motif === 'autre' && !text) errors.motif_texte = { code: 'motif_a_preciser' };
    const orientation = type === 'refus' ? (input.orientation ?? '').trim() || null : null;
    const code = type === 'refus' ? (input.orientation_code ?? '').trim() : '';
    // « Non renseignée » is allowed; « Autre » says nothing without the place.
    if (code && !isOrientationCode(code)) errors.orientation_code = { code: 'orientation_inconnue' };
    else if (code === 'AUTRE' && !orientation) errors.orientation = { code: 'orientation_a_preciser' };
    if (Object.keys(errors).length > 0) throw new InvalidInput<DecisionProblem>(errors);
    const orientationCode = isOrientationCode(code) ? code : null;
    return { ...base, status: type === 'refus' ? 'refuse' : 'radie', is_renewal: false, motif, motif_text: text || null, orientation, orientation_code: orientationCode };
  }
  if (Object.keys(errors).length > 0) throw new InvalidInput<DecisionProblem>(errors);
  if (type === 'renouvellement') return { ...base, status: 'instruction', is_renewal: true };
  return { ...base, status: type, is_renewal: false };
}
