import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PASSWORD, demoJourney, expectAccessible, navigate, staffLogin, staffLogout } from './browser.ts';

const journey = demoJourney();

/** Moves through a group of radio buttons with the arrow keys, as a keyboard user does, until `answer` is chosen. */
async function choose(legend: string, answer: string) {
  const group = journey.page.getByRole('group', { name: legend, exact: true });
  const wanted = group.getByRole('radio', { name: answer, exact: true });
  await group.getByRole('radio', { checked: true }).focus();
  for (let step = 0; step < 12 && !(await wanted.isChecked()); step++) await journey.page.keyboard.press('ArrowDown');
  assert.ok(await wanted.isChecked(), `« ${answer} » chosen in « ${legend} »`);
}

/** Tabs to the next control and checks it is the one the label names. */
async function tabTo(label: string) {
  await journey.page.keyboard.press('Tab');
  const focused = await journey.page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return element?.labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim() ?? element?.textContent?.trim() ?? '';
  });
  assert.equal(focused.replace(/ \(facultatif\)$/, ''), label);
}

const focusedName = () => journey.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');

test('an instructeur fills Aminata TRAORÉ’s entretien with the keyboard, corrects a missing « précisez », and reads the answers', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'instructeur@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Domiciliés');
  await page.getByLabel('Rechercher un domicilié').fill('traore aminata');
  await page.getByRole('link', { name: /^Aminata TRAOR/ }).click();
  const section = page.getByRole('region', { name: 'Entretien' });
  await section.waitFor();
  assert.match(await section.innerText(), /Composition du ménage\s+Non renseigné/);
  await section.getByRole('link', { name: "Modifier l'entretien" }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: "Modifier l'entretien" }).waitFor();
  await expectAccessible(page, 'the entretien form');

  await choose('Composition du ménage', 'Femme isolée avec enfant(s)');
  // Tab leaves a group for the next one, on its checked answer.
  await tabTo('Non renseigné');
  assert.equal(await focusedName(), 'lien_commune');
  await choose('Lien avec la commune', 'Familial');
  await tabTo('Autre lien, précisez');
  await tabTo('Non renseigné');
  assert.equal(await focusedName(), 'situation_residentielle');
  await choose('Situation résidentielle', 'Autre');
  await tabTo('Autre situation, précisez');
  await page.keyboard.type('Chez une amie, sans bail');
  await choose("Cause de l'instabilité du logement", 'Violences');
  await choose('Motif principal de la demande', 'Autre');
  await choose('La personne a-t-elle un accompagnement social ?', 'Oui');
  await tabTo('Par quelle structure');
  await page.keyboard.type('Maison des femmes');
  await choose('Situation professionnelle', 'Bénéficiaire du RSA');
  await choose('La personne a-t-elle des revenus ?', 'Oui');
  await choose('La personne a-t-elle été orientée vers votre structure ?', 'Non');
  await choose('La personne a-t-elle déjà une domiciliation ailleurs ?', 'Non');
  await tabTo('Commentaires');
  await page.keyboard.type('Préfère être appelée le matin.');
  await tabTo("Enregistrer l'entretien");
  await page.keyboard.press('Enter');

  // « Autre » motif without its « précisez »: the form comes back with the error next to the field.
  const precisez = page.getByLabel('Autre motif, précisez');
  await page.getByRole('alert').waitFor();
  assert.equal(await precisez.getAttribute('aria-invalid'), 'true');
  assert.match(await page.getByRole('group', { name: 'Motif principal de la demande' }).innerText(), /Vous avez choisi « Autre » : précisez\./);
  assert.equal(await page.getByLabel('Autre situation, précisez').inputValue(), 'Chez une amie, sans bail');
  await expectAccessible(page, 'the entretien form with an error');
  await page.getByRole('alert').getByRole('link', { name: 'Vous avez choisi « Autre » : précisez.' }).focus();
  await page.keyboard.press('Enter');
  await precisez.focus();
  await page.keyboard.type('Scolarisation des enfants');
  await page.keyboard.press('Enter');

  await page.waitForURL(/\/domicilies\/[0-9a-f-]{36}#entretien-titre$/);
  await section.getByRole('status').waitFor();
  assert.equal(await section.getByRole('status').innerText(), "L'entretien est enregistré.");
  const answers = (await section.innerText()).replace(/\s+/g, ' ');
  for (const expected of [
    'Composition du ménage Femme isolée avec enfant(s)',
    'Lien avec la commune Familial',
    'Situation résidentielle Autre (Chez une amie, sans bail)',
    "Cause de l'instabilité du logement Violences",
    'Motif principal de la demande Autre (Scolarisation des enfants)',
    'Accompagnement social Oui (Maison des femmes)',
    'Situation professionnelle Bénéficiaire du RSA',
    'Revenus Oui',
    'Orientation Non',
    'Domiciliation ailleurs Non',
    'Commentaires Préfère être appelée le matin.',
  ]) {
    assert.ok(answers.includes(expected), `« ${expected} » in « ${answers} »`);
  }
  await expectAccessible(page, 'the Dossier tab with its entretien');
  await staffLogout(page);
});
