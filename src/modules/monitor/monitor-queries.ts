import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ForbiddenError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { loadRegionSettings } from '../../kernel/settings/region-settings.ts';
import { presentCell, protectCounts, type Cell, type Equation } from '../../kernel/disclosure/suppression.ts';
import { INDICATOR_SPECS, REQUEST_KINDS, type Breakdown, type IndicatorId, type IndicatorSpec } from '../../contracts/values/monitor.ts';
import { SCHOOL_TYPES } from '../../contracts/values/early-warning.ts';
import type { MonitorFigures, MonitorOverview, MonitorView } from '../../contracts/monitor.ts';
import { monitorScopeOf, type MonitorScope } from './monitor-scope.ts';
import { openAnswers } from '../surveys/index.ts';
import { monitorPeriodOf, monthsIn, offeredMonitorPeriods, yearEarlier, type MonitorPeriod } from './monitor-periods.ts';

/**
 * Reading the monitor (docs/monitor.md): sums of the pre-aggregated facts over the reader's
 * selection, protected before they leave this module (kernel/disclosure/suppression.ts):
 *
 * - every count of one answer — the rows of the breakdown and their total — is one publication:
 *   0 to threshold − 1 shows as "<5", every other count is rounded to a multiple of the threshold,
 *   and what could still be worked out along the indicator's sums is hidden as "≥5";
 * - the same selection a year earlier and the region beside a filtered selection are publications of
 *   their own, protected the same way; because every shown count is rounded to the threshold, no
 *   difference between two answers (two filters, two periods) is known to one value;
 * - a share is computed from the shown (rounded) counts, and only when both are shown and the
 *   denominator is at least 10 times the threshold (so within about 5 points of the exact share):
 *   it tells nothing the counts do not;
 * - a median or 90th percentile comes from the selection's histogram, and only when it holds at
 *   least 2 (median) or 4 (90th percentile) times the threshold: one child's value never stands alone.
 *
 * The rows of a breakdown are always all of them (every gemeente, school, type, month), also when
 * empty, so that which rows there are tells nothing either.
 */

export interface MonitorQuery {
  indicator: IndicatorId;
  period?: string;
  by?: Breakdown;
  gemeente?: string;
  organisation?: string;
  schoolType?: string;
  kind?: string;
}

interface Selection {
  regionId: string;
  spec: IndicatorSpec;
  months: string[];
  gemeente: string | null;
  organisation: string | null;
  schoolType: string | null;
  kind: string | null;
}

type Histogram = Map<string, number>;
/** Summed facts of one row: `measure|detail|bucket` → value. */
export type RowFacts = Map<string, number>;

/** A share is shown from a denominator of 10× the threshold (50) up: computed from rounded counts, it is then within about 5 points. */
const SHARE_MIN_FACTOR = 10;
const MEDIAN_MIN_FACTOR = 2;
const P90_MIN_FACTOR = 4;

type Filters = Omit<MonitorQuery, 'indicator' | 'by' | 'kind'>;

/**
 * Checks the period and the filters against the reader's scope, once for a view or for the whole
 * overview: field errors (added to `errors`) say what to change.
 */
async function resolveFilters(tx: Tx, actor: Actor, q: Filters, scope: MonitorScope, day: string, errors: FieldError[]) {
  const period = monitorPeriodOf(q.period ?? offeredMonitorPeriods(day).default, day);
  if ('error' in period) {
    errors.push({
      name: 'period',
      code: period.error,
      reason: period.error === 'format' ? 'Kies een maand (JJJJ-MM), een kwartaal (JJJJ-K1 als 2026-Q1) of een schooljaar (2025-2026).' : 'Deze periode is nog niet voorbij: de monitor toont alleen hele, afgelopen maanden.',
    });
  }
  const gemeente = q.gemeente ?? null;
  if (scope.gemeenten !== 'any' && !scope.gemeenten.includes(gemeente)) errors.push({ name: 'gemeente', code: 'not_in_scope', reason: 'U ziet de cijfers van de regio en van uw eigen gemeente.' });
  if (gemeente && !(await tx.selectFrom('gemeenten').select('id').where('id', '=', gemeente).where('region_id', '=', actor.regionId).executeTakeFirst())) {
    errors.push({ name: 'gemeente', code: 'unknown', reason: 'Deze gemeente hoort niet bij de regio.' });
  }
  const organisation = q.organisation ?? null;
  if (scope.organisations !== 'any' && !scope.organisations.includes(organisation)) errors.push({ name: 'organisation', code: 'not_in_scope', reason: 'U ziet de cijfers van de regio en van uw eigen school.' });
  if (organisation && !(await tx.selectFrom('organisations').select('id').where('id', '=', organisation).where('region_id', '=', actor.regionId).executeTakeFirst())) {
    errors.push({ name: 'organisation', code: 'unknown', reason: 'Deze organisatie hoort niet bij de regio.' });
  }
  const schoolType = q.schoolType ?? null;
  if (schoolType && !scope.schoolTypeFilter) errors.push({ name: 'schoolType', code: 'not_in_scope', reason: 'Filteren op schoolsoort is er niet voor uw rol.' });
  return { period, gemeente, organisation, schoolType };
}

/** Checks what belongs to one indicator: in the reader's scope, its breakdown, its kind, a school type only for schools. */
function resolveIndicator(q: MonitorQuery, scope: MonitorScope, errors: FieldError[]) {
  const spec = INDICATOR_SPECS[q.indicator];
  if (!scope.indicators.includes(q.indicator)) throw new ForbiddenError('Deze indicator hoort niet bij uw rol.');
  const by = q.by ?? 'none';
  if (!scope.breakdowns.includes(by)) errors.push({ name: 'by', code: 'not_in_scope', reason: 'Deze uitsplitsing is er niet voor uw rol.' });
  else if (by !== 'none' && by !== 'month' && !spec.breakdowns.includes(by)) errors.push({ name: 'by', code: 'not_for_indicator', reason: 'Deze indicator is niet zo uit te splitsen.' });
  if (q.schoolType && spec.organisation === 'receiver') errors.push({ name: 'schoolType', code: 'not_for_indicator', reason: 'Verzoeken om hulp hebben geen schoolsoort.' });
  const kind = q.kind ?? null;
  if (kind && !(spec.kinds ?? []).includes(kind)) errors.push({ name: 'kind', code: 'not_for_indicator', reason: 'Deze soort hoort niet bij deze indicator.' });
  return { spec, by, kind };
}

/** Checks one view's query against the reader's scope; all field errors at once. */
async function resolve(tx: Tx, actor: Actor, q: MonitorQuery, scope: MonitorScope, day: string) {
  const errors: FieldError[] = [];
  const indicator = resolveIndicator(q, scope, errors);
  const filters = await resolveFilters(tx, actor, q, scope, day, errors);
  const period = filters.period;
  if (errors.length || 'error' in period) throw new ValidationError(errors);
  return { ...filters, ...indicator, period };
}

/** The facts of a selection, summed per row key of the breakdown. */
async function readFacts(tx: Tx, sel: Selection, by: Breakdown): Promise<Map<string, RowFacts>> {
  const rowKey =
    by === 'month'
      ? sql<string>`f.month::text`
      : by === 'gemeente'
        ? sql<string>`coalesce(f.gemeente_id::text, 'unknown')`
        : by === 'organisation'
          ? sql<string>`coalesce(f.organisation_id::text, 'none')`
          : by === 'school_type'
            ? sql<string>`coalesce(o.school_type, 'none')`
            : by === 'board'
              ? sql<string>`coalesce(o.board_name, 'none')`
              : by === 'kind'
                ? sql<string>`f.detail`
                : sql<string>`''`;
  const { rows } = await sql<{ row_key: string; measure: string; detail: string; bucket: number; value: number }>`
    select ${rowKey} as row_key, f.measure, f.detail, f.bucket, sum(f.value)::int as value
    from monitor_facts f left join organisations o on o.id = f.organisation_id
    where f.region_id = ${sel.regionId} and f.indicator = ${sel.spec.id}
      and f.month = any(${sel.months}::date[])
      ${sel.gemeente ? sql`and f.gemeente_id = ${sel.gemeente}` : sql``}
      ${sel.organisation ? sql`and f.organisation_id = ${sel.organisation}` : sql``}
      ${sel.schoolType ? sql`and o.school_type = ${sel.schoolType}` : sql``}
      ${sel.kind ? sql`and f.detail = ${sel.kind}` : sql``}
    group by 1, 2, 3, 4
  `.execute(tx);
  const out = new Map<string, RowFacts>();
  for (const r of rows) {
    const facts = out.get(r.row_key) ?? new Map<string, number>();
    const key = `${r.measure}|${r.detail}|${r.bucket}`;
    facts.set(key, (facts.get(key) ?? 0) + Number(r.value));
    out.set(r.row_key, facts);
  }
  return out;
}

/** The exact column values of one row (never leave this module unprotected). */
function columnValues(spec: IndicatorSpec, facts: RowFacts | undefined): Record<string, number> {
  const values: Record<string, number> = {};
  const counted = spec.columns.filter((c) => !c.minus);
  for (const c of counted) values[c.key] = 0;
  // Each fact's key is split once and added to every column it belongs to.
  for (const [key, n] of facts ?? []) {
    const [measure, detail, bucket] = key.split('|');
    for (const c of counted) {
      if (measure !== c.measure) continue;
      if (c.details && !c.details.includes(detail)) continue;
      if (c.buckets && (Number(bucket) < c.buckets[0] || Number(bucket) > c.buckets[1])) continue;
      values[c.key] += n;
    }
  }
  for (const c of spec.columns) if (c.minus) values[c.key] = Math.max(0, values[c.minus[0]] - values[c.minus[1]]);
  return values;
}

function histogramOf(facts: RowFacts | undefined, measure: string): Histogram {
  const h: Histogram = new Map();
  for (const [key, n] of facts ?? []) {
    const [m, , bucket] = key.split('|');
    if (m === measure) h.set(bucket, (h.get(bucket) ?? 0) + n);
  }
  return h;
}

/** The value at a percentile (nearest rank) of a histogram. */
export function percentileOf(h: Histogram, p: number): number | null {
  const entries = [...h].map(([b, n]) => [Number(b), n] as const).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [b, n] of entries) {
    seen += n;
    if (seen >= rank) return b;
  }
  return entries[entries.length - 1][0];
}

/** Sums two rows of facts (the stock of the last month is one row; a flow's total is the sum). */
export function mergeFacts(into: RowFacts, add: RowFacts | undefined) {
  for (const [k, v] of add ?? []) into.set(k, (into.get(k) ?? 0) + v);
}

export interface Table {
  keys: string[];
  rows: Map<string, RowFacts>;
  total: RowFacts;
  /** The total equals the sum of the rows (false: stock by month, where it equals the last row). */
  totalIsSum: boolean;
}

/** Protects one publication: the rows and the total, with the indicator's sums as the reader's equations. */
export function publish(spec: IndicatorSpec, table: Table, threshold: number) {
  const columns = spec.columns.map((c) => c.key);
  const width = columns.length;
  const rowValues = [table.total, ...table.keys.map((k) => table.rows.get(k))].map((f) => columnValues(spec, f));
  const values = rowValues.flatMap((r) => columns.map((c) => r[c]));
  const at = (row: number, col: string) => row * width + columns.indexOf(col);
  const equations: Equation[] = [];
  if (table.keys.length) {
    for (const c of columns) {
      if (table.totalIsSum) equations.push({ total: at(0, c), parts: table.keys.map((_, i) => at(i + 1, c)) });
      else equations.push({ total: at(0, c), parts: [at(table.keys.length, c)] });
    }
  }
  for (let r = 0; r < rowValues.length; r++) for (const s of spec.sums) equations.push({ total: at(r, s.total), parts: s.parts.map((p) => at(r, p)) });
  const state = protectCounts(values, equations, threshold);
  const figures = (r: number, facts: RowFacts | undefined): MonitorFigures => {
    const cells: Record<string, Cell> = {};
    for (const c of columns) cells[c] = presentCell(values[at(r, c)], state[at(r, c)], threshold);
    const shares: Record<string, number | null> = {};
    for (const s of spec.shares) {
      const num = cells[s.numerator].count;
      const den = cells[s.denominator].count;
      shares[s.key] = num !== null && den !== null && den >= SHARE_MIN_FACTOR * threshold ? Math.round((1000 * num) / den) / 10 : null;
    }
    const stats: Record<string, { median: number | null; p90: number | null }> = {};
    for (const d of spec.distributions) {
      const h = histogramOf(facts, d.measure);
      const n = [...h.values()].reduce((a, b) => a + b, 0);
      stats[d.key] = { median: n >= MEDIAN_MIN_FACTOR * threshold ? percentileOf(h, 50) : null, p90: n >= P90_MIN_FACTOR * threshold ? percentileOf(h, 90) : null };
    }
    return { cells, shares, stats };
  };
  return { total: figures(0, table.total), rows: table.keys.map((k, i) => ({ key: k, ...figures(i + 1, table.rows.get(k)) })) };
}

/** The rows a breakdown always has. */
async function rowKeysOf(tx: Tx, regionId: string, spec: IndicatorSpec, by: Breakdown, months: string[], sel: { organisation: string | null; schoolType: string | null }) {
  const labels = new Map<string, string>();
  let keys: string[] = [];
  if (by === 'month') keys = months;
  else if (by === 'gemeente') {
    const g = await tx.selectFrom('gemeenten').select(['id', 'name']).where('region_id', '=', regionId).orderBy('name').execute();
    for (const r of g) labels.set(r.id, r.name);
    keys = [...g.map((r) => r.id), 'unknown'];
  } else if (by === 'organisation') {
    let q = tx.selectFrom('organisations').select(['id', 'name']).where('region_id', '=', regionId);
    q = spec.organisation === 'school' ? q.where('kind', '=', 'school_location') : q.where('kind', 'in', ['youth_care_provider', 'wijkteam', 'swv', 'gemeente', 'jgz']);
    if (sel.organisation) q = q.where('id', '=', sel.organisation);
    if (sel.schoolType) q = q.where('school_type', '=', sel.schoolType as never);
    const o = await q.orderBy('name').execute();
    for (const r of o) labels.set(r.id, r.name);
    keys = o.map((r) => r.id);
    if (!sel.organisation && !sel.schoolType) keys.push('none');
  } else if (by === 'school_type') keys = sel.schoolType ? [sel.schoolType] : [...SCHOOL_TYPES, 'none'];
  else if (by === 'board') {
    const b = await tx.selectFrom('organisations').select('board_name').distinct().where('region_id', '=', regionId).where('kind', '=', 'school_location').where('board_name', 'is not', null).orderBy('board_name').execute();
    keys = [...b.map((r) => r.board_name as string), 'none'];
    for (const k of keys) if (k !== 'none') labels.set(k, k);
  } else if (by === 'kind') keys = [...(spec.kinds ?? REQUEST_KINDS)];
  return { keys, labels };
}

/** One selection's table: the facts per row and the total (a flow sums its months; a stock is its last month). */
async function tableOf(tx: Tx, sel: Selection, by: Breakdown, keys: string[]): Promise<Table> {
  const stock = sel.spec.kind === 'stock';
  const last = sel.months[sel.months.length - 1];
  if (by === 'none') {
    const facts = await readFacts(tx, stock ? { ...sel, months: [last] } : sel, 'none');
    return { keys: [], rows: new Map(), total: facts.get('') ?? new Map(), totalIsSum: true };
  }
  if (by === 'month') {
    const rows = await readFacts(tx, sel, 'month');
    const total = new Map<string, number>();
    if (stock) mergeFacts(total, rows.get(last));
    else for (const r of rows.values()) mergeFacts(total, r);
    return { keys, rows, total, totalIsSum: !stock };
  }
  const rows = await readFacts(tx, stock ? { ...sel, months: [last] } : sel, by);
  const total = new Map<string, number>();
  for (const r of rows.values()) mergeFacts(total, r);
  return { keys, rows, total, totalIsSum: true };
}

const periodView = (p: MonitorPeriod) => ({ id: p.id, kind: p.kind, from: p.from, to: p.to, partial: p.partial });

async function refreshedAt(tx: Tx, regionId: string) {
  const r = await tx.selectFrom('monitor_refreshes').select('refreshed_at').where('region_id', '=', regionId).executeTakeFirst();
  return r && r.refreshed_at.getTime() > 0 ? r.refreshed_at.toISOString() : null;
}

/** One indicator for the reader's selection, in the reading transaction (no log: the caller writes it). */
export async function buildView(tx: Tx, actor: Actor, scope: MonitorScope, q: MonitorQuery, day: string): Promise<MonitorView> {
  const r = await resolve(tx, actor, q, scope, day);
  const threshold = (await loadRegionSettings(tx, actor.regionId)).suppressionThreshold;
  const months = monthsIn(r.period);
  const sel: Selection = { regionId: actor.regionId, spec: r.spec, months, gemeente: r.gemeente, organisation: r.organisation, schoolType: r.schoolType, kind: r.kind };
  const { keys, labels } = await rowKeysOf(tx, actor.regionId, r.spec, r.by, months, r);
  const main = publish(r.spec, await tableOf(tx, sel, r.by, keys), threshold);
  const earlier = yearEarlier(r.period);
  const previous = publish(r.spec, await tableOf(tx, { ...sel, months: monthsIn(earlier) }, 'none', []), threshold).total;
  const filtered = !!(r.gemeente || r.organisation || r.schoolType);
  const region = filtered ? publish(r.spec, await tableOf(tx, { ...sel, gemeente: null, organisation: null, schoolType: null }, 'none', []), threshold).total : null;
  return {
    indicator: r.spec.id,
    kind: r.spec.kind,
    period: periodView(r.period),
    previousPeriod: periodView(earlier),
    by: r.by,
    filters: { gemeente: r.gemeente, organisation: r.organisation, schoolType: r.schoolType, kind: r.kind },
    threshold,
    columns: r.spec.columns.map((c) => c.key),
    rows: main.rows.map((row) => ({ ...row, label: labels.get(row.key) ?? row.key })),
    total: main.total,
    previous,
    region,
    openAnswers:
      r.spec.id === 'satisfaction'
        ? r.schoolType
          ? []
          : await openAnswers(tx, { regionId: actor.regionId, from: r.period.from, to: r.period.to, gemeenteId: r.gemeente, organisationId: r.organisation, minimum: threshold })
        : null,
    refreshedAt: await refreshedAt(tx, actor.regionId),
  };
}

/** One indicator for the reader's selection: the breakdown's rows, the total, a year earlier and the region beside it. */
export async function monitorView(database: Database, actor: Actor, q: MonitorQuery): Promise<MonitorView> {
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const scope = await monitorScopeOf(tx, actor);
    const view = await buildView(tx, actor, scope, q, day);
    await recordEvent(tx, actor, { event: 'monitor.viewed', detail: { indicator: view.indicator, period: view.period.id, by: view.by, ...view.filters } });
    return view;
  });
}

/** Every indicator of the reader's scope at a glance: the headline figures of the selection, a year earlier and the region. */
export async function monitorOverview(database: Database, actor: Actor, q: Omit<MonitorQuery, 'indicator' | 'by' | 'kind'>): Promise<MonitorOverview> {
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const scope = await monitorScopeOf(tx, actor);
    // The filters are checked once for every indicator; each indicator adds only its own rules.
    const errors: FieldError[] = [];
    const r = await resolveFilters(tx, actor, q, scope, day, errors);
    const period = r.period;
    if (errors.length || 'error' in period) throw new ValidationError(errors);
    const threshold = (await loadRegionSettings(tx, actor.regionId)).suppressionThreshold;
    const items: MonitorOverview['items'] = [];
    for (const indicator of scope.indicators) {
      const spec = INDICATOR_SPECS[indicator];
      // An indicator about receiving organisations has no school or school type: it shows the region's or gemeente's figure.
      const receiver = spec.organisation === 'receiver';
      const organisation = receiver ? null : r.organisation;
      const schoolType = receiver ? null : r.schoolType;
      const sel: Selection = { regionId: actor.regionId, spec, months: monthsIn(period), gemeente: r.gemeente, organisation, schoolType, kind: null };
      const current = publish(spec, await tableOf(tx, sel, 'none', []), threshold).total;
      const previous = publish(spec, await tableOf(tx, { ...sel, months: monthsIn(yearEarlier(period)) }, 'none', []), threshold).total;
      const filtered = !!(r.gemeente || organisation || schoolType);
      const region = filtered ? publish(spec, await tableOf(tx, { ...sel, gemeente: null, organisation: null, schoolType: null }, 'none', []), threshold).total : null;
      items.push({ indicator, headline: spec.headline, current, previous, region });
    }
    await recordEvent(tx, actor, { event: 'monitor.overview', detail: { period: period.id, gemeente: r.gemeente, organisation: r.organisation, schoolType: r.schoolType } });
    return { period: periodView(period), previousPeriod: periodView(yearEarlier(period)), threshold, filters: { gemeente: r.gemeente, organisation: r.organisation, schoolType: r.schoolType, kind: null }, items, refreshedAt: await refreshedAt(tx, actor.regionId) };
  });
}

/** What the reader may choose: periods, gemeenten, organisations, breakdowns, indicators. */
export async function monitorOptions(database: Database, actor: Actor) {
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const scope = await monitorScopeOf(tx, actor);
    const gemeenten = await tx.selectFrom('gemeenten').select(['id', 'name']).where('region_id', '=', actor.regionId).orderBy('name').execute();
    const orgs = await tx.selectFrom('organisations').select(['id', 'name', 'kind', 'school_type']).where('region_id', '=', actor.regionId).where('kind', '=', 'school_location').orderBy('name').execute();
    const allowedG = scope.gemeenten === 'any' ? gemeenten : gemeenten.filter((g) => (scope.gemeenten as readonly (string | null)[]).includes(g.id));
    const allowedO = scope.organisations === 'any' ? orgs : orgs.filter((o) => (scope.organisations as readonly (string | null)[]).includes(o.id));
    return {
      audience: scope.audience,
      indicators: [...scope.indicators],
      periods: offeredMonitorPeriods(day),
      gemeenten: allowedG.map((g) => ({ id: g.id, name: g.name })),
      organisations: allowedO.map((o) => ({ id: o.id, name: o.name, schoolType: o.school_type })),
      schoolTypeFilter: scope.schoolTypeFilter,
      breakdowns: [...scope.breakdowns],
      home: scope.home,
      threshold: (await loadRegionSettings(tx, actor.regionId)).suppressionThreshold,
    };
  });
}
