import { sql } from 'kysely';
import type { Db, Tx } from '../../kernel/db/database.ts';
import { addCalendarDays, SchoolCalendar } from '../../kernel/calendar/school-days.ts';
import { today as todayNl } from '../../kernel/time.ts';
import { legalReports, LessonCalendar, lessonWeekIndex, THRESHOLD_HOURS, type AbsenceDay, type LegalReport } from './absence-rules.ts';

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

export interface EvaluationResult {
  pupils: number;
  found: number;
  inserted: number;
  withdrawn: number;
  reopened: number;
}

const key = (childId: string, orgId: string) => `${childId}|${orgId}`;
const reportKey = (r: { type: string; startDate: string; endDate: string }) => `${r.type}|${r.startDate}|${r.endDate}`;
const CHUNK = 2000;

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
 * Pupils at a school who can have a rule report at all: 16 unauthorised hours within some 4
 * consecutive lesson weeks (which LRV implies too), or any luxury absence. Exact, not a guess: the
 * rules find nothing for the others. One set-based query, so a region-wide evaluation only moves
 * the rows of these pupils out of the database.
 */
function candidateRecords(tx: Tx, regionId: string, organisationId: string | undefined, calendars: Map<string, LessonCalendar>, from: string, to: string) {
  const weeks: { o: string; m: string; i: number }[] = [];
  for (const [orgId, cal] of calendars) for (const [monday, i] of lessonWeekIndex(cal, from, to)) weeks.push({ o: orgId, m: monday, i });
  const org = organisationId ? sql`and a.organisation_id = ${organisationId}` : sql``;
  return sql<{ child_id: string; organisation_id: string; day: string; hours: number | string; reason: string }>`
    with w as (select * from jsonb_to_recordset(${JSON.stringify(weeks)}::jsonb) as w(o uuid, m date, i int)),
    per_week as (
      select a.child_id, a.organisation_id, w.i, sum(a.hours) as h
      from absence_records a join w on w.o = a.organisation_id and w.m = date_trunc('week', a.day)::date
      where a.region_id = ${regionId} and a.reason = 'unauthorised' ${org}
      group by a.child_id, a.organisation_id, w.i
    ),
    rolling as (
      select child_id, organisation_id, sum(h) over (partition by child_id, organisation_id order by i range between 3 preceding and current row) as s
      from per_week
    ),
    candidates as (
      select child_id, organisation_id from rolling where s >= ${THRESHOLD_HOURS}
      union
      select a.child_id, a.organisation_id from absence_records a where a.region_id = ${regionId} and a.reason = 'luxury' ${org}
    )
    select a.child_id, a.organisation_id, a.day, a.hours, a.reason
    from absence_records a join candidates c on c.child_id = a.child_id and c.organisation_id = a.organisation_id
    where a.region_id = ${regionId} and a.reason in ('unauthorised', 'luxury') ${org}`.execute(tx);
}

export async function evaluateAbsenceReports(tx: Tx, scope: EvaluationScope, today = todayNl()): Promise<EvaluationResult> {
  if (scope.childIds && !scope.childIds.length) return { pupils: 0, found: 0, inserted: 0, withdrawn: 0, reopened: 0 };
  const result: EvaluationResult = { pupils: 0, found: 0, inserted: 0, withdrawn: 0, reopened: 0 };
  const childChunks = scope.childIds ? Array.from({ length: Math.ceil(scope.childIds.length / CHUNK) }, (_, i) => scope.childIds!.slice(i * CHUNK, (i + 1) * CHUNK)) : [null];
  for (const childIds of childChunks) {
    const range = await tx
      .selectFrom('absence_records')
      .select([sql<string | null>`min(day)::text`.as('first'), sql<string | null>`max(day)::text`.as('last')])
      .where('region_id', '=', scope.regionId)
      .where('reason', 'in', ['unauthorised', 'luxury'])
      .$if(!!scope.organisationId, (q) => q.where('organisation_id', '=', scope.organisationId!))
      .$if(!!childIds, (q) => q.where('child_id', 'in', childIds!))
      .executeTakeFirstOrThrow();
    const first = range.first ?? today;
    const last = range.last ?? today;
    const calendars = await calendarsFor(tx, scope.regionId, scope.organisationId, first, last);
    const records = childIds
      ? await tx
          .selectFrom('absence_records')
          .select(['child_id', 'organisation_id', 'day', 'hours', 'reason'])
          .where('region_id', '=', scope.regionId)
          .where('reason', 'in', ['unauthorised', 'luxury'])
          .$if(!!scope.organisationId, (q) => q.where('organisation_id', '=', scope.organisationId!))
          .where('child_id', 'in', childIds)
          .execute()
      : range.first
        ? (await candidateRecords(tx, scope.regionId, scope.organisationId, calendars, first, last)).rows
        : [];
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
      .where('r.region_id', '=', scope.regionId)
      .where('r.origin', '=', 'rule')
      .$if(!!scope.organisationId, (q) => q.where('r.organisation_id', '=', scope.organisationId!))
      .$if(!!childIds, (q) => q.where('r.child_id', 'in', childIds!))
      .execute();

    // Group by pupil-at-school.
    const days = new Map<string, AbsenceDay[]>();
    for (const r of records) {
      const k = key(r.child_id, r.organisation_id);
      let list = days.get(k);
      if (!list) days.set(k, (list = []));
      list.push({ day: r.day, hours: Number(r.hours), reason: r.reason as AbsenceDay['reason'] });
    }
    const storedBy = new Map<string, typeof stored>();
    for (const s of stored) {
      const k = key(s.child_id, s.organisation_id);
      let list = storedBy.get(k);
      if (!list) storedBy.set(k, (list = []));
      list.push(s);
    }
    const pairs = new Set([...days.keys(), ...storedBy.keys()]);
    if (!pairs.size) continue;
    const childSet = [...new Set([...pairs].map((p) => p.split('|')[0]))];
    const pupils = new Map<string, { birthDate: string; startkwalificatieOn: string | null }>();
    for (let i = 0; i < childSet.length; i += CHUNK) {
      const rows = await tx.selectFrom('children').select(['id', 'birth_date', 'startkwalificatie_on']).where('id', 'in', childSet.slice(i, i + CHUNK)).execute();
      for (const c of rows) pupils.set(c.id, { birthDate: c.birth_date, startkwalificatieOn: c.startkwalificatie_on });
    }
    const inserts: { region_id: string; child_id: string; organisation_id: string; type: LegalReport['type']; start_date: string; end_date: string; hours: number; due_on: string; deadline: string; origin: 'rule' }[] = [];
    const events: { report_id: string; kind: 'withdrawn' | 'reopened'; occurred_on: string }[] = [];
    for (const pair of pairs) {
      const [childId, orgId] = pair.split('|');
      const pupil = pupils.get(childId);
      if (!pupil) continue;
      result.pupils++;
      const calendar = calendars.get(orgId);
      if (!calendar) continue;
      const found = legalReports(days.get(pair) ?? [], calendar, pupil);
      result.found += found.length;
      const existing = new Map((storedBy.get(pair) ?? []).map((s) => [reportKey({ type: s.type, startDate: s.start_date, endDate: s.end_date }), s]));
      const foundKeys = new Set<string>();
      for (const r of found) {
        const k = reportKey(r);
        foundKeys.add(k);
        const s = existing.get(k);
        if (!s) inserts.push({ region_id: scope.regionId, child_id: childId, organisation_id: orgId, type: r.type, start_date: r.startDate, end_date: r.endDate, hours: r.hours, due_on: r.dueOn, deadline: r.deadline, origin: 'rule' });
        else if (s.last_event === 'withdrawn') events.push({ report_id: s.id, kind: 'reopened', occurred_on: today });
      }
      for (const [k, s] of existing) {
        if (foundKeys.has(k)) continue;
        if (s.last_event === null || s.last_event === 'reopened') events.push({ report_id: s.id, kind: 'withdrawn', occurred_on: today });
      }
    }
    for (let i = 0; i < inserts.length; i += 1000) {
      const res = await tx
        .insertInto('absence_reports')
        .values(inserts.slice(i, i + 1000))
        .onConflict((oc) => oc.columns(['child_id', 'organisation_id', 'type', 'start_date', 'end_date']).doNothing())
        .executeTakeFirst();
      result.inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    for (let i = 0; i < events.length; i += 1000) await tx.insertInto('absence_report_events').values(events.slice(i, i + 1000)).execute();
    result.withdrawn += events.filter((e) => e.kind === 'withdrawn').length;
    result.reopened += events.filter((e) => e.kind === 'reopened').length;
  }
  return result;
}
