import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createStaff, createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { createPortalUser, portalLogin, randomLogin, TEMPORARY_PASSWORD } from '../../../../test/helpers/portal-factories.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { hashGeneratedSecret, watchVerifications } from '../../../shared/passwords.ts';
import { normalizeTemporaryPassword } from '../../../domain/portal-access/portal-access.service.ts';

// Nobody may learn whether an identifier exists: not from the message, not from the work done.
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const PERSONAL = '$argon2id$v=19$m=7168,t=5,p=1';
const GENERATED = '$argon2id$v=19$m=4096,t=1,p=1';

function alertOf(body: string): string {
  return /<p class="alert" role="alert">(.*?)<\/p>/s.exec(body)?.[1] ?? '';
}

/** The argon2 settings of every check one attempt makes, sorted. */
async function settingsOf(attempt: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const stop = watchVerifications((settings) => seen.push(settings));
  try {
    await attempt();
  } finally {
    stop();
  }
  return seen.sort();
}

async function lockStaff(client: TestClient, email: string) {
  for (let i = 0; i < 5; i++) await client.post('/connexion', { email, password: `wrong ${i}` });
}

describe('staff login: known, unknown, inactive and locked e-mails look alike', () => {
  test('the same message and one check at the settings of real hashes, whatever the case', async () => {
    const { structureId, instructeur, gestionnaire } = await createTeam(t.db);
    const inactive = await createStaff(t.db, structureId, 'facteur');
    await t.db.updateTable('staff_users').set({ active: false }).where('id', '=', inactive.id).execute();
    const client = new TestClient(t.app);
    const post = (email: string) => client.post('/connexion', { email, password: 'not the password' });
    const cases = { known: instructeur.email, unknown: `nobody-${Date.now()}@nowhere.test`, inactive: inactive.email };
    for (const [name, email] of Object.entries(cases)) {
      let answer: Awaited<ReturnType<typeof post>> | undefined;
      assert.deepEqual(await settingsOf(async () => (answer = await post(email))), [PERSONAL], name);
      assert.equal(answer!.statusCode, 401, name);
      assert.equal(alertOf(answer!.body), 'Adresse e-mail ou mot de passe incorrect.', name);
    }
    const lockedUnknown = `ghost-${Date.now()}@nowhere.test`;
    await lockStaff(client, gestionnaire.email);
    await lockStaff(client, lockedUnknown);
    const alerts: string[] = [];
    for (const email of [gestionnaire.email, lockedUnknown]) {
      let answer: Awaited<ReturnType<typeof post>> | undefined;
      assert.deepEqual(await settingsOf(async () => (answer = await client.post('/connexion', { email, password: STAFF_PASSWORD }))), [PERSONAL]);
      alerts.push(alertOf(answer!.body));
    }
    assert.match(alerts[0]!, /^Trop de tentatives pour cette adresse e-mail : réessayez dans 1[45] minutes\.$/);
    assert.equal(alerts[1], alerts[0], 'a locked unknown e-mail reads exactly like a locked account');
  });
});

describe('portal login: known (temporary or chosen password), unknown and locked identifiers look alike', () => {
  test('the same message and the same two checks, one at each setting, whatever the case', async () => {
    const temporary = await createPortalUser(t.db);
    // As portal-access stores it: drawn secrets use the light setting.
    await t.db.updateTable('portal_accounts').set({ password_hash: await hashGeneratedSecret(normalizeTemporaryPassword(TEMPORARY_PASSWORD)) }).where('id', '=', temporary.id).execute();
    const chosen = await createPortalUser(t.db, { temporary: false });
    const client = new TestClient(t.app);
    const expected = [GENERATED, PERSONAL];
    const alerts = new Map<string, string>();
    for (const [name, login] of Object.entries({ temporary: temporary.login, chosen: chosen.login, unknown: randomLogin() })) {
      let answer: Awaited<ReturnType<typeof portalLogin>> | undefined;
      assert.deepEqual(await settingsOf(async () => (answer = await portalLogin(client, login, 'AAAA-BBBB-CCCC'))), expected, name);
      assert.equal(answer!.statusCode, 401);
      alerts.set(name, alertOf(answer!.body));
    }
    assert.equal(new Set(alerts.values()).size, 1, 'one message for all three');
    assert.equal((await settingsOf(() => portalLogin(new TestClient(t.app), temporary.login, TEMPORARY_PASSWORD))).join(), expected.join(), 'a right password too');

    const lockedUnknown = randomLogin();
    for (const login of [chosen.login, lockedUnknown]) for (let i = 0; i < 5; i++) await portalLogin(client, login, `WRONG-${i}`);
    const locked: string[] = [];
    for (const login of [chosen.login, lockedUnknown]) {
      let answer: Awaited<ReturnType<typeof portalLogin>> | undefined;
      assert.deepEqual(await settingsOf(async () => (answer = await portalLogin(client, login, chosen.password))), expected);
      locked.push(alertOf(answer!.body));
    }
    assert.match(locked[0]!, /^Trop de tentatives pour cet identifiant : réessayez dans 1[45] minutes\.$/);
    assert.equal(locked[1], locked[0]);
  });
});
