import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../test/helpers/client.ts';
import { administrateurOf } from '../../../test/helpers/factories.ts';
import { createPortalUser, portalLogin, receiveMail, recordEvent } from '../../../test/helpers/portal-factories.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { handOut, recordReception } from '../../domain/courriers/courriers.service.ts';
import { addDays, addMonths, formatDate, isoDateIn } from '../../shared/dates.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const today = () => isoDateIn(new Date(), 'Europe/Paris');

async function loggedIn(options: Parameters<typeof createPortalUser>[1] = {}) {
  const user = await createPortalUser(t.db, { temporary: false, ...options });
  const client = new TestClient(t.app);
  assert.equal((await portalLogin(client, user.login, user.password)).statusCode, 303);
  return { user, client };
}

/** The visible text of a page, tags removed, for plain-language assertions. */
const textOf = (body: string) => html(body).text;

describe('« Mon espace »', () => {
  test('a demo-like domicilié sees greeting, mail waiting, domiciliation, address, last visit and contacts', async () => {
    const { user, client } = await loggedIn({
      structure: { name: 'CCAS de Démo' },
      domicilie: { nom: 'Martin', prenom: 'Sofia', start_date: addMonths(today(), -3), end_date: addMonths(today(), 9), last_visit_at: new Date('2026-11-20T10:30:00Z') },
    });
    await t.db.updateTable('structures').set({ street: '12 rue de la République', email: 'accueil@ccas-demo.test', opening_hours: 'Du lundi au vendredi, de 9 h à 12 h' }).where('id', '=', user.structureId).execute();
    await receiveMail(t.db, user.structureId, user.domicilieId, { courrier: 2, colis: 1 }, { comment: 'Lettre de la CAF', at: new Date('2026-11-18T09:00:00Z') });
    await receiveMail(t.db, user.structureId, user.domicilieId, { avis_passage: 1 }, { at: new Date('2026-11-24T14:00:00Z') });
    const page = await client.get('/portail');
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    const home = html(page.body);
    assert.equal(home.heading, 'Bonjour Sofia MARTIN');
    assert.deepEqual(home.texts('strong').slice(0, 3), ['2', '1', '1']);
    assert.match(text, /2 courriers.*1 colis.*1 avis de passage/);
    assert.match(text, /2 courriers, 1 colis, reçus le 18\/11\/2026 Message de la structure : « Lettre de la CAF »/);
    assert.equal(text.split('Lettre de la CAF').length, 2, 'the comment of a reception shows once');
    assert.match(text, /1 avis de passage, reçu le 24\/11\/2026/);
    assert.match(text, /Message de la structure : « Lettre de la CAF »/);
    assert.match(text, /lettre recommandée ou un colis vous attend/);
    assert.doesNotMatch(text, /Pas de courrier en attente/);
    assert.match(text, /Statut : Actif/, 'the status word of the staff side');
    assert.match(text, /se termine bientôt|valable du/);
    const envelope = home.root.querySelector('.envelope')!;
    assert.deepEqual(envelope.innerHTML.split('<br>').map((line) => line.trim()), ['Sofia MARTIN', 'chez CCAS de Démo', '12 rue de la République', '69001 LYON']);
    assert.match(text, /Votre dernier passage enregistré : le 20\/11\/2026/);
    assert.match(text, /au moins une fois tous les trois mois/);
    assert.ok(home.links().some((link) => link.href === 'tel:0400000000'));
    assert.ok(home.links().some((link) => link.href === 'mailto:accueil@ccas-demo.test'));
    assert.match(text, /Du lundi au vendredi, de 9 h à 12 h/);
  });

  test('without mail waiting: « Pas de courrier en attente »', async () => {
    const { client } = await loggedIn();
    const text = textOf((await client.get('/portail')).body);
    assert.match(text, /Pas de courrier en attente/);
    assert.match(text, new RegExp(`Votre dernier passage enregistré : le ${formatDate(today())}`), 'coming to open the record is a visit');
  });

  test('mail already handed out is not waiting any more', async () => {
    const { user, client } = await loggedIn();
    const staff = await administrateurOf(t.db, user.structureId);
    await recordReception(t.db, staff, user.domicilieId, { courrier: '1', comment: 'Remis hier' });
    await handOut(t.db, staff, user.domicilieId, { recipient: 'domicilie' });
    const text = textOf((await client.get('/portail')).body);
    assert.match(text, /Pas de courrier en attente/);
    assert.doesNotMatch(text, /Remis hier/);
  });

  const echeances: [string, Record<string, unknown>, RegExp, RegExp | null][] = [
    ['more than 2 months away: no warning', { end_date: addMonths(today(), 6) }, /valable du/, /se termine bientôt|a pris fin/],
    ['less than 2 months away: warning with what to do', { end_date: addDays(today(), 20) }, /se termine bientôt, le .*adressez-vous à votre structure avant cette date/, null],
    ['passed: says to renew quickly', { end_date: addDays(today(), -1) }, /a pris fin le .*Adressez-vous vite à votre structure pour la renouveler/, null],
    ['radié: says the address can no longer be used', { status: 'radie' }, /arrêtée \(radiation\).*Adressez-vous à votre structure/, /class="envelope"/],
    ['refusé: says to ask the structure', { status: 'refuse' }, /refusée\. Adressez-vous à votre structure/, /class="envelope"/],
    ['instruction: being examined', { status: 'instruction' }, /en cours d’examen/, /class="envelope"/],
  ];
  for (const [label, domicilie, expected, absent] of echeances) {
    test(`échéance ${label}`, async () => {
      // Days belong to a valid domiciliation; the other statuses come from their decisions alone.
      const { client } = await loggedIn({ domicilie: domicilie.status ? domicilie : { start_date: addMonths(today(), -11), ...domicilie } });
      const page = await client.get('/portail');
      assert.match(textOf(page.body), expected);
      if (absent) assert.doesNotMatch(page.body, absent);
    });
  }
});

describe('« Historique »', () => {
  test('all events, newest first, 20 per page with keyset links; undone events and staff names never shown', async () => {
    const { user, client } = await loggedIn();
    const staff = await t.db.insertInto('staff_users').values({ structure_id: user.structureId, email: `z${Date.now()}@test.example`, nom: 'Staffnom', prenom: 'Zébulon', role: 'facteur' }).returning('id').executeTakeFirstOrThrow();
    const base = new Date('2026-10-01T08:00:00Z').getTime();
    const sameMoment = new Date(base + 3600_000);
    for (let i = 1; i <= 45; i++) {
      // 15 events share one timestamp: the id breaks the tie, nothing is lost or repeated.
      const at = i <= 15 ? sameMoment : new Date(base + i * 3600_000);
      const id = await receiveMail(t.db, user.structureId, user.domicilieId, { courrier: 1 }, { comment: `Envoi ${String(i).padStart(2, '0')}`, at });
      await t.db.updateTable('courrier_events').set({ created_by: staff.id }).where('id', '=', id).execute();
    }
    await recordEvent(t.db, user.structureId, user.domicilieId, 'visit', { at: new Date(base + 100 * 3600_000), undone: true, comment: 'Annulé' });
    const expected = await t.db
      .selectFrom('courrier_events')
      .select('comment')
      .where('domicilie_id', '=', user.domicilieId)
      .where('undone_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'asc')
      .execute();
    const seen: string[] = [];
    const sizes: number[] = [];
    let url: string | null = '/portail/historique';
    while (url) {
      const page = await client.get(url);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Staffnom|Zébulon|Annulé/);
      const comments = [...page.body.matchAll(/« (Envoi \d+) »/g)].map((match) => match[1]!);
      sizes.push(comments.length);
      seen.push(...comments);
      const links = html(page.body).links();
      const next = links.find((link) => /^\/portail\/historique\?avant=[0-9a-f-]{36}$/.test(link.href));
      if (url !== '/portail/historique') assert.ok(links.some((link) => link.text.startsWith('Revenir aux plus récents')));
      url = next ? next.href : null;
    }
    assert.deepEqual(sizes, [20, 20, 5]);
    assert.deepEqual(seen, expected.map((row) => row.comment));
  });

  test('each kind of event in plain words, with counts and who received the mail', async () => {
    const { user, client } = await loggedIn();
    const at = (hours: number) => new Date(Date.UTC(2026, 10, 20, hours));
    await receiveMail(t.db, user.structureId, user.domicilieId, { courrier: 3, avis_passage: 1 }, { comment: 'Impôts', at: at(8) });
    await recordEvent(t.db, user.structureId, user.domicilieId, 'hand_out', { courrier: 2, recipient: 'mandataire', at: at(9), comment: 'note interne' });
    await recordEvent(t.db, user.structureId, user.domicilieId, 'return_to_sender', { courrier: 1, at: at(10) });
    await recordEvent(t.db, user.structureId, user.domicilieId, 'visit', { at: at(11) });
    await recordEvent(t.db, user.structureId, user.domicilieId, 'call', { at: at(12) });
    const text = textOf((await client.get('/portail/historique')).body);
    assert.match(text, /20\/11\/2026 à 09:00 Courrier reçu – 3 courriers, 1 avis de passage\. Message de la structure : « Impôts »/);
    assert.match(text, /Courrier remis – 2 courriers à votre mandataire/);
    assert.match(text, /Renvoyé à l’expéditeur – 1 courrier/);
    assert.match(text, /Passage à la structure/);
    assert.match(text, /Appel à la structure/);
    assert.doesNotMatch(text, /note interne/, 'only reception comments are for the domicilié');
    assert.ok(text.indexOf('Appel') < text.indexOf('Courrier reçu'), 'newest first');
  });

  test('an empty history says so', async () => {
    const { client } = await loggedIn();
    assert.match((await client.get('/portail/historique')).body, /Aucun événement pour le moment/);
  });
});

describe('nothing of anyone else', () => {
  test('no URL or parameter shows another domicilié’s data, in the same structure or another', async () => {
    const a = await loggedIn({ domicilie: { nom: 'Alpha', prenom: 'Anna' } });
    const neighbour = await createPortalUser(t.db, { temporary: false, structureId: a.user.structureId, domicilie: { nom: 'Bravo', prenom: 'Boris' } });
    const stranger = await createPortalUser(t.db, { temporary: false, domicilie: { nom: 'Charlie', prenom: 'Chloé' } });
    await receiveMail(t.db, a.user.structureId, a.user.domicilieId, { courrier: 1 }, { comment: 'Pour Anna' });
    const neighbourEvent = await receiveMail(t.db, neighbour.structureId, neighbour.domicilieId, { colis: 4 }, { comment: 'Pour Boris' });
    const strangerEvent = await receiveMail(t.db, stranger.structureId, stranger.domicilieId, { avis_passage: 2 }, { comment: 'Pour Chloé' });
    const others = /Bravo|BRAVO|Boris|Charlie|CHARLIE|Chloé|Pour Boris|Pour Chloé/;
    const urls = [
      '/portail',
      `/portail?domicilie=${neighbour.domicilieId}&id=${neighbour.domicilieId}`,
      `/portail?structure=${stranger.structureId}`,
      '/portail/historique',
      `/portail/historique?avant=${neighbourEvent}`,
      `/portail/historique?avant=${strangerEvent}`,
      `/portail/historique?domicilie=${neighbour.domicilieId}`,
      `/portail/${neighbour.domicilieId}`,
      `/portail/historique/${strangerEvent}`,
      '/portail/mot-de-passe',
    ];
    for (const url of urls) {
      const page = await a.client.get(url);
      assert.doesNotMatch(page.body, others, url);
      assert.ok([200, 404].includes(page.statusCode), `${url}: ${page.statusCode}`);
    }
    assert.match((await a.client.get('/portail')).body, /Pour Anna/);
    assert.match((await a.client.get(`/portail/historique?avant=${neighbourEvent}`)).body, /Aucun événement pour le moment/);
    const home = await a.client.get(`/portail?domicilie=${neighbour.domicilieId}`);
    assert.match(home.body, /Bonjour Anna ALPHA/);
  });
});

describe('page weight and languages', () => {
  async function compressedSize(client: TestClient, url: string) {
    const response = await client.get(url, { 'accept-encoding': 'gzip, br' });
    assert.equal(response.statusCode, 200, url);
    return response.rawPayload.length;
  }

  test('the login page and « Mon espace » each weigh under 50 KB compressed, stylesheet and script included', async () => {
    const { user, client } = await loggedIn();
    for (let i = 0; i < 30; i++) await receiveMail(t.db, user.structureId, user.domicilieId, { courrier: 2 }, { comment: 'Un commentaire assez long pour peser un peu dans la page, comme en vrai.' });
    const css = await compressedSize(client, '/static/app.css');
    const toggle = await compressedSize(client, '/static/password-toggle.js');
    const login = await compressedSize(new TestClient(t.app), '/portail/connexion');
    const home = await compressedSize(client, '/portail');
    assert.ok(login + css + toggle < 50 * 1024, `login page: ${login + css + toggle} bytes`);
    assert.ok(home + css < 50 * 1024, `home page: ${home + css} bytes`);
    const compressed = await client.get('/portail', { 'accept-encoding': 'gzip, br' });
    assert.ok(['br', 'gzip'].includes(String(compressed.headers['content-encoding'])));
    assert.equal(html((await client.get('/portail')).body).root.querySelectorAll('script').length, 0, 'no script needed');
  });

  test('every page switches to English and back through a visible link that keeps the page', async () => {
    const { user, client } = await loggedIn({ domicilie: { nom: 'Diallo', prenom: 'Awa' } });
    await receiveMail(t.db, user.structureId, user.domicilieId, { courrier: 2, colis: 1 }, { at: new Date('2026-11-18T09:00:00Z') });
    const french = await client.get('/portail/historique');
    assert.equal(html(french.body).lang, 'fr');
    const english = html(french.body).root.querySelector('a.portal-lang')!;
    assert.deepEqual([english.textContent, english.getAttribute('href'), english.getAttribute('lang')], ['English', '/portail/langue?l=en&retour=%2Fportail%2Fhistorique', 'en']);
    const switched = await client.get('/portail/langue?l=en&retour=%2Fportail%2Fhistorique');
    assert.equal(switched.statusCode, 303);
    assert.equal(switched.headers.location, '/portail/historique');
    assert.match(String(switched.headers['set-cookie']), /lang=en; Max-Age=\d+; Path=\/portail/);
    const pages: [string, string, RegExp][] = [
      ['/portail/historique', 'Mail history', /Mail arrived – 2 letters, 1 parcel/],
      ['/portail', 'Hello Awa DIALLO', /Your mail.*2 letters.*1 parcel.*1 parcel, arrived on 18\/11\/2026/],
      ['/portail/mot-de-passe', 'Change your password', /Current password/],
      ['/portail/inconnue', 'Page not found', /./],
    ];
    for (const [url, heading, expected] of pages) {
      const shown = html((await client.get(url)).body);
      assert.equal(shown.lang, 'en', url);
      assert.equal(shown.heading, heading, url);
      assert.match(shown.text, expected, url);
      assert.ok(shown.links().some((link) => link.text === 'Français'), url);
    }
    const refused = await client.post('/portail/mot-de-passe', { mot_de_passe_actuel: 'x', nouveau_mot_de_passe: 'y', confirmation: 'y' });
    assert.match(refused.body, /The current password is wrong/);
    await client.get('/portail/langue?l=fr&retour=%2Fportail');
    const back = html((await client.get('/portail')).body);
    assert.deepEqual([back.lang, back.heading], ['fr', 'Bonjour Awa DIALLO']);
  });

  test('the English login page and its refusals', async () => {
    const client = new TestClient(t.app);
    await client.get('/portail/langue?l=en&retour=/portail/connexion');
    const page = await client.get('/portail/connexion');
    const login = html(page.body);
    assert.equal(login.field('Identifier').name, 'identifiant');
    assert.equal(login.field('Password').name, 'mot_de_passe');
    assert.deepEqual(login.buttons(), ['Log in']);
    assert.match((await portalLogin(client, 'ZZZZZZZZ', 'x')).body, /The identifier or password is wrong/);
  });

  test('the English first-login page translates every password rule', async () => {
    const user = await createPortalUser(t.db, { domicilie: { nom: 'Okafor', prenom: 'Chinedu' } });
    const client = new TestClient(t.app);
    await client.get('/portail/langue?l=en&retour=/portail/connexion');
    await portalLogin(client, user.login, user.password);
    const choose = (next: string, confirm = next) => client.post('/portail/nouveau-mot-de-passe', { nouveau_mot_de_passe: next, confirmation: confirm });
    const first = html((await client.get('/portail/nouveau-mot-de-passe')).body);
    assert.equal(first.field('New password').name, 'nouveau_mot_de_passe');
    assert.ok(first.texts('li').includes('be different from the temporary password.'));
    assert.match((await choose('short')).body, /at least 12 characters \(it has 5\)/);
    assert.match((await choose('motdepasse2026')).body, /too common/);
    assert.match((await choose('okafor for ever and ever')).body, /personal information/);
    assert.match((await choose('a long sentence here', 'another one')).body, /not the same/);
    assert.match((await choose(user.password)).body, /different from the temporary password/);
  });

  test('English reads as English: its own words and quotation marks, the status in plain words', async () => {
    const { user, client } = await loggedIn({ domicilie: { nom: 'Okoro', prenom: 'Ada' } });
    await receiveMail(t.db, user.structureId, user.domicilieId, { courrier: 1 }, { comment: 'Letter from the CAF' });
    await client.get('/portail/langue?l=en&retour=%2Fportail');
    const home = html((await client.get('/portail')).body);
    assert.match(home.text, /Status: active domiciliation/);
    assert.match(home.text, /Note from your organisation: “Letter from the CAF”/);
    const history = html((await client.get('/portail/historique')).body);
    assert.match(history.text, /“Letter from the CAF”/);
    for (const page of [home, history]) {
      assert.doesNotMatch(page.text, /[«»]|Domiciled|My space/, 'no French quotation marks or word-for-word translation');
      assert.match(page.root.querySelector('title')!.textContent, /– Mail portal$/);
    }
    await client.get('/portail/langue?l=fr&retour=%2Fportail');
    assert.match(html((await client.get('/portail/historique')).body).text, /Message de la structure : « Letter from the CAF »/, 'French keeps its own');
  });

  test('the return address must be a portal page', async () => {
    const client = new TestClient(t.app);
    for (const retour of ['https://evil.example/portail', '//evil.example/portail', '/accueil', '/portail/../accueil', '/portailx', '/\\evil.example']) {
      const response = await client.get(`/portail/langue?l=en&retour=${encodeURIComponent(retour)}`);
      assert.equal(response.headers.location, '/portail', retour);
    }
    const cursor = '/portail/historique?avant=0b8f1c6e-3a7d-4c1e-9f2a-5d6b7c8e9f01';
    assert.equal((await client.get(`/portail/langue?l=en&retour=${encodeURIComponent(cursor)}`)).headers.location, cursor, 'the history page stays the same');
    assert.equal((await client.get('/portail/langue?l=xx&retour=/portail/connexion')).headers.location, '/portail/connexion');
    assert.equal(html((await client.get('/portail/connexion')).body).lang, 'fr', 'an unknown language falls back to French');
  });
});
