/**
 * Takes the screenshots in docs/screenshots/ from a running demo: `npm run screenshots`.
 * Uses the same server and Chromium set-up as the browser tests.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { newPage, signInAs, startBrowserEnv } from '../test/browser/support.ts';
import { loadConfig } from '../src/config.ts';
import { loadSession, signIn } from '../src/modules/session/session-service.ts';
import { commitPupilImport, previewPupilImport } from '../src/modules/pupils/pupil-import.ts';
import { today } from '../src/kernel/time.ts';
import { addCalendarDays } from '../src/kernel/calendar/school-days.ts';
import { refreshAllRegions } from '../src/modules/monitor/index.ts';

const out = 'docs/screenshots';
fs.mkdirSync(out, { recursive: true });
const env = await startBrowserEnv(400);
try {
  const shot = async (name: string, username: string | null, path: string, opts: { width?: number; height?: number; fullPage?: boolean } = {}) => {
    const page = await newPage(env.browser, opts);
    if (username) await signInAs(page, env.baseUrl, username);
    await page.goto(env.baseUrl + path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: opts.fullPage ?? (!opts.width || opts.width > 600) });
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
  // The parent's child at another school: the plan and the consent, on a phone.
  const withCase = await env.database.db
    .selectFrom('cases')
    .innerJoin('child_guardians as cg', 'cg.child_id', 'cases.child_id')
    .where('cg.guardian_id', '=', env.demo.accounts.ouder.guardianId!)
    .select('cases.child_id')
    .executeTakeFirstOrThrow();
  await shot('family-consents-phone', 'ouder', `/kinderen/${withCase.child_id}`, { width: 390, height: 844, fullPage: true });
  await shot('access-log', 'privacy', '/toegangslog');
  await shot('organisations', 'beheer', '/beheer/organisaties');
  await shot('signal-queue', 'ib', '/signalen');
  const safety = await env.database.db.selectFrom('signals').select('id').where('category', '=', 'safety').executeTakeFirstOrThrow();
  await shot('signal-safety', 'ib', `/signalen/${safety.id}`);
  // "Doorverwijzen" from a signal (docs/requests.md): a new signal of the IB's school whose child has no case yet, on a phone.
  const toRefer = await env.database.db
    .selectFrom('signals as s')
    .leftJoin('cases as k', 'k.child_id', 's.child_id')
    .where('s.status', '=', 'new')
    .where('s.category', '!=', 'safety')
    .where('s.organisation_id', '=', env.demo.accounts.ib.organisationId!)
    .where('k.id', 'is', null)
    .select('s.id')
    .executeTakeFirstOrThrow();
  await shot('refer-signal-phone', 'ib', `/signalen/${toRefer.id}/doorverwijzen`, { width: 390, height: 844, fullPage: true });
  const demoCase = await env.database.db
    .selectFrom('cases')
    .innerJoin('plans', 'plans.case_id', 'cases.id')
    .where('cases.opened_from_signal_id', 'is not', null)
    .select(['cases.id', 'plans.id as plan_id'])
    .executeTakeFirstOrThrow();
  await shot('case', 'ib', `/casussen/${demoCase.id}`);
  await shot('case-limited-wijkteam', 'wijkteam', `/casussen/${demoCase.id}`);
  await shot('plan', 'jeugdhulp', `/plannen/${demoCase.plan_id}`);
  await shot('home-youth-care-phone', 'jeugdhulp', '/', { width: 390, height: 844 });
  // Requests between organisations (docs/requests.md): the parents also consent to the wijkteam, the IB
  // refers the demo case to it; the school's list of requests, and the referral as the worker reads it on a phone.
  {
    const db = env.database.db;
    const k = await db.selectFrom('cases').select(['id', 'child_id', 'region_id']).where('title', '=', 'Boosheid in de klas en onrust thuis').executeTakeFirstOrThrow();
    const guardian = await db.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', k.child_id).where('has_authority', '=', true).orderBy('guardian_id').executeTakeFirstOrThrow();
    const day = today();
    const consent = await db
      .insertInto('consents')
      .values({
        region_id: k.region_id,
        child_id: k.child_id,
        case_id: k.id,
        purpose: 'Het wijkteam ondersteunt thuis; afstemmen met de school.',
        data_kinds: ['identity', 'school'],
        method: 'written',
        given_on: addCalendarDays(day, -1),
        valid_until: addCalendarDays(day, 365),
        age_rule: 'guardians',
        recorded_by_person_id: env.demo.accounts.ib.personId!,
        recorded_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('consent_recipients').values({ consent_id: consent.id, organisation_id: env.demo.accounts.wijkteam.organisationId! }).execute();
    await db.insertInto('consent_givers').values({ consent_id: consent.id, guardian_id: guardian.guardian_id, child_self: false }).execute();
    // Sent through the API as the IB would from the case page.
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    const { csrfToken } = (await (await page.request.get(`${env.baseUrl}/api/v1/session`)).json()) as { csrfToken: string };
    const sent = await page.request.post(`${env.baseUrl}/api/v1/cases/${k.id}/requests`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        kind: 'toegang',
        toOrganisationId: env.demo.accounts.wijkteam.organisationId!,
        question: 'Kan het wijkteam moeder thuis ondersteunen bij de ochtenden en de boosheid?',
        tried: 'Gesprekken met moeder op school; een time-out kaart in de klas.',
        urgency: 'normal',
        goal: 'Rustig op school beginnen: elke ochtend op tijd en zonder ruzie in de klas.',
        dataKinds: ['identity', 'school'],
      },
    });
    if (!sent.ok()) throw new Error(`request screenshot: ${sent.status()} ${await sent.text()}`);
    const { id } = (await sent.json()) as { id: string };
    await page.context().close();
    await shot('requests-list', 'ib', '/verzoeken', { width: 1366, height: 900 });
    await shot('request-phone', 'wijkteam', `/verzoeken/${id}`, { width: 390, height: 844, fullPage: true });
  }
  // The teacher's observation (docs/requests.md): the youth care worker reports back on the demo case's request
  // through the API, which asks the teacher on the team; she opens the ask on a phone. And a professional's notification settings.
  {
    const db = env.database.db;
    const rq = await db.selectFrom('requests').select('id').where('kind', '=', 'provider').where('status', '=', 'help_started').where('to_organisation_id', '=', env.demo.accounts.jeugdhulp.organisationId!).executeTakeFirstOrThrow();
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'jeugdhulp');
    const { csrfToken } = (await (await page.request.get(`${env.baseUrl}/api/v1/session`)).json()) as { csrfToken: string };
    const { version } = (await (await page.request.get(`${env.baseUrl}/api/v1/requests/${rq.id}`)).json()) as { version: number };
    const reported = await page.request.post(`${env.baseUrl}/api/v1/requests/${rq.id}/steps`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { action: 'report_back', version, progress: 'going_well', text: 'Vier gesprekken gehad; de avonden zijn rustiger. Tip voor de klas: geef hem bij binnenkomst een vaste taak.' },
    });
    if (!reported.ok()) throw new Error(`observation screenshot: ${reported.status()} ${await reported.text()}`);
    await page.context().close();
    const ask = await db.selectFrom('request_observations').select('id').where('request_id', '=', rq.id).where('person_id', '=', env.demo.accounts.leerkracht.personId!).executeTakeFirstOrThrow();
    await shot('observation-phone', 'leerkracht', `/observaties/${ask.id}`, { width: 390, height: 844, fullPage: true });
    await shot('notification-settings-phone', 'wijkteam', '/instellingen/meldingen', { width: 390, height: 844, fullPage: true });
  }
  // Each professional's home page is her worklist (docs/requests.md "De werklijst"); the region's escalation table.
  await shot('worklist-ib', 'ib', '/');
  await shot('worklist-teacher-phone', 'leerkracht', '/', { width: 390, height: 844, fullPage: true });
  await shot('request-escalation', 'beleid', '/verzoeken/escalatie');
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

  // Onboarding (docs/onboarding.md): the set-up wizard, the staff import, the pupil import with an error, leavers.
  await shot('setup-overview', 'beheer', '/beheer/inrichting');
  {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'beheer');
    await page.goto(env.baseUrl + '/beheer/inrichting/gemeenten');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByLabel('Zoek een gemeente').fill('Hout');
    await page.getByRole('button', { name: 'Voeg Houten toe' }).waitFor();
    await page.screenshot({ path: `${out}/setup-gemeenten.png`, fullPage: true });
    console.log(`${out}/setup-gemeenten.png`);
    await page.context().close();
  }
  await shot('setup-settings', 'beheer', '/beheer/inrichting/instellingen');
  {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'beheer');
    await page.goto(env.baseUrl + '/beheer/medewerkers/importeren');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const school = (await page.getByLabel('Organisatie').locator('option').allTextContents()).find((o) => o.includes('Schoolvestiging'))!;
    await page.getByLabel('Organisatie').selectOption({ label: school });
    const staff = 'voornaam;tussenvoegsel;achternaam;e-mail;rollen;lesgroepen;mentorgroepen\nFemke;van der;Linden;f.vanderlinden@voorbeeldschool.nl;leerkracht;5A;5A\nOmar;;Haddou;o.haddou@voorbeeldschool.nl;leerkracht, intern begeleider;6B;\nIris;de;Jong;i.dejong@voorbeeldschool;leerkracht;7A;\n';
    await page.getByLabel(/^Bestand met medewerkers/).setInputFiles({ name: 'medewerkers.csv', mimeType: 'text/csv', buffer: Buffer.from(staff) });
    await page.getByRole('button', { name: 'Bestand controleren' }).click();
    await page.getByRole('table').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}/staff-import.png`, fullPage: true });
    console.log(`${out}/staff-import.png`);
    // The fixed file is saved: the new staff get their invitations (shown on the outbox page in the demo).
    await page.getByLabel(/^Bestand met medewerkers/).setInputFiles({ name: 'medewerkers.csv', mimeType: 'text/csv', buffer: Buffer.from(staff.replace('@voorbeeldschool;', '@voorbeeldschool.nl;')) });
    await page.getByRole('button', { name: 'Bestand controleren' }).click();
    await page.getByRole('button', { name: 'Alles opslaan' }).click();
    await page.getByText(/Opgeslagen: 3 nieuw/).first().waitFor();
    await page.context().close();
  }
  {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    await page.goto(env.baseUrl + '/leerlingen/importeren');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const bad = 'leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;postcode;gemeente;groep\n000901;Yara;;de Groot;01-05-2016;3701 AB;;5A\n000902;Luuk;van;Dijk;31-02-2016;;Zeist;5A\n';
    await page.getByLabel('Bestand uit de leerlingadministratie (CSV of Excel)').setInputFiles({ name: 'leerlingen.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('table', { name: /Fouten per regel/ }).waitFor();
    await page.screenshot({ path: `${out}/pupil-import-errors.png`, fullPage: true });
    console.log(`${out}/pupil-import-errors.png`);
    await page.context().close();
  }
  {
    // A full export of the school without three of its pupils: they become probable leavers.
    const config = { ...loadConfig(), demo: true };
    const { token } = await signIn(env.database, config, { username: 'ib', password: 'demo', ip: '127.0.0.1' });
    const ib = (await loadSession(env.database, config, token, '127.0.0.1'))!.actor;
    const school = ib.membership!.organisationId;
    const pupils = (
      await sql<{ n: string; g: string; f: string; b: string }>`
        select e.pupil_number as n, c.given_name as g, c.family_name as f, to_char(c.birth_date, 'YYYY-MM-DD') as b
        from enrolments e join children c on c.id = e.child_id
        where e.organisation_id = ${school} and e.end_date is null and e.pupil_number is not null order by e.pupil_number`.execute(env.database.db)
    ).rows;
    const csv = ['leerlingnummer;voornaam;achternaam;geboortedatum', ...pupils.slice(0, -3).map((p) => `${p.n};${p.g};${p.f};${p.b}`)].join('\n') + '\n';
    const preview = await previewPupilImport(env.database, ib, { schoolLocationId: school, fileName: 'leerlingen.csv', content: Buffer.from(csv), fullExport: true });
    if (preview.errors.length) throw new Error(`leavers screenshot: ${JSON.stringify(preview.errors[0])}`);
    await commitPupilImport(env.database, ib, preview.id);
  }
  await shot('pupil-leavers', 'ib', '/leerlingen/vertrekkers');
  await shot('outbox', 'beheer', '/beheer/uitgaande-mail');

  // Issue 10: roles that see children's data, waiting for a second administrator; a case whose
  // case manager left the school.
  {
    const db = env.database.db;
    const hash = (await import('../src/modules/session/session-service.ts')).hashPassword;
    const person = async (given: string, family: string, org: string | null, role: string | null, username?: string) => {
      const p = await db.insertInto('people').values({ region_id: env.demo.regionId, given_name: given, family_name: family }).returning('id').executeTakeFirstOrThrow();
      const m = org && role ? await db.insertInto('memberships').values({ person_id: p.id, organisation_id: org, role }).returning('id').executeTakeFirstOrThrow() : null;
      if (username) await db.insertInto('accounts').values({ region_id: env.demo.regionId, username, password_hash: await hash('demo'), kind: 'professional', person_id: p.id }).execute();
      return { id: p.id, membershipId: m?.id ?? null };
    };
    await db.insertInto('region_settings').values({ region_id: env.demo.regionId, key: 'roleGrantApproval', value: JSON.stringify(1) }).execute();
    await person('Sanne', 'de Wit', env.demo.accounts.beheer.organisationId!, 'functional_admin', 'tweede-beheer');
    const school = env.demo.accounts.leerkracht.organisationId!;
    for (const [given, family, role] of [
      ['Noor', 'Bakker', 'teacher'],
      ['Daan', 'Visser', 'intern_begeleider'],
    ] as const) {
      const p = await person(given, family, null, null);
      await db
        .insertInto('role_grants')
        .values({ region_id: env.demo.regionId, person_id: p.id, organisation_id: school, role, requested_by_person_id: env.demo.accounts.beheer.personId!, approval_required: true, status: 'pending' })
        .execute();
    }
    await shot('role-grants', 'tweede-beheer', '/beheer/rollen');
    await shot('role-grants-phone', 'privacy', '/beheer/rollen', { width: 390, height: 844 });

    const k = await db.selectFrom('cases').select('id').where('organisation_id', '=', school).executeTakeFirstOrThrow();
    const leaver = await person('Vera', 'Smit', school, 'intern_begeleider');
    await db.updateTable('cases').set({ case_manager_person_id: leaver.id, case_manager_organisation_id: school }).where('id', '=', k.id).execute();
    await db.insertInto('case_members').values({ case_id: k.id, person_id: leaver.id, organisation_id: school, role: 'intern_begeleider' }).execute();
    await db.updateTable('memberships').set({ ended_at: sql`now()` }).where('id', '=', leaver.membershipId!).execute();
    await shot('case-waiting-for-case-manager', 'ib', `/casussen/${k.id}`);
  }
} finally {
  await env.close();
}

// The regional monitor (issue 14): on a demo with its 16 months of history, so that the figures show.
// The policy analyst's overview of her gemeente and one indicator per month, on a wide screen and a phone.
{
  const history = await startBrowserEnv(2200, { history: true });
  try {
    await refreshAllRegions(history.database, { full: true });
    const monitorShot = async (name: string, path: string, width: number, height: number) => {
      const page = await newPage(history.browser, { width, height });
      await signInAs(page, history.baseUrl, 'beleid');
      await page.goto(history.baseUrl + path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByText(/^Bijgewerkt op /).waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
      await page.context().close();
      console.log(`${out}/${name}.png`);
    };
    await monitorShot('monitor', '/monitor?periode=2025-2026', 1366, 900);
    await monitorShot('monitor-phone', '/monitor?periode=2025-2026', 390, 844);
    await monitorShot('monitor-signals', '/monitor/signalen?periode=2025-2026&gemeente=regio&per=maand', 1366, 900);
    await monitorShot('monitor-signals-phone', '/monitor/signalen?periode=2025-2026&gemeente=regio&per=schoolsoort', 390, 844);
  } finally {
    await history.close();
  }
}
