import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function portalSettings(structureId: string) {
  return t.db.selectFrom('structures').select(['portal_enabled', 'portal_login_updates_last_visit']).where('id', '=', structureId).executeTakeFirstOrThrow();
}

describe('Ma structure: portail usager (seed, step 1)', () => {
  test('an administrateur switches the portal on and chooses the last-visit rule', async () => {
    const team = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(team.administrateur.email, STAFF_PASSWORD);
    const page = await admin.get('/structure');
    assert.match(page.body, /Activer le portail usager/);
    assert.match(page.body, /Mettre à jour la date de dernier passage à chaque connexion au portail/);
    assert.match(page.body, /Enregistrer les modifications/);
    const saved = await admin.post('/structure/portail', { portal_enabled: 'oui', portal_login_updates_last_visit: 'oui' });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await portalSettings(team.structureId), { portal_enabled: true, portal_login_updates_last_visit: true });
    assert.match((await admin.get('/structure')).body, /Les modifications ont été enregistrées/);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'details']).where('actor_id', '=', team.administrateur.id).where('action', '=', 'structure.portal_settings_changed').executeTakeFirstOrThrow();
    assert.equal(audit.details.portal_enabled, true);
  });

  for (const role of ['gestionnaire', 'instructeur', 'facteur'] as const) {
    test(`a ${role} sees the settings read-only and the server refuses the change (403, logged)`, async () => {
      const team = await createTeam(t.db);
      const client = new TestClient(t.app);
      await client.login(team[role].email, STAFF_PASSWORD);
      const page = await client.get('/structure');
      assert.match(page.body, /Activer le portail usager/);
      assert.doesNotMatch(page.body, /Enregistrer les modifications/);
      assert.match(page.body, /disabled/);
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
    assert.match(bad.body, /5 chiffres/);
    assert.match(bad.body, /adresse e-mail valide/);
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
    const page = await client.get('/structure');
    assert.match(page.body, /Structure Beta/);
    assert.doesNotMatch(page.body, /Structure Alpha/);
    const admin = new TestClient(t.app);
    await admin.login(a.administrateur.email, STAFF_PASSWORD);
    await admin.post('/structure/portail', { portal_enabled: 'oui', portal_login_updates_last_visit: 'non', structure_id: b.structureId });
    assert.deepEqual(await portalSettings(b.structureId), { portal_enabled: false, portal_login_updates_last_visit: false });
    assert.equal((await portalSettings(a.structureId)).portal_enabled, true);
  });
});
