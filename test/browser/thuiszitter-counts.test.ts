import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv(80);
});
afterAll(async () => env?.close());

describe('Thuiszitters in cijfers (security review, issue 10)', () => {
  it('on a 390 px phone: whole periods only, the table scrolls in its own named, focusable region, the page does not scroll sideways; axe clean', async () => {
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'beleid');
    await page.goto(`${env.baseUrl}/thuiszitters/cijfers`);
    await page.getByRole('heading', { level: 1, name: 'Thuiszitters in cijfers' }).waitFor();
    const table = page.getByRole('table', { name: /^Thuiszitters per gemeente, stand op \d+/ });
    await table.waitFor();
    // No day to choose: months and school years.
    expect(await page.getByLabel('Peildatum').count()).toBe(0);
    const period = page.getByLabel('Periode');
    const options = await period.locator('option').allInnerTexts();
    expect(options).toHaveLength(15);
    expect(options.some((o) => /^schooljaar \d{4}-\d{4}$/.test(o))).toBe(true);
    // Counts 0 to 4 alike: "<5"; never a 0 or a number that is not a multiple of 5.
    const values = await table.locator('tbody td').allInnerTexts();
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v.trim()).toMatch(/^(<5|≥5|\d*[05])/);
    expect(values.some((v) => v.trim() === '0')).toBe(false);

    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)).toBe(false);
    const region = page.getByRole('region', { name: /^Thuiszitters per gemeente, stand op/ });
    await region.focus();
    expect(await region.evaluate((e) => e === document.activeElement && e.scrollWidth > e.clientWidth)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expectAccessible(page, 'counts at 390 px');

    // A school year, per school type.
    await period.selectOption({ index: 12 });
    await page.getByLabel('Indelen per').selectOption('school_type');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByRole('table', { name: /^Thuiszitters per schoolsoort, schooljaar \d{4}-\d{4}/ }).waitFor();
    expect(page.url()).toMatch(/periode=\d{4}-\d{4}&per=schoolsoort/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)).toBe(false);
    await expectAccessible(page, 'counts per school year at 390 px');
    await page.context().close();
  });
});
