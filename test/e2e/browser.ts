import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { seedDemo } from '../../src/db/demo.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { testConfig } from '../helpers/test-app.ts';

export { DEMO_PASSWORD } from '../../src/db/demo.ts';

/** The real application with the demo data, listening on a free loopback port. */
export async function startDemoServer(env: NodeJS.ProcessEnv = {}) {
  const database = await createTestDatabase();
  const demo = await seedDemo(database.db);
  if (!demo) throw new Error('demo data not created');
  const config = testConfig({ HOST: '127.0.0.1', PORT: '0', ...env });
  const app = await buildApp({ config, database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    baseUrl,
    db: database.db,
    demo,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * The demo server, a browser and one page, started before a file's journeys and closed after
 * them; read in each journey (`const { page, server } = journey`), once the hooks have run.
 */
export function demoJourney() {
  let server: Awaited<ReturnType<typeof startDemoServer>> | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T,>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the journey has not started: read it inside a test');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    get page() {
      return started(page);
    },
  };
}

/** Fails with the list of WCAG 2.1 A/AA violations found on the page. */
export async function expectAccessible(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  assert.deepEqual(summary, [], `accessibility violations on ${label}`);
}

/** A fresh browser context (cookies of its own) and page, with short timeouts so failures show fast. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

/** Follows a link of the staff navigation. */
export async function navigate(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: label, exact: true }).click();
}

export async function staffLogin(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${baseUrl}/accueil`);
}

export async function staffLogout(page: Page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL(/\/connexion$/);
}

/** The login steps of a domicilié, reusable with the identifier and password read from the access document. */
export async function portalLogin(page: Page, baseUrl: string, identifier: string, password: string) {
  await page.goto(`${baseUrl}/portail`);
  await page.getByLabel('Identifiant').fill(identifier);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Opens the portal's « Menu » (a <details>: it works without JavaScript) unless it is open. */
export async function openPortalMenu(page: Page) {
  const menu = page.locator('details.portal-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
}

export async function portalLogout(page: Page) {
  await openPortalMenu(page);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL(/\/portail\/connexion$/);
}
