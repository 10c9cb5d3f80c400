import { strFromU8, unzipSync } from 'fflate';
import type { Insertable, Kysely } from 'kysely';
import type { DB, DomiciliesTable, Role } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/shared/passwords.ts';

export const STAFF_PASSWORD = 'Correct horse battery staple';
let sharedHash: Promise<string> | undefined;
let counter = 0;
const unique = () => `${process.pid}-${++counter}`;

export async function createStructure(db: Kysely<DB>, overrides: Partial<{ name: string; portal_enabled: boolean; portal_login_updates_last_visit: boolean }> = {}) {
  const row = await db
    .insertInto('structures')
    .values({ name: `Structure ${unique()}`, type: 'ccas', street: '1 place de la Mairie', postcode: '69001', city: 'Lyon', phone: '04 00 00 00 00', email: null, opening_hours: null, ...overrides })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A staff member who can log in with STAFF_PASSWORD. */
export async function createStaff(db: Kysely<DB>, structureId: string, role: Role, overrides: Partial<{ email: string; nom: string; prenom: string }> = {}) {
  sharedHash ??= hashPassword(STAFF_PASSWORD);
  const email = overrides.email ?? `${role}-${unique()}@test.example`;
  const row = await db
    .insertInto('staff_users')
    .values({ structure_id: structureId, email, nom: overrides.nom ?? 'Durand', prenom: overrides.prenom ?? 'Alex', role, password_hash: await sharedHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, structureId, role };
}

/** A structure with one staff member of each role. */
export async function createTeam(db: Kysely<DB>, overrides: Parameters<typeof createStructure>[1] = {}) {
  const structureId = await createStructure(db, overrides);
  return {
    structureId,
    administrateur: await createStaff(db, structureId, 'administrateur'),
    gestionnaire: await createStaff(db, structureId, 'gestionnaire'),
    instructeur: await createStaff(db, structureId, 'instructeur'),
    facteur: await createStaff(db, structureId, 'facteur'),
  };
}

/** A domicilié inserted directly (numbering as the structure would give it). */
export async function createDomicilie(
  db: Kysely<DB>,
  structureId: string,
  overrides: Partial<Insertable<DomiciliesTable>> = {},
) {
  const { last_dossier_number } = await db
    .updateTable('structures')
    .set((eb) => ({ last_dossier_number: eb('last_dossier_number', '+', 1) }))
    .where('id', '=', structureId)
    .returning('last_dossier_number')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('domicilies')
    .values({
      structure_id: structureId,
      dossier_number: last_dossier_number,
      nom: 'Dupont',
      prenom: 'Marie',
      birth_date: '1985-03-14',
      status: 'valide',
      start_date: '2026-01-01',
      end_date: '2026-12-31',
      ...overrides,
    })
    .returning(['id', 'nom', 'prenom', 'dossier_number'])
    .executeTakeFirstOrThrow();
  return row;
}

/** The text of a .docx (word/document.xml), one line per paragraph: what a reader of the document sees. */
export async function readDocxText(docx: Buffer | Uint8Array): Promise<string> {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
