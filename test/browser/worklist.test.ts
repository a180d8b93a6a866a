import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * Each professional's worklist on the home page (issue 13, docs/requests.md "De werklijst"), with
 * axe at 390 and 1366 px: the demo IB finds her school's open signals in "Mijn werklijst", overdue
 * first and marked in words; the youth care worker finds the request the IB just sent her, and its
 * one link leads to the request's page.
 */
let env: BrowserEnv;
const CASE_TITLE = 'Boosheid in de klas en onrust thuis';

beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => env?.close());

const notWider = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
const worklist = (page: Page) => page.getByRole('region', { name: 'Mijn werklijst' });

async function csrf(page: Page): Promise<string> {
  const res = await page.request.get(`${env.baseUrl}/api/v1/session`);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

describe('Mijn werklijst on the home page', () => {
  for (const width of [1366, 390]) {
    it(`the IB sees the open signals of her school, overdue first and said in words (${width} px)`, async () => {
      const page = await newPage(env.browser, { width, height: 900 });
      await signInAs(page, env.baseUrl, 'ib');
      const region = worklist(page);
      await region.waitFor();
      const school = env.demo.accounts.ib.organisationId!;
      const open = await env.database.db.selectFrom('signals').select('id').where('organisation_id', '=', school).where('status', 'in', ['new', 'watching']).execute();
      expect(open.length).toBeGreaterThan(2);
      // The count per kind links to the full list, in a Dutch plural.
      await region.getByRole('link', { name: `${open.length} signalen om op te pakken` }).waitFor();
      // The list: overdue first, in words; each signal one link to its page.
      const items = region.getByRole('list', { name: 'Wat op u wacht, op deadline' }).getByRole('listitem');
      const firstShown = await items.count();
      expect(firstShown).toBeGreaterThan(0);
      expect(await items.first().innerText()).toMatch(/^Te laat/);
      const showAll = region.getByRole('button', { name: /^Toon alle \d+$/ });
      if (await showAll.count()) {
        await showAll.click();
        expect(await showAll.getAttribute('aria-expanded')).toBe('true');
        await region.getByRole('button', { name: /^Toon alleen de eerste/ }).waitFor();
      }
      const links = await region.getByRole('link', { name: /^Signaal (oppakken|in de gaten houden)/ }).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.sort()).toEqual(open.map((s) => `/signalen/${s.id}`).sort());
      // What is overdue stands at the top: no item marked overdue after one that is not.
      const overdue = await items.evaluateAll((lis) => lis.map((li) => li.textContent?.startsWith('Te laat') ?? false));
      expect(overdue.indexOf(false) === -1 || overdue.lastIndexOf(true) < overdue.indexOf(false)).toBe(true);
      // The worklist comes first on the page, before the notifications and the tasks.
      const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
      expect(headings[0]).toBe('Mijn werklijst');
      await expectAccessible(page, `IB: home page with the worklist at ${width} px`);
      expect(await notWider(page)).toBe(true);
      await page.context().close();
    });
  }

  it('the youth care worker sees the request the IB sent her and its link leads to the request (390 and 1366 px)', async () => {
    // The IB sends a request to Jeugdhulp De Brug from the demo case, under the parents' consent.
    const ib = await newPage(env.browser);
    await signInAs(ib, env.baseUrl, 'ib');
    const k = await env.database.db.selectFrom('cases').select('id').where('title', '=', CASE_TITLE).executeTakeFirstOrThrow();
    const sent = await ib.request.post(`${env.baseUrl}/api/v1/cases/${k.id}/requests`, {
      headers: { 'x-csrf-token': await csrf(ib) },
      data: { kind: 'provider', toOrganisationId: env.demo.accounts.jeugdhulp.organisationId, urgency: 'urgent', question: 'Kan De Brug ook op school meekijken?', goal: 'Rust in de klas.', dataKinds: ['identity', 'school'] },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    const request = (await sent.json()) as { id: string; child: { givenName: string; familyName: string } };
    await ib.context().close();

    for (const width of [390, 1366]) {
      const page = await newPage(env.browser, { width, height: 900 });
      await signInAs(page, env.baseUrl, 'jeugdhulp');
      const region = worklist(page);
      await region.waitFor();
      await region.getByRole('link', { name: /verzoek(en)? om te beantwoorden$/ }).waitFor();
      const name = `Verzoek beantwoorden: verzoek aan een jeugdhulpaanbieder — ${request.child.givenName} ${request.child.familyName}`;
      const link = region.getByRole('link', { name });
      await link.waitFor();
      const item = region.getByRole('listitem').filter({ has: page.getByRole('link', { name }) });
      expect(await item.innerText()).toContain('Dringend');
      expect(await item.innerText()).toMatch(/uiterlijk \d+ \w+ \d{4}/);
      await expectAccessible(page, `youth care worker: home page with the worklist at ${width} px`);
      expect(await notWider(page)).toBe(true);
      await link.click();
      await page.waitForURL(`${env.baseUrl}/verzoeken/${request.id}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.context().close();
    }
  });
});
