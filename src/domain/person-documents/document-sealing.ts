import type { PersonDocumentType } from '../../db/schema.ts';
import { personFileName } from '../../shared/file-names.ts';
import { seal, unseal, type Sealed } from '../../shared/sealing.ts';
import { AppError } from '../../shared/errors.ts';
import type { PersonDocumentProblem } from './document-file.ts';

// Bound to the row and its person: bytes copied onto another document or another person do not open.
const binding = (documentId: string, domicilieId: string) => `person_document:${documentId}:${domicilieId}`;

export const sealDocument = (key: Buffer, documentId: string, domicilieId: string, content: Buffer): Sealed => seal(key, binding(documentId, domicilieId), content);

/**
 * The document's bytes. Bytes that do not open (a backup restored on a server without its key,
 * decision 0034) are GONE, with `problem` for the application that can say why; never a 500.
 */
export function openDocument(key: Buffer, documentId: string, domicilieId: string, row: { sealed_iv: Buffer; sealed_tag: Buffer; sealed_base64: string }, problem?: PersonDocumentProblem): Buffer {
  try {
    return unseal(key, binding(documentId, domicilieId), { iv: row.sealed_iv, authTag: row.sealed_tag, ciphertext: Buffer.from(row.sealed_base64, 'base64') });
  } catch {
    throw new AppError<PersonDocumentProblem>('GONE', problem);
  }
}

const extensions: Record<PersonDocumentType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/**
 * `document-<nom>-<prenom>-<date>-<8 characters of its id>.<ext>`: the person's name as every
 * other download gives it, never the title (« Titre de séjour » says more than the file needs).
 */
export function documentFileName(person: { nom: string; prenom: string }, document: { id: string; content_type: PersonDocumentType }, day: string): string {
  return personFileName('document', person, `${day}-${document.id.slice(0, 8)}`, extensions[document.content_type]);
}
