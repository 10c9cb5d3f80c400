import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { createPortalAccount } from '../../../../test/helpers/portal-factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { Role } from '../../../shared/roles.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type Team = Awaited<ReturnType<typeof createTeam>>;

async function clientOf(team: Team, role: Role) {
  const client = new TestClient(t.app);
  await client.login(team[role].email, STAFF_PASSWORD);
  return client;
}

/** Four accounts covering each combination of access and password kind. */
async function structureWithAccounts() {
  const team = await createTeam(t.db, { portal_enabled: true });
  const people = [
    { nom: 'Armand', prenom: 'Léa', enabled: true, temporary: true },
    { nom: 'Bernard', prenom: 'Jo', enabled: true, temporary: false },
    { nom: 'Collin', prenom: 'Mia', enabled: false, temporary: true },
    { nom: 'Dubois', prenom: 'Noé', enabled: false, temporary: false },
  ];
  const accounts = [];
  for (const person of people) {
    const domicilie = await createDomicilie(t.db, team.structureId, { nom: person.nom, prenom: person.prenom });
    const account = await createPortalAccount(t.db, team.structureId, domicilie.id, { enabled: person.enabled, temporary: person.temporary });
    accounts.push({ ...person, domicilieId: domicilie.id, login: account.login, id: account.id });
  }
  await createDomicilie(t.db, team.structureId, { nom: 'Sans', prenom: 'Compte' });
  return { team, accounts };
}

/** The rows of the list: Domicilié, Numéro de dossier, Identifiant, Accès, Mot de passe personnel choisi, Dernière connexion. */
const rowsOf = (body: string) => html(body).table('Comptes du portail usager de la structure');

/** Which of these accounts the list shows, by their identifier. */
const shown = (body: string, accounts: { login: string }[]) => {
  const identifiers = rowsOf(body).map((row) => row[2]);
  return accounts.filter((account) => identifiers.includes(account.login)).map((account) => account.login);
};

describe('« Comptes du portail »', () => {
  test('administrateurs and gestionnaires see every account of the structure with its state', async () => {
    const { team, accounts } = await structureWithAccounts();
    await t.db.updateTable('portal_accounts').set({ last_login_at: new Date('2026-11-25T08:05:00Z') }).where('id', '=', accounts[1]!.id).execute();
    for (const role of ['administrateur', 'gestionnaire'] as const) {
      const page = await (await clientOf(team, role)).get('/comptes-portail');
      assert.equal(page.statusCode, 200);
      assert.equal(html(page.body).status, '4 comptes.');
      assert.deepEqual(
        rowsOf(page.body).map((row) => [row[0], row[2], row[3], row[4], row[5]]),
        [
          ['Léa ARMAND', accounts[0]!.login, 'Oui', 'Non', 'Jamais connecté'],
          ['Jo BERNARD', accounts[1]!.login, 'Oui', 'Oui', '25/11/2026 à 09:05'],
          ['Mia COLLIN', accounts[2]!.login, 'Non', 'Non', 'Jamais connecté'],
          ['Noé DUBOIS', accounts[3]!.login, 'Non', 'Oui', 'Jamais connecté'],
        ],
        'every account with its state, and no one without an account',
      );
      assert.equal(html(page.body).link('Léa ARMAND').href, `/domicilies/${accounts[0]!.domicilieId}/courriers`);
    }
  });

  test('when the structure portal is off, the accounts are kept and the page says nobody can log in', async () => {
    const { team, accounts } = await structureWithAccounts();
    const client = await clientOf(team, 'gestionnaire');
    assert.doesNotMatch(html((await client.get('/comptes-portail')).body).text, /personne ne peut se connecter/);
    await t.db.updateTable('structures').set({ portal_enabled: false }).where('id', '=', team.structureId).execute();
    const page = await client.get('/comptes-portail');
    assert.match(html(page.body).text, /Le portail usager n'est pas activé pour votre structure : ces comptes sont conservés mais personne ne peut se connecter\./);
    assert.equal(shown(page.body, accounts).length, 4);
  });

  test('instructeurs and facteurs are refused (403)', async () => {
    const { team } = await structureWithAccounts();
    for (const role of ['instructeur', 'facteur'] as const) assert.equal((await (await clientOf(team, role)).get('/comptes-portail')).statusCode, 403);
  });

  test('filters by access and by password kind, with no name in the address', async () => {
    const { team, accounts } = await structureWithAccounts();
    const client = await clientOf(team, 'gestionnaire');
    const [onTemporary, onPersonal, offTemporary, offPersonal] = accounts.map((account) => account.login);
    assert.deepEqual(shown((await client.get('/comptes-portail?acces=oui')).body, accounts), [onTemporary, onPersonal]);
    assert.deepEqual(shown((await client.get('/comptes-portail?acces=non')).body, accounts), [offTemporary, offPersonal]);
    assert.deepEqual(shown((await client.get('/comptes-portail?mot_de_passe=personnel')).body, accounts), [onPersonal, offPersonal]);
    assert.deepEqual(shown((await client.get('/comptes-portail?acces=non&mot_de_passe=temporaire')).body, accounts), [offTemporary]);
    assert.deepEqual(shown((await client.get('/comptes-portail?acces=&mot_de_passe=')).body, accounts).length, 4);
    assert.equal((await client.get('/comptes-portail?acces=peut-etre')).statusCode, 400);
  });

  test('is paginated by 50, keeping the filters in the page links', async () => {
    const team = await createTeam(t.db, { portal_enabled: true });
    for (let i = 0; i < 53; i++) {
      const domicilie = await createDomicilie(t.db, team.structureId, { nom: `Nom${String(i).padStart(2, '0')}` });
      await createPortalAccount(t.db, team.structureId, domicilie.id, { enabled: true });
    }
    const client = await clientOf(team, 'administrateur');
    const first = html((await client.get('/comptes-portail?acces=oui')).body);
    assert.equal(first.table('Comptes du portail usager de la structure').length, 50);
    const pages = first.region('Pages de la liste');
    assert.match(pages.text, /Page 1 sur 2/);
    assert.deepEqual(pages.links(), [{ text: 'Page suivante', href: '/comptes-portail?acces=oui&page=2' }]);
    const second = html((await client.get('/comptes-portail?acces=oui&page=2')).body);
    assert.deepEqual(second.table('Comptes du portail usager de la structure').map((row) => row[0]!.split(' ').at(-1)), ['NOM50', 'NOM51', 'NOM52']);
    assert.deepEqual(second.region('Pages de la liste').links(), [{ text: 'Page précédente', href: '/comptes-portail?acces=oui' }]);
    assert.equal((await client.get('/comptes-portail?page=99')).statusCode, 200);
  });

  test("another structure's accounts never appear", async () => {
    const a = await structureWithAccounts();
    const b = await structureWithAccounts();
    const page = await (await clientOf(b.team, 'administrateur')).get('/comptes-portail');
    assert.deepEqual(shown(page.body, a.accounts), []);
    // Nowhere in the page, not even in an attribute.
    assert.ok(a.accounts.every((account) => !page.body.includes(account.login)));
    assert.equal(shown(page.body, b.accounts).length, 4);
  });
});
