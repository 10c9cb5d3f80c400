import assert from 'node:assert/strict';
import { page } from '../../../test/helpers/html.ts';
import { teamClients, type TestClient } from '../../../test/helpers/client.ts';
import { createTeam, STAFF_PASSWORD } from '../../../test/helpers/factories.ts';
import type { TestApp } from '../../../test/helpers/test-app.ts';
import type { Role } from '../../shared/roles.ts';

/** Test support for domiciliés and decisions (not a test file itself). */

export const identity = (overrides: Record<string, string> = {}) => ({ nom: 'Lefèvre', prenom: 'Sophie', date_naissance: '30/06/1992', ...overrides });

/** A structure with one staff member per role and clients logged in on demand. */
export async function recordsWorld(t: TestApp, structure: Parameters<typeof createTeam>[1] = {}) {
  const team = await createTeam(t.db, structure);
  const as = teamClients(t.app, team, STAFF_PASSWORD);

  /** Creates a record through the form, as staff do; returns its id. */
  async function create(fields: Record<string, string> = {}, role: Role = 'instructeur') {
    const response = await (await as(role)).post('/domicilies/nouveau', { ...identity(), confirmer_doublon: 'oui', ...fields });
    assert.equal(response.statusCode, 303, `creation answered ${response.statusCode}`);
    const id = /^\/domicilies\/([0-9a-f-]{36})$/.exec(String(response.headers.location))?.[1];
    assert.ok(id, 'redirected to the fiche');
    return id;
  }

  async function decide(role: Role, id: string, decision: string, fields: Record<string, string> = {}) {
    return (await as(role)).post(`/domicilies/${id}/decisions`, { decision, ...fields });
  }

  /** A record taken to « Actif » by a gestionnaire. */
  async function createValid(start: string, fields: Record<string, string> = {}) {
    const id = await create(fields);
    const response = await decide('gestionnaire', id, 'valide', { date_debut: start });
    assert.equal(response.statusCode, 303, `validation answered ${response.statusCode}`);
    return id;
  }

  function state(id: string) {
    return t.db.selectFrom('domicilies').select(['status', 'start_date', 'end_date', 'last_visit_at']).where('id', '=', id).executeTakeFirstOrThrow();
  }

  function decisions(id: string) {
    return t.db
      .selectFrom('decisions')
      .select(['id', 'status', 'is_renewal', 'start_date', 'end_date', 'motif', 'created_by', 'cancelled_at', 'cancelled_by'])
      .where('domicilie_id', '=', id)
      .orderBy('created_at')
      .execute();
  }

  /** « Annuler la dernière décision », confirmed about the decision the page names. */
  async function cancelLast(client: TestClient, id: string) {
    const latest = (await decisions(id)).filter((decision) => decision.cancelled_at === null).at(-1)!;
    return client.post(`/domicilies/${id}/decisions/annuler`, { decision_id: latest.id });
  }

  function auditActions(id: string) {
    return t.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('target_id', '=', id).orderBy('id').execute();
  }

  return { team, as, create, createValid, decide, state, decisions, cancelLast, auditActions };
}

export type RecordsWorld = Awaited<ReturnType<typeof recordsWorld>>;

/** The text of a page as a person reads it (parsed, not stripped of tags by a pattern). */
export function textOf(body: string): string {
  return page(body).text;
}

/** Names of the result links of the « Domiciliés » list, in order. */
export function resultNames(body: string): string[] {
  return page(body)
    .links()
    .filter((link) => /^\/domicilies\/[0-9a-f-]{36}$/.test(link.href))
    .map((link) => link.text);
}
