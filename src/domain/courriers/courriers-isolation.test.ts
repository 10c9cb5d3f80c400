import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { daysFromToday, events, insertProcuration, insertTransfert, mailState, mailWorld } from './courriers.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

describe('structure isolation: staff of B can neither read nor change the mail of A', () => {
  test("B's administrateur gets 404 on A's tab and on every action with A's ids; nothing changes", async () => {
    const a = await mailWorld(t, { nom: 'Alphonse', prenom: 'Zoé' });
    await (await a.as('facteur')).post(a.url('/courriers/reception'), { courrier: '2', comment: 'Courrier du tribunal' });
    const procurationId = await insertProcuration(t, a, { start: daysFromToday(-1), end: daysFromToday(10) });
    await insertTransfert(t, a, { start: daysFromToday(-1), end: daysFromToday(10) });
    const [reception] = await events(t, a.id);
    const before = await mailState(t, a.id);

    const b = await mailWorld(t);
    const intruder = await b.as('administrateur');
    const tab = await intruder.get(a.url());
    assert.equal(tab.statusCode, 404);
    assert.doesNotMatch(tab.body, /Alphonse|ALPHONSE|tribunal/);
    assert.equal((await intruder.get(`${a.url()}?avant=${reception!.id}`)).statusCode, 404);
    const attempts: [string, Record<string, string>][] = [
      [a.url('/courriers/reception'), { courrier: '1' }],
      [a.url('/courriers/reception'), { courrier: '0' }],
      [a.url('/courriers/distribution'), {}],
      [a.url('/courriers/distribution'), { recipient: procurationId }],
      [a.url('/courriers/distribution'), { types: 'lettre' }],
      [a.url('/courriers/retour'), {}],
      [a.url('/courriers/transfert-envoi'), {}],
      [a.url('/passage'), {}],
      [a.url('/appel'), {}],
      [a.url('/courriers/annuler'), { event_id: reception!.id }],
      [a.url('/procurations'), { nom: 'X', prenom: 'Y', date_debut: daysFromToday(0), date_fin: daysFromToday(5) }],
      [a.url('/procurations'), { nom: '' }],
      [a.url(`/procurations/${procurationId}/supprimer`), {}],
      [a.url('/transfert'), { recipient_name: 'X', address: 'Y', date_debut: daysFromToday(0), date_fin: daysFromToday(5) }],
      [a.url('/transfert/supprimer'), {}],
    ];
    for (const [url, form] of attempts) {
      const response = await intruder.post(url, form);
      assert.equal(response.statusCode, 404, `${url} ${JSON.stringify(form)}`);
      assert.doesNotMatch(response.body, /Alphonse|ALPHONSE|tribunal/);
    }
    assert.deepEqual(await mailState(t, a.id), before);
    assert.equal((await events(t, a.id)).length, 1);
    assert.equal((await events(t, a.id))[0]!.undone_at, null);
    assert.equal((await t.db.selectFrom('procurations').select('id').where('domicilie_id', '=', a.id).execute()).length, 1);
    assert.equal((await t.db.selectFrom('transferts').select('recipient_name').where('domicilie_id', '=', a.id).executeTakeFirstOrThrow()).recipient_name, 'Centre social Nord');
  });

  test("A's ids cannot be used through B's own domicilié", async () => {
    const a = await mailWorld(t);
    await (await a.as('facteur')).post(a.url('/passage'));
    const [aEvent] = await events(t, a.id);
    const procurationId = await insertProcuration(t, a, { start: daysFromToday(-1), end: daysFromToday(10) });

    const b = await mailWorld(t);
    const client = await b.as('administrateur');
    await client.post(b.url('/courriers/reception'), { courrier: '1' });
    const handOut = await client.post(b.url('/courriers/distribution'), { recipient: procurationId });
    assert.equal(handOut.statusCode, 400, "A's procuration is not one of B's domicilié");
    assert.deepEqual((await mailState(t, b.id)).waiting, { courrier: 1, colis: 0, avis_passage: 0 });
    await client.post(b.url(`/procurations/${procurationId}/supprimer`));
    assert.equal((await t.db.selectFrom('procurations').select('id').where('id', '=', procurationId).execute()).length, 1, "A's procuration is still there");
    assert.equal((await client.post(b.url('/courriers/annuler'), { event_id: aEvent!.id })).statusCode, 409);
    assert.equal((await events(t, a.id))[0]!.undone_at, null);
    const page = await client.get(`${b.url()}?avant=${aEvent!.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Aucun événement plus ancien/, "A's event as cursor shows nothing of A");
  });
});

test("the database refuses mail filed under another structure than its domicilié's (migration 0055)", async () => {
  const a = await mailWorld(t);
  const b = await mailWorld(t);
  const row = { domicilie_id: a.id, kind: 'reception' as const, created_by: a.team.facteur.id, courrier: 1, colis: 0, avis_passage: 0 };
  await assert.rejects(t.db.insertInto('courrier_events').values({ ...row, structure_id: b.team.structureId }).execute(), /courrier_events_domicilie_fkey/);
  await assert.rejects(
    t.db.insertInto('portal_logins').values({ structure_id: b.team.structureId, domicilie_id: a.id, logged_in_at: new Date(), counts_as_visit: false }).execute(),
    /portal_logins_domicilie_fkey/,
  );
  const filed = await t.db.insertInto('courrier_events').values({ ...row, structure_id: a.team.structureId }).returning('id').executeTakeFirstOrThrow();
  await assert.rejects(
    t.db.insertInto('courrier_items').values({ structure_id: b.team.structureId, domicilie_id: a.id, reception_event_id: filed.id, type: 'courrier', quantity: 1 }).execute(),
    /courrier_items_domicilie_fkey/,
  );
});
