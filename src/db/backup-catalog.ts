import { sql, type Kysely } from 'kysely';

export type CatalogColumn = { name: string; type: string; typeName: string };
export type CatalogTable = { name: string; columns: CatalogColumn[] };

/**
 * The tables of the application's schema with their columns, read from the database itself so a
 * table added by a later migration is backed up without anyone remembering to list it. Generated
 * columns are left out: the database computes them again on restore.
 */
export async function readTables(db: Kysely<any>): Promise<CatalogTable[]> {
  const { rows } = await sql<{ table_name: string; column_name: string; type: string; type_name: string }>`
    SELECT c.relname AS table_name, a.attname AS column_name,
           format_type(a.atttypid, a.atttypmod) AS type, t.typname AS type_name
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid
      JOIN pg_type t ON t.oid = a.atttypid
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`.execute(db);
  const tables = new Map<string, CatalogTable>();
  for (const row of rows) {
    if (!tables.has(row.table_name)) tables.set(row.table_name, { name: row.table_name, columns: [] });
    tables.get(row.table_name)!.columns.push({ name: row.column_name, type: row.type, typeName: row.type_name });
  }
  return orderByForeignKeys([...tables.values()], await readForeignKeys(db));
}

async function readForeignKeys(db: Kysely<any>): Promise<{ child: string; parent: string }[]> {
  const { rows } = await sql<{ child: string; parent: string }>`
    SELECT child.relname AS child, parent.relname AS parent
      FROM pg_constraint k
      JOIN pg_class child ON child.oid = k.conrelid
      JOIN pg_class parent ON parent.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = child.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public'`.execute(db);
  return rows;
}

/** Parents before children, and alphabetical otherwise, so two backups list tables alike. */
function orderByForeignKeys(tables: CatalogTable[], keys: { child: string; parent: string }[]): CatalogTable[] {
  const ordered: CatalogTable[] = [];
  const placed = new Set<string>();
  let remaining = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (remaining.length > 0) {
    const ready = remaining.filter((table) => keys.every((key) => key.child !== table.name || key.parent === table.name || placed.has(key.parent)));
    if (ready.length === 0) throw new Error(`Clés étrangères circulaires entre ${remaining.map((table) => table.name).join(', ')}`);
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
    remaining = remaining.filter((table) => !placed.has(table.name));
  }
  return ordered;
}

/** The sequences that number a column (bigserial, identity), with the table and column they serve. */
export async function readSequences(db: Kysely<any>): Promise<{ table: string; column: string; sequence: string }[]> {
  const { rows } = await sql<{ table: string; column: string; sequence: string }>`
    SELECT t.relname AS table, a.attname AS column, s.relname AS sequence
      FROM pg_class s
      JOIN pg_namespace n ON n.oid = s.relnamespace
      JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      JOIN pg_class t ON t.oid = d.refobjid
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     WHERE s.relkind = 'S' AND n.nspname = 'public'
     ORDER BY t.relname, a.attname`.execute(db);
  return rows;
}

/** Identifiers come from the catalog; quoting them still keeps any name safe in SQL. */
export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
