import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { IsoDate } from '../../shared/dates.ts';
import type { PlannedPerson } from './import-plan.ts';

/**
 * The import's bulk SQL: a few hundred people a statement, in the one transaction of the import.
 * It writes the tables of other modules (domicilies, decisions, ayants_droit, entretiens) itself,
 * because their services write one record at a time and 20,000 records that way take minutes;
 * the rows it writes are those the services would (src/domain/imports/import-plan.ts), and the
 * tables' constraints and triggers (search words) hold them as they hold the desk's.
 */

export type RowIdentity = { line: number; ref: string | null; nom: string; prenom: string; birthDate: IsoDate };
export type ExistingMatch = { line: number; id: string; dossier_number: number; same_ref: boolean; same_identity: boolean };

/**
 * The structure's records that a row of the file may be: the same ID (column A, case ignored),
 * or the same nom, prénom (accents and case ignored) and birth date.
 */
export async function findExistingMatches(db: Kysely<DB>, structureId: string, rows: readonly RowIdentity[], importId: string): Promise<ExistingMatch[]> {
  if (rows.length === 0) return [];
  // Two joins on equalities (an OR would compare every row with every record): the ID through
  // domicilies_custom_ref_idx, the person through the birth date. The import's own records are
  // left out: a row repeating an earlier one is the file's repetition, told apart by the caller.
  const result = await sql<ExistingMatch>`
    WITH file_rows AS (
      SELECT * FROM unnest(${rows.map((row) => row.line)}::int[], ${rows.map((row) => row.ref)}::text[], ${rows.map((row) => row.nom)}::text[],
        ${rows.map((row) => row.prenom)}::text[], ${rows.map((row) => row.birthDate)}::date[]) AS r(line, ref, nom, prenom, birth_date)
    )
    SELECT r.line, d.id, d.dossier_number, true AS same_ref,
      (d.birth_date = r.birth_date AND search_normalize(d.nom) = search_normalize(r.nom) AND search_normalize(d.prenom) = search_normalize(r.prenom)) AS same_identity
    FROM file_rows r
    JOIN domicilies d ON d.structure_id = ${structureId} AND lower(d.custom_ref) = lower(r.ref)
    WHERE r.ref IS NOT NULL AND d.import_id IS DISTINCT FROM ${importId}
    UNION ALL
    SELECT r.line, d.id, d.dossier_number, false AS same_ref, true AS same_identity
    FROM file_rows r
    JOIN domicilies d ON d.structure_id = ${structureId} AND d.birth_date = r.birth_date
      AND search_normalize(d.nom) = search_normalize(r.nom) AND search_normalize(d.prenom) = search_normalize(r.prenom)
    WHERE d.import_id IS DISTINCT FROM ${importId}
    ORDER BY 1, 3`.execute(db);
  return result.rows;
}

/**
 * Takes `count` numéros de dossier after the structure's highest and returns the first; the
 * structure's row stays locked until the import's transaction ends, so the desk's new records
 * wait and numbers never collide.
 */
export async function reserveDossierNumbers(trx: Kysely<DB>, structureId: string, count: number): Promise<number> {
  const row = await trx
    .updateTable('structures')
    .set((eb) => ({ last_dossier_number: eb('last_dossier_number', '+', count) }))
    .where('id', '=', structureId)
    .returning('last_dossier_number')
    .executeTakeFirstOrThrow();
  return row.last_dossier_number - count + 1;
}

type Batch = { structureId: string; importId: string; staffId: string; firstNumber: number; people: readonly PlannedPerson[] };

/** One batch of people with their decisions, ayants droit and entretiens: four statements. */
export async function insertPeople(trx: Kysely<DB>, batch: Batch): Promise<void> {
  const { structureId, importId, staffId, firstNumber, people } = batch;
  if (people.length === 0) return;
  await trx
    .insertInto('domicilies')
    .values(
      people.map((person, index) => ({
        ...person.domicilie,
        structure_id: structureId,
        dossier_number: firstNumber + index,
        import_id: importId,
        created_by: staffId,
        updated_at: person.domicilie.created_at,
      })),
    )
    .execute();
  const decisions = people.flatMap((person) =>
    person.decisions.map((decision) => ({ ...decision, structure_id: structureId, domicilie_id: person.domicilie.id, created_by: staffId })),
  );
  if (decisions.length > 0) await trx.insertInto('decisions').values(decisions).execute();
  const ayantsDroit = people.flatMap((person) =>
    person.ayantsDroit.map((ayant) => ({ domicilie_id: person.domicilie.id, nom: ayant.nom, prenom: ayant.prenom, birth_date: ayant.birthDate, lien: ayant.lien })),
  );
  if (ayantsDroit.length > 0) await trx.insertInto('ayants_droit').values(ayantsDroit).execute();
  const entretiens = people.flatMap((person) =>
    person.entretien ? [{ ...person.entretien, domicilie_id: person.domicilie.id, structure_id: structureId, updated_by: staffId }] : [],
  );
  if (entretiens.length > 0) await trx.insertInto('entretiens').values(entretiens).execute();
}
