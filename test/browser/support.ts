import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { buildApp, WEB_DIST } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemo, type DemoSeedResult } from '../../src/modules/demo/seed-demo.ts';
import { createTestDatabase } from '../support/test-db.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserEnv {
  baseUrl: string;
  browser: Browser;
  demo: DemoSeedResult;
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  close(): Promise<void>;
}

/** Starts the real app on a free port (seeded demo region; `history`: with the monitor's 16 months of history) and Debian's Chromium. */
export async function startBrowserEnv(children = 150, opts: { demo?: boolean; history?: boolean } = {}): Promise<BrowserEnv> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  const database = await createTestDatabase();
  const demo = await seedDemo(database, { children, history: opts.history });
  const app = await buildApp(database, { ...loadConfig(), demo: opts.demo ?? true, logLevel: 'silent', auditAnchorFile: null }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    demo,
    database,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/** Runs axe (WCAG 2.0/2.1/2.2 A and AA) on the page and fails with a readable list of violations. */
export async function expectAccessible(page: Page, context = '') {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(problems, `axe violations ${context} on ${page.url()}`).toEqual([]);
}

/** A new page in its own browser context (own cookies), as axe requires. */
export async function newPage(browser: Browser, opts: { width?: number; height?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 }, locale: 'nl-NL' });
  return context.newPage();
}

export async function signInAs(page: Page, baseUrl: string, username: string, password = 'demo') {
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
}
