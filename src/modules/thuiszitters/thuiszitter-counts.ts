import type { Database, Tx } from '../../kernel/db/database.ts';
import type { SchoolType, ThuiszitterCategory } from '../../kernel/db/schema.ts';
import { COUNT_COLUMNS, ESCALATION_COLUMNS, type CountColumn, type CountsBy, type EscalationColumn, type PeriodKind } from '../../contracts/values/thuiszitters.ts';
import type { ThuiszitterCounts, ThuiszitterCountsMonthly, ThuiszitterEscalations } from '../../contracts/thuiszitters.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ForbiddenError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { isSchoolYear, schoolYearOf, schoolYearRange, shiftSchoolYear } from '../../kernel/calendar/school-year.ts';
import { CATEGORIES, addMonths, monthEndsBefore, stateOn, type EntryState } from './thuiszitter-state.ts';
import { listThuiszitters, loadEntries, type StoredEntry } from './thuiszitter-queries.ts';
import { COUNT_ROLES } from './thuiszitter-access.ts';
import { suppressLinkedTables, type Cell } from '../../kernel/disclosure/suppression.ts';
import { loadRegionSettings } from '../../kernel/settings/region-settings.ts';

/**
 * Counts for the monitor (domain.md §8), published for WHOLE PERIODS only, so that no two answers
 * differ by one child's event on one day:
 *
 * - a calendar month: the register as it stood on the month's last day ("stand aan het eind van de
 *   maand"), for completed months only — the current month is not published at all, because a
 *   "so far" figure changes from day to day and two days side by side would show the one child who
 *   came or went;
 * - a school year (1 August – 31 July): every child in the register at any time in that year, once,
 *   under its state on its last day in the register in that year; completed school years only.
 *
 * Per gemeente (where the child lived on that day) or per school type (of the school location the
 * entry names; 'none' when the child was not enrolled), per category, with the thuiszitters
 * (LRV + absoluut) and those longer than the norm (3 months) without a fitting offer. Both
 * breakdowns, the region total, and the escalation table's counts of the same month are ONE
 * publication protected together (suppression.ts): small and zero counts are "<5", all others are
 * rounded to a multiple of the threshold, and what could still be worked out is hidden as "≥5".
 *
 * The same for every reader: the policy analyst, the SWV consultant and the attendance officer —
 * the attendance officer sees the children of own gemeente in the register itself, not here.
 */
export { COUNT_COLUMNS, ESCALATION_COLUMNS, type CountColumn, type CountsBy };

/** Every cell of one publication: the count columns and the escalation split of over3Months. */
const ALL_COLUMNS = [...COUNT_COLUMNS, 'over3Lrv', 'over3Absoluut', 'over35a'] as const;
type Column = (typeof ALL_COLUMNS)[number];
const SUMS = [
  { total: 'thuiszitters' as const, parts: ['lrv', 'absoluut'] as const },
  { total: 'over3Months' as const, parts: ['over3Lrv', 'over3Absoluut', 'over35a'] as const },
];
const ESCALATION_OF: Record<EscalationColumn, Column> = { lrv: 'over3Lrv', absoluut: 'over3Absoluut', '5a': 'over35a', total: 'over3Months' };

export const SCHOOL_TYPE_ROWS: readonly (SchoolType | 'none')[] = ['po', 'sbo', 'so', 'vo', 'vso', 'mbo', 'none'];
/** How many completed school years the counts offer (the page's choice; older years can be asked for by name). */
const SCHOOL_YEARS_OFFERED = 3;
const MONTHS_OFFERED = 12;

export function requireCountRole(actor: Actor) {
  if (!actor.membership || !COUNT_ROLES.includes(actor.membership.role)) {
    throw new ForbiddenError('Cijfers over thuiszitters zijn er voor beleidsmedewerkers, het samenwerkingsverband en de leerplichtambtenaar.');
  }
}

/** A whole period the counts are published for. */
export interface Period {
  kind: PeriodKind;
  /** '2026-03' or '2025-2026'. */
  id: string;
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month or school year by its name, when it is complete (ended before today); otherwise why not. */
export function periodOf(id: string, day = today()): Period | { error: 'format' | 'not_complete' } {
  if (MONTH.test(id)) {
    const from = `${id}-01`;
    const to = addCalendarDays(addMonths(from, 1), -1);
    return to < day ? { kind: 'month', id, from, to } : { error: 'not_complete' };
  }
  if (isSchoolYear(id)) {
    const { start, end } = schoolYearRange(id);
    return end < day ? { kind: 'school_year', id, from: start, to: end } : { error: 'not_complete' };
  }
  return { error: 'format' };
}

/** The periods offered: the last 12 completed months (newest first) and the last completed school years. */
export function offeredPeriods(day = today()) {
  const months = monthEndsBefore(day, MONTHS_OFFERED)
    .map((end) => end.slice(0, 7))
    .reverse();
  const lastYear = shiftSchoolYear(schoolYearOf(day), -1);
  const schoolYears = Array.from({ length: SCHOOL_YEARS_OFFERED }, (_, i) => shiftSchoolYear(lastYear, -i));
  return { months, schoolYears };
}

interface RegionData {
  /** The region's settings: the suppression threshold and the norm in months. */
  threshold: number;
  normMonths: number;
  entries: StoredEntry[];
  residences: Map<string, { gemeenteId: string; validFrom: string }[]>;
  schoolTypes: Map<string, SchoolType | null>;
  gemeenten: { id: string; name: string }[];
}

async function loadRegion(tx: Tx, regionId: string): Promise<RegionData> {
  const rows = await tx.selectFrom('thuiszitters').select(['id', 'child_id', 'start_date', 'absence_report_id', 'created_at']).where('region_id', '=', regionId).execute();
  const entries = await loadEntries(tx, rows);
  const childIds = [...new Set(rows.map((r) => r.child_id))];
  const residences = new Map<string, { gemeenteId: string; validFrom: string }[]>();
  for (let i = 0; i < childIds.length; i += 1000) {
    const rs = await tx.selectFrom('child_residences').select(['child_id', 'gemeente_id', 'valid_from']).where('child_id', 'in', childIds.slice(i, i + 1000)).orderBy('valid_from').execute();
    for (const r of rs) residences.set(r.child_id, [...(residences.get(r.child_id) ?? []), { gemeenteId: r.gemeente_id, validFrom: r.valid_from }]);
  }
  const orgs = await tx.selectFrom('organisations').select(['id', 'school_type']).where('region_id', '=', regionId).where('kind', '=', 'school_location').execute();
  const gemeenten = await tx.selectFrom('gemeenten').select(['id', 'name']).where('region_id', '=', regionId).orderBy('name').execute();
  const settings = await loadRegionSettings(tx, regionId);
  return {
    threshold: settings.suppressionThreshold,
    normMonths: settings.thuiszitterNormMonths,
    entries,
    residences,
    schoolTypes: new Map(orgs.map((o) => [o.id, o.school_type])),
    gemeenten,
  };
}

const residenceOn = (list: { gemeenteId: string; validFrom: string }[] | undefined, day: string) => {
  let found: string | null = null;
  for (const r of list ?? []) if (r.validFrom <= day) found = r.gemeenteId;
  return found;
};

/**
 * The rows of each breakdown: every gemeente of the region and 'unknown' (no residence known that
 * day), every school type and 'none'. Always all of them, also when empty, so that which rows there
 * are tells nothing.
 */
function rowsOf(data: RegionData, by: CountsBy) {
  return by === 'gemeente' ? [...data.gemeenten.map((g) => ({ key: g.id, label: g.name })), { key: 'unknown', label: 'unknown' }] : SCHOOL_TYPE_ROWS.map((t) => ({ key: t, label: t }));
}

/** Which entries a period counts, each with its state on the day it is counted on. */
function countedIn(data: RegionData, period: Period): { entry: StoredEntry; day: string; state: EntryState; over3: boolean }[] {
  const out: { entry: StoredEntry; day: string; state: EntryState; over3: boolean }[] = [];
  for (const entry of data.entries) {
    if (period.kind === 'month') {
      const state = stateOn(entry, period.to, data.normMonths);
      if (state.open && state.category) out.push({ entry, day: period.to, state, over3: state.over3Months });
      continue;
    }
    // A school year: in the register on any day of it — started by its end, not ended by its start.
    if (entry.startDate > period.to) continue;
    const atEnd = stateOn(entry, period.to, data.normMonths);
    if (atEnd.end && atEnd.end.on <= period.from) continue;
    const last = atEnd.end ? addCalendarDays(atEnd.end.on, -1) : period.to;
    const first = entry.startDate > period.from ? entry.startDate : period.from;
    const state = last === period.to ? atEnd : stateOn(entry, last, data.normMonths);
    if (!state.open || !state.category) continue;
    // Past the norm on any day of the year: it can only change on the norm date or on an event's day.
    const days = [first, last, state.normDate, ...entry.events.map((e) => e.effectiveOn)].filter((d) => d >= first && d <= last);
    const over3 = days.some((d) => stateOn(entry, d, data.normMonths).over3Months);
    out.push({ entry, day: last, state, over3 });
  }
  return out;
}

/** The exact counts of one period (never leave this module without suppressLinkedTables). */
function tally(data: RegionData, period: Period) {
  const zero = (): Record<Column, number> => Object.fromEntries(ALL_COLUMNS.map((c) => [c, 0])) as Record<Column, number>;
  const breakdowns = (['gemeente', 'school_type'] as const).map((by) => ({ by, rows: rowsOf(data, by), values: new Map(rowsOf(data, by).map((r) => [r.key, zero()])) }));
  const total = zero();
  for (const { entry, day, state, over3 } of countedIn(data, period)) {
    const add = (v: Record<Column, number>) => {
      v[state.category as ThuiszitterCategory]++;
      if (state.category === 'lrv' || state.category === 'absoluut') v.thuiszitters++;
      if (over3 && (state.category === 'lrv' || state.category === 'absoluut' || state.category === '5a')) {
        v.over3Months++;
        v[state.category === 'lrv' ? 'over3Lrv' : state.category === 'absoluut' ? 'over3Absoluut' : 'over35a']++;
      }
    };
    add(total);
    add(breakdowns[0].values.get(residenceOn(data.residences.get(entry.childId), day) ?? 'unknown') ?? breakdowns[0].values.get('unknown')!);
    add(breakdowns[1].values.get((state.schoolLocationId && data.schoolTypes.get(state.schoolLocationId)) || 'none')!);
  }
  return { total, breakdowns };
}

export interface Publication {
  period: Period;
  threshold: number;
  total: Record<Column, Cell>;
  rows: Record<CountsBy, { key: string; label: string; cells: Record<Column, Cell> }[]>;
}

/**
 * One period's publication: both breakdowns and the total, protected together. A pure function of
 * the register and the period, so that every answer about that period (counts, monthly, escalation
 * table) shows the very same cells.
 */
function publish(data: RegionData, period: Period): Publication {
  const { total, breakdowns } = tally(data, period);
  const out = suppressLinkedTables(
    { total, breakdowns: breakdowns.map((b) => b.rows.map((r) => ({ key: r.key, values: b.values.get(r.key)! }))) },
    ALL_COLUMNS,
    SUMS,
    data.threshold,
  );
  const labelled = (i: number) => out.breakdowns[i].map((r, j) => ({ key: r.key, label: breakdowns[i].rows[j].label, cells: r.cells }));
  return { period, threshold: data.threshold, total: out.total, rows: { gemeente: labelled(0), school_type: labelled(1) } };
}

const pick = <K extends string>(cells: Record<Column, Cell>, columns: readonly K[], map?: Record<K, Column>) => Object.fromEntries(columns.map((c) => [c, cells[map ? map[c] : (c as unknown as Column)]])) as Record<K, Cell>;

const periodView = (p: Period) => ({ ...p, asOf: p.kind === 'month' ? p.to : null });

/** Aggregates name no child: the reading is recorded as an event of the actor. */
async function logCounts(tx: Tx, actor: Actor, event: string, detail: Record<string, unknown>) {
  await recordEvent(tx, actor, { event, detail });
}

/** Counts for one whole period (a completed month, by default the last one, or a completed school year), per gemeente or school type. */
export async function thuiszitterCounts(database: Database, actor: Actor, opts: { period?: Period; by: CountsBy }): Promise<ThuiszitterCounts> {
  requireCountRole(actor);
  const day = today();
  const period = opts.period ?? (periodOf(offeredPeriods(day).months[0], day) as Period);
  return database.db.transaction().execute(async (tx) => {
    const data = await loadRegion(tx, actor.regionId);
    await logCounts(tx, actor, 'thuiszitter.counts', { period: period.id, by: opts.by });
    const p = publish(data, period);
    return {
      period: periodView(period),
      asOf: period.kind === 'month' ? period.to : null,
      by: opts.by,
      threshold: data.threshold,
      roundedTo: data.threshold,
      normMonths: data.normMonths,
      columns: [...COUNT_COLUMNS],
      categories: [...CATEGORIES],
      periods: offeredPeriods(day),
      rows: p.rows[opts.by].map((r) => ({ key: r.key, label: r.label, cells: pick(r.cells, COUNT_COLUMNS) })),
      total: pick(p.total, COUNT_COLUMNS),
    };
  });
}

/** The last 12 completed months (oldest first): the region total, or per group with `by` — the same cells as the counts of each month. */
export async function thuiszitterCountsMonthly(database: Database, actor: Actor, opts: { by?: CountsBy }): Promise<ThuiszitterCountsMonthly> {
  requireCountRole(actor);
  const day = today();
  const months = [...offeredPeriods(day).months].reverse().map((id) => periodOf(id, day) as Period);
  return database.db.transaction().execute(async (tx) => {
    const data = await loadRegion(tx, actor.regionId);
    await logCounts(tx, actor, 'thuiszitter.counts.monthly', { by: opts.by ?? 'region' });
    return {
      by: opts.by ?? 'region',
      threshold: data.threshold,
      roundedTo: data.threshold,
      normMonths: data.normMonths,
      columns: [...COUNT_COLUMNS],
      months: months.map((m) => {
        const p = publish(data, m);
        return {
          month: m.id,
          asOf: m.to,
          rows: opts.by ? p.rows[opts.by].map((r) => ({ key: r.key, label: r.label, cells: pick(r.cells, COUNT_COLUMNS) })) : [],
          total: pick(p.total, COUNT_COLUMNS),
        };
      }),
    };
  });
}

/**
 * The list for the escalation table of SWV and gemeenten ("escalatietafel"): the children longer
 * than 3 months at home without a fitting offer.
 * - Individually only as the access policy allows: the attendance officer for the children living
 *   in own gemeente, the school's care coordinator and school leader for their school, a case
 *   team member under a consent that names the thuiszitter data.
 * - For the policy analyst, the SWV consultant and the attendance officer also as counts per
 *   gemeente and category (LRV, absoluut, 5a) at the end of the last completed month: the same
 *   publication as the counts of that month, so no answer differs from another by one child.
 */
export async function thuiszitterEscalations(database: Database, actor: Actor, opts: { page: number; pageSize: number }): Promise<ThuiszitterEscalations> {
  const day = today();
  const list = await listThuiszitters(database, actor, { open: true, over3Months: true, page: opts.page, pageSize: opts.pageSize }, 'thuiszitter.escalations');
  const counts =
    actor.membership && COUNT_ROLES.includes(actor.membership.role)
      ? await database.db.transaction().execute(async (tx) => {
          const period = periodOf(offeredPeriods(day).months[0], day) as Period;
          const data = await loadRegion(tx, actor.regionId);
          await logCounts(tx, actor, 'thuiszitter.escalations.counts', { period: period.id });
          const p = publish(data, period);
          return {
            period: periodView(period),
            asOf: period.to,
            threshold: data.threshold,
            roundedTo: data.threshold,
            columns: [...ESCALATION_COLUMNS],
            rows: p.rows.gemeente.map((r) => ({ key: r.key, label: r.label, cells: pick(r.cells, ESCALATION_COLUMNS, ESCALATION_OF) })),
            total: pick(p.total, ESCALATION_COLUMNS, ESCALATION_OF),
          };
        })
      : null;
  return { asOf: day, items: list.items, total: list.total, page: list.page, pageSize: list.pageSize, counts };
}
