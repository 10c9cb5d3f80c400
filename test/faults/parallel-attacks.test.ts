import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../helpers/client.ts';
import { createTeam, STAFF_PASSWORD } from '../helpers/factories.ts';
import { createPortalUser, portalLogin, randomLogin, TEMPORARY_PASSWORD } from '../helpers/portal-factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { watchVerifications } from '../../src/shared/passwords.ts';

// Wrong passwords sent all at once, as an attacker would: each must be counted, on either engine.
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const ATTACKS = 30;

function alertOf(body: string): string {
  return /<p class="alert" role="alert">(.*?)<\/p>/s.exec(body)?.[1] ?? '';
}

async function checksDuring<T>(work: () => Promise<T>): Promise<{ result: T; checks: number }> {
  let checks = 0;
  const stop = watchVerifications(() => checks++);
  try {
    return { result: await work(), checks };
  } finally {
    stop();
  }
}

async function failures(kind: 'staff' | 'portal') {
  const rows = await t.db.selectFrom('login_failures').select(['failures', 'locked_until']).where('kind', '=', kind).execute();
  return rows;
}

describe(`${ATTACKS} wrong passwords at once`, () => {
  test('a staff account is locked and its right password is then refused', async () => {
    const { gestionnaire } = await createTeam(t.db);
    const client = new TestClient(t.app);
    await client.get('/connexion');
    const answers = await Promise.all(Array.from({ length: ATTACKS }, (_, i) => client.post('/connexion', { email: gestionnaire.email, password: `wrong password ${i}` })));
    assert.ok(answers.every((answer) => answer.statusCode === 401));
    const audit = await t.db.selectFrom('audit_log').select('action').where('actor_id', '=', gestionnaire.id).execute();
    const count = (action: string) => audit.filter((row) => row.action === action).length;
    assert.ok(count('staff.login_failed') <= 5, `at most 5 passwords really checked, not ${count('staff.login_failed')}`);
    assert.equal(count('staff.login_failed') + count('staff.login_refused_locked') + (count('staff.locked') > 0 && count('staff.login_failed') < 5 ? 1 : 0), ATTACKS);
    assert.equal(count('staff.locked'), 1);
    const right = await new TestClient(t.app).post('/connexion', { email: gestionnaire.email, password: STAFF_PASSWORD });
    assert.equal(right.statusCode, 401);
    assert.match(alertOf(right.body), /Trop de tentatives pour cette adresse e-mail : réessayez dans 1[45] minutes/);
  });

  test('a portal account is locked and its right password is then refused', async () => {
    const user = await createPortalUser(t.db);
    const client = new TestClient(t.app);
    await client.get('/portail/connexion');
    const answers = await Promise.all(Array.from({ length: ATTACKS }, (_, i) => portalLogin(client, user.login, `WRONG-${i}`)));
    assert.ok(answers.every((answer) => answer.statusCode === 401));
    const right = await portalLogin(new TestClient(t.app), user.login, TEMPORARY_PASSWORD);
    assert.equal(right.statusCode, 401);
    assert.match(alertOf(right.body), /Trop de tentatives pour cet identifiant/);
    assert.equal((await t.db.selectFrom('sessions').select('id_hash').where('subject_id', '=', user.id).execute()).length, 0);
  });

  test('an unknown e-mail and an unknown portal identifier are locked the same way', async () => {
    const client = new TestClient(t.app);
    await client.get('/connexion');
    const email = `nobody-${Date.now()}@nowhere.test`;
    const login = randomLogin();
    await Promise.all([
      ...Array.from({ length: ATTACKS }, (_, i) => client.post('/connexion', { email, password: `wrong password ${i}` })),
      ...Array.from({ length: ATTACKS }, (_, i) => portalLogin(client, login, `WRONG-${i}`)),
    ]);
    assert.match(alertOf((await client.post('/connexion', { email, password: 'one more' })).body), /Trop de tentatives pour cette adresse e-mail/);
    assert.match(alertOf((await portalLogin(client, login, 'ONE-MORE')).body), /Trop de tentatives pour cet identifiant/);
    for (const kind of ['staff', 'portal'] as const) {
      const rows = await failures(kind);
      assert.ok(rows.some((row) => row.failures >= ATTACKS && row.locked_until !== null && row.locked_until > new Date()), `${kind}: all ${ATTACKS} counted`);
    }
  });

  test('every attempt still does the work of a real check, locked or not', async () => {
    const { instructeur } = await createTeam(t.db);
    const client = new TestClient(t.app);
    await client.get('/connexion');
    const { checks } = await checksDuring(() => Promise.all(Array.from({ length: ATTACKS }, (_, i) => client.post('/connexion', { email: instructeur.email, password: `wrong ${i}` }))));
    assert.equal(checks, ATTACKS, 'one argon2 check per staff attempt, locked ones included');
  });
});
