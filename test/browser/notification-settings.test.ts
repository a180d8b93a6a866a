import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';
import { NOTIFICATION_KINDS } from '../../src/contracts/values/signals.ts';

/**
 * "Meldingen instellen" (issue 13): each professional chooses per kind of notification whether she
 * hears of it in the app only, also by e-mail at once, or in one e-mail a day. The wijkteam worker
 * puts "Nieuw verzoek" on the daily e-mail, saves, and finds it kept after a reload; the urgent
 * signal's row offers no daily e-mail. Axe at 390 and 1366 px; a parent has no such page.
 */
let env: BrowserEnv;

beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => env?.close());

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const notWider = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
const row = (page: Page, name: string) => page.getByRole('main').getByRole('group', { name, exact: true });

describe('notification settings', () => {
  it('the wijkteam worker, on a phone, reaches the settings from her home page: one row per kind, the channels each allows', async () => {
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'wijkteam');
    await page.getByRole('link', { name: /^Stel in hoe u meldingen krijgt/ }).click();
    await page.waitForURL(`${env.baseUrl}/instellingen/meldingen`);
    await h1(page).filter({ hasText: 'Meldingen instellen' }).waitFor();
    // By default an e-mail at once, for every kind.
    const received = row(page, 'Nieuw verzoek');
    await received.getByText('Uw organisatie krijgt een nieuw verzoek', { exact: false }).waitFor();
    expect(await received.getByRole('radio').evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent))).toEqual(['Alleen in de app', 'Ook direct per e-mail', 'Eén e-mail per dag']);
    expect(await received.getByRole('radio', { name: 'Ook direct per e-mail' }).isChecked()).toBe(true);
    // An urgent signal cannot wait for the daily e-mail: that choice is not offered, and the row says why.
    const urgent = row(page, 'Dringend signaal');
    expect(await urgent.getByRole('radio').count()).toBe(2);
    expect(await urgent.getByRole('radio', { name: 'Eén e-mail per dag' }).count()).toBe(0);
    await urgent.getByText('een dringend signaal kan niet wachten', { exact: false }).waitFor();
    expect(await page.getByRole('main').getByRole('group').count()).toBe(NOTIFICATION_KINDS.length);
    // On a phone the choices of a row stack.
    const boxes = await received.getByRole('radio').evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().top));
    expect(boxes[1]).toBeGreaterThan(boxes[0]);
    await expectAccessible(page, 'wijkteam: notification settings at 390 px');
    expect(await notWider(page)).toBe(true);
    await page.context().close();
  });

  it('she puts "Nieuw verzoek" on one e-mail a day and saves; after a reload it is kept, the other rows as they were', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'wijkteam');
    await page.goto(`${env.baseUrl}/instellingen/meldingen`);
    await h1(page).filter({ hasText: 'Meldingen instellen' }).waitFor();
    const received = row(page, 'Nieuw verzoek');
    // On a wide screen the choices of a row stand side by side.
    const tops = await received.getByRole('radio').evaluateAll((rs) => rs.map((r) => Math.round(r.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await received.getByRole('radio', { name: 'Eén e-mail per dag' }).check();
    await row(page, 'Nieuwe stap in een verzoek').getByRole('radio', { name: 'Alleen in de app' }).check();
    await expectAccessible(page, 'wijkteam: notification settings at 1366 px');
    await page.getByRole('button', { name: 'Keuzes opslaan' }).click();
    await page.getByRole('status').getByText('Uw keuzes zijn opgeslagen.').waitFor();
    await expectAccessible(page, 'wijkteam: notification settings saved');
    expect(await notWider(page)).toBe(true);

    await page.reload();
    await h1(page).filter({ hasText: 'Meldingen instellen' }).waitFor();
    await row(page, 'Nieuw verzoek').getByRole('radio', { name: 'Eén e-mail per dag' }).waitFor();
    expect(await row(page, 'Nieuw verzoek').getByRole('radio', { name: 'Eén e-mail per dag' }).isChecked()).toBe(true);
    expect(await row(page, 'Nieuwe stap in een verzoek').getByRole('radio', { name: 'Alleen in de app' }).isChecked()).toBe(true);
    expect(await row(page, 'Dringend signaal').getByRole('radio', { name: 'Ook direct per e-mail' }).isChecked()).toBe(true);
    // What the server keeps: her choices, nobody else's.
    const kept = await env.database.db.selectFrom('notification_preferences').select(['kind', 'channel']).where('person_id', '=', env.demo.accounts.wijkteam.personId!).execute();
    expect(kept).toEqual(expect.arrayContaining([{ kind: 'request_received', channel: 'digest' }, { kind: 'request_update', channel: 'app' }]));
    await page.context().close();
  });

  it('a parent has no notification settings: the page says so', async () => {
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'ouder');
    await page.goto(`${env.baseUrl}/instellingen/meldingen`);
    await h1(page).filter({ hasText: 'Geen toegang' }).waitFor();
    expect(await page.getByRole('link', { name: /^Stel in hoe u meldingen krijgt/ }).count()).toBe(0);
    await expectAccessible(page, 'parent: no notification settings');
    await page.context().close();
  });
});
