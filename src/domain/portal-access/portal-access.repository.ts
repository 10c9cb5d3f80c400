import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, PortalAccountsTable, PortalDocumentsTable } from '../../db/schema.ts';

const accountColumns = ['id', 'login', 'enabled', 'password_is_temporary', 'temporary_password_expires_at', 'temporary_password_issued_at', 'last_login_at'] as const;

export function findAccountOfDomicilie(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('portal_accounts')
    .select(accountColumns)
    .where('structure_id', '=', structureId)
    .where('domicilie_id', '=', domicilieId)
    .executeTakeFirst();
}

/**
 * The section's data in one query: the structure's switch, the account, and the document this
 * staff member generated that can still be downloaded (see `findLatestDocument`).
 */
export function findSummary(db: Kysely<DB>, structureId: string, staffId: string, domicilieId: string, now: Date) {
  return db
    .selectFrom('structures as s')
    .leftJoin('portal_accounts as a', (join) => join.onRef('a.structure_id', '=', 's.id').on('a.domicilie_id', '=', domicilieId))
    .select([
      's.portal_enabled', 's.timezone', 'a.id', 'a.login', 'a.enabled', 'a.password_is_temporary',
      'a.temporary_password_expires_at', 'a.temporary_password_issued_at', 'a.last_login_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('portal_documents as d')
        .select((inner) => inner.fn.max('d.expires_at').as('expires_at'))
        .whereRef('d.portal_account_id', '=', 'a.id')
        .where('d.created_by', '=', staffId)
        .where('d.expires_at', '>', now)
        .as('document_expires_at'),
    )
    .where('s.id', '=', structureId)
    .executeTakeFirst();
}

/** Inserts the account, or returns undefined when its login is already taken (the caller draws another). */
export function insertAccountUnlessLoginTaken(db: Kysely<DB>, row: Insertable<PortalAccountsTable>) {
  return db
    .insertInto('portal_accounts')
    .values(row)
    .onConflict((conflict) => conflict.column('login').doNothing())
    .returning(['id', 'login'])
    .executeTakeFirst();
}

export async function updateAccount(db: Kysely<DB>, id: string, changes: Updateable<PortalAccountsTable>) {
  await db.updateTable('portal_accounts').set(changes).where('id', '=', id).execute();
}

export async function insertDocument(db: Kysely<DB>, row: Insertable<PortalDocumentsTable>) {
  await db.insertInto('portal_documents').values(row).execute();
}

export async function deleteDocumentsOfAccount(db: Kysely<DB>, portalAccountId: string) {
  await db.deleteFrom('portal_documents').where('portal_account_id', '=', portalAccountId).execute();
}

/**
 * Deletes the documents past their 15 minutes, and those whose temporary password no longer
 * works (chosen password, access off, end date passed): the clear password they hold is useless
 * to anyone but an intruder.
 */
export async function deleteExpiredDocuments(db: Kysely<DB>, now: Date) {
  await db
    .deleteFrom('portal_documents as d')
    .where((eb) =>
      eb.or([
        eb('d.expires_at', '<=', now),
        eb.not(
          eb.exists(
            eb
              .selectFrom('portal_accounts as a')
              .select('a.id')
              .whereRef('a.id', '=', 'd.portal_account_id')
              .where('a.enabled', '=', true)
              .where('a.password_is_temporary', '=', true)
              .where((inner) => inner.or([inner('a.temporary_password_expires_at', 'is', null), inner('a.temporary_password_expires_at', '>', now)])),
          ),
        ),
      ]),
    )
    .execute();
}

/**
 * The domicilié's latest document younger than 15 minutes, with who generated it and whether
 * its temporary password still works: the service tells each refusal apart.
 */
export function findLatestDocument(db: Kysely<DB>, structureId: string, domicilieId: string, now: Date) {
  return db
    .selectFrom('portal_documents as d')
    .innerJoin('portal_accounts as a', 'a.id', 'd.portal_account_id')
    .innerJoin('structures as s', 's.id', 'a.structure_id')
    .select([
      'd.id', 'd.portal_account_id', 'd.created_by', 'd.file_name', 'd.iv', 'd.auth_tag', 'd.ciphertext',
      'a.enabled', 'a.password_is_temporary', 'a.temporary_password_expires_at', 's.portal_enabled',
    ])
    .where('a.structure_id', '=', structureId)
    .where('d.structure_id', '=', structureId)
    .where('a.domicilie_id', '=', domicilieId)
    .where('d.expires_at', '>', now)
    .orderBy('d.created_at', 'desc')
    .limit(1)
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

export type AccountFilters = { enabled?: boolean; temporaryPassword?: boolean };

function accountsQuery(db: Kysely<DB>, structureId: string, filters: AccountFilters) {
  let query = db
    .selectFrom('portal_accounts as a')
    .innerJoin('domicilies as p', 'p.id', 'a.domicilie_id')
    .where('a.structure_id', '=', structureId)
    .where('p.structure_id', '=', structureId);
  if (filters.enabled !== undefined) query = query.where('a.enabled', '=', filters.enabled);
  if (filters.temporaryPassword !== undefined) query = query.where('a.password_is_temporary', '=', filters.temporaryPassword);
  return query;
}

export function listAccounts(db: Kysely<DB>, structureId: string, filters: AccountFilters, limit: number, offset: number) {
  return accountsQuery(db, structureId, filters)
    .select([
      'a.id', 'a.domicilie_id', 'p.nom', 'p.prenom', 'p.dossier_number', 'a.login', 'a.enabled',
      'a.password_is_temporary', 'a.last_login_at',
    ])
    .orderBy('p.search_text')
    .orderBy('p.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countAccounts(db: Kysely<DB>, structureId: string, filters: AccountFilters): Promise<number> {
  const row = await accountsQuery(db, structureId, filters).select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
