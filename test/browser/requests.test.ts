import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
const CASE_TITLE = 'Boosheid in de klas en onrust thuis';
let caseId = '';
let childId = '';
let childName = '';

/** Today as the server counts it (a Dutch calendar day). */
const dutchToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

beforeAll(async () => {
  env = await startBrowserEnv();
  const k = await env.database.db.selectFrom('cases as k').innerJoin('children as c', 'c.id', 'k.child_id').where('k.title', '=', CASE_TITLE).select(['k.id', 'c.id as child_id', 'c.given_name', 'c.family_name']).executeTakeFirstOrThrow();
  caseId = k.id;
  childId = k.child_id;
  childName = `${k.given_name} ${k.family_name}`;
});
afterAll(async () => env?.close());

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const notWider = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
const UUID = '[0-9a-f-]{36}';

/** The session's CSRF token, for a change sent through the API as the signed-in user. */
async function csrf(page: Page): Promise<string> {
  const res = await page.request.get(`${env.baseUrl}/api/v1/session`);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

describe('a referral from the school to the wijkteam that comes back', () => {
  let ib: Page;
  let worker: Page;
  let requestUrl = '';
  let signalId = '';

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
  });

  it('the teacher raises a signal; the IB chooses "Doorverwijzen" and is led to the referral form', async () => {
    // The teacher raises it (as on her pupil's page: signals.test.ts walks through that form).
    const teacher = await newPage(env.browser);
    await signInAs(teacher, env.baseUrl, 'leerkracht');
    const raised = await teacher.request.post(`${env.baseUrl}/api/v1/signals`, {
      headers: { 'x-csrf-token': await csrf(teacher) },
      data: { childId, category: 'home_situation', urgency: 'normal', observation: 'Komt de laatste weken moe en te laat; vertelt dat het thuis onrustig is en dat mama veel huilt.', parentsInformed: true },
    });
    expect(raised.status()).toBe(201);
    signalId = ((await raised.json()) as { id: string }).id;
    await teacher.context().close();

    ib = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(ib, env.baseUrl, 'ib');
    await ib.goto(`${env.baseUrl}/signalen/${signalId}`);
    await h1(ib).filter({ hasText: `Zorgsignaal over ${childName}` }).waitFor();
    const triage = ib.getByRole('region', { name: 'Signaal oppakken' });
    await triage.getByRole('radio', { name: 'Doorverwijzen' }).check();
    // Not a decision on its own any more: it explains what happens and leads to the referral form.
    await triage.getByText('U stuurt een verzoek aan het wijkteam, een jeugdhulpaanbieder of het samenwerkingsverband; het signaal krijgt de status Doorverwezen.').waitFor();
    expect(await triage.getByRole('button', { name: 'Besluit opslaan' }).count()).toBe(0);
    expect(await triage.getByLabel('Toelichting').count()).toBe(0);
    await expectAccessible(ib, 'IB: signal page with "Doorverwijzen" chosen');
    await triage.getByRole('link', { name: 'Naar het formulier Doorverwijzen' }).click();
    await ib.waitForURL(`${env.baseUrl}/signalen/${signalId}/doorverwijzen`);
    await h1(ib).filter({ hasText: `Signaal over ${childName} doorverwijzen` }).waitFor();
    await ib.getByRole('region', { name: 'Het signaal' }).getByText(/mama veel huilt/).waitFor();
  });

  it('the referral form: into the child’s case, the parents’ consent asked because none covers the wijkteam; a consent without a giver is refused at its field', async () => {
    const form = ib.getByRole('region', { name: 'Doorverwijzing' });
    // The child has an open case at the school: the request goes into it (no title asked).
    await form.getByText(`Het verzoek komt in de casus ‘${CASE_TITLE}’.`).waitFor();
    expect(await form.getByLabel('Titel van de nieuwe casus').count()).toBe(0);
    await form.getByLabel(/^Toelichting/).fill('Thuis speelt meer dan de school kan oppakken; moeder wil hulp van het wijkteam.');
    await form.getByRole('group', { name: 'Wat voor verzoek is het?' }).getByRole('radio', { name: 'Verwijzing naar wijkteam of toegang' }).check();
    await form.getByLabel('Aan wie?').selectOption({ label: 'Wijkteam Zeist-Noord' });
    await form.getByLabel('Wat is de vraag?').fill('Kan het wijkteam moeder thuis ondersteunen bij de ochtenden en de boosheid?');
    await form.getByLabel(/^Wat is al geprobeerd\?/).fill('Gesprekken met moeder op school; een time-out kaart in de klas.');
    await form.getByLabel('Wat is het doel?').fill('Rustig op school beginnen: elke ochtend op tijd en zonder ruzie in de klas.');
    const kinds = form.getByRole('group', { name: 'Welke gegevens deelt u met de ontvanger?' });
    // The case's consent names the youth care provider only.
    await kinds.getByText('Er is nog geen geldige toestemming voor Wijkteam Zeist-Noord.', { exact: false }).waitFor();
    await kinds.getByRole('checkbox', { name: 'Identiteit' }).check();
    await kinds.getByRole('checkbox', { name: 'Schoolgegevens' }).check();
    const consent = form.getByRole('group', { name: 'Toestemming van ouders/jongere' });
    await consent.getByText(/^Wie geeft toestemming\?/).first().waitFor();
    await consent.getByRole('group', { name: 'Hoe is de toestemming gegeven?' }).getByRole('radio', { name: 'Schriftelijk' }).check();
    expect(await consent.getByLabel('Gegeven op').inputValue()).toBe(dutchToday());
    await expectAccessible(ib, 'IB: referral form filled in at 1366 px');
    expect(await notWider(ib)).toBe(true);

    // Nobody chosen who gave consent: refused at that fieldset, the keyboard on it, nothing sent.
    await form.getByRole('button', { name: 'Doorverwijzen en verzoek versturen' }).click();
    const giversError = ib.locator('#referral-consent-givers-error');
    await giversError.waitFor();
    expect(await giversError.innerText()).toMatch(/ouder|kind|jongere/i);
    expect(await ib.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^referral-consent-givers-/);
    expect(await ib.locator('#referral-consent-givers').getAttribute('aria-describedby')).toContain('referral-consent-givers-error');
    await ib.getByRole('alert').first().waitFor();
    expect(ib.url()).toBe(`${env.baseUrl}/signalen/${signalId}/doorverwijzen`);
    await expectAccessible(ib, 'IB: referral form with a field error');

    // The same form on a phone.
    await ib.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(ib, 'IB: referral form at 390 px');
    expect(await notWider(ib)).toBe(true);
    await ib.setViewportSize({ width: 1366, height: 900 });
  });

  it('with the parent’s consent the referral goes out: the IB lands on the request, and the signal shows it', async () => {
    const form = ib.getByRole('region', { name: 'Doorverwijzing' });
    const givers = form.getByRole('group', { name: 'Wie gaf toestemming?' });
    // The child is under 12: the parents with authority consent, the child is not asked.
    expect(await givers.getByRole('checkbox', { name: 'Het kind/de jongere zelf' }).count()).toBe(0);
    await givers.getByRole('checkbox', { name: /ouder\/verzorger met gezag/ }).first().check();
    // Someone else changed the signal after the page was loaded: refused (409), the notice says so,
    // what was typed stays, and the next attempt is based on the signal as it is now.
    await env.database.db.updateTable('signals').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', signalId).execute();
    await form.getByRole('button', { name: 'Doorverwijzen en verzoek versturen' }).click();
    await ib.getByRole('alert').getByText('Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen.').waitFor();
    expect(await form.getByLabel('Wat is de vraag?').inputValue()).toMatch(/moeder thuis ondersteunen/);
    await expectAccessible(ib, 'IB: referral form after a stale version');
    await form.getByRole('button', { name: 'Doorverwijzen en verzoek versturen' }).click();
    await ib.waitForURL(new RegExp(`/verzoeken/${UUID}$`));
    requestUrl = ib.url();
    await ib.getByRole('status').getByText('De doorverwijzing is verstuurd. Het signaal heeft nu de status Doorverwezen. De toestemming is vastgelegd in de casus.').waitFor();
    await h1(ib).filter({ hasText: `Verzoek over ${childName}` }).waitFor();
    const summary = ib.getByRole('region', { name: 'Gegevens van het verzoek' });
    await summary.getByText('Verstuurd', { exact: true }).waitFor();
    await summary.getByText('Wijkteam Zeist-Noord', { exact: true }).first().waitFor();
    await expectAccessible(ib, 'IB: the request page after the referral');

    // The signal: referred, with the request it sent.
    await ib.goto(`${env.baseUrl}/signalen/${signalId}`);
    await ib.getByRole('region', { name: 'Gegevens van het signaal' }).getByText('Doorverwezen', { exact: true }).waitFor();
    const sent = ib.getByRole('region', { name: 'Verzoek', exact: true });
    const row = sent.locator('tbody tr').filter({ hasText: 'Wijkteam Zeist-Noord' });
    await row.getByRole('link', { name: 'Verwijzing naar wijkteam of toegang' }).waitFor();
    await row.getByText('Verstuurd', { exact: true }).waitFor();
    await expectAccessible(ib, 'IB: referred signal with its request');
    // The case lists it too, with the consent the parent gave.
    await ib.goto(`${env.baseUrl}/casussen/${caseId}`);
    await ib.getByRole('region', { name: 'Verzoeken', exact: true }).getByRole('link', { name: 'Verwijzing naar wijkteam of toegang' }).waitFor();
    await ib.getByRole('region', { name: 'Toestemmingen' }).locator('tbody tr').filter({ hasText: 'Wijkteam Zeist-Noord' }).getByText('Geldig', { exact: true }).waitFor();

    // The teacher who raised it reads the decision and its reason; the request itself is not hers to see.
    const teacher = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(teacher, env.baseUrl, 'leerkracht');
    await teacher.goto(`${env.baseUrl}/signalen/${signalId}`);
    await teacher.getByRole('region', { name: 'Gegevens van het signaal' }).getByText('Doorverwezen', { exact: true }).waitFor();
    await teacher.getByRole('region', { name: 'Geschiedenis' }).getByText(/moeder wil hulp van het wijkteam/).waitFor();
    await teacher.waitForLoadState('networkidle');
    expect(await teacher.getByRole('region', { name: 'Verzoek', exact: true }).count()).toBe(0);
    await expectAccessible(teacher, 'teacher: her referred signal at 390 px');
    await teacher.context().close();
  });

  it('the wijkteam worker, on a phone, finds it on her worklist and in the requests list, and opens it', async () => {
    worker = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(worker, env.baseUrl, 'wijkteam');
    // Her home page is her worklist: the referral waits for her to take it up, with one link to act.
    const work = worker.getByRole('region', { name: 'Mijn werklijst' });
    const item = work.getByRole('link', { name: new RegExp(`^Verzoek beantwoorden: .*${childName}$`) });
    await item.waitFor();
    expect(await item.getAttribute('href')).toMatch(new RegExp(`^/verzoeken/${UUID}$`));
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

  let observationUrl = '';
  let teacherName = '';

  it('the report back asked the teacher who raised the signal for an observation: she is on the case’s team and teaches the child’s group', async () => {
    const requestId = requestUrl.split('/').pop()!;
    const teacher = env.demo.accounts.leerkracht;
    // Why she is the one asked: the school's teachers on the case's team (the demo case has her on it).
    const member = await env.database.db.selectFrom('case_members').select('role').where('case_id', '=', caseId).where('person_id', '=', teacher.personId!).where('removed_at', 'is', null).executeTakeFirst();
    expect(member?.role).toBe('teacher');
    const asks = await env.database.db.selectFrom('request_observations').select(['id', 'person_id', 'answered_on']).where('request_id', '=', requestId).execute();
    expect(asks.map((a) => a.person_id)).toEqual([teacher.personId]);
    expect(asks[0].answered_on).toBeNull();
    observationUrl = `${env.baseUrl}/observaties/${asks[0].id}`;
    const p = await env.database.db.selectFrom('people').select(['given_name', 'family_name']).where('id', '=', teacher.personId!).executeTakeFirstOrThrow();
    teacherName = `${p.given_name} ${p.family_name}`;
  });

  it('the teacher, on a phone, finds the ask in her notifications and her worklist, reads the helper’s advice and answers (after a field error and someone else’s change)', async () => {
    const teacher = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(teacher, env.baseUrl, 'leerkracht');
    // Her notifications: the decision on her signal, and the observation asked; each with one link to where it is dealt with.
    const notes = teacher.getByRole('region', { name: /^\d+ nieuwe melding(en)?$/ });
    // (The demo's own report back asked her too: hers for this request is the one that links to its observation.)
    const asked = notes.getByRole('listitem').filter({ hasText: 'Uw observatie in de klas wordt gevraagd' }).filter({ has: teacher.locator(`a[href="${observationUrl.slice(env.baseUrl.length)}"]`) });
    await asked.getByRole('link', { name: 'Geef uw observatie' }).waitFor();
    expect(await asked.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([observationUrl.slice(env.baseUrl.length)]);
    await notes.getByRole('listitem').filter({ hasText: 'Er is een besluit over uw signaal' }).getByRole('link', { name: 'Bekijk het signaal' }).waitFor();
    // Her worklist on the home page holds it too, with the child's name (she teaches the child's group).
    const work = teacher.getByRole('region', { name: 'Mijn werklijst' });
    await work.getByRole('link', { name: `Observatie geven: verwijzing naar het wijkteam of de toegang — ${childName}` }).waitFor();
    await teacher.getByRole('link', { name: /^Stel in hoe u meldingen krijgt/ }).waitFor();
    await expectAccessible(teacher, 'teacher: home page with the observation asked at 390 px');
    expect(await notWider(teacher)).toBe(true);

    await asked.getByRole('link', { name: 'Geef uw observatie' }).click();
    await teacher.waitForURL(observationUrl);
    await h1(teacher).filter({ hasText: 'Werkt de hulp in de klas?' }).waitFor();
    const help = teacher.getByRole('region', { name: 'Over welke hulp gaat het?' });
    await help.getByText(childName, { exact: true }).waitFor();
    await help.getByText('Verwijzing naar wijkteam of toegang', { exact: true }).waitFor();
    await help.getByText('Wijkteam Zeist-Noord', { exact: true }).waitFor();
    expect(await help.innerText()).toMatch(/Antwoord uiterlijk op/);
    const report = teacher.getByRole('region', { name: 'Wat vertelt de hulpverlener?' });
    expect(await report.innerText()).toMatch(/Hoe gaat het\s+Gaat goed/);
    await report.getByText('Geef hem ’s ochtends een vaste taak bij binnenkomst.').waitFor();
    await expectAccessible(teacher, 'teacher: the observation page at 390 px');
    expect(await notWider(teacher)).toBe(true);

    // Nothing chosen, nothing written: refused at both fields, the keyboard on the first.
    const answer = teacher.getByRole('region', { name: 'Uw observatie' });
    await answer.getByRole('button', { name: 'Observatie versturen' }).click();
    await teacher.locator('#observation-verdict-error').waitFor();
    await teacher.locator('#observation-text-error').waitFor();
    expect(await teacher.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^observation-verdict-/);
    await teacher.getByRole('alert').first().waitFor();
    await expectAccessible(teacher, 'teacher: the observation with field errors at 390 px');

    await answer.getByRole('group', { name: 'Werkt de hulp volgens u?' }).getByRole('radio', { name: 'Werkt deels', exact: true }).check();
    await answer.getByLabel('Wat ziet u in de klas?').fill('De ochtenden zijn rustiger: hij pakt zijn taak en gaat zitten. Na de pauze loopt hij nog soms weg.');
    // Someone else changed it after the page was loaded: refused, the notice says so, what she wrote stays.
    const observationId = observationUrl.split('/').pop()!;
    await env.database.db.updateTable('request_observations').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', observationId).execute();
    await answer.getByRole('button', { name: 'Observatie versturen' }).click();
    await teacher.getByRole('alert').getByText('Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen.').waitFor();
    expect(await answer.getByLabel('Wat ziet u in de klas?').inputValue()).toMatch(/Na de pauze/);
    await expectAccessible(teacher, 'teacher: the observation after a stale version');
    await answer.getByRole('button', { name: 'Observatie versturen' }).click();
    await teacher.getByRole('status').getByText('Dank u wel. Uw observatie is verstuurd naar de hulpverlener en de school.').waitFor();
    // Her answer, read-only.
    expect(await answer.innerText()).toMatch(/Uw oordeel\s+Werkt deels/);
    await answer.getByText(/Na de pauze loopt hij nog soms weg/).waitFor();
    expect(await answer.getByRole('button').count()).toBe(0);
    await expectAccessible(teacher, 'teacher: the observation answered at 390 px');
    expect(await notWider(teacher)).toBe(true);
    await teacher.setViewportSize({ width: 1366, height: 900 });
    await expectAccessible(teacher, 'teacher: the observation answered at 1366 px');
    expect(await notWider(teacher)).toBe(true);

    // Loaded again: still her answer, and it has left her worklist.
    await teacher.reload();
    await h1(teacher).filter({ hasText: 'Werkt de hulp in de klas?' }).waitFor();
    expect(await teacher.getByRole('region', { name: 'Uw observatie' }).innerText()).toMatch(/Uw oordeel\s+Werkt deels/);
    await teacher.goto(`${env.baseUrl}/`);
    await teacher.getByRole('heading', { level: 1, name: /^Welkom/ }).waitFor();
    await teacher.waitForLoadState('networkidle');
    // (The demo's own ask, about another request, stays until she answers that one.)
    expect(await work.locator(`a[href="${observationUrl.slice(env.baseUrl.length)}"]`).count()).toBe(0);
    expect(await work.getByRole('link', { name: /^Observatie geven: verwijzing naar het wijkteam/ }).count()).toBe(0);
    await teacher.context().close();
  });

  it('the IB sees the teacher’s observation in the request’s thread, and whom it was asked of', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'ib');
    await page.goto(requestUrl);
    const history = page.getByRole('region', { name: 'Verloop', exact: true });
    const last = history.getByRole('listitem').last();
    await last.getByText('Observatie uit de klas').waitFor();
    expect(await last.innerText()).toMatch(/Werkt de hulp in de klas:\s*Werkt deels/);
    expect(await last.innerText()).toContain('Na de pauze loopt hij nog soms weg.');
    expect(await last.innerText()).toContain(teacherName);
    const asked = page.getByRole('region', { name: 'Observatie gevraagd aan' });
    const row = asked.getByRole('listitem').filter({ hasText: teacherName });
    expect(await row.innerText()).toMatch(/beantwoord op/);
    await expectAccessible(page, 'IB: request with the teacher’s observation at 1366 px');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, 'IB: request with the teacher’s observation at 390 px');
    expect(await notWider(page)).toBe(true);
    await page.context().close();
  });
});
