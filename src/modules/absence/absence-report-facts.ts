import { sql } from 'kysely';
import type { FactSource } from '../../kernel/disclosure/facts.ts';
import { asFacts, monthsOf, residenceOnSql, scopeEnd } from '../../kernel/disclosure/facts.ts';

type Row = { month: string; measure: string; detail: string; bucket: number; gemeente_id: string | null; organisation_id: string | null; value: number };

/**
 * Legally reportable absence found and reported on time (docs/monitor.md, "Verzuim"; domain.md §8:
 * "reported on time, ≤ 5 working days"): every report the rules found, counted in the month it
 * became due (due_on), at its school, by the child's residence that day, with its state today:
 * - report, detail on_time (reported on or before the deadline, 5 working days after due_on) |
 *   late (reported after it) | open (not reported), read as the report's status is (report-status.ts:
 *   the last event decides; a reported report's day is that event's). Reports the school dismissed or the system
 *   withdrew (the absence was corrected) are not reportable and do not count.
 */
export const absenceReportFacts: FactSource = {
  indicator: 'absence_reports',
  async facts(tx, { regionId, from, to }) {
    const { rows } = await sql<Row>`
      with r as (
        select r.id, r.child_id, r.organisation_id, r.due_on, r.deadline,
          (select e.kind from absence_report_events e where e.report_id = r.id order by e.id desc limit 1) as last_kind,
          (select e.occurred_on from absence_report_events e where e.report_id = r.id order by e.id desc limit 1) as reported_on
        from absence_reports r
        where r.region_id = ${regionId} and r.due_on >= ${from}::date and r.due_on <= ${scopeEnd(to)}::date
      )
      select date_trunc('month', due_on)::date as month, 'report' as measure,
        case when last_kind = 'reported' and reported_on <= deadline then 'on_time' when last_kind = 'reported' then 'late' else 'open' end as detail,
        -1 as bucket, ${residenceOnSql(sql.ref('r.child_id'), sql.ref('r.due_on'))} as gemeente_id, organisation_id, count(*)::int as value
      from r where last_kind is null or last_kind in ('reported', 'reopened')
      group by 1, 3, 5, 6
    `.execute(tx);
    return asFacts(rows);
  },
  async changedSince(tx, regionId, since) {
    const { rows } = await sql<{ due_on: string }>`
      select distinct r.due_on from absence_reports r
      where r.region_id = ${regionId} and (r.detected_at > ${since} or exists (select 1 from absence_report_events e where e.report_id = r.id and e.recorded_at > ${since}))
    `.execute(tx);
    return monthsOf(rows.map((r) => r.due_on));
  },
};
