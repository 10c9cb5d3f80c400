import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { BackupError, TABLES_NEEDING_THE_KEY, keyFingerprint, readBackup, type BackupHeader, type BackupValue } from './backup-format.ts';
import { quoteIdentifier, readSequences, readTables, type CatalogTable } from './backup-catalog.ts';
import type { Database } from './database.ts';
import { migrationFiles } from './migrate.ts';

export type RestoreSummary = { rows: Record<string, number>; replacedExistingData: boolean; warnings: string[] };

/** Same lock as migrate(): an application starting meanwhile waits instead of migrating alongside. */
const MIGRATION_LOCK = 740215;

/**
 * The backup's migrations must be the first ones of this version: the data go into the schema
 * they were read from, and the later migrations of this version run after them.
 */
function migrationsToRun(header: BackupHeader) {
  const code = migrationFiles();
  const known = new Set(code.map((migration) => migration.name));
  const unknown = header.migrations.find((name) => !known.has(name));
  if (unknown) {
    throw new BackupError(`Cette sauvegarde vient d'une version plus récente de l'application (migration ${unknown} inconnue ici) : mettez l'application à jour avant de restaurer.`);
  }
  if (header.migrations.some((name, index) => code[index]?.name !== name)) {
    throw new BackupError("Les migrations de cette sauvegarde ne suivent pas celles de cette version de l'application : restaurez-la avec la version qui l'a écrite.");
  }
  return { before: code.slice(0, header.migrations.length), after: code.slice(header.migrations.length) };
}

async function applyMigrations(conn: Kysely<any>, migrations: { name: string; sql: string }[]) {
  for (const migration of migrations) {
    await sql.raw(migration.sql).execute(conn);
    await sql`INSERT INTO schema_migrations (name) VALUES (${migration.name})`.execute(conn);
  }
}

async function prepareSchema(conn: Kysely<any>, header: BackupHeader, before: { name: string; sql: string }[]) {
  await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(conn);
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
  const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(conn);
  const applied = rows.map((row) => row.name);
  if (applied.some((name, index) => header.migrations[index] !== name)) {
    throw new BackupError(
      "La base cible est déjà à une version plus récente que la sauvegarde : restaurez dans une base neuve (jamais démarrée), l'application la mettra à jour ensuite.",
    );
  }
  await applyMigrations(conn, before.slice(applied.length));
}

/** Refuses a database holding data, unless told to replace it (`--force`). */
async function emptyTarget(conn: Kysely<any>, tables: CatalogTable[], force: boolean): Promise<boolean> {
  const filled: string[] = [];
  for (const table of tables) {
    if (table.name === 'schema_migrations') continue;
    const { rows } = await sql.raw<{ filled: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdentifier(table.name)}) AS filled`).execute(conn);
    if (rows[0]!.filled) filled.push(table.name);
  }
  if (filled.length === 0) return false;
  if (!force) {
    throw new BackupError(
      `La base cible contient déjà des données (tables ${filled.join(', ')}) : rien n'a été restauré. ` +
        'Choisissez une base vide, ou relancez avec --force pour effacer ces données et les remplacer par la sauvegarde.',
    );
  }
  const names = tables.filter((table) => table.name !== 'schema_migrations').map((table) => quoteIdentifier(table.name));
  await sql.raw(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`).execute(conn);
  return true;
}

type Target = { name: string; columns: string[]; casts: string[]; batchSize: number; rows: BackupValue[][] };

function target(tables: Map<string, CatalogTable>, name: string, columns: string[]): Target {
  const table = tables.get(name);
  if (!table) throw new BackupError(`La table ${name} de la sauvegarde n'existe pas dans cette base : rien n'a été restauré.`);
  const casts = columns.map((column) => {
    const found = table.columns.find((candidate) => candidate.name === column);
    if (!found) throw new BackupError(`La colonne ${name}.${column} de la sauvegarde n'existe pas dans cette base : rien n'a été restauré.`);
    return found.type;
  });
  // PostgreSQL takes at most 65,535 parameters per statement.
  return { name, columns, casts, batchSize: Math.max(1, Math.min(1000, Math.floor(30_000 / columns.length))), rows: [] };
}

async function insertRows(conn: Kysely<any>, table: Target) {
  if (table.rows.length === 0) return;
  const columns = sql.raw(table.columns.map(quoteIdentifier).join(', '));
  const casts = table.casts.map((type) => sql.raw(`::${type}`));
  const tuples = table.rows.map((values) => sql`(${sql.join(values.map((value, i) => sql`${value}${casts[i]}`))})`);
  // OVERRIDING SYSTEM VALUE: identity columns keep the numbers they had.
  await sql`INSERT INTO ${sql.raw(quoteIdentifier(table.name))} (${columns}) OVERRIDING SYSTEM VALUE VALUES ${sql.join(tuples)}`.execute(conn);
  table.rows = [];
}

/** Sequences continue after the restored numbers, never below the highest one restored. */
async function restoreSequences(conn: Kysely<any>, header: BackupHeader) {
  const sequences = await readSequences(conn);
  for (const saved of header.sequences) {
    const sequence = sequences.find((candidate) => candidate.table === saved.table && candidate.column === saved.column);
    if (!sequence) continue;
    const name = quoteIdentifier(sequence.sequence);
    await sql`SELECT setval(${name}::regclass, ${saved.lastValue}::bigint, ${saved.isCalled})`.execute(conn);
    await sql`SELECT setval(${name}::regclass, m) FROM (SELECT max(${sql.ref(saved.column)}) AS m FROM ${sql.table(saved.table)}) x WHERE m > ${saved.lastValue}::bigint`.execute(conn);
  }
}

function keyWarnings(header: BackupHeader, rows: Record<string, number>, secretKey: Buffer): string[] {
  if (header.keyFingerprint === keyFingerprint(secretKey)) return [];
  return [...accessDocumentWarnings(header, rows, secretKey), ...personDocumentWarnings(header, rows, secretKey)];
}

/** A person's documents do not expire: without the original key they stay closed for good (decision 0034). */
function personDocumentWarnings(header: BackupHeader, rows: Record<string, number>, secretKey: Buffer): string[] {
  const sealed = rows.person_documents ?? 0;
  if (sealed === 0) return [];
  return [
    `${sealed} document(s) des personnes (onglet « Documents » des fiches) sont chiffrés avec une autre clé que celle de ce serveur ` +
      `(empreinte de la clé d'origine ${header.keyFingerprint}, de ce serveur ${keyFingerprint(secretKey)}). ` +
      "Ils ne s'ouvriront qu'avec la clé d'origine : donnez-la à ce serveur (SECRET_KEY, ou le fichier secret.key de l'ancien dossier de données) avant de les télécharger. Le reste des données est restauré.",
  ];
}

function accessDocumentWarnings(header: BackupHeader, rows: Record<string, number>, secretKey: Buffer): string[] {
  const encrypted = TABLES_NEEDING_THE_KEY.reduce((sum, table) => sum + (rows[table] ?? 0), 0);
  if (encrypted === 0 || header.keyFingerprint === keyFingerprint(secretKey)) return [];
  return [
    `${encrypted} document(s) d'accès au portail de la sauvegarde sont chiffrés avec une autre clé que celle de ce serveur ` +
      `(empreinte de la clé d'origine ${header.keyFingerprint}, de ce serveur ${keyFingerprint(secretKey)}). ` +
      "Ils resteront illisibles sans la clé d'origine (SECRET_KEY, ou le fichier secret.key de l'ancien dossier de données) ; " +
      "ces documents expirent de toute façon 15 minutes après leur création : régénérez-les depuis la fiche au besoin. Le reste des données est restauré.",
  ];
}

/**
 * Restores a backup into `database` in one transaction (decision 0021): the schema of the
 * backup's version, every row, the sequences, then this version's later migrations. Anything
 * wrong, including a file cut short, rolls everything back.
 */
export async function restoreBackup(database: Database, input: Readable, options: { force?: boolean; secretKey: Buffer }): Promise<RestoreSummary> {
  const entries = readBackup(input);
  const first = await entries.next();
  if (first.done || first.value.kind !== 'header') throw new BackupError("Fichier de sauvegarde illisible : en-tête absent. Rien n'a été restauré.");
  const header = first.value.header;
  const { before, after } = migrationsToRun(header);
  let trailerRows: Record<string, number> = {};

  const replacedExistingData = await database.db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    try {
      await sql`SET LOCAL DateStyle = 'ISO, YMD'`.execute(conn);
      await prepareSchema(conn, header, before);
      const tables = await readTables(conn);
      const replaced = await emptyTarget(conn, tables, options.force ?? false);
      const byName = new Map(tables.map((table) => [table.name, table]));
      let current: Target | undefined;
      for await (const entry of entries) {
        if (entry.kind === 'table') {
          if (current) await insertRows(conn, current);
          current = target(byName, entry.table.table, entry.table.columns);
        } else if (entry.kind === 'row') {
          if (entry.values.some((value) => value !== null && typeof value === 'object')) throw new BackupError("Fichier de sauvegarde illisible : valeur inattendue. Rien n'a été restauré.");
          current!.rows.push(entry.values);
          if (current!.rows.length >= current!.batchSize) await insertRows(conn, current!);
        } else if (entry.kind === 'end') {
          if (current) await insertRows(conn, current);
          trailerRows = entry.trailer.rows;
        }
      }
      await restoreSequences(conn, header);
      await applyMigrations(conn, after);
      await sql`COMMIT`.execute(conn);
      return replaced;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => {});
      // A database error's message names the constraint, never the values (its detail would).
      if (!(error instanceof BackupError) && typeof (error as { code?: unknown }).code === 'string') {
        throw new BackupError(`La base a refusé une ligne de la sauvegarde (${(error as Error).message}) : rien n'a été restauré.`);
      }
      throw error;
    }
  });
  // The planner's statistics describe the empty tables until then (PGlite has no autovacuum).
  await sql`ANALYZE`.execute(database.db);
  return { rows: trailerRows, replacedExistingData, warnings: keyWarnings(header, trailerRows, options.secretKey) };
}
