import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, PersonDocumentType } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { allowed } from '../../shared/roles.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { getFicheHeader } from '../domicilies/domicilies.service.ts';
import { checkDocumentFile, checkTitle } from './document-file.ts';
import { documentFileName, openDocument, sealDocument } from './document-sealing.ts';
import * as repository from './person-documents.repository.ts';

export { DOCUMENT_MAX_BYTES, TITLE_MAX_LENGTH, type PersonDocumentProblem } from './document-file.ts';

/**
 * A person's documents on the fiche (issue 19). Who may: those who edit the record send, rename,
 * share and download them; those who take decisions delete them. The facteur, who hands out mail
 * and does not read the dossier's papers, does not see them (as the official documents).
 */
export type PersonDocument = Awaited<ReturnType<typeof repository.listDocuments>>[number];
export type DocumentDownload = { fileName: string; contentType: PersonDocumentType; content: Buffer };

function requireRole(staff: StaffActor, roles: readonly string[]) {
  if (!roles.includes(staff.role)) throw new AppError('FORBIDDEN');
}

/** What the trail keeps of a document: never its title or its bytes. */
const facts = (document: { title: string; content_type: PersonDocumentType; size: number }) => ({ title_length: [...document.title].length, content_type: document.content_type, size: document.size });
const target = (id: string) => ({ type: 'person_document', id });

export async function listDocuments(db: Kysely<DB>, staff: StaffActor, domicilieId: string): Promise<PersonDocument[]> {
  requireRole(staff, allowed.editors);
  await getFicheHeader(db, staff, domicilieId);
  return repository.listDocuments(db, staff.structureId, domicilieId);
}

export type NewDocumentInput = { title: unknown; file: Buffer | undefined; shared: boolean };

/** Checks the title and the bytes, then stores the document sealed; returns its id. */
export async function addDocument(db: Kysely<DB>, key: Buffer, staff: StaffActor, domicilieId: string, input: NewDocumentInput): Promise<string> {
  requireRole(staff, allowed.editors);
  await getFicheHeader(db, staff, domicilieId);
  const title = checkTitle(input.title);
  const file = checkDocumentFile(input.file);
  const id = randomUUID();
  const sealed = sealDocument(key, id, domicilieId, file.content);
  await db.transaction().execute(async (trx) => {
    await repository.insertDocument(trx, { id, structureId: staff.structureId, domicilieId, title, contentType: file.contentType, size: file.size, sealed, shared: input.shared, uploadedBy: staff.id });
    await audit(trx, staffAuditActor(staff), { action: 'person_document.uploaded', target: target(id), details: { domicilie_id: domicilieId, shared: input.shared, ...facts({ title, content_type: file.contentType, size: file.size }) } });
  });
  return id;
}

async function change(db: Kysely<DB>, staff: StaffActor, domicilieId: string, documentId: string, changes: { title?: string; shared?: boolean }, action: string) {
  return db.transaction().execute(async (trx) => {
    const row = await repository.updateDocument(trx, staff.structureId, domicilieId, documentId, changes);
    if (!row) throw new AppError('NOT_FOUND');
    await audit(trx, staffAuditActor(staff), { action, target: target(row.id), details: { domicilie_id: domicilieId, shared: row.shared, ...facts(row) } });
    return row;
  });
}

export async function renameDocument(db: Kysely<DB>, staff: StaffActor, domicilieId: string, documentId: string, rawTitle: unknown) {
  requireRole(staff, allowed.editors);
  return change(db, staff, domicilieId, documentId, { title: checkTitle(rawTitle) }, 'person_document.renamed');
}

/** « Visible sur le portail »: the person sees it in « Mes documents », or no longer does. */
export async function shareDocument(db: Kysely<DB>, staff: StaffActor, domicilieId: string, documentId: string, shared: boolean) {
  requireRole(staff, allowed.editors);
  return change(db, staff, domicilieId, documentId, { shared }, shared ? 'person_document.shared' : 'person_document.unshared');
}

export async function deleteDocument(db: Kysely<DB>, staff: StaffActor, domicilieId: string, documentId: string) {
  requireRole(staff, allowed.deciders);
  return db.transaction().execute(async (trx) => {
    const row = await repository.deleteDocument(trx, staff.structureId, domicilieId, documentId);
    if (!row) throw new AppError('NOT_FOUND');
    await audit(trx, staffAuditActor(staff), { action: 'person_document.deleted', target: target(row.id), details: { domicilie_id: domicilieId, ...facts(row) } });
    return row;
  });
}

/** The document's bytes, opened; the download is audited. */
export async function downloadDocument(db: Kysely<DB>, key: Buffer, staff: StaffActor, domicilieId: string, documentId: string): Promise<DocumentDownload> {
  requireRole(staff, allowed.editors);
  const person = await getFicheHeader(db, staff, domicilieId);
  const row = await repository.findSealedDocument(db, staff.structureId, domicilieId, documentId, false);
  if (!row) throw new AppError('NOT_FOUND');
  const content = openDocument(key, row.id, domicilieId, row, { code: 'document_autre_cle' });
  await audit(db, staffAuditActor(staff), { action: 'person_document.downloaded', target: target(row.id), details: { domicilie_id: domicilieId, ...facts(row) } });
  return { fileName: documentFileName(person, row, isoDateIn(row.created_at, staff.timezone)), contentType: row.content_type, content };
}
