import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn, parseDate, type IsoDate } from '../../shared/dates.ts';
import { InvalidInput } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import type { CourrierProblem, RequiredText } from './courriers-input.ts';
import { auditMail, inMailTransaction } from './mail-transaction.ts';
import * as repository from './procurations.repository.ts';

/** Procurations (mandataires) and the forwarding address (transfert) of a domicilié. */

export const MAX_PROCURATIONS = 5;

export function listMandates(db: Kysely<DB>, staff: StaffActor, domicilieId: string) {
  return repository.listMandates(db, staff.structureId, domicilieId);
}

export function findTransfert(db: Kysely<DB>, staff: StaffActor, domicilieId: string) {
  return repository.findTransfert(db, staff.structureId, domicilieId);
}

export type ProcurationState = 'valide' | 'expiree' | 'a_venir';

export function procurationState(procuration: { start_date: IsoDate; end_date: IsoDate }, today: IsoDate): ProcurationState {
  if (procuration.end_date < today) return 'expiree';
  return procuration.start_date > today ? 'a_venir' : 'valide';
}

/** Refuses a procuration that is not this domicilié's or not valid today. */
export async function assertUsableToday(db: Kysely<DB>, staff: StaffActor, domicilieId: string, procurationId: string, today: IsoDate) {
  const procuration = await repository.findProcuration(db, staff.structureId, domicilieId, procurationId);
  if (!procuration) throw new InvalidInput<CourrierProblem>({ recipient: { code: 'procuration_inconnue' } });
  const state = procurationState(procuration, today);
  if (state === 'expiree') throw new InvalidInput<CourrierProblem>({ recipient: { code: 'procuration_expiree', end: procuration.end_date } });
  if (state === 'a_venir') throw new InvalidInput<CourrierProblem>({ recipient: { code: 'procuration_a_venir', start: procuration.start_date } });
}

type Period = { start: IsoDate; end: IsoDate };
type Errors = Record<string, CourrierProblem>;

/** Checks a « du … au … » pair; `prefix` names the fields of the form. */
function checkPeriod(prefix: string, input: { date_debut?: string; date_fin?: string }, today: IsoDate, errors: Errors): Period {
  const start = parseDate(input.date_debut);
  const end = parseDate(input.date_fin);
  if (!start) errors[`${prefix}_date_debut`] = { code: 'periode_debut_manquant' };
  if (!end) errors[`${prefix}_date_fin`] = { code: 'periode_fin_manquante' };
  else if (start && end < start) errors[`${prefix}_date_fin`] = { code: 'periode_fin_avant_debut' };
  else if (end < today) errors[`${prefix}_date_fin`] = { code: 'periode_fin_passee' };
  return { start: start ?? '', end: end ?? '' };
}

function required(value: string | undefined, max: number, field: string, text: RequiredText, errors: Errors): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) errors[field] = { code: 'texte_manquant', text };
  else if (trimmed.length > max) errors[field] = { code: 'texte_trop_long', text, max };
  return trimmed;
}

export type ProcurationInput = { nom?: string; prenom?: string; date_naissance?: string; date_debut?: string; date_fin?: string };

export async function createProcuration(db: Kysely<DB>, staff: StaffActor, domicilieId: string, input: ProcurationInput) {
  return inMailTransaction(db, staff, domicilieId, async (trx) => {
    const today = isoDateIn(new Date(), staff.timezone);
    const errors: Errors = {};
    const nom = required(input.nom, 100, 'procuration_nom', 'nom_mandataire', errors);
    const prenom = required(input.prenom, 100, 'procuration_prenom', 'prenom_mandataire', errors);
    let birthDate: IsoDate | null = null;
    if ((input.date_naissance ?? '').trim()) {
      birthDate = parseDate(input.date_naissance) ?? null;
      if (!birthDate || birthDate >= today) errors.procuration_date_naissance = { code: 'date_naissance_mandataire_invalide' };
    }
    const period = checkPeriod('procuration', input, today, errors);
    if (Object.keys(errors).length > 0) throw new InvalidInput<CourrierProblem>(errors);
    // Counted under the domicilié's lock: two desks cannot add a sixth one together.
    if ((await repository.countProcurations(trx, domicilieId)) >= MAX_PROCURATIONS) {
      throw new InvalidInput<CourrierProblem>({ procurations: { code: 'trop_de_procurations', max: MAX_PROCURATIONS } });
    }
    const { id } = await repository.insertProcuration(trx, {
      structure_id: staff.structureId, domicilie_id: domicilieId, nom, prenom, birth_date: birthDate, start_date: period.start, end_date: period.end, created_by: staff.id,
    });
    await auditMail(trx, staff, domicilieId, 'procuration.created', { procuration_id: id });
    return id;
  });
}

/** Deleting twice (a double click, a colleague) is not an error: the result is the same. */
export async function deleteProcuration(db: Kysely<DB>, staff: StaffActor, domicilieId: string, procurationId: string): Promise<boolean> {
  return inMailTransaction(db, staff, domicilieId, async (trx) => {
    const deleted = await repository.deleteProcuration(trx, staff.structureId, domicilieId, procurationId);
    if (deleted) await auditMail(trx, staff, domicilieId, 'procuration.deleted', { procuration_id: deleted.id });
    return Boolean(deleted);
  });
}

export type TransfertInput = { recipient_name?: string; address?: string; date_debut?: string; date_fin?: string };

export async function saveTransfert(db: Kysely<DB>, staff: StaffActor, domicilieId: string, input: TransfertInput) {
  return inMailTransaction(db, staff, domicilieId, async (trx) => {
    const errors: Errors = {};
    const recipientName = required(input.recipient_name, 150, 'transfert_recipient_name', 'nom_destinataire', errors);
    const address = required(input.address, 500, 'transfert_address', 'adresse_transfert', errors);
    const period = checkPeriod('transfert', input, isoDateIn(new Date(), staff.timezone), errors);
    if (Object.keys(errors).length > 0) throw new InvalidInput<CourrierProblem>(errors);
    const { id } = await repository.upsertTransfert(trx, {
      structure_id: staff.structureId, domicilie_id: domicilieId, recipient_name: recipientName, address, start_date: period.start, end_date: period.end, created_by: staff.id,
    });
    await auditMail(trx, staff, domicilieId, 'transfert.saved', { transfert_id: id });
  });
}

export async function deleteTransfert(db: Kysely<DB>, staff: StaffActor, domicilieId: string): Promise<boolean> {
  return inMailTransaction(db, staff, domicilieId, async (trx) => {
    const deleted = await repository.deleteTransfert(trx, domicilieId);
    if (deleted) await auditMail(trx, staff, domicilieId, 'transfert.deleted', { transfert_id: deleted.id });
    return Boolean(deleted);
  });
}
