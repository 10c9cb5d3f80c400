import type { Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/schema.ts';

/** More than any structure has to say at once; a bound so that the page never grows without end. */
const MESSAGES_SHOWN = 20;

/**
 * In one statement, for the portal home: the structure's messages whose period holds `today`,
 * the person's procurations and forwarding address in force on `today` (first and last days
 * included). One round trip rather than three: every portal home pays for it.
 */
export function findNotices(db: Kysely<DB>, structureId: string, domicilieId: string, today: string) {
  return db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('structure_messages')
          .select(['id', 'body'])
          .where('structure_id', '=', structureId)
          .where('end_date', '>=', today)
          .where('start_date', '<=', today)
          .orderBy('start_date')
          .orderBy('created_at')
          .orderBy('id')
          .limit(MESSAGES_SHOWN),
      ).as('messages'),
      jsonArrayFrom(
        eb
          .selectFrom('procurations')
          .select(['nom', 'prenom', 'end_date'])
          .where('domicilie_id', '=', domicilieId)
          .where('structure_id', '=', structureId)
          .where('end_date', '>=', today)
          .where('start_date', '<=', today)
          .orderBy('end_date', 'desc')
          .orderBy('id'),
      ).as('procurations'),
      jsonObjectFrom(
        eb
          .selectFrom('transferts')
          .select(['recipient_name', 'address', 'end_date'])
          .where('domicilie_id', '=', domicilieId)
          .where('structure_id', '=', structureId)
          .where('end_date', '>=', today)
          .where('start_date', '<=', today),
      ).as('transfert'),
    ])
    .executeTakeFirstOrThrow();
}
