import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const portalLegends = ['Activer le portail usager', 'Mettre à jour la date de dernier passage à chaque connexion au portail'];

async function portalSettings(structureId: string) {
  return t.db.selectFrom('structures').select(['portal_enabled', 'portal_login_updates_last_visit']).where('id', '=', structureId).executeTakeFirstOrThrow();
}

describe('Ma structure: portail usager (seed, step 1)', () => {
  test('an administrateur switches the portal on and chooses the last-visit rule', async () => {
    const team = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(team.administrateur.email, STAFF_PASSWORD);
    const page = html((await admin.get('/structure')).body).region('Portail usager');
    assert.deepEqual(page.texts('legend'), portalLegends);
    assert.equal(page.form('Enregistrer les modifications').action, '/structure/portail');
    for (const name of ['portal_enabled', 'portal_login_updates_last_visit']) {
      assert.deepEqual(page.choices(name).map((choice) => [choice.label, choice.checked, choice.disabled]), [['Oui', false, false], ['Non', true, false]], name);
    }
    const saved = await admin.post('/structure/portail', { portal_enabled: 'oui', portal_login_updates_last_visit: 'oui' });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await portalSettings(team.structureId), { portal_enabled: true, portal_login_updates_last_visit: true });
    const reloaded = html((await admin.get('/structure')).body);
    assert.match(reloaded.status ?? '', /^Les modifications ont été enregistrées/);
    assert.deepEqual(reloaded.choices('portal_enabled').map((choice) => choice.checked), [true, false]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'details']).where('actor_id', '=', team.administrateur.id).where('action', '=', 'structure.portal_settings_changed').executeTakeFirstOrThrow();
    assert.equal(audit.details.portal_enabled, true);
  });

  for (const role of ['gestionnaire', 'instructeur', 'facteur'] as const) {
    test(`a ${role} sees the settings read-only and the server refuses the change (403, logged)`, async () => {
      const team = await createTeam(t.db);
      const client = new TestClient(t.app);
      await client.login(team[role].email, STAFF_PASSWORD);
      const page = html((await client.get('/structure')).body);
      const portal = page.region('Portail usager');
      assert.deepEqual(portal.texts('legend'), portalLegends);
      assert.deepEqual(portal.forms(), [], 'read-only: no form');
      for (const name of ['portal_enabled', 'portal_login_updates_last_visit']) {
        assert.deepEqual(portal.choices(name).map((choice) => [choice.checked, choice.disabled]), [[false, true], [true, true]], name);
      }
      assert.ok(!page.buttons().includes('Enregistrer les modifications'));
      const refused = await client.post('/structure/portail', { portal_enabled: 'oui', portal_login_updates_last_visit: 'oui' });
      assert.equal(refused.statusCode, 403);
      assert.deepEqual(await portalSettings(team.structureId), { portal_enabled: false, portal_login_updates_last_visit: false });
      const logged = await t.db.selectFrom('audit_log').select('details').where('actor_id', '=', team[role].id).where('action', '=', 'access.denied').executeTakeFirstOrThrow();
      assert.equal(logged.details.route, '/structure/portail');
    });
  }

  test('a bad Oui / Non value is refused without change', async () => {
    const team = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(team.administrateur.email, STAFF_PASSWORD);
    assert.equal((await admin.post('/structure/portail', { portal_enabled: 'peut-être', portal_login_updates_last_visit: 'non' })).statusCode, 400);
    assert.deepEqual(await portalSettings(team.structureId), { portal_enabled: false, portal_login_updates_last_visit: false });
  });
});

describe('Ma structure: details', () => {
  test('the administrateur edits the details; bad input is explained in French', async () => {
    const team = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(team.administrateur.email, STAFF_PASSWORD);
    const bad = await admin.post('/structure', { name: 'CCAS de Test', street: '5 rue Neuve', postcode: '690', city: 'Lyon', phone: '', email: 'pas une adresse', opening_hours: '' });
    assert.equal(bad.statusCode, 400);
    const refused = html(bad.body);
    assert.match(refused.field('Code postal').error ?? '', /5 chiffres/);
    assert.match(refused.field('Adresse e-mail').error ?? '', /adresse e-mail valide/);
    assert.equal(refused.field('Code postal').value, '690', 'what was typed is kept');
    const good = await admin.post('/structure', { name: 'CCAS de Test', street: '5 rue Neuve', postcode: '69002', city: 'Lyon', phone: '04 72 11 22 33', email: 'contact@test.example', opening_hours: 'Lundi 9 h – 12 h' });
    assert.equal(good.statusCode, 303);
    const row = await t.db.selectFrom('structures').select(['name', 'postcode', 'opening_hours']).where('id', '=', team.structureId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'CCAS de Test', postcode: '69002', opening_hours: 'Lundi 9 h – 12 h' });
  });

  test('each staff member only ever sees their own structure', async () => {
    const a = await createTeam(t.db, { name: 'Structure Alpha' });
    const b = await createTeam(t.db, { name: 'Structure Beta' });
    const client = new TestClient(t.app);
    await client.login(b.facteur.email, STAFF_PASSWORD);
    const page = html((await client.get('/structure')).body);
    assert.equal(page.terms()['Nom'], 'Structure Beta');
    assert.doesNotMatch(page.text, /Structure Alpha/);
    const admin = new TestClient(t.app);
    await admin.login(a.administrateur.email, STAFF_PASSWORD);
    await admin.post('/structure/portail', { portal_enabled: 'oui', portal_login_updates_last_visit: 'non', structure_id: b.structureId });
    assert.deepEqual(await portalSettings(b.structureId), { portal_enabled: false, portal_login_updates_last_visit: false });
    assert.equal((await portalSettings(a.structureId)).portal_enabled, true);
  });
});
