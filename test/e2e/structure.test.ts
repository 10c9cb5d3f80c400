import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PASSWORD, demoJourney, expectAccessible, navigate, staffLogin, staffLogout } from './browser.ts';

const journey = demoJourney();

test('every role logs in and reaches its home page', async () => {
  const { page, server } = journey;
  await page.goto(server.baseUrl);
  await expectAccessible(page, 'login page');
  for (const email of ['admin@demo.test', 'gestionnaire@demo.test', 'instructeur@demo.test', 'facteur@demo.test']) {
    await staffLogin(page, server.baseUrl, email, DEMO_PASSWORD);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor());
    await expectAccessible(page, `home of ${email}`);
    await staffLogout(page);
  }
});

test('an administrateur switches the portail usager on in « Ma structure » (seed, step 1)', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'admin@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Ma structure');
  await expectAccessible(page, 'Ma structure (administrateur)');
  const portal = page.getByRole('group', { name: 'Activer le portail usager' });
  const lastVisit = page.getByRole('group', { name: 'Mettre à jour la date de dernier passage à chaque connexion au portail' });
  assert.equal(await portal.getByLabel('Non').isChecked(), true);
  await portal.getByLabel('Oui').check();
  await lastVisit.getByLabel('Oui').check();
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await page.getByText('Les modifications ont été enregistrées.').waitFor();
  assert.equal(await page.getByRole('group', { name: 'Activer le portail usager' }).getByLabel('Oui').isChecked(), true);
  await expectAccessible(page, 'Ma structure after saving');
  await staffLogout(page);
});

test('an administrateur completes what the official forms need (issue 16)', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'admin@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Ma structure');
  const official = page.getByRole('region', { name: 'Pour les formulaires officiels' });
  assert.equal(await official.getByLabel(/^Nom du responsable/).inputValue(), 'Garnier', 'the demo CCAS has its responsable');
  assert.equal(await official.getByLabel("Fin de l'agrément").count(), 0, 'a CCAS has no agrément');
  await official.getByLabel('Fonction du responsable').fill('Directrice du CCAS');
  await official.getByLabel('Commune ou arrondissement').fill('Lyon 1er arrondissement');
  await official.getByLabel('Adresse postale pour le courrier').fill('CCAS de Démo\nBP 1001\n69201 Lyon Cedex 01');
  await official.getByRole('button', { name: 'Enregistrer les informations des formulaires' }).click();
  await page.getByText('Les informations des formulaires officiels ont été enregistrées.').waitFor();
  assert.equal(await page.getByLabel('Commune ou arrondissement').inputValue(), 'Lyon 1er arrondissement');
  await staffLogout(page);

  await staffLogin(page, server.baseUrl, 'admin@abri.test', DEMO_PASSWORD);
  await navigate(page, 'Ma structure');
  const agrement = page.getByRole('group', { name: 'Agrément de la préfecture' });
  assert.equal(await agrement.getByLabel("Préfecture qui a délivré l'agrément").inputValue(), 'Préfecture du Rhône');
  assert.equal(await agrement.getByLabel("Fin de l'agrément").inputValue(), '30/06/2027');
  await agrement.getByLabel("Fin de l'agrément").fill('31/02/2028');
  await page.getByRole('button', { name: 'Enregistrer les informations des formulaires' }).click();
  await page.getByRole('alert').waitFor();
  await expectAccessible(page, 'Ma structure, the agrément refused');
  await page.getByRole('link', { name: /La date de fin de l'agrément n'est pas une date valide/ }).click();
  await page.getByLabel("Fin de l'agrément").fill('30/06/2028');
  await page.getByRole('button', { name: 'Enregistrer les informations des formulaires' }).click();
  await page.getByText('Les informations des formulaires officiels ont été enregistrées.').waitFor();
  assert.equal(await page.getByLabel("Fin de l'agrément").inputValue(), '30/06/2028');
  await expectAccessible(page, 'Ma structure of an association (administrateur)');
  await staffLogout(page);
});

test('a facteur sees « Ma structure » read-only', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'facteur@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Ma structure');
  const portal = page.getByRole('group', { name: 'Activer le portail usager' });
  assert.equal(await portal.getByLabel('Oui').isChecked(), true);
  assert.equal(await portal.getByLabel('Oui').isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Enregistrer les modifications' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Utilisateurs' }).count(), 0);
  const official = page.getByRole('region', { name: 'Pour les formulaires officiels' });
  await official.getByText('Claire Garnier, Directrice du CCAS').waitFor();
  assert.equal(await official.getByRole('textbox').count(), 0);
  await expectAccessible(page, 'Ma structure (facteur)');
  await staffLogout(page);
});

test('an administrateur opens « Utilisateurs » and creates an account', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'admin@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Utilisateurs');
  await expectAccessible(page, 'Utilisateurs');
  await page.getByLabel('Nom', { exact: true }).fill('Bernard');
  await page.getByLabel('Prénom').fill('Lucie');
  await page.getByLabel('Adresse e-mail').fill('lucie.bernard@demo.test');
  await page.getByLabel('Rôle', { exact: true }).selectOption('facteur');
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await page.getByText('Transmettez ce lien').waitFor();
  const link = await page.locator('code').innerText();
  await staffLogout(page);
  await page.goto(link.replace('http://domiciliation.test', server.baseUrl));
  await expectAccessible(page, 'activation');
  await page.getByLabel('Nouveau mot de passe').fill('la tournée du matin');
  await page.getByLabel('Confirmer le mot de passe').fill('la tournée du matin');
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await staffLogin(page, server.baseUrl, 'lucie.bernard@demo.test', 'la tournée du matin');
  await staffLogout(page);
});
