import { sql, type Kysely, type Updateable } from 'kysely';
import type { DB, PortalAccountsTable } from '../../db/schema.ts';

/** The account behind a login attempt, with the structure's portal settings. */
export function findAccountForLogin(db: Kysely<DB>, login: string) {
  return db
    .selectFrom('portal_accounts as a')
    .innerJoin('structures as s', 's.id', 'a.structure_id')
    .select([
      'a.id', 'a.structure_id', 'a.domicilie_id', 'a.password_hash', 'a.password_is_temporary', 'a.temporary_password_expires_at',
      'a.enabled', 'a.failed_login_count', 'a.failed_login_window_start', 'a.locked_until', 's.portal_enabled', 's.timezone',
    ])
    .where('a.login', '=', login)
    .executeTakeFirst();
}

/** Everything a portal page needs about the person, read once per request. */
/** The account of a portal session, with the session's times: one query per request. */
export function findActorBySession(db: Kysely<DB>, sessionKey: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('portal_accounts as a', 'a.id', 'sessions.subject_id')
    .innerJoin('domicilies as d', (join) => join.onRef('d.id', '=', 'a.domicilie_id').onRef('d.structure_id', '=', 'a.structure_id'))
    .innerJoin('structures as s', 's.id', 'a.structure_id')
    .select([
      'sessions.last_seen_at', 'sessions.expires_at',
      'a.id', 'a.structure_id', 'a.domicilie_id', 'a.login', 'a.password_is_temporary', 'a.enabled',
      'd.nom', 'd.prenom', 'd.birth_date', 'd.status', 'd.start_date', 'd.end_date', 'd.last_visit_at',
      'd.waiting_courrier', 'd.waiting_colis', 'd.waiting_avis_passage',
      's.name as structure_name', 's.timezone', 's.portal_enabled',
    ])
    .where('sessions.id_hash', '=', sessionKey)
    .where('sessions.kind', '=', 'portal')
    .executeTakeFirst();
}

export function findPasswordHash(db: Kysely<DB>, accountId: string) {
  return db.selectFrom('portal_accounts').select(['password_hash', 'password_is_temporary']).where('id', '=', accountId).executeTakeFirst();
}

export async function updateAccount(db: Kysely<DB>, accountId: string, changes: Updateable<PortalAccountsTable>) {
  await db.updateTable('portal_accounts').set({ ...changes, updated_at: new Date() }).where('id', '=', accountId).execute();
}

/** Records a login; whether it counts as a visit is the structure's setting at this very moment. */
export async function insertLogin(db: Kysely<DB>, structureId: string, domicilieId: string, now: Date): Promise<{ counts_as_visit: boolean }> {
  const result = await sql<{ counts_as_visit: boolean }>`
    INSERT INTO portal_logins (structure_id, domicilie_id, logged_in_at, counts_as_visit)
    SELECT id, ${domicilieId}, ${now}, portal_login_updates_last_visit FROM structures WHERE id = ${structureId}
    RETURNING counts_as_visit`.execute(db);
  return result.rows[0]!;
}


/**
 * One page of the person's mail events, newest first. The cursor is the last event shown;
 * an event of someone else matches nothing, so the page is simply empty.
 */
export function listEvents(db: Kysely<DB>, structureId: string, domicilieId: string, after: string | undefined, limit: number) {
  let query = db
    .selectFrom('courrier_events as e')
    .select(['e.id', 'e.kind', 'e.courrier', 'e.colis', 'e.avis_passage', 'e.comment', 'e.recipient', 'e.created_at'])
    .where('e.domicilie_id', '=', domicilieId)
    .where('e.structure_id', '=', structureId)
    .where('e.undone_at', 'is', null);
  if (after) {
    const cursorTime = sql<Date>`(SELECT c.created_at FROM courrier_events c WHERE c.id = ${after} AND c.domicilie_id = ${domicilieId})`;
    query = query.where((eb) => eb.or([eb('e.created_at', '<', cursorTime), eb.and([eb('e.created_at', '=', cursorTime), eb('e.id', '>', after)])]));
  }
  // Same order as the index (domicilie_id, created_at DESC, id): ties broken by id.
  return query.orderBy('e.created_at', 'desc').orderBy('e.id', 'asc').limit(limit).execute();
}
