import type { DomicilieStatus } from '../../db/schema.ts';
import { addMonths, type IsoDate } from '../../shared/dates.ts';

export const statusLabels: Record<DomicilieStatus, string> = {
  instruction: 'Instruction',
  a_valider: 'À valider',
  valide: 'Actif',
  refuse: 'Refusé',
  radie: 'Radié',
};

export type EcheanceState = 'none' | 'ok' | 'soon' | 'passed';

/**
 * Warn when the end of a valid domiciliation is less than 2 months away, and once it has passed.
 * A list computes `soonLimit` once for all its rows.
 */
export function echeanceState(status: DomicilieStatus, endDate: IsoDate | null, today: IsoDate, soonLimit = addMonths(today, 2)): EcheanceState {
  if (status !== 'valide' || !endDate) return 'none';
  if (endDate < today) return 'passed';
  return endDate < soonLimit ? 'soon' : 'ok';
}
