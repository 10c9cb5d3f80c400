import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function findAccountOfDomicilie(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('portal_accounts')
    .select(['id', 'login', 'enabled', 'password_is_temporary', 'temporary_password_expires_at', 'last_login_at', 'locked_until'])
    .where('structure_id', '=', structureId)
    .where('domicilie_id', '=', domicilieId)
    .executeTakeFirst();
}

export function listLogins(db: Kysely<DB>, structureId: string, domicilieId: string, limit: number) {
  return db
    .selectFrom('portal_logins')
    .select(['id', 'logged_in_at'])
    .where('structure_id', '=', structureId)
    .where('domicilie_id', '=', domicilieId)
    .orderBy('logged_in_at', 'desc')
    .limit(limit)
    .execute();
}
