import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PASSWORD, demoJourney, expectAccessible, navigate, staffLogin, staffLogout } from './browser.ts';

const journey = demoJourney();

const identity = () => journey.page.getByRole('group', { name: 'Identité' });

test('an instructeur creates a domicilié through the form; a possible duplicate is shown first', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'instructeur@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Domiciliés');
  await page.getByRole('heading', { level: 1, name: 'Domiciliés' }).waitFor();
  await expectAccessible(page, 'Domiciliés (list)');
  await page.getByRole('link', { name: 'Créer un domicilié' }).click();
  await expectAccessible(page, 'creation form');

  // Marie DUPONT of the demo: the form comes back with a warning before creating anything.
  await identity().getByLabel('Nom', { exact: true }).fill('DUPONT');
  await identity().getByLabel('Prénom', { exact: true }).fill('marie');
  await identity().getByLabel('Date de naissance').fill('14/03/1985');
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  await page.getByRole('heading', { name: 'Ce domicilié a peut-être déjà un dossier' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Marie DUPONT' }).count(), 1);
  await expectAccessible(page, 'duplicate warning');

  await identity().getByLabel('Nom', { exact: true }).fill('Rivière');
  await identity().getByLabel('Prénom', { exact: true }).fill('Noémie');
  await identity().getByLabel('Date de naissance').fill('05/05/1990');
  await identity().getByLabel('Sexe').selectOption('femme');
  await page.getByLabel('Téléphone').fill('06 98 76 54 32');
  const child = page.getByRole('group', { name: 'Ayant droit n° 1' });
  await child.getByLabel('Nom', { exact: false }).first().fill('Rivière');
  await child.getByLabel('Prénom').fill('Jules');
  await child.getByLabel('Lien avec le domicilié').selectOption('enfant');
  await page.getByLabel("Il s'agit d'une autre personne").check();
  await page.getByRole('button', { name: 'Créer quand même le dossier' }).click();
  await page.getByText(/Le dossier n° \d+ a été créé\./).waitFor();
  await page.getByRole('heading', { level: 1, name: /Noémie RIVIÈRE/ }).waitFor();
  assert.match(await page.locator('h1').innerText(), /Instruction/);
  assert.equal(await page.getByRole('button', { name: 'Valider la domiciliation' }).count(), 0, 'an instructeur cannot validate');
  await expectAccessible(page, 'fiche « Dossier » (instructeur)');
  await page.getByRole('button', { name: 'Passer au statut « À valider »' }).click();
  await page.getByText('Le dossier est passé au statut « À valider ».').waitFor();
  await staffLogout(page);
});

test('a gestionnaire finds the new record as they type and validates it', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'gestionnaire@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Domiciliés');
  await page.getByLabel('Rechercher un domicilié').fill('riviere');
  await page.getByRole('link', { name: 'Noémie RIVIÈRE' }).waitFor();
  await page.getByRole('link', { name: 'Marie DUPONT' }).waitFor({ state: 'detached' });
  assert.equal(page.url(), `${server.baseUrl}/domicilies`, 'the name typed is not in the URL');
  await page.getByRole('link', { name: 'Noémie RIVIÈRE' }).click();
  await page.getByText('Valider la domiciliation', { exact: true }).first().click();
  const start = await page.getByLabel('Date de début').inputValue();
  assert.match(start, /^\d\d\/\d\d\/\d{4}$/);
  await expectAccessible(page, 'fiche « Dossier » with the validation form open');
  await page.locator('form').getByRole('button', { name: 'Valider la domiciliation' }).click();
  await page.getByText(/La domiciliation est validée du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4}\./).waitFor();
  assert.match(await page.locator('h1').innerText(), /Actif/);
  await expectAccessible(page, 'fiche after validation');
  await page.getByRole('navigation', { name: 'Onglets de la fiche' }).getByRole('link', { name: 'Historique' }).click();
  await page.getByRole('heading', { name: 'Journal des actions' }).waitFor();
  assert.equal(await page.getByRole('cell', { name: 'Décision : domiciliation validée' }).count(), 1);
  await expectAccessible(page, 'fiche « Historique »');
  await page.getByRole('navigation', { name: 'Onglets de la fiche' }).getByRole('link', { name: 'Dossier' }).click();
  await page.getByRole('link', { name: "Modifier l'identité et les ayants droit" }).click();
  await expectAccessible(page, 'identity edit form');
  await page.getByRole('link', { name: 'Annuler' }).click();
  await page.getByText('Supprimer le dossier…').click();
  await page.getByText(/^Supprimer définitivement le dossier de .* Cette action est définitive\.$/).waitFor();
  await expectAccessible(page, 'deletion confirmation');
  await page.getByText('Supprimer le dossier…').click();
  assert.equal(await page.getByRole('button', { name: 'Oui, supprimer définitivement' }).isVisible(), false, 'closed again: nothing deleted');
  await staffLogout(page);
});

test('the search finds « lefevre » → Sophie LEFÈVRE, with and without JavaScript', async () => {
  const { page, server, browser } = journey;
  await staffLogin(page, server.baseUrl, 'facteur@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Domiciliés');
  await page.getByLabel('Rechercher un domicilié').fill('lefevre');
  await page.getByRole('link', { name: 'Marie DUPONT' }).waitFor({ state: 'detached' });
  assert.deepEqual(await page.locator('#resultats td a').allInnerTexts(), ['Sophie LEFÈVRE']);
  assert.equal(await page.locator('#resultats-annonce').textContent(), '1 domicilié trouvé.');
  await expectAccessible(page, 'search results');

  const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
  const noScript = await plain.newPage();
  await staffLogin(noScript, server.baseUrl, 'facteur@demo.test', DEMO_PASSWORD);
  await noScript.goto(`${server.baseUrl}/domicilies`);
  await noScript.getByLabel('Rechercher un domicilié').fill('LEFÈVRE');
  await noScript.getByLabel('Statut').selectOption('instruction');
  await noScript.getByRole('button', { name: 'Rechercher' }).click();
  await noScript.getByRole('link', { name: 'Sophie LEFÈVRE' }).waitFor();
  assert.equal(noScript.url(), `${server.baseUrl}/domicilies`);
  assert.deepEqual(await noScript.locator('#resultats td a').allInnerTexts(), ['Sophie LEFÈVRE']);
  await plain.close();
  await staffLogout(page);
});
