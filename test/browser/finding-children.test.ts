import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * Issue 12, "Finding a child", "The access log for people" and "Screens that fit": Dutch names in
 * the list and the search, pupil numbers, the access log in words (a parent reads sentences, the
 * privacy officer finds a child by name and sees the IP address without scrolling), no page wider
 * than the screen, and the menu behind a button on a phone.
 */

let env: BrowserEnv;
let ouderChild = '';
beforeAll(async () => {
  env = await startBrowserEnv(80);
  const db = env.database.db;
  const school = env.demo.accounts.ib.organisationId!;
  for (const [given, family, n] of [
    ['Joep', 'van den Berg', '901'],
    ['Emre', 'Çelik', '902'],
  ] as const) {
    const c = await db.insertInto('children').values({ region_id: env.demo.regionId, given_name: given, family_name: family, birth_date: '2015-03-12' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('enrolments').values({ child_id: c.id, organisation_id: school, start_date: '2020-08-20', pupil_number: n }).execute();
  }
  ouderChild = (
    await db.selectFrom('child_guardians').select('child_id').where('guardian_id', '=', env.demo.accounts.ouder.guardianId!).where('has_authority', '=', true).executeTakeFirstOrThrow()
  ).child_id;
}, 120_000);
afterAll(async () => env?.close());

const pageIsNotWider = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('finding a child', () => {
  it('lists children as "Berg, Joep van den" with the pupil number, finds "celik" and "Joep Berg"; axe clean at 1366 px', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'ib');
    await page.goto(`${env.baseUrl}/kinderen?q=${encodeURIComponent('Joep Berg')}`);
    const table = page.getByRole('table', { name: /Joep Berg/ });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allInnerTexts()).toContain('Leerlingnummer');
    const row = table.getByRole('row', { name: /Berg, Joep van den/ });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('901');
    await expectAccessible(page, 'children search');

    const search = page.getByRole('searchbox', { name: 'Zoek op naam' });
    await search.fill('celik');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    const found = page.getByRole('table', { name: /celik/ });
    await found.waitFor();
    await found.getByRole('link', { name: 'Çelik, Emre' }).click();
    await page.getByRole('heading', { level: 1, name: /Emre Çelik/ }).waitFor();
    const enrolments = page.getByRole('table', { name: /Inschrijvingen van/ });
    expect(await enrolments.getByRole('columnheader').allInnerTexts()).toContain('Leerlingnummer');
    expect(await enrolments.innerText()).toContain('902');
    await expectAccessible(page, 'child page with pupil number');
    await page.context().close();
  });
});

describe('the access log for people', () => {
  it('a parent reads who looked, in short Dutch sentences, never an event key; axe clean at 390 px', async () => {
    // The school's care coordinator opens the child's file first.
    const ib = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(ib, env.baseUrl, 'ib');
    await ib.goto(`${env.baseUrl}/kinderen/${ouderChild}`);
    await ib.getByRole('heading', { level: 1 }).waitFor();
    await ib.getByText('Waarom ziet u dit?').waitFor();
    await ib.context().close();

    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'ouder');
    await page.goto(`${env.baseUrl}/kinderen/${ouderChild}/toegangslog`);
    const list = page.getByRole('list', { name: 'Toegang tot de gegevens, nieuwste eerst' });
    await list.waitFor();
    const sentences = await list.getByRole('listitem').allInnerTexts();
    expect(sentences.some((s) => /^.+ \(intern begeleider, .+\) bekeek de gegevens op \d{1,2} [a-z]+( \d{4})? om \d{2}:\d{2}\.$/.test(s)), sentences.join('\n')).toBe(true);
    // Her own look at the log, just now, comes first.
    expect(sentences[0]).toMatch(/bekeek wie de gegevens heeft ingezien op /);
    for (const s of sentences) expect(s).not.toMatch(/\b[a-z_]+\.[a-z_]+/);
    expect(await pageIsNotWider(page)).toBe(true);
    await expectAccessible(page, 'family access log at 390 px');
    await page.context().close();
  });

  it('the privacy officer finds a child by name, sees the log in words with the child named and the IP address in view at 1366 px', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'privacy');
    await page.goto(`${env.baseUrl}/toegangslog`);
    await page.getByRole('heading', { level: 1, name: 'Toegangslog' }).waitFor();
    const log = page.getByRole('table', { name: 'Vermeldingen in het toegangslog, nieuwste eerst' });
    await log.waitFor();

    // The IP address column is in view without scrolling, on the page or in the table's region.
    const ipHeader = log.getByRole('columnheader', { name: 'IP-adres' });
    const inView = await ipHeader.evaluate((th) => {
      const r = th.getBoundingClientRect();
      let box = { left: 0, right: window.innerWidth };
      for (let e = th.parentElement; e; e = e.parentElement) {
        if (getComputedStyle(e).overflowX !== 'visible') {
          const b = e.getBoundingClientRect();
          box = { left: Math.max(box.left, b.left), right: Math.min(box.right, b.right) };
        }
      }
      return r.left >= box.left && r.right <= box.right;
    });
    expect(inView).toBe(true);
    expect(await pageIsNotWider(page)).toBe(true);

    // Events in words: no cell of the "Gebeurtenis" column is a key.
    const headers = await log.getByRole('columnheader').allInnerTexts();
    const eventColumn = headers.indexOf('Gebeurtenis');
    expect(eventColumn).toBeGreaterThan(-1);
    const events = await log.locator(`tbody tr td:nth-child(${eventColumn + 1}), tbody tr th:nth-child(${eventColumn + 1})`).allInnerTexts();
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e).not.toMatch(/[a-z_]+\.[a-z_]+/);
    expect(await page.getByRole('combobox', { name: 'Gebeurtenis' }).locator('option', { hasText: 'Downloadde het plan als PDF' }).count()).toBe(1);

    // A parent asks about Emre: find him by name (without the cedilla) and open his log.
    await page.getByRole('searchbox', { name: 'Naam van het kind' }).fill('emre celik');
    await page.getByRole('search').filter({ has: page.getByRole('searchbox', { name: 'Naam van het kind' }) }).getByRole('button', { name: 'Zoeken' }).click();
    const results = page.getByRole('table', { name: /emre celik/ });
    await results.waitFor();
    expect(await results.getByRole('row').count()).toBe(2);
    await results.getByRole('button', { name: 'Toon het toegangslog van Çelik, Emre' }).click();
    await page.getByRole('heading', { level: 2, name: /^Toegangslog van Çelik, Emre \(geboren 12 maart 2015\)$/ }).waitFor();
    await expect.poll(() => page.url()).toMatch(/childId=/);
    // Her own search is in that log, with the child by name.
    const named = log.getByRole('link', { name: 'Çelik, Emre' });
    await expect.poll(() => named.count()).toBeGreaterThan(0);
    await log.getByRole('row', { name: /Zocht een kind op naam om het toegangslog te bekijken/ }).first().waitFor();
    await expectAccessible(page, 'privacy officer access log at 1366 px');
    await page.context().close();
  });
});

describe('screens that fit', () => {
  const pages = [
    ['beleid', '/thuiszitters/cijfers', 'Thuiszitters in cijfers'],
    ['ib', '/verzuim/signalering', null],
    ['ib', '/kinderen', 'Kinderen'],
    ['privacy', '/toegangslog', 'Toegangslog'],
    ['leerplicht', '/thuiszitters', null],
  ] as const;

  for (const width of [390, 1366]) {
    it(`no page is wider than the screen at ${width} px; axe clean`, async () => {
      for (const [user, path, heading] of pages) {
        const page = await newPage(env.browser, { width, height: 900 });
        await signInAs(page, env.baseUrl, user);
        await page.goto(`${env.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) }).waitFor();
        await page.getByRole('table').first().waitFor();
        expect(await pageIsNotWider(page), `${path} at ${width} px`).toBe(true);
        await expectAccessible(page, `${path} at ${width} px`);
        await page.context().close();
      }
    });
  }

  it('on a phone the menu folds behind a button: aria-expanded, Escape closes and returns the focus, choosing a page closes it', async () => {
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'ib');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    const button = nav.getByRole('button', { name: 'Menu' });
    await button.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    const children = nav.getByRole('link', { name: 'Kinderen' });
    expect(await children.isVisible()).toBe(false);

    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await children.isVisible()).toBe(true);
    await expectAccessible(page, 'open menu at 390 px');
    await children.focus();
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await children.isVisible()).toBe(false);

    // Keyboard: open with Enter, choose a page, the menu closes on the new page.
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await children.click();
    await page.getByRole('heading', { level: 1, name: 'Kinderen' }).waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await pageIsNotWider(page)).toBe(true);
    await page.context().close();

    // On a wide screen there is no button: the links are always there.
    const wide = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(wide, env.baseUrl, 'ib');
    const wideNav = wide.getByRole('navigation', { name: 'Hoofdmenu' });
    await wideNav.getByRole('link', { name: 'Kinderen' }).waitFor();
    expect(await wideNav.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    await wide.context().close();
  });
});
