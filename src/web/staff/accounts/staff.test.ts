import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createStaff, createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function auditActions(staffId: string) {
  const rows = await t.db.selectFrom('audit_log').select('action').where('actor_id', '=', staffId).orderBy('id').execute();
  return rows.map((row) => row.action);
}

describe('staff login', () => {
  test('GET / leads to the login page, then to the home page once logged in', async () => {
    const { administrateur } = await createTeam(t.db);
    const client = new TestClient(t.app);
    assert.equal((await client.get('/')).headers.location, '/connexion');
    const page = await client.get('/connexion');
    assert.match(page.body, /Adresse e-mail/);
    assert.match(page.body, /Mot de passe/);
    assert.match(page.body, /Se connecter/);
    await client.login(administrateur.email, STAFF_PASSWORD);
    assert.equal((await client.get('/')).headers.location, '/accueil');
    assert.match((await client.get('/accueil')).body, /Se déconnecter/);
  });

  test('the session cookie is httpOnly and SameSite=Lax, and the login audit entry is written', async () => {
    const { facteur } = await createTeam(t.db);
    const client = new TestClient(t.app);
    const response = await client.login(facteur.email, STAFF_PASSWORD);
    const cookie = String(response.headers['set-cookie']).split(/,(?=\s*\w+=)/).find((value) => value.includes('sid='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.deepEqual(await auditActions(facteur.id), ['staff.login']);
  });

  test('a wrong password and an unknown e-mail give the same message', async () => {
    const { instructeur } = await createTeam(t.db);
    const client = new TestClient(t.app);
    const wrong = await client.post('/connexion', { email: instructeur.email, password: 'not the right password' });
    const unknown = await client.post('/connexion', { email: 'nobody@nowhere.test', password: 'not the right password' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.match(wrong.body, /Adresse e-mail ou mot de passe incorrect/);
    assert.match(unknown.body, /Adresse e-mail ou mot de passe incorrect/);
  });

  test('5 failures lock the account for 15 minutes, even for the right password; the Utilisateurs page says so while it lasts', async () => {
    const { gestionnaire, administrateur } = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(administrateur.email, STAFF_PASSWORD);
    const lockShown = async () => /Bloqué \(trop de tentatives\)/.test((await admin.get('/utilisateurs')).body);
    const client = new TestClient(t.app);
    for (let i = 0; i < 5; i++) await client.post('/connexion', { email: gestionnaire.email.toUpperCase(), password: `wrong password ${i}` });
    const locked = await client.post('/connexion', { email: gestionnaire.email, password: STAFF_PASSWORD });
    assert.equal(locked.statusCode, 401);
    assert.match(locked.body, /Trop de tentatives pour cette adresse e-mail : réessayez dans 15 minutes/);
    assert.ok((await auditActions(gestionnaire.id)).includes('staff.locked'));
    assert.equal(await lockShown(), true);
    await sql`UPDATE login_failures SET locked_until = now() - interval '1 second', window_start = now() - interval '31 minutes'`.execute(t.db);
    assert.equal(await lockShown(), false, 'the page follows the count, not a copy of it');
    assert.equal((await client.post('/connexion', { email: gestionnaire.email, password: STAFF_PASSWORD })).statusCode, 303);
  });

  test('a form without its CSRF token is refused', async () => {
    const { administrateur } = await createTeam(t.db);
    const client = new TestClient(t.app);
    const response = await client.post('/connexion', { email: administrateur.email, password: STAFF_PASSWORD }, { csrf: false });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /formulaire a expiré/);
    const forged = await client.post('/connexion', { email: administrateur.email, password: STAFF_PASSWORD, _csrf: 'forged-token-value' }, { csrf: false });
    assert.equal(forged.statusCode, 403);
  });

  test('logout ends the session on the server', async () => {
    const { administrateur } = await createTeam(t.db);
    const client = new TestClient(t.app);
    await client.login(administrateur.email, STAFF_PASSWORD);
    const token = client.cookies.get('sid')!;
    await client.post('/deconnexion');
    const stolen = new TestClient(t.app);
    stolen.cookies.set('sid', token);
    assert.equal((await stolen.get('/accueil')).headers.location, '/connexion');
  });

  test('an idle session expires after 2 hours', async () => {
    const { administrateur } = await createTeam(t.db);
    const client = new TestClient(t.app);
    await client.login(administrateur.email, STAFF_PASSWORD);
    await sql`UPDATE sessions SET last_seen_at = now() - interval '121 minutes' WHERE subject_id = ${administrateur.id}`.execute(t.db);
    assert.equal((await client.get('/accueil')).headers.location, '/connexion');
  });
});

describe('own password', () => {
  test('changing it closes the other sessions and keeps this one', async () => {
    const staff = await createStaff(t.db, (await createTeam(t.db)).structureId, 'instructeur');
    const desk = new TestClient(t.app);
    const home = new TestClient(t.app);
    await desk.login(staff.email, STAFF_PASSWORD);
    await home.login(staff.email, STAFF_PASSWORD);
    const tooShort = await desk.post('/mot-de-passe', { mot_de_passe_actuel: STAFF_PASSWORD, nouveau_mot_de_passe: 'short', confirmation: 'short' });
    assert.equal(tooShort.statusCode, 400);
    assert.match(tooShort.body, /au moins 12 caractères/);
    const common = await desk.post('/mot-de-passe', { mot_de_passe_actuel: STAFF_PASSWORD, nouveau_mot_de_passe: 'Motdepasse2026!', confirmation: 'Motdepasse2026!' });
    assert.match(common.body, /trop courant/);
    const ok = await desk.post('/mot-de-passe', { mot_de_passe_actuel: STAFF_PASSWORD, nouveau_mot_de_passe: 'une longue phrase de passe', confirmation: 'une longue phrase de passe' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await desk.get('/accueil')).statusCode, 200);
    assert.equal((await home.get('/accueil')).headers.location, '/connexion');
    assert.equal((await new TestClient(t.app).post('/connexion', { email: staff.email, password: 'une longue phrase de passe' })).statusCode, 303);
  });
});

describe('Utilisateurs', () => {
  test('an administrateur creates an account; its activation link works once', async () => {
    const { administrateur } = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(administrateur.email, STAFF_PASSWORD);
    const created = await admin.post('/utilisateurs', { nom: 'Lemoine', prenom: 'Inès', email: 'ines.lemoine@test.example', role: 'facteur' });
    assert.equal(created.statusCode, 201);
    const link = /http:\/\/domiciliation\.test(\/activation\/[\w-]+)/.exec(created.body)![1]!;
    const newcomer = new TestClient(t.app);
    assert.match((await newcomer.get(link)).body, /ines\.lemoine@test\.example/);
    const withEmail = await newcomer.post(link, { nouveau_mot_de_passe: 'ines.lemoine est là', confirmation: 'ines.lemoine est là' });
    assert.match(withEmail.body, /informations personnelles/);
    assert.equal((await newcomer.post(link, { nouveau_mot_de_passe: 'le facteur sonne deux fois', confirmation: 'le facteur sonne deux fois' })).statusCode, 303);
    assert.equal((await newcomer.get(link)).statusCode, 404);
    await newcomer.login('ines.lemoine@test.example', 'le facteur sonne deux fois');
    assert.equal((await newcomer.get('/utilisateurs')).statusCode, 403);
  });

  test('a duplicate e-mail and a bad address are refused with clear messages', async () => {
    const { administrateur, facteur } = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(administrateur.email, STAFF_PASSWORD);
    const duplicate = await admin.post('/utilisateurs', { nom: 'X', prenom: 'Y', email: facteur.email.toUpperCase(), role: 'facteur' });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /existe déjà/);
    assert.match((await admin.post('/utilisateurs', { nom: 'X', prenom: 'Y', email: 'pas-une-adresse', role: 'facteur' })).body, /adresse e-mail valide/);
  });

  test('changing a role and deactivating an account take effect at once', async () => {
    const { administrateur, instructeur } = await createTeam(t.db);
    const admin = new TestClient(t.app);
    const user = new TestClient(t.app);
    await admin.login(administrateur.email, STAFF_PASSWORD);
    await user.login(instructeur.email, STAFF_PASSWORD);
    assert.equal((await admin.post(`/utilisateurs/${instructeur.id}/role`, { role: 'gestionnaire' })).statusCode, 303);
    assert.match((await user.get('/accueil')).body, /gestionnaire/);
    assert.equal((await admin.post(`/utilisateurs/${instructeur.id}/desactiver`)).statusCode, 303);
    assert.equal((await user.get('/accueil')).headers.location, '/connexion');
    assert.equal((await new TestClient(t.app).post('/connexion', { email: instructeur.email, password: STAFF_PASSWORD })).statusCode, 401);
    assert.deepEqual(await auditActions(administrateur.id), ['staff.login', 'staff.role_changed', 'staff.deactivated']);
  });

  test('an administrateur cannot touch the accounts of another structure', async () => {
    const mine = await createTeam(t.db);
    const theirs = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(mine.administrateur.email, STAFF_PASSWORD);
    assert.equal((await admin.post(`/utilisateurs/${theirs.facteur.id}/role`, { role: 'administrateur' })).statusCode, 404);
    assert.equal((await admin.post(`/utilisateurs/${theirs.facteur.id}/desactiver`)).statusCode, 404);
    const page = await admin.get('/utilisateurs');
    assert.doesNotMatch(page.body, new RegExp(theirs.facteur.email));
    const target = await t.db.selectFrom('staff_users').select(['role', 'active']).where('id', '=', theirs.facteur.id).executeTakeFirstOrThrow();
    assert.deepEqual(target, { role: 'facteur', active: true });
  });
});

describe('failures per IP address', () => {
  test('failures beyond the ceiling are refused with 429; right passwords do not count', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const { administrateur } = await createTeam(limited.db);
      for (let i = 0; i < 5; i++) assert.equal((await new TestClient(limited.app).login(administrateur.email, STAFF_PASSWORD)).statusCode, 303);
      const client = new TestClient(limited.app);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await client.post('/connexion', { email: `x${i}@test.example`, password: 'whatever password' })).statusCode);
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      const rows = await limited.db.selectFrom('login_address_failures').select(['address_key', 'failures']).execute();
      assert.deepEqual(rows.map((row) => row.failures), [4], 'one counter, for the address, holding the failures only');
      assert.doesNotMatch(rows[0]!.address_key, /127\.0\.0\.1/, 'the address is stored as a hash');
    } finally {
      await limited.close();
    }
  });
});
