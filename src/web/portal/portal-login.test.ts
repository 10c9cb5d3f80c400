import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TestClient } from '../../../test/helpers/client.ts';
import { createPortalUser, PERSONAL_PASSWORD, portalLogin, TEMPORARY_PASSWORD } from '../../../test/helpers/portal-factories.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { sha256 } from '../../shared/random.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const GENERIC = 'Identifiant ou mot de passe incorrect.';
const ASK_STRUCTURE = /Adressez-vous à votre structure/i;

/** The refusal shown above the login form, as announced. */
const alertOf = (body: string) => html(body).alert ?? '';

function account(id: string) {
  return t.db.selectFrom('portal_accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function auditOf(accountId: string) {
  return t.db.selectFrom('audit_log').select(['action', 'details', 'actor_type']).where('actor_id', '=', accountId).orderBy('id').execute();
}

describe('portal login: identifier and temporary password as typed by people', () => {
  test('case, spaces and separators are ignored in the identifier and the temporary password', async () => {
    const user = await createPortalUser(t.db);
    const spaced = `${user.login.slice(0, 4).toLowerCase()} ${user.login.slice(4)}-`;
    const typed = TEMPORARY_PASSWORD.toLowerCase().replaceAll('-', ' ').replace(' ', '.');
    const client = new TestClient(t.app);
    const response = await portalLogin(client, spaced, typed);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/portail/nouveau-mot-de-passe');
    assert.ok(client.cookies.get('psid'));
  });

  test('a personal password is exact: case and spaces count', async () => {
    const user = await createPortalUser(t.db, { temporary: false });
    assert.equal((await portalLogin(new TestClient(t.app), user.login, PERSONAL_PASSWORD.toUpperCase())).statusCode, 401);
    const ok = await portalLogin(new TestClient(t.app), user.login.toLowerCase(), PERSONAL_PASSWORD);
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/portail');
  });

  test('the session cookie is httpOnly, SameSite=Strict and limited to /portail', async () => {
    const user = await createPortalUser(t.db, { temporary: false });
    const response = await portalLogin(new TestClient(t.app), user.login, user.password);
    const cookie = String(response.headers['set-cookie']).split(/,(?=\s*\w+=)/).find((line) => line.trim().startsWith('psid='))!;
    assert.match(cookie, /Path=\/portail(;|$)/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
  });
});

describe('portal login: refusals', () => {
  test('unknown identifier and wrong password give the same message and status', async () => {
    const user = await createPortalUser(t.db);
    const unknown = await portalLogin(new TestClient(t.app), 'ZZZZZZZZ', TEMPORARY_PASSWORD);
    const wrong = await portalLogin(new TestClient(t.app), user.login, 'AAAA-BBBB-CCCC');
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    for (const response of [unknown, wrong]) {
      assert.match(alertOf(response.body), new RegExp(GENERIC));
      assert.doesNotMatch(alertOf(response.body), ASK_STRUCTURE);
    }
    assert.equal(html(wrong.body).field('Identifiant').value, user.login, 'the identifier typed is kept');
    const failures = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'portal.login_failed').execute();
    assert.ok(failures.some((row) => row.details.reason === 'unknown'));
    assert.deepEqual((await auditOf(user.id)).map((row) => [row.action, row.details.reason]), [['portal.login_failed', 'password']]);
  });

  test('5 failures within 15 minutes lock the account for 15 minutes, even for the right password', async () => {
    const user = await createPortalUser(t.db);
    const client = new TestClient(t.app);
    for (let i = 1; i <= 4; i++) assert.match((await portalLogin(client, user.login, `WRONG-${i}`)).body, new RegExp(GENERIC));
    const fifth = await portalLogin(client, user.login, 'WRONG-5');
    assert.match(alertOf(fifth.body), /Trop de tentatives pour cet identifiant : réessayez dans 15 minutes\./);
    const [lock] = await t.db.selectFrom('login_failures').select('locked_until').where('kind', '=', 'portal').where('identifier_key', '=', sha256(`identifier:${user.login}`)).execute();
    assert.ok(lock?.locked_until && lock.locked_until.getTime() - Date.now() > 14 * 60_000);
    const right = await portalLogin(client, user.login, TEMPORARY_PASSWORD);
    assert.equal(right.statusCode, 401);
    assert.match(alertOf(right.body), /Trop de tentatives/);
    assert.equal(client.cookies.get('psid'), undefined);
    const actions = (await auditOf(user.id)).map((row) => row.action);
    assert.deepEqual(actions, ['portal.login_failed', 'portal.login_failed', 'portal.login_failed', 'portal.login_failed', 'portal.locked', 'portal.login_refused']);
  });

  test('after the lock ends the right password works and clears the failures', async () => {
    const user = await createPortalUser(t.db);
    const client = new TestClient(t.app);
    for (let i = 1; i <= 5; i++) await portalLogin(client, user.login, `WRONG-${i}`);
    assert.equal((await t.db.selectFrom('login_failures').select('failures').where('kind', '=', 'portal').execute()).length > 0, true);
    await sql`UPDATE login_failures SET locked_until = now() - interval '1 second', window_start = now() - interval '31 minutes'`.execute(t.db);
    assert.equal((await portalLogin(client, user.login, TEMPORARY_PASSWORD)).statusCode, 303);
    assert.equal((await account(user.id)).last_login_at !== null, true);
    for (let i = 1; i <= 4; i++) assert.match(alertOf((await portalLogin(new TestClient(t.app), user.login, `WRONG-${i}`)).body), new RegExp(GENERIC), 'the count started again');
  });

  test('an expired temporary password is told only after a correct password', async () => {
    const user = await createPortalUser(t.db, { temporaryPasswordExpiresAt: new Date(Date.now() - 60_000) });
    const wrong = await portalLogin(new TestClient(t.app), user.login, 'AAAA-BBBB-CCCC');
    assert.match(wrong.body, new RegExp(GENERIC));
    const right = await portalLogin(new TestClient(t.app), user.login, TEMPORARY_PASSWORD);
    assert.equal(right.statusCode, 401);
    assert.match(right.body, /mot de passe temporaire n’est plus valable/);
    assert.match(alertOf(right.body), ASK_STRUCTURE);
    assert.equal((await auditOf(user.id)).at(-1)!.details.reason, 'expired');
  });

  test('switched-off access is told only after a correct password', async () => {
    const user = await createPortalUser(t.db, { enabled: false, temporary: false });
    assert.match((await portalLogin(new TestClient(t.app), user.login, 'not the password at all')).body, new RegExp(GENERIC));
    const right = await portalLogin(new TestClient(t.app), user.login, user.password);
    assert.equal(right.statusCode, 401);
    assert.match(right.body, /accès au portail est désactivé/);
    assert.match(alertOf(right.body), ASK_STRUCTURE);
  });

  test('portal off for the structure is told only after a correct password', async () => {
    const user = await createPortalUser(t.db, { structure: { portal_enabled: false }, temporary: false });
    assert.match((await portalLogin(new TestClient(t.app), user.login, 'not the password at all')).body, new RegExp(GENERIC));
    const right = await portalLogin(new TestClient(t.app), user.login, user.password);
    assert.equal(right.statusCode, 401);
    assert.match(right.body, /portail usager est fermé/);
    assert.match(alertOf(right.body), ASK_STRUCTURE);
    assert.equal((await auditOf(user.id)).at(-1)!.details.reason, 'portal_off');
  });
});

describe('portal login: what a successful login records', () => {
  test('the login is recorded and, when the structure chose so, updates the date de dernier passage', async () => {
    const counted = await createPortalUser(t.db, { structure: { portal_login_updates_last_visit: true }, temporary: false, domicilie: { start_date: '2026-01-01', created_at: new Date('2026-01-01T10:00:00Z') } });
    const notCounted = await createPortalUser(t.db, { structure: { portal_login_updates_last_visit: false }, temporary: false, domicilie: { start_date: '2026-01-01', created_at: new Date('2026-01-01T10:00:00Z') } });
    const before = Date.now();
    for (const user of [counted, notCounted]) assert.equal((await portalLogin(new TestClient(t.app), user.login, user.password)).statusCode, 303);
    const logins = await t.db.selectFrom('portal_logins').select(['domicilie_id', 'structure_id', 'counts_as_visit']).where('domicilie_id', 'in', [counted.domicilieId, notCounted.domicilieId]).execute();
    assert.deepEqual(
      logins.map((row) => [row.domicilie_id, row.structure_id, row.counts_as_visit]).sort(),
      [[counted.domicilieId, counted.structureId, true], [notCounted.domicilieId, notCounted.structureId, false]].sort(),
    );
    const lastVisit = async (id: string) => (await t.db.selectFrom('domicilies').select('last_visit_at').where('id', '=', id).executeTakeFirstOrThrow()).last_visit_at;
    assert.ok((await lastVisit(counted.domicilieId))!.getTime() >= before - 1000);
    const untouched = await lastVisit(notCounted.domicilieId);
    assert.ok(untouched === null || untouched.getTime() < before - 1000);
    for (const user of [counted, notCounted]) {
      const row = await account(user.id);
      assert.ok(row.last_login_at && row.last_login_at.getTime() >= before - 1000);
      assert.equal((await auditOf(user.id)).at(-1)!.action, 'portal.login');
    }
  });

  test('a first login with the temporary password is recorded too, and the password stays temporary', async () => {
    const user = await createPortalUser(t.db);
    await portalLogin(new TestClient(t.app), user.login, TEMPORARY_PASSWORD);
    const count = await t.db.selectFrom('portal_logins').select((eb) => eb.fn.countAll<string>().as('n')).where('domicilie_id', '=', user.domicilieId).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
    assert.equal((await account(user.id)).password_is_temporary, true);
  });

  test('every login gives a new session id; the session opened before is closed', async () => {
    const user = await createPortalUser(t.db, { temporary: false });
    const client = new TestClient(t.app);
    await portalLogin(client, user.login, user.password);
    const first = client.cookies.get('psid')!;
    await portalLogin(client, user.login, user.password);
    const second = client.cookies.get('psid')!;
    assert.notEqual(first, second);
    const stored = await t.db.selectFrom('sessions').select('id_hash').where('subject_id', '=', user.id).execute();
    assert.deepEqual(stored.map((row) => row.id_hash), [sha256(second)]);
  });
});

describe('portal login: failures per IP address', () => {
  test('failures beyond the ceiling are refused with 429 in the portal look; successes do not count', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const user = await createPortalUser(limited.db, { temporary: false });
      const client = new TestClient(limited.app);
      for (let i = 0; i < 5; i++) assert.equal((await portalLogin(new TestClient(limited.app), user.login, user.password)).statusCode, 303, 'a right password is never counted');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await portalLogin(client, 'ZZZZZZZZ', 'x')).statusCode);
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      const refused = await portalLogin(client, 'ZZZZZZZZ', 'x');
      assert.match(refused.body, /Trop de tentatives/);
      assert.match(refused.body, /Portail usager/);
      assert.equal(refused.headers['cache-control'], 'no-store');
    } finally {
      await limited.close();
    }
  });
});
