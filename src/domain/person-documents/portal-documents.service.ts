import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { audit } from '../audit/audit.service.ts';
import { currentAttestationFor } from '../official-documents/attestation.service.ts';
import type { PdfParts } from '../official-documents/form-filling.ts';
import type { PortalActor } from '../portal/portal.service.ts';
import { getStructure, missingForOfficialForms } from '../structures/structures.service.ts';
import { documentFileName, openDocument } from './document-sealing.ts';
import type { DocumentDownload } from './person-documents.service.ts';
import * as repository from './person-documents.repository.ts';

/**
 * « Mes documents » on the portal (issue 19): the documents staff made visible there, and the
 * attestation of the current decision. Every query is bound to the person of the session, so an
 * id of someone else's, of another structure, or of a document not shared, is simply not found.
 */

export type SharedDocument = Awaited<ReturnType<typeof repository.listSharedDocuments>>[number];

/**
 * Where the person stands for the attestation: `available` while the domiciliation is valide and
 * the structure has all the form prints; `at_desk` when the structure lacks some of it (the
 * person is told to ask at the desk); `none` when there is no valide domiciliation.
 */
export type AttestationState = 'available' | 'at_desk' | 'none';

const portalActor = (actor: PortalActor) => ({ type: 'portal' as const, id: actor.accountId, structureId: actor.structureId });

export async function listPortalDocuments(db: Kysely<DB>, actor: PortalActor): Promise<{ documents: SharedDocument[]; attestation: AttestationState }> {
  const [documents, attestation] = await Promise.all([repository.listSharedDocuments(db, actor.structureId, actor.domicilieId), attestationState(db, actor)]);
  return { documents, attestation };
}

async function attestationState(db: Kysely<DB>, actor: PortalActor): Promise<AttestationState> {
  if (actor.status !== 'valide') return 'none';
  return missingForOfficialForms(await getStructure(db, actor.structureId)).length > 0 ? 'at_desk' : 'available';
}

/** A shared document's bytes for its person; the download is audited with the portal account. */
export async function downloadSharedDocument(db: Kysely<DB>, key: Buffer, actor: PortalActor, documentId: string): Promise<DocumentDownload> {
  const row = await repository.findSealedDocument(db, actor.structureId, actor.domicilieId, documentId, true);
  if (!row) throw new AppError('NOT_FOUND');
  const content = openDocument(key, row.id, actor.domicilieId, row);
  await audit(db, portalActor(actor), {
    action: 'portal.document_downloaded',
    target: { type: 'person_document', id: row.id },
    details: { domicilie_id: actor.domicilieId, title_length: [...row.title].length, content_type: row.content_type, size: row.size },
  });
  return { fileName: documentFileName(actor, row, isoDateIn(row.created_at, actor.timezone)), contentType: row.content_type, content };
}

/** The attestation of the current decision, made when asked (CONFLICT `structure_incomplete` when the structure lacks a field). */
export function portalAttestation(db: Kysely<DB>, actor: PortalActor): Promise<{ fileName: string; content: PdfParts }> {
  return currentAttestationFor(db, actor);
}
