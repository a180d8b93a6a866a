import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => env?.close());

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** A filtered list keeps showing the previous rows (aria-busy) until the new ones arrive. */
const settled = (page: Page) => page.waitForFunction(() => document.querySelector('main [aria-busy="true"]') === null);

/** From the children list to the first pupil's page; returns the pupil's name. */
async function openFirstPupil(page: Page): Promise<string> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kinderen' }).click();
  await page.waitForURL(/\/kinderen$/);
  const first = page.locator('main table tbody tr a').first();
  await first.waitFor();
  const href = await first.getAttribute('href');
  await first.click();
  await page.waitForURL(/\/kinderen\/[0-9a-f-]{36}$/);
  expect(new URL(page.url()).pathname).toBe(href);
  // The name as the child's page gives it (the list may show it family name first: "Berg, Joep van den").
  // Once the signals section is there, the child is loaded and the h1 is her name.
  await page.getByRole('heading', { level: 2, name: 'Zorgsignalen' }).waitFor();
  const name = (await h1(page).innerText()).trim();
  expect(name).not.toBe('Gegevens van kind');
  expect(name).not.toBe('');
  return name;
}

describe('a zorgsignaal from the teacher to the intern begeleider and back', () => {
  let teacher: Page;
  let signalId = '';
  let pupil = '';
  const reason = 'Besproken in de leerlingbespreking; we volgen het vier weken en bespreken het dan met de ouders.';

  it('the teacher raises a signal: a missing reason is shown at the field, fixed, then saved', async () => {
    teacher = await newPage(env.browser);
    await signInAs(teacher, env.baseUrl, 'leerkracht');
    pupil = await openFirstPupil(teacher);
    // The signals section: none yet from this teacher about this pupil, and the way to raise one.
    await teacher.getByRole('heading', { level: 2, name: 'Zorgsignalen' }).waitFor();
    await expectAccessible(teacher, 'child page with signals section');

    await teacher.getByRole('link', { name: 'Zorgsignaal melden' }).click();
    await teacher.waitForURL(/\/kinderen\/[0-9a-f-]{36}\/signaal$/);
    await h1(teacher).filter({ hasText: `Zorgsignaal melden over ${pupil}` }).waitFor();
    expect(await teacher.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await teacher.getByLabel('Wat ziet u?').waitFor();
    await expectAccessible(teacher, 'raise a signal');

    await teacher.getByLabel('Wat ziet u?').fill('Huilt de laatste twee weken bijna elke ochtend bij binnenkomst en wil niet naar buiten in de pauze.');
    await teacher.getByRole('group', { name: 'Waar gaat uw zorg over?' }).getByRole('radio', { name: 'Sociaal-emotioneel' }).check();
    await teacher.getByRole('group', { name: 'Hoe dringend is het?' }).getByRole('radio', { name: 'Normaal' }).check();
    await teacher.getByRole('group', { name: 'Zijn de ouders op de hoogte?' }).getByRole('radio', { name: 'Nee' }).check();
    const whyNot = teacher.getByLabel('Waarom niet?');
    await whyNot.waitFor();
    await teacher.getByRole('button', { name: 'Signaal opslaan' }).click();

    // The server's field error (problem+json invalidParams) at the field, and focus on it.
    await teacher.waitForFunction(() => document.querySelector('#signal-parents-not-informed-reason[aria-invalid="true"]') !== null);
    await teacher.locator('#signal-parents-not-informed-reason-error').getByText('Geef aan waarom de ouders (nog) niet op de hoogte zijn.').waitFor();
    expect(await whyNot.getAttribute('aria-describedby')).toContain('signal-parents-not-informed-reason-error');
    expect(await teacher.evaluate(() => document.activeElement?.id)).toBe('signal-parents-not-informed-reason');
    await teacher.getByRole('alert').getByText(/1 veld dat niet klopt/).waitFor();
    await expectAccessible(teacher, 'raise a signal with a field error');

    await whyNot.fill('Ik wil eerst overleggen met de intern begeleider.');
    await teacher.getByRole('button', { name: 'Signaal opslaan' }).click();
    await teacher.waitForURL(/\/signalen\/[0-9a-f-]{36}$/);
    signalId = teacher.url().split('/').pop()!;
    await h1(teacher).filter({ hasText: `Zorgsignaal over ${pupil}` }).waitFor();
    await teacher.getByRole('status').getByText(/Uw signaal is opgeslagen/).waitFor();
    const summary = teacher.getByRole('region', { name: 'Gegevens van het signaal' });
    await summary.getByText('Nieuw', { exact: true }).waitFor();
    await summary.getByText('Op tijd', { exact: true }).waitFor();
    await teacher.getByText('Ik wil eerst overleggen met de intern begeleider.').waitFor();
    // The author may withdraw it while nobody has picked it up; there is no triage form for her.
    await teacher.getByRole('heading', { level: 2, name: 'Signaal intrekken' }).waitFor();
    expect(await teacher.getByRole('heading', { name: 'Signaal oppakken' }).count()).toBe(0);
    await teacher.getByRole('list').filter({ hasText: 'Signaal gemeld' }).waitFor();
    await expectAccessible(teacher, 'signal page after saving');
  });

  it('the intern begeleider finds it in the queue and decides "Blijven volgen" with a reason', async () => {
    const ib = await newPage(env.browser);
    await signInAs(ib, env.baseUrl, 'ib');
    await ib.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Signalen', exact: true }).click();
    await ib.waitForURL(/\/signalen$/);
    await h1(ib).filter({ hasText: 'Signalen' }).waitFor();
    await ib.locator('main table tbody tr').first().waitFor();
    await expectAccessible(ib, 'signal queue');

    // Counters are filter links; "Nieuw" shows only signals not yet picked up.
    const filters = ib.getByRole('navigation', { name: 'Signalen filteren' });
    await filters.getByRole('link', { name: /Nieuw/ }).click();
    await ib.waitForURL(/\/signalen\?status=new$/);
    // The active filter is marked for assistive technology, not by colour alone.
    await filters.locator('a[aria-current="true"]').filter({ hasText: 'Nieuw' }).waitFor();
    await settled(ib);
    const row = ib.locator('main table tbody tr').filter({ has: ib.locator(`a[href="/signalen/${signalId}"]`) });
    await row.waitFor();
    expect(await row.innerText()).toContain(pupil);
    await row.getByText('Op tijd', { exact: true }).waitFor();
    await row.getByText('Nieuw', { exact: true }).waitFor();
    // Every row of this filter is new.
    const statuses = await ib.locator('main table tbody tr td:last-child').allInnerTexts();
    expect(statuses.every((s) => s.trim() === 'Nieuw')).toBe(true);
    // The seeded queue has late and three-times-late signals, shown in words.
    await filters.getByRole('link', { name: /3× te laat/ }).click();
    await ib.waitForURL(/termijn=very_late/);
    await filters.locator('a[aria-current="true"]').filter({ hasText: '3× te laat' }).waitFor();
    await settled(ib);
    await ib.locator('main table tbody tr').first().getByText('3× te laat', { exact: true }).waitFor();
    await expectAccessible(ib, 'signal queue, three times late');
    await filters.getByRole('link', { name: /Nieuw/ }).click();
    await filters.locator('a[aria-current="true"]').filter({ hasText: 'Nieuw' }).waitFor();
    await settled(ib);
    await ib.locator(`main a[href="/signalen/${signalId}"]`).click();

    await ib.waitForURL(new RegExp(`/signalen/${signalId}$`));
    await ib.getByRole('heading', { level: 2, name: 'Signaal oppakken' }).waitFor();
    const decisions = ib.getByRole('group', { name: 'Wat doet u met dit signaal?' }).getByRole('radio');
    // From "new" the care coordinator may take the five triage decisions, not "Afsluiten".
    expect(await decisions.count()).toBe(5);
    expect(await ib.getByRole('radio', { name: 'Afsluiten' }).count()).toBe(0);
    await expectAccessible(ib, 'signal page for the intern begeleider');

    // Without the required explanation: the field says so.
    await ib.getByRole('radio', { name: 'Blijven volgen' }).check();
    await ib.getByRole('button', { name: 'Besluit opslaan' }).click();
    await ib.waitForFunction(() => document.querySelector('#triage-reason[aria-invalid="true"]') !== null);
    expect(await ib.evaluate(() => document.activeElement?.id)).toBe('triage-reason');

    await ib.getByLabel('Toelichting').fill(reason);
    await ib.getByRole('button', { name: 'Besluit opslaan' }).click();
    await ib.getByRole('status').getByText('Uw besluit is opgeslagen: Blijven volgen. De status is nu: Wordt gevolgd.').waitFor();
    await ib.getByRole('region', { name: 'Gegevens van het signaal' }).getByText('Wordt gevolgd', { exact: true }).waitFor();
    await ib.getByRole('region', { name: 'Geschiedenis' }).getByText(reason).waitFor();
    // From "watching" keeping watching is no longer on offer.
    await ib.getByRole('heading', { level: 2, name: 'Nieuw besluit' }).waitFor();
    expect(await ib.getByRole('radio', { name: 'Blijven volgen' }).count()).toBe(0);
    await expectAccessible(ib, 'signal page after the decision');
    await ib.context().close();
  });

  it('the teacher sees what became of it: "Wordt gevolgd" and the reason', async () => {
    // Her page still offers to withdraw the signal, but it was picked up meanwhile: the server's
    // 409 detail (her page showed an older version of the signal) is shown in an alert, and the
    // signal is loaded again.
    await teacher.getByLabel('Waarom trekt u het signaal in?').fill('Toch niet nodig.');
    await teacher.getByRole('button', { name: 'Signaal intrekken' }).click();
    await teacher.getByRole('alert').getByText(/intussen gewijzigd|kunt u niets meer wijzigen/).waitFor();
    await teacher.getByRole('region', { name: 'Gegevens van het signaal' }).getByText('Wordt gevolgd', { exact: true }).waitFor();
    await teacher.getByRole('heading', { name: 'Signaal intrekken' }).waitFor({ state: 'detached' });
    expect(await teacher.evaluate(() => document.activeElement?.textContent)).toMatch(/intussen gewijzigd|kunt u niets meer wijzigen/);
    await expectAccessible(teacher, 'signal page after a refused withdrawal');

    await teacher.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn signalen' }).click();
    await teacher.waitForURL(/\/signalen\/mijn$/);
    await h1(teacher).filter({ hasText: 'Mijn signalen' }).waitFor();
    const row = teacher.locator('main table tbody tr').filter({ has: teacher.locator(`a[href="/signalen/${signalId}"]`) });
    await row.waitFor();
    await row.getByText('Wordt gevolgd', { exact: true }).waitFor();
    await row.getByText('Blijven volgen', { exact: true }).waitFor();
    await expectAccessible(teacher, 'my signals');

    await row.getByRole('link').click();
    await teacher.waitForURL(new RegExp(`/signalen/${signalId}$`));
    await teacher.getByRole('region', { name: 'Gegevens van het signaal' }).getByText('Wordt gevolgd', { exact: true }).waitFor();
    const history = teacher.getByRole('region', { name: 'Geschiedenis' });
    await history.getByText(reason).waitFor();
    await history.getByText('Status van Nieuw naar Wordt gevolgd').waitFor();
    // Picked up: the author can no longer withdraw it.
    expect(await teacher.getByRole('heading', { name: 'Signaal intrekken' }).count()).toBe(0);
    await expectAccessible(teacher, 'signal page for the author after the decision');

    // The child page lists the signal too.
    await teacher.getByRole('link', { name: pupil }).click();
    await teacher.waitForURL(/\/kinderen\/[0-9a-f-]{36}$/);
    await teacher.locator(`main a[href="/signalen/${signalId}"]`).waitFor();
    await expectAccessible(teacher, 'child page with a signal');
    await teacher.context().close();
  });
});

describe('a safety signal', () => {
  it('shows the Meldcode steps in the form before saving, and the meldcode contact after', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'leerkracht');
    await openFirstPupil(page);
    await page.getByRole('link', { name: 'Zorgsignaal melden' }).click();
    await page.getByLabel('Wat ziet u?').waitFor();

    const meldcode = page.getByRole('region', { name: 'Meldcode huiselijk geweld en kindermishandeling' });
    expect(await meldcode.count()).toBe(0);
    await page.getByRole('radio', { name: 'Veiligheid' }).check();
    await meldcode.waitFor();
    const steps = meldcode.getByRole('listitem');
    expect(await steps.count()).toBe(5);
    expect(await steps.nth(1).innerText()).toMatch(/Veilig Thuis/);
    await meldcode.getByText(/Na het opslaan ziet u wie/).waitFor();
    await expectAccessible(page, 'raise a safety signal');

    await page.getByLabel('Wat ziet u?').fill('Had vanochtend een blauw oog en zei dat ze "gevallen" was; schrok toen ik ernaar vroeg.');
    await page.getByRole('radio', { name: 'Dringend' }).check();
    await page.getByRole('group', { name: 'Zijn de ouders op de hoogte?' }).getByRole('radio', { name: 'Nee' }).check();
    await page.getByLabel('Waarom niet?').fill('Eerst overleg met de aandachtsfunctionaris.');
    await page.getByRole('button', { name: 'Signaal opslaan' }).click();
    await page.waitForURL(/\/signalen\/[0-9a-f-]{36}$/);
    const block = page.getByRole('region', { name: 'Meldcode huiselijk geweld en kindermishandeling' });
    await block.getByRole('heading', { name: 'Contactpersoon voor de Meldcode op uw school' }).waitFor();
    expect(await block.getByRole('listitem').count()).toBeGreaterThanOrEqual(6);
    await block.getByText(/Overleg met (de|een van de) aandachtsfunctionaris/).waitFor();
    await expectAccessible(page, 'safety signal page');

    // While nobody has picked it up, the author may withdraw it, with a reason.
    await page.getByLabel('Waarom trekt u het signaal in?').fill('Per ongeluk dubbel gemeld.');
    await page.getByRole('button', { name: 'Signaal intrekken' }).click();
    await page.getByRole('status').getByText('Uw signaal is ingetrokken.').waitFor();
    await page.getByRole('region', { name: 'Gegevens van het signaal' }).getByText('Ingetrokken', { exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'Signaal intrekken' }).count()).toBe(0);
    await expectAccessible(page, 'withdrawn signal');
    await page.context().close();
  });
});
