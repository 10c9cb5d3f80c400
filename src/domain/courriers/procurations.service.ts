import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { formatDate, isoDateIn, parseDate, type IsoDate } from '../../shared/dates.ts';
import { InvalidInput } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
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

/** Refuses, in French, a procuration that is not this domicilié's or not valid today. */
export async function assertUsableToday(db: Kysely<DB>, staff: StaffActor, domicilieId: string, procurationId: string, today: IsoDate) {
  const procuration = await repository.findProcuration(db, staff.structureId, domicilieId, procurationId);
  if (!procuration) throw new InvalidInput({ recipient: "Cette procuration n'existe pas ou a été supprimée : choisissez la personne qui retire le courrier." });
  const state = procurationState(procuration, today);
  if (state === 'expiree') throw new InvalidInput({ recipient: `Cette procuration a expiré le ${formatDate(procuration.end_date)} : le mandataire ne peut plus retirer le courrier.` });
  if (state === 'a_venir') throw new InvalidInput({ recipient: `Cette procuration ne commence que le ${formatDate(procuration.start_date)} : le mandataire ne peut pas encore retirer le courrier.` });
}

type Period = { start: IsoDate; end: IsoDate };

/** Checks a « du … au … » pair; `prefix` names the fields of the form. */
function checkPeriod(prefix: string, input: { date_debut?: string; date_fin?: string }, today: IsoDate, errors: Record<string, string>): Period {
  const start = parseDate(input.date_debut);
  const end = parseDate(input.date_fin);
  if (!start) errors[`${prefix}_date_debut`] = 'Indiquez la date de début, par exemple 26/11/2026.';
  if (!end) errors[`${prefix}_date_fin`] = 'Indiquez la date de fin, par exemple 25/11/2027.';
  else if (start && end < start) errors[`${prefix}_date_fin`] = 'La date de fin doit être après la date de début.';
  else if (end < today) errors[`${prefix}_date_fin`] = 'La date de fin est déjà passée.';
  return { start: start ?? '', end: end ?? '' };
}

function required(value: string | undefined, max: number, field: string, label: string, errors: Record<string, string>): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) errors[field] = `Indiquez ${label}.`;
  else if (trimmed.length > max) errors[field] = `${label[0]!.toUpperCase()}${label.slice(1)} ne doit pas dépasser ${max} caractères.`;
  return trimmed;
}

export type ProcurationInput = { nom?: string; prenom?: string; date_naissance?: string; date_debut?: string; date_fin?: string };

export async function createProcuration(db: Kysely<DB>, staff: StaffActor, domicilieId: string, input: ProcurationInput) {
  return inMailTransaction(db, staff, domicilieId, async (trx) => {
    const today = isoDateIn(new Date(), staff.timezone);
    const errors: Record<string, string> = {};
    const nom = required(input.nom, 100, 'procuration_nom', 'le nom du mandataire', errors);
    const prenom = required(input.prenom, 100, 'procuration_prenom', 'le prénom du mandataire', errors);
    let birthDate: IsoDate | null = null;
    if ((input.date_naissance ?? '').trim()) {
      birthDate = parseDate(input.date_naissance) ?? null;
      if (!birthDate || birthDate >= today) errors.procuration_date_naissance = 'Indiquez une date de naissance passée, par exemple 14/03/1985, ou laissez le champ vide.';
    }
    const period = checkPeriod('procuration', input, today, errors);
    if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
    // Counted under the domicilié's lock: two desks cannot add a sixth one together.
    if ((await repository.countProcurations(trx, domicilieId)) >= MAX_PROCURATIONS) {
      throw new InvalidInput({ procurations: `Ce domicilié a déjà ${MAX_PROCURATIONS} procurations : supprimez-en une avant d'en ajouter une autre.` });
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
    const errors: Record<string, string> = {};
    const recipientName = required(input.recipient_name, 150, 'transfert_recipient_name', 'le nom du destinataire', errors);
    const address = required(input.address, 500, 'transfert_address', "l'adresse de transfert", errors);
    const period = checkPeriod('transfert', input, isoDateIn(new Date(), staff.timezone), errors);
    if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
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
