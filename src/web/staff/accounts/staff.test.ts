import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createStaff, createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
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
    const page = html((await client.get('/connexion')).body);
    assert.equal(page.heading, 'Connexion des équipes');
    const [email, password] = [page.field('Adresse e-mail'), page.field('Mot de passe')];
    assert.deepEqual([email.name, email.type, email.autocomplete], ['email', 'email', 'username']);
    assert.deepEqual([password.name, password.type, password.autocomplete], ['password', 'password', 'current-password']);
    assert.deepEqual(page.form('Se connecter').action, '/connexion');
    await client.login(administrateur.email, STAFF_PASSWORD);
    assert.equal((await client.get('/')).headers.location, '/accueil');
    assert.equal(html((await client.get('/accueil')).body).form('Se déconnecter').action, '/deconnexion');
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
    assert.match(html(wrong.body).alert ?? '', /^Adresse e-mail ou mot de passe incorrect/);
    assert.equal(html(unknown.body).alert, html(wrong.body).alert);
  });

  test('5 failures lock the account for 15 minutes, even for the right password; the Utilisateurs page says so while it lasts', async () => {
    const { gestionnaire, administrateur } = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(administrateur.email, STAFF_PASSWORD);
    const stateOf = async (email: string) => html((await admin.get('/utilisateurs')).body).table('Comptes de la structure').find((row) => row[1] === email)?.[3];
    const lockShown = async () => (await stateOf(gestionnaire.email)) === 'Bloqué (trop de tentatives)';
    const client = new TestClient(t.app);
    for (let i = 0; i < 5; i++) await client.post('/connexion', { email: gestionnaire.email.toUpperCase(), password: `wrong password ${i}` });
    const locked = await client.post('/connexion', { email: gestionnaire.email, password: STAFF_PASSWORD });
    assert.equal(locked.statusCode, 401);
    assert.match(html(locked.body).alert ?? '', /Trop de tentatives pour cette adresse e-mail : réessayez dans 15 minutes/);
    assert.ok((await auditActions(gestionnaire.id)).includes('staff.locked'));
    assert.equal(await lockShown(), true);
    await sql`UPDATE login_failures SET locked_until = now() - interval '1 second', window_start = now() - interval '31 minutes'`.execute(t.db);
    assert.equal(await stateOf(gestionnaire.email), 'Actif', 'the page follows the count, not a copy of it');
    assert.equal((await client.post('/connexion', { email: gestionnaire.email, password: STAFF_PASSWORD })).statusCode, 303);
  });

  test('a form without its CSRF token is refused', async () => {
    const { administrateur } = await createTeam(t.db);
    const client = new TestClient(t.app);
    const response = await client.post('/connexion', { email: administrateur.email, password: STAFF_PASSWORD }, { csrf: false });
    assert.equal(response.statusCode, 403);
    const expired = html(response.body);
    assert.equal(expired.heading, 'Formulaire expiré');
    assert.match(expired.text, /formulaire a expiré/);
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
    assert.match(html(tooShort.body).field('Nouveau mot de passe').error ?? '', /au moins 12 caractères/);
    const common = await desk.post('/mot-de-passe', { mot_de_passe_actuel: STAFF_PASSWORD, nouveau_mot_de_passe: 'Motdepasse2026!', confirmation: 'Motdepasse2026!' });
    assert.match(html(common.body).field('Nouveau mot de passe').error ?? '', /trop courant/);
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
    const told = html(created.body).status ?? '';
    assert.match(told, /^Transmettez ce lien d’activation à la personne \(valable 48 heures, une seule fois\)/);
    const link = /http:\/\/domiciliation\.test(\/activation\/[\w-]+)/.exec(told)![1]!;
    assert.deepEqual(html(created.body).table('Comptes de la structure').find((row) => row[1] === 'ines.lemoine@test.example')?.[3], 'En attente d’activation');
    const newcomer = new TestClient(t.app);
    const activation = html((await newcomer.get(link)).body);
    assert.equal(activation.heading, 'Activer mon compte');
    assert.match(activation.text, /Choisissez le mot de passe du compte ines\.lemoine@test\.example\./);
    const withEmail = await newcomer.post(link, { nouveau_mot_de_passe: 'ines.lemoine est là', confirmation: 'ines.lemoine est là' });
    assert.match(html(withEmail.body).field('Nouveau mot de passe').error ?? '', /informations personnelles/);
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
    const refused = html(duplicate.body);
    assert.match(refused.field('Adresse e-mail').error ?? '', /existe déjà/);
    assert.deepEqual([refused.field('Nom').value, refused.field('Rôle').value], ['X', 'facteur'], 'what was typed is kept');
    const badAddress = html((await admin.post('/utilisateurs', { nom: 'X', prenom: 'Y', email: 'pas-une-adresse', role: 'facteur' })).body);
    assert.match(badAddress.field('Adresse e-mail').error ?? '', /adresse e-mail valide/);
  });

  test('changing a role and deactivating an account take effect at once', async () => {
    const { administrateur, instructeur } = await createTeam(t.db);
    const admin = new TestClient(t.app);
    const user = new TestClient(t.app);
    await admin.login(administrateur.email, STAFF_PASSWORD);
    await user.login(instructeur.email, STAFF_PASSWORD);
    assert.equal((await admin.post(`/utilisateurs/${instructeur.id}/role`, { role: 'gestionnaire' })).statusCode, 303);
    assert.match(html((await user.get('/accueil')).body).text, /en tant que gestionnaire\./);
    assert.equal((await admin.post(`/utilisateurs/${instructeur.id}/desactiver`)).statusCode, 303);
    assert.equal((await user.get('/accueil')).headers.location, '/connexion');
    assert.equal((await new TestClient(t.app).post('/connexion', { email: instructeur.email, password: STAFF_PASSWORD })).statusCode, 401);
    assert.deepEqual(await auditActions(administrateur.id), ['staff.login', 'staff.role_changed', 'staff.deactivated']);
  });

  test('the page says what each role may do, when each account last logged in, and asks before deactivating', async () => {
    const team = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(team.administrateur.email, STAFF_PASSWORD);
    const users = html((await admin.get('/utilisateurs')).body);
    const roles = users.region('Ce que permet chaque rôle').terms();
    assert.deepEqual(Object.keys(roles), ['Administrateur', 'Gestionnaire', 'Instructeur', 'Facteur']);
    assert.match(roles['Facteur']!, /^le courrier seulement/);
    const rows = users.table('Comptes de la structure');
    const lastLogin = (email: string) => rows.find((row) => row[1] === email)?.[4];
    assert.match(lastLogin(team.administrateur.email)!, /^\d\d\/\d\d\/\d{4} à \d\d:\d\d$/, 'the login just made');
    assert.equal(lastLogin(team.facteur.email), 'Jamais connecté');
    // Deactivating is a secondary action in two steps: the question names the person.
    assert.ok(!users.buttons().some((button) => /^Désactiver/.test(button)), 'no one-click deactivation');
    assert.ok(users.text.includes(`Désactiver le compte de Alex Durand ? La personne ne pourra plus se connecter`));
    assert.deepEqual(users.form(/^Oui, désactiver/).action, `/utilisateurs/${team.gestionnaire.id}/desactiver`);
  });

  test('an administrateur cannot touch the accounts of another structure', async () => {
    const mine = await createTeam(t.db);
    const theirs = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(mine.administrateur.email, STAFF_PASSWORD);
    assert.equal((await admin.post(`/utilisateurs/${theirs.facteur.id}/role`, { role: 'administrateur' })).statusCode, 404);
    assert.equal((await admin.post(`/utilisateurs/${theirs.facteur.id}/desactiver`)).statusCode, 404);
    const page = await admin.get('/utilisateurs');
    assert.deepEqual(html(page.body).table('Comptes de la structure').map((row) => row[1]).sort(), [mine.administrateur, mine.gestionnaire, mine.instructeur, mine.facteur].map((member) => member.email).sort());
    // Nowhere in the page, not even in an attribute.
    assert.ok(!page.body.includes(theirs.facteur.email));
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
