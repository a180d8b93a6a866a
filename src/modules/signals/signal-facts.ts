import { sql } from 'kysely';
import type { FactSource } from '../../kernel/disclosure/facts.ts';
import { asFacts, monthsOf, residenceOnSql, scopeEnd } from '../../kernel/disclosure/facts.ts';

/**
 * The monitor's signal facts (docs/monitor.md, "Signalen"), per month in which the signal was
 * raised, the school location that received it and the gemeente the child lived in that day.
 * Withdrawn signals (the teacher took it back before it was picked up) do not count.
 *
 * - raised: signals raised;
 * - pickup, detail on_time | late | open: picked up (triaged) on or before the pickup deadline
 *   (the school-day term of the region, docs/signals), after it, or not yet;
 * - pickup_days, bucket = calendar days from raised to picked up (a histogram for the median);
 * - feedback: the teacher who raised it was told the care coordinator's decision (the
 *   signal_decided notification; not when the care coordinator raised it herself).
 *
 * "Led to a case" is the cases module's fact of the same indicator.
 */
export const signalFacts: FactSource = {
  indicator: 'signals',
  async facts(tx, { regionId, from, to }) {
    const { rows } = await sql<{ month: string; measure: string; detail: string; bucket: number; gemeente_id: string | null; organisation_id: string | null; value: number }>`
      with s as (
        select s.id, date_trunc('month', s.raised_on)::date as month, s.organisation_id,
          ${residenceOnSql(sql.ref('s.child_id'), sql.ref('s.raised_on'))} as gemeente_id,
          s.raised_on, s.triaged_on, s.pickup_deadline
        from signals s
        where s.region_id = ${regionId} and s.raised_on >= ${from}::date and s.raised_on <= ${scopeEnd(to)}::date
          and s.status <> 'withdrawn'
      ), m as (
        select month, gemeente_id, organisation_id, 'raised' as measure, '' as detail, -1 as bucket from s
        union all
        select month, gemeente_id, organisation_id, 'pickup',
          case when triaged_on is null then 'open' when triaged_on <= pickup_deadline then 'on_time' else 'late' end, -1 from s
        union all
        select month, gemeente_id, organisation_id, 'pickup_days', '', (triaged_on - raised_on) from s where triaged_on is not null
        union all
        select month, gemeente_id, organisation_id, 'feedback', '', -1 from s
        where exists (select 1 from notifications n where n.signal_id = s.id and n.kind = 'signal_decided')
      )
      select month, measure, detail, bucket, gemeente_id, organisation_id, count(*)::int as value
      from m group by month, measure, detail, bucket, gemeente_id, organisation_id
    `.execute(tx);
    return asFacts(rows);
  },
  async changedSince(tx, regionId, since) {
    const { rows } = await sql<{ raised_on: string }>`
      select distinct s.raised_on from signals s
      where s.region_id = ${regionId}
        and (s.raised_at > ${since} or s.triaged_at > ${since}
          or exists (select 1 from signal_events e where e.signal_id = s.id and e.at > ${since})
          or exists (select 1 from notifications n where n.signal_id = s.id and n.kind = 'signal_decided' and n.created_at > ${since}))
    `.execute(tx);
    return monthsOf(rows.map((r) => r.raised_on));
  },
};
