import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { StaffActor } from '../actor.ts';
import type { Counts } from './mail-counts.ts';
import * as repository from './mail-totals.repository.ts';

/** A record's mail over its whole history: received, handed out, and the last of each. */
export type MailTotals = { received: Counts; handedOut: Counts; lastReceptionAt: Date | null; lastHandOutAt: Date | null };

export const noMailTotals = (): MailTotals => ({
  received: { courrier: 0, colis: 0, avis_passage: 0 },
  handedOut: { courrier: 0, colis: 0, avis_passage: 0 },
  lastReceptionAt: null,
  lastHandOutAt: null,
});

/** The mail totals of the structure's records given, by record id (a record without mail is absent). */
export async function mailTotalsOf(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, domicilieIds: readonly string[]): Promise<Map<string, MailTotals>> {
  const byRecord = new Map<string, MailTotals>();
  if (domicilieIds.length === 0) return byRecord;
  for (const row of await repository.sumMailOf(db, staff.structureId, domicilieIds)) {
    let totals = byRecord.get(row.domicilie_id);
    if (!totals) byRecord.set(row.domicilie_id, (totals = noMailTotals()));
    const counts = { courrier: Number(row.courrier), colis: Number(row.colis), avis_passage: Number(row.avis_passage) };
    if (row.kind === 'reception') {
      totals.received = counts;
      totals.lastReceptionAt = new Date(row.last_at);
    } else {
      totals.handedOut = counts;
      totals.lastHandOutAt = new Date(row.last_at);
    }
  }
  return byRecord;
}
