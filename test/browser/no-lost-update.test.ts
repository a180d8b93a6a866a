import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

/*
 * No lost update: two pages save the same record. The second was based on the version before the
 * first save: the server refuses it (409 stale_version), the screen says that someone else changed
 * it and what, keeps what the user typed, and saving again (on the new version) works.
 */

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv(80);
});
afterAll(async () => env?.close());

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const notice = (page: Page) => page.locator('.samenspel-stale-notice');
/** The keyboard is on the notice (or in it). */
const focusInNotice = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest('.samenspel-stale-notice')));

describe('two administrators change the early-warning settings at the same time', () => {
  it('the second sees what the first changed, keeps their own value, and saves again', async () => {
    const open = async () => {
      const page = await newPage(env.browser);
      await signInAs(page, env.baseUrl, 'beheer');
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzuimsignalering instellen' }).click();
      await h1(page).filter({ hasText: 'Verzuimsignalering instellen' }).waitFor();
      await page.getByLabel('Chronisch verzuim vanaf (%)').waitFor();
      return page;
    };
    const first = await open();
    const second = await open();
    expect(await second.getByLabel('Chronisch verzuim vanaf (%)').inputValue()).toBe('10');

    await first.getByLabel('Chronisch verzuim vanaf (%)').fill('9');
    await first.getByRole('button', { name: 'Opslaan' }).click();
    await first.getByRole('status').getByText(/De instellingen zijn opgeslagen/).waitFor();

    // The second page still shows 10 %; its user changes the lesson hours of primary education.
    const po = second.getByLabel('Primair onderwijs (po)');
    await po.fill('5');
    await second.getByRole('button', { name: 'Opslaan' }).click();
    const alert = notice(second).getByRole('alert');
    await alert.getByText('Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen.').waitFor();
    await alert.getByText('Chronisch verzuim vanaf (%): was 10, is nu 9.').waitFor();
    await alert.getByText(/Wat u had ingevuld, staat er nog/).waitFor();
    expect(await focusInNotice(second)).toBe(true);
    // What the user typed stays; the field they did not touch shows the other's value.
    expect(await po.inputValue()).toBe('5');
    expect(await second.getByLabel('Chronisch verzuim vanaf (%)').inputValue()).toBe('9');
    // No error summary besides the notice.
    expect(await second.getByRole('alert').count()).toBe(1);
    await expectAccessible(second, 'early-warning settings after a stale save');

    await second.getByRole('button', { name: 'Opslaan' }).click();
    await second.getByRole('status').getByText(/De instellingen zijn opgeslagen/).waitFor();
    await notice(second).waitFor({ state: 'detached' });
    const db = env.database.db;
    const thresholds = await db.selectFrom('early_warning_settings').select('chronic_threshold').where('region_id', '=', env.demo.regionId).executeTakeFirstOrThrow();
    expect(Number(thresholds.chronic_threshold)).toBe(9);
    await first.reload();
    await first.getByLabel('Primair onderwijs (po)').waitFor();
    expect(await first.getByLabel('Primair onderwijs (po)').inputValue()).toBe('5');
    expect(await first.getByLabel('Chronisch verzuim vanaf (%)').inputValue()).toBe('9');
    await first.context().close();
    await second.context().close();
  });
});

describe('two care coordinators pick up the same signal', () => {
  it('the second is told the signal was triaged meanwhile, keeps the explanation, and decides again', async () => {
    const db = env.database.db;
    const school = env.demo.accounts.ib.organisationId!;
    const signal = await db.selectFrom('signals').select('id').where('organisation_id', '=', school).where('status', '=', 'new').orderBy('raised_at', 'desc').executeTakeFirstOrThrow();
    const open = async () => {
      const page = await newPage(env.browser);
      await signInAs(page, env.baseUrl, 'ib');
      await page.goto(`${env.baseUrl}/signalen/${signal.id}`);
      await page.getByRole('heading', { level: 2, name: 'Signaal oppakken' }).waitFor();
      return page;
    };
    const first = await open();
    const second = await open();

    await first.getByRole('radio', { name: 'Blijven volgen' }).check();
    await first.getByLabel('Toelichting').fill('Eerst een paar weken kijken hoe het gaat.');
    await first.getByRole('button', { name: 'Besluit opslaan' }).click();
    await first.getByRole('status').getByText('Uw besluit is opgeslagen: Blijven volgen. De status is nu: Wordt gevolgd.').waitFor();

    const reason = 'Met de leerkracht en de ouders een plan maken in school.';
    await second.getByRole('radio', { name: 'Binnen school oppakken' }).check();
    await second.getByLabel('Toelichting').fill(reason);
    await second.getByRole('button', { name: 'Besluit opslaan' }).click();
    const alert = notice(second).getByRole('alert');
    await alert.getByText('Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen.').waitFor();
    await alert.getByText('Status: was Nieuw, is nu Wordt gevolgd.').waitFor();
    await alert.getByText('Besluit bij oppakken: was niet ingevuld, is nu Blijven volgen.').waitFor();
    expect(await focusInNotice(second)).toBe(true);
    // The page shows the signal as it is now; the explanation and the choice are kept.
    await second.getByRole('region', { name: 'Gegevens van het signaal' }).getByText('Wordt gevolgd', { exact: true }).waitFor();
    await second.getByRole('heading', { level: 2, name: 'Nieuw besluit' }).waitFor();
    expect(await second.getByLabel('Toelichting').inputValue()).toBe(reason);
    expect(await second.getByRole('radio', { name: 'Binnen school oppakken' }).isChecked()).toBe(true);
    await expectAccessible(second, 'signal page after a stale decision');

    await second.getByRole('button', { name: 'Besluit opslaan' }).click();
    await second.getByRole('status').getByText('Uw besluit is opgeslagen: Binnen school oppakken. De status is nu: Binnen school opgepakt.').waitFor();
    await notice(second).waitFor({ state: 'detached' });
    const saved = await db.selectFrom('signals').select('status').where('id', '=', signal.id).executeTakeFirstOrThrow();
    expect(saved.status).toBe('in_school');
    const events = await db.selectFrom('signal_events').select(['decision', 'reason']).where('signal_id', '=', signal.id).where('decision', 'is not', null).orderBy('id').execute();
    // Both decisions, each once: the refused save wrote nothing.
    expect(events.map((e) => e.decision)).toEqual(['keep_watching', 'handle_in_school']);
    expect(events[1].reason).toBe(reason);
    await first.context().close();
    await second.context().close();
  });
});

describe('two pages of the case owner change the same case', () => {
  it('closing the case on the older page is refused until the owner has seen the new team; the reason is kept', async () => {
    const db = env.database.db;
    const k = await db.selectFrom('cases').select('id').where('title', '=', 'Boosheid in de klas en onrust thuis').executeTakeFirstOrThrow();
    const open = async () => {
      const page = await newPage(env.browser);
      await signInAs(page, env.baseUrl, 'ib');
      await page.goto(`${env.baseUrl}/casussen/${k.id}`);
      await page.getByRole('heading', { level: 2, name: 'Casus sluiten' }).waitFor();
      return page;
    };
    const first = await open();
    const second = await open();

    // The first page takes someone off the team (DELETE with the case's version; answers 204).
    const remove = first.getByRole('button', { name: /^Uit het team halen/ }).first();
    const removed = ((await remove.innerText()).split(':')[1] ?? '').trim();
    await remove.click();
    await first.getByRole('status').getByText(`${removed} is uit het team gehaald.`).waitFor();

    const reason = 'De hulp is afgerond; het gaat goed op school en thuis.';
    await second.getByLabel('Waarom sluit de casus?').fill(reason);
    await second.getByRole('button', { name: 'Casus sluiten' }).click();
    const alert = notice(second).getByRole('alert');
    await alert.getByText('Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen.').waitFor();
    await alert.getByText(/^Team: (was .*, is nu .*|dit is veranderd)\.$/).waitFor();
    await alert.getByText(/Wat u had ingevuld, staat er nog/).waitFor();
    expect(await focusInNotice(second)).toBe(true);
    // The team as it is now, and the reason still in its field; the case is still open.
    await second.getByRole('heading', { level: 2, name: 'Team' }).waitFor();
    expect(await second.getByRole('button', { name: `Uit het team halen: ${removed}` }).count()).toBe(0);
    expect(await second.getByLabel('Waarom sluit de casus?').inputValue()).toBe(reason);
    expect((await db.selectFrom('cases').select('status').where('id', '=', k.id).executeTakeFirstOrThrow()).status).toBe('open');
    await expectAccessible(second, 'case page after a stale close');

    await second.getByRole('button', { name: 'Casus sluiten' }).click();
    await second.getByRole('status').getByText('De casus is gesloten.').waitFor();
    await notice(second).waitFor({ state: 'detached' });
    expect((await db.selectFrom('cases').select('status').where('id', '=', k.id).executeTakeFirstOrThrow()).status).toBe('closed');
    await first.context().close();
    await second.context().close();
  });
});
