import { sql, type Kysely } from 'kysely';
import type { CourrierEventKind, CourrierType, DB } from '../../db/schema.ts';
import { advancedLastVisit } from '../last-visit/last-visit.service.ts';
import type { Counts } from './mail-counts.ts';

/** Timestamps come from clock_timestamp() taken under the lock: the history order is the order of the changes. */
export function insertEvent(
  db: Kysely<DB>,
  row: { structure_id: string; domicilie_id: string; kind: CourrierEventKind; created_by: string; comment?: string | null; recipient?: 'domicilie' | 'mandataire' | null; procuration_id?: string | null } & Partial<Counts>,
) {
  return db
    .insertInto('courrier_events')
    .values({ ...row, created_at: sql<Date>`clock_timestamp()` })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function insertItems(
  db: Kysely<DB>,
  rows: { structure_id: string; domicilie_id: string; reception_event_id: string; type: CourrierType; quantity: number; comment: string | null; received_at: Date }[],
) {
  if (rows.length > 0) await db.insertInto('courrier_items').values(rows).execute();
}

/**
 * Adds `delta` (negative to remove) to the waiting counts, which the CHECK constraints keep
 * from going below zero, and moves the date de dernier passage forward to a presence.
 */
export async function updateDomicilieMail(db: Kysely<DB>, id: string, change: { waiting?: Counts; presenceAt?: Date }) {
  const { waiting, presenceAt } = change;
  await db
    .updateTable('domicilies')
    .set((eb) => ({
      ...(waiting && {
        waiting_courrier: eb('waiting_courrier', '+', waiting.courrier),
        waiting_colis: eb('waiting_colis', '+', waiting.colis),
        waiting_avis_passage: eb('waiting_avis_passage', '+', waiting.avis_passage),
      }),
      ...(presenceAt && { last_visit_at: advancedLastVisit(presenceAt) }),
    }))
    .where('id', '=', id)
    .execute();
}

export async function releaseWaiting(db: Kysely<DB>, domicilieId: string, types: readonly CourrierType[], eventId: string) {
  await db
    .updateTable('courrier_items')
    .set({ released_event_id: eventId })
    .where('domicilie_id', '=', domicilieId)
    .where('released_event_id', 'is', null)
    .where('type', 'in', types)
    .execute();
}

export function listWaitingItems(db: Kysely<DB>, structureId: string, domicilieId: string, limit: number) {
  return db
    .selectFrom('courrier_items')
    .select(['reception_event_id', 'type', 'quantity', 'comment', 'received_at'])
    .where('domicilie_id', '=', domicilieId)
    .where('structure_id', '=', structureId)
    .where('released_event_id', 'is', null)
    // The items of one reception share its time: they come together, each reception once.
    .orderBy('received_at', 'desc')
    .orderBy('reception_event_id')
    .orderBy('type')
    .limit(limit)
    .execute();
}

/** The event "Annuler" applies to: the newest one not undone yet. */
export function findLatestActiveEvent(db: Kysely<DB>, structureId: string, domicilieId: string) {
  return db
    .selectFrom('courrier_events')
    .select(['id', 'kind', 'courrier', 'colis', 'avis_passage', 'recipient', 'created_at'])
    .where('domicilie_id', '=', domicilieId)
    .where('structure_id', '=', structureId)
    .where('undone_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function markUndone(db: Kysely<DB>, eventId: string, staffId: string) {
  await db.updateTable('courrier_events').set({ undone_at: sql<Date>`clock_timestamp()`, undone_by: staffId }).where('id', '=', eventId).execute();
}

export async function countReleasedItemsOfReception(db: Kysely<DB>, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('courrier_items')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('reception_event_id', '=', eventId)
    .where('released_event_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function deleteItemsOfReception(db: Kysely<DB>, eventId: string) {
  return db.deleteFrom('courrier_items').where('reception_event_id', '=', eventId).returning(['type', 'quantity']).execute();
}

/** The items an undone hand-out, return or forwarding had released wait again. */
export function unreleaseItems(db: Kysely<DB>, eventId: string) {
  return db.updateTable('courrier_items').set({ released_event_id: null }).where('released_event_id', '=', eventId).returning(['type', 'quantity']).execute();
}

/**
 * One page of the history, newest first, with the names of the staff and of the mandataire
 * in the same query. `before` is the id of the last event of the previous page (keyset).
 */
export function listHistory(db: Kysely<DB>, structureId: string, domicilieId: string, before: string | null, limit: number) {
  let query = db
    .selectFrom('courrier_events as e')
    .leftJoin('staff_users as author', 'author.id', 'e.created_by')
    .leftJoin('staff_users as undoer', 'undoer.id', 'e.undone_by')
    .leftJoin('procurations as p', 'p.id', 'e.procuration_id')
    .select([
      'e.id', 'e.kind', 'e.courrier', 'e.colis', 'e.avis_passage', 'e.comment', 'e.recipient', 'e.created_at', 'e.undone_at',
      'author.prenom as author_prenom', 'author.nom as author_nom',
      'undoer.prenom as undoer_prenom', 'undoer.nom as undoer_nom',
      'p.prenom as mandataire_prenom', 'p.nom as mandataire_nom',
    ])
    .where('e.domicilie_id', '=', domicilieId)
    .where('e.structure_id', '=', structureId);
  if (before) {
    const cursorTime = db.selectFrom('courrier_events as c').select('c.created_at').where('c.id', '=', before).where('c.domicilie_id', '=', domicilieId);
    // `created_at <=` is the index range; the OR then skips the cursor and what was shown before it.
    query = query
      .where('e.created_at', '<=', cursorTime)
      .where((eb) => eb.or([eb('e.created_at', '<', cursorTime), eb('e.id', '>', before)]));
  }
  return query.orderBy('e.created_at', 'desc').orderBy('e.id').limit(limit).execute();
}
