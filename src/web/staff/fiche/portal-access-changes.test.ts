import assert from 'node:assert/strict';
import { page } from '../../../../test/helpers/html.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createPortalAccount, portalLogin } from '../../../../test/helpers/portal-factories.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { verifyPassword } from '../../../shared/passwords.ts';
import { normalizeTemporaryPassword } from '../../../domain/portal-access/credentials.ts';
import { accountOf, auditActions, clientOf, downloadPassword, portalWorld, renderSection } from '../../../domain/portal-access/portal-access.fixtures.ts';
import { insertAccountWithUniqueLogin } from '../../../domain/portal-access/portal-access.service.ts';
import { openSession } from '../../../domain/sessions/sessions.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());


describe('reset and switch-off', () => {
  test('« Ré-initialiser » gives a new password; the old one stops at once, sessions close and the lock is lifted', async () => {
    const { team, domicilie, url } = await portalWorld(t);
    const client = await clientOf(t, team, 'instructeur');
    await client.post(url, { acces: 'oui' });
    const first = await downloadPassword(client, domicilie.id);
    const before = (await accountOf(t, domicilie.id))!;
    await openSession(t.db, 'portal', before.id);
    await openSession(t.db, 'portal', before.id);
    for (let i = 1; i <= 5; i++) await portalLogin(new TestClient(t.app), before.login, `WRONG-${i}`);
    assert.match(await renderSection(t, team, 'instructeur', domicilie.id), /Trop de tentatives incorrectes/);
    const reset = await client.post(url, { acces: 'oui', reinitialiser: 'oui' });
    assert.equal(reset.statusCode, 303);
    const after = (await accountOf(t, domicilie.id))!;
    const second = await downloadPassword(client, domicilie.id);
    assert.notEqual(second, first);
    assert.equal(after.login, before.login);
    assert.equal(await verifyPassword(after.password_hash, normalizeTemporaryPassword(first)), false);
    assert.equal(await verifyPassword(after.password_hash, normalizeTemporaryPassword(second)), true);
    assert.equal(after.password_is_temporary, true);
    assert.doesNotMatch(await renderSection(t, team, 'instructeur', domicilie.id), /Trop de tentatives incorrectes/);
    const person = new TestClient(t.app);
    assert.equal((await portalLogin(person, after.login, second)).statusCode, 303, 'the new password works at once, the lock is gone');
    const sessions = await t.db.selectFrom('sessions').select('id_hash').where('kind', '=', 'portal').where('subject_id', '=', before.id).execute();
    assert.equal(sessions.length, 1, 'the two sessions opened before were closed; only the new login is left');
    const documents = await t.db.selectFrom('portal_documents').select('id').where('portal_account_id', '=', before.id).execute();
    assert.equal(documents.length, 1, 'the document of the old password is gone');
    assert.ok((await auditActions(t, domicilie.id)).includes('portal_access.reset'));
  });

  test('« Non » switches the access off and closes sessions, keeps account and history; « Oui » later gives a new password', async () => {
    const { team, domicilie, url } = await portalWorld(t);
    const client = await clientOf(t, team, 'administrateur');
    await client.post(url, { acces: 'oui' });
    const first = await downloadPassword(client, domicilie.id);
    const account = (await accountOf(t, domicilie.id))!;
    await openSession(t.db, 'portal', account.id);
    await t.db.insertInto('portal_logins').values({ structure_id: team.structureId, domicilie_id: domicilie.id }).execute();
    assert.equal((await client.post(url, { acces: 'non', reinitialiser: 'oui' })).statusCode, 303);
    const off = (await accountOf(t, domicilie.id))!;
    assert.equal(off.enabled, false);
    assert.equal(off.password_hash, account.password_hash);
    assert.equal((await t.db.selectFrom('sessions').select('id_hash').where('subject_id', '=', account.id).execute()).length, 0);
    assert.equal((await t.db.selectFrom('portal_logins').select('id').where('domicilie_id', '=', domicilie.id).execute()).length, 1);
    assert.equal((await client.get(`${url}/document`)).statusCode, 404);
    assert.equal(page(await renderSection(t, team, 'administrateur', domicilie.id)).terms()['Accès au portail'], 'Non');
    assert.equal((await client.post(url, { acces: 'oui' })).statusCode, 303);
    const on = (await accountOf(t, domicilie.id))!;
    const second = await downloadPassword(client, domicilie.id);
    assert.equal(on.enabled, true);
    assert.equal(on.login, account.login);
    assert.notEqual(second, first);
    assert.equal(await verifyPassword(on.password_hash, normalizeTemporaryPassword(first)), false);
    const actions = await auditActions(t, domicilie.id);
    assert.ok(actions.includes('portal_access.disabled') && actions.includes('portal_access.enabled'));
  });
});

describe('identifiers are unique in the whole database', () => {
  test('a taken identifier is drawn again', async () => {
    const a = await portalWorld(t);
    const b = await portalWorld(t);
    const taken = await createPortalAccount(t.db, a.team.structureId, a.domicilie.id, { login: 'ACACACAC' });
    const draws = ['ACACACAC', 'ACACACAC', 'CDCDCDCD'];
    const row = { structure_id: b.team.structureId, domicilie_id: b.domicilie.id, password_hash: 'x', temporary_password_expires_at: new Date(), temporary_password_issued_at: new Date(), created_by: b.team.instructeur.id };
    const created = await insertAccountWithUniqueLogin(t.db, row, () => draws.shift()!);
    assert.equal(created.login, 'CDCDCDCD');
    assert.equal(draws.length, 0);
    assert.notEqual(created.id, taken.id);
    const c = await portalWorld(t);
    await assert.rejects(insertAccountWithUniqueLogin(t.db, { ...row, domicilie_id: c.domicilie.id, structure_id: c.team.structureId }, () => 'ACACACAC'));
  });
});

