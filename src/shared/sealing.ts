import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Bytes kept sealed with the server's key (AES-256-GCM), so a copy of the database alone never
 * reveals them. Each sealing is bound to what it belongs to (`binding`, such as
 * `import:<id>`): bytes copied onto another row do not open.
 */
export type Sealed = { iv: Buffer; authTag: Buffer; ciphertext: Buffer };

export function seal(key: Buffer, binding: string, content: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(binding));
  const ciphertext = Buffer.concat([cipher.update(content), cipher.final()]);
  return { iv, authTag: cipher.getAuthTag(), ciphertext };
}

/** The sealed bytes; throws when the key, the binding or the bytes do not match. */
export function unseal(key: Buffer, binding: string, sealed: Sealed): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(binding));
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}
