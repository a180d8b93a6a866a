/**
 * Absence benchmark (issue 4): a synthetic large region with a school year of absence.
 *
 *   npm run bench:absence                          # on embedded PGlite
 *   DATABASE_URL=postgres://… npm run bench:absence  # on PostgreSQL (a fresh database, dropped again)
 *
 * BENCH_PUPILS sets the region size (default 60000), BENCH_ABSENCE_RATE the share of pupil-days
 * with an absence record (default 0.3: about 3.4 million rows for 60,000 pupils).
 *
 * Each figure is printed next to a reference measured in the same run on the same rows:
 * 1. import — every school's file through the real import (check + preview, then commit, which
 *    also evaluates the reports of the pupils it touched) — against PostgreSQL COPY of the same
 *    rows into the same table (same indexes, constraints and foreign keys), emptied afterwards.
 *    Target: ≥ 0.3× COPY's rows per second.
 * 2. full evaluation of all legal reports of the region (from an empty reports table) against one
 *    hand-written window-function query counting the pupils with 16 hours in 4 lesson weeks.
 *    Target: ≤ 2× the query.
 * 3. one new school day: its import committed (rows written, reports of the pupils with
 *    unauthorised or luxury absence that day evaluated; other absence cannot change a report), and
 *    that evaluation alone, against the full evaluation. Target: under 1 s on PostgreSQL.
 */
import { sql } from 'kysely';
import { createTestDatabase } from '../test/support/test-db.ts';
import { copyInto, line, rng, timed } from './support.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { loadConfig } from '../src/config.ts';
import { loadSession, signIn } from '../src/modules/session/session-service.ts';
import type { Actor } from '../src/kernel/policy/actor.ts';
import { addCalendarDays, calendarScopeOf, loadSchoolCalendar, type SchoolCalendar } from '../src/kernel/calendar/school-days.ts';
import { commitAbsenceImport, previewAbsenceImport } from '../src/modules/absence/absence-import.ts';
import { evaluateAbsenceReports } from '../src/modules/absence/report-evaluation.ts';
import { lessonWeekIndex } from '../src/modules/absence/absence-rules.ts';

const PUPILS = Number(process.env.BENCH_PUPILS ?? 60000);
const RATE = Number(process.env.BENCH_ABSENCE_RATE ?? 0.3);
// The school year 2026-2027 up to its last weeks, so a whole year of school days lies behind "today".
const TODAY = process.env.SAMENSPEL_TODAY ?? '2027-07-02';
process.env.SAMENSPEL_TODAY = TODAY;
const YEAR_START = '2026-08-01';

const REASONS = [['ziek', 'ill', 0.45], ['te-laat', 'late', 0.24], ['geoorloofd', 'authorised', 0.12], ['ongeoorloofd', 'unauthorised', 0.13], ['overig', 'other', 0.058], ['luxeverzuim', 'luxury', 0.002]] as const;


const database = await createTestDatabase();
try {
  const t0 = Date.now();
  const seeded = await seedDemo(database, { children: PUPILS, today: TODAY, absence: false });
  const regionId = seeded.regionId;
  console.log(`engine ${database.engine}; ${seeded.counts.children} pupils at ${seeded.counts.schools} school locations seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; today ${TODAY}\n`);

  // Care coordinators of every school location (the import is theirs).
  const config = { ...loadConfig(), demo: true };
  const { token } = await signIn(database, config, { username: 'ib', password: 'demo', ip: '127.0.0.1' });
  const ib = (await loadSession(database, config, token, '127.0.0.1'))!.actor;
  const schools = await database.db.selectFrom('organisations').select(['id', 'name']).where('region_id', '=', regionId).where('kind', '=', 'school_location').orderBy('name').execute();
  const actorFor = (orgId: string, name: string): Actor => ({ ...ib, membership: { ...ib.membership!, organisationId: orgId, organisationName: name, role: 'care_coordinator' } });

  // ---- generate a school year of absence per school, on its school days while enrolled
  const calendars = new Map<string, SchoolCalendar>();
  for (const s of schools) calendars.set(s.id, await loadSchoolCalendar(database.db, await calendarScopeOf(database.db, s.id), YEAR_START, addCalendarDays(TODAY, 14)));
  const enrolments = await database.db.selectFrom('enrolments').select(['child_id', 'organisation_id', 'start_date', 'end_date']).where('end_date', 'is', null).execute();
  const random = rng(4);
  const files = new Map<string, string[]>(); // per school: CSV lines of the generic import format
  const copyLines: string[] = [];
  let lastDay = '';
  const nextDay = new Map<string, string>();
  for (const s of schools) {
    const cal = calendars.get(s.id)!;
    const days: string[] = [];
    for (let d = YEAR_START; d < TODAY; d = addCalendarDays(d, 1)) if (cal.isSchoolDay(d)) days.push(d);
    if (days.length && days[days.length - 1] > lastDay) lastDay = days[days.length - 1];
    nextDay.set(s.id, cal.addSchoolDays(addCalendarDays(TODAY, -1), 1));
    files.set(s.id, ['leerling;datum;uren;reden']);
  }
  for (const e of enrolments) {
    const lines = files.get(e.organisation_id);
    if (!lines) continue;
    const cal = calendars.get(e.organisation_id)!;
    const truant = random() < 0.04;
    for (let d = e.start_date > YEAR_START ? e.start_date : YEAR_START; d < TODAY; d = addCalendarDays(d, 1)) {
      if (!cal.isSchoolDay(d)) continue;
      if (random() >= RATE) continue;
      let pick = random();
      let reason: (typeof REASONS)[number] = REASONS[0];
      for (const r of REASONS) {
        if (pick < r[2]) {
          reason = r;
          break;
        }
        pick -= r[2];
      }
      if (truant && random() < 0.5) reason = REASONS[3];
      const hours = reason[1] === 'late' ? 0.5 : 1 + Math.floor(random() * 6);
      lines.push(`${e.child_id};${d};${String(hours).replace('.', ',')};${reason[0]}`);
      copyLines.push(`${regionId},${e.child_id},${e.organisation_id},${d},${hours},${reason[1]},import`);
    }
  }
  const totalRows = copyLines.length;
  const mb = [...files.values()].reduce((n, l) => n + l.reduce((m, x) => m + x.length + 1, 0), 0) / 1e6;
  console.log(`${totalRows.toLocaleString('en')} absence rows for school year 2026-2027 (${mb.toFixed(0)} MB of CSV in ${schools.length * 2} files: per school, per half year)\n`);

  // ---- 1. import vs COPY
  // COPY into the real table (same indexes, constraints and foreign keys), then empty it again.
  const copy = await timed(() => copyInto(database, 'absence_records', ['region_id', 'child_id', 'organisation_id', 'day', 'hours', 'reason', 'source'], copyLines));
  copyLines.length = 0;
  await database.exec('truncate absence_records');
  const imported = await timed(async () => {
    let reports = 0;
    for (const s of schools) {
      // One file per half year, as a large school would (an import takes at most 500,000 rows).
      const [header, ...lines] = files.get(s.id)!;
      for (const half of [lines.filter((l) => l.split(';')[1] < '2027-02-01'), lines.filter((l) => l.split(';')[1] >= '2027-02-01')]) {
        const content = Buffer.from([header, ...half].join('\n') + '\n');
        const actor = actorFor(s.id, s.name);
        const preview = await previewAbsenceImport(database, actor, { schoolLocationId: s.id, fileName: 'verzuim.csv', content });
        if (preview.errors.length) throw new Error(`import of ${s.name}: ${preview.errors.length} errors, first ${JSON.stringify(preview.errors[0])}`);
        reports += (await commitAbsenceImport(database, actor, preview.id)).newReports;
      }
    }
    return reports;
  });
  files.clear();
  const copyRate = totalRows / (copy.ms / 1000);
  const importRate = totalRows / (imported.ms / 1000);
  console.log('1. import');
  line('PostgreSQL COPY of the same rows (reference)', copy.ms, `   ${Math.round(copyRate).toLocaleString('en').padStart(10)} rows/s`);
  line(`import: check, preview, commit, reports (${imported.value} found)`, imported.ms, `   ${Math.round(importRate).toLocaleString('en').padStart(10)} rows/s   ratio ${(importRate / copyRate).toFixed(2)}× COPY (target ≥ 0.30×)`);

  // ---- 2. full evaluation vs a hand-written window-function query
  await database.exec('create table bench_lesson_weeks (organisation_id uuid, monday date, idx int, primary key (organisation_id, monday))');
  const weekRows: string[] = [];
  for (const [orgId, cal] of calendars) for (const [monday, idx] of lessonWeekIndex(cal, YEAR_START, TODAY)) weekRows.push(`${orgId},${monday},${idx}`);
  await copyInto(database, 'bench_lesson_weeks', ['organisation_id', 'monday', 'idx'], weekRows);
  await database.exec('analyze');
  const query = sql<{ n: number }>`
    with per_week as (
      select a.child_id, a.organisation_id, w.idx, sum(a.hours) as h
      from absence_records a
      join bench_lesson_weeks w on w.organisation_id = a.organisation_id and w.monday = date_trunc('week', a.day)::date
      where a.reason = 'unauthorised'
      group by a.child_id, a.organisation_id, w.idx
    ), rolling as (
      select child_id, organisation_id, sum(h) over (partition by child_id, organisation_id order by idx range between 3 preceding and current row) as s
      from per_week
    )
    select count(*)::int as n from (select distinct child_id, organisation_id from rolling where s >= 16) x`;
  const ref = await timed(() => query.execute(database.db));
  await database.exec('truncate absence_report_followups, absence_report_events, absence_reports cascade');
  const full = await timed(() => database.db.transaction().execute((tx) => evaluateAbsenceReports(tx, { regionId }, TODAY)));
  const pupilsWithReport = Number((await sql<{ n: number }>`select count(distinct (child_id, organisation_id))::int as n from absence_reports where type = '16-uur'`.execute(database.db)).rows[0].n);
  console.log('\n2. evaluating all legal reports');
  line(`hand-written window query (reference): ${ref.value.rows[0].n} pupils with 16 h in 4 weeks`, ref.ms);
  line(`full evaluation: ${full.value.found} reports (${pupilsWithReport} pupils with a 16-uur report)`, full.ms, `   ratio ${(full.ms / ref.ms).toFixed(2)}× (target ≤ 2×)`);

  // ---- 3. one new school day
  const dayRows: { school: string; line: string; child: string }[] = [];
  for (const e of enrolments) {
    const day = nextDay.get(e.organisation_id);
    if (!day || random() >= RATE) continue;
    dayRows.push({ school: e.organisation_id, child: e.child_id, line: `${e.child_id};${day};${random() < 0.3 ? 6 : 2};${random() < 0.3 ? 'ongeoorloofd' : 'ziek'}` });
  }
  // The day's files are checked first (the preview), then committed: writing the rows and
  // evaluating the pupils with unauthorised or luxury absence that day, as every import does.
  const previews: { id: string; actor: Actor }[] = [];
  for (const s of schools) {
    const rows = dayRows.filter((r) => r.school === s.id);
    if (!rows.length) continue;
    const actor = actorFor(s.id, s.name);
    const content = Buffer.from(['leerling;datum;uren;reden', ...rows.map((r) => r.line)].join('\n') + '\n');
    const preview = await previewAbsenceImport(database, actor, { schoolLocationId: s.id, fileName: 'dag.csv', content });
    if (preview.errors.length) throw new Error(`day import: ${JSON.stringify(preview.errors[0])}`);
    previews.push({ id: preview.id, actor });
  }
  const dayCommit = await timed(async () => {
    let found = 0;
    for (const p of previews) found += (await commitAbsenceImport(database, p.actor, p.id)).newReports;
    return found;
  });
  const ruleInput = [...new Set(dayRows.filter((r) => r.line.endsWith(';ongeoorloofd')).map((r) => r.child))];
  const increment = await timed(() => database.db.transaction().execute((tx) => evaluateAbsenceReports(tx, { regionId, childIds: ruleInput }, TODAY)));
  console.log('\n3. one new school day');
  line(`commit of the day (${dayRows.length} rows at ${previews.length} schools, ${dayCommit.value} new reports)`, dayCommit.ms);
  line(`evaluation of the ${ruleInput.length} pupils with unauthorised absence that day`, increment.ms, `   ratio ${(increment.ms / full.ms).toFixed(3)}× full evaluation (target < 1 s on PostgreSQL)`);
} finally {
  await database.close();
}
