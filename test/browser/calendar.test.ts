import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';
import { today } from '../../src/kernel/time.ts';
import { schoolYearOf } from '../../src/kernel/calendar/school-year.ts';
import { OPEN_DATA_2027_2028 } from '../support/holiday-open-data.ts';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv(60);
});
afterAll(async () => env?.close());

/** The second Wednesday of March of the current school year: always a weekday inside it. */
function dayInThisSchoolYear(): string {
  const year = Number(schoolYearOf(today()).slice(5));
  const first = new Date(Date.UTC(year, 2, 1));
  const firstWednesday = 1 + ((3 - first.getUTCDay() + 7) % 7);
  return `${year}-03-${String(firstWednesday + 7).padStart(2, '0')}`;
}

const longDate = (iso: string) => new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

describe('the school calendar', () => {
  it('the intern begeleider adds a study day: a wrong end date is shown at the field, fixed, saved, then removed', async () => {
    const day = dayInThisSchoolYear();
    const dayBefore = `${day.slice(0, 8)}${String(Number(day.slice(8)) - 1).padStart(2, '0')}`;
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schoolkalender' }).click();
    await page.getByRole('heading', { level: 1, name: 'Schoolkalender' }).waitFor();
    await page.getByRole('table', { name: /Schoolvakanties en landelijke vrije dagen/ }).waitFor();
    expect(await page.getByRole('table', { name: /Schoolvakanties en landelijke vrije dagen/ }).getByText('Herfstvakantie').count()).toBe(1);
    await expectAccessible(page, 'school calendar');

    expect(await page.getByLabel('Naam', { exact: true }).inputValue()).toBe('Studiedag');
    await page.getByLabel('Naam', { exact: true }).fill('Studiedag team');
    await page.getByLabel('Eerste vrije dag').fill(day);
    await page.getByLabel(/^Laatste vrije dag/).fill(dayBefore);
    await page.getByRole('button', { name: 'Vrije dag toevoegen' }).click();
    const end = page.getByLabel(/^Laatste vrije dag/);
    await page.getByText('De laatste vrije dag ligt vóór de eerste. Kies een einddatum op of na de begindatum.').first().waitFor();
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'school calendar with a field error');

    await end.fill('');
    await page.getByRole('button', { name: 'Vrije dag toevoegen' }).click();
    await page.getByRole('status').getByText(`Studiedag team (${longDate(day)}) is toegevoegd.`).waitFor();
    const own = page.getByRole('table', { name: /Eigen vrije dagen/ });
    await own.getByText('Studiedag team').waitFor();
    expect(await own.getByText('Ilse van Dijk').count()).toBe(1);
    const rows = await env.database.db.selectFrom('school_free_periods').select(['name', 'start_date', 'end_date']).where('organisation_id', '=', env.demo.accounts.ib.organisationId!).execute();
    expect(rows).toEqual([{ name: 'Studiedag team', start_date: day, end_date: day }]);
    await expectAccessible(page, 'school calendar with a study day');

    await page.getByRole('button', { name: `Verwijder Studiedag team (${longDate(day)})` }).click();
    await page.getByRole('status').getByText(`Studiedag team (${longDate(day)}) is verwijderd.`).waitFor();
    await page.getByText('Er staan nog geen eigen vrije dagen').waitFor();
    const log = await env.database.db.selectFrom('access_log').select(['event', 'person_id']).where('event', 'like', 'calendar.free_day.%').orderBy('seq').execute();
    expect(log).toEqual([
      { event: 'calendar.free_day.create', person_id: env.demo.accounts.ib.personId },
      { event: 'calendar.free_day.delete', person_id: env.demo.accounts.ib.personId },
    ]);
    await page.context().close();
  });

  it('a teacher has no school calendar in the menu', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'leerkracht');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kinderen' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schoolkalender' }).count()).toBe(0);
    await page.context().close();
  });
});

describe('the school holidays (functional administrator)', () => {
  it('shows the holidays per region and imports the Rijksoverheid JSON after a check', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'beheer');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schoolvakanties' }).click();
    await page.getByRole('heading', { level: 1, name: 'Schoolvakanties' }).waitFor();
    await page.getByLabel('Schooljaar').selectOption('2025-2026');
    await page.getByLabel('Vakantieregio').selectOption('midden');
    const table = page.getByRole('table', { name: 'Schoolvakanties en landelijke vrije dagen 2025-2026, regio Midden' });
    await table.waitFor();
    await table.getByText('14 februari 2026 t/m 22 februari 2026').waitFor();
    await page.getByText('Regio Midden: 41 lesweken, 202 schooldagen').waitFor();
    await expectAccessible(page, 'school holidays');

    await page.getByLabel('Bestand met schoolvakanties (JSON)').setInputFiles({ name: 'schoolvakanties.json', mimeType: 'application/json', buffer: Buffer.from('{"content": [') });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('alert').getByText(/Het bestand is geen geldige JSON/).waitFor();
    expect(await page.getByRole('button', { name: 'Opslaan' }).count()).toBe(0);
    await expectAccessible(page, 'holiday import with an error');

    await page.getByLabel('Bestand met schoolvakanties (JSON)').setInputFiles({ name: 'schoolvakanties.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(OPEN_DATA_2027_2028)) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('Gecontroleerd: 11 nieuw, 0 gewijzigd, 0 vervallen, 0 ongewijzigd.').waitFor();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen: 11 nieuw, 0 gewijzigd, 0 vervallen, 0 ongewijzigd.').waitFor();
    await page.getByLabel('Schooljaar').selectOption('2027-2028');
    await page.getByRole('table', { name: /2027-2028, regio Midden/ }).getByText('8 juli 2028 t/m 20 augustus 2028').waitFor();
    await page.context().close();
  });
});
