import type { Kysely } from 'kysely';
import type { DB, SessionsTable } from '../../db/schema.ts';

export type SessionKind = SessionsTable['kind'];

export async function insertSession(db: Kysely<DB>, row: { id_hash: string; kind: SessionKind; subject_id: string; expires_at: Date }) {
  await db.insertInto('sessions').values(row).execute();
}

export async function touchSession(db: Kysely<DB>, idHash: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<DB>, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOf(db: Kysely<DB>, kind: SessionKind, subjectId: string, exceptIdHash?: string) {
  let query = db.deleteFrom('sessions').where('kind', '=', kind).where('subject_id', '=', subjectId);
  if (exceptIdHash) query = query.where('id_hash', '!=', exceptIdHash);
  await query.execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: Date) {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function updateSearch(db: Kysely<DB>, idHash: string, search: Record<string, string | number> | null) {
  await db.updateTable('sessions').set({ last_search: search }).where('id_hash', '=', idHash).execute();
}

export async function findSearch(db: Kysely<DB>, idHash: string) {
  const row = await db.selectFrom('sessions').select('last_search').where('id_hash', '=', idHash).executeTakeFirst();
  return row?.last_search ?? null;
}
