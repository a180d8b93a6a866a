import { sql } from 'kysely';
import type { Db, Tx } from '../../kernel/db/database.ts';
import { addCalendarDays, calendarScopeOf, loadSchoolCalendar } from '../../kernel/calendar/school-days.ts';
import { today as todayNl } from '../../kernel/time.ts';
import { legalReports, LessonCalendar, type AbsenceDay, type LegalReport } from './absence-rules.ts';

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

/** Calendars per school location, loaded and precomputed once per evaluation. */
async function calendarsFor(db: Db | Tx, orgIds: string[], from: string, to: string): Promise<Map<string, LessonCalendar>> {
  const out = new Map<string, LessonCalendar>();
  const start = addCalendarDays(from, -14);
  const end = addCalendarDays(to, 120);
  for (const id of orgIds) out.set(id, new LessonCalendar(await loadSchoolCalendar(db, await calendarScopeOf(db, id), start, end), start, end));
  return out;
}

export async function evaluateAbsenceReports(tx: Tx, scope: EvaluationScope, today = todayNl()): Promise<EvaluationResult> {
  if (scope.childIds && !scope.childIds.length) return { pupils: 0, found: 0, inserted: 0, withdrawn: 0, reopened: 0 };
  const result: EvaluationResult = { pupils: 0, found: 0, inserted: 0, withdrawn: 0, reopened: 0 };
  const childChunks = scope.childIds ? Array.from({ length: Math.ceil(scope.childIds.length / CHUNK) }, (_, i) => scope.childIds!.slice(i * CHUNK, (i + 1) * CHUNK)) : [null];
  for (const childIds of childChunks) {
    const records = await tx
      .selectFrom('absence_records')
      .select(['child_id', 'organisation_id', 'day', 'hours', 'reason'])
      .where('region_id', '=', scope.regionId)
      .where('reason', 'in', ['unauthorised', 'luxury'])
      .$if(!!scope.organisationId, (q) => q.where('organisation_id', '=', scope.organisationId!))
      .$if(!!childIds, (q) => q.where('child_id', 'in', childIds!))
      .orderBy('child_id')
      .orderBy('organisation_id')
      .orderBy('day')
      .execute();
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
    const orgIds = [...new Set([...pairs].map((p) => p.split('|')[1]))];
    const first = records.length ? records.reduce((m, r) => (r.day < m ? r.day : m), records[0].day) : today;
    const last = records.length ? records.reduce((m, r) => (r.day > m ? r.day : m), records[0].day) : today;
    const calendars = await calendarsFor(tx, orgIds, first, last);

    const inserts: { region_id: string; child_id: string; organisation_id: string; type: LegalReport['type']; start_date: string; end_date: string; hours: number; due_on: string; deadline: string; origin: 'rule' }[] = [];
    const events: { report_id: string; kind: 'withdrawn' | 'reopened'; occurred_on: string }[] = [];
    for (const pair of pairs) {
      const [childId, orgId] = pair.split('|');
      const pupil = pupils.get(childId);
      if (!pupil) continue;
      result.pupils++;
      const found = legalReports(days.get(pair) ?? [], calendars.get(orgId)!, pupil);
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
