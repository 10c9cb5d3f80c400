import assert from 'node:assert/strict';
import { page } from '../../../test/helpers/html.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../test/helpers/client.ts';
import { createTeam, STAFF_PASSWORD } from '../../../test/helpers/factories.ts';
import { createPortalUser, portalLogin } from '../../../test/helpers/portal-factories.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { sha256 } from '../../shared/random.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function loggedIn(options: Parameters<typeof createPortalUser>[1] = {}) {
  const user = await createPortalUser(t.db, { temporary: false, ...options });
  const client = new TestClient(t.app);
  assert.equal((await portalLogin(client, user.login, user.password)).statusCode, 303);
  return { user, client, token: client.cookies.get('psid')! };
}

const sessionRow = (token: string) => t.db.selectFrom('sessions').select(['kind', 'subject_id']).where('id_hash', '=', sha256(token)).executeTakeFirst();
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('portal sessions: limits', () => {
  test('30 minutes without activity end the session', async () => {
    const { client, token } = await loggedIn();
    await t.db.updateTable('sessions').set({ last_seen_at: minutesAgo(29) }).where('id_hash', '=', sha256(token)).execute();
    assert.equal((await client.get('/portail')).statusCode, 200);
    await t.db.updateTable('sessions').set({ last_seen_at: minutesAgo(31) }).where('id_hash', '=', sha256(token)).execute();
    const response = await client.get('/portail');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/portail/connexion');
    assert.equal(await sessionRow(token), undefined);
    assert.equal(client.cookies.get('psid'), undefined, 'the dead cookie is cleared');
  });

  test('12 hours after login the session ends, even when active', async () => {
    const { client, token } = await loggedIn();
    const session = await t.db.selectFrom('sessions').select(['created_at', 'expires_at']).where('id_hash', '=', sha256(token)).executeTakeFirstOrThrow();
    assert.ok(Math.abs(session.expires_at.getTime() - session.created_at.getTime() - 12 * 3600_000) < 5000);
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id_hash', '=', sha256(token)).execute();
    assert.equal((await client.get('/portail')).headers.location, '/portail/connexion');
  });

  test('« Se déconnecter » closes the session; going back shows the login page', async () => {
    const { user, client, token } = await loggedIn();
    const home = await client.get('/portail');
    assert.ok(page(home.body).buttons().includes('Se déconnecter'));
    const response = await client.post('/portail/deconnexion');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/portail/connexion');
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(await sessionRow(token), undefined);
    assert.match((await client.get('/portail/connexion')).body, /Vous êtes déconnecté/);
    client.cookies.set('psid', token);
    const back = await client.get('/portail');
    assert.equal(back.headers.location, '/portail/connexion');
    const logout = await t.db.selectFrom('audit_log').select('action').where('actor_id', '=', user.id).where('action', '=', 'portal.logout').execute();
    assert.equal(logout.length, 1);
  });

  test('« Se déconnecter » in English: the next person on the phone starts in French', async () => {
    const { client } = await loggedIn();
    await client.get('/portail/langue?l=en&retour=%2Fportail');
    assert.equal(client.cookies.get('lang'), 'en');
    const response = await client.post('/portail/deconnexion');
    assert.match(String(response.headers['set-cookie']), /lang=; Max-Age=0; Path=\/portail; Expires=Thu, 01 Jan 1970/);
    assert.equal(client.cookies.has('lang'), false);
    const login = await client.get('/portail/connexion');
    assert.match(login.body, /<html lang="fr">/);
    assert.match(login.body, /Vous êtes déconnecté/);
  });

  test('an access switched off by staff ends the open session at the next page', async () => {
    const { user, client, token } = await loggedIn();
    await t.db.updateTable('portal_accounts').set({ enabled: false }).where('id', '=', user.id).execute();
    assert.equal((await client.get('/portail')).headers.location, '/portail/connexion');
    assert.equal(await sessionRow(token), undefined);
  });

  test('the portal switched off for the structure ends the open session at the next page', async () => {
    const { user, client, token } = await loggedIn();
    await t.db.updateTable('structures').set({ portal_enabled: false }).where('id', '=', user.structureId).execute();
    assert.equal((await client.get('/portail/historique')).headers.location, '/portail/connexion');
    assert.equal(await sessionRow(token), undefined);
  });
});

describe('portal sessions: closed by the staff (« Accès au portail usager »)', () => {
  for (const [label, form] of [['a reset of the temporary password', { acces: 'oui', reinitialiser: 'oui' }], ['a switch-off', { acces: 'non' }]] as const) {
    test(`${label} closes the open session at once`, async () => {
      const team = await createTeam(t.db, { portal_enabled: true });
      const { user, client, token } = await loggedIn({ structureId: team.structureId });
      const staff = new TestClient(t.app);
      await staff.login(team.instructeur.email, STAFF_PASSWORD);
      assert.equal((await staff.post(`/domicilies/${user.domicilieId}/acces-portail`, form)).statusCode, 303);
      assert.equal(await sessionRow(token), undefined);
      assert.equal((await client.get('/portail')).headers.location, '/portail/connexion');
      assert.equal((await portalLogin(new TestClient(t.app), user.login, user.password)).statusCode, 401, 'the old password no longer works');
    });
  }
});

describe('portal sessions: no cache, no crossing with staff sessions', () => {
  test('every portal answer is Cache-Control: no-store, redirects and errors included', async () => {
    const anonymous = new TestClient(t.app);
    const { client } = await loggedIn();
    const answers = [
      await anonymous.get('/portail/connexion'),
      await anonymous.get('/portail'),
      await portalLogin(anonymous, 'ZZZZZZZZ', 'x'),
      await anonymous.post('/portail/deconnexion', {}, { csrf: false }),
      await client.get('/portail'),
      await client.get('/portail/historique'),
      await client.get('/portail/historique?avant=pas-un-uuid'),
      await client.get('/portail/mot-de-passe'),
      await client.get('/portail/inconnue'),
      await anonymous.get('/portail/langue?l=en&retour=/portail'),
    ];
    assert.deepEqual(answers.map((response) => response.statusCode), [200, 303, 401, 403, 200, 200, 400, 200, 404, 303]);
    for (const response of answers) assert.equal(response.headers['cache-control'], 'no-store', `${response.statusCode} ${response.body.slice(0, 80)}`);
    assert.match(answers[3]!.body, /Formulaire expiré/);
    assert.match(answers[3]!.body, /class="site-header portal-header"/, 'errors keep the portal look');
  });

  test('a staff session gives no access to the portal', async () => {
    const team = await createTeam(t.db, { portal_enabled: true });
    const staff = new TestClient(t.app);
    await staff.login(team.administrateur.email, STAFF_PASSWORD);
    assert.equal((await staff.get('/portail')).headers.location, '/portail/connexion');
    staff.cookies.set('psid', staff.cookies.get('sid')!);
    assert.equal((await staff.get('/portail')).headers.location, '/portail/connexion');
  });

  test('a portal session gives no access to staff pages', async () => {
    const { client, token } = await loggedIn();
    assert.equal((await client.get('/accueil')).headers.location, '/connexion');
    client.cookies.set('sid', token);
    assert.equal((await client.get('/accueil')).headers.location, '/connexion');
    assert.equal((await client.get('/structure')).headers.location, '/connexion');
    assert.equal((await sessionRow(token))?.kind, 'portal');
  });
});

describe('portal sessions: production cookie', () => {
  test('the session cookie is Secure in production', async () => {
    const production = await createTestApp({ NODE_ENV: 'production' });
    try {
      const user = await createPortalUser(production.db, { temporary: false });
      const response = await portalLogin(new TestClient(production.app), user.login, user.password);
      const cookie = ([] as string[]).concat(response.headers['set-cookie'] as string[]).find((line) => line.startsWith('psid='))!;
      assert.match(cookie, /; Secure/);
      assert.match(cookie, /SameSite=Strict/);
    } finally {
      await production.close();
    }
  });
});
