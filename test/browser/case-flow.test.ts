import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => env?.close());

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const UUID = '[0-9a-f-]{36}';

/**
 * A pupil of `leerkracht`'s group with a parent with authority and no case yet (the demo already
 * has one case, about another pupil of her group): the youngest, so that the parents consent.
 */
async function pupilWithoutCase(): Promise<{ id: string; name: string }> {
  const db = env.database.db;
  const teacher = env.demo.accounts.leerkracht.personId!;
  const withCase = (await db.selectFrom('cases').select('child_id').execute()).map((c) => c.child_id);
  const row = await db
    .selectFrom('group_staff as gs')
    .innerJoin('enrolments as e', 'e.group_id', 'gs.group_id')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .where('gs.person_id', '=', teacher)
    .where('e.end_date', 'is', null)
    .where('c.id', 'not in', withCase)
    .where(({ exists, selectFrom }) => exists(selectFrom('child_guardians as cg').whereRef('cg.child_id', '=', 'c.id').where('cg.has_authority', '=', true).select('cg.id')))
    .select(['c.id', 'c.given_name', 'c.family_name'])
    .orderBy('c.birth_date', 'desc')
    .executeTakeFirstOrThrow();
  return { id: row.id, name: `${row.given_name} ${row.family_name}` };
}

describe('from a teacher’s signal to a case with consent and a shared plan', () => {
  let pupil: { id: string; name: string };
  let signalId = '';
  let caseUrl = '';
  const title = 'Teruggetrokken in de klas';
  let ib: Page;

  it('the teacher raises a signal about a pupil of her group who has no case', async () => {
    pupil = await pupilWithoutCase();
    const teacher = await newPage(env.browser);
    await signInAs(teacher, env.baseUrl, 'leerkracht');
    await teacher.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kinderen' }).click();
    await teacher.waitForURL(/\/kinderen$/);
    const link = teacher.locator(`main table a[href="/kinderen/${pupil.id}"]`);
    await link.waitFor();
    await link.click();
    await h1(teacher).filter({ hasText: pupil.name }).waitFor();
    await teacher.getByRole('link', { name: 'Zorgsignaal melden' }).click();
    await teacher.getByLabel('Wat ziet u?').waitFor();
    await teacher.getByLabel('Wat ziet u?').fill('Zit de laatste weken stil in een hoek, praat met niemand en eet haar lunch niet op.');
    await teacher.getByRole('radio', { name: 'Sociaal-emotioneel' }).check();
    await teacher.getByRole('group', { name: 'Hoe dringend is het?' }).getByRole('radio', { name: 'Normaal' }).check();
    await teacher.getByRole('group', { name: 'Zijn de ouders op de hoogte?' }).getByRole('radio', { name: 'Ja' }).check();
    await teacher.getByRole('button', { name: 'Signaal opslaan' }).click();
    await teacher.waitForURL(new RegExp(`/signalen/${UUID}$`));
    signalId = teacher.url().split('/').pop()!;
    await teacher.getByRole('status').getByText(/Uw signaal is opgeslagen/).waitFor();
    await expectAccessible(teacher, 'signal page after raising it');
    // The teacher has no "Casussen" of her own besides the demo case she is on the team of.
    await teacher.context().close();
  });

  it('the intern begeleider decides "Casus openen": a case title is asked, and the case page opens', async () => {
    ib = await newPage(env.browser);
    await signInAs(ib, env.baseUrl, 'ib');
    await ib.goto(`${env.baseUrl}/signalen/${signalId}`);
    await ib.getByRole('heading', { level: 2, name: 'Signaal oppakken' }).waitFor();
    expect(await ib.getByLabel('Titel van de casus').count()).toBe(0);
    await ib.getByRole('group', { name: 'Wat doet u met dit signaal?' }).getByRole('radio', { name: 'Casus openen' }).check();
    const titleField = ib.getByLabel('Titel van de casus');
    await titleField.waitFor();
    await ib.getByLabel('Toelichting').fill('Samen met ouders en jeugdhulp oppakken; ouders staan open voor hulp.');
    await expectAccessible(ib, 'triage with "Casus openen"');

    // Without a title the server says so at the field, and the keyboard goes there.
    await ib.getByRole('button', { name: 'Casus openen' }).click();
    await ib.waitForFunction(() => document.querySelector('#triage-case-title[aria-invalid="true"]') !== null);
    expect(await ib.evaluate(() => document.activeElement?.id)).toBe('triage-case-title');
    await ib.getByRole('alert').waitFor();

    await titleField.fill(title);
    await ib.getByRole('button', { name: 'Casus openen' }).click();
    await ib.waitForURL(new RegExp(`/casussen/${UUID}$`));
    caseUrl = ib.url();
    await h1(ib).filter({ hasText: `Casus: ${title}` }).waitFor();
    await ib.getByRole('status').getByText(/De casus is geopend/).waitFor();
    const summary = ib.getByRole('region', { name: 'Gegevens van de casus' });
    await summary.getByRole('link', { name: pupil.name }).waitFor();
    await summary.getByText('Open', { exact: true }).waitFor();
    await ib.getByRole('region', { name: 'Geschiedenis' }).getByText('Casus geopend').waitFor();
    await expectAccessible(ib, 'case page just opened');

    // The signal moved to "case" in the same transaction.
    await ib.goto(`${env.baseUrl}/signalen/${signalId}`);
    await ib.getByRole('region', { name: 'Gegevens van het signaal' }).getByText('Casus geopend', { exact: true }).waitFor();
  });

  it('records a consent: an incomplete one is refused at the "who gave it" fieldset, then a parent consents', async () => {
    await ib.goto(caseUrl);
    const form = ib.getByRole('region', { name: 'Toestemming vastleggen' });
    await form.waitFor();
    const rule = (await form.locator('.utrecht-alert').first().innerText()).trim();
    expect(rule).toMatch(/^Wie geeft toestemming\?/);
    await form.getByLabel('Doel', { exact: true }).fill('Hulp thuis en op school op elkaar afstemmen.');
    const kinds = form.getByRole('group', { name: 'Welke gegevens mogen gedeeld worden?' });
    await kinds.getByRole('checkbox', { name: 'Identiteit' }).check();
    await kinds.getByRole('checkbox', { name: 'Plan' }).check();
    await form.getByRole('group', { name: 'Aan welke organisaties?' }).getByRole('checkbox', { name: /Jeugdhulp De Brug/ }).check();
    await form.getByRole('group', { name: 'Hoe is de toestemming gegeven?' }).getByRole('radio', { name: 'Schriftelijk' }).check();
    await expectAccessible(ib, 'consent form filled in');

    // Nobody chosen who gave it: the age rule's field error stands at that fieldset.
    await form.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    const giversError = ib.locator('#consent-givers-error');
    await giversError.waitFor();
    expect(await giversError.innerText()).toMatch(/ouder|kind|jongere/i);
    expect(await ib.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^consent-givers-/);
    expect(await ib.locator('#consent-givers').getAttribute('aria-describedby')).toContain('consent-givers-error');
    await ib.getByRole('alert').getByText(/niet volledig/).waitFor();
    await expectAccessible(ib, 'consent form with a field error');

    const givers = form.getByRole('group', { name: 'Wie gaf toestemming?' });
    await givers.getByRole('checkbox', { name: /ouder\/verzorger met gezag/ }).first().check();
    if (/12 tot en met 15/.test(rule)) await givers.getByRole('checkbox', { name: 'Het kind/de jongere zelf' }).check();
    await form.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    await ib.getByRole('status').getByText('De toestemming is vastgelegd.').waitFor();
    const consents = ib.getByRole('region', { name: 'Toestemmingen' });
    const row = consents.locator('tbody tr').filter({ hasText: 'Hulp thuis en op school op elkaar afstemmen.' });
    await row.getByText('Geldig', { exact: true }).waitFor();
    await row.getByText(/Jeugdhulp De Brug/).waitFor();
    await ib.getByRole('region', { name: 'Geschiedenis' }).getByText('Toestemming vastgelegd').waitFor();
    await expectAccessible(ib, 'case page with a consent');
  });

  it('adds a goal to the plan and a GAS evaluation; the latest score is shown as number and words', async () => {
    await ib.getByRole('link', { name: 'Naar het plan' }).click();
    await ib.waitForURL(new RegExp(`/plannen/${UUID}$`));
    await h1(ib).filter({ hasText: `Plan van ${pupil.name}` }).waitFor();
    await ib.getByText('Er zijn nog geen doelen.').waitFor();
    await expectAccessible(ib, 'empty plan');

    await ib.getByLabel('Leefgebied').selectOption({ label: 'School' });
    await ib.getByLabel('Doel', { exact: true }).fill('Weer meedoen in de klas');
    await ib.getByLabel('Verwacht resultaat').fill('Ze vertelt in de kring één keer per week iets over zichzelf.');
    await ib.getByRole('button', { name: 'Doel toevoegen' }).click();
    await ib.getByRole('status').getByText('Het doel ‘Weer meedoen in de klas’ is toegevoegd.').waitFor();
    const goals = ib.getByRole('region', { name: 'Doelen' });
    await goals.getByRole('heading', { level: 3, name: 'School' }).waitFor();
    const goal = goals.getByRole('article', { name: 'Weer meedoen in de klas' });
    await goal.getByText('Nog niet geëvalueerd').waitFor();

    await goal.getByText('Evaluatie toevoegen: doelrealisatie (GAS-score)').click();
    const scores = goal.getByRole('group', { name: 'Hoe gaat het met dit doel?' });
    expect(await scores.getByRole('radio').count()).toBe(5);
    await scores.getByRole('radio', { name: '+1 beter dan verwacht' }).check();
    await expectAccessible(ib, 'plan with the GAS form open');
    await goal.getByRole('button', { name: 'Evaluatie opslaan' }).click();
    await ib.getByRole('status').getByText('De evaluatie is opgeslagen: +1 (beter dan verwacht).').waitFor();
    const latest = goal.locator('.samenspel-latest-score');
    await latest.getByText('+1', { exact: true }).waitFor();
    expect(await latest.innerText()).toBe('+1 (beter dan verwacht)');
    await goal.getByRole('table', { name: /Evaluaties van .*: doelrealisatie \(GAS-score\)/ }).waitFor();
    await expectAccessible(ib, 'plan with an evaluated goal');

    // The PDF for the parents is a link to the API.
    expect(await ib.getByRole('link', { name: /Plan afdrukken \(PDF\)/ }).getAttribute('href')).toMatch(new RegExp(`^/api/v1/plans/${UUID}/pdf$`));
    await ib.context().close();
  });
});

describe('a team member without consent', () => {
  it('wijkteam sees the demo case as limited: that it exists and who the case manager is', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'wijkteam');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Casussen' }).click();
    await page.waitForURL(/\/casussen$/);
    await h1(page).filter({ hasText: 'Casussen' }).waitFor();
    const row = page.locator('main table tbody tr').filter({ hasText: 'Casus (geen toestemming voor u)' });
    await row.waitFor();
    // No title and no child's name; the case manager is there.
    expect(await row.innerText()).not.toContain('Boosheid in de klas');
    expect((await row.locator('td').nth(0).innerText()).trim()).toBe('–');
    await expectAccessible(page, 'cases list with a limited case');

    // The demo case is evaluated within four weeks.
    await page.getByRole('navigation', { name: 'Casussen filteren' }).getByRole('link', { name: 'Evaluatie binnenkort' }).click();
    await page.waitForURL(/evaluatie=binnenkort/);
    await page.getByRole('table', { name: /evaluatie binnen vier weken/ }).locator('tbody tr').first().waitFor();

    await page.locator('main table tbody tr a').first().click();
    await page.waitForURL(new RegExp(`/casussen/${UUID}$`));
    await h1(page).filter({ hasText: 'Casus (geen toestemming voor u)' }).waitFor();
    await page.getByText(/U zit in het team, maar er is \(nog\) geen toestemming die uw organisatie dekt/).waitFor();
    await page.getByRole('region', { name: 'Gegevens van de casus' }).getByText(/Casusregisseur/).waitFor();
    expect(await page.getByRole('region', { name: 'Team' }).count()).toBe(0);
    await expectAccessible(page, 'limited case page');
    await page.context().close();
  });
});
