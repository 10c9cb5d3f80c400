import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { formatTime, isoDateIn } from '../../shared/dates.ts';
import { personFileName } from '../../shared/file-names.ts';

/**
 * The access document holds a clear temporary password: it is kept only encrypted
 * (AES-256-GCM, server key) and only for a few minutes, so a copy of the database
 * alone never reveals a password.
 */
export const DOCUMENT_LIFETIME_MS = 15 * 60_000;

export type SealedDocument = { iv: Buffer; auth_tag: Buffer; ciphertext: Buffer };

// Binding the ciphertext to its account: a row copied onto another account does not decrypt.
const associatedData = (portalAccountId: string) => Buffer.from(`portal_document:${portalAccountId}`);

export function sealDocument(key: Buffer, portalAccountId: string, content: Buffer): SealedDocument {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(portalAccountId));
  const ciphertext = Buffer.concat([cipher.update(content), cipher.final()]);
  return { iv, auth_tag: cipher.getAuthTag(), ciphertext };
}

/** The document's content; throws when the key, the account or the bytes do not match. */
export function openDocument(key: Buffer, portalAccountId: string, sealed: SealedDocument): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(associatedData(portalAccountId));
  decipher.setAuthTag(sealed.auth_tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

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
