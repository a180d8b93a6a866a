import type { Tx } from '../db/database.ts';

/**
 * The monitor's pre-aggregated facts (modules/monitor, docs/monitor.md): counts per completed month,
 * gemeente of residence and organisation, never a child. Each module that owns the source data
 * supplies its indicator's facts through its index.ts (like the worklist's sources): a GROUP BY in
 * SQL that returns the counts, which the monitor stores and later sums over any filter.
 *
 * - `month`: the first day of a calendar month ('2026-03-01'); the fact belongs to that month.
 * - `measure`: what is counted ('raised', 'picked_up_on_time', …), per indicator.
 * - `detail`: a further split where the indicator has one (a category, a request kind); '' if none.
 * - `bucket`: for a distribution, the value counted (days, a score); -1 for a plain count. A
 *   distribution's facts sum to a histogram, from which a median or 90th percentile of any
 *   selection follows without reading a child's row again.
 * - `gemeente_id`: the gemeente the child lived in on the fact's day (child_residences); null when
 *   unknown (or, for facts not about a child, such as a teacher's answer, when it does not apply).
 * - `organisation_id`: the school location the fact is about, or the receiving organisation for
 *   facts about requests; null when none.
 * - `value`: the count.
 */
export interface FactRow {
  month: string;
  measure: string;
  detail: string;
  bucket: number;
  gemeente_id: string | null;
  organisation_id: string | null;
  value: number;
}

/** Which months to compute: [from, to], both first days of a month, from ≤ to. */
export interface FactScope {
  regionId: string;
  from: string;
  to: string;
}

/**
 * One indicator's source, owned by the module that owns the data.
 * - `facts`: every fact of the scope's months (aggregated in SQL; no child's row leaves it).
 * - `changedSince`: the months whose facts may have changed by rows recorded after `since` (so the
 *   refresh recomputes only those); months as first days. May over-approximate, never miss one
 *   that a row recorded after `since` changed.
 */
export interface FactSource {
  indicator: string;
  facts(tx: Tx, scope: FactScope): Promise<FactRow[]>;
  changedSince(tx: Tx, regionId: string, since: Date): Promise<string[]>;
}

/**
 * SQL for the gemeente a child lived in on a day (the residence valid on that day, the last recorded
 * one when two start the same day): use as a correlated subquery, e.g.
 * sql`${residenceOn(sql.ref('s.child_id'), sql.ref('s.raised_on'))}`.
 */
export { residenceOnSql, monthOfSql, monthsOf, monthsAfter, scopeEnd, asFacts } from './residence.ts';
