import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { TestClient } from '../../../test/helpers/client.ts';
import { createDomicilie, createTeam, isMakingOf, readDocxText, STAFF_PASSWORD } from '../../../test/helpers/factories.ts';
import type { TestApp } from '../../../test/helpers/test-app.ts';
import type { Role } from '../../shared/roles.ts';
import type { StaffActor } from '../actor.ts';
import { getPortalAccessSummary } from './portal-access.service.ts';
import { PortalAccessSection } from '../../web/staff/fiche/portal-access.views.tsx';

/** Test support for the portal access (not a test file itself). */

export type Team = Awaited<ReturnType<typeof createTeam>>;

/** A structure (portal on unless said otherwise) with one staff member per role and a domicilié. */
export async function portalWorld(t: TestApp, portalEnabled = true) {
  const team = await createTeam(t.db, { portal_enabled: portalEnabled });
  const domicilie = await createDomicilie(t.db, team.structureId, { nom: 'Lefèvre', prenom: 'Zoé' });
  return { team, domicilie, url: `/domicilies/${domicilie.id}/acces-portail` };
}

export async function clientOf(t: TestApp, team: Team, role: Role) {
  const client = new TestClient(t.app);
  await client.login(team[role].email, STAFF_PASSWORD);
  return client;
}

export function actorOf(team: Team, role: Role): StaffActor {
  return { id: team[role].id, structureId: team.structureId, structureName: 'Structure', timezone: 'Europe/Paris', role, email: team[role].email, nom: 'Durand', prenom: 'Alex' };
}

/** The section as the « Courriers » tab shows it to this staff member. */
export async function renderSection(t: TestApp, team: Team, role: Role, domicilieId: string, flash: string | null = null) {
  const staff = actorOf(team, role);
  const summary = await getPortalAccessSummary(t.db, staff, domicilieId);
  return renderToString(PortalAccessSection({ ctx: { csrfToken: 'x', staff, flash, flashPlace: null, path: `/domicilies/${domicilieId}/courriers` }, summary }));
}

export const accountOf = (t: TestApp, domicilieId: string) =>
  t.db.selectFrom('portal_accounts').selectAll().where('domicilie_id', '=', domicilieId).executeTakeFirst();

/** What was audited about the record since its making. */
export async function auditActions(t: TestApp, domicilieId: string) {
  const rows = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', domicilieId).orderBy('id').execute();
  return rows.map((row) => row.action).filter((action) => !isMakingOf(action));
}

/** The temporary password printed in the document downloaded now. */
export async function downloadPassword(client: TestClient, domicilieId: string) {
  const response = await client.get(`/domicilies/${domicilieId}/acces-portail/document`);
  assert.equal(response.statusCode, 200);
  const match = /Mot de passe temporaire : ([A-Z0-9-]+)/.exec(await readDocxText(response.rawPayload));
  assert.ok(match, 'password label and value in the document');
  return match[1]!;
}
