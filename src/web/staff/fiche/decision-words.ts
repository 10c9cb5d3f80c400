import type { OrientationCode } from '../../../db/schema.ts';
import { orientationLabels } from '../../../domain/decisions/decision-rules.ts';

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

/** Who took or changed something, for the history; staff accounts are deactivated, not deleted, but a name can be missing. */
export function staffName(prenom: string | null, nom: string | null): string {
  return nom ? `${prenom} ${nom}` : 'Compte supprimé';
}
