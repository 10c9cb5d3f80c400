import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { teamClients } from './client.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from './factories.ts';
import { page } from './html.ts';
import { createTestApp, type TestApp } from './test-app.ts';

let t: TestApp;
let team: Awaited<ReturnType<typeof createTeam>>;
let as: ReturnType<typeof teamClients>;
before(async () => {
  t = await createTestApp();
  team = await createTeam(t.db);
  as = teamClients(t.app, team, STAFF_PASSWORD);
});
after(() => t.close());

async function fiche(id: string) {
  const response = await (await as('facteur')).get(`/domicilies/${id}`);
  assert.equal(response.statusCode, 200);
  const read = page(response.body);
  return { terms: read.terms(), decisions: read.table(/^Historique des décisions/) };
}

describe('createDomicilie goes through the services', () => {
  test('a « valide » domicilié has the demande, then the validation with its days, as the fiche shows them', async () => {
    const { id } = await createDomicilie(t.db, team.structureId, { nom: 'Benali', prenom: 'Yasmine', start_date: '2026-02-01', end_date: '2027-01-31' });
    const { terms, decisions } = await fiche(id);
    assert.equal(terms.Domiciliation, 'du 01/02/2026 au 31/01/2027');
    assert.deepEqual(decisions.map((row) => row.slice(1)), [
      ['Domiciliation validée', 'Du 01/02/2026 au 31/01/2027', 'Alex Durand'],
      ['Instruction de la demande', '', 'Alex Durand'],
    ]);
    const authors = await t.db.selectFrom('decisions').select('created_by').where('domicilie_id', '=', id).execute();
    assert.deepEqual(authors.map((row) => row.created_by), [team.administrateur.id, team.administrateur.id]);
  });

  test('a record opened in the past has its whole history, and its last visit, at that moment', async () => {
    const { id } = await createDomicilie(t.db, team.structureId, { status: 'radie', created_at: new Date('2025-05-05T10:00:00Z') });
    const { terms, decisions } = await fiche(id);
    assert.equal(terms['Date de dernier passage'], '05/05/2025');
    assert.deepEqual(decisions, [
      ['05/05/2025 — enregistrée le 05/05/2025 à 12:00', 'Radiation', 'Motif : À sa demande', 'Alex Durand'],
      ['05/05/2025 — enregistrée le 05/05/2025 à 12:00', 'Domiciliation validée', 'Du 05/05/2025 au 04/05/2026', 'Alex Durand'],
      ['05/05/2025 — enregistrée le 05/05/2025 à 12:00', 'Instruction de la demande', '', 'Alex Durand'],
    ]);
  });

  test('a state the application cannot reach is refused', async () => {
    const ask = (spec: Parameters<typeof createDomicilie>[2]) => createDomicilie(t.db, team.structureId, spec);
    await assert.rejects(ask({ status: 'refuse', start_date: '2026-01-01' }), /has no valid domiciliation/);
    await assert.rejects(ask({ start_date: null }), /has a start date/);
    await assert.rejects(ask({ start_date: '2026-06-01', last_visit_at: new Date('2026-03-01T10:00:00Z') }), /No history gives this last visit/);
    await assert.rejects(ask({ created_at: new Date(Date.now() + 86_400_000) }), /in the future/);
  });
});
