import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * Results that can be trusted (issue 12): on the plan page a GAS evaluation without a score is
 * refused at the radio group (nothing stored as "0"), and a mistaken evaluation is corrected with a
 * reason; the plan shows the corrected score as "gecorrigeerd" and the history keeps both. The
 * Dutch interface says "doelrealisatie (GAS-score)", never "Goal Attainment Scaling".
 */

let env: BrowserEnv;
let planId: string;
beforeAll(async () => {
  env = await startBrowserEnv();
  // The demo case of the intern begeleider's school, with its plan and rated goals.
  const row = await env.database.db
    .selectFrom('plans as p')
    .innerJoin('cases as k', 'k.id', 'p.case_id')
    .where('k.organisation_id', '=', env.demo.accounts.ib.organisationId!)
    .select('p.id')
    .executeTakeFirstOrThrow();
  planId = row.id;
});
afterAll(async () => env?.close());

const GOAL = 'Blijven in de klas als het moeilijk wordt';
const noWiderThan = async (page: Page, width: number) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

describe('GAS on the plan page', () => {
  for (const width of [1366, 390]) {
    it(`at ${width} px: no score is an error at the field; a correction with a reason shows "gecorrigeerd" and keeps the history`, async () => {
      const page = await newPage(env.browser, { width, height: 900 });
      await signInAs(page, env.baseUrl, 'ib');
      await page.goto(`${env.baseUrl}/plannen/${planId}`);
      const goal = page.getByRole('article', { name: GOAL });
      await goal.waitFor();
      expect(await page.getByText(/Goal Attainment/).count()).toBe(0);

      // Save without choosing a score: the server's field error stands at the radio group; nothing is added.
      const rows = goal.getByRole('table', { name: /doelrealisatie \(GAS-score\)/ }).locator('tbody tr');
      const before = await rows.count();
      await goal.getByText('Evaluatie toevoegen: doelrealisatie (GAS-score)').click();
      await goal.getByText(/Kies zelf een score; er is geen standaardwaarde/).waitFor();
      await goal.getByRole('button', { name: 'Evaluatie opslaan' }).click();
      await goal.getByText('Kies een score: hoe gaat het met dit doel?').first().waitFor();
      expect(await rows.count()).toBe(before);
      await expectAccessible(page, `evaluation without a score at ${width}`);
      await noWiderThan(page, width);

      // Correct the latest evaluation: first without a reason, then with one.
      await goal.getByText('Evaluatie corrigeren', { exact: true }).click();
      const form = goal.locator('details').filter({ hasText: 'Evaluatie corrigeren' });
      const which = form.getByLabel('Welke evaluatie corrigeert u?');
      const chosen = await which.locator('option:checked').innerText();
      await form.getByRole('group', { name: 'Wat is de juiste score?' }).getByRole('radio', { name: '+2 veel beter dan verwacht' }).check();
      await form.getByRole('button', { name: 'Correctie opslaan' }).click();
      await form.getByText('Schrijf waarom de evaluatie wordt gecorrigeerd.').first().waitFor();
      await expectAccessible(page, `correction without a reason at ${width}`);
      const reason = `Verkeerde score aangeklikt (${width}).`;
      await form.getByLabel(/Reden van de correctie/).fill(reason);
      await form.getByRole('button', { name: 'Correctie opslaan' }).click();
      await page.getByRole('status').getByText('De correctie is opgeslagen: +2 (veel beter dan verwacht).').waitFor();

      // The latest score is the corrected one, said so; the history keeps the original, marked as replaced.
      const latest = goal.locator('.samenspel-latest-score');
      await latest.getByText('gecorrigeerd', { exact: true }).waitFor();
      expect(await latest.innerText()).toBe('+2 (veel beter dan verwacht) gecorrigeerd');
      await rows.nth(before).waitFor();
      expect(await rows.count()).toBe(before + 1);
      await goal.getByRole('row').filter({ hasText: `Correctie. Reden: ${reason}` }).waitFor();
      await goal.getByRole('row').filter({ hasText: 'vervangen door een correctie' }).first().waitFor();
      expect(chosen).toMatch(/^\d/);
      await expectAccessible(page, `plan with a corrected evaluation at ${width}`);
      await noWiderThan(page, width);
      await page.context().close();
    });
  }
});
