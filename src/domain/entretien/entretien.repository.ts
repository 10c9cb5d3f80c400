import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { entretienFields, type Entretien } from './entretien-fields.ts';

// The CHECK constraints of the table (migration 0065) hold the codes to the lists the domain knows.
const columns = entretienFields.map((field) => `entretiens.${field}` as const);

/**
 * The domicilié's entretien in the structure: undefined when the record is not the structure's,
 * answers all null when nobody filled it in yet.
 */
export function findEntretien(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('domicilies')
    .leftJoin('entretiens', 'entretiens.domicilie_id', 'domicilies.id')
    .select(columns)
    .where('domicilies.structure_id', '=', structureId)
    .where('domicilies.id', '=', domicilieId)
    .$castTo<Entretien>()
    .executeTakeFirst();
}

/** The structure's filled-in entretiens, or those of some of its domiciliés (never an empty list). */
export function listEntretiens(db: Kysely<DB>, structureId: string, domicilieIds?: readonly string[]) {
  let query = db.selectFrom('entretiens').select(['domicilie_id', ...entretienFields]).where('structure_id', '=', structureId);
  if (domicilieIds) query = query.where('domicilie_id', 'in', domicilieIds);
  return query.orderBy('domicilie_id').$castTo<Entretien & { domicilie_id: string }>().execute();
}

/** Writes the whole entretien (one row per domicilié), in the caller's transaction. */
export async function upsertEntretien(trx: Kysely<DB>, row: Entretien & { domicilie_id: string; structure_id: string; updated_by: string }) {
  const { domicilie_id: _id, structure_id: _structure, ...changes } = row;
  await trx
    .insertInto('entretiens')
    .values(row)
    .onConflict((conflict) => conflict.column('domicilie_id').doUpdateSet({ ...changes, updated_at: new Date() }))
    .execute();
}
