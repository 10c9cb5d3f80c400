import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { readDocxText } from '../../../../test/helpers/factories.ts';
import { PERSONAL_PASSWORD, portalLogin } from '../../../../test/helpers/portal-factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { formatDateTime, formatLongDate, isoDateIn } from '../../../shared/dates.ts';
import type { Role } from '../../../shared/roles.ts';
import { accountOf, auditActions, clientOf, downloadPassword, portalWorld, renderSection } from '../../../domain/portal-access/portal-access.fixtures.ts';
import { purgeExpiredDocuments } from '../../../domain/portal-access/portal-access.service.ts';

/** Defects 6 and 7 of issue 13: what the access document promises, and who may download it, until when. */

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** A domicilié whose access was just created by `author`, with the author's client. */
async function generatedBy(author: Role = 'instructeur') {
  const world = await portalWorld(t);
  const client = await clientOf(t, world.team, author);
  assert.equal((await client.post(world.url, { acces: 'oui' })).statusCode, 303);
  return { ...world, client, documentUrl: `${world.url}/document` };
}

/** The link to the document in the « Accès au portail usager » section, if this staff member is offered one. */
const downloadLink = (section: string) => html(section).links().find((link) => link.text === 'Télécharger le document Word');

const downloads = async (domicilieId: string) => (await auditActions(t, domicilieId)).filter((action) => action === 'portal_access.document_downloaded').length;

/** What the person does with the paper: logs in with the printed password, then chooses their own. */
async function chooseOwnPassword(login: string, printed: string) {
  const person = new TestClient(t.app);
  assert.equal((await portalLogin(person, login, printed)).headers.location, '/portail/nouveau-mot-de-passe');
  const chosen = await person.post('/portail/nouveau-mot-de-passe', { nouveau_mot_de_passe: PERSONAL_PASSWORD, confirmation: PERSONAL_PASSWORD });
  assert.equal(chosen.statusCode, 303);
}

describe('the document says how long the temporary password works, and the portal does just that', () => {
  test('French and English: until the person chooses their own password, at the latest until its end date and time; never « once »', async () => {
    const { client, domicilie } = await generatedBy();
    const text = await readDocxText((await client.get(`/domicilies/${domicilie.id}/acces-portail/document`)).rawPayload);
    const expiresAt = (await accountOf(t, domicilie.id))!.temporary_password_expires_at!;
    const [day, time] = [isoDateIn(expiresAt, 'Europe/Paris'), formatDateTime(expiresAt, 'Europe/Paris').split(' à ')[1]];
    const english = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
    assert.ok(
      text.includes(`fonctionne jusqu'à ce que vous choisissiez votre propre mot de passe, et au plus tard jusqu'au ${formatLongDate(day)} à ${time}.`),
      text,
    );
    assert.ok(text.includes(`works until you choose your own password, and at the latest until ${english} at ${time}.`), text);
    assert.match(text, /Ensuite il ne fonctionne plus : demandez-en un nouveau à /);
    assert.match(text, /After that it no longer works: ask /);
    assert.doesNotMatch(text, /une seule fois|once only|works once/);
  });

  test('it works for several logins until the person chooses their own password; then only their own works', async () => {
    const { client, domicilie } = await generatedBy();
    const printed = await downloadPassword(client, domicilie.id);
    const { login } = (await accountOf(t, domicilie.id))!;
    for (let attempt = 0; attempt < 2; attempt++) {
      const again = await portalLogin(new TestClient(t.app), login, printed);
      assert.equal(again.statusCode, 303, `login ${attempt + 1} with the temporary password`);
      assert.equal(again.headers.location, '/portail/nouveau-mot-de-passe');
    }
    await chooseOwnPassword(login, printed);
    const refused = await portalLogin(new TestClient(t.app), login, printed);
    assert.equal(refused.statusCode, 401);
    assert.match(html(refused.body).alert ?? '', /incorrect/);
    const own = await portalLogin(new TestClient(t.app), login, PERSONAL_PASSWORD);
    assert.equal(own.statusCode, 303);
    assert.equal(own.headers.location, '/portail');
  });

  test('after its end date it is refused with the « no longer valid » message', async () => {
    const { client, domicilie } = await generatedBy();
    const printed = await downloadPassword(client, domicilie.id);
    const account = (await accountOf(t, domicilie.id))!;
    await t.db.updateTable('portal_accounts').set({ temporary_password_expires_at: new Date(Date.now() - 1000) }).where('id', '=', account.id).execute();
    const refused = await portalLogin(new TestClient(t.app), account.login, printed);
    assert.equal(refused.statusCode, 401);
    assert.match(html(refused.body).alert ?? '', /mot de passe temporaire n’est plus valable/);
  });

  test('staff read the same rule: on the record, and on « Modifier les préférences »', async () => {
    const { team, domicilie, client, url } = await generatedBy();
    const expiresAt = (await accountOf(t, domicilie.id))!.temporary_password_expires_at!;
    const section = html(await renderSection(t, team, 'facteur', domicilie.id));
    assert.equal(
      section.terms()['Mot de passe personnel choisi'],
      `Non (le mot de passe temporaire fonctionne jusqu'à ce que le domicilié choisisse le sien, au plus tard jusqu'au ${formatDateTime(expiresAt, 'Europe/Paris')})`,
    );
    const access = html((await client.get(url)).body).region('Accès au portail usager');
    assert.match(access.text, /fonctionne jusqu'à ce que le domicilié choisisse le sien, et au plus tard 30 jours/);
    assert.match(access.text, /Seul le membre de l'équipe qui enregistre peut télécharger le document/);
  });
});

describe('only its author downloads the document, and only while its password works', () => {
  test('another editor of the same structure gets a clear 404 and no link; the author still downloads, each time audited', async () => {
    const { team, domicilie, client, documentUrl } = await generatedBy('instructeur');
    for (const role of ['gestionnaire', 'administrateur'] as const) {
      const other = await (await clientOf(t, team, role)).get(documentUrl);
      assert.equal(other.statusCode, 404, role);
      assert.match(html(other.body).text, /que par le membre de l'équipe qui l'a créé/);
      // An HTML page, not the document (a ZIP starts with « PK »; a random CSRF token may contain it).
      assert.match(String(other.headers['content-type']), /^text\/html/);
      assert.notEqual(other.rawPayload.subarray(0, 2).toString(), 'PK');
      assert.equal(downloadLink(await renderSection(t, team, role, domicilie.id)), undefined, `no link for a ${role}`);
    }
    assert.equal(await downloads(domicilie.id), 0, 'a refusal is no download');
    assert.equal((await client.get(documentUrl)).statusCode, 200);
    const authorSection = await renderSection(t, team, 'instructeur', domicilie.id);
    assert.equal(downloadLink(authorSection)?.href, documentUrl);
    assert.match(html(authorSection).text, /Télécharger le document Word \(téléchargeable par vous uniquement, jusqu'à \d\d:\d\d, puis effacé\)/);
    assert.equal(await downloads(domicilie.id), 1);
  });

  test('once the person has chosen their own password, the author gets 410, no link, and the housekeeping deletes it', async () => {
    const { team, domicilie, client, documentUrl } = await generatedBy();
    const printed = await downloadPassword(client, domicilie.id);
    const account = (await accountOf(t, domicilie.id))!;
    await chooseOwnPassword(account.login, printed);
    const gone = await client.get(documentUrl);
    assert.equal(gone.statusCode, 410);
    const goneText = html(gone.body).text;
    assert.match(goneText, /son mot de passe temporaire ne fonctionne plus/);
    assert.match(goneText, /ré-initialisez le mot de passe temporaire/);
    assert.equal(downloadLink(await renderSection(t, team, 'instructeur', domicilie.id)), undefined);
    const untouched = await generatedBy();
    await purgeExpiredDocuments(t.db);
    assert.equal(await t.db.selectFrom('portal_documents').select('id').where('portal_account_id', '=', account.id).executeTakeFirst(), undefined);
    const fresh = (await accountOf(t, untouched.domicilie.id))!;
    assert.ok(await t.db.selectFrom('portal_documents').select('id').where('portal_account_id', '=', fresh.id).executeTakeFirst(), 'a document still useful stays');
    assert.equal(await downloads(domicilie.id), 1);
  });

  test('after the end date of its password, the author gets 410', async () => {
    const { domicilie, client, documentUrl } = await generatedBy();
    await t.db.updateTable('portal_accounts').set({ temporary_password_expires_at: new Date(Date.now() - 1000) }).where('domicilie_id', '=', domicilie.id).execute();
    const gone = await client.get(documentUrl);
    assert.equal(gone.statusCode, 410);
    assert.match(html(gone.body).text, /ne fonctionne plus/);
  });

  test('after « Non », the author gets 404: the document is gone with the access', async () => {
    const { domicilie, client, documentUrl, url } = await generatedBy();
    assert.equal((await client.post(url, { acces: 'non' })).statusCode, 303);
    const gone = await client.get(documentUrl);
    assert.equal(gone.statusCode, 404);
    assert.match(html(gone.body).text, /plus disponible/);
    assert.equal(await downloads(domicilie.id), 0);
  });

  test('after a new reset by a colleague, the first author cannot download the colleague’s document; the colleague can', async () => {
    const { team, domicilie, client, documentUrl, url } = await generatedBy('instructeur');
    const first = await downloadPassword(client, domicilie.id);
    const colleague = await clientOf(t, team, 'gestionnaire');
    assert.equal((await colleague.post(url, { acces: 'oui', reinitialiser: 'oui' })).statusCode, 303);
    const refused = await client.get(documentUrl);
    assert.equal(refused.statusCode, 404);
    assert.match(html(refused.body).text, /que par le membre de l'équipe qui l'a créé/);
    assert.notEqual(await downloadPassword(colleague, domicilie.id), first);
  });
});
