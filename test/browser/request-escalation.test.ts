import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * The region's side of requests (docs/requests.md, "Termijnen per regio" and "Escalatie door de
 * regio"), with axe at 390 and 1366 px: the policy analyst opens the escalation table, which counts
 * per organisation and names no child, and escalates the row that is late; the functional
 * administrator changes one request term in the region's settings and finds it kept.
 */
let env: BrowserEnv;
let youthCare: { id: string; name: string };
let childNames: string[];

beforeAll(async () => {
  env = await startBrowserEnv(80);
  const db = env.database.db;
  // The demo's request to Jeugdhulp De Brug waits for a report back; here its term ended two weeks ago.
  const request = await db.selectFrom('requests').select(['id', 'to_organisation_id', 'child_id']).where('status', '=', 'help_started').executeTakeFirstOrThrow();
  await db.updateTable('requests').set({ step_due_on: addCalendarDays(today(), -14) }).where('id', '=', request.id).execute();
  youthCare = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', request.to_organisation_id).executeTakeFirstOrThrow();
  childNames = (await db.selectFrom('children').select(['given_name', 'family_name']).where('id', '=', request.child_id).execute()).map((c) => `${c.given_name} ${c.family_name}`);
});
afterAll(async () => env?.close());

describe('escalation by the region', () => {
  it('the policy analyst sees the late row in words, escalates it, and reads who escalated when (1366 px); the page fits a phone (390 px)', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'beleid');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Escalatie van verzoeken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Escalatie van verzoeken' }).waitFor();
    const table = page.getByRole('table', { name: 'Open verzoeken per organisatie en soort' });
    await table.waitFor();
    const row = table.getByRole('row', { name: new RegExp(youthCare.name) }).filter({ hasText: 'Verzoek aan jeugdhulpaanbieder' });
    // Late in words (and a plural that is right), not by colour alone.
    await row.getByText('1 verzoek te laat').waitFor();
    expect(await row.textContent()).toMatch(/1 verzoek/);
    expect(await row.textContent()).toMatch(/Termijn was .+: \d+ werkdagen? te laat/);
    expect(await row.textContent()).toContain('Nog niet');
    for (const name of childNames) expect(await page.content()).not.toContain(name);
    await expectAccessible(page, 'escalation table at 1366 px');

    await row.getByRole('button', { name: `Escaleren: ${youthCare.name}, Verzoek aan jeugdhulpaanbieder` }).click();
    const form = page.getByRole('region', { name: `Escaleren: ${youthCare.name}` });
    await form.getByText(/heeft 1 verzoek \(Verzoek aan jeugdhulpaanbieder\) dat over de termijn is/).waitFor();
    // An empty note is refused at the field.
    await form.getByRole('button', { name: 'Ja, escaleren' }).click();
    await form.getByText(/Schrijf kort wat de regio van de organisatie vraagt/).first().waitFor();
    await expectAccessible(page, 'escalation form with an error');
    await form.getByLabel('Wat vraagt u van de organisatie?').fill('De terugkoppeling aan de school is twee weken te laat; graag deze week.');
    await form.getByRole('button', { name: 'Ja, escaleren' }).click();
    await page.getByRole('status').getByText(new RegExp(`Geëscaleerd: ${youthCare.name} is gevraagd de verzoeken`)).waitFor();
    await page.getByRole('status').getByText(/medewerkers? (kreeg|kregen) bericht/).waitFor();
    expect(await page.getByRole('region', { name: `Escaleren: ${youthCare.name}` }).count()).toBe(0);
    await row.getByText(/door .+ \(/).waitFor();
    const stored = await env.database.db.selectFrom('request_escalations').select(['organisation_id', 'kind', 'overdue_count']).execute();
    expect(stored).toEqual([{ organisation_id: youthCare.id, kind: 'provider', overdue_count: 1 }]);
    const mails = await env.database.db.selectFrom('mail_outbox').select('body_text').where('kind', '=', 'request_escalated').execute();
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) for (const name of childNames) expect(m.body_text).not.toContain(name);
    await expectAccessible(page, 'escalation done at 1366 px');
    await page.context().close();

    const phone = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(phone, env.baseUrl, 'beleid');
    await phone.goto(`${env.baseUrl}/verzoeken/escalatie`);
    await phone.getByRole('heading', { level: 1, name: 'Escalatie van verzoeken' }).waitFor();
    await phone.getByRole('table', { name: 'Open verzoeken per organisatie en soort' }).waitFor();
    // The page itself does not scroll sideways: the table scrolls in its own named region.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)).toBe(false);
    await phone.getByRole('region', { name: 'Open verzoeken per organisatie en soort' }).first().waitFor();
    await expectAccessible(phone, 'escalation table at 390 px');
    await phone.context().close();
  });
});

describe('request terms per region', () => {
  it('the functional administrator changes one term in the settings and finds it kept (1366 px); the terms read on a phone (390 px)', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'beheer');
    await page.goto(`${env.baseUrl}/beheer/inrichting/instellingen`);
    const section = page.getByRole('region', { name: 'Termijnen van verzoeken' });
    const table = section.getByRole('table', { name: 'Termijn per soort verzoek en per stap' });
    await table.waitFor();
    await section.getByText('Een gewijzigde termijn geldt voor stappen die na de wijziging beginnen.', { exact: false }).first().waitFor();
    await expectAccessible(page, 'request terms in the settings');

    // Out of range: refused at the field, with the range in words.
    await section.getByLabel('Soort verzoek en stap').selectOption({ label: 'Verwijzing naar wijkteam of toegang – Nieuw verzoek oppakken (5 werkdagen)' });
    await section.getByLabel('Aantal dagen').fill('0');
    await section.getByRole('button', { name: 'Termijn opslaan' }).click();
    await section.getByText(/Kies een termijn van 1 tot en met 120 dagen/).first().waitFor();
    await expectAccessible(page, 'request term with an error');

    await section.getByLabel('Aantal dagen').fill('3');
    await section.getByLabel('Telt in').selectOption('working');
    await section.getByRole('button', { name: 'Termijn opslaan' }).click();
    await section.getByRole('status').getByText('De termijn voor Verwijzing naar wijkteam of toegang – Nieuw verzoek oppakken is nu 3 werkdagen.', { exact: false }).waitFor();
    const stored = await env.database.db.selectFrom('request_terms').select(['kind', 'status', 'days', 'unit']).execute();
    expect(stored).toEqual([{ kind: 'toegang', status: 'sent', days: 3, unit: 'working' }]);

    // Kept: after a reload the table says so, with who set it.
    await page.reload();
    const row = page.getByRole('table', { name: 'Termijn per soort verzoek en per stap' }).getByRole('row', { name: /Verwijzing naar wijkteam of toegang/ }).filter({ hasText: 'Nieuw verzoek oppakken' });
    await row.getByText('3 werkdagen').waitFor();
    expect(await row.textContent()).toMatch(/Regio: .+,/);
    await expectAccessible(page, 'request term kept');
    await page.context().close();

    // A care coordinator reads the same terms on a phone, without the form.
    const phone = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(phone, env.baseUrl, 'ib');
    await phone.goto(`${env.baseUrl}/verzoeken`);
    await phone.getByRole('link', { name: 'Bekijk de termijnen van verzoeken' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Termijnen van verzoeken' }).waitFor();
    // On a phone each term is a card (the table is not shown): nothing scrolls sideways.
    const card = phone.getByRole('list', { name: 'Termijn per soort verzoek en per stap' }).getByRole('listitem').filter({ hasText: 'Verwijzing naar wijkteam of toegang – Nieuw verzoek oppakken' });
    await card.getByText('3 werkdagen', { exact: true }).waitFor();
    expect(await card.textContent()).toMatch(/Regio: .+,/);
    expect(await phone.getByRole('table', { name: 'Termijn per soort verzoek en per stap' }).count()).toBe(0);
    expect(await phone.getByRole('button', { name: 'Termijn opslaan' }).count()).toBe(0);
    await phone.getByText('Alleen de functioneel beheerder van de regio kan een termijn wijzigen.').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)).toBe(false);
    await expectAccessible(phone, 'request terms at 390 px');
    await phone.context().close();
  });
});
