import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

// A fixed Wednesday in November 2026, with the school's calendar as in test/api/early-warning.test.ts.
process.env.SAMENSPEL_TODAY = '2026-11-25';

const { expectAccessible, newPage, signInAs, startBrowserEnv } = await import('./support.ts');
type BrowserEnv = Awaited<ReturnType<typeof startBrowserEnv>>;

let env: BrowserEnv;
let school: string;
/** A pupil who became chronically absent this week, and one who has been so all year. */
let recent: { id: string; name: string };
let longer: { id: string; name: string };

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const settled = (page: Page) => page.waitForFunction(() => document.querySelector('main [aria-busy="true"]') === null);

beforeAll(async () => {
  env = await startBrowserEnv(80);
  const db = env.database.db;
  school = env.demo.accounts.ib.organisationId!;
  await db
    .insertInto('school_free_periods')
    .values([
      { organisation_id: school, name: 'Zomervakantie', start_date: '2026-07-18', end_date: '2026-08-30' },
      { organisation_id: school, name: 'Herfstvakantie', start_date: '2026-10-17', end_date: '2026-10-25' },
    ])
    .execute();
  await db.deleteFrom('absence_records').where('organisation_id', '=', school).execute();
  const pupils = await db
    .selectFrom('enrolments as e')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .select(['c.id', 'c.given_name', 'c.family_name'])
    .where('e.organisation_id', '=', school)
    .where('e.end_date', 'is', null)
    .where('e.start_date', '<=', '2026-08-01')
    .orderBy('c.id')
    .limit(2)
    .execute();
  [recent, longer] = pupils.map((p) => ({ id: p.id, name: `${p.given_name} ${p.family_name}` }));
  const absent = (childId: string, day: string, hours: number, reason = 'ill') =>
    db.insertInto('absence_records').values({ region_id: env.demo.regionId, child_id: childId, organisation_id: school, day, hours, reason, source: 'manual' }).execute();
  // 22 of 209 hours in the last 8 lesson weeks (10.5%); a week ago 5.5 of 220 (2.5%).
  await absent(recent.id, '2026-11-13', 5.5);
  for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) await absent(recent.id, day, 5.5, day === '2026-11-25' ? 'unauthorised' : 'ill');
  // 8 days in September: 44 of 319 hours this school year (13.7%), chronic since long before this week.
  for (const day of ['2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10', '2026-09-11', '2026-09-14', '2026-09-15', '2026-09-16']) await absent(longer.id, day, 5.5);
});
afterAll(async () => {
  delete process.env.SAMENSPEL_TODAY;
  await env?.close();
});

describe('the care coordinator’s early-warning list', () => {
  let page: Page;

  it('shows who became chronic this week on top, and every pupil with percentages, band and trend', async () => {
    page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzuimsignalering' }).click();
    await page.waitForURL(/\/verzuim\/signalering$/);
    await h1(page).filter({ hasText: 'Verzuimsignalering' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Deze week chronisch geworden' }).waitFor();

    const became = page.getByRole('table', { name: /die deze week chronisch gingen verzuimen/ });
    await became.waitFor();
    expect(await became.locator('tbody tr').count()).toBe(1);
    const row = became.locator('tbody tr').first();
    await row.getByRole('rowheader', { name: recent.name }).waitFor();
    expect(await row.innerText()).toContain('10,5%');
    expect(await row.innerText()).toContain('stijgt 8 procentpunt');
    expect(await row.innerText()).toContain('de laatste 8 lesweken');

    const all = page.getByRole('table', { name: /Verzuim van de leerlingen van .*, gesorteerd op Ernst/ });
    await all.waitFor();
    // Worst band first; within a band the highest percentage of the last 8 lesson weeks.
    const first = all.locator('tbody tr').nth(0);
    const second = all.locator('tbody tr').nth(1);
    await first.getByRole('rowheader', { name: recent.name }).waitFor();
    await second.getByRole('rowheader', { name: longer.name }).waitFor();
    expect(await second.innerText()).toContain('13,7%');
    expect(await second.innerText()).toContain('Chronisch');
    const counter = page.getByRole('navigation', { name: 'Leerlingen per band' }).getByRole('link', { name: /Chronisch$/ });
    expect(await counter.innerText()).toMatch(/^2\s*Chronisch$/);
    await expectAccessible(page, 'early-warning list');
  });

  it('filters by band and sorts, in the URL', async () => {
    await page.getByRole('navigation', { name: 'Leerlingen per band' }).getByRole('link', { name: /Chronisch$/ }).click();
    await page.waitForURL(/band=chronisch/);
    const chronic = page.getByRole('table', { name: /in de band Chronisch/ });
    await chronic.waitFor();
    // The previous rows stay (aria-busy) until the filtered ones arrive.
    await expect.poll(() => chronic.locator('tbody tr').count()).toBe(2);
    await settled(page);
    await page.getByLabel('Sorteren op').selectOption({ label: 'Naam' });
    await page.getByRole('button', { name: 'Toon lijst' }).click();
    await page.waitForURL(/sorteer=naam/);
    await page.getByRole('table', { name: /in de band Chronisch, gesorteerd op Naam/ }).waitFor();
    expect(page.url()).toContain('band=chronisch');
    await expectAccessible(page, 'early-warning list filtered');
  });

  it('one step from a pupil to a zorgsignaal, filled in with the figures; the care coordinator sends it', async () => {
    await page.getByRole('link', { name: `Zorgsignaal starten voor ${recent.name}` }).first().click();
    await page.waitForURL(new RegExp(`/kinderen/${recent.id}/signaal$`));
    await h1(page).filter({ hasText: `Zorgsignaal melden over ${recent.name}` }).waitFor();
    const observation = page.getByLabel('Wat ziet u?');
    await observation.waitFor();
    expect(await observation.inputValue()).toMatch(/de laatste 8 lesweken 10,5% \(2,6% ongeoorloofd\)/);
    expect(await page.getByRole('group', { name: 'Waar gaat uw zorg over?' }).getByRole('radio', { name: 'Verzuim' }).isChecked()).toBe(true);
    await expectAccessible(page, 'raise a signal from the early-warning list');

    await page.getByRole('group', { name: 'Hoe dringend is het?' }).getByRole('radio', { name: 'Binnenkort' }).check();
    await page.getByRole('group', { name: 'Zijn de ouders op de hoogte?' }).getByRole('radio', { name: 'Ja' }).check();
    await page.getByRole('button', { name: 'Signaal opslaan' }).click();
    await page.waitForURL(/\/signalen\/[0-9a-f-]{36}$/);
    const signalId = page.url().split('/').pop()!;
    const signal = await env.database.db.selectFrom('signals').select(['child_id', 'category', 'observation', 'organisation_id']).where('id', '=', signalId).executeTakeFirstOrThrow();
    expect(signal).toMatchObject({ child_id: recent.id, category: 'absence', organisation_id: school });
    expect(signal.observation).toContain('10,5%');
  });

  it('one step from a pupil to a case: the child page opens at the case form, filled in', async () => {
    await page.goto(`${env.baseUrl}/verzuim/signalering`);
    await page.getByRole('table', { name: /gesorteerd op Ernst/ }).waitFor();
    await page.getByRole('link', { name: `Casus starten voor ${longer.name}` }).click();
    await page.waitForURL(new RegExp(`/kinderen/${longer.id}#casus-openen$`));
    const heading = page.getByRole('heading', { level: 3, name: 'Casus openen' });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'casus-openen');
    expect(await page.getByLabel('Titel van de casus').inputValue()).toBe('Chronisch verzuim');
    expect(await page.getByLabel(/Waarom een casus/).inputValue()).toContain('13,7%');
    // The child page shows the absence to whoever may see it.
    const absence = page.getByRole('table', { name: `Verzuim van ${longer.name} op ${(await env.database.db.selectFrom('organisations').select('name').where('id', '=', school).executeTakeFirstOrThrow()).name}` });
    await absence.waitFor();
    expect(await absence.innerText()).toContain('13,7%');
    await expectAccessible(page, 'child page arriving to open a case');

    await page.getByRole('button', { name: 'Casus openen' }).click();
    await page.waitForURL(/\/casussen\/[0-9a-f-]{36}$/);
    const k = await env.database.db.selectFrom('cases').select(['title', 'organisation_id']).where('child_id', '=', longer.id).executeTakeFirstOrThrow();
    expect(k).toEqual({ title: 'Chronisch verzuim', organisation_id: school });
    await page.context().close();
  });

  it('a teacher has no early-warning list in the navigation, and the page refuses', async () => {
    const teacher = await newPage(env.browser);
    await signInAs(teacher, env.baseUrl, 'leerkracht');
    expect(await teacher.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzuimsignalering' }).count()).toBe(0);
    await teacher.goto(`${env.baseUrl}/verzuim/signalering`);
    await teacher.getByRole('heading', { level: 1 }).waitFor();
    expect(await teacher.getByRole('table').count()).toBe(0);
    await teacher.context().close();
  });

  it('the functional administrator sets the thresholds: an error is shown at its field, fixed, then saved', async () => {
    const admin = await newPage(env.browser);
    await signInAs(admin, env.baseUrl, 'beheer');
    await admin.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzuimsignalering instellen' }).click();
    await h1(admin).filter({ hasText: 'Verzuimsignalering instellen' }).waitFor();
    const chronic = admin.getByLabel('Chronisch verzuim vanaf (%)');
    expect(await chronic.inputValue()).toBe('10');
    expect(await admin.getByLabel('Primair onderwijs (po)').inputValue()).toBe('5,5');
    await expectAccessible(admin, 'early-warning settings');

    await chronic.fill('4');
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    await admin.locator('#ew-thresholds-chronic-error').getByText('De grens voor chronisch verzuim moet hoger zijn dan die voor aandacht (5%).').waitFor();
    expect(await admin.evaluate(() => document.activeElement?.id)).toBe('ew-thresholds-chronic');
    await expectAccessible(admin, 'early-warning settings with a field error');

    await chronic.fill('7,5');
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    await admin.getByRole('status').getByText(/De instellingen zijn opgeslagen/).waitFor();
    const row = await env.database.db.selectFrom('early_warning_settings').select('chronic_threshold').where('region_id', '=', env.demo.regionId).executeTakeFirstOrThrow();
    expect(Number(row.chronic_threshold)).toBe(7.5);
    await admin.context().close();
  });
});
