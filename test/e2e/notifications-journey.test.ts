import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createDomicilie } from '../helpers/factories.ts';
import { pdfDocument } from '../helpers/documents.ts';
import { createPortalAccount } from '../helpers/portal-factories.ts';
import { parseMail, startSmtpSink } from '../helpers/smtp-sink.ts';
import { DEMO_PASSWORD, expectAccessible, launchBrowser, navigate, newPage, portalLogin, staffLogin, startDemoServer } from './browser.ts';

// Issue 19 end to end: the team publishes a message, shares a document and records mail; the
// person is told by e-mail, then reads the message and downloads the document on a 360 px phone.

const PHONE = { width: 360, height: 740 };
const ADDRESS = 'yasmine.benali@exemple.test';
const MESSAGE = 'Fermeture exceptionnelle le 24 décembre.\nRéouverture le 26 à 9 h.';
// Padding makes the bytes the person gets back long enough to tell a truncation from the whole.
const DOCUMENT = pdfDocument(20_000);

let server: Awaited<ReturnType<typeof startDemoServer>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let browser: Browser;
let staff: Page;
let person: { id: string };
let account: { login: string; password: string };

// Relative dates: the domiciliation's end stays far enough away that no reminder joins the mail notice.
const isoInDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Today as the structure (Europe/Paris) writes it in a date field. */
const today = () => new Date().toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });

before(async () => {
  smtp = await startSmtpSink();
  server = await startDemoServer({ SMTP_URL: smtp.url, SMTP_FROM: 'avis@domiciliation.test', NOTIFICATION_DELAY_MINUTES: '0' });
  await server.db.updateTable('structures').set({ portal_enabled: true }).where('id', '=', server.demo.demo).execute();
  person = await createDomicilie(server.db, server.demo.demo, { nom: 'Benali', prenom: 'Yasmine', birth_date: '1990-06-02', start_date: isoInDays(-30), end_date: isoInDays(300) });
  account = await createPortalAccount(server.db, server.demo.demo, person.id, { temporary: false });
  browser = await launchBrowser();
  staff = await newPage(browser);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

const ficheTab = async (label: string) => {
  await staff.getByRole('navigation', { name: 'Onglets de la fiche' }).getByRole('link', { name: label, exact: true }).click();
};

/** The worker polls the outbox every two seconds: the message arrives within a few polls, or never. */
async function mailTo(address: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = smtp.received.find((received) => received.to.includes(address));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no e-mail reached ${address}`);
}

test('a gestionnaire publishes a message for today: it shows on the team’s home', async () => {
  await staffLogin(staff, server.baseUrl, 'gestionnaire@demo.test', DEMO_PASSWORD);
  await navigate(staff, 'Ma structure');
  await staff.getByRole('link', { name: 'Publier un message aux domiciliés' }).click();
  await staff.getByRole('heading', { level: 1, name: 'Messages aux domiciliés' }).waitFor();
  await expectAccessible(staff, 'Messages aux domiciliés');
  await staff.getByLabel('Message', { exact: true }).fill(MESSAGE);
  await staff.getByLabel("Premier jour d'affichage").fill(today());
  await staff.getByLabel("Dernier jour d'affichage").fill(today());
  await staff.getByRole('button', { name: 'Publier le message' }).click();
  await staff.getByText('Le message est publié.').waitFor();
  assert.match(await staff.getByRole('region', { name: 'Affichés en ce moment' }).innerText(), /Fermeture exceptionnelle le 24 décembre\.\s+Réouverture le 26 à 9 h\./);
  await expectAccessible(staff, 'Messages aux domiciliés, one published');

  await staff.goto(`${server.baseUrl}/accueil`);
  assert.match(await staff.getByRole('region', { name: 'Messages aux domiciliés' }).innerText(), /Fermeture exceptionnelle le 24 décembre\./);
  await expectAccessible(staff, 'staff home with today’s message');
});

test('the gestionnaire adds a PDF on the fiche, « Visible sur le portail »', async () => {
  await staff.goto(`${server.baseUrl}/domicilies/${person.id}`);
  await ficheTab('Documents');
  await staff.waitForURL(`${server.baseUrl}/domicilies/${person.id}/documents`);
  await expectAccessible(staff, 'fiche « Documents », empty');
  await staff.getByLabel('Titre du document').fill('Attestation CAF');
  await staff.getByLabel('Fichier').setInputFiles({ name: 'attestation-caf.pdf', mimeType: 'application/pdf', buffer: DOCUMENT });
  await staff.getByLabel('Visible sur le portail').check();
  await staff.getByRole('button', { name: 'Ajouter le document' }).click();
  await staff.getByText('Le document est ajouté, et visible sur le portail de la personne.').waitFor();
  const row = staff.getByRole('row', { name: /Attestation CAF/ });
  assert.match(await row.innerText(), /PDF[\s\S]*Visible sur le portail/);
  await expectAccessible(staff, 'fiche « Documents », one shared');
});

test('on the record’s « Modifier » form, the person’s e-mail and consent « Prévenir par e-mail »', async () => {
  await ficheTab('Dossier');
  await staff.getByRole('link', { name: "Modifier l'identité et les ayants droit" }).click();
  const notices = staff.getByRole('group', { name: 'Avis de courrier' });
  await notices.waitFor();
  // With SMTP and no SMS provider, the form says that only SMS is off.
  assert.match(await notices.innerText(), /L'envoi des SMS n'est pas configuré sur ce serveur/);
  await staff.getByLabel('Adresse e-mail').fill(ADDRESS);
  await notices.getByLabel('Prévenir par e-mail').check();
  await expectAccessible(staff, 'identity form with the notices fieldset');
  await staff.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await staff.getByText("L'identité du domicilié a été enregistrée.").waitFor();
  const stored = await server.db.selectFrom('domicilies').select(['email', 'notify_email_consent_at']).where('id', '=', person.id).executeTakeFirstOrThrow();
  assert.equal(stored.email, ADDRESS);
  assert.ok(stored.notify_email_consent_at, 'the consent is dated');
  await expectAccessible(staff, 'fiche after the consent');
});

test('mail recorded at the desk: the local SMTP server gets « Vous avez du courrier à retirer à CCAS de Démo », nothing more', async () => {
  await ficheTab('Courriers');
  await staff.getByRole('spinbutton', { name: 'Courriers' }).fill('1');
  await staff.getByLabel('Commentaire').fill('Lettre de la CAF');
  await staff.getByRole('button', { name: 'Enregistrer la réception' }).click();
  await staff.getByText('Réception enregistrée : 1 courrier.').waitFor();
  await expectAccessible(staff, 'Courriers tab after the reception');

  const mail = await mailTo(ADDRESS);
  assert.deepEqual(mail.to, [ADDRESS]);
  assert.equal(mail.from, 'avis@domiciliation.test');
  const { text } = parseMail(mail.raw);
  assert.match(text, /Vous avez du courrier à retirer à CCAS de Démo\./);
  assert.ok(!text.includes('CAF'), 'neither sender nor comment in the e-mail');
  const sent = await server.db.selectFrom('notifications').select(['state', 'kind', 'channel']).where('domicilie_id', '=', person.id).execute();
  assert.deepEqual(sent, [{ state: 'envoyee', kind: 'courrier', channel: 'email' }]);
});

test('on a 360 px phone the person logs in, reads the structure’s message and downloads the document', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  const phone = await context.newPage();
  await portalLogin(phone, server.baseUrl, account.login, account.password);
  await phone.waitForURL(`${server.baseUrl}/portail`);
  const messages = phone.getByRole('region', { name: 'Messages de votre structure' });
  assert.match(await messages.innerText(), /Fermeture exceptionnelle le 24 décembre\.\s+Réouverture le 26 à 9 h\./);
  assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width, 'the home fits the phone’s width');
  await expectAccessible(phone, 'portal home with the message, 360 px');

  await phone.getByRole('link', { name: /^Mes documents : / }).click();
  await phone.getByRole('heading', { level: 1, name: 'Mes documents' }).waitFor();
  assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width, '« Mes documents » fits the phone’s width');
  await expectAccessible(phone, '« Mes documents », 360 px');
  const download = phone.waitForEvent('download');
  await phone.getByRole('link', { name: 'Attestation CAF' }).click();
  const file = await download;
  assert.ok(readFileSync((await file.path())!).equals(DOCUMENT), 'the very bytes the staff uploaded');
  await context.close();
});
