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
  if (domicilieIds.length === 0) return new Map();
  const rows = await repository.sumMailOf(db, staff.structureId, domicilieIds);
  return new Map(
    rows.map((row) => [
      row.domicilie_id,
      {
        received: { courrier: Number(row.received_courrier), colis: Number(row.received_colis), avis_passage: Number(row.received_avis_passage) },
        handedOut: { courrier: Number(row.handed_courrier), colis: Number(row.handed_colis), avis_passage: Number(row.handed_avis_passage) },
        lastReceptionAt: row.last_reception_at ? new Date(row.last_reception_at) : null,
        lastHandOutAt: row.last_hand_out_at ? new Date(row.last_hand_out_at) : null,
      },
    ]),
  );
}
