import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, formatDate } from '../../src/shared/dates.ts';
import { DEMO_PASSWORD, demoJourney, expectAccessible, navigate, staffLogin, staffLogout } from './browser.ts';

const journey = demoJourney();

const isoOf = (shown: string) => shown.split('/').reverse().join('-');

test('a gestionnaire corrects the date of Marie DUPONT’s validation from the history, with the keyboard', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'gestionnaire@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Domiciliés');
  await page.getByLabel('Rechercher un domicilié').fill('dupont marie');
  await page.getByRole('link', { name: 'Marie DUPONT' }).click();
  const history = page.getByRole('table', { name: /^Historique des décisions/ });
  const row = history.getByRole('row').filter({ hasText: 'Domiciliation validée' });
  const taken = (await row.getByRole('cell').first().innerText()).slice(0, 10);
  // The « À valider » step came five days before: the validation may move back two days.
  const corrected = formatDate(addDays(isoOf(taken), -2));

  const opener = row.getByText('Modifier la date');
  await opener.focus();
  await page.keyboard.press('Enter');
  const field = row.getByLabel('Date de la décision');
  await field.waitFor();
  await expectAccessible(page, 'Dossier tab with a date form open');
  await field.focus();
  await field.fill('');
  await page.keyboard.type('31/02/2026');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').filter({ hasText: "La date de la décision n'est pas une date valide" }).waitFor();
  await expectAccessible(page, 'Dossier tab with a date error');

  const again = page.getByRole('table', { name: /^Historique des décisions/ }).getByRole('row').filter({ hasText: 'Domiciliation validée' }).getByLabel('Date de la décision');
  await again.fill(corrected);
  await again.press('Enter');
  const status = page.getByRole('status');
  await status.waitFor();
  assert.equal(await status.innerText(), `La date de la décision est maintenant le ${corrected}.`);
  const cell = await page.getByRole('table', { name: /^Historique des décisions/ }).getByRole('row').filter({ hasText: 'Domiciliation validée' }).getByRole('cell').first().innerText();
  assert.match(cell, new RegExp(`^${corrected} — enregistrée le .* — date modifiée le \\d\\d/\\d\\d/\\d{4} à \\d\\d:\\d\\d par Karim Moreau \\(auparavant ${taken}\\)`));
  await staffLogout(page);
});
