import type { Kysely, Transaction } from 'kysely';
import type { CourrierEventKind, CourrierType, DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { AppError, InvalidInput } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { getFicheHeader, type LockedDomicilie } from '../domicilies/domicilies.service.ts';
import { recomputeLastVisit } from '../last-visit/last-visit.service.ts';
import { cancelMailNotice, queueMailNotice } from '../notifications/notifications.service.ts';
import { checkReception, checkRecipient, checkTypes, isUuid, type CourrierProblem, type ReceptionInput } from './courriers-input.ts';
import * as repository from './courriers.repository.ts';
import { courrierTypes, noMail, total, type Counts } from './mail-counts.ts';
import { auditMail, inMailTransaction } from './mail-transaction.ts';
import * as procurations from './procurations.service.ts';

/** A desk screen's worth: the rest is one link away. */
export const HISTORY_PAGE_SIZE = 10;

const sign = (counts: Counts, factor: 1 | -1): Counts => ({ courrier: factor * counts.courrier, colis: factor * counts.colis, avis_passage: factor * counts.avis_passage });

function countsOf(rows: { type: CourrierType; quantity: number | string }[]): Counts {
  const counts = noMail();
  for (const row of rows) counts[row.type] += Number(row.quantity);
  return counts;
}

/** « Enregistrer la réception »: one event, one item per type received, counts increased. */
export async function recordReception(db: Kysely<DB>, staff: StaffActor, domicilieId: string, input: ReceptionInput) {
  const { counts, comment } = checkReception(input);
  return inMailTransaction(db, staff, domicilieId, async (trx) => {
    const event = await repository.insertEvent(trx, { structure_id: staff.structureId, domicilie_id: domicilieId, kind: 'reception', created_by: staff.id, comment, ...counts });
    const items = courrierTypes
      .filter((type) => counts[type] > 0)
      .map((type) => ({ structure_id: staff.structureId, domicilie_id: domicilieId, reception_event_id: event.id, type, quantity: counts[type], comment, received_at: event.created_at }));
    await repository.insertItems(trx, items);
    await repository.updateDomicilieMail(trx, domicilieId, { waiting: counts });
    await queueMailNotice(trx, { structureId: staff.structureId, domicilieId, timezone: staff.timezone, receivedAt: event.created_at });
    await auditMail(trx, staff, domicilieId, 'courrier.reception', { event_id: event.id, ...counts });
    return counts;
  });
}

type Release = { kind: Extract<CourrierEventKind, 'hand_out' | 'return_to_sender' | 'transfer'>; types: readonly CourrierType[]; recipient?: 'domicilie' | 'mandataire'; procurationId?: string | null };

/** What waits of the chosen types, from the locked row's exact counts (decision 0006). */
const waitingOf = (domicilie: LockedDomicilie, types: readonly CourrierType[]): Counts => ({
  courrier: types.includes('courrier') ? domicilie.waiting_courrier : 0,
  colis: types.includes('colis') ? domicilie.waiting_colis : 0,
  avis_passage: types.includes('avis_passage') ? domicilie.waiting_avis_passage : 0,
});

/**
 * Releases every waiting item of the chosen types into one event; nothing waiting is refused.
 * Mail handed to the person themself or forwarded is a presence (domain.md).
 */
async function releaseWaiting(trx: Transaction<DB>, staff: StaffActor, domicilie: LockedDomicilie, release: Release, errorField: string): Promise<Counts> {
  const domicilieId = domicilie.id;
  const counts = waitingOf(domicilie, release.types);
  if (total(counts) === 0) {
    const code = release.types.length === courrierTypes.length ? 'rien_en_attente' : 'rien_en_attente_pour_ces_types';
    throw new InvalidInput<CourrierProblem>({ [errorField]: { code } });
  }
  const event = await repository.insertEvent(trx, {
    structure_id: staff.structureId,
    domicilie_id: domicilieId,
    kind: release.kind,
    created_by: staff.id,
    recipient: release.recipient ?? null,
    procuration_id: release.procurationId ?? null,
    ...counts,
  });
  await repository.releaseWaiting(trx, domicilieId, release.types, event.id);
  const presence = release.kind === 'transfer' || release.recipient === 'domicilie';
  await repository.updateDomicilieMail(trx, domicilieId, { waiting: sign(counts, -1), presenceAt: presence ? event.created_at : undefined });
  await auditMail(trx, staff, domicilieId, `courrier.${release.kind}`, {
    event_id: event.id,
    ...counts,
    ...(release.recipient ? { recipient: release.recipient } : {}),
    ...(release.procurationId ? { procuration_id: release.procurationId } : {}),
  });
  return counts;
}

/** « Distribuer le courrier » to the domicilié in person or to a mandataire whose procuration is valid today. */
export async function handOut(db: Kysely<DB>, staff: StaffActor, domicilieId: string, input: { types?: string | string[]; recipient?: string; choix_types?: string }) {
  const types = checkTypes(input.types, input.choix_types === '1');
  const recipient = checkRecipient(input.recipient);
  return inMailTransaction(db, staff, domicilieId, async (trx, domicilie) => {
    if (recipient.kind === 'mandataire') {
      await procurations.assertUsableToday(trx, staff, domicilieId, recipient.procurationId, isoDateIn(new Date(), staff.timezone));
    }
    return releaseWaiting(trx, staff, domicilie, {
      kind: 'hand_out',
      types,
      recipient: recipient.kind,
      procurationId: recipient.kind === 'mandataire' ? recipient.procurationId : null,
    }, 'types');
  });
}

/** Mail of a radié goes back to its senders. */
export async function returnToSender(db: Kysely<DB>, staff: StaffActor, domicilieId: string) {
  return inMailTransaction(db, staff, domicilieId, async (trx, domicilie) => {
    if (domicilie.status !== 'radie') throw new InvalidInput<CourrierProblem>({ retour: { code: 'retour_reserve_aux_radies' } });
    return releaseWaiting(trx, staff, domicilie, { kind: 'return_to_sender', types: courrierTypes }, 'retour');
  });
}

/** Sends the waiting mail to the forwarding address (transfert) valid today. */
export async function forwardToTransfert(db: Kysely<DB>, staff: StaffActor, domicilieId: string, input: { types?: string | string[] }) {
  const types = checkTypes(input.types);
  return inMailTransaction(db, staff, domicilieId, async (trx, domicilie) => {
    const transfert = await procurations.findTransfert(trx, staff, domicilieId);
    const today = isoDateIn(new Date(), staff.timezone);
    if (!transfert) throw new InvalidInput<CourrierProblem>({ transfert_envoi: { code: 'aucun_transfert' } });
    if (transfert.start_date > today) throw new InvalidInput<CourrierProblem>({ transfert_envoi: { code: 'transfert_pas_commence', start: transfert.start_date } });
    if (transfert.end_date < today) throw new InvalidInput<CourrierProblem>({ transfert_envoi: { code: 'transfert_termine', end: transfert.end_date } });
    return releaseWaiting(trx, staff, domicilie, { kind: 'transfer', types }, 'transfert_envoi');
  });
}

/** « Enregistrer un passage » / « Enregistrer un appel ». */
export async function recordPresence(db: Kysely<DB>, staff: StaffActor, domicilieId: string, kind: 'visit' | 'call') {
  await inMailTransaction(db, staff, domicilieId, async (trx) => {
    const event = await repository.insertEvent(trx, { structure_id: staff.structureId, domicilie_id: domicilieId, kind, created_by: staff.id });
    await repository.updateDomicilieMail(trx, domicilieId, { presenceAt: event.created_at });
    await auditMail(trx, staff, domicilieId, `courrier.${kind}`, { event_id: event.id });
  });
}

/**
 * Undoes the most recent event not undone yet; `eventId` is the one the person saw, so an
 * event recorded meanwhile by a colleague is never undone by mistake. The event stays in the
 * history, marked as undone. Returns what was undone, for the message that names it.
 */
export async function undoLatest(db: Kysely<DB>, staff: StaffActor, domicilieId: string, eventId: string) {
  return inMailTransaction(db, staff, domicilieId, async (trx) => {
    const latest = await repository.findLatestActiveEvent(trx, staff.structureId, domicilieId);
    if (!latest || !isUuid(eventId) || latest.id !== eventId.toLowerCase()) throw new AppError<CourrierProblem>('CONFLICT', { code: 'historique_change' });
    let changed = noMail();
    if (latest.kind === 'reception') {
      if ((await repository.countReleasedItemsOfReception(trx, latest.id)) > 0) {
        throw new AppError<CourrierProblem>('CONFLICT', { code: 'reception_deja_distribuee' });
      }
      changed = sign(countsOf(await repository.deleteItemsOfReception(trx, latest.id)), -1);
      await cancelMailNotice(trx, { domicilieId, receptionEventId: latest.id, receivedAt: latest.created_at });
    } else if (latest.kind === 'hand_out' || latest.kind === 'return_to_sender' || latest.kind === 'transfer') {
      changed = countsOf(await repository.unreleaseItems(trx, latest.id));
    }
    await repository.updateDomicilieMail(trx, domicilieId, { waiting: changed });
    await repository.markUndone(trx, latest.id, staff.id);
    await recomputeLastVisit(trx, domicilieId);
    await auditMail(trx, staff, domicilieId, 'courrier.undo', { event_id: latest.id, kind: latest.kind, ...changed });
    return { kind: latest.kind, at: latest.created_at };
  });
}

const RECEPTIONS_SHOWN = 50;

/** What is still waiting of one reception: its comment once, whatever the types it brought. */
export type WaitingReception = { id: string; received_at: Date; comment: string | null; counts: Counts };

/**
 * The receptions with mail still waiting, newest first, bounded: the exact counts are on the
 * domicilié row. Also used by the portal, which passes its own domicilié's ids.
 */
export async function waitingMail(db: Kysely<DB>, structureId: string, domicilieId: string): Promise<{ items: WaitingReception[]; more: boolean }> {
  // A reception holds one item per type at most: this many items hold one reception more than shown.
  const rows = await repository.listWaitingItems(db, structureId, domicilieId, courrierTypes.length * RECEPTIONS_SHOWN + 1);
  const receptions: WaitingReception[] = [];
  for (const row of rows) {
    let reception = receptions.at(-1);
    if (reception?.id !== row.reception_event_id) {
      reception = { id: row.reception_event_id, received_at: row.received_at, comment: row.comment, counts: noMail() };
      receptions.push(reception);
    }
    reception.counts[row.type] += row.quantity;
  }
  return { items: receptions.slice(0, RECEPTIONS_SHOWN), more: receptions.length > RECEPTIONS_SHOWN };
}

/**
 * Everything the « Courriers » tab shows (the portal section aside), in one round of
 * parallel queries: each is scoped by the structure, and another structure's domicilié is
 * "not found" whatever the others returned.
 */
export async function getCourriersTab(db: Kysely<DB>, staff: StaffActor, domicilieId: string, before: string | null) {
  const cursor = before && isUuid(before) ? before.toLowerCase() : null;
  const [domicilie, waitingItems, mandates, page] = await Promise.all([
    getFicheHeader(db, staff, domicilieId),
    waitingMail(db, staff.structureId, domicilieId),
    procurations.listMandates(db, staff, domicilieId),
    repository.listHistory(db, staff.structureId, domicilieId, cursor, HISTORY_PAGE_SIZE + 1),
  ]);
  const events = page.slice(0, HISTORY_PAGE_SIZE);
  // The event « Annuler » applies to is usually on the first page: no query needed then.
  const onFirstPage = cursor === null ? events.find((event) => !event.undone_at) : undefined;
  const latest = onFirstPage ?? (await repository.findLatestActiveEvent(db, staff.structureId, domicilieId));
  return {
    domicilie,
    timezone: staff.timezone,
    today: isoDateIn(new Date(), staff.timezone),
    waitingItems: waitingItems.items,
    moreWaitingItems: waitingItems.more,
    procurations: mandates.procurations,
    transfert: mandates.transfert,
    history: { events, olderCursor: page.length > HISTORY_PAGE_SIZE ? events[events.length - 1]!.id : null, isFirstPage: cursor === null },
    latestActiveEventId: latest?.id ?? null,
  };
}

export type CourriersTab = Awaited<ReturnType<typeof getCourriersTab>>;
