import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { StaffActor } from '../actor.ts';
import { dashboardCounts, foldStructureTallies } from './dashboard.repository.ts';
import { filterCriteria, type ListFilters } from './search.service.ts';

/** People not seen for more than this many months may be radiés (décret de 2016): the figure a desk watches. */
export const NOT_SEEN_MONTHS = 3;

/** Each figure of the staff home page and the list filters that show the people it counts. */
export type Dashboard = {
  valide: number;
  mailWaiting: { people: number; items: number };
  notSeen: number;
  echeancesSoon: number;
};

/** The filters of the « Domiciliés » list behind each figure: the list finds exactly the people counted. */
export const dashboardFilters = {
  valide: { statut: 'valide' },
  mailWaiting: { courrier: '1' },
  notSeen: { statut: 'valide', passage: '3' },
  echeancesSoon: { echeance: 'bientot' },
} as const satisfies Record<keyof Dashboard, ListFilters>;

/** The staff home page's figures, for the staff member's structure only, as of `now`. */
export async function getDashboard(db: Kysely<DB>, staff: StaffActor, now = new Date()): Promise<Dashboard> {
  // The échéance window is the list's own (« bientôt »), so the figure and the list agree to the day.
  const { echeance } = filterCriteria(staff, dashboardFilters.echeancesSoon, now);
  const row = await dashboardCounts(db, staff.structureId, echeance!.today, echeance!.soonLimit, NOT_SEEN_MONTHS);
  return {
    valide: Number(row.valide),
    mailWaiting: { people: Number(row.mail_people), items: Number(row.mail_items) },
    notSeen: Number(row.not_seen),
    echeancesSoon: Number(row.soon),
  };
}

/** Housekeeping: each structure's kept counts back to one row (migration 0070). */
export const foldDashboardTallies = (db: Kysely<DB>) => foldStructureTallies(db);
