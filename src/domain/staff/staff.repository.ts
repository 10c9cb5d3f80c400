import type { Kysely, Updateable } from 'kysely';
import type { DB, Role, StaffUsersTable } from '../../db/schema.ts';

/** The active staff member of a session, with the session's times: one query per request. */
export function findActorBySession(db: Kysely<DB>, sessionKey: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('staff_users', 'staff_users.id', 'sessions.subject_id')
    .innerJoin('structures', 'structures.id', 'staff_users.structure_id')
    .select([
      'sessions.last_seen_at',
      'sessions.expires_at',
      'staff_users.id',
      'staff_users.structure_id',
      'structures.name as structure_name',
      'structures.timezone',
      'staff_users.role',
      'staff_users.email',
      'staff_users.nom',
      'staff_users.prenom',
    ])
    .where('sessions.id_hash', '=', sessionKey)
    .where('sessions.kind', '=', 'staff')
    .where('staff_users.active', '=', true)
    .executeTakeFirst();
}

/** The account behind a login attempt, with who reset its password if the owner is still to be told. */
export function findForLogin(db: Kysely<DB>, identifier: string) {
  return db
    .selectFrom('staff_users as s')
    .innerJoin('structures', 'structures.id', 's.structure_id')
    .leftJoin('staff_users as r', 'r.id', 's.password_reset_by')
    .select([
      's.id', 's.structure_id', 's.password_hash', 's.active', 's.password_reset_notice', 's.password_reset_at',
      'r.prenom as reset_by_prenom', 'r.nom as reset_by_nom', 'structures.timezone',
    ])
    .where((eb) => eb(eb.fn('lower', ['s.email']), '=', identifier))
    .executeTakeFirst();
}

export function findPasswordHash(db: Kysely<DB>, id: string) {
  return db.selectFrom('staff_users').select(['password_hash', 'email']).where('id', '=', id).executeTakeFirst();
}

export async function updateStaff(db: Kysely<DB>, id: string, changes: Updateable<StaffUsersTable>) {
  await db.updateTable('staff_users').set(changes).where('id', '=', id).execute();
}

export function listStaff(db: Kysely<DB>, structureId: string) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'email', 'nom', 'prenom', 'role', 'active', 'password_hash', 'activation_expires_at', 'last_login_at'])
    .where('structure_id', '=', structureId)
    .orderBy('active', 'desc')
    .orderBy('nom')
    .orderBy('prenom')
    .execute();
}

export function findInStructure(db: Kysely<DB>, structureId: string, id: string) {
  return db
    .selectFrom('staff_users')
    .select((eb) => ['id', 'email', 'role', 'active', eb('password_hash', 'is not', null).as('has_password')])
    .where('structure_id', '=', structureId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function emailExists(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('staff_users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function insertStaff(
  db: Kysely<DB>,
  row: { structure_id: string; email: string; nom: string; prenom: string; role: Role; password_hash?: string | null; activation_token_hash?: string | null; activation_expires_at?: Date | null },
) {
  return db.insertInto('staff_users').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findByActivationToken(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'structure_id', 'email', 'prenom', 'nom', 'active', 'activation_expires_at', 'password_reset_notice'])
    .where('activation_token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Which of these e-mails belong to an active account with a password. */
export async function usableEmails(db: Kysely<DB>, emails: string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const rows = await db
    .selectFrom('staff_users')
    .select('email')
    .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails.map((email) => email.toLowerCase())))
    .where('active', '=', true)
    .where('password_hash', 'is not', null)
    .execute();
  return rows.map((row) => row.email);
}
