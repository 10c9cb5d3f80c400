import type { CourrierType } from '../../db/schema.ts';
import { InvalidInput } from '../../shared/errors.ts';
import { courrierTypes, noMail, total, type Counts } from './mail-counts.ts';

/** Checks of what staff type in the « Courriers » tab, with the French messages they read. */

export const MAX_PER_TYPE = 100;
export const MAX_COMMENT = 500;

const countLabels: Record<CourrierType, string> = {
  courrier: 'Le nombre de courriers',
  colis: 'Le nombre de colis',
  avis_passage: "Le nombre d'avis de passage",
};

export type ReceptionInput = Partial<Record<CourrierType, string>> & { comment?: string };

export function checkReception(input: ReceptionInput): { counts: Counts; comment: string | null } {
  const errors: Record<string, string> = {};
  const counts = noMail();
  for (const type of courrierTypes) {
    const raw = (input[type] ?? '').trim();
    if (raw === '') continue;
    const value = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= 0 && value <= MAX_PER_TYPE)) errors[type] = `${countLabels[type]} doit être un nombre entier entre 0 et ${MAX_PER_TYPE}.`;
    else counts[type] = value;
  }
  if (Object.keys(errors).length === 0 && total(counts) === 0) errors.courrier = 'Indiquez au moins 1 courrier, 1 colis ou 1 avis de passage.';
  const comment = (input.comment ?? '').trim();
  if (comment.length > MAX_COMMENT) errors.comment = `Le commentaire ne doit pas dépasser ${MAX_COMMENT} caractères (il en a ${comment.length}).`;
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
  return { counts, comment: comment || null };
}

/**
 * The types chosen in « Distribuer le courrier »; none sent means all of them, except from
 * the tab's form (`fromCheckboxes`), where unticking every box must not hand out everything.
 */
export function checkTypes(raw: string | string[] | undefined, fromCheckboxes = false): CourrierType[] {
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (values.length === 0 && fromCheckboxes) throw new InvalidInput({ types: 'Cochez au moins un type de courrier à remettre.' });
  if (values.length === 0) return [...courrierTypes];
  if (!values.every((value) => (courrierTypes as readonly string[]).includes(value))) {
    throw new InvalidInput({ types: 'Choisissez parmi courriers, colis et avis de passage.' });
  }
  return courrierTypes.filter((type) => values.includes(type));
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Recipient = { kind: 'domicilie' } | { kind: 'mandataire'; procurationId: string };

export function checkRecipient(raw: string | undefined): Recipient {
  const value = (raw ?? 'domicilie').trim();
  if (value === 'domicilie') return { kind: 'domicilie' };
  if (uuid.test(value)) return { kind: 'mandataire', procurationId: value.toLowerCase() };
  throw new InvalidInput({ recipient: 'Choisissez la personne qui retire le courrier.' });
}

export function isUuid(value: string): boolean {
  return uuid.test(value);
}
