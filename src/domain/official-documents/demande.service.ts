import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { personFileName } from '../../shared/file-names.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import type { DecisionHistory } from '../decisions/decisions.service.ts';
import { fillDemande } from './demande.ts';
import type { PdfParts } from './form-filling.ts';
import { paperworkOf } from './form-structure.ts';

/**
 * The request under instruction, if there is one: the latest decision not cancelled is an
 * « En instruction » or « À valider », a first request or a renewal's (the history is newest first).
 */
export function pendingRequest(decisions: DecisionHistory): DecisionHistory[number] | undefined {
  const latest = decisions.find((decision) => decision.cancelled_at === null);
  return latest && (latest.status === 'instruction' || latest.status === 'a_valider') ? latest : undefined;
}

/** A renewal when the structure already domiciled the person once (a valide decision not cancelled). */
function isRenewal(decisions: DecisionHistory): boolean {
  return decisions.some((decision) => decision.status === 'valide' && decision.cancelled_at === null);
}

/**
 * The « Demande d'élection de domicile » (CERFA n° 16029*01) of the request under instruction,
 * pre-filled from the record and the structure, for the person to complete and sign. Generating
 * it is audited (who, which person, which request), never its content.
 */
export async function demandeFor(db: Kysely<DB>, staff: StaffActor, domicilieId: string): Promise<{ fileName: string; content: PdfParts }> {
  const { dossier, subject: request, structure, printed } = await paperworkOf(db, staff, domicilieId, (found) => pendingRequest(found.decisions));
  const { domicilie, ayantsDroit } = dossier;
  const content = await fillDemande({
    // Names in capitals, as the fiche and the administrations write them.
    person: {
      sexe: domicilie.sexe,
      nom: domicilie.nom.toUpperCase(),
      prenom: domicilie.prenom,
      birthDate: domicilie.birth_date,
      birthPlace: domicilie.birth_place,
      phone: domicilie.phone,
      email: domicilie.email,
    },
    ayantsDroit: ayantsDroit.map((row) => ({ nom: row.nom.toUpperCase(), prenom: row.prenom, birthDate: row.birth_date })),
    numeroUsager: String(domicilie.dossier_number),
    renewal: isRenewal(dossier.decisions),
    structure: printed,
  });
  await audit(db, staffAuditActor(staff), { action: 'document.demande', target: { type: 'domicilie', id: domicilieId }, details: { decision_id: request.id } });
  return { fileName: personFileName('demande', domicilie, isoDateIn(request.created_at, structure.timezone), 'pdf'), content };
}
