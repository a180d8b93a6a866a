import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * Urgent means urgent (issue 12): a teacher's "Dringend" signal is at the top of the intern
 * begeleider's queue with a badge that says so, and she sees a notification at once, which links to
 * the signal and can be marked as read.
 */

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => env?.close());

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const noWiderThan = async (page: Page, width: number) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

describe('an urgent signal', () => {
  it('the teacher raises one marked "Dringend"', async () => {
    const teacher = await newPage(env.browser);
    await signInAs(teacher, env.baseUrl, 'leerkracht');
    const pupil = (await teacher.request.get(`${env.baseUrl}/api/v1/children?pageSize=1`).then((r) => r.json())).items[0];
    await teacher.goto(`${env.baseUrl}/kinderen/${pupil.id}/signaal`);
    await teacher.getByLabel('Wat ziet u?').fill('Vertelt dat hij thuis geslagen wordt.');
    await teacher.getByRole('group', { name: 'Waar gaat uw zorg over?' }).getByRole('radio', { name: 'Thuissituatie' }).check();
    await teacher.getByRole('group', { name: 'Hoe dringend is het?' }).getByRole('radio', { name: 'Dringend' }).check();
    await teacher.getByRole('group', { name: 'Zijn de ouders op de hoogte?' }).getByRole('radio', { name: 'Ja' }).check();
    await teacher.getByRole('button', { name: 'Signaal opslaan' }).click();
    await teacher.waitForURL(/\/signalen\/[0-9a-f-]{36}$/);
    await teacher.context().close();
  });

  for (const width of [1366, 390]) {
    it(`at ${width} px: on top of the queue with a "Dringend" badge, and a notification for the intern begeleider`, async () => {
      const ib = await newPage(env.browser, { width, height: 900 });
      await signInAs(ib, env.baseUrl, 'ib');
      await ib.goto(`${env.baseUrl}/signalen`);
      await h1(ib).filter({ hasText: 'Signalen' }).waitFor();
      const firstRow = ib.locator('main table tbody tr').first();
      await firstRow.waitFor();
      await firstRow.locator('.samenspel-badge', { hasText: 'Dringend' }).waitFor();
      // Every "Dringend" badge comes before every row without one.
      const badges = await ib.locator('main table tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('.samenspel-badge--very-late') !== null && /Dringend/.test(r.textContent ?? '')));
      expect(badges.indexOf(false) === -1 || badges.slice(badges.indexOf(false)).every((b) => !b)).toBe(true);

      if (width === 1366) {
        const notifications = ib.getByRole('region', { name: '1 nieuwe melding' });
        await notifications.getByText('Dringend signaal op uw school').waitFor();
        await expectAccessible(ib, `queue with a notification at ${width}`);
        await noWiderThan(ib, width);
        await notifications.getByRole('button', { name: /Gelezen/ }).click();
        await notifications.waitFor({ state: 'detached' });
      } else {
        expect(await ib.getByRole('region', { name: /nieuwe melding/ }).count()).toBe(0);
      }
      await expectAccessible(ib, `queue at ${width}`);
      await noWiderThan(ib, width);

      // The row opens the signal: "Dringend", due today.
      await firstRow.getByRole('link').click();
      await ib.waitForURL(/\/signalen\/[0-9a-f-]{36}$/);
      await ib.getByText('Dringend', { exact: true }).first().waitFor();
      await ib.context().close();
    });
  }
});
