import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDomicilie, createTeam } from '../../../../test/helpers/factories.ts';
import { Page, page } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { recordsWorld } from '../../../domain/domicilies/domicilies.fixtures.ts';
import { addDays, addMonths, isoDateIn } from '../../../shared/dates.ts';
import { roles } from '../../../shared/roles.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/**
 * A structure whose figures are known by construction: Ange is valide, seen a month ago, with
 * 2 letters and a parcel waiting; Basile is valide, not seen for four months, his domiciliation
 * ends in 20 days; Céline is radiée, not seen for six months. Another structure has a person
 * who would count in every figure.
 */
async function world() {
  const w = await recordsWorld(t);
  const today = isoDateIn(new Date(), 'Europe/Paris');
  await createDomicilie(t.db, w.team.structureId, { nom: 'Ange', prenom: 'Anne', start_date: addMonths(today, -6), last_visit_at: daysAgo(30), waiting_courrier: 2, waiting_colis: 1 });
  await createDomicilie(t.db, w.team.structureId, { nom: 'Basile', prenom: 'Bruno', start_date: addMonths(today, -11), end_date: addDays(today, 20), last_visit_at: daysAgo(122) });
  await createDomicilie(t.db, w.team.structureId, { nom: 'Céline', prenom: 'Clara', status: 'radie', last_visit_at: daysAgo(180) });
  const other = await createTeam(t.db);
  await createDomicilie(t.db, other.structureId, { nom: 'Autre', prenom: 'Odile', start_date: addMonths(today, -11), end_date: addDays(today, 10), last_visit_at: daysAgo(150), waiting_courrier: 5 });
  return w;
}

const figureOf = (body: string, key: string) => new Page(page(body).root.querySelector(`[data-figure="${key}"]`)!);

describe('the figures of the staff home page', () => {
  test('each counts the structure’s own people, never another structure’s', async () => {
    const w = await world();
    const body = (await (await w.as('gestionnaire')).get('/accueil')).body;
    const section = page(body).region("Aujourd'hui");
    assert.deepEqual(section.links().map((link) => link.text), [
      '2 domiciliations valides',
      '1 personne a du courrier en attente',
      '1 sans passage depuis plus de 3 mois',
      '1 échéance dans les 2 prochains mois',
    ]);
    assert.equal(figureOf(body, 'mailWaiting').text, '1 personne a du courrier en attente 3 plis en attente');
  });

  test('each links to the list filtered on the people it counts, the link names no one', async () => {
    const w = await world();
    const client = await w.as('instructeur');
    const links = page((await client.get('/accueil')).body).region("Aujourd'hui").links();
    assert.deepEqual(links.map((link) => link.href), ['/domicilies?statut=valide', '/domicilies?courrier=1', '/domicilies?statut=valide&passage=3', '/domicilies?echeance=bientot']);
    const listed = async (href: string) => {
      const response = await client.get(href);
      assert.equal(response.statusCode, 200, href);
      return ['Ange', 'Basile', 'Céline', 'Autre'].filter((nom) => page(response.body).text.toUpperCase().includes(nom.toUpperCase()));
    };
    assert.deepEqual(await listed(links[0]!.href), ['Ange', 'Basile']);
    assert.deepEqual(await listed(links[1]!.href), ['Ange']);
    assert.deepEqual(await listed(links[2]!.href), ['Basile']);
    assert.deepEqual(await listed(links[3]!.href), ['Basile']);
  });

  test('every role sees them; a visitor without a session is sent to the login page', async () => {
    const w = await world();
    for (const role of roles) {
      const response = await (await w.as(role)).get('/accueil');
      assert.equal(response.statusCode, 200, role);
      assert.equal(figureOf(response.body, 'valide').text, '2 domiciliations valides', role);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/accueil' });
    assert.equal(anonymous.headers.location, '/connexion');
  });

  test('an empty structure reads zeros', async () => {
    const w = await recordsWorld(t);
    const section = page((await (await w.as('facteur')).get('/accueil')).body).region("Aujourd'hui");
    assert.deepEqual(section.links().map((link) => link.text.split(' ')[0]), ['0', '0', '0', '0']);
    assert.match(section.text, /0 pli en attente/);
  });
});
