import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { DEMO_PASSWORD, demoJourney, expectAccessible, navigate, staffLogin, staffLogout } from './browser.ts';

const journey = demoJourney();

test('an instructeur prints Marie DUPONT’s attestation d’élection de domicile from her « Dossier » tab', async () => {
  const { page, server } = journey;
  await staffLogin(page, server.baseUrl, 'instructeur@demo.test', DEMO_PASSWORD);
  await navigate(page, 'Domiciliés');
  await page.getByLabel('Rechercher un domicilié').fill('dupont marie');
  await page.getByRole('link', { name: 'Marie DUPONT' }).click();
  const documents = page.getByRole('region', { name: 'Documents officiels' });
  await documents.waitFor();
  await expectAccessible(page, 'Dossier tab with its official documents');
  const download = page.waitForEvent('download');
  await documents.getByRole('link', { name: /^Attestation d'élection de domicile du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4}$/ }).first().click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^attestation-dupont-marie-\d{4}-\d{2}-\d{2}\.pdf$/);
  // The official form, filled: its dotted lines come out as underscores between the words.
  const text = execFileSync('pdftotext', [(await file.path())!, '-'], { encoding: 'utf8' }).replace(/_/g, ' ').replace(/\s+/g, ' ');
  for (const expected of ['ATTESTATION D’ÉLECTION DE DOMICILE', 'DUPONT', 'Marie', '1985', 'CCAS de Démo', 'Claire', 'Garnier,', 'Directrice', 'Lucas']) {
    assert.ok(text.includes(expected), `« ${expected} » in the attestation`);
  }
  await staffLogout(page);
});
