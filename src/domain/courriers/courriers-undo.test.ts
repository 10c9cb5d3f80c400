import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { page as html, type Page } from '../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { HISTORY_PAGE_SIZE } from './courriers.service.ts';
import { listHistory } from './courriers.repository.ts';
import { auditOf, daysFromToday, events, insertTransfert, mailState, mailWorld, type MailWorld } from './courriers.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const none = { courrier: 0, colis: 0, avis_passage: 0 };
const mailHistory = 'Historique, du plus récent au plus ancien';

/** The events the page offers to undo, by the event each undo button sends. */
const undoable = (page: Page) => page.forms().filter((form) => form.action.endsWith('/courriers/annuler')).map((form) => form.hidden.event_id ?? '(none)');

async function undoLatest(w: MailWorld, role: 'facteur' | 'gestionnaire' = 'facteur') {
  const [latest] = (await events(t, w.id)).filter((event) => !event.undone_at);
  return (await w.as(role)).post(w.url('/courriers/annuler'), { event_id: latest!.id });
}

describe('undo the most recent event', () => {
  test('undoing a reception removes its items and counts; the event stays, marked « annulé »', async () => {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/courriers/reception'), { courrier: '1' });
    await facteur.post(w.url('/courriers/reception'), { courrier: '2', colis: '3', comment: 'Colis abîmé' });
    const [reception] = await events(t, w.id);
    const response = await undoLatest(w, 'gestionnaire');
    assert.equal(response.statusCode, 303);
    const state = await mailState(t, w.id);
    assert.deepEqual(state.waiting, { courrier: 1, colis: 0, avis_passage: 0 });
    assert.deepEqual(state.received, { courrier: 1, colis: 0, avis_passage: 0 });
    const [undone] = await events(t, w.id);
    assert.equal(undone!.id, reception!.id);
    assert.ok(undone!.undone_at);
    assert.equal(undone!.undone_by, w.team.gestionnaire.id);
    const page = html((await (await w.as('gestionnaire')).get(w.url())).body);
    assert.match(page.region('Historique du courrier, des passages et des appels').status ?? '', /^Réception du \d\d\/\d\d\/\d{4} à \d\d:\d\d annulée\.$/, 'the message names what was undone, in the history where the person acted');
    const [undoneRow, keptRow] = page.table(mailHistory);
    assert.equal(undoneRow![1], 'Réception annulé');
    assert.equal(undoneRow![2], '2 courriers, 3 colis. Commentaire : Colis abîmé');
    assert.match(undoneRow![4]!, /^Annulé le \d\d\/\d\d\/\d{4} à \d\d:\d\d par Alex Durand$/);
    assert.equal(keptRow![1], 'Réception');
    const audit = (await auditOf(t, w.id)).at(-1)!;
    assert.equal(audit.action, 'courrier.undo');
    assert.deepEqual(audit.details, { event_id: reception!.id, kind: 'reception', courrier: -2, colis: -3, avis_passage: 0 });
  });

  test('undoing a hand-out makes its items wait again and puts the date de dernier passage back', async () => {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/courriers/reception'), { courrier: '2', avis_passage: '1' });
    await facteur.post(w.url('/passage'));
    const [visit] = await events(t, w.id);
    await facteur.post(w.url('/courriers/distribution'), {});
    assert.deepEqual((await mailState(t, w.id)).waiting, none);
    assert.equal((await undoLatest(w)).statusCode, 303);
    const state = await mailState(t, w.id);
    assert.deepEqual(state.waiting, { courrier: 2, colis: 0, avis_passage: 1 });
    assert.deepEqual(state.unreleased, state.received);
    assert.equal(state.lastVisitAt?.getTime(), visit!.created_at.getTime());
    assert.equal((await facteur.post(w.url('/courriers/distribution'), {})).statusCode, 303, 'the same items can be handed out again');
    assert.deepEqual((await mailState(t, w.id)).waiting, none);
  });

  test('undoing a return to sender and a forwarding', async () => {
    const radie = await mailWorld(t, { status: 'radie' });
    await (await radie.as('facteur')).post(radie.url('/courriers/reception'), { colis: '2' });
    await (await radie.as('facteur')).post(radie.url('/courriers/retour'));
    assert.equal((await undoLatest(radie)).statusCode, 303);
    assert.deepEqual((await mailState(t, radie.id)).waiting, { courrier: 0, colis: 2, avis_passage: 0 });

    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    await insertTransfert(t, w, { start: daysFromToday(0), end: daysFromToday(5) });
    await facteur.post(w.url('/courriers/reception'), { courrier: '4' });
    await facteur.post(w.url('/courriers/transfert-envoi'));
    const [transfer] = await events(t, w.id);
    assert.equal((await mailState(t, w.id)).lastVisitAt?.getTime(), transfer!.created_at.getTime());
    assert.equal((await undoLatest(w)).statusCode, 303);
    const state = await mailState(t, w.id);
    assert.deepEqual(state.waiting, { courrier: 4, colis: 0, avis_passage: 0 });
    // Back to what remains: the record's creation (the factory's record starts before it).
    const created = await t.db.selectFrom('domicilies').select('created_at').where('id', '=', w.id).executeTakeFirstOrThrow();
    assert.equal(state.lastVisitAt?.getTime(), created.created_at.getTime());
  });

  test('undoing walks back one event at a time; the button is on the most recent event not undone', async () => {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/appel'));
    await facteur.post(w.url('/passage'));
    const [visit, call] = await events(t, w.id);
    const page = html((await facteur.get(w.url())).body);
    assert.deepEqual(undoable(page), [visit!.id]);
    assert.match(page.table(mailHistory)[0]![4]!, /^Annuler… cet événement : Passage du (\d\d\/\d\d\/\d{4} à \d\d:\d\d) Annuler cet événement : Passage du \1 \? Oui, annuler cet événement$/, 'the button says what it undoes, and the question before undoing names it again');
    assert.deepEqual(page.disclosures().filter((disclosure) => disclosure.summary.startsWith('Annuler…')).map((disclosure) => disclosure.open), [false], 'the question opens on demand');
    assert.equal((await undoLatest(w)).statusCode, 303);
    assert.deepEqual(undoable(html((await facteur.get(w.url())).body)), [call!.id]);
    assert.equal((await undoLatest(w)).statusCode, 303);
    assert.ok((await events(t, w.id)).every((event) => event.undone_at));
  });

  test('another event than the most recent one: refused with « the history changed », nothing changes', async () => {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/courriers/reception'), { courrier: '1' });
    const [first] = await events(t, w.id);
    await facteur.post(w.url('/courriers/reception'), { colis: '1' });
    const response = await facteur.post(w.url('/courriers/annuler'), { event_id: first!.id });
    assert.equal(response.statusCode, 409);
    const refused = html(response.body);
    assert.match(refused.alert ?? '', /L'historique a changé entre-temps/);
    assert.equal(refused.region('Historique du courrier, des passages et des appels').table(mailHistory).length, 2, 'the tab is shown again with the fresh history');
    assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 1, colis: 1, avis_passage: 0 });
    assert.ok((await events(t, w.id)).every((event) => !event.undone_at));
    assert.equal((await facteur.post(w.url('/courriers/annuler'), { event_id: 'pas-un-identifiant' })).statusCode, 409);
    const empty = await mailWorld(t);
    assert.equal((await (await empty.as('facteur')).post(empty.url('/courriers/annuler'), { event_id: first!.id })).statusCode, 409, "another domicilié's event");
  });

  test('two staff undoing the same event at the same moment: exactly one succeeds', async () => {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/courriers/reception'), { courrier: '1' });
    await facteur.post(w.url('/courriers/reception'), { courrier: '2' });
    const [latest] = await events(t, w.id);
    const gestionnaire = await w.as('gestionnaire');
    const statuses = await Promise.all([facteur, gestionnaire, facteur, gestionnaire].map((client) => client.post(w.url('/courriers/annuler'), { event_id: latest!.id }).then((r) => r.statusCode)));
    assert.deepEqual(statuses.sort(), [303, 409, 409, 409]);
    assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 1, colis: 0, avis_passage: 0 });
  });

  test('a reception whose items were released by a later event cannot be undone', async () => {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/courriers/reception'), { courrier: '1' });
    await facteur.post(w.url('/courriers/distribution'), {});
    // A hand-out marked undone without its items coming back: only a broken history can look like this.
    const [handOut] = await events(t, w.id);
    await t.db.updateTable('courrier_events').set({ undone_at: new Date() }).where('id', '=', handOut!.id).execute();
    const response = await undoLatest(w);
    assert.equal(response.statusCode, 409);
    assert.match(html(response.body).alert ?? '', /Cette réception ne peut pas être annulée/);
    assert.deepEqual((await mailState(t, w.id)).received, { courrier: 1, colis: 0, avis_passage: 0 });
  });
});

describe('history', () => {
  test(`newest first, with who and when (names joined), ${HISTORY_PAGE_SIZE} per page, keyset cursor without personal data`, async () => {
    const w = await mailWorld(t);
    await t.db.updateTable('staff_users').set({ nom: 'Roux', prenom: 'Thomas' }).where('id', '=', w.team.facteur.id).execute();
    // Two pages and five events, five of them sharing one instant across the first page's end: the cursor must neither skip nor repeat one.
    const total = 2 * HISTORY_PAGE_SIZE + 5;
    const tied = (i: number) => i >= total - HISTORY_PAGE_SIZE - 3 && i < total - HISTORY_PAGE_SIZE + 2;
    const base = Date.now() - 3600_000;
    const rows = Array.from({ length: total }, (_, i) => ({
      structure_id: w.team.structureId,
      domicilie_id: w.id,
      kind: 'visit' as const,
      created_by: w.team.facteur.id,
      created_at: new Date(base + (tied(i) ? total - HISTORY_PAGE_SIZE - 3 : i) * 1000),
    }));
    await t.db.insertInto('courrier_events').values(rows).execute();
    const client = await w.as('instructeur');
    const seen: string[] = [];
    let url = w.url();
    const pageSizes: number[] = [];
    for (let guard = 0; guard < 5; guard++) {
      const response = await client.get(url);
      assert.equal(response.statusCode, 200);
      const page = html(response.body);
      const rows = page.table(mailHistory);
      pageSizes.push(rows.length);
      assert.ok(rows.every((row) => /^\d\d\/\d\d\/\d{4} à \d\d:\d\d$/.test(row[0]!) && row[1] === 'Passage' && row[3] === 'Thomas Roux'));
      seen.push(...undoable(page));
      const older = page.links().find((link) => link.text === 'Événements plus anciens');
      if (!older) break;
      assert.match(older.href, new RegExp(`^${w.url()}\\?avant=[0-9a-f-]{36}#historique$`), 'a cursor without personal data');
      url = older.href.replace(/#.*/, '');
    }
    assert.deepEqual(pageSizes, [HISTORY_PAGE_SIZE, HISTORY_PAGE_SIZE, 5]);
    assert.equal(seen.length, 1, 'one undo button, on the first page');

    const all = await events(t, w.id);
    const collected: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listHistory(t.db, w.team.structureId, w.id, cursor, 21);
      collected.push(...page.slice(0, 20).map((row) => row.id));
      cursor = page.length > 20 ? page[19]!.id : null;
    } while (cursor);
    assert.equal(new Set(collected).size, total, 'every event exactly once');
    assert.deepEqual(collected.map((id) => all.find((e) => e.id === id)!.created_at.getTime()), [...all.map((e) => e.created_at.getTime())].sort((a, b) => b - a));
  });

  test('an unknown cursor gives an empty page, a malformed one is refused', async () => {
    const w = await mailWorld(t);
    const client = await w.as('facteur');
    await client.post(w.url('/passage'));
    const unknown = await client.get(`${w.url()}?avant=00000000-0000-4000-8000-000000000000`);
    assert.equal(unknown.statusCode, 200);
    const history = html(unknown.body).region('Historique du courrier, des passages et des appels');
    assert.match(history.text, /Aucun événement plus ancien\./);
    assert.equal(history.link('Revenir aux événements les plus récents').href, `${w.url()}#historique`);
    assert.equal((await client.get(`${w.url()}?avant=Dupont`)).statusCode, 400);
  });
});
