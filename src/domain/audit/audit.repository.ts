import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, DB } from '../../db/schema.ts';

export async function insertAuditEntries(db: Kysely<DB>, entries: Insertable<AuditLogTable>[]) {
  await db.insertInto('audit_log').values(entries).execute();
}

export function listAuditEntries(db: Kysely<DB>, structureId: string, limit: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'actor_type', 'actor_id', 'action', 'target_type', 'target_id', 'details', 'created_at'])
    .where('structure_id', '=', structureId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
