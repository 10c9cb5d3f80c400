import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { personFileName } from '../../shared/file-names.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor, type Actor } from '../audit/audit.service.ts';
import { firstDomiciliationOn } from '../decisions/decision-dates.ts';
import { getDossier } from '../dossiers/dossiers.service.ts';
import { fillAttestation, type AttestationData } from './attestation.ts';
import type { PdfParts } from './form-filling.ts';
import { paperworkOf } from './form-structure.ts';

type Dossier = Awaited<ReturnType<typeof getDossier>>;
type Decision = Dossier['decisions'][number];

/** The valide decisions that were not cancelled: each has its attestation, the current one and the past ones. */
export function attestableDecisions(decisions: Decision[]): Decision[] {
  return decisions.filter((decision) => decision.status === 'valide' && decision.cancelled_at === null && decision.start_date && decision.end_date);
}

/**
 * The « Attestation d'élection de domicile » (CERFA n° 16030*01) of one valide decision of the
 * record, filled from the record, the structure and that decision. Generating it is audited
 * (who, which person, which decision), never its content.
 */
export async function attestationFor(db: Kysely<DB>, staff: StaffActor, domicilieId: string, decisionId: string): Promise<{ fileName: string; content: PdfParts }> {
  const pick = (dossier: Dossier) => attestableDecisions(dossier.decisions).find((candidate) => candidate.id === decisionId.toLowerCase());
  return makeAttestation(db, staff.structureId, domicilieId, pick, staffAuditActor(staff));
}

/**
 * The attestation of the current decision, asked by the person on the portal (issue 19): only
 * while their domiciliation is valide, else "not found". The trail names the portal account.
 */
export async function currentAttestationFor(db: Kysely<DB>, person: { accountId: string; structureId: string; domicilieId: string }): Promise<{ fileName: string; content: PdfParts }> {
  const pick = (dossier: Dossier) => (dossier.domicilie.status === 'valide' ? attestableDecisions(dossier.decisions)[0] : undefined);
  return makeAttestation(db, person.structureId, person.domicilieId, pick, { type: 'portal', id: person.accountId, structureId: person.structureId });
}

async function makeAttestation(db: Kysely<DB>, structureId: string, domicilieId: string, pick: (dossier: Dossier) => Decision | undefined, actor: Actor) {
  const { dossier, subject: decision, printed } = await paperworkOf(db, { structureId }, domicilieId, pick);
  const { domicilie, ayantsDroit } = dossier;
  const decidedOn = decision.decided_on;
  const data: AttestationData = {
    // Names in capitals, as the fiche and the administrations write them.
    person: { sexe: domicilie.sexe, nom: domicilie.nom.toUpperCase(), prenom: domicilie.prenom, birthDate: domicilie.birth_date, birthPlace: domicilie.birth_place },
    ayantsDroit: ayantsDroit.map((row) => ({ nom: row.nom.toUpperCase(), prenom: row.prenom, birthDate: row.birth_date })),
    structure: printed,
    decision: { start: decision.start_date!, end: decision.end_date!, decidedOn, firstDomiciliation: firstDomiciliationOn(domicilie.first_domiciliation_on, dossier.decisions) ?? decision.start_date!, renewal: decision.is_renewal },
  };
  const content = await fillAttestation(data);
  await audit(db, actor, { action: 'document.attestation', target: { type: 'domicilie', id: domicilieId }, details: { decision_id: decision.id } });
  return { fileName: personFileName('attestation', domicilie, decidedOn, 'pdf'), content };
}
