import { sql } from 'kysely';
import type { Db, Tx } from '../../kernel/db/database.ts';
import { addCalendarDays, SchoolCalendar } from '../../kernel/calendar/school-days.ts';
import { today as todayNl } from '../../kernel/time.ts';
import { regionSetting } from '../../kernel/settings/region-settings.ts';
import { legalReports, LessonCalendar, lessonWeekIndex, THRESHOLD_HOURS, type AbsenceDay, type LegalReport, type RuleOptions } from './absence-rules.ts';
import { UNAUTHORISED_REASONS, type ReportType } from '../../contracts/values/absence.ts';

/**
 * Turns the absence records into stored reports. The rules (absence-rules.ts) are pure; this
 * module feeds them one pupil-at-one-school at a time and keeps absence_reports in step:
 * - a report the rules find that is not stored yet is inserted (a fact: "due on this day");
 * - a stored rule report the rules no longer find (the absence was corrected) gets a 'withdrawn'
 *   event, unless the school already reported or dismissed it: those stay as they are;
 * - a withdrawn report that the rules find again gets a 'reopened' event.
 * Evaluation is incremental: after an import only the pupils it touched are evaluated.
 */
export interface EvaluationScope {
  regionId: string;
  organisationId?: string;
  childIds?: string[];
}

/** A report the evaluation stored just now. */
export interface NewReport {
  id: string;
  childId: string;
  type: ReportType;
  dueOn: string;
  deadline: string;
}

export interface EvaluationResult {
  pupils: number;
  found: number;
  inserted: number;
  /** The reports stored just now (for the screen that says which reports arose). */
  newReports: NewReport[];
  withdrawn: number;
  reopened: number;
}

/** The reasons the rules read: a change in other absence never changes a report. */
export const RULE_REASONS: readonly string[] = UNAUTHORISED_REASONS;

const key = (childId: string, orgId: string) => `${childId}|${orgId}`;
const reportKey = (r: { type: string; startDate: string; endDate: string }) => `${r.type}|${r.startDate}|${r.endDate}`;

/**
 * Calendars of all school locations in scope, precomputed for the period: the free periods of the
 * whole region in one query, then per school its gemeente's holiday region and its own free days.
 */
async function calendarsFor(db: Db | Tx, regionId: string, organisationId: string | undefined, from: string, to: string): Promise<Map<string, LessonCalendar>> {
  const start = addCalendarDays(from, -14);
  const end = addCalendarDays(to, 120);
  const schools = await db
    .selectFrom('organisations as o')
    .leftJoin('gemeenten as g', 'g.id', 'o.gemeente_id')
    .select(['o.id', 'g.holiday_region'])
    .where('o.region_id', '=', regionId)
    .where('o.kind', '=', 'school_location')
    .$if(!!organisationId, (q) => q.where('o.id', '=', organisationId!))
    .execute();
  const periods = await db.selectFrom('school_free_periods').select(['holiday_region', 'organisation_id', 'start_date', 'end_date', 'name']).where('start_date', '<=', end).where('end_date', '>=', start).execute();
  const out = new Map<string, LessonCalendar>();
  for (const school of schools) {
    const own = periods.filter((p) => (!p.holiday_region && !p.organisation_id) || (p.holiday_region && p.holiday_region === school.holiday_region) || p.organisation_id === school.id);
    out.set(school.id, new LessonCalendar(new SchoolCalendar(own.map((p) => ({ start: p.start_date, end: p.end_date, name: p.name }))), start, end));
  }
  return out;
}

/**
 * The rows of the pupils at a school who can have a rule report at all: 16 unauthorised hours
 * within some 4 consecutive lesson weeks (which LRV implies too), or any luxury absence. Exact, not
 * a guess: the rules find nothing for the others. One scan with window functions — the rolling sum
 * over lesson weeks is a RANGE frame over the lesson week number — so a region-wide evaluation only
 * moves the rows of these pupils out of the database, ordered per pupil.
 */
function candidateRecords(tx: Tx, regionId: string, organisationId: string | undefined, calendars: Map<string, LessonCalendar>, from: string, to: string) {
  const weeks: { o: string; m: string; i: number }[] = [];
  for (const [orgId, cal] of calendars) for (const [monday, i] of lessonWeekIndex(cal, from, to)) weeks.push({ o: orgId, m: monday, i });
  const org = organisationId ? sql`and a.organisation_id = ${organisationId}` : sql``;
  return sql<PupilRows>`
    with w as (select * from jsonb_to_recordset(${JSON.stringify(weeks)}::jsonb) as w(o uuid, m date, i int)),
    u as (
      select a.child_id, a.organisation_id, a.day, a.hours, a.reason, w.i
      from absence_records a left join w on w.o = a.organisation_id and w.m = date_trunc('week', a.day)::date
      where a.region_id = ${regionId} and a.reason in ('unauthorised', 'luxury') ${org}
    ),
    rolling as (
      select u.*, sum(case when u.reason = 'unauthorised' and u.i is not null then u.hours else 0 end)
        over (partition by u.child_id, u.organisation_id order by u.i range between 3 preceding and current row) as s
      from u
    ),
    flagged as (
      select r.*, max(r.s) over p as top, bool_or(r.reason = 'luxury') over p as lux
      from rolling r window p as (partition by r.child_id, r.organisation_id)
    )
    select child_id, organisation_id, ${PACKED} as packed
    from flagged where top >= ${THRESHOLD_HOURS} or lux
    group by child_id, organisation_id`.execute(tx);
}

/**
 * One pupil at one school with the days the rules read, packed as 'day:hours:u|l,…' (u =
 * unauthorised, l = luxury): one short text per pupil travels much lighter than a row per day.
 */
type PupilRows = { child_id: string; organisation_id: string; packed: string };
const PACKED = sql<string>`string_agg(day::text || ':' || hours::text || ':' || left(reason, 1), ',')`; // columns of absence_records, unqualified
function unpack(packed: string): AbsenceDay[] {
  return packed.split(',').map((item) => {
    const [day, hours, r] = item.split(':');
    return { day, hours: Number(hours), reason: r === 'u' ? 'unauthorised' : 'luxury' };
  });
}

/**
 * Evaluates the reports of the pupils in scope (a region, a school, or given children) and stores
 * what changed. For given children — the pupils an import or an entry touched with unauthorised or
 * luxury absence — only their rows are read.
 */
export async function evaluateAbsenceReports(tx: Tx, scope: EvaluationScope, today = todayNl()): Promise<EvaluationResult> {
  const result: EvaluationResult = { pupils: 0, found: 0, inserted: 0, newReports: [], withdrawn: 0, reopened: 0 };
  if (scope.childIds && !scope.childIds.length) return result;
  const childIds = scope.childIds ? [...new Set(scope.childIds)] : null;
  /** The scope as one SQL condition, on a table with the columns region_id, organisation_id and child_id. */
  const inScope = (alias: string) =>
    sql<boolean>`${sql.ref(`${alias}.region_id`)} = ${scope.regionId}
      ${scope.organisationId ? sql`and ${sql.ref(`${alias}.organisation_id`)} = ${scope.organisationId}` : sql``}
      ${childIds ? sql`and ${sql.ref(`${alias}.child_id`)} = any(${childIds}::uuid[])` : sql``}`;
  // Given children: their rows first, and the calendars for the period they span. A region or a
  // school: the period per school from the (organisation_id, day) index — two index probes each —
  // then one set-based query for the pupils who can have a report.
  let perPupil: PupilRows[] = [];
  let first: string = today;
  let last: string = today;
  let calendars: Map<string, LessonCalendar>;
  if (childIds) {
    perPupil = await tx
      .selectFrom('absence_records as a')
      .select(['a.child_id', 'a.organisation_id', PACKED.as('packed')])
      .where('a.reason', 'in', RULE_REASONS)
      .where(inScope('a'))
      .groupBy(['a.child_id', 'a.organisation_id'])
      .execute();
    for (const p of perPupil) {
      for (const item of p.packed.split(',')) {
        const day = item.slice(0, 10);
        if (day < first) first = day;
        if (day > last) last = day;
      }
    }
    calendars = await calendarsFor(tx, scope.regionId, scope.organisationId, first, last);
  } else {
    const range = await tx
      .selectFrom('organisations as o')
      .select([
        sql<string | null>`min((select min(a.day) from absence_records a where a.organisation_id = o.id))::text`.as('first'),
        sql<string | null>`max((select max(a.day) from absence_records a where a.organisation_id = o.id))::text`.as('last'),
      ])
      .where('o.region_id', '=', scope.regionId)
      .where('o.kind', '=', 'school_location')
      .$if(!!scope.organisationId, (q) => q.where('o.id', '=', scope.organisationId!))
      .executeTakeFirstOrThrow();
    first = range.first ?? today;
    last = range.last ?? today;
    calendars = await calendarsFor(tx, scope.regionId, scope.organisationId, first, last);
    if (range.first) perPupil = (await candidateRecords(tx, scope.regionId, scope.organisationId, calendars, first, last)).rows;
  }
  const stored = await tx
    .selectFrom('absence_reports as r')
    .select([
      'r.id',
      'r.child_id',
      'r.organisation_id',
      'r.type',
      'r.start_date',
      'r.end_date',
      sql<string | null>`(select e.kind from absence_report_events e where e.report_id = r.id order by e.id desc limit 1)`.as('last_event'),
    ])
    .where('r.origin', '=', 'rule')
    .where(inScope('r'))
    .execute();

  const days = new Map<string, AbsenceDay[]>();
  for (const p of perPupil) days.set(key(p.child_id, p.organisation_id), unpack(p.packed));
  const storedBy = new Map<string, typeof stored>();
  for (const s of stored) {
    const k = key(s.child_id, s.organisation_id);
    let list = storedBy.get(k);
    if (!list) storedBy.set(k, (list = []));
    list.push(s);
  }
  const pairs = new Set([...days.keys(), ...storedBy.keys()]);
  if (!pairs.size) return result;
  const childSet = [...new Set([...pairs].map((p) => p.split('|')[0]))];
  const pupils = new Map<string, { birthDate: string; startkwalificatieOn: string | null }>();
  for (const c of await tx.selectFrom('children').select(['id', 'birth_date', 'startkwalificatie_on']).where(sql<boolean>`id = any(${childSet}::uuid[])`).execute()) {
    pupils.set(c.id, { birthDate: c.birth_date, startkwalificatieOn: c.startkwalificatie_on });
  }

  // The region's choice about the optional 16-uur report from 18 (kernel/settings/region-settings.ts).
  const options: RuleOptions = { sixteenHoursFrom18: (await regionSetting(tx, scope.regionId, 'absenceSixteenHoursFrom18')) === 1 };
  const inserts: { child_id: string; organisation_id: string; type: LegalReport['type']; start_date: string; end_date: string; hours: number; due_on: string; deadline: string }[] = [];
  const events: { report_id: string; kind: 'withdrawn' | 'reopened'; occurred_on: string }[] = [];
  for (const pair of pairs) {
    const [childId, orgId] = pair.split('|');
    const pupil = pupils.get(childId);
    const calendar = calendars.get(orgId);
    if (!pupil || !calendar) continue;
    result.pupils++;
    const found = legalReports(days.get(pair) ?? [], calendar, pupil, options);
    result.found += found.length;
    const existing = new Map((storedBy.get(pair) ?? []).map((s) => [reportKey({ type: s.type, startDate: s.start_date, endDate: s.end_date }), s]));
    const foundKeys = new Set<string>();
    for (const r of found) {
      const k = reportKey(r);
      foundKeys.add(k);
      const s = existing.get(k);
      if (!s) inserts.push({ child_id: childId, organisation_id: orgId, type: r.type, start_date: r.startDate, end_date: r.endDate, hours: r.hours, due_on: r.dueOn, deadline: r.deadline });
      else if (s.last_event === 'withdrawn') events.push({ report_id: s.id, kind: 'reopened', occurred_on: today });
    }
    for (const [k, s] of existing) {
      if (foundKeys.has(k)) continue;
      if (s.last_event === null || s.last_event === 'reopened') events.push({ report_id: s.id, kind: 'withdrawn', occurred_on: today });
    }
  }
  // One statement per 20,000 reports, the rows as one JSON parameter.
  for (let i = 0; i < inserts.length; i += 20_000) {
    const res = await sql<{ id: string; child_id: string; type: ReportType; due_on: string; deadline: string }>`
      insert into absence_reports (region_id, child_id, organisation_id, type, start_date, end_date, hours, due_on, deadline, origin)
      select ${scope.regionId}::uuid, r.child_id, r.organisation_id, r.type, r.start_date, r.end_date, r.hours, r.due_on, r.deadline, 'rule'
      from jsonb_to_recordset(${JSON.stringify(inserts.slice(i, i + 20_000))}::jsonb)
        as r(child_id uuid, organisation_id uuid, type text, start_date date, end_date date, hours numeric, due_on date, deadline date)
      on conflict (child_id, organisation_id, type, start_date, end_date) do nothing
      returning id, child_id, type, due_on::text as due_on, deadline::text as deadline`.execute(tx);
    result.inserted += res.rows.length;
    for (const r of res.rows) result.newReports.push({ id: r.id, childId: r.child_id, type: r.type, dueOn: r.due_on, deadline: r.deadline });
  }
  for (let i = 0; i < events.length; i += 1000) await tx.insertInto('absence_report_events').values(events.slice(i, i + 1000)).execute();
  result.withdrawn = events.filter((e) => e.kind === 'withdrawn').length;
  result.reopened = events.filter((e) => e.kind === 'reopened').length;
  return result;
}
