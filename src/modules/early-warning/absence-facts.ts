import { sql } from 'kysely';
import type { FactRow, FactSource } from '../../kernel/disclosure/facts.ts';
import { monthsAfter } from '../../kernel/disclosure/facts.ts';
import type { SchoolType } from '../../kernel/db/schema.ts';
import { addCalendarDays, calendarScopeOf, loadSchoolCalendar } from '../../kernel/calendar/school-days.ts';
import { SchoolDayCounter, bandOf, enrolledSchoolDays, schoolYearStart, type EnrolmentSpan } from './early-warning-math.ts';
import { loadSettings } from './early-warning-settings.ts';

/**
 * Absence per band (docs/monitor.md, "Verzuim"): at the end of each month, every pupil enrolled at a
 * school location that day, by the band of the pupil's absence at that school over the school year
 * so far (1 August up to the month's last day) — the early-warning list's own measure
 * (early-warning-math.ts): hours missed for any reason, each day capped at its lesson hours, over
 * the lesson hours of the school days the pupil was enrolled there; bands by the region's thresholds
 * (5, 10 and 20 % by default; exactly on a threshold is the higher band).
 * - band, detail on_track (< 5 %) | attention (5–10 %) | chronic (10–20 %) | severe (20 % or more).
 * A pupil with no lesson time yet this school year (August) is not counted. Residence on the
 * month's last day.
 */
export const absenceBandFacts: FactSource = {
  indicator: 'absence',
  async facts(tx, { regionId, from, to }) {
    const settings = await loadSettings(tx, regionId);
    const months: { month: string; end: string; yearStart: string }[] = [];
    for (let m = from; m <= to; m = nextMonth(m)) {
      const end = addCalendarDays(nextMonth(m), -1);
      months.push({ month: m, end, yearStart: schoolYearStart(end) });
    }
    const earliest = months.map((m) => m.yearStart).sort()[0];
    const last = months[months.length - 1].end;
    const schools = await tx.selectFrom('organisations').select(['id', 'school_type']).where('region_id', '=', regionId).where('kind', '=', 'school_location').orderBy('id').execute();
    const out: FactRow[] = [];
    for (const school of schools) {
      const hoursPerDay = settings.lessonHoursPerDay[(school.school_type ?? 'po') as SchoolType];
      const enrolmentRows = await tx
        .selectFrom('enrolments')
        .select(['child_id', 'start_date', 'end_date'])
        .where('organisation_id', '=', school.id)
        .where('start_date', '<=', last)
        .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', earliest)]))
        .execute();
      if (!enrolmentRows.length) continue;
      const spans = new Map<string, EnrolmentSpan[]>();
      for (const e of enrolmentRows) spans.set(e.child_id, [...(spans.get(e.child_id) ?? []), { start: e.start_date, end: e.end_date }]);
      const cal = await loadSchoolCalendar(tx, await calendarScopeOf(tx, school.id), earliest, last);
      const counter = new SchoolDayCounter(cal, earliest, last);
      // Per pupil and calendar month the missed hours on school days while enrolled here, each day capped.
      const { rows } = await sql<{ child_id: string; month: string; hours: string | number }>`
        with days as (
          select a.child_id, a.day, least(sum(a.hours), ${hoursPerDay}::numeric) as h
          from absence_records a
          where a.organisation_id = ${school.id} and a.day >= ${earliest}::date and a.day <= ${last}::date
            and a.day = any(${counter.schoolDays()}::date[])
            and exists (select 1 from enrolments e where e.child_id = a.child_id and e.organisation_id = a.organisation_id
              and e.start_date <= a.day and (e.end_date is null or e.end_date >= a.day))
          group by a.child_id, a.day
        )
        select child_id, date_trunc('month', day)::date::text as month, sum(h) as hours from days group by 1, 2
      `.execute(tx);
      const missed = new Map<string, Map<string, number>>();
      for (const r of rows) {
        const perMonth = missed.get(r.child_id) ?? new Map<string, number>();
        perMonth.set(r.month, Number(r.hours));
        missed.set(r.child_id, perMonth);
      }
      const childIds = [...spans.keys()];
      const residences = await tx
        .selectFrom('child_residences')
        .select(['child_id', 'gemeente_id', 'valid_from'])
        .where(sql<boolean>`child_id = any(${childIds}::uuid[])`)
        .orderBy('valid_from')
        .orderBy('recorded_at')
        .execute();
      const residenceOf = new Map<string, { gemeente: string; from: string }[]>();
      for (const r of residences) residenceOf.set(r.child_id, [...(residenceOf.get(r.child_id) ?? []), { gemeente: r.gemeente_id, from: r.valid_from }]);

      const counts = new Map<string, number>();
      for (const m of months) {
        for (const [childId, list] of spans) {
          if (!list.some((e) => e.start <= m.end && (!e.end || e.end >= m.end))) continue;
          const scheduled = enrolledSchoolDays(counter, list, { from: m.yearStart, to: m.end }) * hoursPerDay;
          let hours = 0;
          for (const [month, h] of missed.get(childId) ?? []) if (month >= m.yearStart.slice(0, 8) + '01' && month <= m.month) hours += h;
          const band = bandOf(hours, scheduled, settings.thresholds);
          if (!band) continue;
          let gemeente: string | null = null;
          for (const r of residenceOf.get(childId) ?? []) if (r.from <= m.end) gemeente = r.gemeente;
          const key = `${m.month}|${band}|${gemeente ?? ''}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      for (const [key, value] of counts) {
        const [month, band, gemeente] = key.split('|');
        out.push({ month, measure: 'band', detail: band, bucket: -1, gemeente_id: gemeente || null, organisation_id: school.id, value });
      }
    }
    return out;
  },
  async changedSince(tx, regionId, since) {
    // A stock over the school year so far: absence recorded for a day changes every month-end from
    // that day to the school year's end.
    const absence = await sql<{ day: string }>`
      select distinct a.day::text as day from absence_records a where a.region_id = ${regionId} and a.recorded_at > ${since}
    `.execute(tx);
    // An enrolment recorded (or changed: its version moved) changes every month-end from its start on.
    const enrolments = await sql<{ day: string }>`
      select distinct e.start_date::text as day from enrolments e join organisations o on o.id = e.organisation_id
      where o.region_id = ${regionId} and (e.created_at > ${since} or e.version > 1)
    `.execute(tx);
    return [...new Set([...monthsAfter(absence.rows.map((r) => r.day), 11), ...monthsAfter(enrolments.rows.map((r) => r.day), 48)])].sort();
  },
};

function nextMonth(month: string) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
