import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

// WCAG 2.2.1 Timing adjustable. Playwright's clock moves the page's time on, so nobody waits half
// an hour; the server's clock does not move, so for the server the session stays fresh.

const TITLE = 'U bent bijna automatisch uitgelogd';
const EXPIRED = 'U bent uitgelogd, bijvoorbeeld omdat u een tijd niets heeft gedaan. Log opnieuw in.';

async function signedInWithFakeClock(env: BrowserEnv): Promise<Page> {
  const page = await newPage(env.browser);
  await page.clock.install();
  await signInAs(page, env.baseUrl, 'leerkracht');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  return page;
}

/** After the clock moved: give the page a moment to render what its timers changed. */
const settle = (page: Page) => page.waitForTimeout(250);

/** Whether the button holds the focus, once the page has settled (lazy pages render later). */
const isFocused = async (page: Page, name: string) => {
  await settle(page);
  return page.getByRole('button', { name, exact: true }).evaluate((el) => el === document.activeElement);
};

describe('idle timeout (30 minutes)', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv(50);
  });
  afterAll(async () => env?.close());

  it('warns two minutes before the end; "Ingelogd blijven" and Escape extend the session', async () => {
    const page = await signedInWithFakeClock(env);
    const warning = page.getByRole('alertdialog', { name: TITLE });

    await page.clock.fastForward('27:00');
    await settle(page);
    expect(await warning.count(), 'no warning three minutes before the end').toBe(0);

    await page.clock.fastForward('01:30');
    await warning.waitFor();
    await warning.getByText('Over 2 minuten wordt u uitgelogd omdat u niets heeft gedaan. Wilt u ingelogd blijven?').waitFor();
    expect(await isFocused(page, 'Ingelogd blijven'), 'focus is on the button').toBe(true);
    await expectAccessible(page, 'with the idle warning');

    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/session' && r.request().method() === 'GET'),
      page.getByRole('button', { name: 'Ingelogd blijven' }).click(),
    ]);
    expect(answer.status()).toBe(200);
    const body = (await answer.json()) as { idleExpiresAt: string; expiresAt: string };
    expect(Date.parse(body.idleExpiresAt)).toBeGreaterThan(Date.now());
    await warning.waitFor({ state: 'detached' });
    // Focus goes back to where it was: the page heading (focused after signing in).
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    // The first end (30 minutes after signing in) passes: still signed in, no warning.
    await page.clock.fastForward('05:00');
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.clock.fastForward('21:30');
    await settle(page);
    expect(await warning.count(), 'no warning 26.5 minutes after staying').toBe(0);

    // Two minutes before the new end the warning comes back; Escape closes it and stays signed in.
    await page.clock.fastForward('02:00');
    await warning.waitFor();
    const [again] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/session'),
      page.keyboard.press('Escape'),
    ]);
    expect(again.status()).toBe(200);
    await warning.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });

  it('signs out when the end passes, with the message that says why', async () => {
    const page = await signedInWithFakeClock(env);
    await page.clock.fastForward('31:00');
    await page.waitForURL((u) => u.pathname === '/inloggen');
    await page.getByText(EXPIRED).waitFor();
    await expectAccessible(page, 'signed out after the idle timeout');
    await page.context().close();
  });
});

describe('absolute end of the session', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    // A session that may last 2 minutes: its end is near as soon as it starts.
    process.env.SESSION_ABSOLUTE_MINUTES = '2';
    try {
      env = await startBrowserEnv(50);
    } finally {
      delete process.env.SESSION_ABSOLUTE_MINUTES;
    }
  });
  afterAll(async () => env?.close());

  it('says the session cannot be extended, then signs out', async () => {
    const page = await signedInWithFakeClock(env);
    const warning = page.getByRole('alertdialog', { name: TITLE });
    await warning.waitFor();
    await warning.getByText(/Over 2 minuten wordt u uitgelogd.*Dit kunt u niet verlengen\. Sla uw werk nu op/).waitFor();
    expect(await warning.getByRole('button', { name: 'Ingelogd blijven' }).count()).toBe(0);
    expect(await isFocused(page, 'Sluiten')).toBe(true);
    await expectAccessible(page, 'with the final warning');

    await page.keyboard.press('Escape');
    await warning.waitFor({ state: 'detached' });
    await page.clock.fastForward('02:00');
    await page.waitForURL((u) => u.pathname === '/inloggen');
    await page.getByText(EXPIRED).waitFor();
    await page.context().close();
  });
});
