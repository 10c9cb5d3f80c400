import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { openSession } from '../src/domain/sessions/sessions.service.ts';
import { roles, type Role } from '../src/shared/roles.ts';
import type { Fixture, RouteRule } from './authorization/rules.ts';
import { routeList } from './faults/route-list.ts';
import { TestClient } from './helpers/client.ts';
import { createDomicilie, createStaff, createTeam, STAFF_PASSWORD } from './helpers/factories.ts';
import { createPortalAccount } from './helpers/portal-factories.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

// Each module lists its routes in test/authorization/<module>.ts; this file checks them all.
const folder = new URL('./authorization/', import.meta.url);
const ruleFiles = readdirSync(folder).filter((name) => name.endsWith('.ts') && name !== 'rules.ts').sort();
const allRules: { file: string; rule: RouteRule }[] = [];
for (const file of ruleFiles) {
  const module = (await import(new URL(file, folder).href)) as { rules: RouteRule[] };
  for (const rule of module.rules) allRules.push({ file, rule });
}

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type Caller = Role | 'anonymous' | 'other-structure-admin' | 'portal-user';

async function world() {
  const team = await createTeam(t.db, { portal_enabled: true });
  const other = await createTeam(t.db, { portal_enabled: true });
  const domicilie = await createDomicilie(t.db, team.structureId);
  const colleague = await createStaff(t.db, team.structureId, 'instructeur');
  const decision = await t.db.selectFrom('decisions').select('id').where('domicilie_id', '=', domicilie.id).where('status', '=', 'valide').executeTakeFirstOrThrow();
  const fixture: Fixture = { structureId: team.structureId, domicilieId: domicilie.id, colleagueId: colleague.id, decisionId: decision.id };
  return { team, other, fixture };
}

async function clientFor(caller: Caller, w: Awaited<ReturnType<typeof world>>) {
  const client = new TestClient(t.app);
  if (caller === 'anonymous') return client;
  if (caller === 'portal-user') {
    const person = await createDomicilie(t.db, w.team.structureId, { nom: 'Usager', prenom: 'Portail' });
    const account = await createPortalAccount(t.db, w.team.structureId, person.id, { temporary: false });
    client.cookies.set('psid', await openSession(t.db, 'portal', account.id));
    return client;
  }
  const staff = caller === 'other-structure-admin' ? w.other.administrateur : w.team[caller];
  await client.login(staff.email, STAFF_PASSWORD);
  return client;
}

function expected(rule: RouteRule, caller: Caller): (status: number, location?: string) => boolean {
  if (rule.audience === 'portal') {
    if (caller === 'portal-user') return (status) => status < 400 || status === 400;
    return (status, location) => status === 303 && location === '/portail/connexion';
  }
  if (caller === 'anonymous' || caller === 'portal-user') return (status, location) => status === 303 && location === '/connexion';
  if (caller === 'other-structure-admin') {
    if (rule.scoped) return (status) => status === 404;
    return rule.allowed.includes('administrateur') ? (status) => status < 500 && status !== 403 : (status) => status === 403;
  }
  if (!rule.allowed.includes(caller)) return (status) => status === 403;
  return (status) => status < 500 && ![401, 403, 404].includes(status);
}

const callers: Caller[] = ['anonymous', 'portal-user', ...roles, 'other-structure-admin'];

/** Routes open to anyone by design: logging in, activating an account, the language, static files (« /* »), health. */
const PUBLIC_ROUTES = [
  'GET /', 'GET /connexion', 'POST /connexion', 'GET /activation/:', 'POST /activation/:', 'GET /healthz', 'GET /*',
  'GET /portail/connexion', 'POST /portail/connexion', 'GET /portail/langue',
  'GET /portail/confirmer-email', 'POST /portail/confirmer-email',
];

test('every route of the app has a rule here, or is public by design', () => {
  // Parameters are compared by position only: « :id » in the route, « :domicilie » in the rule.
  const shape = (route: string) => route.replace(/:[^/]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':');
  const placeholders: Fixture = { structureId: ':structure', domicilieId: ':domicilie', colleagueId: ':staff', decisionId: ':decision' };
  const covered = new Set([...allRules.map(({ rule }) => shape(`${rule.method} ${rule.path(placeholders)}`)), ...PUBLIC_ROUTES]);
  const missing = routeList(t.app).map(shape).filter((route) => !covered.has(route) && !covered.has(route.replace(/\/$/, '')));
  assert.deepEqual(missing, [], 'a route without a rule in test/authorization/');
});

describe('authorization matrix: route × caller → status', () => {
  for (const { file, rule } of allRules) {
    const label = `${rule.method} ${rule.path({ structureId: ':structure', domicilieId: ':domicilie', colleagueId: ':staff', decisionId: ':decision' })} (${file})`;
    test(label, async () => {
      for (const caller of callers) {
        const w = await world();
        const client = await clientFor(caller, w);
        if (rule.prepare) {
          const administrateur = new TestClient(t.app);
          await administrateur.login(w.team.administrateur.email, STAFF_PASSWORD);
          await rule.prepare(administrateur, w.fixture, client);
        }
        const url = rule.path(w.fixture);
        const response = rule.method === 'GET' ? await client.get(url) : await client.post(url, rule.form?.(w.fixture) ?? {});
        const location = response.headers.location as string | undefined;
        assert.ok(expected(rule, caller)(response.statusCode, location), `${caller}: ${rule.method} ${url} answered ${response.statusCode}${location ? ` → ${location}` : ''}`);
      }
    });
  }
});
