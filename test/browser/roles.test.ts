import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => env?.close());

describe('a parent on a phone', () => {
  it('sees own children and who looked at their data; no sideways scrolling; axe clean', async () => {
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'ouder');
    await page.goto(`${env.baseUrl}/kinderen`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const links = page.locator('main table tbody tr a');
    await links.first().waitFor();
    expect(await links.count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, 'guardian: my children');
    const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(scrolls).toBe(false);

    await links.first().click();
    await page.waitForURL(/\/kinderen\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, 'guardian: child page');
    await page.getByRole('link', { name: /toegang|bekeken|ingezien/i }).first().click();
    await page.waitForURL(/\/toegangslog$/);
    // A parent reads the log as short sentences (issue 12); the newest is her own look at it.
    const sentences = page.getByRole('list', { name: 'Toegang tot de gegevens, nieuwste eerst' }).getByRole('listitem');
    await sentences.first().waitFor();
    expect(await sentences.first().innerText()).toMatch(/bekeek wie de gegevens heeft ingezien op /);
    await expectAccessible(page, 'guardian: access log of own child');
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)).toBe(false);
    await page.context().close();
  });
});

describe('the family reads the plan and the consents it was promised', () => {
  it('a parent on a phone opens the child at the other school: the plan, the consent with whom it is shared; axe clean, no sideways scrolling', async () => {
    const db = env.database.db;
    const mine = await db.selectFrom('child_guardians').select('child_id').where('guardian_id', '=', env.demo.accounts.ouder.guardianId!).where('has_authority', '=', true).execute();
    const withCase = await db.selectFrom('cases').select('child_id').where('child_id', 'in', mine.map((m) => m.child_id)).executeTakeFirstOrThrow();
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'ouder');
    await page.goto(`${env.baseUrl}/kinderen/${withCase.child_id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const plans = page.getByRole('region', { name: 'Plannen' });
    await plans.getByRole('link', { name: 'Buikpijn en niet naar school willen' }).waitFor();
    const consents = page.getByRole('region', { name: 'Toestemmingen' });
    const card = consents.getByRole('article', { name: 'Samen zorgen dat uw kind weer met plezier naar school gaat.' });
    await card.waitFor();
    expect(await card.innerText()).toMatch(/Wie mag meekijken\s+Jeugdhulp De Brug/);
    expect(await card.innerText()).toMatch(/Welke gegevens\s+Identiteit, Schoolgegevens, Plan/);
    await card.getByText('Geldig', { exact: true }).waitFor();
    await expectAccessible(page, 'guardian: plan and consents on the child page');
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)).toBe(false);

    await plans.getByRole('link', { name: 'Buikpijn en niet naar school willen' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('Rustige ochtenden thuis').first().waitFor();
    await expectAccessible(page, 'guardian: the plan');
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)).toBe(false);
    await page.context().close();
  });

  it('the young person withdraws the consent she gave: asked to confirm, then told who can no longer look; axe clean', async () => {
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'jongere');
    await page.goto(`${env.baseUrl}/kinderen/${env.demo.accounts.jongere.childId}`);
    const consents = page.getByRole('region', { name: 'Toestemmingen' });
    const card = consents.getByRole('article').first();
    await card.waitFor();
    expect(await card.innerText()).toMatch(/Gegeven door\s+Het kind\/de jongere/);
    await card.getByRole('button', { name: /^Toestemming intrekken/ }).click();
    await card.getByText(/kan Jeugdhulp De Brug deze gegevens meteen niet meer zien/).waitFor();
    await card.getByLabel(/Waarom trekt u de toestemming in/).fill('Ik wil eerst zelf met mijn mentor praten.');
    await expectAccessible(page, 'youth: withdraw own consent');
    await card.getByRole('button', { name: 'Ja, toestemming intrekken' }).click();
    await consents.getByRole('status').getByText('De toestemming is ingetrokken. Jeugdhulp De Brug kan deze gegevens niet meer zien.').waitFor();
    await card.getByText('Ingetrokken', { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: /^Toestemming intrekken/ }).count()).toBe(0);
    expect(await card.innerText()).toContain('Ik wil eerst zelf met mijn mentor praten.');
    await page.context().close();
  });
});

describe('the privacy officer', () => {
  it('searches the access log and checks the chain', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'privacy');
    await page.goto(`${env.baseUrl}/toegangslog`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('main table tbody tr').first().waitFor();
    await expectAccessible(page, 'access log');
    await page.getByRole('button', { name: 'Controleer de keten' }).click();
    await page.getByRole('status').getByText(/intact|in orde|klopt/i).waitFor();
    await page.context().close();
  });
});

describe('the functional administrator', () => {
  it('adds a school: a wrong BRIN is shown at the field, fixed, then saved', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'beheer');
    await page.goto(`${env.baseUrl}/beheer/organisaties`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, 'organisations');
    const form = page.getByRole('region', { name: 'Organisatie toevoegen' });
    await form.getByLabel('Soort organisatie').selectOption('school_location');
    await form.getByLabel('Naam', { exact: true }).fill('OBS De Vlieger');
    await form.getByLabel(/^BRIN-nummer/).fill('5KO');
    await form.getByLabel(/^Vestigingsnummer/).fill('00');
    await form.getByLabel(/^Schooltype/).selectOption('po');
    await form.getByLabel(/^Gemeente/).selectOption({ label: 'Zeist' });
    await form.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    const brin = form.getByLabel(/^BRIN-nummer/);
    await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]') !== null);
    expect(await brin.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Een BRIN-nummer is 2 cijfers en 2 letters, bijvoorbeeld 05KO.').first().waitFor();
    await expectAccessible(page, 'organisations with a field error');
    await brin.fill('97VL');
    await form.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await page.getByText('OBS De Vlieger is toegevoegd.').waitFor();
    await page.locator('main table').getByText('OBS De Vlieger', { exact: true }).first().waitFor();
    await page.goto(`${env.baseUrl}/beheer/mensen`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('main table tbody tr').first().waitFor();
    await expectAccessible(page, 'people');
    await page.context().close();
  });
});

describe('keyboard and language', () => {
  it('the skip link is the first tab stop and moves focus to the content', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'leerkracht');
    await page.goto(`${env.baseUrl}/kinderen`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe('Naar de inhoud');
    await page.keyboard.press('Enter');
    const inMain = await page.evaluate(() => !!document.activeElement?.closest('main') || document.activeElement?.id === 'inhoud');
    expect(inMain).toBe(true);
    await page.context().close();
  });

  it('switches to English and back, and the page language follows', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'leerkracht');
    await page.goto(`${env.baseUrl}/kinderen`);
    await page.getByRole('heading', { level: 1, name: 'Kinderen' }).waitFor();
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Children' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page, 'children list in English');
    await page.getByRole('button', { name: /Nederlands/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Kinderen' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.context().close();
  });

  it('a teacher cannot open a child outside own group: the page says not found', async () => {
    const other = await env.database.db
      .selectFrom('children')
      .select('id')
      .where('id', 'not in', (eb) =>
        eb
          .selectFrom('enrolments as e')
          .innerJoin('group_staff as gs', 'gs.group_id', 'e.group_id')
          .where('gs.person_id', '=', env.demo.accounts.leerkracht.personId!)
          .select('e.child_id'),
      )
      .executeTakeFirstOrThrow();
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'leerkracht');
    await page.goto(`${env.baseUrl}/kinderen/${other.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText(/niet gevonden/i).first().waitFor();
    await expectAccessible(page, 'child not found');
    await page.context().close();
  });
});
