import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../test/helpers/client.ts';
import { administrateurOf, createDomicilie } from '../../../test/helpers/factories.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { createPortalUser, portalLogin } from '../../../test/helpers/portal-factories.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { createProcuration, saveTransfert } from '../../domain/courriers/procurations.service.ts';
import { getNotices } from '../../domain/portal/portal-notices.service.ts';
import { actorFromSession } from '../../domain/portal/portal.service.ts';
import { openSession } from '../../domain/sessions/sessions.service.ts';
import { publishMessage } from '../../domain/structure-messages/structure-messages.service.ts';
import { addDays, formatDate, isoDateIn } from '../../shared/dates.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const today = () => isoDateIn(new Date(), 'Europe/Paris');
const day = (offset: number) => formatDate(addDays(today(), offset));

async function loggedIn(options: Parameters<typeof createPortalUser>[1] = {}) {
  const user = await createPortalUser(t.db, { temporary: false, ...options });
  const client = new TestClient(t.app);
  assert.equal((await portalLogin(client, user.login, user.password)).statusCode, 303);
  return { user, client, admin: await administrateurOf(t.db, user.structureId) };
}

const headings = (body: string) => html(body).texts('h2');

describe('the portal home: the structure’s messages', () => {
  test('a message of the day shows under its heading, as written, in French on the English page too', async () => {
    const { user, client, admin } = await loggedIn();
    await publishMessage(t.db, admin, { texte: 'Fermeture exceptionnelle le 24 décembre.\nRéouverture le 26.', date_debut: day(0), date_fin: day(0) });
    await publishMessage(t.db, admin, { texte: 'Nouveaux horaires dès la semaine prochaine.', date_debut: day(1), date_fin: day(9) });
    const other = await loggedIn();
    await publishMessage(t.db, other.admin, { texte: 'Message d’une autre structure.', date_debut: day(0), date_fin: day(3) });

    const home = html((await client.get('/portail')).body);
    const region = home.region('Messages de votre structure');
    assert.deepEqual(region.texts('p'), ['Fermeture exceptionnelle le 24 décembre. Réouverture le 26.'], 'not the upcoming one, nor another structure’s');
    assert.equal(region.root.querySelector('p')!.innerHTML.includes('<br>'), true, 'its line break kept');
    assert.equal(headings((await client.get('/portail')).body)[0], 'Messages de votre structure', 'before the mail: the first thing read');

    client.cookies.set('lang', 'en');
    const english = html((await client.get('/portail')).body);
    const message = english.region('Messages from your organisation').root.querySelector('p')!;
    assert.equal(message.getAttribute('lang'), 'fr');
    assert.match(message.textContent, /^Fermeture exceptionnelle/);
    assert.ok(user.structureId !== other.user.structureId);
  });

  test('nothing is said when there is no message, procuration or forwarding', async () => {
    const { client } = await loggedIn();
    const found = headings((await client.get('/portail')).body);
    for (const heading of ['Messages de votre structure', 'Qui peut retirer votre courrier', 'Réexpédition de votre courrier']) assert.ok(!found.includes(heading), heading);
  });
});

describe('the portal home: who may collect the mail, and where it is forwarded', () => {
  test('the person’s own procurations and forwarding in force, in French and English; not one begun tomorrow, not a neighbour’s', async () => {
    const { user, client, admin } = await loggedIn({ domicilie: { nom: 'Martin', prenom: 'Sofia' } });
    await createProcuration(t.db, admin, user.domicilieId, { nom: 'Durand', prenom: 'Marie', date_debut: day(-10), date_fin: day(20) });
    await createProcuration(t.db, admin, user.domicilieId, { nom: 'Petit', prenom: 'Lou', date_debut: day(1), date_fin: day(20) });
    await saveTransfert(t.db, admin, user.domicilieId, { recipient_name: 'Centre social Bellevue', address: '4 rue des Lilas\r\n69008 Lyon', date_debut: day(0), date_fin: day(30) });
    const neighbour = await createDomicilie(t.db, user.structureId, { nom: 'Voisin', prenom: 'Paul' });
    await createProcuration(t.db, admin, neighbour.id, { nom: 'Autre', prenom: 'Jeanne', date_debut: day(0), date_fin: day(20) });

    const home = html((await client.get('/portail')).body);
    assert.deepEqual(home.region('Qui peut retirer votre courrier').texts('li'), [`Marie DURAND peut retirer votre courrier à votre place jusqu’au ${day(20)} inclus.`]);
    const forwarding = home.region('Réexpédition de votre courrier');
    assert.equal(forwarding.texts('p')[0], `Jusqu’au ${day(30)} inclus, votre structure réexpédie votre courrier à cette adresse :`);
    assert.deepEqual(forwarding.root.querySelector('.envelope')!.innerHTML.split('<br>').map((line) => line.trim()), ['Centre social Bellevue', '4 rue des Lilas', '69008 Lyon']);
    assert.doesNotMatch(home.text, /Jeanne|AUTRE|Lou PETIT/);

    client.cookies.set('lang', 'en');
    const english = html((await client.get('/portail')).body);
    assert.deepEqual(english.region('Who can collect your mail').texts('li'), [`Marie DURAND can collect your mail for you until ${day(20)} (included).`]);
    assert.match(english.region('Mail forwarding').text, new RegExp(`^Mail forwarding Until ${day(30)} \\(included\\), your organisation sends your mail on to this address: Centre social Bellevue`));
  });

  test('an ended procuration or forwarding no longer shows; one not begun shows from its first day', async () => {
    const { user, admin } = await loggedIn();
    await createProcuration(t.db, admin, user.domicilieId, { nom: 'Durand', prenom: 'Marie', date_debut: day(2), date_fin: day(5) });
    await saveTransfert(t.db, admin, user.domicilieId, { recipient_name: 'Centre social', address: '1 rue A', date_debut: day(2), date_fin: day(5) });
    const actor = (await actorFromSession(t.db, await openSession(t.db, 'portal', user.id)))!;
    const on = async (offset: number) => {
      // Noon in Paris on that day.
      const notices = await getNotices(t.db, actor, new Date(`${addDays(today(), offset)}T11:00:00Z`));
      return [notices.procurations.map((procuration) => procuration.nom), notices.transfert?.recipient_name ?? null];
    };
    assert.deepEqual(await on(1), [[], null]);
    assert.deepEqual(await on(2), [['Durand'], 'Centre social']);
    assert.deepEqual(await on(5), [['Durand'], 'Centre social'], 'its last day included');
    assert.deepEqual(await on(6), [[], null]);
  });
});
