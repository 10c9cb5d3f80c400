import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { AuditLogTable, DB, PortalAccountsTable, SessionsTable } from '../../db/schema.ts';
import { advancedLastVisit } from '../last-visit/last-visit.service.ts';

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

/**
 * A successful login in one statement, so all of it or nothing without a transaction's round
 * trips: the login, the account's cleared lock and last login, the visit when the structure
 * counts portal logins as visits, the audit entry, and the new session.
 */
export async function recordLogin(
  db: Kysely<DB>,
  login: { accountId: string; structureId: string; domicilieId: string; at: Date; countsAsVisit: boolean; audit: Insertable<AuditLogTable>[]; session: Insertable<SessionsTable> },
) {
  const { accountId, structureId, domicilieId, at, countsAsVisit } = login;
  await db
    .with('login', (q) => q.insertInto('portal_logins').values({ structure_id: structureId, domicilie_id: domicilieId, logged_in_at: at, counts_as_visit: countsAsVisit }))
    .with('account', (q) => q.updateTable('portal_accounts').set({ last_login_at: at, updated_at: at }).where('id', '=', accountId))
    .with('visit', (q) => q.updateTable('domicilies').set({ last_visit_at: advancedLastVisit(at) }).where('id', '=', domicilieId).where(sql<boolean>`${countsAsVisit}::boolean`))
    .with('audit', (q) => q.insertInto('audit_log').values(login.audit))
    .insertInto('sessions')
    .values(login.session)
    .execute();
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
