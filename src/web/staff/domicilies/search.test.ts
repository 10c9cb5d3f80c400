import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createDomicilie, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { addDays, addMonths, isoDateIn } from '../../../shared/dates.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { recordsWorld, resultNames, textOf, type RecordsWorld } from '../../../domain/domicilies/domicilies.fixtures.ts';
import type { StaffActor } from '../../../domain/actor.ts';
import { COUNT_CAP, PAGE_SIZE, searchDomicilies } from '../../../domain/domicilies/search.service.ts';
import { FEW_NOT_SEEN } from '../../../domain/domicilies/search.repository.ts';

let t: TestApp;
let w: RecordsWorld;
let other: RecordsWorld;
let ids: Record<string, string>;
const today = () => isoDateIn(new Date(), 'Europe/Paris');

before(async () => {
  t = await createTestApp();
  w = await recordsWorld(t);
  other = await recordsWorld(t);
  const s = w.team.structureId;
  const valid = { status: 'valide' as const, start_date: addMonths(today(), -6), end_date: addDays(addMonths(today(), 6), -1) };
  const add = async (key: string, values: Parameters<typeof createDomicilie>[2]) => (ids[key] = (await createDomicilie(t.db, s, { ...valid, last_visit_at: new Date(), ...values })).id);
  ids = {};
  await add('sophie', { nom: 'Lefèvre', prenom: 'Sophie', birth_date: '1992-06-30', status: 'instruction', start_date: null, end_date: null });
  await add('maelle', { nom: 'Lefebvre', prenom: 'Maëlle', birth_date: '1998-02-02', waiting_colis: 1 });
  await add('marie', { nom: 'Dupont', prenom: 'Marie', birth_date: '1985-03-14', waiting_courrier: 2 });
  await add('jean', { nom: 'Dupond', prenom: 'Jean', birth_date: '1985-03-14', last_visit_at: new Date(Date.now() - 70 * 86_400_000) });
  await add('ahmed', { nom: 'Benali', prenom: 'Ahmed', surnom: 'Momo', birth_date: '1979-01-21', status: 'radie', start_date: null, end_date: null, last_visit_at: new Date(Date.now() - 120 * 86_400_000) });
  await add('awa', { nom: "N'Diaye", prenom: 'Awa', birth_date: '1990-12-24', end_date: addDays(today(), -2) });
  await add('yannick', { nom: 'Quéméner', prenom: 'Yannick', birth_date: '1969-06-21', end_date: addDays(today(), 30) });
  await add('thomas', { nom: 'Petit', prenom: 'Thomas', birth_date: '2000-01-01', status: 'a_valider', start_date: null, end_date: null });
  // Look-alikes in another structure: never in the answers above.
  await createDomicilie(t.db, other.team.structureId, { nom: 'Lefèvre', prenom: 'Zéphyrine', birth_date: '1992-06-30' });
  await createDomicilie(t.db, other.team.structureId, { nom: 'Dupont', prenom: 'Zoé', birth_date: '1985-03-14', waiting_courrier: 1 });
});
after(() => t.close());

/** A search as the form sends it: kept with the session, then shown by the list the browser is sent to. */
async function search(form: Record<string, string>, client?: TestClient) {
  const desk = client ?? (await w.as('facteur'));
  const posted = await desk.post('/domicilies', form);
  assert.equal(posted.statusCode, 303);
  assert.equal(posted.headers.location, '/domicilies', 'nothing typed goes into the URL');
  const response = await desk.get('/domicilies');
  assert.equal(response.statusCode, 200);
  return response;
}
const names = async (form: Record<string, string>) => resultNames((await search(form)).body);

describe('« Rechercher un domicilié »', () => {
  test('the list page: navigation link, labelled search field, every person in name order', async () => {
    const page = await (await w.as('facteur')).get('/domicilies');
    assert.equal(page.statusCode, 200);
    const list = html(page.body);
    assert.deepEqual(list.texts('a[aria-current="page"]'), ['Domiciliés']);
    assert.equal(list.field('Rechercher un domicilié').name, 'q');
    assert.deepEqual(list.root.querySelectorAll('script').map((script) => script.getAttribute('src')), ['/static/search.js']);
    assert.deepEqual(resultNames(page.body), ['Ahmed BENALI', 'Jean DUPOND', 'Marie DUPONT', 'Maëlle LEFEBVRE', 'Sophie LEFÈVRE', "Awa N'DIAYE", 'Thomas PETIT', 'Yannick QUÉMÉNER']);
    assert.match(textOf(page.body), /8 domiciliés trouvés\./);
    assert.equal(list.link('Marie DUPONT').href, `/domicilies/${ids.marie}`);
  });

  test('names ignore accents and case, match the start of a word or else anywhere from three letters, several words all count', async () => {
    assert.deepEqual(await names({ q: 'lefevre' }), ['Sophie LEFÈVRE']);
    assert.deepEqual(await names({ q: 'LEFÈVRE' }), ['Sophie LEFÈVRE']);
    assert.deepEqual(await names({ q: 'quemener' }), ['Yannick QUÉMÉNER']);
    assert.deepEqual(await names({ q: 'Dup' }), ['Jean DUPOND', 'Marie DUPONT']);
    assert.deepEqual(await names({ q: 'pont' }), ['Marie DUPONT']);
    assert.deepEqual(await names({ q: 'marie dupont' }), ['Marie DUPONT']);
    assert.deepEqual(await names({ q: 'Dupont, Marie' }), ['Marie DUPONT']);
    assert.deepEqual(await names({ q: 'maelle' }), ['Maëlle LEFEBVRE']);
    assert.deepEqual(await names({ q: 'momo' }), ['Ahmed BENALI'], 'the surnom counts');
    assert.deepEqual(await names({ q: "n'diaye" }), ["Awa N'DIAYE"]);
    assert.deepEqual(await names({ q: 'zéphyrine' }), []);
    const fallback = await search({ q: 'pont' });
    assert.match(textOf(fallback.body), /Aucun nom ne commence par ces lettres : 1 domicilié a un nom qui les contient\./);
  });

  test('a changed name is searched under the new one only', async () => {
    const renamed = await recordsWorld(t);
    const { id } = await createDomicilie(t.db, renamed.team.structureId, { nom: 'Provisoire', prenom: 'Léa' });
    await t.db.updateTable('domicilies').set({ nom: 'Kervella', surnom: 'Lili' }).where('id', '=', id).execute();
    const client = await renamed.as('facteur');
    assert.deepEqual(resultNames((await search({ q: 'kervella lea' }, client)).body), ['Léa KERVELLA']);
    assert.deepEqual(resultNames((await search({ q: 'lili' }, client)).body), ['Léa KERVELLA']);
    assert.deepEqual(resultNames((await search({ q: 'provisoire' }, client)).body), []);
  });

  test('short words beside a longer one match a word start, whatever the order; letters inside count only from three', async () => {
    const bretons = await recordsWorld(t);
    for (const [nom, prenom] of [['Le Gall', 'Yann'], ['Legall', 'Marc'], ['Gallet', 'Léa'], ['Dupont', 'Alexandre']]) await createDomicilie(t.db, bretons.team.structureId, { nom, prenom });
    const client = await bretons.as('facteur');
    const found = async (q: string) => resultNames((await search({ q }, client)).body);
    assert.deepEqual(await found('le gal'), ['Léa GALLET', 'Yann LE GALL']);
    assert.deepEqual(await found('gal le'), ['Léa GALLET', 'Yann LE GALL']);
    assert.deepEqual(await found('y all'), ['Yann LE GALL'], 'no word starts with « all »: found inside « gall », « y » still starts a word');
    assert.deepEqual(await found('e all'), [], '« e » inside a name does not count');
  });

  test('one or two letters match the start of a word only', async () => {
    assert.deepEqual(await names({ q: 'ma' }), ['Marie DUPONT', 'Maëlle LEFEBVRE']);
    assert.deepEqual(await names({ q: 'oma' }), ['Thomas PETIT']);
    assert.deepEqual(await names({ q: 'di' }), ["Awa N'DIAYE"]);
    assert.deepEqual(await names({ q: 'd' }), ['Jean DUPOND', 'Marie DUPONT', "Awa N'DIAYE"]);
  });

  test('word starts and « dernier passage » lists keep one plan on the connection; letters inside and dates are planned with their values', async () => {
    const staff = { structureId: w.team.structureId } as StaffActor;
    await t.db.connection().execute(async (db) => {
      for (const q of ['lef', 'lef', 'efev', 'marie 14/03/1985', 'dup', 'marie dup']) assert.ok((await searchDomicilies(db, staff, { q })).rows.length > 0, q);
      await searchDomicilies(db, staff, { passage: '3' });
      const prepared = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db);
      const searches = prepared.rows.map((row) => row.statement).filter((statement) => /domicilie_words|search_text/.test(statement));
      assert.equal(searches.filter((statement) => /domicilie_words/.test(statement)).length, 2, 'one word, two words');
      assert.equal(searches.filter((statement) => /coalesce\(last_visit_at/.test(statement)).length, 1, 'the list of people not seen');
      for (const statement of searches) assert.doesNotMatch(statement, /structure_words|birth_date =|LIKE/);
    });
  });

  test("« échéance passée » counts days in the structure's time zone, not in Paris", async () => {
    const noumea = await recordsWorld(t, { timezone: 'Pacific/Noumea' });
    // 14:00 UTC: already the 11th in Nouméa (UTC+11), still the 10th in Paris.
    const now = new Date('2026-03-10T14:00:00Z');
    await createDomicilie(t.db, noumea.team.structureId, { nom: 'Wamytan', prenom: 'Louis', status: 'valide', start_date: '2025-03-11', end_date: '2026-03-10' });
    const staff = { structureId: noumea.team.structureId, timezone: 'Pacific/Noumea' } as StaffActor;
    const passed = await searchDomicilies(t.db, staff, { echeance: 'passee' }, now);
    assert.deepEqual(passed.rows.map((row) => row.nom), ['Wamytan']);
  });

  test("the « dernier passage » day is the structure's, in the list and on the fiche", async () => {
    const noumea = await recordsWorld(t, { timezone: 'Pacific/Noumea' });
    // 14:00 UTC: already the 11th in Nouméa (UTC+11), still the 10th in Paris.
    const { id } = await createDomicilie(t.db, noumea.team.structureId, { nom: 'Wamytan', prenom: 'Marie', last_visit_at: new Date('2026-03-10T14:00:00Z') });
    const client = await noumea.as('facteur');
    for (const url of ['/domicilies', `/domicilies/${id}`]) {
      const text = textOf((await client.get(url)).body);
      assert.match(text, /11\/03\/2026/, url);
      assert.doesNotMatch(text, /10\/03\/2026/, url);
    }
  });

  test('a numéro de dossier or a date of birth (jj/mm/aaaa) finds the person', async () => {
    const dossier = await t.db.selectFrom('domicilies').select('dossier_number').where('id', '=', ids.yannick!).executeTakeFirstOrThrow();
    assert.deepEqual(await names({ q: String(dossier.dossier_number) }), ['Yannick QUÉMÉNER']);
    assert.deepEqual(await names({ q: '14/03/1985' }), ['Jean DUPOND', 'Marie DUPONT']);
    assert.deepEqual(await names({ q: 'marie 14/03/1985' }), ['Marie DUPONT']);
    assert.deepEqual(await names({ q: '999' }), []);
    const impossible = await search({ q: '31/02/1985' });
    assert.deepEqual(resultNames(impossible.body), []);
    assert.match(textOf(impossible.body), /« 31\/02\/1985 » n'est pas une date valide/);
  });

  test('filters: status, échéance, dernier passage, mail waiting, alone or with a text', async () => {
    assert.deepEqual(await names({ statut: 'instruction' }), ['Sophie LEFÈVRE']);
    assert.deepEqual(await names({ statut: 'a_valider' }), ['Thomas PETIT']);
    assert.deepEqual(await names({ echeance: 'passee' }), ["Awa N'DIAYE"]);
    assert.deepEqual(await names({ echeance: 'bientot' }), ['Yannick QUÉMÉNER']);
    assert.deepEqual(await names({ passage: '2' }), ['Ahmed BENALI', 'Jean DUPOND']);
    assert.deepEqual(await names({ passage: '3' }), ['Ahmed BENALI']);
    assert.deepEqual(await names({ courrier: '1' }), ['Marie DUPONT', 'Maëlle LEFEBVRE']);
    assert.deepEqual(await names({ q: 'lef', courrier: '1' }), ['Maëlle LEFEBVRE']);
    assert.deepEqual(await names({ q: 'dup', passage: '2', statut: 'valide' }), ['Jean DUPOND']);
    const client = await w.as('facteur');
    const viaUrl = await client.get('/domicilies?statut=radie&passage=3');
    assert.deepEqual(resultNames(viaUrl.body), ['Ahmed BENALI']);
    assert.equal(html(viaUrl.body).root.querySelector('select[name="statut"] option[selected]')?.getAttribute('value'), 'radie');
    assert.equal((await client.get('/domicilies?statut=nimporte')).statusCode, 400);
    assert.equal((await client.get('/domicilies?passage=7')).statusCode, 400);
  });

  test('staff of another structure never see these people', async () => {
    const client = await other.as('administrateur');
    assert.deepEqual(resultNames((await search({ q: 'lefevre' }, client)).body), ['Zéphyrine LEFÈVRE']);
    await client.post('/domicilies/effacer');
    assert.deepEqual(resultNames((await client.get('/domicilies')).body), ['Zoé DUPONT', 'Zéphyrine LEFÈVRE']);
    assert.deepEqual(resultNames((await search({ q: '14/03/1985' }, client)).body), ['Zoé DUPONT']);
    assert.deepEqual(resultNames((await search({ courrier: '1' }, client)).body), ['Zoé DUPONT']);
  });

  test('with JavaScript, the same POST with « x-fragment: 1 » answers the results only', async () => {
    const client = await w.as('facteur');
    const response = await t.app.inject({
      method: 'POST',
      url: '/domicilies',
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded', 'x-fragment': '1', 'x-csrf-token': client.csrfToken },
      payload: new URLSearchParams({ q: 'lefevre' }).toString(),
    });
    assert.equal(response.statusCode, 200);
    const fragment = html(response.body);
    assert.equal(fragment.root.querySelector('html'), null, 'a fragment, not a page');
    assert.equal(fragment.root.querySelector('form'), null, 'without the search form');
    assert.deepEqual(resultNames(response.body), ['Sophie LEFÈVRE']);
    assert.equal(fragment.root.querySelector('[data-count-message]')?.getAttribute('data-count-message'), '1 domicilié trouvé.');
    assert.equal(response.headers['cache-control'], 'no-store');
  });
});

describe('coming back to the list', () => {
  /** A session of its own, so that the searches of the other tests are not the ones kept. */
  async function newDesk(role: 'gestionnaire' | 'instructeur' | 'facteur') {
    const desk = new TestClient(t.app);
    await desk.login(w.team[role].email, STAFF_PASSWORD);
    return desk;
  }

  test('the list left last comes back (Back, « Retour à la liste », the menu) with its text, filters and order, until « Effacer les filtres »', async () => {
    const desk = await newDesk('gestionnaire');
    await search({ q: 'dupon', statut: 'valide', tri: 'passage' }, desk);
    const fiche = html((await desk.get(`/domicilies/${ids.marie}`)).body);
    assert.equal(fiche.link('← Retour à la liste des domiciliés').href, '/domicilies', 'no name in the way back');
    const back = html((await desk.get('/domicilies')).body);
    assert.equal(back.field('Rechercher un domicilié').value, 'dupon');
    assert.equal(back.field('Statut').value, 'valide');
    assert.equal(back.field('Trier par').value, 'passage');
    assert.deepEqual(resultNames(back.root.toString()), ['Jean DUPOND', 'Marie DUPONT'], 'the longest without a visit first');

    // Another session of the same person starts from the whole list: the search belongs to the session.
    const otherDesk = await newDesk('gestionnaire');
    assert.equal(html((await otherDesk.get('/domicilies')).body).field('Rechercher un domicilié').value, '');

    const cleared = await desk.post('/domicilies/effacer');
    assert.equal(cleared.statusCode, 303);
    const fresh = html((await desk.get('/domicilies')).body);
    assert.equal(fresh.field('Rechercher un domicilié').value, '');
    assert.equal(resultNames(fresh.root.toString()).length, 8);
    assert.ok(!fresh.buttons().includes('Effacer les filtres'), 'nothing to clear');
  });

  test('the search is kept in the session only: gone at log-out, never in a URL or a cookie', async () => {
    const desk = await newDesk('facteur');
    const posted = await desk.post('/domicilies', { q: 'Quéméner' });
    assert.ok(!JSON.stringify(posted.headers).includes('m\u00e9ner') && !JSON.stringify(posted.headers).toLowerCase().includes('quem'));
    const kept = await t.db.selectFrom('sessions').select('last_search').where('last_search', 'is not', null).execute();
    assert.ok(kept.some((row) => row.last_search?.q === 'Quéméner'));
    await desk.post('/deconnexion');
    const left = await t.db.selectFrom('sessions').select('last_search').execute();
    assert.ok(!left.some((row) => row.last_search?.q === 'Quéméner'), 'deleted with the session');
  });

  test('sorted by échéance (nearest first) or by last visit (longest first); dates typed either way', async () => {
    assert.deepEqual(await names({ statut: 'valide', tri: 'echeance' }), ["Awa N'DIAYE", 'Yannick QUÉMÉNER', 'Jean DUPOND', 'Marie DUPONT', 'Maëlle LEFEBVRE']);
    assert.deepEqual((await names({ tri: 'passage' })).slice(0, 2), ['Ahmed BENALI', 'Jean DUPOND']);
    assert.deepEqual(await names({ q: '1992-06-30' }), ['Sophie LEFÈVRE']);
    assert.deepEqual(await names({ q: '30/06/1992' }), ['Sophie LEFÈVRE']);
  });

  test('an empty result says what to try and offers « Créer ce domicilié » to those who may', async () => {
    const none = html((await search({ q: 'Zzyzx' }, await newDesk('instructeur'))).body);
    assert.match(none.text, /Essayez le début du nom seulement/);
    assert.equal(none.link('Créer ce domicilié').href, '/domicilies/nouveau');
    const forFacteur = html((await search({ q: 'Zzyzx' }, await newDesk('facteur'))).body);
    assert.throws(() => forFacteur.link('Créer ce domicilié'));
  });
});

describe('pages of results', () => {
  let big: RecordsWorld;
  const rows = COUNT_CAP + 30;
  /** The name the list shows for the n-th generated person. */
  const nameOf = (n: number) => `${n % 2 === 0 ? 'Paire' : 'Impaire'} NOM${String(n).padStart(4, '0')}`;
  before(async () => {
    big = await recordsWorld(t);
    await sql`
      INSERT INTO domicilies (structure_id, dossier_number, nom, prenom, birth_date, status)
      SELECT ${big.team.structureId}::uuid, n, 'Nom' || lpad(n::text, 4, '0'), CASE WHEN n % 2 = 0 THEN 'Paire' ELSE 'Impaire' END, '1980-01-01', 'instruction'
      FROM generate_series(1, ${rows}) n`.execute(t.db);
  });

  test(`${PAGE_SIZE} per page in name order, links for a plain list, a count bounded at ${COUNT_CAP}`, async () => {
    const client = await big.as('gestionnaire');
    const first = await client.get('/domicilies');
    const firstNames = resultNames(first.body);
    assert.equal(firstNames.length, PAGE_SIZE);
    assert.equal(firstNames[0], nameOf(1));
    assert.equal(firstNames[PAGE_SIZE - 1], nameOf(PAGE_SIZE));
    assert.match(textOf(first.body), new RegExp(`Plus de ${COUNT_CAP} domiciliés trouvés\\.`));
    assert.match(textOf(first.body), new RegExp(`Page 1 sur plus de ${COUNT_CAP / PAGE_SIZE}`));
    assert.equal(html(first.body).link('Page suivante').href, '/domicilies?page=2');
    const third = await client.get('/domicilies?page=3');
    assert.equal(resultNames(third.body)[0], nameOf(2 * PAGE_SIZE + 1));
    assert.equal(html(third.body).link('Page précédente').href, '/domicilies?page=2');
    // Past the counted pages, the page is read without counting.
    const lastPage = Math.ceil(rows / PAGE_SIZE);
    assert.ok((lastPage - 1) * PAGE_SIZE >= COUNT_CAP);
    const last = await client.get(`/domicilies?page=${lastPage}`);
    assert.deepEqual(resultNames(last.body).slice(0, 2), [nameOf((lastPage - 1) * PAGE_SIZE + 1), nameOf((lastPage - 1) * PAGE_SIZE + 2)]);
    assert.equal(resultNames(last.body).length, rows - (lastPage - 1) * PAGE_SIZE);
    assert.match(textOf(last.body), new RegExp(`Page ${lastPage} des domiciliés trouvés\\.`));
    assert.doesNotMatch(last.body, /Page suivante/);
    const filtered = await client.get('/domicilies?statut=valide');
    assert.match(textOf(filtered.body), /Aucun domicilié ne correspond à cette recherche\./);
  });

  test('a search keeps its text out of URLs: its pages are small forms posting the text again', async () => {
    const client = await big.as('gestionnaire');
    // « paire » starts the prénom Paire, not Impaire: 50 of the hundred NOM01xx.
    const first = await search({ q: 'paire nom01' }, client);
    assert.match(textOf(first.body), /50 domiciliés trouvés\./);
    assert.equal(resultNames(first.body)[0], nameOf(100));
    for (const [, url] of first.body.matchAll(/(?:href|action)="([^"]*)"/g)) assert.doesNotMatch(url!, /paire|nom01|q=/i, url);
    const nextPage = html(first.body).root.querySelectorAll('form').find((form) => form.querySelector('input[name="page"][value="2"]'));
    assert.equal(nextPage?.querySelector('input[type="hidden"][name="q"]')?.getAttribute('value'), 'paire nom01', 'the next page posts the text again');
    const second = await search({ q: 'paire nom01', page: '2' }, client);
    assert.equal(resultNames(second.body).length, PAGE_SIZE);
    assert.equal(resultNames(second.body)[0], nameOf(100 + 2 * PAGE_SIZE));
    const inside = await search({ q: 'aire' }, client);
    assert.match(textOf(inside.body), new RegExp(`Aucun nom ne commence par ces lettres : plus de ${COUNT_CAP} domiciliés ont un nom qui les contient\\.`));
    const insideSecond = await search({ q: 'aire', page: '2' }, client);
    assert.equal(resultNames(insideSecond.body)[0], nameOf(PAGE_SIZE + 1));
  });
});

describe('« dernier passage » with few or many people not seen', () => {
  let crowd: RecordsWorld;
  // Everyone's name is their number: name order is number order.
  const never = FEW_NOT_SEEN + 20; // never seen, in instruction: more than FEW_NOT_SEEN
  const gone = COUNT_CAP + 70; // radiés not seen for 200 days: fewer, still several counted pages
  const seen = 40; // valides seen today, and 3 more not seen for 100 days
  const nameOf = (n: number) => `Prénom NOM${String(n).padStart(5, '0')}`;
  before(async () => {
    crowd = await recordsWorld(t);
    const add = (from: number, to: number, status: string, daysAgo: number | null) => sql`
      INSERT INTO domicilies (structure_id, dossier_number, nom, prenom, birth_date, status, last_visit_at)
      SELECT ${crowd.team.structureId}::uuid, n, 'Nom' || lpad(n::text, 5, '0'), 'Prénom', '1980-01-01', ${status},
        now() - make_interval(days => ${daysAgo}::int)
      FROM generate_series(${from}::int, ${to}::int) n`.execute(t.db);
    await add(1, never, 'instruction', null);
    await add(never + 1, never + gone, 'radie', 200);
    await add(never + gone + 1, never + gone + seen, 'valide', 0);
    await add(never + gone + seen + 1, never + gone + seen + 3, 'valide', 100);
  });

  test('many not seen: the first ones in name order, counted up to the cap', async () => {
    const client = await crowd.as('gestionnaire');
    const first = await client.get('/domicilies?passage=3');
    assert.deepEqual(resultNames(first.body).slice(0, 2), [nameOf(1), nameOf(2)]);
    assert.match(textOf(first.body), new RegExp(`Plus de ${COUNT_CAP} domiciliés trouvés\\.`));
    assert.match(textOf(first.body), new RegExp(`Page 1 sur plus de ${COUNT_CAP / PAGE_SIZE}`));
  });

  test('few not seen: exactly them, in name order, on counted and deeper pages', async () => {
    const client = await crowd.as('gestionnaire');
    const valid = await client.get('/domicilies?passage=3&statut=valide');
    const late = never + gone + seen;
    assert.deepEqual(resultNames(valid.body), [nameOf(late + 1), nameOf(late + 2), nameOf(late + 3)]);
    assert.match(textOf(valid.body), /3 domiciliés trouvés\./);
    const second = await client.get('/domicilies?passage=3&statut=radie&page=2');
    assert.equal(resultNames(second.body)[0], nameOf(never + PAGE_SIZE + 1));
    const deepPage = Math.ceil(gone / PAGE_SIZE);
    assert.ok((deepPage - 1) * PAGE_SIZE >= COUNT_CAP);
    const deep = await client.get(`/domicilies?passage=3&statut=radie&page=${deepPage}`);
    assert.equal(resultNames(deep.body)[0], nameOf(never + (deepPage - 1) * PAGE_SIZE + 1));
    assert.equal(resultNames(deep.body).length, gone - (deepPage - 1) * PAGE_SIZE);
    assert.equal(resultNames((await client.get('/domicilies?passage=3&statut=radie&courrier=1')).body).length, 0);
  });
});
