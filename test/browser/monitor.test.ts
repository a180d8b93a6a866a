import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { refreshAllRegions } from '../../src/modules/monitor/index.ts';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * The regional monitor in the browser (issue 14, docs/monitor.md): the policy analyst of De Bilt
 * opens the dashboard, chooses between the region and her gemeente (in the address, so the back
 * button and a shared link work), opens an indicator, reads its chart and the table behind it,
 * breaks it down otherwise and downloads the CSV; axe at 1366 and 390 px. The school leader sees
 * her school beside the region; a teacher has no monitor. The demo has no history here: the
 * figures are those of the demo's own records, computed once before the test.
 */
let env: BrowserEnv;
let deBilt: string;
let school: string;

beforeAll(async () => {
  env = await startBrowserEnv(80);
  await refreshAllRegions(env.database, { full: true });
  const db = env.database.db;
  deBilt = (await db.selectFrom('organisations').select('gemeente_id').where('id', '=', env.demo.accounts.beleid.organisationId!).executeTakeFirstOrThrow()).gemeente_id!;
  school = (await db.selectFrom('organisations').select('name').where('id', '=', env.demo.accounts.directeur.organisationId!).executeTakeFirstOrThrow()).name;
});
afterAll(async () => env?.close());

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe('the policy analyst\'s dashboard', () => {
  it('opens on her gemeente, switches to the region and back through the address, and every tile says what it shows (1366 px)', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'beleid');
    // The home page no longer says the overviews come later: it leads to the monitor.
    const home = page.getByRole('region', { name: 'Monitor' });
    await home.getByRole('link', { name: 'Alle cijfers in de monitor' }).waitFor();
    expect(await page.content()).not.toMatch(/komen later|Wat ziet u straks/);

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Monitor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monitor' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^Cijfers voor inwoners van De Bilt, schooljaar \d{4}-\d{4}/ }).waitFor();
    await page.getByText(/^Bijgewerkt op \d+ \w+ \d{4} om \d\d:\d\d\.$/).waitFor();
    const gemeente = page.getByLabel('Gemeente (waar de kinderen wonen)');
    expect(await gemeente.locator('option').allInnerTexts()).toEqual(['De hele regio', 'De Bilt']);
    // Her scope: no school to choose, school types yes.
    expect(await page.getByLabel('School', { exact: true }).count()).toBe(0);
    await page.getByLabel('Schoolsoort').waitFor();

    // Every indicator of her role is a tile with its question, a year earlier and the region beside it.
    const tiles = page.getByRole('article');
    expect(await tiles.count()).toBe(10);
    const signals = page.getByRole('article', { name: 'Signalen' });
    await signals.getByText('Worden signalen van leerkrachten op tijd opgepakt, en wat gebeurt er mee?').waitFor();
    await signals.getByText(/^Een jaar eerder \(schooljaar \d{4}-\d{4}/).waitFor();
    await signals.getByText('De hele regio').waitFor();
    // A figure that is not shown says why, with the threshold.
    expect(await page.getByText(/te weinig om (precies )?te tonen/i).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'monitor overview at 1366 px');

    // The whole region: in the address; the back button brings her gemeente back.
    await gemeente.selectOption({ label: 'De hele regio' });
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByRole('heading', { level: 2, name: /^Cijfers voor de hele regio, / }).waitFor();
    expect(new URL(page.url()).searchParams.get('gemeente')).toBe('regio');
    expect(await signals.getByText('De hele regio').count()).toBe(0);
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: /^Cijfers voor inwoners van De Bilt, / }).waitFor();
    expect(await gemeente.inputValue()).toBe(deBilt);

    // Her gemeente, chosen on purpose: the link of the view says so and opens the same for a colleague.
    await gemeente.selectOption({ label: 'De Bilt' });
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.waitForURL((u) => u.searchParams.get('gemeente') === deBilt);
    const shared = page.url();
    const colleague = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(colleague, env.baseUrl, 'beleid');
    await colleague.goto(shared);
    await colleague.getByRole('heading', { level: 2, name: /^Cijfers voor inwoners van De Bilt, / }).waitFor();
    await colleague.context().close();
    await page.context().close();
  });

  it('opens an indicator: the definition beside the figure, a chart with its text, the table behind it; breaks it down otherwise; downloads the CSV', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'beleid');
    await page.goto(`${env.baseUrl}/monitor?gemeente=${deBilt}`);
    await page.getByRole('link', { name: 'Signalen: grafiek en tabel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/monitor/signalen');

    // What the figure means, from the definitions.
    const definition = page.getByRole('region', { name: 'Wat betekent dit cijfer?' });
    await definition.getByText('Alle signalen die in de periode zijn gegeven, behalve signalen die de leerkracht zelf introk.').waitFor();
    for (const term of ['Vraag', 'Teller', 'Noemer', 'Periode', 'Bron']) await definition.getByText(term, { exact: true }).waitFor();

    // Per month by default over a school year: the stacked counts with their legend and text alternative.
    const figure = page.getByRole('figure', { name: 'Signalen: aantallen per maand' });
    await figure.waitFor();
    await figure.getByRole('list', { name: 'Legenda' }).getByText('Op tijd opgepakt').waitFor();
    const text = (await figure.locator('.samenspel-monitor-chart__text').innerText()).replace(/^In woorden:\s*/, '');
    expect(text).toMatch(/^Op tijd opgepakt: augustus \d{4} /);
    // The chart takes the focus; the arrow keys show a value; Tab leaves it again.
    const chart = figure.locator('svg[role="application"]');
    await chart.focus();
    await page.keyboard.press('ArrowRight');
    await figure.locator('.recharts-tooltip-wrapper').getByText(/Op tijd opgepakt/).waitFor();
    await page.keyboard.press('Tab');
    expect(await chart.evaluate((e) => e === document.activeElement)).toBe(false);

    // The table behind the chart: every month, the total, a year earlier and the region; a cell as the server published it.
    const table = page.getByRole('table', { name: /^Signalen per maand, schooljaar \d{4}-\d{4}.*, inwoners van De Bilt$/ });
    await table.waitFor();
    const period = new URL(page.url()).searchParams.get('periode')!;
    const answer = await (await page.request.get(`${env.baseUrl}/api/v1/monitor/indicators/signals?period=${period}&gemeente=${deBilt}&by=month`)).json();
    const rows = await table.locator('tbody tr').count();
    expect(rows).toBe(answer.rows.length + 3);
    const total = table.getByRole('row', { name: /^Totaal/ });
    const headers = await table.locator('thead th').allInnerTexts();
    const raised = headers.indexOf('Signalen');
    expect(raised).toBe(1);
    // What the table shows first is the published figure ("<5" is followed by its explanation for screen readers).
    expect((await total.locator('td').nth(raised - 1).innerText()).split(/\s/)[0]).toBe(answer.total.cells.raised.display);
    await table.getByRole('row', { name: /^De hele regio/ }).waitFor();
    await table.getByRole('row', { name: /^Een jaar eerder/ }).waitFor();
    // A hidden count is shown as it is, and explained.
    if (JSON.stringify(answer).includes('"<5"')) await table.getByText('(0 tot en met 4, afgeschermd)').first().waitFor({ state: 'attached' });
    await page.getByText(/"<5" betekent 0 tot en met 4/).waitFor();
    await expectAccessible(page, 'indicator per month at 1366 px');

    // Another breakdown: per school type, in the address; the back button returns to the months.
    await page.getByLabel('Uitsplitsen').selectOption({ label: 'Per schoolsoort' });
    await page.getByRole('button', { name: 'Tonen' }).click();
    const byType = page.getByRole('table', { name: /^Signalen per schoolsoort, / });
    await byType.waitFor();
    expect(new URL(page.url()).searchParams.get('per')).toBe('schoolsoort');
    await byType.getByRole('rowheader', { name: 'Primair onderwijs (po)' }).waitFor();
    await byType.getByRole('rowheader', { name: 'Voortgezet onderwijs (vo)' }).waitFor();
    await page.getByRole('figure', { name: 'Signalen: aantallen per schoolsoort' }).waitFor();
    // Not per school or per gemeente: that is not hers.
    expect(await page.getByLabel('Uitsplitsen').locator('option').allInnerTexts()).toEqual(['Niet uitsplitsen (alleen het totaal)', 'Per maand', 'Per schoolsoort', 'Per bestuur']);
    await expectAccessible(page, 'indicator per school type at 1366 px');
    await page.goBack();
    await page.getByRole('table', { name: /^Signalen per maand, / }).waitFor();

    // The CSV of the whole monitor for this selection.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV downloaden' }).click()]);
    expect(download.suggestedFilename()).toBe(`monitor-${period}.csv`);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('indicator;indicator_naam;selectie;periode;rij;rij_naam;kolom;kolom_naam;waarde;weergave');
    expect(lines[1]).toContain(';inwoners van De Bilt;');
    await page.context().close();
  });

  it('reads on a 390 px phone: the filters stack, the charts fit, the tables scroll in their own named region; axe clean', async () => {
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'beleid');
    await page.goto(`${env.baseUrl}/monitor`);
    await page.getByRole('heading', { level: 2, name: /^Cijfers voor inwoners van De Bilt/ }).waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await expectAccessible(page, 'monitor overview at 390 px');

    await page.getByRole('link', { name: 'Signalen: grafiek en tabel' }).click();
    const table = page.getByRole('table', { name: /^Signalen per maand, / });
    await table.waitFor();
    await page.getByRole('figure', { name: 'Signalen: aantallen per maand' }).locator('svg[role="application"]').waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    for (const svg of await page.locator('figure svg[role="application"]').all()) expect((await svg.boundingBox())!.width).toBeLessThanOrEqual(390);
    const region = page.getByRole('region', { name: /^Signalen per maand, / }).and(page.locator('[tabindex="0"]'));
    await region.focus();
    expect(await region.evaluate((e) => e === document.activeElement && e.scrollWidth > e.clientWidth)).toBe(true);
    await expectAccessible(page, 'indicator at 390 px');
    await page.context().close();
  });
});

describe('other readers', () => {
  it('the school leader sees her school beside the region, by month only', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'directeur');
    await page.getByRole('region', { name: 'Monitor' }).getByRole('link', { name: 'Alle cijfers in de monitor' }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(`^Cijfers voor ${school}, schooljaar`) }).waitFor();
    expect(await page.getByLabel('School', { exact: true }).locator('option').allInnerTexts()).toEqual(['Alle scholen (de hele regio)', school]);
    // No time to help (requests go to organisations, not to her school).
    expect(await page.getByRole('article').count()).toBe(9);
    await page.getByRole('article', { name: 'Signalen' }).getByText('De hele regio').waitFor();
    await page.getByRole('link', { name: 'Thuiszitters: grafiek en tabel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thuiszitters' }).waitFor();
    const table = page.getByRole('table', { name: new RegExp(`^Thuiszitters per maand, .*, ${school}$`) });
    await table.waitFor();
    await table.getByRole('row', { name: /^De hele regio/ }).waitFor();
    expect(await page.getByLabel('Uitsplitsen').locator('option').allInnerTexts()).toEqual(['Niet uitsplitsen (alleen het totaal)', 'Per maand']);
    await page.context().close();
  });

  it('a teacher has no Monitor in the menu and gets the no-access page at /monitor', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'leerkracht');
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await menu.getByRole('link').first().waitFor();
    expect(await menu.getByRole('link', { name: 'Monitor' }).count()).toBe(0);
    await page.goto(`${env.baseUrl}/monitor`);
    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    await page.goto(`${env.baseUrl}/monitor/signalen`);
    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    await page.context().close();
  });
});
