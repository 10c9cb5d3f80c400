import { formatTime, isoDateIn } from '../../shared/dates.ts';
import { personFileName } from '../../shared/file-names.ts';
import { seal, unseal } from '../../shared/sealing.ts';

/**
 * The access document holds a clear temporary password: it is kept only encrypted
 * (AES-256-GCM, server key) and only for a few minutes, so a copy of the database
 * alone never reveals a password.
 */
export const DOCUMENT_LIFETIME_MS = 15 * 60_000;

export type SealedDocument = { iv: Buffer; auth_tag: Buffer; ciphertext: Buffer };

// Bound to its account: a row copied onto another account does not open.
const binding = (portalAccountId: string) => `portal_document:${portalAccountId}`;

export function sealDocument(key: Buffer, portalAccountId: string, content: Buffer): SealedDocument {
  const { iv, authTag, ciphertext } = seal(key, binding(portalAccountId), content);
  return { iv, auth_tag: authTag, ciphertext };
}

/** The document's content; throws when the key, the account or the bytes do not match. */
export const openDocument = (key: Buffer, portalAccountId: string, sealed: SealedDocument): Buffer => unseal(key, binding(portalAccountId), { ...sealed, authTag: sealed.auth_tag });

/**
 * `acces-portail-<nom>-<prenom>-<date>-<heure>.docx` (`…-2026-12-02-14h40m05.docx`) in lower-case ASCII letters, digits and
 * dashes; the time it was made, on the structure's clock, tells a reset's document from the
 * one it replaces.
 */
export function documentFileName(person: { nom: string; prenom: string }, madeAt: Date, timezone: string): string {
  // Seconds too: a reset a minute after the first document must not take its name.
  const seconds = String(madeAt.getUTCSeconds()).padStart(2, '0');
  return personFileName('acces-portail', person, `${isoDateIn(madeAt, timezone)}-${formatTime(madeAt, timezone).replace(':', 'h')}m${seconds}`, 'docx');
}
