import { sql } from 'kysely';
import type { FactSource } from '../../kernel/disclosure/facts.ts';
import { asFacts, monthsAfter, monthsOf, residenceOnSql, scopeEnd } from '../../kernel/disclosure/facts.ts';

type Row = { month: string; measure: string; detail: string; bucket: number; gemeente_id: string | null; organisation_id: string | null; value: number };

/** A timestamp as the Dutch calendar day it fell on. */
const dutchDay = (column: string) => sql`(${sql.ref(column)} at time zone 'Europe/Amsterdam')::date`;

/**
 * "Led to a case" for the signals indicator (docs/monitor.md, "Signalen"): a case was opened from
 * the signal (cases.opened_from_signal_id; a referral that opened a case counts too). Counted in the
 * month the signal was raised, at its school, by the child's residence that day, like the signals
 * module's facts of the same indicator.
 */
export const signalCaseFacts: FactSource = {
  indicator: 'signals',
  async facts(tx, { regionId, from, to }) {
    const { rows } = await sql<Row>`
      select date_trunc('month', s.raised_on)::date as month, 'led_to_case' as measure, '' as detail, -1 as bucket,
        ${residenceOnSql(sql.ref('s.child_id'), sql.ref('s.raised_on'))} as gemeente_id, s.organisation_id, count(*)::int as value
      from signals s
      where s.region_id = ${regionId} and s.raised_on >= ${from}::date and s.raised_on <= ${scopeEnd(to)}::date
        and s.status <> 'withdrawn'
        and exists (select 1 from cases k where k.opened_from_signal_id = s.id)
      group by 1, 5, 6
    `.execute(tx);
    return asFacts(rows);
  },
  async changedSince(tx, regionId, since) {
    const { rows } = await sql<{ raised_on: string }>`
      select distinct s.raised_on from cases k join signals s on s.id = k.opened_from_signal_id
      where k.region_id = ${regionId} and k.opened_at > ${since}
    `.execute(tx);
    return monthsOf(rows.map((r) => r.raised_on));
  },
};

/**
 * Plans evaluated on time (docs/monitor.md, "Doelen en plannen"), counted in the month of each
 * evaluation's due date: the first one set when the case was opened (the 'opened' event; for cases
 * from before that was recorded, opened_on + 182 days, the default), each later one set by the
 * previous evaluation. A due date counts when the case was still open on it; it was met on time when
 * the next evaluation was recorded on or before it.
 *
 * - plan_due, detail on_time | late: due dates in the month, met on time or not (yet).
 * School location: the case's school; residence on the due date.
 */
export const planEvaluationFacts: FactSource = {
  indicator: 'plans',
  async facts(tx, { regionId, from, to }) {
    const { rows } = await sql<Row>`
      with k as (
        select id, child_id, organisation_id, opened_on, closed_at from cases where region_id = ${regionId}
      ), dues as (
        select k.id as case_id, coalesce((o.detail->>'nextEvaluationOn')::date, k.opened_on + 182) as due_on, coalesce(o.at, k.opened_on::timestamptz) as set_at
        from k left join case_events o on o.case_id = k.id and o.event = 'opened'
        union all
        select e.case_id, (e.detail->>'nextEvaluationOn')::date, e.at
        from case_events e join k on k.id = e.case_id where e.event = 'plan_evaluated'
      ), d as (
        select d.case_id, d.due_on,
          (select min(${dutchDay('e.at')}) from case_events e where e.case_id = d.case_id and e.event = 'plan_evaluated' and e.at > d.set_at) as met_on
        from dues d
        where d.due_on >= ${from}::date and d.due_on <= ${scopeEnd(to)}::date
      )
      select date_trunc('month', d.due_on)::date as month, 'plan_due' as measure,
        case when d.met_on is not null and d.met_on <= d.due_on then 'on_time' else 'late' end as detail, -1 as bucket,
        ${residenceOnSql(sql.ref('k.child_id'), sql.ref('d.due_on'))} as gemeente_id, k.organisation_id, count(*)::int as value
      from d join k on k.id = d.case_id
      where k.closed_at is null or ${dutchDay('k.closed_at')} >= d.due_on
      group by 1, 3, 5, 6
    `.execute(tx);
    return asFacts(rows);
  },
  async changedSince(tx, regionId, since) {
    // A new evaluation settles the due date it answers (the previous one) and sets the next; a
    // closure ends the due dates after it. Recompute from the earliest due date they can touch.
    const { rows } = await sql<{ due_on: string }>`
      select coalesce((
        select max((p.detail->>'nextEvaluationOn')::date) from case_events p
        where p.case_id = e.case_id and p.event in ('opened', 'plan_evaluated') and p.at < e.at
      ), k.opened_on) as due_on
      from case_events e join cases k on k.id = e.case_id
      where k.region_id = ${regionId} and e.at > ${since} and e.event in ('opened', 'plan_evaluated', 'closed')
    `.execute(tx);
    // Every month from each touched due date up to a year later (the longest term).
    return monthsAfter(rows.map((r) => r.due_on), 12);
  },
};
