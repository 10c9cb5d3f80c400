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

const NEW_PASSWORD = 'un nouveau départ au printemps';

/** The link the page tells the administrateur to pass on. */
function linkIn(body: string): string {
  return /http:\/\/domiciliation\.test(\/activation\/[\w-]+)/.exec(html(body).status ?? '')![1]!;
}

function staffRow(id: string) {
  return t.db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('an administrateur and an active account', () => {
  test('« renew activation » cannot take over an account that already has a password', async () => {
    const { administrateur, instructeur } = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(administrateur.email, STAFF_PASSWORD);
    const refused = await admin.post(`/utilisateurs/${instructeur.id}/activation`);
    assert.equal(refused.statusCode, 400);
    const page = html(refused.body);
    assert.match(page.alert ?? '', /déjà activé/);
    assert.equal(page.status, undefined, 'no link to pass on');
    assert.doesNotMatch(page.text, /\/activation\//);
    assert.equal((await staffRow(instructeur.id)).activation_token_hash, null);
    assert.equal((await new TestClient(t.app).post('/connexion', { email: instructeur.email, password: STAFF_PASSWORD })).statusCode, 303);
  });

  test('a reset closes the sessions, stops the old password, gives a one-hour single-use link, is audited and told to the owner', async () => {
    const { administrateur, instructeur, structureId } = await createTeam(t.db);
    await t.db.updateTable('staff_users').set({ prenom: 'Camille', nom: 'Roux' }).where('id', '=', administrateur.id).execute();
    const owner = new TestClient(t.app);
    await owner.login(instructeur.email, STAFF_PASSWORD);
    const admin = new TestClient(t.app);
    await admin.login(administrateur.email, STAFF_PASSWORD);
    const users = html((await admin.get('/utilisateurs')).body);
    const resetForm = users.forms().find((form) => form.action === `/utilisateurs/${instructeur.id}/mot-de-passe`);
    assert.deepEqual(resetForm?.buttons, ['Réinitialiser le mot de passe de Alex Durand']);

    const before = Date.now();
    const reset = await admin.post(`/utilisateurs/${instructeur.id}/mot-de-passe`);
    assert.equal(reset.statusCode, 200);
    assert.match(html(reset.body).status ?? '', /Transmettez-lui ce lien pour choisir un nouveau mot de passe \(valable une heure, une seule fois\)/);
    const link = linkIn(reset.body);
    assert.equal((await owner.get('/accueil')).headers.location, '/connexion', 'the owner’s session is closed');
    const old = await new TestClient(t.app).post('/connexion', { email: instructeur.email, password: STAFF_PASSWORD });
    assert.equal(old.statusCode, 401, 'the old password stops working');
    const row = await staffRow(instructeur.id);
    assert.ok(row.activation_expires_at!.getTime() - before <= 3600_000 + 5000 && row.activation_expires_at!.getTime() - before > 3500_000);
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'structure_id', 'target_id']).where('action', '=', 'staff.password_reset').where('target_id', '=', instructeur.id).execute();
    assert.deepEqual(audit, [{ actor_id: administrateur.id, structure_id: structureId, target_id: instructeur.id }]);

    const page = html((await owner.get(link)).body);
    assert.equal(page.heading, 'Choisir un nouveau mot de passe');
    assert.ok(page.buttons().includes('Enregistrer mon mot de passe'));
    assert.equal((await owner.post(link, { nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD })).statusCode, 303);
    assert.equal((await owner.get(link)).statusCode, 404, 'the link works once');

    const login = await owner.login(instructeur.email, NEW_PASSWORD);
    const home = await owner.get(login.headers.location as string);
    assert.match(html(home.body).status ?? '', /^Votre mot de passe a été réinitialisé le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} par Camille Roux\./);
    await owner.post('/deconnexion');
    await owner.login(instructeur.email, NEW_PASSWORD);
    const again = html((await owner.get('/accueil')).body);
    assert.equal(again.status, undefined, 'told once');
    assert.doesNotMatch(again.text, /réinitialisé/);
  });

  test('a reset link is refused after its hour', async () => {
    const { administrateur, facteur } = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(administrateur.email, STAFF_PASSWORD);
    const link = linkIn((await admin.post(`/utilisateurs/${facteur.id}/mot-de-passe`)).body);
    await t.db.updateTable('staff_users').set({ activation_expires_at: new Date(Date.now() - 1000) }).where('id', '=', facteur.id).execute();
    assert.equal((await new TestClient(t.app).get(link)).statusCode, 404);
    assert.equal((await new TestClient(t.app).post(link, { nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD })).statusCode, 404);
  });

  test('an administrateur of another structure gets 404 and changes nothing', async () => {
    const mine = await createTeam(t.db);
    const theirs = await createTeam(t.db);
    const admin = new TestClient(t.app);
    await admin.login(mine.administrateur.email, STAFF_PASSWORD);
    assert.equal((await admin.post(`/utilisateurs/${theirs.facteur.id}/mot-de-passe`)).statusCode, 404);
    assert.equal((await new TestClient(t.app).post('/connexion', { email: theirs.facteur.email, password: STAFF_PASSWORD })).statusCode, 303);
  });
});
