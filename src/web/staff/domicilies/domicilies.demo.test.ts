import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createTestApp, testConfig, type TestApp } from '../../../../test/helpers/test-app.ts';
import { page } from '../../../../test/helpers/html.ts';
import { buildApp } from '../../../app.ts';
import { DEMO_PASSWORD, seedDemo, type DemoIds } from '../../../db/demo.ts';
import { addDays, addMonths, isoDateIn } from '../../../shared/dates.ts';
import { stateAfter } from '../../../domain/decisions/decision-rules.ts';
import { resultNames } from '../../../domain/domicilies/domicilies.fixtures.ts';

let t: TestApp;
let demo: DemoIds;
before(async () => {
  t = await createTestApp();
  demo = (await seedDemo(t.db))!;
});
after(() => t.close());

function person(structureId: string, nom: string, prenom: string) {
  return t.db
    .selectFrom('domicilies')
    .select(['id', 'birth_date', 'status', 'start_date', 'end_date', 'waiting_courrier', 'waiting_colis', 'waiting_avis_passage', 'last_visit_at'])
    .where('structure_id', '=', structureId)
    .where('nom', '=', nom)
    .where('prenom', '=', prenom)
    .executeTakeFirstOrThrow();
}

describe('demo domiciliés', () => {
  test('the four people other tests rely on, exactly', async () => {
    const today = isoDateIn(new Date(), 'Europe/Paris');
    const marie = await person(demo.demo, 'Dupont', 'Marie');
    const start = addMonths(today, -3);
    assert.deepEqual(
      { ...marie, id: undefined, last_visit_at: undefined },
      { id: undefined, birth_date: '1985-03-14', status: 'valide', start_date: start, end_date: addDays(addMonths(start, 12), -1), waiting_courrier: 2, waiting_colis: 1, waiting_avis_passage: 0, last_visit_at: undefined },
    );
    const items = await t.db.selectFrom('courrier_items').select(['type', 'quantity']).where('domicilie_id', '=', marie.id).where('released_event_id', 'is', null).orderBy('type').execute();
    assert.deepEqual(items, [{ type: 'colis', quantity: 1 }, { type: 'courrier', quantity: 2 }]);
    const reception = await t.db.selectFrom('courrier_events').select(['kind', 'courrier', 'colis']).where('domicilie_id', '=', marie.id).execute();
    assert.deepEqual(reception, [{ kind: 'reception', courrier: 2, colis: 1 }]);
    // What the official paperwork prints for her (issue 16): two children, her entretien, a past year's attestation.
    const children = await t.db.selectFrom('ayants_droit').select(['prenom', 'lien']).where('domicilie_id', '=', marie.id).orderBy('prenom').execute();
    assert.deepEqual(children, [{ prenom: 'Inès', lien: 'enfant' }, { prenom: 'Lucas', lien: 'enfant' }]);
    const years = await t.db.selectFrom('decisions').select(['start_date', 'end_date', 'is_renewal']).where('domicilie_id', '=', marie.id).where('status', '=', 'valide').orderBy('start_date').execute();
    assert.deepEqual(years, [
      { start_date: addMonths(start, -12), end_date: addDays(addMonths(addMonths(start, -12), 12), -1), is_renewal: false },
      { start_date: start, end_date: addDays(addMonths(start, 12), -1), is_renewal: true },
    ]);
    const entretien = await t.db.selectFrom('entretiens').select(['composition_menage', 'motif_demande']).where('domicilie_id', '=', marie.id).executeTakeFirstOrThrow();
    assert.deepEqual(entretien, { composition_menage: 'FEMME_ISOLE_AVEC_ENFANT', motif_demande: 'PRESTATIONS_SOCIALES' });

    const jean = await person(demo.demo, 'Martin', 'Jean');
    assert.deepEqual([jean.birth_date, jean.status, jean.waiting_courrier + jean.waiting_colis + jean.waiting_avis_passage], ['1970-11-02', 'valide', 0]);
    const sophie = await person(demo.demo, 'Lefèvre', 'Sophie');
    assert.deepEqual([sophie.birth_date, sophie.status], ['1992-06-30', 'instruction']);
    const ahmed = await person(demo.demo, 'Benali', 'Ahmed');
    assert.deepEqual([ahmed.birth_date, ahmed.status], ['1979-01-21', 'radie']);
    const paul = await person(demo.abri, 'Durand', 'Paul');
    assert.equal(paul.status, 'valide');
  });

  test('about forty people in every status, consistent with their decisions, mail and numbering', async () => {
    const rows = await t.db.selectFrom('domicilies').select(['id', 'status', 'start_date', 'end_date', 'dossier_number', 'surnom', 'last_visit_at', 'structure_id']).where('structure_id', '=', demo.demo).execute();
    assert.ok(rows.length >= 38 && rows.length <= 45, `${rows.length} people`);
    assert.deepEqual(new Set(rows.map((row) => row.status)), new Set(['instruction', 'a_valider', 'valide', 'refuse', 'radie']));
    assert.ok(rows.filter((row) => row.surnom).length >= 3);
    assert.deepEqual(rows.map((row) => row.dossier_number).sort((a, b) => a - b), rows.map((_, index) => index + 1));
    const { last_dossier_number } = await t.db.selectFrom('structures').select('last_dossier_number').where('id', '=', demo.demo).executeTakeFirstOrThrow();
    assert.equal(last_dossier_number, rows.length);
    for (const row of rows) {
      const decisions = await t.db.selectFrom('decisions').select(['status', 'is_renewal', 'start_date', 'end_date']).where('domicilie_id', '=', row.id).where('cancelled_at', 'is', null).orderBy('created_at').execute();
      assert.deepEqual(stateAfter(decisions), { status: row.status, start_date: row.start_date, end_date: row.end_date }, row.id);
      assert.ok(row.last_visit_at, 'every last visit is computed');
    }
    const drift = await sql<{ n: string }>`
      SELECT count(*) AS n FROM domicilies d
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(quantity) FILTER (WHERE type = 'courrier'), 0) AS courrier, coalesce(sum(quantity) FILTER (WHERE type = 'colis'), 0) AS colis,
          coalesce(sum(quantity) FILTER (WHERE type = 'avis_passage'), 0) AS avis
        FROM courrier_items i WHERE i.domicilie_id = d.id AND i.released_event_id IS NULL) w
      WHERE d.structure_id IN (${demo.demo}, ${demo.abri})
        AND (d.waiting_courrier <> w.courrier OR d.waiting_colis <> w.colis OR d.waiting_avis_passage <> w.avis)`.execute(t.db);
    assert.equal(Number(drift.rows[0]!.n), 0, 'waiting counts match the waiting items');
    const ayants = await t.db.selectFrom('ayants_droit').innerJoin('domicilies', 'domicilies.id', 'ayants_droit.domicilie_id').select('ayants_droit.id').where('domicilies.structure_id', '=', demo.demo).execute();
    assert.ok(ayants.length >= 3);
    const today = isoDateIn(new Date(), 'Europe/Paris');
    assert.ok(rows.some((row) => row.status === 'valide' && row.end_date! < today), 'an échéance passée');
    assert.ok(rows.some((row) => row.status === 'valide' && row.end_date! >= today && row.end_date! < addMonths(today, 2)), 'an échéance under two months');
    assert.ok(rows.some((row) => row.last_visit_at!.getTime() < Date.now() - 100 * 86_400_000 && row.status === 'valide'), 'a dernier passage over three months ago');
  });

  test('a demo gestionnaire finds « lefevre » → Sophie LEFÈVRE; Association Abri sees only its own people', async () => {
    const client = new TestClient(t.app);
    await client.login('gestionnaire@demo.test', DEMO_PASSWORD);
    await client.post('/domicilies', { q: 'lefevre' });
    assert.deepEqual(resultNames((await client.get('/domicilies')).body), ['Sophie LEFÈVRE']);
    const abri = new TestClient(t.app);
    await abri.login('admin@abri.test', DEMO_PASSWORD);
    const list = resultNames((await abri.get('/domicilies')).body);
    assert.ok(list.includes('Paul DURAND'));
    assert.ok(list.length >= 3 && list.length <= 8);
    await abri.post('/domicilies', { q: 'dupont' });
    assert.deepEqual(resultNames((await abri.get('/domicilies')).body), []);
  });
});

describe('the demo accounts on the login page', () => {
  test('outside production the login page names them and their password; in production it says nothing of them', async () => {
    const login = page((await new TestClient(t.app).get('/connexion')).body);
    const panel = login.region('Comptes de démonstration');
    assert.deepEqual(panel.texts('li'), [
      'admin@demo.test (administrateur)', 'gestionnaire@demo.test (gestionnaire)', 'instructeur@demo.test (instructeur)', 'facteur@demo.test (facteur)', 'admin@abri.test (administrateur)',
    ]);
    assert.match(panel.text, new RegExp(`Mot de passe de chaque compte : ${DEMO_PASSWORD}`));

    const production = await buildApp({ config: testConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://domiciliation.test' }), database: t.database });
    try {
      const body = (await new TestClient(production).get('/connexion')).body;
      assert.ok(!body.includes(DEMO_PASSWORD) && !body.includes('admin@demo.test'));
    } finally {
      await production.close();
    }
  });
});
