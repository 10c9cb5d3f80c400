import assert from 'node:assert/strict';
import { page } from '../helpers/html.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/db/demo.ts';
import { missingTools, tools } from '../helpers/external-tools.ts';
import { startAppProcess, type AppProcess } from './app-process.ts';
import { HttpClient, type HttpAnswer } from './http-client.ts';
import { PrivateCluster } from './pg-cluster.ts';

/**
 * PostgreSQL stopped (`pg_ctl stop -m fast`) and started again under the running application
 * (a child process of src/main.ts). It needs a server of its own, whatever TEST_DATABASE_URL
 * says, so it runs once: in the PostgreSQL pass of the suite (TEST_DATABASE_URL set).
 */
const CLUSTER_PORT = 55500;
const APP_PORT = 55501;
const UNAVAILABLE = 'Service momentanément indisponible, réessayez dans un instant';

const skip = process.env.TEST_DATABASE_URL ? missingTools(tools.postgres) : 'PostgreSQL : tourne dans la passe PostgreSQL de la suite (TEST_DATABASE_URL), sur un serveur à lui';

function assertUnavailablePage(answer: HttpAnswer, what: string) {
  assert.equal(answer.status, 503, `${what}: ${answer.status} ${answer.body.slice(0, 200)}`);
  assert.ok(answer.body.includes(UNAVAILABLE), `${what} says « ${UNAVAILABLE} »`);
  for (const internal of ['ECONNREFUSED', '57P01', 'Connection terminated', 'SELECT', '    at ']) assert.ok(!answer.body.includes(internal), `${what} shows no internals (${internal})`);
}

async function waitUntil(condition: () => Promise<boolean>, withinMs: number, what: string) {
  const deadline = Date.now() + withinMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms`);
    await sleep(200);
  }
}

describe('PostgreSQL stopped and started under a running application', { skip }, () => {
  const cluster = new PrivateCluster(CLUSTER_PORT);
  let app: AppProcess | undefined;
  after(async () => {
    await app?.stop('SIGKILL');
    cluster.dispose();
  });

  test('answers 503 with a French page while it is down, stays alive, and works again within seconds without a restart', async () => {
    cluster.start();
    app = await startAppProcess(APP_PORT, { DATABASE_URL: cluster.url, DATABASE_IDLE_TIMEOUT_MS: '60000' });
    const staff = new HttpClient(app.url);
    await staff.login('admin@demo.test', DEMO_PASSWORD);
    const list = await staff.get('/domicilies?statut=valide');
    assert.equal(list.status, 200);
    const someone = /\/domicilies\/([0-9a-f-]{36})/.exec(list.body)?.[1];
    assert.ok(someone, 'a valid demo domicilié is listed');
    const portal = new HttpClient(app.url);
    assert.equal((await portal.get('/portail/connexion')).status, 200);
    const portalInEnglish = new HttpClient(app.url);
    await portalInEnglish.get('/portail/langue?l=en');
    assert.equal(page((await portalInEnglish.get('/portail/connexion')).body).lang, 'en');

    cluster.stop();
    assertUnavailablePage(await staff.get('/accueil'), 'the staff home page');
    assertUnavailablePage(await staff.get(`/domicilies/${someone}`), 'a fiche');
    assertUnavailablePage(await staff.post(`/domicilies/${someone}/courriers/reception`, { courrier: '1' }), 'recording mail');
    assertUnavailablePage(await portal.post('/portail/connexion', { identifiant: 'ABCDEFGH', mot_de_passe: 'pas le bon' }), 'the portal login');
    const english = await portalInEnglish.post('/portail/connexion', { identifiant: 'ABCDEFGH', mot_de_passe: 'pas le bon' });
    assert.equal(english.status, 503);
    const englishPage = page(english.body);
    assert.equal(englishPage.lang, 'en');
    assert.match(englishPage.text, /The service is briefly unavailable\. Try again in a moment\./, 'the portal in English says it in English');
    // As a supervisor or a load balancer asks: no cookie.
    const health = await new HttpClient(app.url).get('/healthz');
    assert.equal(health.status, 503);
    assert.deepEqual(JSON.parse(health.body), { status: 'unavailable' });
    await sleep(500);
    assert.ok(app.alive(), `the process is alive:\n${app.output()}`);
    assert.match(app.output(), /Connexion à la base de données perdue \(57P01/, 'the idle connections lost were logged, not fatal');

    cluster.start();
    await waitUntil(async () => (await new HttpClient(app!.url).get('/healthz')).status === 200, 20_000, '/healthz answers 200 again');
    assert.equal((await staff.get('/accueil')).status, 200, 'the session opened before the restart still works');
    assert.equal((await staff.post(`/domicilies/${someone}/courriers/reception`, { courrier: '1' })).status, 303);
    assert.match((await staff.get(`/domicilies/${someone}/courriers`)).body, /Réception enregistrée/);
    assert.equal((await portal.post('/portail/connexion', { identifiant: 'ABCDEFGH', mot_de_passe: 'pas le bon' })).status, 401);
    assert.ok(app.alive());
  });
});
