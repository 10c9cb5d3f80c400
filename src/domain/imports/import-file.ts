import { seal, unseal, type Sealed } from '../../shared/sealing.ts';

/**
 * The uploaded spreadsheet is a list of people: it is stored only sealed with the server's key,
 * bound to its import (src/shared/sealing.ts).
 */
export type SealedFile = Sealed;

export const sealFile = (key: Buffer, importId: string, content: Buffer): SealedFile => seal(key, `import:${importId}`, content);

/** The file's bytes; throws when the key, the import or the bytes do not match. */
export const openFile = (key: Buffer, importId: string, sealed: SealedFile): Buffer => unseal(key, `import:${importId}`, sealed);
