import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const summed = (kind: 'reception' | 'hand_out', column: 'courrier' | 'colis' | 'avis_passage') =>
  sql<string>`coalesce(sum(${sql.ref(column)}) FILTER (WHERE kind = ${sql.lit(kind)}), 0)`;

/**
 * What each of some records received and was handed out, kind by kind, and when last, from the
 * events not undone: one grouped read of their events (courrier_events_domicilie_idx).
 */
export function sumMailOf(db: Kysely<DB>, structureId: string, domicilieIds: readonly string[]) {
  return db
    .selectFrom('courrier_events')
    .select([
      'domicilie_id',
      summed('reception', 'courrier').as('received_courrier'),
      summed('reception', 'colis').as('received_colis'),
      summed('reception', 'avis_passage').as('received_avis_passage'),
      summed('hand_out', 'courrier').as('handed_courrier'),
      summed('hand_out', 'colis').as('handed_colis'),
      summed('hand_out', 'avis_passage').as('handed_avis_passage'),
      sql<Date | null>`max(created_at) FILTER (WHERE kind = 'reception')`.as('last_reception_at'),
      sql<Date | null>`max(created_at) FILTER (WHERE kind = 'hand_out')`.as('last_hand_out_at'),
    ])
    .where('structure_id', '=', structureId)
    .where('domicilie_id', 'in', domicilieIds)
    .where('undone_at', 'is', null)
    .groupBy('domicilie_id')
    .execute();
}
