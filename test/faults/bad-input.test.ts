import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { openSession } from '../../src/domain/sessions/sessions.service.ts';
import { createStaff as createStaffAccount } from '../../src/domain/staff/staff.service.ts';
import { hmac, randomToken } from '../../src/shared/random.ts';
import { createDomicilie, createStaff, createTeam } from '../helpers/factories.ts';
import { createPortalAccount } from '../helpers/portal-factories.ts';
import { createTestApp, TEST_SECRET, type TestApp } from '../helpers/test-app.ts';
import { bodyPayloads, fewFieldPayloads, fieldPayloads, paramPayloads, queryPayloads, type FieldPayload, type WireValue } from './bad-input.payloads.ts';
import { campaignRoutes, type CampaignRoute, type Fixture, type Form } from './bad-input.routes.ts';
import { routeList } from './route-list.ts';

// Issue 13, « bad-input campaign »: every route of the real app, every kind of hostile input, as
// an anonymous visitor, a logged-in staff member and a logged-in domicilié. Never a 5xx, always
// a French page (or a redirect), 413 for a too-large body, no internals, nothing half-written.

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type CallerName = 'anonymous' | 'staff' | 'portal';
/** Cookies of one caller; its session is reopened when a route closes it. */
type Caller = { name: CallerName; cookies: Record<string, string>; reopen(): Promise<void> };

async function caller(name: CallerName, session?: { kind: 'staff' | 'portal'; id: string }): Promise<Caller> {
  const cookies: Record<string, string> = { csrf: randomToken(18) };
  const me: Caller = {
    name,
    cookies,
    async reopen() {
      if (session) cookies[session.kind === 'staff' ? 'sid' : 'psid'] = await openSession(t.db, session.kind, session.id);
    },
  };
  await me.reopen();
  return me;
}

const csrfOf = (who: Caller) => hmac(TEST_SECRET, `csrf:${who.cookies.csrf}`);
const cookieHeader = (who: Caller) => Object.entries(who.cookies).map(([name, value]) => `${name}=${value}`).join('; ');

function encodeValue(name: string, value: WireValue): string {
  const key = encodeURIComponent(name);
  if ('raw' in value) return `${key}=${value.raw}`;
  // URLSearchParams, as browsers: a lone surrogate goes out as U+FFFD.
  const items = 'text' in value ? [value.text] : value.repeated;
  return items.map((item) => new URLSearchParams([[name, item]]).toString()).join('&');
}

function encodeForm(form: Form, replaced?: { field: string; value: WireValue }): string {
  const fields: [string, WireValue][] = Object.entries(form).map(([name, value]) => [name, typeof value === 'string' ? { text: value } : { repeated: value }]);
  if (replaced) {
    const index = fields.findIndex(([name]) => name === replaced.field);
    if (index === -1) fields.push([replaced.field, replaced.value]);
    else fields[index] = [replaced.field, replaced.value];
  }
  return fields.map(([name, value]) => encodeValue(name, value)).join('&');
}

function fillPath(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)|\*/g, (whole, name: string | undefined) => params[name ?? '*'] ?? whole);
}

const internals = /\bat \S+ \(|node_modules|\.ts:\d+|\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|syntax error|violates|invalid input syntax|duplicate key|\bpg_|FST_ERR|TypeError|ReferenceError|RangeError|\bError:|stack/;

/** Rows and records a refused request must leave exactly as they were. */
async function fingerprint(f: Fixture, structureId: string): Promise<string> {
  const { rows } = await sql<{ print: string }>`
    SELECT concat_ws(',',
      (SELECT count(*) FROM domicilies), (SELECT count(*) FROM ayants_droit), (SELECT count(*) FROM decisions),
      (SELECT count(*) FROM procurations), (SELECT count(*) FROM transferts), (SELECT count(*) FROM courrier_events),
      (SELECT count(*) FROM courrier_items), (SELECT count(*) FROM portal_accounts), (SELECT count(*) FROM staff_users),
      (SELECT count(*) FROM structure_messages),
      (SELECT md5(row_to_json(s)::text) FROM structures s WHERE id = ${structureId}),
      (SELECT md5(row_to_json(d)::text) FROM domicilies d WHERE id = ${f.domicilieId}),
      (SELECT md5(row_to_json(u)::text) FROM staff_users u WHERE id = ${f.colleagueId})) AS print`.execute(t.db);
  return rows[0]!.print;
}

type Outcome = { requests: number; failures: string[]; print?: string };

async function send(outcome: Outcome, who: Caller, route: CampaignRoute, label: string, request: { method: string; url: string; contentType?: string; body?: string | Buffer }, check: () => Promise<string>) {
  // Only a POST may write: a GET is not fingerprinted. After a refused POST, the print is still current.
  const before = request.method === 'POST' ? (outcome.print ??= await check()) : null;
  const headers: Record<string, string> = { cookie: cookieHeader(who) };
  if (request.contentType) headers['content-type'] = request.contentType;
  const response: LightMyRequestResponse = await t.app.inject({ method: request.method as 'GET', url: request.url, headers, payload: request.body });
  outcome.requests++;
  const problem = judge(response, route, request);
  if (before !== null) {
    outcome.print = response.statusCode >= 400 ? await check() : undefined;
    if (!problem && outcome.print !== undefined && outcome.print !== before) outcome.failures.push(`${who.name} ${label}: refused (${response.statusCode}) but the data changed`);
  }
  if (problem) outcome.failures.push(`${who.name} ${label}: ${problem}`);
  if (route.endsSession) await who.reopen();
  return response;
}

function judge(response: LightMyRequestResponse, route: CampaignRoute, request: { body?: string | Buffer }): string | null {
  const status = response.statusCode;
  if (status >= 500) return `server error ${status}`;
  const size = typeof request.body === 'string' ? Buffer.byteLength(request.body) : (request.body?.length ?? 0);
  if (size > 64 * 1024 && status !== 413 && status !== 415) return `${size} bytes answered ${status}, not 413`;
  if (status >= 300 && status < 400) return typeof response.headers.location === 'string' ? null : `redirect ${status} without a location`;
  const type = String(response.headers['content-type'] ?? '');
  const expected = status < 300 ? (route.answer ?? 'page') : 'page';
  if (expected === 'page' && !(/^text\/html/.test(type) && /<html lang="fr"/.test(response.body))) return `status ${status}: not a French page (${type})`;
  if (expected === 'page' && internals.test(response.body.replace(/<input[^>]*>|<textarea[^>]*>[^<]*<\/textarea>/g, ''))) return `status ${status}: the page shows internals`;
  return null;
}

async function world(): Promise<{ f: Fixture; structureId: string; staffId: string; portalId: string; temporaryPortalId: string }> {
  const team = await createTeam(t.db, { portal_enabled: true });
  const other = await createTeam(t.db, { portal_enabled: true });
  const domicilie = await createDomicilie(t.db, team.structureId);
  const access = await createDomicilie(t.db, team.structureId, { nom: 'Acces', prenom: 'Portail' });
  const portalPerson = await createDomicilie(t.db, team.structureId, { nom: 'Usager', prenom: 'Portail' });
  const portal = await createPortalAccount(t.db, team.structureId, portalPerson.id, { temporary: false });
  const temporaryPerson = await createDomicilie(t.db, team.structureId, { nom: 'Nouveau', prenom: 'Portail' });
  const temporary = await createPortalAccount(t.db, team.structureId, temporaryPerson.id);
  const colleague = await createStaff(t.db, team.structureId, 'instructeur');
  const deactivated = await createStaff(t.db, team.structureId, 'facteur');
  const invited = await createStaffAccount(t.db, team.structureId, { nom: 'Invite', prenom: 'Sam', email: 'invite@test.example', role: 'facteur' }, null);
  const foreign = await createDomicilie(t.db, other.structureId);
  const f: Fixture = {
    domicilieId: domicilie.id,
    accessDomicilieId: access.id,
    foreignDomicilieId: foreign.id,
    colleagueId: colleague.id,
    deactivatedColleagueId: deactivated.id,
    procurationId: '00000000-0000-4000-8000-000000000001',
    activationToken: invited.activationToken,
  };
  return { f, structureId: team.structureId, staffId: team.administrateur.id, portalId: portal.id, temporaryPortalId: temporary.id };
}

/** The payloads one caller sends to one route: all of them when the route is for this caller. */
async function campaign(outcome: Outcome, who: Caller, method: string, pattern: string, route: CampaignRoute, f: Fixture, check: () => Promise<string>) {
  // Public pages get everything from the anonymous visitor; logged-in callers add a few payloads there.
  const full = route.audience === (who.name === 'anonymous' ? 'public' : who.name);
  const params = route.params?.(f) ?? {};
  const url = fillPath(pattern, params);
  const form: Form = { ...(route.form?.(f) ?? {}) };
  const fields = method === 'GET' ? (route.query ?? {}) : (route.body ?? {});
  const go = (label: string, request: { url?: string; contentType?: string; body?: string | Buffer }) =>
    send(outcome, who, route, `${method} ${pattern} ${label}`, { method, url: request.url ?? url, ...request }, check);
  const withFields = (replaced?: { field: string; value: WireValue }) => {
    const encoded = encodeForm(method === 'GET' ? form : { _csrf: csrfOf(who), ...form }, replaced);
    return method === 'GET' ? { url: encoded ? `${url}?${encoded}` : url } : { contentType: 'application/x-www-form-urlencoded', body: encoded };
  };

  const asIs = await go('as is', withFields());
  // A lost session would turn every payload away at the door: the campaign would prove nothing.
  const location = String(asIs.headers.location ?? '');
  if (full && route.audience !== 'public' && !route.endsSession && /^\/(portail\/)?connexion$/.test(location)) outcome.failures.push(`${who.name} ${method} ${pattern}: sent to ${location}, its payloads never reached the route`);
  // Callers the route is not for are turned away at the door: a few payloads in its first field suffice.
  for (const [field, kind] of Object.entries(fields).slice(0, full ? undefined : 1)) {
    const payloads: FieldPayload[] = full && !route.repeatedFields?.test(field) ? fieldPayloads(kind) : fewFieldPayloads;
    for (const payload of payloads) await go(`${field}=${payload.label}`, withFields({ field, value: payload.value }));
  }
  for (const [name] of Object.entries(params)) {
    for (const value of full ? paramPayloads : paramPayloads.slice(0, 2)) await go(`:${name}=${value.slice(0, 30)}`, { ...withFields(), url: fillPath(pattern, { ...params, [name]: value }) });
    if (name === 'id' && full) await go(':id of another structure', { ...withFields(), url: fillPath(pattern, { ...params, id: f.foreignDomicilieId }) });
  }
  if (method === 'GET') {
    for (const query of full ? queryPayloads : queryPayloads.slice(0, 2)) await go(`query ${query.slice(0, 30)}`, { url: url + query });
    return;
  }
  for (const body of full ? bodyPayloads : bodyPayloads.slice(0, 4)) {
    const withToken = typeof body.body === 'string' && body.contentType?.startsWith('application/x-www-form-urlencoded') && !body.contentType.includes('charset') ? `_csrf=${csrfOf(who)}&${body.body}` : body.body;
    await go(body.label, { contentType: body.contentType, body: withToken });
  }
  await go('without the token', { contentType: 'application/x-www-form-urlencoded', body: encodeForm(form) });
}

test('bad-input campaign: every route, every hostile input, three callers: never a 5xx', async () => {
  const app = routeList(t.app);
  assert.deepEqual(app.filter((route) => !(route in campaignRoutes)), [], 'every route of the app needs an entry in test/faults/bad-input.routes.ts');
  assert.deepEqual(Object.keys(campaignRoutes).filter((route) => !app.includes(route)), [], 'the campaign lists routes the app no longer has');

  const { f, structureId, staffId, portalId, temporaryPortalId } = await world();
  const check = () => fingerprint(f, structureId);
  const callers = {
    anonymous: await caller('anonymous'),
    staff: await caller('staff', { kind: 'staff', id: staffId }),
    portal: await caller('portal', { kind: 'portal', id: portalId }),
    temporaryPortal: await caller('portal', { kind: 'portal', id: temporaryPortalId }),
  };
  const outcome: Outcome = { requests: 0, failures: [] };
  const started = Date.now();
  // Routes that close the caller's session go last: nothing else depends on them.
  const order = Object.entries(campaignRoutes).sort(([, a], [, b]) => Number(a.endsSession ?? false) - Number(b.endsSession ?? false));
  for (const [key, route] of order) {
    const [method, pattern] = key.split(' ') as [string, string];
    for (const name of ['anonymous', 'staff', 'portal'] as const) {
      const who = name === 'portal' && route.temporaryPortal ? callers.temporaryPortal : callers[name];
      await campaign(outcome, who, method, pattern, route, f, check);
    }
  }
  const serverErrors = outcome.failures.filter((line) => line.includes('server error')).length;
  console.log(`bad-input campaign: ${outcome.requests} requests in ${Math.round((Date.now() - started) / 1000)} s, ${serverErrors} server errors, ${outcome.failures.length} failures`);
  assert.ok(outcome.requests >= 1000, `only ${outcome.requests} requests`);
  assert.deepEqual(outcome.failures.slice(0, 40), [], `${outcome.failures.length} failures`);
});
