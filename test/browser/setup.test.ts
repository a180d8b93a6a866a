import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv(60);
});
afterAll(async () => env?.close());

describe('the region set-up wizard (functional administrator)', () => {
  it('shows the demo region as set up (it has what every step needs), and still lets the administrator add to each step', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'beheer');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inrichting regio' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inrichting regio' }).waitFor();
    const progress = page.getByRole('navigation', { name: 'Stappen van de inrichting' });
    await progress.getByRole('listitem').first().waitFor();
    // Nothing was marked by hand: the demo region has its SWV, gemeenten with postcodes, schools,
    // partners, staff with accounts and enrolled pupils; the settings are the legal defaults.
    expect(await progress.getByRole('listitem').allTextContents()).toEqual([
      'Regio en samenwerkingsverband — klaar',
      'Gemeenten — klaar',
      'Scholen — klaar',
      'Partners — klaar',
      'Instellingen — klaar',
      'Medewerkers — klaar',
      'Leerlingen — klaar',
    ]);
    await page.getByText('7 van 7 stappen afgerond.').waitFor();
    await expectAccessible(page, 'set-up overview');

    // Step 1: done by what the region has; no button to complete or reopen it.
    await progress.getByRole('link', { name: 'Regio en samenwerkingsverband' }).click();
    const h1 = page.getByRole('heading', { level: 1, name: 'Stap 1 van 7: Regio en samenwerkingsverband' });
    await h1.waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await progress.locator('[aria-current="step"]').textContent()).toContain('Regio en samenwerkingsverband');
    await page.getByRole('table', { name: 'Samenwerkingsverbanden van de regio' }).getByText('SWV Passend Onderwijs Heuvelrug-Vecht').waitFor();
    await page.getByText('Deze stap is klaar: de regio heeft al wat deze stap nodig heeft.').waitFor();
    expect(await page.getByRole('button', { name: /Stap afronden|Stap heropenen/ }).count()).toBe(0);
    await expectAccessible(page, 'step region');

    // Step 2: a gemeente from the shipped list; the manual form shows its errors linked to the fields.
    await page.getByRole('link', { name: 'Volgende stap: Gemeenten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stap 2 van 7: Gemeenten' }).waitFor();
    await page.getByLabel('Zoek een gemeente').fill('Hout');
    await page.getByRole('button', { name: 'Voeg Houten toe' }).click();
    await page.getByRole('status').getByText('Houten is toegevoegd (Utrecht, vakantieregio midden).').waitFor();
    const table = page.getByRole('table', { name: 'Gemeenten in de regio' });
    await table.getByRole('rowheader', { name: 'Houten' }).waitFor();
    expect(await table.getByRole('row', { name: /Houten/ }).textContent()).toContain('GM0321');
    const houten = await env.database.db.selectFrom('gemeenten').select(['province', 'holiday_region']).where('cbs_code', '=', 'GM0321').executeTakeFirstOrThrow();
    expect(houten).toEqual({ province: 'Utrecht', holiday_region: 'midden' });
    await page.getByLabel('Zoek een gemeente').fill('Zeist');
    await page.getByText('staat al in de regio').waitFor();
    await expectAccessible(page, 'step gemeenten');

    await page.getByLabel('CBS-code').fill('GM9998');
    await page.getByRole('button', { name: 'Gemeente toevoegen', exact: true }).click();
    const summary = page.getByRole('alert');
    await summary.getByText('Controleer de volgende velden:').waitFor();
    await summary.getByRole('link', { name: 'Naam: GM9998 staat niet in de lijst van gemeenten. Vul de naam van de gemeente in.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('manual-name');
    expect(await page.getByLabel('Provincie').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'step gemeenten with errors');

    // Step 3: a school with leading zeros in BRIN and vestiging, and its board.
    await page.getByRole('link', { name: 'Volgende stap: Scholen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stap 3 van 7: Scholen' }).waitFor();
    await page.getByLabel('Naam', { exact: true }).fill('Basisschool De Linde');
    await page.getByLabel('BRIN-nummer').fill('07xy');
    await page.getByLabel('Vestigingsnummer').fill('00');
    await page.getByLabel('Schooltype').selectOption('po');
    await page.getByLabel(/^Schoolbestuur/).fill('Stichting Primair Houten');
    await page.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Houten' });
    await page.getByRole('button', { name: 'Schoolvestiging toevoegen' }).click();
    await page.getByRole('status').getByText('Basisschool De Linde is toegevoegd.').waitFor();
    const row = page.getByRole('row', { name: /Basisschool De Linde/ });
    expect(await row.textContent()).toContain('07XY00');
    expect(await row.textContent()).toContain('Stichting Primair Houten');
    await expectAccessible(page, 'step schools');

    // Step 5 (skipping partners for now): a setting out of range, then fixed.
    await progress.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stap 5 van 7: Instellingen' }).waitFor();
    const threshold = page.getByLabel(/^Drempel voor kleine aantallen/);
    await threshold.fill('4');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Drempel voor kleine aantallen: Kies een waarde van 5 tot en met 50.' }).waitFor();
    expect(await threshold.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'step settings with an error');
    await threshold.fill('10');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await page.getByRole('status').getByText('De instellingen zijn opgeslagen.').waitFor();
    const stored = await env.database.db.selectFrom('region_settings').select(['key', 'value']).where('region_id', '=', env.demo.regionId).execute();
    expect(stored).toEqual([{ key: 'suppressionThreshold', value: 10 }]);
    expect(await page.getByText('Wordt opgeslagen, maar wordt nog niet automatisch toegepast.').count()).toBeGreaterThan(0);
    const main = page.getByRole('main');
    expect(await main.getByRole('link', { name: 'Verzuimsignalering' }).getAttribute('href')).toBe('/beheer/verzuimsignalering');
    expect(await main.getByRole('link', { name: 'Schoolvakanties' }).getAttribute('href')).toBe('/beheer/schoolvakanties');
    await expectAccessible(page, 'step settings');

    for (const [name, heading] of [
      ['Medewerkers', 'Stap 6 van 7: Medewerkers'],
      ['Leerlingen', 'Stap 7 van 7: Leerlingen'],
      ['Partners', 'Stap 4 van 7: Partners'],
    ]) {
      await progress.getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByRole('table').first().waitFor();
      await expectAccessible(page, `step ${name}`);
    }
    // Houten was added without postcode ranges: the gemeenten step is no longer done by itself,
    // and the overview leads there.
    await page.goto(`${env.baseUrl}/beheer/inrichting`);
    await page.getByText('6 van 7 stappen afgerond.').waitFor();
    expect(await progress.getByRole('listitem').nth(1).textContent()).toBe('Gemeenten — nog te doen');
    await page.getByRole('link', { name: 'Verder met: Gemeenten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stap 2 van 7: Gemeenten' }).waitFor();
    await page.context().close();
  });

  it('is not there for an intern begeleider', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    await page.goto(`${env.baseUrl}/beheer/inrichting`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'Inrichting regio' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inrichting regio' }).count()).toBe(0);
    await page.context().close();
  });
});
