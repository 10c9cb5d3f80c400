import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const columns = ['id', 'body', 'start_date', 'end_date'] as const;

/** The messages whose period holds `today`, first started first; bounded so no page can grow without end. */
export function listCurrent(db: Kysely<DB>, structureId: string, today: string, limit: number) {
  return db
    .selectFrom('structure_messages')
    .select(columns)
    .where('structure_id', '=', structureId)
    .where('end_date', '>=', today)
    .where('start_date', '<=', today)
    .orderBy('start_date')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Every message not yet ended (current and upcoming), soonest first. */
export function listNotEnded(db: Kysely<DB>, structureId: string, today: string, limit: number) {
  return db
    .selectFrom('structure_messages')
    .select(columns)
    .where('structure_id', '=', structureId)
    .where('end_date', '>=', today)
    .orderBy('start_date')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The latest ended messages, last ended first. */
export function listEnded(db: Kysely<DB>, structureId: string, today: string, limit: number) {
  return db
    .selectFrom('structure_messages')
    .select(columns)
    .where('structure_id', '=', structureId)
    .where('end_date', '<', today)
    .orderBy('end_date', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function findMessage(db: Kysely<DB>, structureId: string, id: string) {
  return db.selectFrom('structure_messages').select(columns).where('structure_id', '=', structureId).where('id', '=', id).executeTakeFirst();
}

export function insertMessage(db: Kysely<DB>, row: { structure_id: string; body: string; start_date: string; end_date: string; created_by: string }) {
  return db.insertInto('structure_messages').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateMessage(db: Kysely<DB>, structureId: string, id: string, changes: { body: string; start_date: string; end_date: string; updated_by: string }) {
  return db
    .updateTable('structure_messages')
    .set((eb) => ({ ...changes, updated_at: eb.fn('now') }))
    .where('structure_id', '=', structureId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export function deleteMessage(db: Kysely<DB>, structureId: string, id: string) {
  return db.deleteFrom('structure_messages').where('structure_id', '=', structureId).where('id', '=', id).returning(['id', 'start_date', 'end_date']).executeTakeFirst();
}
