import { sql, type Kysely } from 'kysely';
import type { DB, PersonDocumentType } from '../../db/schema.ts';

/** What a list or a confirmation shows of a document: never its bytes. */
const summaryColumns = ['d.id', 'd.title', 'd.content_type', 'd.size', 'd.shared', 'd.created_at'] as const;

/** The documents of one person of the structure, newest first, with who sent each. */
export function listDocuments(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('person_documents as d')
    .leftJoin('staff_users as u', 'u.id', 'd.uploaded_by')
    .select([...summaryColumns, 'u.prenom as uploader_prenom', 'u.nom as uploader_nom'])
    .where('d.structure_id', '=', structureId)
    .where('d.domicilie_id', '=', domicilieId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
}

/** The documents shared with the person on the portal, newest first. */
export function listSharedDocuments(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('person_documents as d')
    .select(summaryColumns)
    .where('d.structure_id', '=', structureId)
    .where('d.domicilie_id', '=', domicilieId)
    .where('d.shared', '=', true)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
}

/**
 * The sealed bytes of one document; `sharedOnly` for the portal, which never reaches the others.
 * The bytes come as base64: `pg` reads a bytea as hex text, half again as long and about twice
 * as costly to make and read for a 1 MB document (measured on PGlite).
 */
export function findSealedDocument(db: Kysely<DB>, structureId: string, domicilieId: string, id: string, sharedOnly: boolean) {
  let query = db
    .selectFrom('person_documents as d')
    .select(['d.id', 'd.title', 'd.content_type', 'd.size', 'd.created_at', 'd.sealed_iv', 'd.sealed_tag', sql<string>`encode(d.sealed_content, 'base64')`.as('sealed_base64')])
    .where('d.structure_id', '=', structureId)
    .where('d.domicilie_id', '=', domicilieId)
    .where('d.id', '=', id);
  if (sharedOnly) query = query.where('d.shared', '=', true);
  return query.executeTakeFirst();
}

export type NewDocument = {
  id: string;
  structureId: string;
  domicilieId: string;
  title: string;
  contentType: PersonDocumentType;
  size: number;
  sealed: { iv: Buffer; authTag: Buffer; ciphertext: Buffer };
  shared: boolean;
  uploadedBy: string;
};

export async function insertDocument(db: Kysely<DB>, document: NewDocument) {
  await db
    .insertInto('person_documents')
    .values({
      id: document.id,
      structure_id: document.structureId,
      domicilie_id: document.domicilieId,
      title: document.title,
      content_type: document.contentType,
      size: document.size,
      sealed_iv: document.sealed.iv,
      sealed_tag: document.sealed.authTag,
      sealed_content: document.sealed.ciphertext,
      shared: document.shared,
      uploaded_by: document.uploadedBy,
    })
    .execute();
}

/** The document's row after the change, or undefined when it is not this person's. */
export function updateDocument(db: Kysely<DB>, structureId: string, domicilieId: string, id: string, changes: { title?: string; shared?: boolean }) {
  return db
    .updateTable('person_documents')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('structure_id', '=', structureId)
    .where('domicilie_id', '=', domicilieId)
    .where('id', '=', id)
    .returning(['id', 'title', 'content_type', 'size', 'shared'])
    .executeTakeFirst();
}

export function deleteDocument(db: Kysely<DB>, structureId: string, domicilieId: string, id: string) {
  return db
    .deleteFrom('person_documents')
    .where('structure_id', '=', structureId)
    .where('domicilie_id', '=', domicilieId)
    .where('id', '=', id)
    .returning(['id', 'title', 'content_type', 'size'])
    .executeTakeFirst();
}
