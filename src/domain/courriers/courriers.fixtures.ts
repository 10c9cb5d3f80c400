import { teamClients } from '../../../test/helpers/client.ts';
import { createDomicilie, createTeam, isMakingOf, STAFF_PASSWORD, type DomicilieSpec } from '../../../test/helpers/factories.ts';
import type { TestApp } from '../../../test/helpers/test-app.ts';
import { addDays, isoDateIn } from '../../shared/dates.ts';

/** Test support for the « Courriers » tab (not a test file itself). */

export const today = () => isoDateIn(new Date(), 'Europe/Paris');
export const daysFromToday = (days: number) => addDays(today(), days);

/** A structure with one staff member per role, a domicilié, and clients logged in on demand. */
export async function mailWorld(t: TestApp, overrides: DomicilieSpec = {}) {
  const team = await createTeam(t.db);
  const domicilie = await createDomicilie(t.db, team.structureId, overrides);
  const as = teamClients(t.app, team, STAFF_PASSWORD);
  const url = (suffix = '/courriers') => `/domicilies/${domicilie.id}${suffix}`;
  return { team, domicilie, id: domicilie.id, as, url };
}

export type MailWorld = Awaited<ReturnType<typeof mailWorld>>;

type Totals = { courrier: number; colis: number; avis_passage: number };

/** The stored counts next to what the items say, to check they never drift apart. */
export async function mailState(t: TestApp, domicilieId: string) {
  const row = await t.db
    .selectFrom('domicilies')
    .select(['waiting_courrier', 'waiting_colis', 'waiting_avis_passage', 'last_visit_at'])
    .where('id', '=', domicilieId)
    .executeTakeFirstOrThrow();
  const items = await t.db.selectFrom('courrier_items').select(['type', 'quantity', 'released_event_id']).where('domicilie_id', '=', domicilieId).execute();
  const sum = (filter: (item: (typeof items)[number]) => boolean): Totals => {
    const totals: Totals = { courrier: 0, colis: 0, avis_passage: 0 };
    for (const item of items.filter(filter)) totals[item.type] += item.quantity;
    return totals;
  };
  return {
    waiting: { courrier: row.waiting_courrier, colis: row.waiting_colis, avis_passage: row.waiting_avis_passage },
    unreleased: sum((item) => item.released_event_id === null),
    released: sum((item) => item.released_event_id !== null),
    received: sum(() => true),
    lastVisitAt: row.last_visit_at,
  };
}

export function events(t: TestApp, domicilieId: string) {
  return t.db
    .selectFrom('courrier_events')
    .select(['id', 'kind', 'courrier', 'colis', 'avis_passage', 'comment', 'recipient', 'procuration_id', 'created_by', 'created_at', 'undone_at', 'undone_by'])
    .where('domicilie_id', '=', domicilieId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** What the mail actions audited, without the entries of the record's making. */
export async function auditOf(t: TestApp, domicilieId: string) {
  const rows = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('target_id', '=', domicilieId).orderBy('id').execute();
  return rows.filter((row) => !isMakingOf(row.action));
}

export async function insertProcuration(t: TestApp, world: MailWorld, dates: { start: string; end: string }, names = { nom: 'Martin', prenom: 'Jean' }) {
  const row = await t.db
    .insertInto('procurations')
    .values({ structure_id: world.team.structureId, domicilie_id: world.id, ...names, birth_date: null, start_date: dates.start, end_date: dates.end })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertTransfert(t: TestApp, world: MailWorld, dates: { start: string; end: string }) {
  await t.db
    .insertInto('transferts')
    .values({ structure_id: world.team.structureId, domicilie_id: world.id, recipient_name: 'Centre social Nord', address: '4 rue des Lilas\n69004 Lyon', start_date: dates.start, end_date: dates.end })
    .execute();
}
