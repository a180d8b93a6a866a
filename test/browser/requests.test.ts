import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
const CASE_TITLE = 'Boosheid in de klas en onrust thuis';
let caseId = '';
let childName = '';

/** Today as the server counts it (a Dutch calendar day). */
const dutchToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const daysFrom = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  env = await startBrowserEnv();
  const k = await env.database.db.selectFrom('cases as k').innerJoin('children as c', 'c.id', 'k.child_id').where('k.title', '=', CASE_TITLE).select(['k.id', 'c.given_name', 'c.family_name']).executeTakeFirstOrThrow();
  caseId = k.id;
  childName = `${k.given_name} ${k.family_name}`;
});
afterAll(async () => env?.close());

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const notWider = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
const UUID = '[0-9a-f-]{36}';

/**
 * The demo case's parents consented to sharing with the youth care provider only; here they also
 * consent to the wijkteam seeing the child's identity and school data (as the IB would record it).
 */
async function consentForWijkteam() {
  const db = env.database.db;
  const k = await db.selectFrom('cases').select(['id', 'child_id', 'region_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const guardian = await db.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', k.child_id).where('has_authority', '=', true).orderBy('guardian_id').executeTakeFirstOrThrow();
  const today = dutchToday();
  const consent = await db
    .insertInto('consents')
    .values({
      region_id: k.region_id,
      child_id: k.child_id,
      case_id: k.id,
      purpose: 'Het wijkteam ondersteunt thuis; afstemmen met de school.',
      data_kinds: ['identity', 'school'],
      method: 'written',
      given_on: daysFrom(today, -1),
      valid_until: daysFrom(today, 365),
      age_rule: 'guardians',
      recorded_by_person_id: env.demo.accounts.ib.personId!,
      recorded_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('consent_recipients').values({ consent_id: consent.id, organisation_id: env.demo.accounts.wijkteam.organisationId! }).execute();
  await db.insertInto('consent_givers').values({ consent_id: consent.id, guardian_id: guardian.guardian_id, child_self: false }).execute();
}

describe('a referral from the school to the wijkteam that comes back', () => {
  let ib: Page;
  let worker: Page;
  let requestUrl = '';

  it('without consent the wijkteam worker sees the case limited, with no requests and only a question to the school to ask', async () => {
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'wijkteam');
    await page.goto(`${env.baseUrl}/casussen/${caseId}`);
    await h1(page).filter({ hasText: 'Casus (geen toestemming voor u)' }).waitFor();
    await page.getByRole('region', { name: 'Verzoeken', exact: true }).getByText('Er zijn nog geen verzoeken uit deze casus.').waitFor();
    const ask = page.getByRole('region', { name: 'Vraag stellen aan de school' });
    const school = await env.database.db.selectFrom('organisations').select('name').where('id', '=', env.demo.accounts.ib.organisationId!).executeTakeFirstOrThrow();
    expect(await ask.locator('dl').innerText()).toMatch(new RegExp(`Aan wie\\?\\s+${school.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(await ask.getByRole('group', { name: 'Welke gegevens deelt u met de ontvanger?' }).count()).toBe(0);
    await expectAccessible(page, 'wijkteam: limited case page with the question to the school');
    expect(await notWider(page)).toBe(true);
    await page.context().close();
    await consentForWijkteam();
  });

  it('the IB sends a referral to the wijkteam from the case page; the form says what the consent covers', async () => {
    ib = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(ib, env.baseUrl, 'ib');
    await ib.goto(`${env.baseUrl}/casussen/${caseId}`);
    await h1(ib).filter({ hasText: `Casus: ${CASE_TITLE}` }).waitFor();
    // The demo's request to the youth care provider is listed with the case.
    const requests = ib.getByRole('region', { name: 'Verzoeken', exact: true });
    await requests.getByRole('link', { name: 'Verzoek aan jeugdhulpaanbieder' }).waitFor();

    const form = ib.getByRole('region', { name: 'Verzoek versturen' });
    await form.getByRole('group', { name: 'Wat voor verzoek is het?' }).getByRole('radio', { name: 'Verwijzing naar wijkteam of toegang' }).check();
    await form.getByLabel('Aan wie?').selectOption({ label: 'Wijkteam Zeist-Noord' });
    await form.getByText('De toestemming voor Wijkteam Zeist-Noord noemt: Identiteit, Schoolgegevens.').waitFor();
    await form.getByLabel('Wat is de vraag?').fill('Kan het wijkteam moeder thuis ondersteunen bij de ochtenden en de boosheid?');
    await form.getByLabel('Wat is het doel?').fill('Rustig op school beginnen: elke ochtend op tijd en zonder ruzie in de klas.');
    const kinds = form.getByRole('group', { name: 'Welke gegevens deelt u met de ontvanger?' });
    await kinds.getByRole('checkbox', { name: 'Identiteit' }).check();
    await kinds.getByRole('checkbox', { name: 'Schoolgegevens' }).check();
    await expectAccessible(ib, 'send request form filled in');
    expect(await notWider(ib)).toBe(true);

    await form.getByRole('button', { name: 'Verzoek versturen' }).click();
    await ib.getByRole('status').getByText('Het verzoek is verstuurd: Verwijzing naar wijkteam of toegang aan Wijkteam Zeist-Noord.').waitFor();
    const row = requests.locator('tbody tr').filter({ hasText: 'Verwijzing naar wijkteam of toegang' });
    await row.getByText('Verstuurd', { exact: true }).waitFor();
    await row.getByText('De andere organisatie', { exact: true }).waitFor();
    await expectAccessible(ib, 'case page with the request sent');
  });

  it('the wijkteam worker, on a phone, finds it in the requests list and opens it', async () => {
    worker = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(worker, env.baseUrl, 'wijkteam');
    const nav = worker.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('button', { name: 'Menu' }).click();
    await nav.getByRole('link', { name: 'Verzoeken', exact: true }).click();
    await h1(worker).filter({ hasText: 'Verzoeken' }).waitFor();
    const row = worker.locator('main table tbody tr').filter({ hasText: 'Verwijzing naar wijkteam of toegang' });
    await row.waitFor();
    expect(await row.innerText()).toContain(childName);
    await row.getByText('U', { exact: true }).waitFor();
    await worker.getByRole('status').getByText(/^\d+ verzoek(en)?$/).waitFor();
    await expectAccessible(worker, 'wijkteam: requests list at 390 px');
    expect(await notWider(worker)).toBe(true);

    await row.getByRole('link', { name: new RegExp(`^${childName}`) }).click();
    await worker.waitForURL(new RegExp(`/verzoeken/${UUID}$`));
    requestUrl = worker.url();
    await h1(worker).filter({ hasText: `Verzoek over ${childName}` }).waitFor();
    const summary = worker.getByRole('region', { name: 'Gegevens van het verzoek' });
    await summary.getByText('Verstuurd', { exact: true }).waitFor();
    await worker.getByRole('region', { name: 'De vraag', exact: true }).getByText(/moeder thuis ondersteunen/).waitFor();
    // Only the steps the server offers the receiver now; forwarding lists the colleagues of the wijkteam.
    const steps = worker.getByRole('region', { name: 'Wat kunt u nu doen?' });
    expect(await steps.getByRole('button').allInnerTexts()).toEqual(['Aannemen', 'Informatie vragen', 'Afwijzen', 'Doorsturen naar collega']);
    await worker.locator('#step-forward-holder option').nth(1).waitFor({ state: 'attached' });
    await expectAccessible(worker, 'wijkteam: request page at 390 px');
    expect(await notWider(worker)).toBe(true);
  });

  it('asking for information without a text is refused at the field; with one, the request waits for the school', async () => {
    const steps = worker.getByRole('region', { name: 'Wat kunt u nu doen?' });
    await steps.getByRole('button', { name: 'Informatie vragen' }).click();
    const field = worker.locator('#step-ask_info-text');
    await worker.waitForFunction(() => document.querySelector('#step-ask_info-text[aria-invalid="true"]') !== null);
    expect(await worker.evaluate(() => document.activeElement?.id)).toBe('step-ask_info-text');
    expect(await field.getAttribute('aria-describedby')).toContain('step-ask_info-text-error');
    expect(await worker.locator('#step-ask_info-text-error').innerText()).toMatch(/welke informatie/i);
    await worker.getByRole('alert').getByText(/niet vastgelegd/).waitFor();
    await expectAccessible(worker, 'wijkteam: ask for information with a field error');

    await field.fill('Is er al contact met de huisarts geweest?');
    await steps.getByRole('button', { name: 'Informatie vragen' }).click();
    await worker.getByRole('status').getByText('Uw vraag is verstuurd. Status: Informatie gevraagd.').waitFor();
    await steps.getByText(/U hoeft nu niets te doen/).waitFor();
    expect(await notWider(worker)).toBe(true);
  });

  it('the IB answers on the request page, reached from the case', async () => {
    await ib.goto(`${env.baseUrl}/casussen/${caseId}`);
    await ib.getByRole('region', { name: 'Verzoeken', exact: true }).getByRole('link', { name: 'Verwijzing naar wijkteam of toegang' }).click();
    await ib.waitForURL(requestUrl);
    await ib.getByRole('region', { name: 'Gegevens van het verzoek' }).getByText('Informatie gevraagd', { exact: true }).waitFor();
    const steps = ib.getByRole('region', { name: 'Wat kunt u nu doen?' });
    await steps.getByText('Is er al contact met de huisarts geweest?').waitFor();
    await steps.getByLabel('Uw antwoord').fill('Ja, de huisarts is op de hoogte en denkt mee.');
    await expectAccessible(ib, 'IB: answering the question for information');
    await steps.getByRole('button', { name: 'Informatie geven' }).click();
    await ib.getByRole('status').getByText('Uw antwoord is verstuurd. Status: Verstuurd.').waitFor();
  });

  it('the worker accepts (after someone else changed it first), records the start of help today and reports back "Gaat goed" with advice for the teacher', async () => {
    await worker.reload();
    const steps = worker.getByRole('region', { name: 'Wat kunt u nu doen?' });
    await worker.getByRole('region', { name: 'Verloop', exact: true }).getByText('Ja, de huisarts is op de hoogte en denkt mee.').waitFor();
    // Someone else changed the request after the page was loaded: the step is refused, the notice
    // says so, the request is loaded again, and the next attempt is based on the new version.
    const requestId = requestUrl.split('/').pop()!;
    await env.database.db.updateTable('requests').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', requestId).execute();
    await steps.getByRole('button', { name: 'Aannemen' }).click();
    await worker.getByRole('alert').getByText('Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen.').waitFor();
    await expectAccessible(worker, 'wijkteam: a stale version');
    await steps.getByRole('button', { name: 'Aannemen' }).click();
    await worker.getByRole('status').getByText('U heeft het verzoek aangenomen. Status: Aangenomen.').waitFor();

    await steps.getByLabel('Op welke dag startte de hulp?').fill(dutchToday());
    await expectAccessible(worker, 'wijkteam: accepted, the start of help');
    await steps.getByRole('button', { name: 'Start van de hulp vastleggen' }).click();
    await worker.getByRole('status').getByText('De start van de hulp is vastgelegd. Status: Hulp gestart.').waitFor();

    const report = steps.getByRole('region', { name: 'Terugkoppelen aan de school' });
    await report.getByRole('group', { name: 'Hoe gaat het?' }).getByRole('radio', { name: 'Gaat goed' }).check();
    await report.getByLabel(/^Advies voor de leerkracht/).fill('Geef hem ’s ochtends een vaste taak bij binnenkomst.');
    await report.getByRole('button', { name: 'Terugkoppelen aan de school' }).click();
    await worker.getByRole('status').getByText('Uw terugkoppeling is verstuurd aan de school.').waitFor();
    await expectAccessible(worker, 'wijkteam: help started and reported back');
    expect(await notWider(worker)).toBe(true);
    await worker.context().close();
  });

  it('the IB sees "Hulp gestart" and the report back in the history', async () => {
    await ib.goto(requestUrl);
    await ib.getByRole('region', { name: 'Gegevens van het verzoek' }).getByText('Hulp gestart', { exact: true }).waitFor();
    const history = ib.getByRole('region', { name: 'Verloop', exact: true });
    const last = history.getByRole('listitem').last();
    await last.getByText('Teruggekoppeld aan de school').waitFor();
    expect(await last.innerText()).toMatch(/Hoe gaat het:\s*Gaat goed/);
    expect(await last.innerText()).toContain('Geef hem ’s ochtends een vaste taak bij binnenkomst.');
    expect(await last.innerText()).toContain('Wijkteam Zeist-Noord');
    await ib.getByRole('region', { name: 'Wat kunt u nu doen?' }).getByText(/U hoeft nu niets te doen/).waitFor();
    await expectAccessible(ib, 'IB: request with help started');

    // The outbox of the school at 1366 px: the referral among the requests that still run.
    await ib.goto(`${env.baseUrl}/verzoeken?bak=verstuurd`);
    await h1(ib).filter({ hasText: 'Verzoeken' }).waitFor();
    const row = ib.locator('main table tbody tr').filter({ hasText: 'Verwijzing naar wijkteam of toegang' });
    await row.getByText('Hulp gestart', { exact: true }).waitFor();
    expect(await ib.getByLabel('Welke verzoeken?').inputValue()).toBe('verstuurd');
    await expectAccessible(ib, 'IB: outbox');
    expect(await notWider(ib)).toBe(true);
    await ib.context().close();
  });
});
