/**
 * Takes the screenshots in docs/screenshots/ from a running demo: `npm run screenshots`.
 * Uses the same server and Chromium set-up as the browser tests.
 */
import fs from 'node:fs';
import { newPage, signInAs, startBrowserEnv } from '../test/browser/support.ts';

const out = 'docs/screenshots';
fs.mkdirSync(out, { recursive: true });
const env = await startBrowserEnv(400);
try {
  const shot = async (name: string, username: string | null, path: string, opts: { width?: number; height?: number } = {}) => {
    const page = await newPage(env.browser, opts);
    if (username) await signInAs(page, env.baseUrl, username);
    await page.goto(env.baseUrl + path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: !opts.width || opts.width > 600 });
    await page.context().close();
    console.log(`${out}/${name}.png`);
  };
  await shot('sign-in', null, '/inloggen');
  await shot('children-list', 'ib', '/kinderen');
  const first = await env.database.db
    .selectFrom('child_guardians')
    .select('child_id')
    .where('guardian_id', '=', env.demo.accounts.ouder.guardianId!)
    .executeTakeFirstOrThrow();
  await shot('child-page', 'leerkracht', `/kinderen/${first.child_id}`);
  await shot('guardian-access-log-phone', 'ouder', `/kinderen/${first.child_id}/toegangslog`, { width: 390, height: 844 });
  await shot('access-log', 'privacy', '/toegangslog');
  await shot('organisations', 'beheer', '/beheer/organisaties');
  await shot('signal-queue', 'ib', '/signalen');
  const safety = await env.database.db.selectFrom('signals').select('id').where('category', '=', 'safety').executeTakeFirstOrThrow();
  await shot('signal-safety', 'ib', `/signalen/${safety.id}`);
  const demoCase = await env.database.db.selectFrom('cases').innerJoin('plans', 'plans.case_id', 'cases.id').select(['cases.id', 'plans.id as plan_id']).executeTakeFirstOrThrow();
  await shot('case', 'ib', `/casussen/${demoCase.id}`);
  await shot('case-limited-wijkteam', 'wijkteam', `/casussen/${demoCase.id}`);
  await shot('plan', 'jeugdhulp', `/plannen/${demoCase.plan_id}`);
  // Absence reports: the list of the school (of ib or zorgcoordinator) with the most reports, one report (preferably
  // one still to be made, with the decision form), the attendance officer's workspace.
  const reportsOf = (username: 'ib' | 'zorgcoordinator', open: boolean) =>
    env.database.db
      .selectFrom('absence_reports as r')
      .select('r.id')
      .where('r.organisation_id', '=', env.demo.accounts[username].organisationId!)
      .$if(open, (q) => q.where(({ not, exists, selectFrom }) => not(exists(selectFrom('absence_report_events as e').select('e.id').whereRef('e.report_id', '=', 'r.id')))))
      .orderBy('r.due_on', 'desc')
      .execute();
  const coordinator = (await reportsOf('zorgcoordinator', false)).length > (await reportsOf('ib', false)).length ? 'zorgcoordinator' : 'ib';
  await shot('absence-reports', coordinator, '/verzuim/meldingen');
  for (const [username, open] of [[coordinator, true], [coordinator === 'ib' ? 'zorgcoordinator' : 'ib', true], [coordinator, false]] as const) {
    const [report] = await reportsOf(username, open);
    if (!report) continue;
    await shot('absence-report', username, `/verzuim/meldingen/${report.id}`);
    break;
  }
  await shot('attendance-workspace', 'leerplicht', '/leerplicht/meldingen');
  await shot('early-warning', 'ib', '/verzuim/signalering');
  await shot('thuiszitters', 'leerplicht', '/thuiszitters');
  await shot('thuiszitter-counts', 'beleid', '/thuiszitters/cijfers');
  await shot('school-calendar', 'ib', '/schoolkalender');
} finally {
  await env.close();
}
