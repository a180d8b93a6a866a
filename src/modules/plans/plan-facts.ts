import { sql } from 'kysely';
import type { FactSource } from '../../kernel/disclosure/facts.ts';
import { asFacts, monthsAfter, monthsOf, residenceOnSql, scopeEnd } from '../../kernel/disclosure/facts.ts';

type Row = { month: string; measure: string; detail: string; bucket: number; gemeente_id: string | null; organisation_id: string | null; value: number };

/**
 * Goal realisation (docs/monitor.md, "Doelen en plannen"): per month, every goal evaluated in it
 * once, with the last rating of that month that was not corrected later (a correction replaces
 * the rating it corrects), whoever rated it.
 * - gas, bucket = the GAS score −2 … +2. School location: the case's school; residence on the day
 *   of the rating.
 */
export const goalFacts: FactSource = {
  indicator: 'goals',
  async facts(tx, { regionId, from, to }) {
    const { rows } = await sql<Row>`
      with ev as (
        select distinct on (g.id, date_trunc('month', v.evaluated_on))
          date_trunc('month', v.evaluated_on)::date as month, v.score, v.evaluated_on, p.child_id, k.organisation_id
        from goal_evaluations v
        join plan_goals g on g.id = v.goal_id
        join plans p on p.id = g.plan_id
        join cases k on k.id = p.case_id
        where p.region_id = ${regionId} and v.evaluated_on >= ${from}::date and v.evaluated_on <= ${scopeEnd(to)}::date
          and not exists (select 1 from goal_evaluations c where c.corrects_evaluation_id = v.id)
        order by g.id, date_trunc('month', v.evaluated_on), v.evaluated_on desc, v.created_at desc
      )
      select month, 'gas' as measure, '' as detail, score as bucket,
        ${residenceOnSql(sql.ref('ev.child_id'), sql.ref('ev.evaluated_on'))} as gemeente_id, organisation_id, count(*)::int as value
      from ev group by 1, 4, 5, 6
    `.execute(tx);
    return asFacts(rows);
  },
  async changedSince(tx, regionId, since) {
    const { rows } = await sql<{ evaluated_on: string }>`
      select distinct v.evaluated_on from goal_evaluations v join plan_goals g on g.id = v.goal_id join plans p on p.id = g.plan_id
      where p.region_id = ${regionId} and (v.created_at > ${since}
        or exists (select 1 from goal_evaluations c where c.corrects_evaluation_id = v.id and c.created_at > ${since}))
    `.execute(tx);
    return monthsOf(rows.map((r) => r.evaluated_on));
  },
};

/**
 * OPPs with the parents' agreement (docs/monitor.md): at the end of each month, every plan of a case
 * open that day with an OPP recorded by then, by whether a parent agreed to its latest version by then.
 * - opp, detail agreed | not_agreed (a parent said no) | pending (no answer recorded yet).
 */
export const oppFacts: FactSource = {
  indicator: 'opp',
  async facts(tx, { regionId, from, to }) {
    const { rows } = await sql<Row>`
      with months as (
        select m::date as month, (m + interval '1 month' - interval '1 day')::date as month_end
        from generate_series(${from}::date, ${to}::date, interval '1 month') m
      ), latest as (
        select months.month, months.month_end, p.id as plan_id, p.child_id, k.organisation_id,
          (select o.id from plan_opp_versions o where o.plan_id = p.id and (o.recorded_at at time zone 'Europe/Amsterdam')::date <= months.month_end
           order by o.recorded_at desc limit 1) as opp_id
        from months
        join plans p on p.region_id = ${regionId}
        join cases k on k.id = p.case_id
        where k.opened_on <= months.month_end and (k.closed_at is null or (k.closed_at at time zone 'Europe/Amsterdam')::date > months.month_end)
      )
      select l.month, 'opp' as measure,
        case
          when exists (select 1 from plan_agreements a where a.plan_id = l.plan_id and a.opp_version_id = l.opp_id and a.kind = 'guardian_agreement' and a.agreed and a.on_date <= l.month_end) then 'agreed'
          when exists (select 1 from plan_agreements a where a.plan_id = l.plan_id and a.opp_version_id = l.opp_id and a.kind = 'guardian_agreement' and not a.agreed and a.on_date <= l.month_end) then 'not_agreed'
          else 'pending' end as detail,
        -1 as bucket, ${residenceOnSql(sql.ref('l.child_id'), sql.ref('l.month_end'))} as gemeente_id, l.organisation_id, count(*)::int as value
      from latest l where l.opp_id is not null
      group by 1, 3, 5, 6
    `.execute(tx);
    return asFacts(rows);
  },
  async changedSince(tx, regionId, since) {
    // A stock: a new OPP version or agreement changes every month-end from its day on.
    const { rows } = await sql<{ day: string }>`
      select (o.recorded_at at time zone 'Europe/Amsterdam')::date::text as day from plan_opp_versions o join plans p on p.id = o.plan_id
      where p.region_id = ${regionId} and o.recorded_at > ${since}
      union
      select a.on_date::text from plan_agreements a join plans p on p.id = a.plan_id where p.region_id = ${regionId} and a.recorded_at > ${since}
      union
      select (k.closed_at at time zone 'Europe/Amsterdam')::date::text from cases k where k.region_id = ${regionId} and k.closed_at > ${since}
    `.execute(tx);
    return monthsAfter(rows.map((r) => r.day), 24);
  },
};
