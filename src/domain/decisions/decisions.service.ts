import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn, type IsoDate } from '../../shared/dates.ts';
import { AppError, InvalidInput } from '../../shared/errors.ts';
import { allowed } from '../../shared/roles.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { getIdentity, lockDomicilie } from '../domicilies/domicilies.service.ts';
import { recomputeLastVisit } from '../last-visit/last-visit.service.ts';
import * as repository from './decisions.repository.ts';
import {
  decisionRow, decisionsAllowedTo, possibleDecisions, renewalPending, rolesFor, rolesForStored, stateAfter,
  type DecisionInput, type DecisionProblem, type DecisionType, type StoredDecision,
} from './decision-rules.ts';
import { boundsAround, decisionDayProblem, firstDomiciliationOn, parseDecisionDay } from './decision-dates.ts';

type DateChange = Awaited<ReturnType<typeof repository.listDateChanges>>[number];
/** Each decision with the changes of its date, oldest first. */
export type DecisionHistory = (Awaited<ReturnType<typeof repository.listHistory>>[number] & { date_changes: DateChange[] })[];

/** « Today » for a decision: the structure's calendar day, not the server's nor UTC's. */
const todayFor = (staff: StaffActor): IsoDate => isoDateIn(new Date(), staff.timezone);


/** The demand that opens every record; runs inside the creation transaction. */
export async function recordFirstInstruction(trx: Kysely<DB>, staff: StaffActor, domicilieId: string) {
  const { id } = await repository.insertDecision(trx, { structure_id: staff.structureId, domicilie_id: domicilieId, status: 'instruction', decided_on: todayFor(staff), created_by: staff.id });
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
    const decidedOn = row.decided_on ?? todayFor(staff);
    const dayProblem = decisionDayProblem(decidedOn, { today: todayFor(staff), previous: latest?.decided_on ?? null, next: null });
    if (dayProblem) throw new InvalidInput<DecisionProblem>({ date_decision: dayProblem });
    // The steps of a renewal keep its mark, so the valid domiciliation stays until a new decision replaces it.
    const isRenewal = row.is_renewal || (renewalPending(latest) && ['a_valider', 'valide', 'refus'].includes(type));
    const { id } = await repository.insertDecision(trx, {
      ...row,
      decided_on: decidedOn,
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

/**
 * Corrects the day a decision was taken (a valide decision's attestation prints it). Those who
 * may take that decision may change it, never on a cancelled decision; the history keeps the
 * previous day, who changed it and when, and the audit says it happened.
 */
export async function changeDecisionDate(db: Kysely<DB>, staff: StaffActor, domicilieId: string, decisionId: string, raw: string | undefined) {
  const parsed = parseDecisionDay(raw, { required: true });
  return db.transaction().execute(async (trx) => {
    await lockDomicilie(trx, staff, domicilieId);
    const decision = await repository.findDecision(trx, staff.structureId, domicilieId, decisionId.toLowerCase());
    if (!decision) throw new AppError('NOT_FOUND');
    if (!rolesForStored(decision.status).includes(staff.role)) throw new AppError('FORBIDDEN');
    if (decision.cancelled_at) throw new AppError<DecisionProblem>('CONFLICT', { code: 'decision_annulee' });
    if (!parsed.ok) throw new InvalidInput<DecisionProblem>({ date_decision: parsed.problem });
    const day = parsed.value!;
    const effective = await repository.listEffective(trx, domicilieId);
    const problem = decisionDayProblem(day, boundsAround(effective, decision.id, todayFor(staff)));
    if (problem) throw new InvalidInput<DecisionProblem>({ date_decision: problem });
    if (day === decision.decided_on) return { changed: false as const, decided_on: day };
    await repository.updateDecidedOn(trx, decision.id, day);
    await repository.insertDateChange(trx, { decision_id: decision.id, structure_id: staff.structureId, previous: decision.decided_on, new: day, changed_by: staff.id });
    await audit(trx, staffAuditActor(staff), { action: 'decision.date_modifiee', target: { type: 'domicilie', id: domicilieId }, details: { decision_id: decision.id } });
    return { changed: true as const, decided_on: day };
  });
}

export async function listDecisionHistory(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, domicilieId: string): Promise<DecisionHistory> {
  const [decisions, changes] = await Promise.all([repository.listHistory(db, staff.structureId, domicilieId), repository.listDateChanges(db, staff.structureId, domicilieId)]);
  return decisions.map((decision) => ({ ...decision, date_changes: changes.filter((change) => change.decision_id === decision.id) }));
}

/**
 * The date of first domiciliation in the structure of one record: given by an import, or else
 * derived from its decisions. Null while the person was never domiciliated here.
 */
export async function getFirstDomiciliation(db: Kysely<DB>, staff: StaffActor, domicilieId: string): Promise<IsoDate | null> {
  const [{ domicilie }, decisions] = await Promise.all([getIdentity(db, staff, domicilieId), repository.listHistory(db, staff.structureId, domicilieId)]);
  return firstDomiciliationOn(domicilie.first_domiciliation_on, decisions);
}

export type DecisionChoices = {
  allowed: DecisionType[];
  canCancel: boolean;
  renewalPending: boolean;
  latest: DecisionHistory[number] | undefined;
  /** The decisions whose date this staff member may change. */
  datesEditable: ReadonlySet<string>;
};

/** Which decision forms the « Dossier » tab shows to this staff member, from the history already read. */
export function decisionChoices(staff: StaffActor, status: StoredDecision['status'], history: DecisionHistory): DecisionChoices {
  const effective = history.filter((decision) => decision.cancelled_at === null);
  const latest = effective[0];
  return {
    allowed: decisionsAllowedTo(staff.role, status, latest),
    canCancel: effective.length > 1 && (allowed.deciders as readonly string[]).includes(staff.role),
    renewalPending: renewalPending(latest),
    latest,
    datesEditable: new Set(effective.filter((decision) => rolesForStored(decision.status).includes(staff.role)).map((decision) => decision.id)),
  };
}

export type EffectiveDecision = Awaited<ReturnType<typeof repository.listEffectiveOf>>[number];

/** The effective decisions of the structure's records given, oldest first, by record id. */
export async function effectiveDecisionsOf(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, domicilieIds: readonly string[]): Promise<Map<string, EffectiveDecision[]>> {
  const byRecord = new Map<string, EffectiveDecision[]>();
  if (domicilieIds.length === 0) return byRecord;
  for (const decision of await repository.listEffectiveOf(db, staff.structureId, domicilieIds)) {
    const list = byRecord.get(decision.domicilie_id);
    if (list) list.push(decision);
    else byRecord.set(decision.domicilie_id, [decision]);
  }
  return byRecord;
}
