import { sql } from 'kysely';
import type { FactSource } from '../../kernel/disclosure/facts.ts';
import { asFacts, monthsOf, residenceOnSql, scopeEnd } from '../../kernel/disclosure/facts.ts';

type Row = { month: string; measure: string; detail: string; bucket: number; gemeente_id: string | null; organisation_id: string | null; value: number };

/**
 * Time to help and waiting times (docs/monitor.md, "Tijd tot hulp"), per receiving organisation
 * (organisation_id = the provider, wijkteam, SWV or gemeente that received the request) and kind
 * (detail = toegang | provider | swv_arrangement | tlv), by the child's residence on the day the
 * request was sent. Calendar days; histograms for the median and 90th percentile.
 * - help_days: sent → help started, in the month help started;
 * - accept_days: sent → accepted, in the month it was accepted;
 * - start_days: accepted → help started, in the month help started (the waiting list proper).
 * Questions to a school are not help and do not count.
 */
export const requestFacts: FactSource = {
  indicator: 'requests',
  async facts(tx, { regionId, from, to }) {
    const end = scopeEnd(to);
    const { rows } = await sql<Row>`
      with r as (
        select r.kind, r.to_organisation_id, r.sent_on, r.accepted_on, r.help_started_on,
          ${residenceOnSql(sql.ref('r.child_id'), sql.ref('r.sent_on'))} as gemeente_id
        from requests r
        where r.region_id = ${regionId} and r.kind <> 'question_to_school'
          and ((r.help_started_on >= ${from}::date and r.help_started_on <= ${end}::date)
            or (r.accepted_on >= ${from}::date and r.accepted_on <= ${end}::date))
      ), m as (
        select date_trunc('month', help_started_on)::date as month, 'help_days' as measure, kind, (help_started_on - sent_on) as bucket, gemeente_id, to_organisation_id
        from r where help_started_on >= ${from}::date and help_started_on <= ${end}::date
        union all
        select date_trunc('month', accepted_on)::date, 'accept_days', kind, (accepted_on - sent_on), gemeente_id, to_organisation_id
        from r where accepted_on >= ${from}::date and accepted_on <= ${end}::date
        union all
        select date_trunc('month', help_started_on)::date, 'start_days', kind, (help_started_on - accepted_on), gemeente_id, to_organisation_id
        from r where help_started_on >= ${from}::date and help_started_on <= ${end}::date and accepted_on is not null
      )
      select month, measure, kind as detail, bucket, gemeente_id, to_organisation_id as organisation_id, count(*)::int as value
      from m group by 1, 2, 3, 4, 5, 6
    `.execute(tx);
    return asFacts(rows);
  },
  async changedSince(tx, regionId, since) {
    const { rows } = await sql<{ accepted_on: string | null; help_started_on: string | null }>`
      select r.accepted_on, r.help_started_on from requests r
      where r.region_id = ${regionId} and exists (select 1 from request_events e where e.request_id = r.id and e.at > ${since})
    `.execute(tx);
    return monthsOf(rows.flatMap((r) => [r.accepted_on, r.help_started_on]));
  },
};

/**
 * Outflow to special education (docs/monitor.md, "Uitstroom"): TLV requests to the SWV, per month
 * sent and per month decided, by the school that asked (organisation_id = the requesting school
 * location) and the child's residence on the day sent.
 * - tlv_requested; tlv_decided, detail granted | partly | refused.
 */
export const outflowFacts: FactSource = {
  indicator: 'outflow',
  async facts(tx, { regionId, from, to }) {
    const end = scopeEnd(to);
    const { rows } = await sql<Row>`
      with r as (
        select r.sent_on, r.decided_on, r.decision, r.from_organisation_id,
          ${residenceOnSql(sql.ref('r.child_id'), sql.ref('r.sent_on'))} as gemeente_id
        from requests r
        where r.region_id = ${regionId} and r.kind = 'tlv'
          and ((r.sent_on >= ${from}::date and r.sent_on <= ${end}::date) or (r.decided_on >= ${from}::date and r.decided_on <= ${end}::date))
      ), m as (
        select date_trunc('month', sent_on)::date as month, 'tlv_requested' as measure, '' as detail, gemeente_id, from_organisation_id
        from r where sent_on >= ${from}::date and sent_on <= ${end}::date
        union all
        select date_trunc('month', decided_on)::date, 'tlv_decided', decision, gemeente_id, from_organisation_id
        from r where decided_on >= ${from}::date and decided_on <= ${end}::date and decision is not null
      )
      select month, measure, detail, -1 as bucket, gemeente_id, from_organisation_id as organisation_id, count(*)::int as value
      from m group by 1, 2, 3, 5, 6
    `.execute(tx);
    return asFacts(rows);
  },
  async changedSince(tx, regionId, since) {
    const { rows } = await sql<{ sent_on: string; decided_on: string | null }>`
      select r.sent_on, r.decided_on from requests r
      where r.region_id = ${regionId} and r.kind = 'tlv' and (r.created_at > ${since} or exists (select 1 from request_events e where e.request_id = r.id and e.at > ${since}))
    `.execute(tx);
    return monthsOf(rows.flatMap((r) => [r.sent_on, r.decided_on]));
  },
};
