import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';

// A fixed Wednesday in November 2026, outside every school holiday: the days below are lesson days
// (the weekend of 21 November is not).
process.env.SAMENSPEL_TODAY = '2026-11-25';

const { expectAccessible, newPage, signInAs, startBrowserEnv } = await import('./support.ts');
type BrowserEnv = Awaited<ReturnType<typeof startBrowserEnv>>;

let env: BrowserEnv;
/** Pupils of the ib's school of compulsory-school age without demo absence since October, each with a pupil number. */
let pupils: { id: string; name: string; number: string }[];

beforeAll(async () => {
  env = await startBrowserEnv(80);
  const school = env.demo.accounts.ib.organisationId!;
  const rows = await env.database.db
    .selectFrom('enrolments as e')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .select(['e.child_id', 'c.given_name', 'c.family_name'])
    .where('e.organisation_id', '=', school)
    .where('e.end_date', 'is', null)
    .where('e.start_date', '<=', '2026-09-01')
    // Leerplichtig all autumn (5 before September, not yet 16): a 4-year-old gets no report, and the test would pass or fail by chance.
    .where('c.birth_date', '<=', '2021-08-01')
    .where('c.birth_date', '>', '2011-01-01')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('absence_records as a').select('a.id').whereRef('a.child_id', '=', 'e.child_id').where('a.day', '>=', '2026-10-01'))))
    .orderBy('e.child_id')
    .limit(4)
    .execute();
  expect(rows).toHaveLength(4);
  pupils = rows.map((r, i) => ({ id: r.child_id, name: `${r.given_name} ${r.family_name}`, number: `55${i}1` }));
  for (const p of pupils) await sql`update enrolments set pupil_number = ${p.number} where child_id = ${p.id} and organisation_id = ${school} and end_date is null`.execute(env.database.db);
});
afterAll(async () => env?.close());

/** Absence records written by an import (the demo's own absence was entered by hand). */
const imported = async () =>
  Number((await env.database.db.selectFrom('absence_records').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', 'import').executeTakeFirstOrThrow()).n);

const file = (page: Page) => page.getByLabel('Bestand met verzuim (CSV) of Excel-werkmap (.xlsx)');
async function check(page: Page, csv: string) {
  await file(page).setInputFiles({ name: 'verzuim.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Controleren' }).click();
}

describe.each([
  { width: 1366, height: 900, first: 0 },
  { width: 390, height: 844, first: 2 },
])('the absence import a person can check, at $width px', ({ width, height, first }) => {
  it('no file, a file with errors, then a good file: named preview, saved, the reports that arose with links, and a report’s days', async () => {
    const [a, b] = [pupils[first], pupils[first + 1]];
    const before = await imported();
    const page = await newPage(env.browser, { width, height });
    await signInAs(page, env.baseUrl, 'ib');
    await page.goto(`${env.baseUrl}/verzuim/importeren`);
    await page.getByRole('heading', { level: 1, name: 'Verzuim importeren' }).waitFor();
    // The page says what `leerling` is and where to find it.
    await page.getByText(/In de kolom leerling staat het leerlingnummer van de leerling op uw school \(of de id van het kind in Samenspel\)/).waitFor();
    await expectAccessible(page, `absence import ${width}`);

    // "Controleren" without a file: an error summary and the field says what to do; no crash.
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('alert').getByText('Er is nog geen bestand gekozen; er is niets gecontroleerd.').waitFor();
    await page.getByText('Kies eerst het bestand met verzuim (CSV of Excel .xlsx).').waitFor();
    expect(await file(page).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, `absence import without a file ${width}`);

    // A file with errors (a weekend day, hours that are no number): an error summary, not a green one.
    await check(page, `leerling;datum;uren;reden\n${a.number};2026-11-21;2;ongeoorloofd\n${b.number};2026-11-23;drie;ziek\n${a.number};2026-11-23;1;ziek\n`);
    const errors = page.getByRole('table', { name: /Fouten per regel/ });
    await errors.waitFor();
    expect(await errors.locator('tbody tr').count()).toBe(2);
    await errors.getByText('za 21 november 2026 is geen lesdag (weekend).', { exact: false }).waitFor();
    await page.getByText('Het bestand heeft 2 fouten. Er is niets opgeslagen; verbeter het bestand en controleer het opnieuw.').waitFor();
    expect(await page.locator('.utrecht-alert--ok').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Opslaan' }).count()).toBe(0);
    await expectAccessible(page, `absence import with errors ${width}`);
    expect(await imported()).toBe(before);

    // The good file: each pupil by name and pupil number, the reason in Dutch, numbers aligned with their heading.
    await check(page, `leerling;datum;uren;reden\n${a.number};2026-11-02;8;ongeoorloofd\n${a.number};2026-11-03;8;ongeoorloofd\n${b.number};2026-11-04;6;luxeverzuim\n`);
    const preview = page.getByRole('table', { name: 'De eerste regels zoals ze worden opgeslagen' });
    await preview.waitFor();
    expect(await preview.locator('thead th').allInnerTexts()).toEqual(['Regel', 'Leerling', 'Leerlingnummer', 'Datum', 'Uren', 'Reden']);
    expect(await preview.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual(['2', a.name, a.number, '2 november 2026', '8', 'Ongeoorloofd']);
    expect(await preview.locator('tbody tr').nth(2).locator('td').allInnerTexts()).toEqual(['4', b.name, b.number, '4 november 2026', '6', 'Luxe verzuim']);
    // Each heading stands above its cells: same left edge and same alignment.
    const headings = await preview.locator('thead th').evaluateAll((cells) => cells.map((c) => [Math.round(c.getBoundingClientRect().left), getComputedStyle(c).textAlign]));
    const cells = await preview.locator('tbody tr').first().locator('td').evaluateAll((tds) => tds.map((c) => [Math.round(c.getBoundingClientRect().left), getComputedStyle(c).textAlign]));
    expect(cells).toEqual(headings);
    await page.getByText('Alle 3 regels in orde.', { exact: false }).waitFor();
    await expectAccessible(page, `absence import preview ${width}`);

    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('heading', { name: 'Opgeslagen' }).waitFor();
    const saved = page.locator('section[aria-labelledby="import-saved"]');
    expect(await saved.locator('p').allInnerTexts()).toEqual([
      'Opgeslagen: 3 regels voor 2 leerlingen (3 nieuw of gewijzigd).',
      '2 nieuwe meldingen, waarvan 1 16 uur in 4 weken en 1 luxe verzuim, eerste termijn 10 november.',
      'Naar de verzuimmeldingen',
    ]);
    expect(await imported()).toBe(before + 3);
    await expectAccessible(page, `absence import saved ${width}`);

    // The links lead to the reports, which show the days and hours that made them.
    const sixteenHref = await page.getByRole('link', { name: `16 uur in 4 weken: ${a.name}, uiterlijk melden op 10 november` }).getAttribute('href');
    await page.getByRole('link', { name: `Luxe verzuim: ${b.name}, uiterlijk melden op 11 november` }).click();
    await page.getByRole('heading', { level: 1, name: `Verzuimmelding ${b.name}: Luxe verzuim` }).waitFor();
    const days = page.locator('section[aria-labelledby="report-days"] table');
    await days.waitFor();
    expect(await days.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual(['4 november 2026', '6', 'Luxe verzuim']);
    await expectAccessible(page, `absence report with its days ${width}`);

    await page.goto(`${env.baseUrl}${sixteenHref}`);
    await page.getByRole('heading', { level: 1, name: `Verzuimmelding ${a.name}: 16 uur in 4 weken` }).waitFor();
    expect(await page.locator('section[aria-labelledby="report-days"] tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^2 november 2026\s+8\s+Ongeoorloofd$/), expect.stringMatching(/^3 november 2026\s+8\s+Ongeoorloofd$/), expect.stringMatching(/^Totaal\s+16\s*$/)]);
    await page.context().close();
  });
});

describe('the DUO export names the pupils without an identifier', () => {
  it('refuses on the page, naming the pupil and how to fix it; with the number recorded the file downloads', async () => {
    // Every pupil without a number gets an onderwijsnummer, except one with a report still to be made (from the import above).
    await sql`
      update children c set onderwijsnummer = '10' || lpad(n.i::text, 7, '0')
      from (select id, row_number() over (order by id) as i from children where bsn is null and onderwijsnummer is null) n
      where c.id = n.id`.execute(env.database.db);
    const a = pupils[0];
    await sql`update children set bsn = null, onderwijsnummer = null where id = ${a.id}`.execute(env.database.db);
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'ib');
    await page.goto(`${env.baseUrl}/verzuim/meldingen`);
    await page.getByRole('heading', { level: 1, name: 'Verzuimmeldingen' }).waitFor();
    await page.getByRole('button', { name: 'Export voor DUO-verzuimloket (CSV)' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/^Er is niets geëxporteerd: DUO heeft van elke leerling het BSN of het onderwijsnummer nodig\./).waitFor();
    await alert.getByText(`${a.name} (leerlingnummer ${a.number}) heeft geen BSN of onderwijsnummer.`, { exact: false }).waitFor();
    await expectAccessible(page, 'DUO export refused');

    await sql`update children set onderwijsnummer = '109999999' where id = ${a.id}`.execute(env.database.db);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export voor DUO-verzuimloket (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('verzuimmeldingen-2026-11-25.csv');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.context().close();
  });
});
