import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * Partners land somewhere (issue 12): a youth care worker on a team with consent finds her case on
 * the home page, not "U zit nog in geen enkel team"; the case page offers no link that ends in "Geen
 * toegang". The demo case has `jeugdhulp` on its team with a consent, `wijkteam` without one; `swv`
 * is on no team.
 */
let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv(60);
});
afterAll(async () => env?.close());

const noSidewaysScroll = (page: import('playwright-core').Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe('a youth care worker between home visits', () => {
  for (const size of [
    { width: 390, height: 844 },
    { width: 1366, height: 900 },
  ]) {
    it(`finds her case on the home page and opens it; no link leads to a refusal (${size.width} px)`, async () => {
      const page = await newPage(env.browser, size);
      await signInAs(page, env.baseUrl, 'jeugdhulp');
      const cases = page.getByRole('region', { name: 'Uw casus' });
      await cases.getByRole('link').first().waitFor();
      expect(await page.getByText('U zit nu nog in geen enkel team').count()).toBe(0);
      expect(await page.getByText(/ziet u straks/).count()).toBe(0);
      await expectAccessible(page, `youth care home ${size.width}`);
      expect(await noSidewaysScroll(page)).toBe(true);

      await cases.getByRole('link').first().click();
      await page.waitForURL(/\/casussen\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const summary = page.getByRole('region', { name: 'Gegevens van de casus' });
      await summary.waitFor();
      // The signal is the school's: named, not linked.
      await summary.getByText('een zorgsignaal van de school (dat ziet alleen de school)').waitFor();
      expect(await summary.getByRole('link', { name: 'Het zorgsignaal' }).count()).toBe(0);
      // The consent covers the child's identity: the name links to the child's page, which opens.
      const child = summary.getByRole('link').first();
      const href = await child.getAttribute('href');
      expect(href).toMatch(/^\/kinderen\/[0-9a-f-]{36}$/);
      await expectAccessible(page, `youth care case ${size.width}`);
      expect(await noSidewaysScroll(page)).toBe(true);
      await child.click();
      await page.waitForURL(/\/kinderen\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getByText('Geen toegang').count()).toBe(0);
      await page.context().close();
    });
  }
});

describe('partners without a consent or without a team', () => {
  it('the wijkteam worker sees that the case exists, the SWV consultant why there is nothing yet', async () => {
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'wijkteam');
    const cases = page.getByRole('region', { name: 'Uw casus' });
    await cases.getByRole('link', { name: /zonder toestemming: u ziet alleen dat hij bestaat/ }).waitFor();
    await expectAccessible(page, 'wijkteam home');
    await page.context().close();

    const swv = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(swv, env.baseUrl, 'swv');
    await swv.getByText('U bent nu nog niet voor een casus uitgenodigd. Daarom ziet u nog geen kinderen.').waitFor();
    expect(await swv.getByRole('region', { name: /Uw .*casus/ }).count()).toBe(0);
    await expectAccessible(swv, 'swv home');
    await swv.context().close();
  });
});
