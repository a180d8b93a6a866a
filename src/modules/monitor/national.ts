import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import { ValidationError, fieldError } from '../../kernel/errors.ts';
import { INDICATOR_SPECS, type IndicatorId } from '../../contracts/values/monitor.ts';
import { SCHOOL_TYPES } from '../../contracts/values/early-warning.ts';
import { monitorPeriodOf, monthsIn, yearEarlier } from './monitor-periods.ts';
import { mergeFacts, publish, type RowFacts, type Table } from './monitor-queries.ts';

/**
 * The national roll-up (docs/operations.md, "Landelijke optelling"): a national deployment runs one
 * database per region; each region exports its monitor facts with codes that mean the same in every
 * region (its slug, the gemeente's CBS code, the school type), the national database loads them,
 * and the national view sums them and protects the combined cells exactly as a region does
 * (monitor-queries.ts `publish`): a small count in one region may be part of a large national cell,
 * but a cell that is small nationally is "<5", and no cell can be worked out from the others.
 *
 * Organisations and boards are not carried over: they are the region's own; a school type is.
 * On load the facts are also summed over the school type and over the gemeenten (migration 0029,
 * `rollUpRegion`), so that each view reads only as many rows as its breakdown needs.
 * Each export also lists the region's gemeenten ('area' lines, value 0), so that a national
 * breakdown lists every region and gemeente, also those without facts, without reading the facts.
 */

export const NATIONAL_COLUMNS = ['region_code', 'indicator', 'month', 'measure', 'detail', 'bucket', 'gemeente_code', 'school_type', 'value'] as const;

/** One region's facts as CSV lines (with a header), for the national database. */
export async function exportRegionFacts(db: Db, regionId: string): Promise<string> {
  const { rows } = await sql<Record<(typeof NATIONAL_COLUMNS)[number], string | number | null>>`
    select r.slug as region_code, f.indicator, f.month::text as month, f.measure, f.detail, f.bucket, g.cbs_code as gemeente_code, o.school_type, sum(f.value)::int as value
    from monitor_facts f
    join regions r on r.id = f.region_id
    left join gemeenten g on g.id = f.gemeente_id
    left join organisations o on o.id = f.organisation_id
    where f.region_id = ${regionId}
    group by 1, 2, 3, 4, 5, 6, 7, 8
    union all
    -- Every gemeente of the region, also one without facts: an 'area' line with value 0.
    select r.slug, 'area', null, 'gemeente', '', -1, g.cbs_code, null, 0
    from gemeenten g join regions r on r.id = g.region_id where g.region_id = ${regionId}
    order by 2, 3, 4, 5, 6, 7, 8
  `.execute(db);
  const cell = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [NATIONAL_COLUMNS.join(','), ...rows.map((r) => NATIONAL_COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

/** Parses one export (the format exportRegionFacts writes); refuses a file of more than one region. */
export function parseRegionFacts(text: string) {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: true, bom: true });
  } catch (e) {
    throw fieldError('file', 'csv', `Het bestand is geen leesbare CSV: ${(e as Error).message}`);
  }
  if (records[0]?.join(',') !== NATIONAL_COLUMNS.join(',')) throw fieldError('file', 'header', `De eerste regel moet zijn: ${NATIONAL_COLUMNS.join(',')}`);
  const rows = records.slice(1).map((v, i) => {
    if (v.length !== NATIONAL_COLUMNS.length) throw fieldError('file', 'columns', `Regel ${i + 2} heeft ${v.length} velden in plaats van ${NATIONAL_COLUMNS.length}.`);
    return { region_code: v[0], indicator: v[1], month: v[2] || '1970-01-01', measure: v[3], detail: v[4], bucket: Number(v[5]), gemeente_code: v[6] || null, school_type: v[7] || null, value: Number(v[8]) };
  });
  const regions = new Set(rows.map((r) => r.region_code));
  if (regions.size > 1) throw fieldError('file', 'regions', 'Eén bestand per regio.');
  return rows;
}

/** Loads one region's export into the national database, replacing what that region sent before. */
export async function importRegionFacts(database: Database, text: string) {
  const rows = parseRegionFacts(text);
  if (!rows.length) return { region: null, facts: 0 };
  const region = rows[0].region_code;
  const facts = rows.filter((r) => r.indicator !== 'area');
  const gemeenten = [...new Set(rows.filter((r) => r.indicator === 'area' || r.gemeente_code).map((r) => r.gemeente_code).filter((g): g is string => !!g))];
  await database.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('monitor_national_facts').where('region_code', '=', region).execute();
    await tx.deleteFrom('monitor_national_areas').where('region_code', '=', region).execute();
    for (let i = 0; i < facts.length; i += 2000) await tx.insertInto('monitor_national_facts').values(facts.slice(i, i + 2000)).execute();
    if (gemeenten.length) await tx.insertInto('monitor_national_areas').values(gemeenten.map((g) => ({ region_code: region, gemeente_code: g }))).execute();
    await rollUpRegion(tx, region);
  });
  return { region, facts: facts.length };
}

/**
 * Sums a region's loaded facts over the school type (monitor_national_by_gemeente) and over the
 * gemeenten as well (monitor_national_by_region), replacing its rows there: each national view
 * reads only as many rows as its breakdown needs.
 */
export async function rollUpRegion(tx: Db | Tx, region: string) {
  await tx.deleteFrom('monitor_national_by_gemeente').where('region_code', '=', region).execute();
  await tx.deleteFrom('monitor_national_by_region').where('region_code', '=', region).execute();
  await sql`
    insert into monitor_national_by_gemeente (region_code, indicator, month, measure, detail, bucket, gemeente_code, value)
    select region_code, indicator, month, measure, detail, bucket, gemeente_code, sum(value)::int
    from monitor_national_facts where region_code = ${region}
    group by region_code, indicator, month, measure, detail, bucket, gemeente_code
  `.execute(tx);
  await sql`
    insert into monitor_national_by_region (region_code, indicator, month, measure, detail, bucket, value)
    select region_code, indicator, month, measure, detail, bucket, sum(value)::int
    from monitor_national_by_gemeente where region_code = ${region}
    group by region_code, indicator, month, measure, detail, bucket
  `.execute(tx);
}

export type NationalBreakdown = 'none' | 'month' | 'region' | 'gemeente' | 'school_type';

/** The national figures of one indicator: rows of the breakdown, the total and a year earlier, protected. */
export async function nationalView(db: Db | Tx, q: { indicator: IndicatorId; period: string; by: NationalBreakdown; gemeente?: string; threshold?: number }, day: string) {
  const spec = INDICATOR_SPECS[q.indicator];
  const threshold = q.threshold ?? 5;
  const period = monitorPeriodOf(q.period, day);
  if ('error' in period) throw new ValidationError([{ name: 'period', code: period.error, reason: 'Kies een afgelopen maand, kwartaal of schooljaar.' }]);
  const stock = spec.kind === 'stock';
  const read = async (months: string[], by: NationalBreakdown) => {
    const key =
      by === 'month' ? sql<string>`month::text` : by === 'region' ? sql<string>`region_code` : by === 'gemeente' ? sql<string>`coalesce(gemeente_code, 'unknown')` : by === 'school_type' ? sql<string>`coalesce(school_type, 'none')` : sql<string>`''`;
    const { rows } = await sql<{ row_key: string; measure: string; detail: string; bucket: number; value: number }>`
      select ${key} as row_key, measure, detail, bucket, sum(value)::int as value
      from ${sql.table(by === 'school_type' ? 'monitor_national_facts' : by === 'gemeente' || q.gemeente ? 'monitor_national_by_gemeente' : 'monitor_national_by_region')}
      where indicator = ${spec.id} and month = any(${months}::date[])
        ${q.gemeente ? sql`and gemeente_code = ${q.gemeente}` : sql``}
      group by 1, 2, 3, 4
    `.execute(db);
    const out = new Map<string, RowFacts>();
    for (const r of rows) {
      const facts = out.get(r.row_key) ?? new Map<string, number>();
      facts.set(`${r.measure}|${r.detail}|${r.bucket}`, Number(r.value));
      out.set(r.row_key, facts);
    }
    return out;
  };
  const tableOf = async (months: string[], by: NationalBreakdown, keys: string[]): Promise<Table> => {
    const last = months[months.length - 1];
    const rows = await read(by === 'month' || !stock ? months : [last], by);
    const total = new Map<string, number>();
    if (by === 'none') return { keys: [], rows: new Map(), total: rows.get('') ?? total, totalIsSum: true };
    if (by === 'month' && stock) mergeFacts(total, rows.get(last));
    else for (const r of rows.values()) mergeFacts(total, r);
    return { keys, rows, total, totalIsSum: !(by === 'month' && stock) };
  };
  const months = monthsIn(period);
  let keys: string[] = [];
  if (q.by === 'month') keys = months;
  else if (q.by === 'region') keys = (await db.selectFrom('monitor_national_areas').select('region_code').distinct().orderBy('region_code').execute()).map((r) => r.region_code);
  else if (q.by === 'gemeente') keys = [...(await db.selectFrom('monitor_national_areas').select('gemeente_code').distinct().orderBy('gemeente_code').execute()).map((r) => r.gemeente_code), 'unknown'];
  else if (q.by === 'school_type') keys = [...SCHOOL_TYPES, 'none'];
  // The selection and the same period a year earlier are read side by side (on PostgreSQL two connections).
  const [table, before] = await Promise.all([tableOf(months, q.by, keys), tableOf(monthsIn(yearEarlier(period)), 'none', [])]);
  const main = publish(spec, table, threshold);
  const previous = publish(spec, before, threshold).total;
  return { indicator: spec.id, period: { id: period.id, from: period.from, to: period.to }, by: q.by, threshold, rows: main.rows, total: main.total, previous };
}

