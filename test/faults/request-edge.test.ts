import assert from 'node:assert/strict';
import { page } from '../helpers/html.ts';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { TestClient } from '../helpers/client.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// Defects 4 and 10 of issue 13: what the edge of the application refuses, and how it says so.

let t: TestApp;
let team: Awaited<ReturnType<typeof createTeam>>;
let admin: TestClient;

before(async () => {
  t = await createTestApp();
  team = await createTeam(t.db, { portal_enabled: true });
  admin = new TestClient(t.app);
  await admin.login(team.administrateur.email, STAFF_PASSWORD);
});
after(() => t.close());

const cookieHeader = (client: TestClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/** A form posted with exactly these bytes and headers, with the client's cookies. */
function rawPost(client: TestClient, url: string, payload: string | Buffer, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookieHeader(client), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload,
  });
}

const form = (client: TestClient, fields: Record<string, string>) => new URLSearchParams({ _csrf: client.csrfToken, ...fields }).toString();

function assertFrenchPage(response: LightMyRequestResponse, status: number, words: RegExp) {
  assert.equal(response.statusCode, status, response.body.slice(0, 300));
  assert.match(String(response.headers['content-type']), /^text\/html/);
  assert.match(response.body, words);
}

const structureName = async () => (await t.db.selectFrom('structures').select('name').where('id', '=', team.structureId).executeTakeFirstOrThrow()).name;
const validStructure = { street: '1 place de la Mairie', postcode: '69001', city: 'Lyon' };

describe('characters a form may not carry (defect 4)', () => {
  test('a NUL byte on either login form is refused with a French page, never a 500', async () => {
    const visitor = new TestClient(t.app);
    const portal = await visitor.post('/portail/connexion', { identifiant: 'VYYTGPTX\0', mot_de_passe: 'x' });
    assertFrenchPage(portal, 400, /caractère invisible ou illisible/);
    assert.match(page(portal.body).title ?? '', /^Caractères non acceptés – Portail usager/);
    visitor.cookies.set('lang', 'en');
    const english = await visitor.post('/portail/connexion', { identifiant: 'VYYTGPTX\0', mot_de_passe: 'x' });
    assert.equal(english.statusCode, 400);
    assert.match(page(english.body).title ?? '', /^Characters not accepted – /);
    assert.match(page(english.body).text, /invisible or unreadable character/);
    visitor.cookies.delete('lang');
    const staff = await visitor.post('/connexion', { email: 'quelqu.un\0@test.example', password: 'x' });
    assertFrenchPage(staff, 400, /caractère invisible ou illisible/);
  });

  test('bytes that are not UTF-8, raw or percent-encoded, are refused and nothing is stored', async () => {
    const before = await structureName();
    const raw = Buffer.concat([Buffer.from(`${form(admin, validStructure)}&name=Caf`), Buffer.from([0xe9, 0xff])]);
    assertFrenchPage(await rawPost(admin, '/structure', raw), 400, /mal encodé/);
    assertFrenchPage(await rawPost(admin, '/structure', `${form(admin, validStructure)}&name=Caf%C3%28`), 400, /mal encodé/);
    assertFrenchPage(await rawPost(admin, '/structure', `${form(admin, validStructure)}&name=Caf%ZZ`), 400, /mal encodé/);
    assert.equal(await structureName(), before);
  });

  test('a form in another character set than UTF-8 is refused (415)', async () => {
    const response = await rawPost(admin, '/structure', form(admin, { ...validStructure, name: 'Accueil' }), { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1' });
    assertFrenchPage(response, 415, /forme acceptée/);
  });

  test('zero-width and direction marks are removed before the name is stored', async () => {
    const response = await admin.post('/structure', { ...validStructure, name: '\u200BAccueil\u200F de\u202E jour\uFEFF' });
    assert.equal(response.statusCode, 303);
    assert.equal(await structureName(), 'Accueil de jour');
  });

  test('a line break is kept in a multi-line field and refused in a one-line field', async () => {
    const person = await createDomicilie(t.db, team.structureId);
    const received = await admin.post(`/domicilies/${person.id}/courriers/reception`, { courrier: '1', comment: 'Lettre recommandée\r\nà retirer' });
    assert.equal(received.statusCode, 303);
    const event = await t.db.selectFrom('courrier_events').select('comment').where('domicilie_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(event.comment, 'Lettre recommandée\r\nà retirer');
    const before = await structureName();
    assertFrenchPage(await admin.post('/structure', { ...validStructure, name: 'Accueil\nde nuit' }), 400, /retour à la ligne/);
    assertFrenchPage(await admin.post('/structure', { ...validStructure, name: 'Accueil\u0007' }), 400, /caractère de contrôle/);
    assert.equal(await structureName(), before);
  });

  test('a path or query string with broken percent-encoding gets a French page, not JSON', async () => {
    for (const url of ['/activation/%ZZ', '/domicilies/%C3%28', '/domicilies?statut=%FF']) {
      assertFrenchPage(await admin.get(url), 400, /caractère invisible ou illisible/);
    }
    assertFrenchPage(await admin.get('/activation/abc%00def'), 400, /caractère invisible ou illisible/);
  });

  test('JSON and plain-text bodies are refused with 415: only forms are accepted', async () => {
    for (const contentType of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
      const response = await rawPost(admin, '/structure', '{"name":"x"}', { 'content-type': contentType, 'x-csrf-token': admin.csrfToken });
      assertFrenchPage(response, 415, /forme acceptée/);
    }
  });
});

describe('body limits (defect 10)', () => {
  test('a 10 MB form gets 413 with a French page, in the portal look under /portail', async () => {
    const huge = `a=${'x'.repeat(10 * 1024 * 1024)}`;
    assertFrenchPage(await rawPost(admin, '/structure', huge), 413, /trop volumineuses/);
    const portal = await rawPost(new TestClient(t.app), '/portail/connexion', huge);
    assertFrenchPage(portal, 413, /trop volumineuses/);
    assert.match(portal.body, /<title>Envoi trop volumineux – Portail usager/);
  });

  test('a form just over 64 KB is refused, the longest real form with accents is not', async () => {
    const person = await createDomicilie(t.db, team.structureId);
    const url = `/domicilies/${person.id}/courriers/reception`;
    const over = `${form(admin, { courrier: '1' })}&comment=${'x'.repeat(64 * 1024)}`;
    assertFrenchPage(await rawPost(admin, url, over), 413, /trop volumineuses/);
    // 5,000 « é » is the schema's maximum: the service then says the comment is too long (400), not 413.
    const longest = await admin.post(url, { courrier: '1', comment: 'é'.repeat(5000) });
    assert.equal(longest.statusCode, 400);
  });
});

describe('where a state-changing request comes from (defect 10)', () => {
  const post = (client: TestClient, headers: Record<string, string>) => rawPost(client, '/structure', form(client, { ...validStructure, name: 'Accueil' }), headers);

  test('a POST from another site is refused 403 even with a valid token', async () => {
    for (const headers of <Record<string, string>[]>[{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: 'http://domiciliation.test.evil.example' }, { referer: 'https://evil.example/page' }, { referer: 'pas une adresse' }]) {
      assertFrenchPage(await post(admin, headers), 403, /autre site/);
    }
  });

  test("PUBLIC_URL, the request's own address, or no Origin and Referer with a valid token are accepted", async () => {
    for (const headers of <Record<string, string>[]>[{ origin: 'http://domiciliation.test' }, { referer: 'http://domiciliation.test/structure' }, { origin: 'http://localhost' }, {}]) {
      assert.equal((await post(admin, headers)).statusCode, 303, JSON.stringify(headers));
    }
  });

  test('without Origin and Referer, a missing token is still refused', async () => {
    const response = await rawPost(admin, '/structure', new URLSearchParams({ ...validStructure, name: 'Accueil' }).toString());
    assertFrenchPage(response, 403, /formulaire a expiré/);
  });

  test('X-Forwarded-Host counts as the own address only with TRUST_PROXY', async () => {
    const headers = { origin: 'https://accueil.example', 'x-forwarded-host': 'accueil.example', 'x-forwarded-proto': 'https' };
    assert.equal((await post(admin, headers)).statusCode, 403);
    const proxied = await createTestApp({ TRUST_PROXY: 'true' });
    try {
      const proxiedTeam = await createTeam(proxied.db);
      const client = new TestClient(proxied.app);
      await client.login(proxiedTeam.administrateur.email, STAFF_PASSWORD);
      const response = await proxied.app.inject({
        method: 'POST',
        url: '/structure',
        headers: { cookie: cookieHeader(client), 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: form(client, { ...validStructure, name: 'Accueil' }),
      });
      assert.equal(response.statusCode, 303);
    } finally {
      await proxied.close();
    }
  });

  test('pages ask for a same-origin Referrer-Policy, so that browsers send our own Origin on our forms', async () => {
    // With « no-referrer » (helmet's default) browsers send « Origin: null » on a form post, which is foreign.
    const response = await admin.get('/structure');
    assert.equal(response.headers['referrer-policy'], 'same-origin');
  });

  test('framing is refused the same way by both headers', async () => {
    const response = await admin.get('/accueil');
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
  });
});
