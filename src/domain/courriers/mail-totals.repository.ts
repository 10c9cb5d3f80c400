import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * What each of some records received and was handed out, kind by kind, and when last, from the
 * events not undone: one grouped read of their events (courrier_events_domicilie_idx), plain
 * sums by record and event kind (cheaper than a filtered aggregate per column).
 */
export function sumMailOf(db: Kysely<DB>, structureId: string, domicilieIds: readonly string[]) {
  return db
    .selectFrom('courrier_events')
    .select([
      'domicilie_id',
      'kind',
      sql<string>`sum(courrier)`.as('courrier'),
      sql<string>`sum(colis)`.as('colis'),
      sql<string>`sum(avis_passage)`.as('avis_passage'),
      sql<Date>`max(created_at)`.as('last_at'),
    ])
    .where('structure_id', '=', structureId)
    .where('domicilie_id', 'in', domicilieIds)
    .where('kind', 'in', ['reception', 'hand_out'])
    .where('undone_at', 'is', null)
    .groupBy(['domicilie_id', 'kind'])
    .execute();
}
