import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createDomicilie } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { roles } from '../../shared/roles.ts';
import { auditOf, daysFromToday, events, insertProcuration, insertTransfert, mailState, mailWorld } from './courriers.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const waitingDetail = 'Détail du courrier en attente';
const mailHistory = 'Historique, du plus récent au plus ancien';
/** What the refused form tells: the alert and the list of errors, both announced at once. */
const alerts = (body: string) => html(body).texts('[role="alert"]').join(' ');

describe('« Courriers » tab: reception', () => {
  test('recording 2 courriers and 1 colis with a comment: one event, one item per type, counts increased, audit without the comment', async () => {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    const response = await facteur.post(w.url('/courriers/reception'), { courrier: '2', colis: '1', avis_passage: '0', comment: '  Lettre de la CAF  ' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, w.url());
    const [event] = await events(t, w.id);
    assert.deepEqual({ ...event, id: undefined, created_at: undefined }, {
      id: undefined, created_at: undefined, kind: 'reception', courrier: 2, colis: 1, avis_passage: 0, comment: 'Lettre de la CAF', recipient: null, procuration_id: null, created_by: w.team.facteur.id, undone_at: null, undone_by: null,
    });
    const items = await t.db.selectFrom('courrier_items').select(['type', 'quantity', 'comment', 'reception_event_id']).where('domicilie_id', '=', w.id).orderBy('type').execute();
    assert.deepEqual(items, [
      { type: 'colis', quantity: 1, comment: 'Lettre de la CAF', reception_event_id: event!.id },
      { type: 'courrier', quantity: 2, comment: 'Lettre de la CAF', reception_event_id: event!.id },
    ]);
    assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 2, colis: 1, avis_passage: 0 });
    const page = html((await facteur.get(w.url())).body);
    assert.equal(page.status, 'Réception enregistrée : 2 courriers, 1 colis.');
    assert.deepEqual(page.region('Courrier en attente').texts('li'), ['2 courriers en attente', '1 colis en attente', '0 avis de passage en attente']);
    assert.deepEqual(page.table(waitingDetail).map((row) => [row[1], row[2]]), [['2 courriers, 1 colis', 'Lettre de la CAF']], 'one line per reception: its comment once');
    const audits = await auditOf(t, w.id);
    assert.deepEqual(audits.map((a) => a.action), ['courrier.reception']);
    assert.deepEqual(audits[0]!.details, { event_id: event!.id, courrier: 2, colis: 1, avis_passage: 0 });
    assert.doesNotMatch(JSON.stringify(audits), /CAF/);
  });

  test('the form says the comment is visible on the portal, and shows counts even when nothing waits', async () => {
    const w = await mailWorld(t);
    const response = await (await w.as('instructeur')).get(w.url());
    assert.equal(response.statusCode, 200);
    const page = html(response.body);
    assert.equal(page.field('Commentaire').description, 'Ce commentaire sera visible par le domicilié sur son portail.');
    assert.deepEqual(page.region('Courrier en attente').texts('li'), ['0 courrier en attente', '0 colis en attente', '0 avis de passage en attente']);
    assert.equal(page.region('Distribuer le courrier').text, 'Distribuer le courrier Aucun courrier en attente.');
    assert.deepEqual(page.texts('h2').slice(-2), ['Historique du courrier, des passages et des appels', 'Accès au portail usager'], 'the portal section comes last');
  });

  // The last column is the label of the field that carries the error.
  const invalid: [string, Record<string, string>, RegExp, string][] = [
    ['nothing', { courrier: '0', colis: '', avis_passage: '0' }, /Indiquez au moins 1 courrier, 1 colis ou 1 avis de passage/, 'Courriers'],
    ['101 courriers', { courrier: '101' }, /Le nombre de courriers doit être un nombre entier entre 0 et 100/, 'Courriers'],
    ['a negative count', { colis: '-1' }, /Le nombre de colis doit être un nombre entier entre 0 et 100/, 'Colis'],
    ['a decimal', { avis_passage: '1.5' }, /Le nombre d'avis de passage doit être un nombre entier entre 0 et 100/, 'Avis de passage'],
    ['a 501-character comment', { courrier: '1', comment: 'x'.repeat(501) }, /Le commentaire ne doit pas dépasser 500 caractères/, 'Commentaire'],
  ];
  for (const [label, form, message, field] of invalid) {
    test(`refuses ${label} with a French message and changes nothing`, async () => {
      const w = await mailWorld(t);
      const response = await (await w.as('facteur')).post(w.url('/courriers/reception'), form);
      assert.equal(response.statusCode, 400);
      const refused = html(response.body);
      assert.match(refused.alert ?? '', message);
      assert.match(refused.region('Enregistrer du courrier reçu').field(field).error ?? '', message);
      assert.deepEqual((await mailState(t, w.id)).received, { courrier: 0, colis: 0, avis_passage: 0 });
      assert.equal((await events(t, w.id)).length, 0);
    });
  }

  test('100 of each type is accepted; a 500-character comment too', async () => {
    const w = await mailWorld(t);
    const response = await (await w.as('facteur')).post(w.url('/courriers/reception'), { courrier: '100', colis: '100', avis_passage: '100', comment: 'é'.repeat(500) });
    assert.equal(response.statusCode, 303);
    assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 100, colis: 100, avis_passage: 100 });
  });
});

describe('« Distribuer le courrier »', () => {
  async function withMail() {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/courriers/reception'), { courrier: '2', colis: '1' });
    await facteur.post(w.url('/courriers/reception'), { courrier: '1', avis_passage: '1' });
    return { w, facteur };
  }

  test('to the domicilié, all types by default: one hand_out event, every item released, counts at 0, last visit set', async () => {
    const { w, facteur } = await withMail();
    const response = await facteur.post(w.url('/courriers/distribution'), {});
    assert.equal(response.statusCode, 303);
    const [event] = await events(t, w.id);
    assert.equal(event!.kind, 'hand_out');
    assert.equal(event!.recipient, 'domicilie');
    assert.deepEqual([event!.courrier, event!.colis, event!.avis_passage], [3, 1, 1]);
    const state = await mailState(t, w.id);
    assert.deepEqual(state.waiting, { courrier: 0, colis: 0, avis_passage: 0 });
    assert.deepEqual(state.released, state.received);
    assert.equal(state.lastVisitAt?.getTime(), event!.created_at.getTime());
    const released = await t.db.selectFrom('courrier_items').select('released_event_id').where('domicilie_id', '=', w.id).execute();
    assert.ok(released.every((item) => item.released_event_id === event!.id));
    const page = html((await facteur.get(w.url())).body);
    assert.equal(page.status, 'Courrier distribué : 3 courriers, 1 colis, 1 avis de passage remis au domicilié.');
    assert.deepEqual(page.table(mailHistory)[0]!.slice(1, 3), ['Remise', '3 courriers, 1 colis, 1 avis de passage, remis au domicilié en personne']);
    assert.equal((await auditOf(t, w.id)).at(-1)!.action, 'courrier.hand_out');
  });

  test('only the chosen types', async () => {
    const { w, facteur } = await withMail();
    assert.equal((await facteur.post(w.url('/courriers/distribution'), { types: ['courrier', 'avis_passage'], recipient: 'domicilie' })).statusCode, 303);
    assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 0, colis: 1, avis_passage: 0 });
    assert.equal((await facteur.post(w.url('/courriers/distribution'), { types: 'colis' })).statusCode, 303);
    assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 0, colis: 0, avis_passage: 0 });
  });

  test('nothing waiting of the chosen types: a French message and no event', async () => {
    const { w, facteur } = await withMail();
    await facteur.post(w.url('/courriers/distribution'), { types: 'colis' });
    const before = (await events(t, w.id)).length;
    const response = await facteur.post(w.url('/courriers/distribution'), { types: 'colis' });
    assert.equal(response.statusCode, 400);
    assert.match(alerts(response.body), /Il n'y a rien en attente pour les types choisis/);
    assert.equal((await events(t, w.id)).length, before);
    const empty = await mailWorld(t);
    const none = await (await empty.as('facteur')).post(empty.url('/courriers/distribution'), {});
    assert.equal(none.statusCode, 400);
    assert.match(alerts(none.body), /aucun courrier en attente/);
    assert.equal((await events(t, empty.id)).length, 0);
  });

  test('from the form, unticking every type is refused instead of handing out everything', async () => {
    const { w, facteur } = await withMail();
    const form = html((await facteur.get(w.url())).body);
    assert.equal(form.form('Distribuer le courrier').hidden.choix_types, '1', 'the form says its boxes were offered');
    assert.deepEqual(form.choices('types').map((choice) => [choice.label, choice.checked]), [['Courrier (3)', true], ['Colis (1)', true], ['Avis de passage (1)', true]]);
    const response = await facteur.post(w.url('/courriers/distribution'), { choix_types: '1', recipient: 'domicilie' });
    assert.equal(response.statusCode, 400);
    const refused = html(response.body);
    assert.match(refused.alert ?? '', /Cochez au moins un type de courrier à remettre/);
    assert.match(refused.region('Distribuer le courrier').text, /Cochez au moins un type de courrier à remettre/);
    assert.deepEqual(refused.choices('types').map((choice) => choice.checked), [false, false, false], 'the boxes stay as they were sent');
    assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 3, colis: 1, avis_passage: 1 });
  });

  test('an unknown type or recipient is refused', async () => {
    const { w, facteur } = await withMail();
    assert.equal((await facteur.post(w.url('/courriers/distribution'), { types: 'lettre' })).statusCode, 400);
    const bad = await facteur.post(w.url('/courriers/distribution'), { recipient: 'quelqu’un' });
    assert.equal(bad.statusCode, 400);
    assert.match(alerts(bad.body), /Choisissez la personne qui retire le courrier/);
    assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 3, colis: 1, avis_passage: 1 });
  });

  test('to a mandataire with a procuration valid today: recipient and procuration recorded, last visit unchanged', async () => {
    const { w, facteur } = await withMail();
    const procurationId = await insertProcuration(t, w, { start: daysFromToday(-10), end: daysFromToday(0) });
    const lastVisitBefore = (await mailState(t, w.id)).lastVisitAt;
    const recipients = html((await facteur.get(w.url())).body).choices('recipient');
    assert.deepEqual(recipients.map((choice) => choice.value), ['domicilie', procurationId]);
    assert.match(recipients[1]!.label, /^Jean MARTIN, mandataire \(procuration jusqu'au /);
    assert.equal((await facteur.post(w.url('/courriers/distribution'), { recipient: procurationId })).statusCode, 303);
    const [event] = await events(t, w.id);
    assert.equal(event!.recipient, 'mandataire');
    assert.equal(event!.procuration_id, procurationId);
    assert.deepEqual((await mailState(t, w.id)).lastVisitAt, lastVisitBefore);
    assert.match(html((await facteur.get(w.url())).body).table(mailHistory)[0]![2]!, /, remis à Jean MARTIN, mandataire$/);
    const audit = (await auditOf(t, w.id)).at(-1)!;
    assert.deepEqual(audit.details, { event_id: event!.id, courrier: 3, colis: 1, avis_passage: 1, recipient: 'mandataire', procuration_id: procurationId });
  });

  for (const [label, dates, message] of [
    ['expired', { start: daysFromToday(-30), end: daysFromToday(-1) }, /Cette procuration a expiré le/],
    ['not yet started', { start: daysFromToday(1), end: daysFromToday(30) }, /Cette procuration ne commence que le/],
  ] as const) {
    test(`a procuration ${label} is refused with a French message and nothing is handed out`, async () => {
      const { w, facteur } = await withMail();
      const procurationId = await insertProcuration(t, w, dates);
      const offered = html((await facteur.get(w.url())).body).choices('recipient');
      assert.deepEqual(offered.map((choice) => choice.value), ['domicilie'], 'not offered in the form');
      const response = await facteur.post(w.url('/courriers/distribution'), { recipient: procurationId });
      assert.equal(response.statusCode, 400);
      assert.match(alerts(response.body), message);
      assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 3, colis: 1, avis_passage: 1 });
      assert.equal((await events(t, w.id)).filter((e) => e.kind === 'hand_out').length, 0);
    });
  }

  test("another domicilié's procuration cannot be used", async () => {
    const { w, facteur } = await withMail();
    const other = await createDomicilie(t.db, w.team.structureId, { nom: 'Autre', prenom: 'Personne', birth_date: '1990-01-01' });
    const foreign = await t.db.insertInto('procurations').values({ structure_id: w.team.structureId, domicilie_id: other.id, nom: 'X', prenom: 'Y', start_date: daysFromToday(-1), end_date: daysFromToday(10) }).returning('id').executeTakeFirstOrThrow();
    const response = await facteur.post(w.url('/courriers/distribution'), { recipient: foreign.id });
    assert.equal(response.statusCode, 400);
    assert.match(alerts(response.body), /Cette procuration n'existe pas/);
    assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 3, colis: 1, avis_passage: 1 });
  });
});

describe('return to sender, forwarding, visits and calls', () => {
  test('return to sender only for a radié: releases everything, last visit unchanged', async () => {
    const valide = await mailWorld(t);
    const facteur = await valide.as('facteur');
    await facteur.post(valide.url('/courriers/reception'), { courrier: '1' });
    const refused = await facteur.post(valide.url('/courriers/retour'));
    assert.equal(refused.statusCode, 400);
    assert.match(alerts(refused.body), /réservé au courrier des domiciliés radiés/);
    assert.deepEqual((await mailState(t, valide.id)).waiting, { courrier: 1, colis: 0, avis_passage: 0 });

    const radie = await mailWorld(t, { status: 'radie' });
    const client = await radie.as('facteur');
    await client.post(radie.url('/courriers/reception'), { courrier: '2', colis: '1' });
    const lastVisitBefore = (await mailState(t, radie.id)).lastVisitAt;
    assert.equal(html((await client.get(radie.url())).body).form("Retourner tout le courrier en attente à l'expéditeur").action, radie.url('/courriers/retour'));
    assert.equal((await client.post(radie.url('/courriers/retour'))).statusCode, 303);
    const [event] = await events(t, radie.id);
    assert.equal(event!.kind, 'return_to_sender');
    assert.deepEqual([event!.courrier, event!.colis], [2, 1]);
    const state = await mailState(t, radie.id);
    assert.deepEqual(state.waiting, { courrier: 0, colis: 0, avis_passage: 0 });
    assert.deepEqual(state.lastVisitAt, lastVisitBefore);
    assert.equal((await client.post(radie.url('/courriers/retour'))).statusCode, 400, 'nothing left to return');
  });

  test('forwarding to the active transfert address: event transfer, counts at 0, last visit set', async () => {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/courriers/reception'), { courrier: '3' });
    const none = await facteur.post(w.url('/courriers/transfert-envoi'));
    assert.equal(none.statusCode, 400);
    assert.match(alerts(none.body), /Aucune adresse de transfert/);
    await insertTransfert(t, w, { start: daysFromToday(-1), end: daysFromToday(30) });
    assert.equal((await facteur.post(w.url('/courriers/transfert-envoi'))).statusCode, 303);
    const [event] = await events(t, w.id);
    assert.equal(event!.kind, 'transfer');
    const state = await mailState(t, w.id);
    assert.deepEqual(state.waiting, { courrier: 0, colis: 0, avis_passage: 0 });
    assert.equal(state.lastVisitAt?.getTime(), event!.created_at.getTime());
  });

  test('forwarding is refused when the transfert has ended or not started', async () => {
    for (const [dates, message] of [
      [{ start: daysFromToday(-30), end: daysFromToday(-1) }, /Le transfert a pris fin le/],
      [{ start: daysFromToday(2), end: daysFromToday(30) }, /Le transfert ne commence que le/],
    ] as const) {
      const w = await mailWorld(t);
      const facteur = await w.as('facteur');
      await facteur.post(w.url('/courriers/reception'), { colis: '1' });
      await insertTransfert(t, w, dates);
      const response = await facteur.post(w.url('/courriers/transfert-envoi'));
      assert.equal(response.statusCode, 400);
      assert.match(alerts(response.body), message);
      assert.deepEqual((await mailState(t, w.id)).waiting, { courrier: 0, colis: 1, avis_passage: 0 });
    }
  });

  test('« passage » and « appel » are recorded, audited and set the date de dernier passage', async () => {
    const w = await mailWorld(t);
    const facteur = await w.as('facteur');
    assert.equal((await facteur.post(w.url('/passage'))).statusCode, 303);
    assert.equal(html((await facteur.get(w.url())).body).status, 'Passage enregistré.');
    assert.equal((await facteur.post(w.url('/appel'))).statusCode, 303);
    const [call, visit] = await events(t, w.id);
    assert.equal(visit!.kind, 'visit');
    assert.equal(call!.kind, 'call');
    assert.equal((await mailState(t, w.id)).lastVisitAt?.getTime(), call!.created_at.getTime());
    assert.deepEqual((await auditOf(t, w.id)).map((a) => a.action), ['courrier.visit', 'courrier.call']);
  });
});

describe('roles', () => {
  for (const role of roles) {
    test(`${role}: views the tab and records, hands out, visits and undoes`, async () => {
      const w = await mailWorld(t);
      const client = await w.as(role);
      assert.equal((await client.get(w.url())).statusCode, 200);
      assert.equal((await client.post(w.url('/courriers/reception'), { courrier: '1' })).statusCode, 303);
      assert.equal((await client.post(w.url('/courriers/distribution'), {})).statusCode, 303);
      assert.equal((await client.post(w.url('/passage'))).statusCode, 303);
      assert.equal((await client.post(w.url('/appel'))).statusCode, 303);
      const [latest] = await events(t, w.id);
      assert.equal((await client.post(w.url('/courriers/annuler'), { event_id: latest!.id })).statusCode, 303);
    });
  }

  test('the facteur sees procurations and the transfert read-only: no management form', async () => {
    const w = await mailWorld(t);
    await insertProcuration(t, w, { start: daysFromToday(-1), end: daysFromToday(10) });
    await insertTransfert(t, w, { start: daysFromToday(-1), end: daysFromToday(10) });
    const management = (page: ReturnType<typeof html>) => page.forms().map((form) => form.action).filter((action) => /\/(procurations|transfert)(\/|$)/.test(action));
    const facteurPage = html((await (await w.as('facteur')).get(w.url())).body);
    assert.deepEqual(facteurPage.region('Procurations').table('Personnes autorisées à retirer le courrier').map((row) => row[0]), ['Jean MARTIN']);
    assert.equal(facteurPage.region('Transfert du courrier').terms()['Destinataire'], 'Centre social Nord');
    assert.deepEqual(management(facteurPage), []);
    assert.doesNotMatch(facteurPage.text, /Ajouter une procuration/);
    const instructeurPage = html((await (await w.as('instructeur')).get(w.url())).body);
    const procurationId = (await t.db.selectFrom('procurations').select('id').where('domicilie_id', '=', w.id).executeTakeFirstOrThrow()).id;
    assert.deepEqual(management(instructeurPage), [w.url(`/procurations/${procurationId}/supprimer`), w.url('/procurations'), w.url('/transfert/supprimer'), w.url('/transfert')]);
    assert.equal(instructeurPage.form('Ajouter la procuration').action, w.url('/procurations'));
    assert.equal(instructeurPage.form("Supprimer l'adresse de transfert").action, w.url('/transfert/supprimer'));
    // Short summaries: the forms open on demand.
    assert.deepEqual(
      instructeurPage.disclosures().filter((disclosure) => disclosure.summary.includes('…')).map(({ summary, open }) => [summary, open]),
      [['Supprimer… la procuration de Jean MARTIN', false], ['Ajouter une procuration…', false], ["Supprimer l'adresse de transfert…", false], ["Remplacer l'adresse de transfert…", false]],
    );
  });
});

test('the waiting detail: newest first, received times in the structure’s zone, the 50 newest when there are more', async () => {
  const w = await mailWorld(t);
  await t.db.updateTable('structures').set({ timezone: 'Pacific/Noumea' }).where('id', '=', w.team.structureId).execute();
  // Reception n arrived n hours after 2026-03-10T00:00Z; reception 51, the newest, at 2026-03-12T03:00Z (14:00 in Nouméa).
  await sql`WITH receptions AS (
      INSERT INTO courrier_events (structure_id, domicilie_id, kind, created_by, courrier, colis, avis_passage, created_at)
      SELECT ${w.team.structureId}::uuid, ${w.id}::uuid, 'reception', ${w.team.facteur.id}::uuid, 1, 0, 0, timestamptz '2026-03-10T00:00:00Z' + make_interval(hours => n)
      FROM generate_series(1, 51) n
      RETURNING id, created_at)
    INSERT INTO courrier_items (structure_id, domicilie_id, reception_event_id, type, quantity, comment, received_at)
    SELECT ${w.team.structureId}::uuid, ${w.id}::uuid, id, 'courrier', 1, 'Envoi ' || (extract(epoch FROM created_at - timestamptz '2026-03-10T00:00:00Z') / 3600)::int, created_at
    FROM receptions`.execute(t.db);
  const page = html((await (await w.as('facteur')).get(w.url())).body);
  const rows = page.table(waitingDetail);
  assert.deepEqual(rows.map((row) => row[2]), Array.from({ length: 50 }, (_, index) => `Envoi ${51 - index}`), 'the 50 newest, newest first');
  assert.deepEqual(rows[0], ['12/03/2026 à 14:00', '1 courrier', 'Envoi 51']);
  assert.match(page.region('Courrier en attente').text, /Seules les 50 réceptions les plus récentes sont détaillées/);
});
