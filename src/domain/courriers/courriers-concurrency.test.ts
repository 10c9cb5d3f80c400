import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { events, mailState, mailWorld } from './courriers.fixtures.ts';

// On PostgreSQL (TEST_DATABASE_URL) the pool has 10 connections: these requests really race.
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const sumOf = (forms: { courrier: number; colis: number; avis_passage: number }[]) =>
  forms.reduce((total, form) => ({ courrier: total.courrier + form.courrier, colis: total.colis + form.colis, avis_passage: total.avis_passage + form.avis_passage }), { courrier: 0, colis: 0, avis_passage: 0 });

const asForm = (counts: { courrier: number; colis: number; avis_passage: number }) => ({ courrier: String(counts.courrier), colis: String(counts.colis), avis_passage: String(counts.avis_passage) });

describe(`exact counts under concurrency (${process.env.TEST_DATABASE_URL ? 'PostgreSQL, 10 connections' : 'PGlite'})`, () => {
  test('50 simultaneous receptions for the same domicilié give exactly the sum', async () => {
    const w = await mailWorld(t);
    const clients = await Promise.all((['facteur', 'instructeur', 'gestionnaire', 'administrateur'] as const).map((role) => w.as(role)));
    const receptions = Array.from({ length: 50 }, (_, i) => ({ courrier: (i % 7) + 1, colis: i % 3, avis_passage: i % 5 === 0 ? 1 : 0 }));
    const statuses = await Promise.all(receptions.map((counts, i) => clients[i % clients.length]!.post(w.url('/courriers/reception'), asForm(counts)).then((r) => r.statusCode)));
    assert.deepEqual(new Set(statuses), new Set([303]));
    const expected = sumOf(receptions);
    const state = await mailState(t, w.id);
    assert.deepEqual(state.waiting, expected);
    assert.deepEqual(state.unreleased, expected);
    assert.equal((await events(t, w.id)).length, 50);
  });

  test('hand-outs racing receptions lose nothing: waiting = unreleased items, released + waiting = received', async () => {
    const w = await mailWorld(t);
    const clients = await Promise.all((['facteur', 'instructeur', 'gestionnaire'] as const).map((role) => w.as(role)));
    const receptions = Array.from({ length: 40 }, (_, i) => ({ courrier: (i % 4) + 1, colis: i % 2, avis_passage: i % 6 === 0 ? 2 : 0 }));
    const requests: Promise<number>[] = [];
    receptions.forEach((counts, i) => {
      requests.push(clients[i % clients.length]!.post(w.url('/courriers/reception'), asForm(counts)).then((r) => r.statusCode));
      if (i % 5 === 2) requests.push(clients[(i + 1) % clients.length]!.post(w.url('/courriers/distribution'), i % 10 === 2 ? {} : { types: 'courrier' }).then((r) => r.statusCode));
    });
    const statuses = await Promise.all(requests);
    // A hand-out may find nothing waiting (400): that is refused cleanly, never half done.
    assert.ok(statuses.every((status) => status === 303 || status === 400), statuses.join(','));
    const received = sumOf(receptions);
    const state = await mailState(t, w.id);
    assert.deepEqual(state.received, received);
    assert.deepEqual(state.waiting, state.unreleased);
    assert.deepEqual(sumOf([state.released, state.waiting]), received);
    const handOuts = (await events(t, w.id)).filter((event) => event.kind === 'hand_out');
    assert.ok(handOuts.length > 0);
    assert.deepEqual(sumOf(handOuts), state.released, 'each hand-out event counts exactly what it released');
    for (const handOut of handOuts) {
      const items = await t.db.selectFrom('courrier_items').select(['type', 'quantity']).where('released_event_id', '=', handOut.id).execute();
      const counts = { courrier: 0, colis: 0, avis_passage: 0 };
      for (const item of items) counts[item.type] += item.quantity;
      assert.deepEqual(counts, { courrier: handOut.courrier, colis: handOut.colis, avis_passage: handOut.avis_passage });
    }
  });

  test('receptions, hand-outs and undos racing keep the counts equal to the items', async () => {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    const gestionnaire = await w.as('gestionnaire');
    const requests: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      requests.push(facteur.post(w.url('/courriers/reception'), { courrier: '2', colis: '1' }));
      if (i % 4 === 0) requests.push(gestionnaire.post(w.url('/courriers/distribution'), {}));
      if (i % 6 === 3) {
        requests.push(
          events(t, w.id).then(([latest]) => (latest ? gestionnaire.post(w.url('/courriers/annuler'), { event_id: latest.id }) : null)),
        );
      }
    }
    await Promise.all(requests);
    const state = await mailState(t, w.id);
    assert.deepEqual(state.waiting, state.unreleased);
    const live = (await events(t, w.id)).filter((event) => !event.undone_at);
    assert.deepEqual(state.received, sumOf(live.filter((event) => event.kind === 'reception')));
    assert.deepEqual(state.released, sumOf(live.filter((event) => event.kind === 'hand_out')));
  });
});
