import { sql, type Kysely, type Updateable } from 'kysely';
import type { DB, PortalAccountsTable } from '../../db/schema.ts';

/** The account behind a login attempt, with the structure's portal settings. */
export function findAccountForLogin(db: Kysely<DB>, login: string) {
  return db
    .selectFrom('portal_accounts as a')
    .innerJoin('structures as s', 's.id', 'a.structure_id')
    .select([
      'a.id', 'a.structure_id', 'a.domicilie_id', 'a.password_hash', 'a.password_is_temporary', 'a.temporary_password_expires_at',
      'a.enabled', 's.portal_enabled', 's.timezone',
      's.portal_login_updates_last_visit',
    ])
    .where('a.login', '=', login)
    .executeTakeFirst();
}

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

/** A successful login: the login itself and the account's last login. */
export async function recordLogin(db: Kysely<DB>, login: { accountId: string; structureId: string; domicilieId: string; at: Date; countsAsVisit: boolean }) {
  await db.insertInto('portal_logins').values({ structure_id: login.structureId, domicilie_id: login.domicilieId, logged_in_at: login.at, counts_as_visit: login.countsAsVisit }).execute();
  await db.updateTable('portal_accounts').set({ last_login_at: login.at, updated_at: login.at }).where('id', '=', login.accountId).execute();
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
