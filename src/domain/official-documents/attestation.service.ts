import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { personFileName } from '../../shared/file-names.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { getDossier } from '../dossiers/dossiers.service.ts';
import { getStructure, missingForOfficialForms, type MissingField } from '../structures/structures.service.ts';
import { fillAttestation, type AttestationData } from './attestation.ts';
import type { PdfParts } from './form-filling.ts';

/** The structure lacks what the official form prints: the page names each field and links to it. */
export type OfficialDocumentProblem = { code: 'structure_incomplete'; missing: MissingField[] };

type Dossier = Awaited<ReturnType<typeof getDossier>>;
type Decision = Dossier['decisions'][number];

/** The valide decisions that were not cancelled: each has its attestation, the current one and the past ones. */
export function attestableDecisions(decisions: Decision[]): Decision[] {
  return decisions.filter((decision) => decision.status === 'valide' && decision.cancelled_at === null && decision.start_date && decision.end_date);
}

/** The date of first domiciliation in the structure: the start of its first valide decision. */
function firstDomiciliation(decisions: Decision[]): string {
  return attestableDecisions(decisions)
    .map((decision) => decision.start_date!)
    .sort()[0]!;
}

/**
 * The « Attestation d'élection de domicile » (CERFA n° 16030*01) of one valide decision of the
 * record, filled from the record, the structure and that decision. Generating it is audited
 * (who, which person, which decision), never its content.
 */
export async function attestationFor(db: Kysely<DB>, staff: StaffActor, domicilieId: string, decisionId: string): Promise<{ fileName: string; content: PdfParts }> {
  const [dossier, structure] = await Promise.all([getDossier(db, staff, domicilieId), getStructure(db, staff.structureId)]);
  const decision = attestableDecisions(dossier.decisions).find((candidate) => candidate.id === decisionId.toLowerCase());
  if (!decision) throw new AppError('NOT_FOUND');
  const missing = missingForOfficialForms(structure);
  if (missing.length > 0) throw new AppError<OfficialDocumentProblem>('CONFLICT', { code: 'structure_incomplete', missing });
  const { domicilie, ayantsDroit } = dossier;
  const decidedOn = isoDateIn(decision.created_at, structure.timezone);
  const data: AttestationData = {
    // Names in capitals, as the fiche and the administrations write them.
    person: { sexe: domicilie.sexe, nom: domicilie.nom.toUpperCase(), prenom: domicilie.prenom, birthDate: domicilie.birth_date, birthPlace: domicilie.birth_place },
    ayantsDroit: ayantsDroit.map((row) => ({ nom: row.nom.toUpperCase(), prenom: row.prenom, birthDate: row.birth_date })),
    structure: {
      name: structure.name,
      type: structure.type,
      communeArrondissement: structure.commune_arrondissement,
      responsable: { nom: structure.responsable_nom!, prenom: structure.responsable_prenom!, fonction: structure.responsable_fonction! },
      agrement: structure.type === 'association' ? { prefecture: structure.agrement_prefecture!, numero: structure.agrement_numero! } : null,
      addressLines: structure.postal_address ? structure.postal_address.split('\n').map((line) => line.trim()).filter(Boolean) : [structure.street, `${structure.postcode} ${structure.city}`],
      email: structure.email,
      phone: structure.phone,
      city: structure.city,
    },
    decision: { start: decision.start_date!, end: decision.end_date!, decidedOn, firstDomiciliation: firstDomiciliation(dossier.decisions), renewal: decision.is_renewal },
  };
  const content = await fillAttestation(data);
  await audit(db, staffAuditActor(staff), { action: 'document.attestation', target: { type: 'domicilie', id: domicilieId }, details: { decision_id: decision.id } });
  return { fileName: personFileName('attestation', domicilie, decidedOn, 'pdf'), content };
}
