import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, StructuresTable } from '../../db/schema.ts';

const columns = [
  'id', 'name', 'type', 'street', 'postcode', 'city', 'phone', 'email', 'opening_hours', 'timezone',
  'portal_enabled', 'portal_login_updates_last_visit',
  'responsable_nom', 'responsable_prenom', 'responsable_fonction', 'agrement_prefecture', 'agrement_numero', 'agrement_fin',
  'commune_arrondissement', 'postal_address',
] as const;

export function findStructure(db: Kysely<DB>, id: string) {
  return db.selectFrom('structures').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function updateStructure(db: Kysely<DB>, id: string, changes: Updateable<StructuresTable>) {
  await db.updateTable('structures').set(changes).where('id', '=', id).execute();
}

export function insertStructure(db: Kysely<DB>, row: Insertable<StructuresTable>) {
  return db.insertInto('structures').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function countStructures(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('structures').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
