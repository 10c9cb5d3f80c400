import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { personFileName } from '../../shared/file-names.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { motifLabel, orientationWords, stateAfter } from '../decisions/decision-rules.ts';
import type { DecisionHistory } from '../decisions/decisions.service.ts';
import { getDossier } from '../dossiers/dossiers.service.ts';
import { paperworkOf } from '../official-documents/form-structure.ts';
import { getLogo } from '../structures/logo.service.ts';
import type { LetterBase } from './letter-layout.ts';
import { buildPostalAttestation, buildRadiationLetter, buildRefusalLetter } from './letters.ts';

export { DOCX_CONTENT_TYPE } from './letter-layout.ts';

/** A letter ready to download: a .docx named after the document and the person. */
export type Letter = { fileName: string; content: Buffer };

/**
 * What the « Documents officiels » section offers besides the attestation: a letter for each
 * refusal and each radiation that stands (newest first), and the attestation postale while the
 * domiciliation is valid.
 */
export function letterChoices(decisions: DecisionHistory) {
  const standing = decisions.filter((decision) => decision.cancelled_at === null);
  // The history comes newest first; the current state is read from the oldest.
  const current = stateAfter([...standing].reverse());
  return {
    refusals: standing.filter((decision) => decision.status === 'refuse'),
    radiations: standing.filter((decision) => decision.status === 'radie'),
    postalAttestation: current.status === 'valide',
  };
}

/**
 * The record, what the letter is about and what heads it (paperworkOf: 404 when `pick` finds
 * nothing, 409 naming each field « Ma structure » lacks), with the logo if the structure has one.
 */
async function prepare<T>(db: Kysely<DB>, staff: StaffActor, domicilieId: string, pick: (dossier: Awaited<ReturnType<typeof getDossier>>) => T | undefined) {
  const { dossier, subject, structure, printed } = await paperworkOf(db, staff, domicilieId, pick);
  const logo = await getLogo(db, staff.structureId);
  const { domicilie } = dossier;
  const base: LetterBase = {
    structure: { ...printed, logo: logo ? { content: logo.content, type: logo.content_type === 'image/png' ? 'png' : 'jpg', width: logo.width, height: logo.height } : null },
    person: { sexe: domicilie.sexe, nom: domicilie.nom, prenom: domicilie.prenom, birthDate: domicilie.birth_date },
    madeOn: isoDateIn(new Date(), structure.timezone),
  };
  return { subject, domicilie, base };
}

const decisionOf = (status: 'refuse' | 'radie', decisionId: string) => (dossier: { decisions: DecisionHistory }) =>
  dossier.decisions.find((decision) => decision.id === decisionId.toLowerCase() && decision.status === status && decision.cancelled_at === null);


async function audited(db: Kysely<DB>, staff: StaffActor, action: string, domicilieId: string, details: Record<string, string>) {
  await audit(db, staffAuditActor(staff), { action, target: { type: 'domicilie', id: domicilieId }, details });
}

/** « Courrier de refus » of a refusal that stands. */
export async function refusalLetterFor(db: Kysely<DB>, staff: StaffActor, domicilieId: string, decisionId: string): Promise<Letter> {
  const { subject: decision, domicilie, base } = await prepare(db, staff, domicilieId, decisionOf('refuse', decisionId));
  const day = decision.decided_on;
  const content = await buildRefusalLetter({
    ...base,
    decidedOn: day,
    motif: motifLabel('refuse', decision.motif),
    motifText: decision.motif_text,
    orientation: orientationWords(decision),
  });
  await audited(db, staff, 'document.courrier_refus', domicilieId, { decision_id: decision.id });
  return { fileName: personFileName('courrier-refus', domicilie, day, 'docx'), content };
}

/** « Courrier de radiation » of a radiation that stands. */
export async function radiationLetterFor(db: Kysely<DB>, staff: StaffActor, domicilieId: string, decisionId: string): Promise<Letter> {
  const { subject: decision, domicilie, base } = await prepare(db, staff, domicilieId, decisionOf('radie', decisionId));
  const day = decision.decided_on;
  const content = await buildRadiationLetter({ ...base, decidedOn: day, motif: motifLabel('radie', decision.motif), motifText: decision.motif_text });
  await audited(db, staff, 'document.courrier_radiation', domicilieId, { decision_id: decision.id });
  return { fileName: personFileName('courrier-radiation', domicilie, day, 'docx'), content };
}

/** « Attestation postale » of the current valid domiciliation; none for a person who is not domicilié now. */
export async function postalAttestationFor(db: Kysely<DB>, staff: StaffActor, domicilieId: string): Promise<Letter> {
  const { subject: period, domicilie, base } = await prepare(db, staff, domicilieId, ({ domicilie }) =>
    domicilie.status === 'valide' && domicilie.start_date && domicilie.end_date ? { start: domicilie.start_date, end: domicilie.end_date } : undefined,
  );
  const content = await buildPostalAttestation({ ...base, ...period });
  await audited(db, staff, 'document.attestation_postale', domicilieId, {});
  return { fileName: personFileName('attestation-postale', domicilie, base.madeOn, 'docx'), content };
}
