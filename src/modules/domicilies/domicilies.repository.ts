import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** What every tab of the fiche shows in its header. */
export function findFicheHeader(db: Kysely<DB>, structureId: string, id: string) {
  return db
    .selectFrom('domicilies')
    .select([
      'id', 'structure_id', 'dossier_number', 'custom_ref', 'nom', 'prenom', 'surnom', 'birth_date', 'status',
      'start_date', 'end_date', 'last_visit_at', 'waiting_courrier', 'waiting_colis', 'waiting_avis_passage',
    ])
    .where('structure_id', '=', structureId)
    .where('id', '=', id)
    .executeTakeFirst();
}
