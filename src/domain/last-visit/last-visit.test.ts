import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestClient } from '../../../test/helpers/client.ts';
import { createDomicilie, createTeam } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { addDays, formatDate, formatDateTime, isoDateIn, type IsoDate } from '../../shared/dates.ts';
import { daysFromToday, events, insertProcuration, insertTransfert, mailWorld, type MailWorld } from '../courriers/courriers.fixtures.ts';
import { recomputeLastVisit } from './last-visit.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const LONG_AGO = new Date('2025-01-15T10:00:00Z');

/** « Annuler la dernière décision », confirmed about the latest decision as the page names it. */
async function cancelLast(client: TestClient, domicilieId: string) {
  const latest = await t.db.selectFrom('decisions').select('id').where('domicilie_id', '=', domicilieId).where('cancelled_at', 'is', null).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return client.post(`/domicilies/${domicilieId}/decisions/annuler`, { decision_id: latest.id });
}
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** Midnight of `date` in Paris, winter or summer time. */
function parisMidnight(date: IsoDate): Date {
  const found = ['+01:00', '+02:00'].map((offset) => new Date(`${date}T00:00:00${offset}`)).find((instant) => isoDateIn(instant, 'Europe/Paris') === date && formatDateTime(instant, 'Europe/Paris').endsWith('à 00:00'));
  return found!;
}

async function lastVisit(domicilieId: string) {
  const row = await t.db.selectFrom('domicilies').select('last_visit_at').where('id', '=', domicilieId).executeTakeFirstOrThrow();
  return row.last_visit_at?.getTime() ?? null;
}

/** A domicilié created long ago, valid since long ago: only what the test adds can move the date. */
async function oldWorld(): Promise<MailWorld> {
  const w = await mailWorld(t, { created_at: LONG_AGO, start_date: '2025-01-01', end_date: addDays(daysFromToday(0), 100) });
  await recomputeLastVisit(t.db, w.id);
  assert.equal(await lastVisit(w.id), LONG_AGO.getTime());
  return w;
}

async function latestEventTime(w: MailWorld) {
  const [latest] = await events(t, w.id);
  return latest!.created_at.getTime();
}

describe('date de dernier passage (domain.md)', () => {
  test('a visit and a call set it to the event date', async () => {
    const w = await oldWorld();
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/passage'));
    assert.equal(await lastVisit(w.id), await latestEventTime(w));
    await facteur.post(w.url('/appel'));
    assert.equal(await lastVisit(w.id), await latestEventTime(w));
  });

  test('mail handed to the person sets it; to a mandataire, returned to sender, or merely received does not', async () => {
    const w = await oldWorld();
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/courriers/reception'), { courrier: '3' });
    assert.equal(await lastVisit(w.id), LONG_AGO.getTime(), 'a reception is not a visit');
    const procurationId = await insertProcuration(t, w, { start: daysFromToday(0), end: daysFromToday(1) });
    await facteur.post(w.url('/courriers/distribution'), { recipient: procurationId });
    assert.equal(await lastVisit(w.id), LONG_AGO.getTime(), 'a mandataire is not the person');
    await facteur.post(w.url('/courriers/reception'), { courrier: '1' });
    await facteur.post(w.url('/courriers/distribution'), { recipient: 'domicilie' });
    assert.equal(await lastVisit(w.id), await latestEventTime(w));

    const radie = await mailWorld(t, { status: 'radie', created_at: LONG_AGO });
    const client = await radie.as('facteur');
    await client.post(radie.url('/courriers/reception'), { courrier: '1' });
    await client.post(radie.url('/courriers/retour'));
    assert.equal(await recomputeLastVisit(t.db, radie.id).then((date) => date?.getTime()), LONG_AGO.getTime(), 'a return to sender is not a visit');
  });

  test('a forwarding (transfert) sets it', async () => {
    const w = await oldWorld();
    await insertTransfert(t, w, { start: daysFromToday(0), end: daysFromToday(3) });
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/courriers/reception'), { colis: '1' });
    await facteur.post(w.url('/courriers/transfert-envoi'));
    assert.equal(await lastVisit(w.id), await latestEventTime(w));
  });

  test('undoing an event puts back the previous value', async () => {
    const w = await oldWorld();
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/appel'));
    const callTime = await latestEventTime(w);
    await facteur.post(w.url('/passage'));
    const [visit] = await events(t, w.id);
    assert.equal(await lastVisit(w.id), visit!.created_at.getTime());
    await facteur.post(w.url('/courriers/annuler'), { event_id: visit!.id });
    assert.equal(await lastVisit(w.id), callTime);
    const [, call] = await events(t, w.id);
    await facteur.post(w.url('/courriers/annuler'), { event_id: call!.id });
    assert.equal(await lastVisit(w.id), LONG_AGO.getTime());
  });

  test('never before the start of the current valid domiciliation', async () => {
    const start = daysFromToday(-10);
    const w = await mailWorld(t, { created_at: LONG_AGO, start_date: start, end_date: addDays(start, 364) });
    await t.db.insertInto('courrier_events').values({ structure_id: w.team.structureId, domicilie_id: w.id, kind: 'visit', created_at: daysAgo(40) }).execute();
    await recomputeLastVisit(t.db, w.id);
    assert.equal(await lastVisit(w.id), parisMidnight(start).getTime(), 'a visit before the start is floored at its midnight');
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/passage'));
    const [visit] = await events(t, w.id);
    await facteur.post(w.url('/courriers/annuler'), { event_id: visit!.id });
    assert.equal(await lastVisit(w.id), parisMidnight(start).getTime(), 'undoing falls back to the floor, not to the older visit');
  });

  test('a presence only moves the date forward, and the stored date is always what a full recompute gives', async () => {
    const tomorrow = daysFromToday(1);
    const w = await mailWorld(t, { created_at: LONG_AGO, start_date: tomorrow, end_date: addDays(tomorrow, 364) });
    await recomputeLastVisit(t.db, w.id);
    const facteur = await w.as('facteur');
    const storedEqualsRecomputed = async (step: string) => {
      const stored = await lastVisit(w.id);
      assert.equal((await recomputeLastVisit(t.db, w.id))?.getTime() ?? null, stored, step);
      return stored;
    };
    await facteur.post(w.url('/passage'));
    assert.equal(await storedEqualsRecomputed('visit before the start'), parisMidnight(tomorrow).getTime(), 'a visit today does not go back before tomorrow’s floor');
    // The validation is cancelled and taken again from yesterday: the floor moves back.
    const gestionnaire = await w.as('gestionnaire');
    assert.equal((await cancelLast(gestionnaire, w.id)).statusCode, 303);
    assert.equal((await gestionnaire.post(w.url('/decisions'), { decision: 'valide', date_debut: formatDate(daysFromToday(-1)) })).statusCode, 303);
    assert.equal(await storedEqualsRecomputed('validated again'), await latestEventTime(w), 'the visit today is after the new floor');
    await facteur.post(w.url('/courriers/reception'), { courrier: '2' });
    await facteur.post(w.url('/courriers/distribution'), { recipient: 'domicilie' });
    assert.equal(await storedEqualsRecomputed('hand-out'), await latestEventTime(w));
    await facteur.post(w.url('/appel'));
    assert.equal(await storedEqualsRecomputed('call'), await latestEventTime(w));
  });

  test('the creation of the record counts', async () => {
    const team = await createTeam(t.db);
    const domicilie = await createDomicilie(t.db, team.structureId, { status: 'instruction', start_date: null, end_date: null });
    const created = await t.db.selectFrom('domicilies').select('created_at').where('id', '=', domicilie.id).executeTakeFirstOrThrow();
    assert.equal((await recomputeLastVisit(t.db, domicilie.id))?.getTime(), created.created_at.getTime());
  });

  test('a renewal counts and the start of a valid domiciliation later than the stored date counts; cancelled decisions do not', async () => {
    const w = await oldWorld();
    const gestionnaire = await w.as('gestionnaire');
    const decide = async (form: Record<string, string>) => assert.equal((await gestionnaire.post(w.url('/decisions'), form)).statusCode, 303);
    const recomputed = async () => (await recomputeLastVisit(t.db, w.id))?.getTime();
    await decide({ decision: 'renouvellement' });
    assert.equal((await cancelLast(gestionnaire, w.id)).statusCode, 303);
    assert.equal(await recomputed(), LONG_AGO.getTime(), 'a cancelled renewal does not count');
    await decide({ decision: 'renouvellement' });
    const renewal = await t.db.selectFrom('decisions').select('created_at').where('domicilie_id', '=', w.id).where('cancelled_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(await recomputed(), renewal.created_at.getTime());
    const start = daysFromToday(1);
    await decide({ decision: 'valide', date_debut: formatDate(start) });
    assert.equal(await recomputed(), parisMidnight(start).getTime());
  });

  test('a portal login counts only when it was counted as a visit', async () => {
    const w = await oldWorld();
    const login = (at: Date, counts: boolean) => t.db.insertInto('portal_logins').values({ structure_id: w.team.structureId, domicilie_id: w.id, logged_in_at: at, counts_as_visit: counts }).execute();
    await login(daysAgo(1), false);
    assert.equal((await recomputeLastVisit(t.db, w.id))?.getTime(), LONG_AGO.getTime());
    const counted = daysAgo(3);
    await login(counted, true);
    assert.equal((await recomputeLastVisit(t.db, w.id))?.getTime(), counted.getTime());
  });

  test('an undone event does not count', async () => {
    const w = await oldWorld();
    await t.db.insertInto('courrier_events').values({ structure_id: w.team.structureId, domicilie_id: w.id, kind: 'call', created_at: daysAgo(2), undone_at: daysAgo(1) }).execute();
    assert.equal((await recomputeLastVisit(t.db, w.id))?.getTime(), LONG_AGO.getTime());
  });
});
