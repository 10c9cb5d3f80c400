import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { getDossier } from '../dossiers/dossiers.service.ts';
import { getStructure, missingForOfficialForms, type MissingField, type Structure } from '../structures/structures.service.ts';

/** The structure lacks what the official papers print: the page names each field and links to it. */
export type OfficialDocumentProblem = { code: 'structure_incomplete'; missing: MissingField[] };

/** The structure as the official forms and letters print it. */
export type FormStructure = {
  name: string;
  type: 'ccas' | 'cias' | 'association';
  communeArrondissement: string | null;
  responsable: { nom: string; prenom: string; fonction: string };
  agrement: { prefecture: string; numero: string } | null;
  /** Postal address lines of the structure (the postal address if it has one, else street, postcode city). */
  addressLines: string[];
  email: string | null;
  phone: string | null;
  /** Where the paper is made: « Fait à <city> ». */
  city: string;
};

/** Only for a structure that `missingForOfficialForms` finds complete: what it checks is read here as present. */
function formStructure(structure: Structure): FormStructure {
  return {
    name: structure.name,
    type: structure.type,
    communeArrondissement: structure.commune_arrondissement,
    responsable: { nom: structure.responsable_nom!, prenom: structure.responsable_prenom!, fonction: structure.responsable_fonction! },
    agrement: structure.type === 'association' ? { prefecture: structure.agrement_prefecture!, numero: structure.agrement_numero! } : null,
    addressLines: structure.postal_address ? structure.postal_address.split('\n').map((line) => line.trim()).filter(Boolean) : [structure.street, `${structure.postcode} ${structure.city}`],
    email: structure.email,
    phone: structure.phone,
    city: structure.city,
  };
}

type Dossier = Awaited<ReturnType<typeof getDossier>>;

/**
 * What every official paper starts from: the record, what the paper is about (`pick`: not
 * found, 404), then the structure as the paper prints it (incomplete: 409 naming each missing
 * field, so that the page links to it).
 */
export async function paperworkOf<T>(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, domicilieId: string, pick: (dossier: Dossier) => T | undefined) {
  const [dossier, structure] = await Promise.all([getDossier(db, staff, domicilieId), getStructure(db, staff.structureId)]);
  const subject = pick(dossier);
  if (subject === undefined) throw new AppError('NOT_FOUND');
  const missing = missingForOfficialForms(structure);
  if (missing.length > 0) throw new AppError<OfficialDocumentProblem>('CONFLICT', { code: 'structure_incomplete', missing });
  return { dossier, subject, structure, printed: formStructure(structure) };
}
