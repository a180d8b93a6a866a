import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * The gemeente a child lived in on a day: the residence valid on that day, the last recorded one
 * when two start on the same day; null when none is known. A correlated subquery for fact sources.
 */
export function residenceOnSql(childId: Expression<string>, day: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select cr.gemeente_id from child_residences cr where cr.child_id = ${childId} and cr.valid_from <= ${day} order by cr.valid_from desc, cr.recorded_at desc limit 1)`;
}

/** The first day of the month of a date column, as a date: the fact's month. */
export const monthOfSql = (day: Expression<string>) => sql<string>`date_trunc('month', ${day})::date`;

/** The last day of the scope's last month, for `day <= …` conditions. */
export const scopeEnd = (toMonth: string) => {
  const [y, m] = toMonth.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${toMonth.slice(0, 7)}-${String(last).padStart(2, '0')}`;
};

/** Distinct months (first days) of a list of dates, for `changedSince`. */
export const monthsOf = (days: readonly (string | null)[]) => [...new Set(days.filter((d): d is string => !!d).map((d) => `${d.slice(0, 7)}-01`))].sort();

/** Rows from SQL (counts may come back as strings or bigints) as facts. */
export function asFacts(rows: readonly { month: string; measure: string; detail?: string | null; bucket?: number | string | null; gemeente_id: string | null; organisation_id: string | null; value: number | string | bigint }[]) {
  return rows.map((r) => ({
    month: r.month,
    measure: r.measure,
    detail: r.detail ?? '',
    bucket: r.bucket === null || r.bucket === undefined ? -1 : Number(r.bucket),
    gemeente_id: r.gemeente_id,
    organisation_id: r.organisation_id,
    value: Number(r.value),
  }));
}

/** The months (first days) of each day and the `count` months after it, distinct and sorted. */
export function monthsAfter(days: readonly (string | null)[], count: number) {
  const out = new Set<string>();
  for (const day of monthsOf(days)) {
    const [y, m] = day.split('-').map(Number);
    for (let i = 0; i <= count; i++) out.add(new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 10));
  }
  return [...out].sort();
}
