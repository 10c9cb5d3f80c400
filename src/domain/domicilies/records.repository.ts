import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { where, type SearchCriteria } from './search.repository.ts';

const recordColumns = [
  'id', 'dossier_number', 'custom_ref', 'nom', 'prenom', 'surnom', 'sexe', 'birth_date', 'birth_place', 'phone', 'email',
  'status', 'start_date', 'end_date', 'last_visit_at', 'first_domiciliation_on', 'waiting_courrier', 'waiting_colis', 'waiting_avis_passage',
] as const;

/**
 * The next records matching the list's filters after a numéro de dossier, in its order: keyset
 * pagination on the unique (structure_id, dossier_number), so each batch costs the same however
 * far into the structure it is.
 */
export function listRecordsAfter(db: Kysely<DB>, criteria: SearchCriteria, afterDossier: number, limit: number) {
  return where(db.selectFrom('domicilies').select(recordColumns), criteria)
    .where('dossier_number', '>', afterDossier)
    .orderBy('dossier_number')
    .limit(limit)
    .execute();
}

/** The ayants droit of some records of the structure, in the order of the record's form. */
export function listAyantsDroitOf(db: Kysely<DB>, structureId: string, domicilieIds: readonly string[]) {
  return db
    .selectFrom('ayants_droit as a')
    .innerJoin('domicilies as d', 'd.id', 'a.domicilie_id')
    .select(['a.domicilie_id', 'a.nom', 'a.prenom', 'a.birth_date', 'a.lien'])
    .where('d.structure_id', '=', structureId)
    .where('a.domicilie_id', 'in', domicilieIds)
    .orderBy('a.domicilie_id')
    .orderBy('a.birth_date')
    .orderBy('a.nom')
    .execute();
}
