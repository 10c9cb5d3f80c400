import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient, teamClients } from '../../../../test/helpers/client.ts';
import { createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { addDays, formatDate, isoDateIn } from '../../../shared/dates.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const day = (offset: number) => formatDate(addDays(isoDateIn(new Date(), 'Europe/Paris'), offset));
const closing = () => ({ texte: 'Fermeture exceptionnelle le 24 décembre.\nRéouverture le 26 à 9 h.', date_debut: day(0), date_fin: day(2) });

async function world() {
  const team = await createTeam(t.db);
  return { team, as: teamClients(t.app, team, STAFF_PASSWORD) };
}

const messagesOf = (structureId: string) => t.db.selectFrom('structure_messages').select(['id', 'body', 'start_date', 'end_date']).where('structure_id', '=', structureId).execute();

describe('« Messages aux domiciliés »', () => {
  test('a gestionnaire publishes a message: listed as shown now, on the staff home of every role, audited', async () => {
    const w = await world();
    const gestionnaire = await w.as('gestionnaire');
    const empty = html((await gestionnaire.get('/structure/messages')).body);
    assert.equal(empty.heading, 'Messages aux domiciliés');
    assert.deepEqual(empty.region('Publier un message').texts('legend'), ["Période d'affichage"]);
    assert.equal(empty.field('Message').type, 'textarea');
    assert.equal(empty.field("Dernier jour d'affichage").description, "Format jj/mm/aaaa, par exemple 14/03/1985. Le message reste affiché jusqu'à la fin de ce jour.");
    assert.equal(empty.form('Publier le message').action, '/structure/messages');

    const published = await gestionnaire.post('/structure/messages', closing());
    assert.equal(published.statusCode, 303);
    assert.equal(published.headers.location, '/structure/messages');
    const listed = html((await gestionnaire.get('/structure/messages')).body);
    assert.equal(listed.status, 'Le message est publié.');
    const now = listed.region('Affichés en ce moment');
    assert.deepEqual(now.texts('.structure-message'), ['Fermeture exceptionnelle le 24 décembre. Réouverture le 26 à 9 h.']);
    assert.match(now.text, new RegExp(`Affiché du ${day(0)} au ${day(2)} inclus`));
    assert.equal(listed.region('À venir').text.includes('Aucun message à venir.'), true);

    const [stored] = await messagesOf(w.team.structureId);
    assert.equal(stored!.body, 'Fermeture exceptionnelle le 24 décembre.\nRéouverture le 26 à 9 h.', 'the line break kept as typed');
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'target_id', 'details']).where('action', '=', 'structure_message.published').where('structure_id', '=', w.team.structureId).executeTakeFirstOrThrow();
    assert.deepEqual([audit.actor_id, audit.target_id], [w.team.gestionnaire.id, stored!.id]);

    for (const role of ['administrateur', 'facteur'] as const) {
      const home = html((await (await w.as(role)).get('/accueil')).body).region('Messages aux domiciliés');
      assert.deepEqual(home.texts('.structure-message'), ['Fermeture exceptionnelle le 24 décembre. Réouverture le 26 à 9 h.'], role);
      assert.equal(home.links().some((link) => link.href === '/structure/messages'), role === 'administrateur', `${role}: the link to write them`);
    }
    const other = await world();
    const elsewhere = html((await (await other.as('administrateur')).get('/accueil')).body).region('Messages aux domiciliés');
    assert.match(elsewhere.text, /Aucun message affiché sur le portail aujourd'hui/, 'another structure sees none of it');
  });

  test('a message not begun yet is listed as upcoming and not on the home page yet', async () => {
    const w = await world();
    const admin = await w.as('administrateur');
    assert.equal((await admin.post('/structure/messages', { ...closing(), date_debut: day(1), date_fin: day(1) })).statusCode, 303);
    const listed = html((await admin.get('/structure/messages')).body);
    assert.deepEqual(listed.region('À venir').texts('.structure-message').length, 1);
    assert.match(listed.region('Affichés en ce moment').text, /Aucun message affiché en ce moment/);
    assert.deepEqual(html((await admin.get('/accueil')).body).region('Messages aux domiciliés').texts('.structure-message'), []);
  });

  test('mistakes are told in French next to their field, what was typed kept, nothing written', async () => {
    const w = await world();
    const admin = await w.as('administrateur');
    const refused = await admin.post('/structure/messages', { texte: 'x'.repeat(501), date_debut: day(3), date_fin: day(2) });
    assert.equal(refused.statusCode, 400);
    const form = html(refused.body);
    assert.equal(form.field('Message').error, 'Le message doit faire 500 caractères au plus (il en fait 501) : raccourcissez-le.');
    assert.equal(form.field("Dernier jour d'affichage").error, 'Le dernier jour d’affichage doit être le premier jour ou après.');
    assert.equal(form.field("Premier jour d'affichage").value, day(3));
    assert.match(form.alert ?? '', /Le formulaire contient 2 erreurs/);
    const missing = html((await admin.post('/structure/messages', { texte: '', date_debut: '31/02/2026', date_fin: day(-1) })).body);
    assert.equal(missing.field('Message').error, 'Écrivez le message.');
    assert.match(missing.field("Premier jour d'affichage").error ?? '', /n'est pas une date valide/);
    const passed = html((await admin.post('/structure/messages', { texte: 'Bonjour', date_debut: day(-3), date_fin: day(-1) })).body);
    assert.match(passed.field("Dernier jour d'affichage").error ?? '', /déjà passé .* le message ne serait jamais affiché/);
    assert.equal((await admin.post('/structure/messages', { ...closing(), texte: 'Fermé\u0007' })).statusCode, 400, 'a control character is refused at the edge');
    assert.deepEqual(await messagesOf(w.team.structureId), []);
  });

  test('edit: the form shows the message as kept; the change is listed and audited', async () => {
    const w = await world();
    const admin = await w.as('administrateur');
    await admin.post('/structure/messages', closing());
    const [message] = await messagesOf(w.team.structureId);
    const listed = html((await admin.get('/structure/messages')).body);
    assert.equal(listed.link(/^Modifier/).href, `/structure/messages/${message!.id}/modifier`);
    const edit = html((await admin.get(`/structure/messages/${message!.id}/modifier`)).body);
    assert.equal(edit.heading, 'Modifier le message');
    assert.equal(edit.field('Message').value, 'Fermeture exceptionnelle le 24 décembre.\nRéouverture le 26 à 9 h.');
    assert.equal(edit.field("Premier jour d'affichage").value, day(0));
    assert.equal(edit.form('Enregistrer le message').action, `/structure/messages/${message!.id}`);
    const bad = await admin.post(`/structure/messages/${message!.id}`, { texte: ' ', date_debut: day(0), date_fin: day(2) });
    assert.equal(bad.statusCode, 400);
    assert.equal(html(bad.body).field('Message').error, 'Écrivez le message.');
    const saved = await admin.post(`/structure/messages/${message!.id}`, { texte: 'Nouveaux horaires : de 9 h à 12 h.', date_debut: day(1), date_fin: day(5) });
    assert.equal(saved.statusCode, 303);
    const after = html((await admin.get('/structure/messages')).body);
    assert.equal(after.status, 'Le message est modifié.');
    assert.deepEqual(after.region('À venir').texts('.structure-message'), ['Nouveaux horaires : de 9 h à 12 h.']);
    const audit = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'structure_message.changed').where('target_id', '=', message!.id).executeTakeFirstOrThrow();
    assert.equal(audit.details.end_date, addDays(isoDateIn(new Date(), 'Europe/Paris'), 5));
  });

  test('delete: the confirmation names the message; then it is gone from the list and the home page', async () => {
    const w = await world();
    const admin = await w.as('gestionnaire');
    await admin.post('/structure/messages', closing());
    const [message] = await messagesOf(w.team.structureId);
    const listed = html((await admin.get('/structure/messages')).body);
    assert.deepEqual(listed.disclosures(), [{ summary: 'Supprimer… le message « Fermeture exceptionnelle le 24 décembre. Réouverture le 26 à 9 h. »', open: false }], 'each opener names its message');
    const confirm = listed.form('Oui, supprimer le message');
    assert.deepEqual([confirm.action, confirm.hidden], [`/structure/messages/${message!.id}/supprimer`, { confirmation: 'oui' }]);
    assert.match(listed.region('Affichés en ce moment').text, new RegExp(`Supprimer le message « Fermeture exceptionnelle le 24 décembre. Réouverture le 26 à 9 h. » \\(affiché du ${day(0)}`));
    assert.equal((await admin.post(`/structure/messages/${message!.id}/supprimer`, {})).statusCode, 400, 'not without the confirmation');
    const deleted = await admin.post(`/structure/messages/${message!.id}/supprimer`, { confirmation: 'oui' });
    assert.equal(deleted.statusCode, 303);
    assert.equal(html((await admin.get('/structure/messages')).body).status, 'Le message est supprimé : il ne s’affiche plus.');
    assert.deepEqual(await messagesOf(w.team.structureId), []);
    assert.deepEqual(html((await admin.get('/accueil')).body).region('Messages aux domiciliés').texts('.structure-message'), []);
    await admin.post(`/structure/messages/${message!.id}/supprimer`, { confirmation: 'oui' });
    assert.equal(html((await admin.get('/structure/messages')).body).status, 'Ce message avait déjà été supprimé.');
    const trail = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', message!.id).where('action', '=', 'structure_message.deleted').execute();
    assert.equal(trail.length, 1);
  });

  test('an instructeur or a facteur is refused on the server (403, logged) and sees no link to the page', async () => {
    const w = await world();
    for (const role of ['instructeur', 'facteur'] as const) {
      const client = await w.as(role);
      assert.equal((await client.get('/structure/messages')).statusCode, 403);
      assert.equal((await client.post('/structure/messages', closing())).statusCode, 403);
      const structure = html((await client.get('/structure')).body);
      assert.ok(!structure.links().some((link) => link.href === '/structure/messages'), role);
      const logged = await t.db.selectFrom('audit_log').select('details').where('actor_id', '=', w.team[role].id).where('action', '=', 'access.denied').execute();
      assert.ok(logged.some((entry) => entry.details.route === '/structure/messages'), role);
    }
    assert.deepEqual(await messagesOf(w.team.structureId), []);
    const gestionnaire = html((await (await w.as('gestionnaire')).get('/structure')).body);
    assert.equal(gestionnaire.region('Messages aux domiciliés').link('Publier un message aux domiciliés').href, '/structure/messages');
  });

  test('a form without its CSRF token, or sent from another site, writes nothing', async () => {
    const w = await world();
    const admin = await w.as('administrateur');
    assert.equal((await admin.post('/structure/messages', closing(), { csrf: false })).statusCode, 403);
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/structure/messages',
      headers: { cookie: [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; '), origin: 'https://ailleurs.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: admin.csrfToken, ...closing() }).toString(),
    });
    assert.equal(foreign.statusCode, 403);
    assert.deepEqual(await messagesOf(w.team.structureId), []);
  });

  test('another structure’s administrateur cannot open, change or delete a message', async () => {
    const w = await world();
    await (await w.as('administrateur')).post('/structure/messages', closing());
    const [message] = await messagesOf(w.team.structureId);
    const other = new TestClient(t.app);
    await other.login((await createTeam(t.db)).administrateur.email, STAFF_PASSWORD);
    assert.equal((await other.get(`/structure/messages/${message!.id}/modifier`)).statusCode, 404);
    assert.equal((await other.post(`/structure/messages/${message!.id}`, { texte: 'Volé', date_debut: day(0), date_fin: day(1) })).statusCode, 404);
    await other.post(`/structure/messages/${message!.id}/supprimer`, { confirmation: 'oui' });
    assert.deepEqual(await messagesOf(w.team.structureId), [message]);
  });
});
