import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * Satisfaction after a plan evaluation (issue 14, docs/monitor-satisfaction.md): the demo parent
 * (`ouder`), whose child's plan was evaluated five days ago, finds the question on her home page,
 * opens it, is told what is missing when she sends nothing, and answers with a score and a few
 * words — on a phone (390 px). The plan is evaluated again; on a wide screen (1366 px) she says
 * "liever niet". Axe on every state; the page never becomes wider than the screen.
 */
let env: BrowserEnv;

beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => env?.close());

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const notWider = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
const QUESTION = 'Hoe tevreden bent u over de hulp en het plan?';
const answers = () => env.database.db.selectFrom('survey_answers').select(['kind', 'score', 'open_answer']).where('region_id', '=', env.demo.regionId).execute();

/** The demo parent's child whose plan was evaluated, and that case. */
async function evaluatedCase() {
  return env.database.db
    .selectFrom('case_events as e')
    .innerJoin('cases as k', 'k.id', 'e.case_id')
    .innerJoin('child_guardians as cg', 'cg.child_id', 'k.child_id')
    .innerJoin('children as c', 'c.id', 'k.child_id')
    .select(['k.id', 'k.case_manager_person_id', 'k.case_manager_organisation_id', 'c.given_name'])
    .where('cg.guardian_id', '=', env.demo.accounts.ouder.guardianId!)
    .where('e.event', '=', 'plan_evaluated')
    .executeTakeFirstOrThrow();
}

/** From the home page's card to the question's own page. */
async function openFromHome(page: Page, name: string) {
  const card = page.getByRole('region', { name: 'Uw mening telt' });
  await card.waitFor();
  await card.getByText(`Het plan van ${name} is op`, { exact: false }).waitFor();
  await card.getByRole('link', { name: `Vraag over het plan van ${name} beantwoorden` }).click();
  await page.waitForURL(/\/tevredenheid\/evaluation-\d+$/);
  await h1(page).filter({ hasText: 'Hoe tevreden bent u?' }).waitFor();
  return page.getByRole('group', { name: QUESTION });
}

describe('a parent says how satisfied she is after the plan was evaluated', () => {
  it('on a phone: from the home page to the question, an error when no score is chosen, then a score and a few words', async () => {
    const { given_name: name } = await evaluatedCase();
    const page = await newPage(env.browser, { width: 390, height: 844 });
    await signInAs(page, env.baseUrl, 'ouder');
    await page.getByRole('region', { name: 'Uw mening telt' }).waitFor();
    await expectAccessible(page, 'ouder: home page with the question at 390 px');
    expect(await notWider(page)).toBe(true);

    const scale = await openFromHome(page, name);
    expect(await scale.getByRole('radio').count()).toBe(10);
    // What it is about, and what happens with the answer, in words.
    await page.getByText('Uw antwoord is anoniem.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'Wat gebeurt er met het antwoord?' }).waitFor();
    // On a phone the ten choices wrap onto more than one line, without widening the page.
    const tops = await scale.getByRole('radio').evaluateAll((rs) => rs.map((r) => Math.round(r.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBeGreaterThan(1);
    await expectAccessible(page, 'ouder: the question at 390 px');
    expect(await notWider(page)).toBe(true);

    // Sent without a score: the field says what to do, the keyboard lands on it, nothing is kept.
    const before = (await answers()).length;
    await page.getByRole('button', { name: 'Antwoord versturen' }).click();
    await scale.getByText('Kies een cijfer, of kies "liever niet".').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    await expectAccessible(page, 'ouder: the question with an error at 390 px');
    expect((await answers()).length).toBe(before);

    await scale.getByRole('radio', { name: '8', exact: true }).check();
    await page.getByLabel('Wat kan beter? Wat ging goed?', { exact: false }).fill('De mentor belde elke week. Dat hielp.');
    await page.getByRole('button', { name: 'Antwoord versturen' }).click();
    await h1(page).filter({ hasText: 'Dank u wel' }).waitFor();
    await page.getByRole('status').getByText('Uw antwoord is anoniem bewaard.', { exact: false }).waitFor();
    await expectAccessible(page, 'ouder: thanked at 390 px');
    expect(await answers()).toEqual(expect.arrayContaining([{ kind: 'family', score: 8, open_answer: 'De mentor belde elke week. Dat hielp.' }]));

    // Back home: nothing more to answer.
    await page.getByRole('link', { name: 'Terug naar de startpagina' }).click();
    await h1(page).waitFor();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    expect(await page.getByRole('region', { name: 'Uw mening telt' }).count()).toBe(0);
    await page.context().close();
  });

  it('on a wide screen, after the plan was evaluated again: the choices side by side, and "liever niet"', async () => {
    const k = await evaluatedCase();
    await env.database.db
      .insertInto('case_events')
      .values({ case_id: k.id, person_id: k.case_manager_person_id, organisation_id: k.case_manager_organisation_id, event: 'plan_evaluated', detail: JSON.stringify({ nextEvaluationOn: '2099-01-01' }) })
      .execute();
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await signInAs(page, env.baseUrl, 'ouder');
    const scale = await openFromHome(page, k.given_name);
    const tops = await scale.getByRole('radio').evaluateAll((rs) => rs.map((r) => Math.round(r.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await expectAccessible(page, 'ouder: the question at 1366 px');
    expect(await notWider(page)).toBe(true);

    const before = await answers();
    await page.getByRole('button', { name: 'Liever niet' }).click();
    await h1(page).filter({ hasText: 'Dank u wel' }).waitFor();
    await page.getByRole('status').getByText('We stellen u deze vraag nu niet meer.').waitFor();
    await expectAccessible(page, 'ouder: declined at 1366 px');
    const after = await answers();
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((a) => a.score === null)).toEqual([{ kind: 'family', score: null, open_answer: null }]);
    await page.context().close();
  });
});
