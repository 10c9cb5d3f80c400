import { createHmac } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * The backup file (decision 0021): gzip-compressed JSON lines, readable by either engine.
 *   1. a header: format, version, migrations applied, fingerprint of the server key;
 *   2. per table, in foreign-key order: `{"table", "columns"}` then one JSON array per row,
 *      every value as PostgreSQL's text form (or null, a number, a boolean);
 *   3. a trailer with the number of rows of each table: a file cut short has none.
 */
export const BACKUP_FORMAT = 'domiciliation-sauvegarde';
export const BACKUP_VERSION = 1;

/**
 * Left out of every backup: sessions (everyone logs in again after a restore, and a copy of
 * the file opens no session), the search words and the home page's counts, which the
 * database's own triggers rebuild as the people are restored.
 */
export const TABLES_LEFT_OUT: Record<string, string> = {
  schema_migrations: 'liste des migrations, dans l’en-tête',
  sessions: 'sessions ouvertes : chacun se reconnecte après une restauration',
  domicilie_words: 'mots des noms, reconstruits à la restauration',
  structure_words: 'mots des noms, reconstruits à la restauration',
  structure_tallies: 'comptes de l’accueil, reconstruits à la restauration',
};

/** Tables whose rows are encrypted with the server key (see portal-access/document-store.ts). */
export const TABLES_NEEDING_THE_KEY = ['portal_documents'];

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: string;
  migrations: string[];
  /** Not the key: a value that tells whether a server holds the same one. */
  keyFingerprint: string;
  sequences: { table: string; column: string; lastValue: string; isCalled: boolean }[];
};

export type BackupValue = string | number | boolean | null;
export type BackupTable = { table: string; columns: string[] };
export type BackupTrailer = { end: true; rows: Record<string, number> };

export type BackupEntry =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; table: BackupTable }
  | { kind: 'row'; values: BackupValue[] }
  | { kind: 'end'; trailer: BackupTrailer };

/** Every message of this error is meant for the person running the command. */
export class BackupError extends Error {}

export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('domiciliation:empreinte-de-cle').digest('hex').slice(0, 16);
}

const unreadable = (detail: string) =>
  new BackupError(`Fichier de sauvegarde illisible ou incomplet (${detail}) : rien n'a été restauré.`);

async function* lines(input: Readable): AsyncGenerator<string> {
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupError(`Fichier de sauvegarde introuvable : ${(error as NodeJS.ErrnoException).path}`);
    throw unreadable(code?.startsWith('Z_') ? 'compression invalide ou fichier tronqué' : (error as Error).message);
  } finally {
    input.unpipe(gunzip);
    input.destroy();
  }
  if (rest !== '') yield rest;
}

function parse(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw unreadable(`ligne ${lineNumber} abîmée`);
  }
}

function checkHeader(value: unknown): BackupHeader {
  const header = value as Partial<BackupHeader> | null;
  if (!header || header.format !== BACKUP_FORMAT) throw unreadable("ce n'est pas une sauvegarde de l'application");
  if (header.version !== BACKUP_VERSION) {
    throw new BackupError(`Sauvegarde au format ${header.version}, cette version de l'application lit le format ${BACKUP_VERSION} : mettez-la à jour.`);
  }
  if (!Array.isArray(header.migrations) || !Array.isArray(header.sequences) || typeof header.keyFingerprint !== 'string') throw unreadable('en-tête incomplet');
  return header as BackupHeader;
}

/**
 * The entries of a backup, in order, checked as they are read: a damaged or truncated file
 * throws a BackupError, at the latest when the trailer's row counts are compared.
 */
export async function* readBackup(input: Readable): AsyncGenerator<BackupEntry> {
  let lineNumber = 0;
  let header: BackupHeader | undefined;
  let table: BackupTable | undefined;
  let trailer: BackupTrailer | undefined;
  const counted: Record<string, number> = {};
  for await (const line of lines(input)) {
    lineNumber++;
    if (trailer) throw unreadable('données après la fin');
    const value = parse(line, lineNumber);
    if (!header) {
      header = checkHeader(value);
      yield { kind: 'header', header };
    } else if (Array.isArray(value)) {
      if (!table || value.length !== table.columns.length) throw unreadable(`ligne ${lineNumber} inattendue`);
      counted[table.table] = (counted[table.table] ?? 0) + 1;
      yield { kind: 'row', values: value as BackupValue[] };
    } else if (value && typeof value === 'object' && 'table' in value) {
      table = value as BackupTable;
      if (typeof table.table !== 'string' || !Array.isArray(table.columns) || table.table in counted) throw unreadable(`ligne ${lineNumber} inattendue`);
      counted[table.table] = 0;
      yield { kind: 'table', table };
    } else if (value && typeof value === 'object' && 'end' in value) {
      trailer = value as BackupTrailer;
      const expected = trailer.rows ?? {};
      const names = new Set([...Object.keys(expected), ...Object.keys(counted)]);
      for (const name of names) {
        if (expected[name] !== counted[name]) throw unreadable(`table ${name} : ${counted[name] ?? 0} lignes lues, ${expected[name] ?? 0} attendues`);
      }
      yield { kind: 'end', trailer };
    } else {
      throw unreadable(`ligne ${lineNumber} inattendue`);
    }
  }
  if (!header) throw unreadable('fichier vide');
  if (!trailer) throw unreadable('fin de fichier manquante');
}

/** Reads a whole backup without a database: its header and row counts, or a BackupError. */
export async function checkBackup(input: Readable): Promise<{ header: BackupHeader; rows: Record<string, number> }> {
  let header: BackupHeader | undefined;
  let rows: Record<string, number> = {};
  for await (const entry of readBackup(input)) {
    if (entry.kind === 'header') header = entry.header;
    if (entry.kind === 'end') rows = entry.trailer.rows;
  }
  return { header: header!, rows };
}
