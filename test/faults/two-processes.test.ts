import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openPostgres, type Database } from '../../src/db/database.ts';
import { DEMO_PASSWORD } from '../../src/db/demo.ts';
import { createPortalAccount } from '../helpers/portal-factories.ts';
import { startAppProcess, type AppProcess } from './app-process.ts';

/**
 * Two real application processes (src/main.ts) on one PostgreSQL database: what one knows the
 * other must know, since sessions, lockouts and address counters all live in the database.
 * It needs a PostgreSQL server, so it runs in the PostgreSQL pass of the suite, in a fresh
 * database of its own on TEST_DATABASE_URL's server.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const skip = serverUrl ? false : 'PostgreSQL : tourne dans la passe PostgreSQL de la suite (TEST_DATABASE_URL)';
const PORTS = [55530, 55531] as const;
const CEILING = 20;

/** One browser that can talk to either process: cookies and CSRF token are shared, as behind a load balancer. */
class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly address: string) {}

  async request(base: string, method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
    if (form && !this.csrf) await this.request(base, 'GET', path.startsWith('/portail') ? '/portail/connexion' : '/connexion');
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '), 'x-forwarded-for': this.address };
    let body: string | undefined;
    if (form) {
      body = new URLSearchParams({ _csrf: this.csrf, ...form }).toString();
      Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', origin: base });
    }
    const response = await fetch(base + path, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(20_000) });
    for (const cookie of response.headers.getSetCookie()) {
      const [name, ...value] = cookie.split(';')[0]!.split('=');
      if (value.join('=') === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    const text = await response.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? this.csrf;
    return { status: response.status, body: text, location: response.headers.get('location') };
  }
}

let addressCount = 0;
const newBrowser = () => new Browser(`203.0.113.${++addressCount}`);

describe('two application processes on one PostgreSQL', { skip }, () => {
  const name = `domiciliation_two_${randomBytes(5).toString('hex')}`;
  const apps: AppProcess[] = [];
  let database: Database | undefined;
  let a = '';
  let b = '';

  before(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString(), TRUST_PROXY: 'true', LOGIN_RATE_LIMIT_PER_MINUTE: String(CEILING), DATABASE_POOL_SIZE: '3' };
    // One after the other: the first migrates and seeds the demonstration data.
    for (const port of PORTS) apps.push(await startAppProcess(port, { ...env, PUBLIC_URL: `http://127.0.0.1:${port}` }));
    [a, b] = apps.map((app) => app.url) as [string, string];
    database = openPostgres(url.toString(), 2);
  });

  after(async () => {
    for (const app of apps) await app.stop('SIGKILL');
    await database?.close();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  test('a session opened on one process works on the other, and a logout on one ends it on both', async () => {
    const browser = newBrowser();
    await browser.request(a, 'GET', '/connexion');
    assert.equal((await browser.request(a, 'POST', '/connexion', { email: 'admin@demo.test', password: DEMO_PASSWORD })).status, 303);
    assert.equal((await browser.request(b, 'GET', '/accueil')).status, 200);
    const session = browser.cookies.get('sid')!;
    await browser.request(b, 'POST', '/deconnexion', {});
    const stolen = newBrowser();
    stolen.cookies.set('sid', session);
    assert.equal((await stolen.request(a, 'GET', '/accueil')).location, '/connexion');
  });

  test('30 wrong passwords at once, split over both, lock the account on both', async () => {
    const attacker = newBrowser();
    await attacker.request(a, 'GET', '/connexion');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => newAttempt(attacker, i % 2 === 0 ? a : b, { email: 'facteur@demo.test', password: `mauvais ${i}` })),
    );
    assert.ok(answers.every((status) => status === 401 || status === 429));
    for (const base of [a, b]) {
      const owner = newBrowser();
      const right = await owner.request(base, 'POST', '/connexion', { email: 'facteur@demo.test', password: DEMO_PASSWORD });
      assert.equal(right.status, 401, `the right password is refused on ${base}: ${right.body.slice(right.body.indexOf('<main'), right.body.indexOf('<main') + 400)}`);
      assert.match(right.body, /Trop de tentatives pour cette adresse e-mail/);
    }
  });

  test(`an address's failures are counted over both processes: ${CEILING} in all, then 429 on both`, async () => {
    // Within one minute of the counters: wait for a fresh minute if this one is nearly over.
    if (new Date().getSeconds() > 45) await sleep((61 - new Date().getSeconds()) * 1000);
    const attacker = newBrowser();
    const statuses: number[] = [];
    for (let i = 0; i < CEILING + 4; i++) statuses.push(await newAttempt(attacker, i % 2 === 0 ? a : b, { email: `inconnu${i}@nulle-part.test`, password: 'au hasard' }));
    assert.deepEqual(statuses, [...Array(CEILING).fill(401), 429, 429, 429, 429]);
    const neighbour = newBrowser();
    assert.equal((await neighbour.request(b, 'POST', '/connexion', { email: 'gestionnaire@demo.test', password: DEMO_PASSWORD })).status, 303, 'another address logs in');
  });

  test('a password reset on one process closes the owner’s sessions on the other', async () => {
    const owner = newBrowser();
    assert.equal((await owner.request(b, 'POST', '/connexion', { email: 'instructeur@demo.test', password: DEMO_PASSWORD })).status, 303);
    assert.equal((await owner.request(b, 'GET', '/accueil')).status, 200);
    const admin = newBrowser();
    assert.equal((await admin.request(a, 'POST', '/connexion', { email: 'admin@demo.test', password: DEMO_PASSWORD })).status, 303);
    const { id } = await database!.db.selectFrom('staff_users').select('id').where('email', '=', 'instructeur@demo.test').executeTakeFirstOrThrow();
    assert.equal((await admin.request(a, 'POST', `/utilisateurs/${id}/mot-de-passe`, {})).status, 200);
    assert.equal((await owner.request(b, 'GET', '/accueil')).location, '/connexion');
  });

  test('the portal switched off on one process closes portal sessions on the other', async () => {
    const demoStructure = await database!.db.selectFrom('staff_users').select('structure_id').where('email', '=', 'admin@demo.test').executeTakeFirstOrThrow();
    await database!.db.updateTable('structures').set({ portal_enabled: true }).where('id', '=', demoStructure.structure_id).execute();
    const domicilie = await database!.db.selectFrom('domicilies').select('id').where('structure_id', '=', demoStructure.structure_id).limit(1).executeTakeFirstOrThrow();
    await database!.db.deleteFrom('portal_accounts').where('domicilie_id', '=', domicilie.id).execute();
    const account = await createPortalAccount(database!.db, demoStructure.structure_id, domicilie.id, { temporary: false });
    const person = newBrowser();
    assert.equal((await person.request(b, 'POST', '/portail/connexion', { identifiant: account.login, mot_de_passe: account.password })).status, 303);
    assert.equal((await person.request(b, 'GET', '/portail')).status, 200);
    const admin = newBrowser();
    assert.equal((await admin.request(a, 'POST', '/connexion', { email: 'admin@demo.test', password: DEMO_PASSWORD })).status, 303);
    assert.ok((await admin.request(a, 'POST', '/structure/portail', { portal_enabled: 'non', portal_login_updates_last_visit: 'non' })).status < 400);
    assert.equal((await person.request(b, 'GET', '/portail')).location, '/portail/connexion');
  });
});

async function newAttempt(browser: Browser, base: string, form: Record<string, string>): Promise<number> {
  return (await browser.request(base, 'POST', '/connexion', form)).status;
}
