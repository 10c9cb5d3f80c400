import type { PersonDocumentType } from '../../db/schema.ts';
import { forbiddenCharacters } from '../../shared/characters.ts';
import { InvalidInput } from '../../shared/errors.ts';
import { readJpeg, readPng } from '../structures/logo.ts';

/**
 * A person's document as staff send it (issue 19): a PDF, a PNG or a JPEG, trusted by what its
 * bytes are, never by its name or the type the browser announces. Images are read through to
 * their end as the logo is; a PDF must open with its header and close with its trailer, which a
 * file cut short during the upload or the copy has lost.
 */

export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const TITLE_MAX_LENGTH = 120;

export type CheckedDocument = { content: Buffer; contentType: PersonDocumentType; size: number };

/** What is wrong with a document or its title; each application words it (decision 0027). */
export type PersonDocumentProblem =
  | { code: 'document_manquant' }
  | { code: 'document_vide' }
  | { code: 'document_trop_lourd'; maxBytes: number }
  | { code: 'document_format_refuse'; found: 'gif' | 'autre' }
  | { code: 'document_illisible'; type: 'pdf' | 'png' | 'jpeg' }
  | { code: 'document_titre_manquant' }
  | { code: 'document_titre_trop_long'; max: number }
  | { code: 'document_titre_caracteres' }
  | { code: 'document_autre_cle' };

const PDF_HEADER = /^%PDF-[12]\.\d/;
// The last lines of a whole PDF: « startxref », the offset of its cross-reference, « %%EOF ».
const PDF_TRAILER = /startxref\s+(\d+)\s+%%EOF\s*$/;
const TRAILER_WINDOW = 1024;

/** Whether the bytes open as a PDF and end with its trailer, pointing inside the file. */
export function isWholePdf(bytes: Buffer): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - TRAILER_WINDOW)).toString('latin1');
  const trailer = PDF_TRAILER.exec(tail);
  return trailer !== null && Number(trailer[1]) > 0 && Number(trailer[1]) < bytes.length;
}

const refused = (problem: PersonDocumentProblem) => new InvalidInput<PersonDocumentProblem>({ fichier: problem });

/**
 * The file as it may be stored, or InvalidInput on the field `fichier`. `received` may hold one
 * byte more than the limit: the upload stops there, which is how a heavier file is told.
 */
export function checkDocumentFile(received: Buffer | undefined): CheckedDocument {
  if (!received) throw refused({ code: 'document_manquant' });
  if (received.length === 0) throw refused({ code: 'document_vide' });
  if (received.length > DOCUMENT_MAX_BYTES) throw refused({ code: 'document_trop_lourd', maxBytes: DOCUMENT_MAX_BYTES });
  const start = received.subarray(0, 16).toString('latin1');
  if (PDF_HEADER.test(start)) {
    if (!isWholePdf(received)) throw refused({ code: 'document_illisible', type: 'pdf' });
    return { content: received, contentType: 'application/pdf', size: received.length };
  }
  const isPng = start.startsWith('\x89PNG');
  const isJpeg = received.length >= 3 && received[0] === 0xff && received[1] === 0xd8 && received[2] === 0xff;
  if (!isPng && !isJpeg) throw refused({ code: 'document_format_refuse', found: start.startsWith('GIF8') ? 'gif' : 'autre' });
  if (!(isPng ? readPng(received) : readJpeg(received))) throw refused({ code: 'document_illisible', type: isPng ? 'png' : 'jpeg' });
  return { content: received, contentType: isPng ? 'image/png' : 'image/jpeg', size: received.length };
}

const lineBreaksAndTabs = /[\t\n\r]/;

/** The title as kept (spaces around it trimmed), or InvalidInput on the field `titre`. */
export function checkTitle(raw: unknown): string {
  const title = typeof raw === 'string' ? raw.trim() : '';
  const problem: PersonDocumentProblem | null =
    title === '' ? { code: 'document_titre_manquant' }
    : [...title].length > TITLE_MAX_LENGTH ? { code: 'document_titre_trop_long', max: TITLE_MAX_LENGTH }
    : forbiddenCharacters.test(title) || lineBreaksAndTabs.test(title) ? { code: 'document_titre_caracteres' }
    : null;
  if (problem) throw new InvalidInput<PersonDocumentProblem>({ titre: problem });
  return title;
}
