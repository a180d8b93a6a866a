import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays, calendarScopeOf, loadSchoolCalendar } from '../../src/kernel/calendar/school-days.ts';

/*
 * The legal absence reports end to end: the care coordinator imports a file (a bad row first),
 * the 16-hour report follows, she records it as reported to DUO with the keyboard only; the
 * attendance officer of the pupil's gemeente finds it in the workspace and records a talk.
 * The dates are the last school days before today (weekends and the holidays of the school's
 * region skipped), so the test runs on any day.
 */

let env: BrowserEnv;
let school: string;
let pupil: { id: string; name: string };
let other: { id: string; name: string };
let days: string[];
const reference = `DUO-${Date.now().toString().slice(-8)}`;

beforeAll(async () => {
  env = await startBrowserEnv(150);
  school = env.demo.accounts.ib.organisationId!;
  const day = today();
  const calendar = await loadSchoolCalendar(env.database.db, await calendarScopeOf(env.database.db, school), addCalendarDays(day, -120), day);
  days = [];
  for (let d = addCalendarDays(day, -1); days.length < 4; d = addCalendarDays(d, -1)) if (calendar.isSchoolDay(d)) days.unshift(d);

  // Pupils of the ib's school, leerplichtig (6+), enrolled before the first of those days, living
  // in Zeist (the attendance officer's gemeente), without reports or recent unauthorised absence.
  const rows = await env.database.db
    .selectFrom('enrolments as e')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .select(['c.id', 'c.given_name', 'c.family_name'])
    .where('e.organisation_id', '=', school)
    .where('e.end_date', 'is', null)
    .where('e.start_date', '<=', days[0])
    .where('c.birth_date', '<=', addCalendarDays(day, -7 * 366))
    .where(
      sql<string>`(select g.name from child_residences r join gemeenten g on g.id = r.gemeente_id where r.child_id = e.child_id order by r.valid_from desc, r.recorded_at desc limit 1)`,
      '=',
      'Zeist',
    )
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('absence_reports as r').select('r.id').whereRef('r.child_id', '=', 'e.child_id'))))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('absence_records as a').select('a.id').whereRef('a.child_id', '=', 'e.child_id').where('a.reason', 'in', ['unauthorised', 'luxury']).where('a.day', '>=', addCalendarDays(day, -90)))),
    )
    .orderBy('c.id')
    .execute();
  // Unique names, so that searching by name finds exactly this pupil.
  const names = new Map<string, number>();
  for (const r of rows) names.set(`${r.given_name} ${r.family_name}`, (names.get(`${r.given_name} ${r.family_name}`) ?? 0) + 1);
  const unique = rows.filter((r) => names.get(`${r.given_name} ${r.family_name}`) === 1);
  expect(unique.length).toBeGreaterThan(1);
  pupil = { id: unique[0].id, name: `${unique[0].given_name} ${unique[0].family_name}` };
  other = { id: unique[1].id, name: `${unique[1].given_name} ${unique[1].family_name}` };
});
afterAll(async () => env?.close());

/** Presses Tab until the focused element matches the selector, failing after `max` presses: proof it is reachable by keyboard. */
async function tabTo(page: Page, selector: string, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached with ${max} × Tab`);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The row of a pupil in the main table, paging on when needed. */
async function rowOf(page: Page, name: string) {
  for (let i = 0; i < 20; i++) {
    await page.locator('main table').first().waitFor();
    const row = page.locator('main table tbody tr').filter({ has: page.getByRole('link', { name: new RegExp(`^${escape(name)}\\s?,`) }) });
    if (await row.count()) return row.first();
    const next = page.getByRole('button', { name: 'Volgende pagina' });
    if (!(await next.count()) || (await next.getAttribute('aria-disabled')) === 'true') break;
    const status = await page.locator('.samenspel-pager__status').innerText();
    await next.click();
    await page.waitForFunction((before) => document.querySelector('.samenspel-pager__status')?.textContent !== before, status);
  }
  throw new Error(`${name} is not in the table`);
}

describe('the care coordinator', () => {
  it('imports absence (a bad row first), sees the 16-hour report and records it as reported to DUO with the keyboard', async () => {
    const lines = days.map((d) => `${pupil.id};${d};4;ongeoorloofd`);
    const bad = `leerling;datum;uren;reden\n${lines.slice(0, 3).join('\n')}\n${pupil.id};${days[3]};vier;ongeoorloofd\n`;
    const good = `leerling;datum;uren;reden\n${lines.join('\n')}\n`;

    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Verzuim importeren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verzuim importeren' }).waitFor();
    const file = page.getByLabel(/^Bestand met verzuim/);
    await file.setInputFiles({ name: 'verzuim.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    const errors = page.getByRole('table', { name: /Fouten per regel/ });
    await errors.waitFor();
    expect(await errors.locator('tbody tr td').first().innerText()).toBe('5');
    expect(await page.getByRole('button', { name: 'Opslaan' }).count()).toBe(0);

    await file.setInputFiles({ name: 'verzuim.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText(/^Alle 4 regels in orde\./).waitFor();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText(/Opgeslagen: 4 regels voor 1 leerling \(/).first().waitFor();

    // The care coordinator's absence entries in the main menu; the report followed from the import.
    for (const name of ['Verzuimmeldingen', 'Verzuim invoeren', 'Verzuim importeren']) expect(await nav.getByRole('link', { name, exact: true }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Werkvoorraad meldingen' }).count()).toBe(0);
    await page.getByRole('main').getByRole('link', { name: 'Naar de verzuimmeldingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verzuimmeldingen' }).waitFor();
    await page.locator('main table tbody tr').first().waitFor();
    await expectAccessible(page, 'absence reports of the school');
    // Only 16-hour reports: the type filter.
    await page.getByLabel('Soort verzuim').selectOption({ label: '16 uur in 4 weken' });
    await page.getByRole('button', { name: 'Toon', exact: true }).click();
    await page.waitForURL(/soort=16-uur/);
    await page.getByRole('table', { name: /: 16 uur in 4 weken$/ }).waitFor();
    const row = await rowOf(page, pupil.name);
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toBe('16 uur in 4 weken');
    expect(cells[2]).toBe('16');
    expect(['Te melden', 'Te laat']).toContain(cells[4]);
    expect(cells[3]).toMatch(/nog \d+ werkdag|uiterlijk vandaag|dagen? te laat/);
    // The link names the pupil, the type and the start for screen reader users.
    await row.getByRole('link', { name: new RegExp(`^${escape(pupil.name)}\\s?, 16 uur in 4 weken vanaf`) }).click();

    await page.getByRole('heading', { level: 1, name: `Verzuimmelding ${pupil.name}: 16 uur in 4 weken` }).waitFor();
    await expectAccessible(page, 'report page, school');
    const facts = page.getByRole('region', { name: 'Gegevens van de melding' });
    expect(await facts.getByText('16 uur', { exact: true }).count()).toBe(1);

    // Keyboard only: from the heading to "Gemeld bij DUO", choose it, skip the date (today), the reference empty first.
    await page.getByRole('heading', { level: 1 }).focus();
    await tabTo(page, 'input[type="radio"][value="reported"]');
    await page.keyboard.press('Space');
    await page.getByLabel('Datum van de melding bij DUO').waitFor();
    expect(await page.getByLabel('Datum van de melding bij DUO').inputValue()).toBe(today());
    await tabTo(page, '#decision-reference');
    await page.keyboard.press('Enter');
    const referenceField = page.getByLabel('Meldingsnummer of kenmerk van DUO');
    await page.getByText('Vul het meldingsnummer van DUO (of het kenmerk van de melding) in.').waitFor();
    expect(await referenceField.getAttribute('aria-invalid')).toBe('true');
    // The keyboard is put on the field that needs fixing.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('decision-reference');
    await expectAccessible(page, 'decision with a field error');
    await page.keyboard.type(reference);
    await page.keyboard.press('Enter');

    await page.getByText('Vastgelegd: Gemeld bij DUO. De status is nu “Gemeld”.').waitFor();
    // Focus is on the message that says what happened; the form is gone (nothing more to decide).
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Vastgelegd: Gemeld bij DUO');
    expect(await page.getByRole('region', { name: 'Wat heeft de school gedaan?' }).count()).toBe(0);
    await facts.getByText(reference, { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Geschiedenis' }).getByText(`Gemeld bij DUO, kenmerk ${reference}.`).waitFor();
    await expectAccessible(page, 'report page after the decision');

    const events = await env.database.db
      .selectFrom('absence_report_events as e')
      .innerJoin('absence_reports as r', 'r.id', 'e.report_id')
      .select(['e.kind', 'e.reference', 'e.occurred_on', 'r.type', 'r.start_date', 'r.end_date'])
      .where('r.child_id', '=', pupil.id)
      .execute();
    expect(events).toEqual([{ kind: 'reported', reference, occurred_on: today(), type: '16-uur', start_date: days[0], end_date: days[3] }]);
    await page.context().close();
  });

  it('enters absence by hand with a decimal comma; a wrong number is shown at the field', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzuim invoeren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verzuim invoeren' }).waitFor();
    await expectAccessible(page, 'absence entry');

    await page.getByRole('searchbox', { name: 'Leerling' }).fill(other.name);
    await page.locator(`input[type="radio"][value="${other.id}"]`).check();
    // A Saturday: no lesson day. The server's field error shows at the field, saying which day and why.
    let saturday = days[3];
    while (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6) saturday = addCalendarDays(saturday, -1);
    const named = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${saturday}T00:00:00Z`));
    await page.getByLabel('Dag', { exact: true }).fill(saturday);
    await page.getByLabel('Gemiste lesuren').fill('1');
    await page.getByLabel('Ziek', { exact: true }).check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('#entry-day-error').getByText(`${named} is geen lesdag (weekend).`).waitFor();
    expect(await page.getByLabel('Dag', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'absence entry on a day without lessons');

    await page.getByLabel('Dag', { exact: true }).fill(days[3]);
    await page.getByLabel('Gemiste lesuren').fill('drie');
    await page.getByLabel('Ziek', { exact: true }).check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Vul een aantal uren in tussen 0 en 12, bijvoorbeeld 2,5.').waitFor();
    expect(await page.getByLabel('Gemiste lesuren').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('entry-hours');
    await expectAccessible(page, 'absence entry with a field error');

    await page.getByLabel('Gemiste lesuren').fill('2,5');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText(`Opgeslagen: 2,5 uur Ziek op`).waitFor();
    await page.getByText('Er volgde geen nieuwe verzuimmelding.').waitFor();
    const record = await env.database.db.selectFrom('absence_records').select(['hours', 'reason', 'source']).where('child_id', '=', other.id).where('day', '=', days[3]).where('reason', '=', 'ill').executeTakeFirstOrThrow();
    expect({ ...record, hours: Number(record.hours) }).toEqual({ hours: 2.5, reason: 'ill', source: 'manual' });
    await page.context().close();
  });

  it('reports "overig verzuim": the server’s field errors show at the fields, then the new report opens', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    await page.goto(`${env.baseUrl}/verzuim/meldingen`);
    await page.getByRole('heading', { level: 1, name: 'Verzuimmeldingen' }).waitFor();
    const open = page.getByRole('button', { name: 'Overig verzuim melden' });
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    await open.click();
    // The form opens with the keyboard on its heading.
    await page.waitForFunction(() => document.activeElement?.id === 'overig-heading');
    const form = page.getByRole('region', { name: 'Overig verzuim melden' });
    await form.getByRole('searchbox', { name: 'Leerling' }).fill(other.name);
    await form.locator(`input[type="radio"][value="${other.id}"]`).check();
    await form.getByLabel('Eerste verzuimdag').fill(days[2]);
    await form.getByLabel('Laatste verzuimdag').fill(days[0]);
    await form.getByLabel('Waarom geeft dit verzuim zorgen?').fill('ziek');
    await form.getByRole('button', { name: 'Melding maken' }).click();
    await form.getByText('De laatste verzuimdag ligt voor de eerste.').waitFor();
    await form.getByText('Beschrijf waarom dit verzuim zorgen geeft (minstens een zin).').waitFor();
    expect(await form.getByLabel('Laatste verzuimdag').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'overig verzuim with field errors');

    await form.getByLabel('Eerste verzuimdag').fill(days[0]);
    await form.getByLabel('Laatste verzuimdag').fill(days[3]);
    await form.getByLabel('Waarom geeft dit verzuim zorgen?').fill('Elke maandag ziek gemeld; ouders onbereikbaar. Twijfel aan de ziekmeldingen.');
    await form.getByRole('button', { name: 'Melding maken' }).click();
    await page.getByRole('heading', { level: 1, name: `Verzuimmelding ${other.name}: Overig verzuim` }).waitFor();
    await page.getByText('De melding overig verzuim is gemaakt.', { exact: false }).waitFor();
    await page.getByText('Elke maandag ziek gemeld; ouders onbereikbaar. Twijfel aan de ziekmeldingen.').waitFor();
    await page.context().close();
  });
});

describe('the attendance officer of Zeist', () => {
  it('finds the report in the workspace by the pupil’s name and records a talk with a note', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'leerplicht');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await nav.getByRole('link', { name: 'Verzuimmeldingen' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Werkvoorraad meldingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad verzuimmeldingen' }).waitFor();
    await page.locator('main table tbody tr').first().waitFor();
    await expectAccessible(page, 'attendance officer workspace');
    // New reports first.
    expect(await page.locator('main table tbody tr').first().locator('td').last().innerText()).toBe('Nieuw');

    await page.getByRole('searchbox', { name: 'Zoek op leerling of school' }).fill(pupil.name);
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    await page.getByRole('status').getByText('1 melding gevonden.').waitFor();
    const row = page.locator('main table tbody tr');
    const cells = await row.locator('td').allInnerTexts();
    expect(cells).toEqual([expect.any(String), '16 uur in 4 weken', expect.any(String), expect.any(String), reference, 'Nieuw']);
    await row.getByRole('link').click();

    await page.getByRole('heading', { level: 1, name: `Verzuimmelding ${pupil.name}: 16 uur in 4 weken` }).waitFor();
    const followup = page.getByRole('region', { name: 'Mijn opvolging' });
    await followup.getByText('Uw status en notities zijn alleen zichtbaar voor collega’s van', { exact: false }).waitFor();
    // The school's decision form is not the officer's.
    expect(await page.getByRole('region', { name: 'Wat heeft de school gedaan?' }).count()).toBe(0);
    await expectAccessible(page, 'report page, attendance officer');
    await followup.getByLabel('Nieuwe status').selectOption({ label: 'Gesprek' });
    await followup.getByLabel(/^Notitie/).fill('Gesprek met ouders en leerling gepland.');
    await followup.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opvolging opgeslagen. De status is nu “Gesprek”.').waitFor();
    await followup.getByText('Gesprek met ouders en leerling gepland.').waitFor();
    await followup.locator('dd').getByText('Gesprek', { exact: true }).waitFor();
    // From Gesprek the workflow does not go back to Ontvangen.
    expect(await followup.getByLabel('Nieuwe status').locator('option', { hasText: 'Ontvangen' }).count()).toBe(0);
    await expectAccessible(page, 'report page after the follow-up');

    const saved = await env.database.db
      .selectFrom('absence_report_followups as f')
      .innerJoin('absence_reports as r', 'r.id', 'f.report_id')
      .select(['f.status', 'f.note'])
      .where('r.child_id', '=', pupil.id)
      .execute();
    expect(saved).toEqual([{ status: 'talk', note: 'Gesprek met ouders en leerling gepland.' }]);

    // Back in the workspace the report is no longer new.
    await page.getByRole('link', { name: 'Terug naar de werkvoorraad' }).click();
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad verzuimmeldingen' }).waitFor();
    await page.getByRole('navigation', { name: 'Meldingen filteren op mijn opvolging' }).getByRole('link', { name: /Gesprek$/ }).click();
    await page.waitForURL(/opvolging=talk/);
    await rowOf(page, pupil.name);
    await page.context().close();
  });
});
