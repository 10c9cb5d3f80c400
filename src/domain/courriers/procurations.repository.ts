import type { Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/schema.ts';

const transfertColumns = ['id', 'recipient_name', 'address', 'start_date', 'end_date'] as const;

/** The domicilié's procurations (latest end first) and forwarding address, in one query for the « Courriers » tab. */
export function listMandates(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('procurations')
          .select(['id', 'nom', 'prenom', 'birth_date', 'start_date', 'end_date'])
          .where('domicilie_id', '=', domicilieId)
          .where('structure_id', '=', structureId)
          .orderBy('end_date', 'desc')
          .orderBy('id'),
      ).as('procurations'),
      jsonObjectFrom(eb.selectFrom('transferts').select(transfertColumns).where('domicilie_id', '=', domicilieId).where('structure_id', '=', structureId)).as('transfert'),
    ])
    .executeTakeFirstOrThrow();
}

export async function countProcurations(db: Kysely<DB>, domicilieId: string): Promise<number> {
  const row = await db.selectFrom('procurations').select((eb) => eb.fn.countAll<string>().as('count')).where('domicilie_id', '=', domicilieId).executeTakeFirstOrThrow();
  return Number(row.count);
}

export function findProcuration(db: Kysely<DB>, structureId: string, domicilieId: string, id: string) {
  return db
    .selectFrom('procurations')
    .select(['id', 'start_date', 'end_date'])
    .where('structure_id', '=', structureId)
    .where('domicilie_id', '=', domicilieId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertProcuration(
  db: Kysely<DB>,
  row: { structure_id: string; domicilie_id: string; nom: string; prenom: string; birth_date: string | null; start_date: string; end_date: string; created_by: string },
) {
  return db.insertInto('procurations').values(row).returning('id').executeTakeFirstOrThrow();
}

export function deleteProcuration(db: Kysely<DB>, structureId: string, domicilieId: string, id: string) {
  return db
    .deleteFrom('procurations')
    .where('structure_id', '=', structureId)
    .where('domicilie_id', '=', domicilieId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export function findTransfert(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('transferts')
    .select(transfertColumns)
    .where('domicilie_id', '=', domicilieId)
    .where('structure_id', '=', structureId)
    .executeTakeFirst();
}

/** A domicilié has at most one forwarding address: saving replaces it. */
export function upsertTransfert(
  db: Kysely<DB>,
  row: { structure_id: string; domicilie_id: string; recipient_name: string; address: string; start_date: string; end_date: string; created_by: string },
) {
  return db
    .insertInto('transferts')
    .values(row)
    .onConflict((oc) =>
      oc.column('domicilie_id').doUpdateSet((eb) => ({
        recipient_name: eb.ref('excluded.recipient_name'),
        address: eb.ref('excluded.address'),
        start_date: eb.ref('excluded.start_date'),
        end_date: eb.ref('excluded.end_date'),
        created_by: eb.ref('excluded.created_by'),
        created_at: eb.fn('now'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function deleteTransfert(db: Kysely<DB>, domicilieId: string) {
  return db.deleteFrom('transferts').where('domicilie_id', '=', domicilieId).returning('id').executeTakeFirst();
}
