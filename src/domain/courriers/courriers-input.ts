import type { CourrierType } from '../../db/schema.ts';
import type { IsoDate } from '../../shared/dates.ts';
import { InvalidInput } from '../../shared/errors.ts';
import { courrierTypes, noMail, total, type Counts } from './mail-counts.ts';

/** Checks of what staff type in the « Courriers » tab, and what may be wrong with it there. */

export const MAX_PER_TYPE = 100;
export const MAX_COMMENT = 500;

/** A text a procuration or a transfert requires. */
export type RequiredText = 'nom_mandataire' | 'prenom_mandataire' | 'nom_destinataire' | 'adresse_transfert';

/**
 * What is wrong with the mail, the procurations or the transfert of a domicilié (this module);
 * the staff dictionary words it (decision 0027).
 */
export type CourrierProblem =
  | { code: 'nombre_invalide'; type: CourrierType; max: number }
  | { code: 'aucun_courrier_recu' }
  | { code: 'commentaire_trop_long'; max: number; length: number }
  | { code: 'aucun_type_coche' }
  | { code: 'type_inconnu' }
  | { code: 'destinataire_inconnu' }
  | { code: 'rien_en_attente' }
  | { code: 'rien_en_attente_pour_ces_types' }
  | { code: 'retour_reserve_aux_radies' }
  | { code: 'aucun_transfert' }
  | { code: 'transfert_pas_commence'; start: IsoDate }
  | { code: 'transfert_termine'; end: IsoDate }
  | { code: 'historique_change' }
  | { code: 'reception_deja_distribuee' }
  | { code: 'procuration_inconnue' }
  | { code: 'procuration_expiree'; end: IsoDate }
  | { code: 'procuration_a_venir'; start: IsoDate }
  | { code: 'trop_de_procurations'; max: number }
  | { code: 'texte_manquant'; text: RequiredText }
  | { code: 'texte_trop_long'; text: RequiredText; max: number }
  | { code: 'date_naissance_mandataire_invalide' }
  | { code: 'periode_debut_manquant' }
  | { code: 'periode_fin_manquante' }
  | { code: 'periode_fin_avant_debut' }
  | { code: 'periode_fin_passee' };

export type ReceptionInput = Partial<Record<CourrierType, string>> & { comment?: string };

export function checkReception(input: ReceptionInput): { counts: Counts; comment: string | null } {
  const errors: Record<string, CourrierProblem> = {};
  const counts = noMail();
  for (const type of courrierTypes) {
    const raw = (input[type] ?? '').trim();
    if (raw === '') continue;
    const value = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= 0 && value <= MAX_PER_TYPE)) errors[type] = { code: 'nombre_invalide', type, max: MAX_PER_TYPE };
    else counts[type] = value;
  }
  if (Object.keys(errors).length === 0 && total(counts) === 0) errors.courrier = { code: 'aucun_courrier_recu' };
  const comment = (input.comment ?? '').trim();
  if (comment.length > MAX_COMMENT) errors.comment = { code: 'commentaire_trop_long', max: MAX_COMMENT, length: comment.length };
  if (Object.keys(errors).length > 0) throw new InvalidInput<CourrierProblem>(errors);
  return { counts, comment: comment || null };
}

/**
 * The types chosen in « Distribuer le courrier »; none sent means all of them, except from
 * the tab's form (`fromCheckboxes`), where unticking every box must not hand out everything.
 */
export function checkTypes(raw: string | string[] | undefined, fromCheckboxes = false): CourrierType[] {
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (values.length === 0 && fromCheckboxes) throw new InvalidInput<CourrierProblem>({ types: { code: 'aucun_type_coche' } });
  if (values.length === 0) return [...courrierTypes];
  if (!values.every((value) => (courrierTypes as readonly string[]).includes(value))) {
    throw new InvalidInput<CourrierProblem>({ types: { code: 'type_inconnu' } });
  }
  return courrierTypes.filter((type) => values.includes(type));
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Recipient = { kind: 'domicilie' } | { kind: 'mandataire'; procurationId: string };

export function checkRecipient(raw: string | undefined): Recipient {
  const value = (raw ?? 'domicilie').trim();
  if (value === 'domicilie') return { kind: 'domicilie' };
  if (uuid.test(value)) return { kind: 'mandataire', procurationId: value.toLowerCase() };
  throw new InvalidInput<CourrierProblem>({ recipient: { code: 'destinataire_inconnu' } });
}

export function isUuid(value: string): boolean {
  return uuid.test(value);
}
