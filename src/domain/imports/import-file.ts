import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The uploaded spreadsheet is a list of people: it is stored only sealed with the server's key
 * (AES-256-GCM, like the portal's documents), so a copy of the database alone never reveals it.
 */
export type SealedFile = { iv: Buffer; authTag: Buffer; ciphertext: Buffer };

// Bound to its import: bytes copied onto another import's row do not open.
const associatedData = (importId: string) => Buffer.from(`import:${importId}`);

export function sealFile(key: Buffer, importId: string, content: Buffer): SealedFile {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(importId));
  const ciphertext = Buffer.concat([cipher.update(content), cipher.final()]);
  return { iv, authTag: cipher.getAuthTag(), ciphertext };
}

/** The file's bytes; throws when the key, the import or the bytes do not match. */
export function openFile(key: Buffer, importId: string, sealed: SealedFile): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(associatedData(importId));
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}
