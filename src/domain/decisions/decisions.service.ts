import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { allowed } from '../../shared/roles.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { lockDomicilie } from '../domicilies/domicilies.service.ts';
import { recomputeLastVisit } from '../last-visit/last-visit.service.ts';
import * as repository from './decisions.repository.ts';
import {
  decisionRow, decisionsAllowedTo, possibleDecisions, renewalPending, rolesFor, stateAfter,
  type DecisionInput, type DecisionProblem, type DecisionType, type StoredDecision,
} from './decision-rules.ts';

export type DecisionHistory = Awaited<ReturnType<typeof repository.listHistory>>;


/** The demand that opens every record; runs inside the creation transaction. */
export async function recordFirstInstruction(trx: Kysely<DB>, staff: StaffActor, domicilieId: string) {
  const { id } = await repository.insertDecision(trx, { structure_id: staff.structureId, domicilie_id: domicilieId, status: 'instruction', created_by: staff.id });
  await audit(trx, staffAuditActor(staff), { action: 'decision.instruction', target: { type: 'domicilie', id: domicilieId }, details: { decision_id: id } });
}

/** The derived state, the last visit and the audit follow every change of the history, in its transaction. */
async function applyHistory(trx: Kysely<DB>, domicilieId: string) {
  const effective = await repository.listEffective(trx, domicilieId);
  await repository.updateCurrentState(trx, domicilieId, stateAfter(effective));
  await recomputeLastVisit(trx, domicilieId);
}

/** Records a decision; the current state, the last visit and the audit change in the same transaction. */
export async function takeDecision(db: Kysely<DB>, staff: StaffActor, domicilieId: string, type: DecisionType, input: DecisionInput) {
  if (!rolesFor(type).includes(staff.role)) throw new AppError('FORBIDDEN');
  const row = decisionRow(type, input);
  await db.transaction().execute(async (trx) => {
    // Two decisions on one record never interleave.
    const current = await lockDomicilie(trx, staff, domicilieId);
    const latest = await repository.findLatestEffective(trx, staff.structureId, domicilieId);
    if (!possibleDecisions(current.status, latest).includes(type)) {
      throw new AppError<DecisionProblem>('CONFLICT', { code: 'decision_impossible', status: current.status });
    }
    // The steps of a renewal keep its mark, so the valid domiciliation stays until a new decision replaces it.
    const isRenewal = row.is_renewal || (renewalPending(latest) && ['a_valider', 'valide', 'refus'].includes(type));
    const { id } = await repository.insertDecision(trx, {
      ...row,
      is_renewal: isRenewal,
      structure_id: staff.structureId,
      domicilie_id: domicilieId,
      created_by: staff.id,
    });
    await applyHistory(trx, domicilieId);
    await audit(trx, staffAuditActor(staff), { action: `decision.${type}`, target: { type: 'domicilie', id: domicilieId }, details: { decision_id: id } });
  });
}

/**
 * Cancels the latest effective decision: the state goes back to what the remaining ones give.
 * `seenDecisionId` is the decision the person was asked about, so a decision taken meanwhile by
 * a colleague is never the one cancelled. Returns the cancelled decision, to name it.
 */
export async function cancelLastDecision(db: Kysely<DB>, staff: StaffActor, domicilieId: string, seenDecisionId: string) {
  return db.transaction().execute(async (trx) => {
    await lockDomicilie(trx, staff, domicilieId);
    const effective = await repository.listEffective(trx, domicilieId);
    const last = effective.at(-1);
    if (!last || effective.length < 2) {
      throw new AppError<DecisionProblem>('CONFLICT', { code: 'demande_initiale_non_annulable' });
    }
    if (last.id !== seenDecisionId.toLowerCase()) {
      throw new AppError<DecisionProblem>('CONFLICT', { code: 'autre_decision_entre_temps' });
    }
    await repository.markCancelled(trx, last.id, staff.id);
    await applyHistory(trx, domicilieId);
    await audit(trx, staffAuditActor(staff), { action: 'decision.annulation', target: { type: 'domicilie', id: domicilieId }, details: { decision_id: last.id } });
    return last;
  });
}

export function listDecisionHistory(db: Kysely<DB>, staff: StaffActor, domicilieId: string): Promise<DecisionHistory> {
  return repository.listHistory(db, staff.structureId, domicilieId);
}

export type DecisionChoices = { allowed: DecisionType[]; canCancel: boolean; renewalPending: boolean; latest: DecisionHistory[number] | undefined };

/** Which decision forms the « Dossier » tab shows to this staff member, from the history already read. */
export function decisionChoices(staff: StaffActor, status: StoredDecision['status'], history: DecisionHistory): DecisionChoices {
  const effective = history.filter((decision) => decision.cancelled_at === null);
  const latest = effective[0];
  return {
    allowed: decisionsAllowedTo(staff.role, status, latest),
    canCancel: effective.length > 1 && (allowed.deciders as readonly string[]).includes(staff.role),
    renewalPending: renewalPending(latest),
    latest,
  };
}
