import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB, DomiciliesTable } from '../../db/schema.ts';
import type { AyantDroit } from './identity-input.ts';

const headerColumns = [
  'id', 'structure_id', 'dossier_number', 'custom_ref', 'nom', 'prenom', 'surnom', 'birth_date', 'status',
  'start_date', 'end_date', 'last_visit_at', 'waiting_courrier', 'waiting_colis', 'waiting_avis_passage',
] as const;

/** What every tab of the fiche shows in its header. */
export function findFicheHeader(db: Kysely<DB>, structureId: string, id: string) {
  return db.selectFrom('domicilies').select(headerColumns).where('structure_id', '=', structureId).where('id', '=', id).executeTakeFirst();
}

/**
 * Holds the domicilié's row until the transaction ends. Every change to the record (its mail,
 * its decisions, its portal access) starts here, so two desks changing the same person queue
 * instead of racing, and counts and states stay exact.
 */
export function lockDomicilie(db: Kysely<DB>, structureId: string, id: string) {
  return db
    .selectFrom('domicilies')
    .select(['id', 'dossier_number', 'nom', 'prenom', 'status', 'start_date', 'end_date', 'waiting_courrier', 'waiting_colis', 'waiting_avis_passage'])
    .select(['notify_email_consent_at', 'notify_sms_consent_at'])
    .where('structure_id', '=', structureId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The header plus the rest of the identity, for the « Dossier » tab. */
export function findDossier(db: Kysely<DB>, structureId: string, id: string) {
  return db
    .selectFrom('domicilies')
    .select([...headerColumns, 'sexe', 'birth_place', 'nationality', 'language', 'phone', 'email', 'first_domiciliation_on', 'created_at',
      'notify_email_consent_at', 'notify_sms_consent_at', 'notify_paused_at'])
    .where('structure_id', '=', structureId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listAyantsDroit(db: Kysely<DB>, domicilieId: string) {
  return db
    .selectFrom('ayants_droit')
    .select(['id', 'nom', 'prenom', 'birth_date', 'lien'])
    .where('domicilie_id', '=', domicilieId)
    .orderBy('birth_date')
    .orderBy('nom')
    .execute();
}

/** The next numéro de dossier: the structure's row lock serialises concurrent creations. */
export async function allocateDossierNumber(trx: Kysely<DB>, structureId: string): Promise<number> {
  const row = await trx
    .updateTable('structures')
    .set((eb) => ({ last_dossier_number: eb('last_dossier_number', '+', 1) }))
    .where('id', '=', structureId)
    .returning('last_dossier_number')
    .executeTakeFirstOrThrow();
  return row.last_dossier_number;
}

export function insertDomicilie(trx: Kysely<DB>, row: Insertable<DomiciliesTable>) {
  return trx.insertInto('domicilies').values(row).returning(['id', 'dossier_number']).executeTakeFirstOrThrow();
}

/** Same nom and prénom (accents and case ignored) and same birth date in the structure. */
export function findPossibleDuplicates(db: Kysely<DB>, structureId: string, person: { nom: string; prenom: string; birth_date: string }, exceptId?: string) {
  let query = db
    .selectFrom('domicilies')
    .select(['id', 'nom', 'prenom', 'birth_date', 'dossier_number', 'status'])
    .where('structure_id', '=', structureId)
    .where('birth_date', '=', person.birth_date)
    .where(sql<boolean>`search_normalize(nom) = search_normalize(${person.nom})`)
    .where(sql<boolean>`search_normalize(prenom) = search_normalize(${person.prenom})`)
    .orderBy('dossier_number')
    .limit(10);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.execute();
}

export async function updateDomicilie(trx: Kysely<DB>, structureId: string, id: string, changes: Updateable<DomiciliesTable>) {
  const result = await trx.updateTable('domicilies').set(changes).where('structure_id', '=', structureId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function replaceAyantsDroit(trx: Kysely<DB>, domicilieId: string, rows: AyantDroit[]) {
  await trx.deleteFrom('ayants_droit').where('domicilie_id', '=', domicilieId).execute();
  if (rows.length > 0) await trx.insertInto('ayants_droit').values(rows.map((row) => ({ ...row, domicilie_id: domicilieId }))).execute();
}

/** Deletes the record; its decisions, mail, procurations and portal account go with it (ON DELETE CASCADE). */
export async function deleteDomicilie(trx: Kysely<DB>, structureId: string, id: string) {
  const result = await trx.deleteFrom('domicilies').where('structure_id', '=', structureId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Audit entries about one record, newest first, with the staff member who acted. */
export function listAuditAbout(db: Kysely<DB>, structureId: string, domicilieId: string, limit: number) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('staff_users as s', (join) => join.onRef('s.id', '=', 'a.actor_id').on('a.actor_type', '=', 'staff'))
    .select(['a.id', 'a.actor_type', 'a.action', 'a.created_at', 's.prenom as actor_prenom', 's.nom as actor_nom'])
    .where('a.target_id', '=', domicilieId)
    .where('a.structure_id', '=', structureId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}
