import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
let page: Page;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => env?.close());

describe('an intern begeleider on a Monday morning', () => {
  it('signs in, finds a pupil, opens the child page — axe clean on every page', async () => {
    page = await newPage(env.browser);
    await page.goto(`${env.baseUrl}/inloggen`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expectAccessible(page, 'sign-in page');

    await signInAs(page, env.baseUrl, 'ib');
    await page.goto(`${env.baseUrl}/kinderen`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const rows = page.locator('main table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(5);
    await expectAccessible(page, 'children list');

    // Search by the family name of the first pupil shown (listed as "Berg, Joep van den").
    const firstName = (await rows.first().locator('a').first().innerText()).trim();
    const familyName = firstName.split(',')[0].trim();
    await page.getByLabel('Zoek op naam').fill(familyName);
    await page.getByLabel('Zoek op naam').press('Enter');
    await page.waitForFunction((name) => [...document.querySelectorAll('main table tbody tr')].every((tr) => tr.textContent?.includes(name)), familyName);

    await rows.first().locator('a').first().click();
    await page.waitForURL(/\/kinderen\/[0-9a-f-]{36}$/);
    // The page's heading is the name in reading order ("Joep van den Berg").
    await page.getByRole('heading', { level: 1, name: new RegExp(familyName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor();
    // Identity, enrolments and guardians are on the page; the reason for access is shown.
    await page.getByText(/intern begeleider|zorgcoördinator/i).first().waitFor();
    expect(await page.locator('main table').count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, 'child page');
    await page.close();
  });
});
