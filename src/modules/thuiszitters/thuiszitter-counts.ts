import type { Database, Tx } from '../../kernel/db/database.ts';
import type { SchoolType, ThuiszitterCategory } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { actorLogFields } from '../../kernel/policy/child-access.ts';
import { appendAccessLog } from '../../kernel/audit/access-log.ts';
import { ForbiddenError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { CATEGORIES, monthEndsBefore, stateOn } from './thuiszitter-state.ts';
import { listThuiszitters, loadEntries, type StoredEntry } from './thuiszitter-queries.ts';
import { COUNT_ROLES } from './thuiszitter-access.ts';
import { suppressTable, type CountTable } from './suppression.ts';
import { loadRegionSettings } from '../../kernel/settings/region-settings.ts';

/**
 * Counts for the monitor (domain.md §8): the register on any date, per gemeente (where the child
 * lived that day) or per school type (of the school location the entry names; 'none' when the
 * child was not enrolled), per category, with the thuiszitters (LRV + absoluut) and those longer
 * than 3 months without a fitting offer; and the same at the end of each of the last 12 months.
 * Only aggregates, for the policy analyst, the SWV consultant and the attendance officer, and
 * every count from 1 to 4 is suppressed (see suppression.ts) — for everyone, so that no view of
 * the monitor shows a small number.
 */
export const COUNT_COLUMNS = ['lrv', 'absoluut', 'thuiszitters', '5a', '5b', '5c', 'art15', 'over3Months'] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];
const COUNT_SUMS = [{ total: 'thuiszitters' as const, parts: ['lrv', 'absoluut'] as const }];

export const ESCALATION_COLUMNS = ['lrv', 'absoluut', '5a', 'total'] as const;
type EscalationColumn = (typeof ESCALATION_COLUMNS)[number];
const ESCALATION_SUMS = [{ total: 'total' as const, parts: ['lrv', 'absoluut', '5a'] as const }];

export type CountsBy = 'gemeente' | 'school_type';
export const SCHOOL_TYPE_ROWS: readonly (SchoolType | 'none')[] = ['po', 'sbo', 'so', 'vo', 'vso', 'mbo', 'none'];

export function requireCountRole(actor: Actor) {
  if (!actor.membership || !COUNT_ROLES.includes(actor.membership.role)) {
    throw new ForbiddenError('Cijfers over thuiszitters zijn er voor beleidsmedewerkers, het samenwerkingsverband en de leerplichtambtenaar.');
  }
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

/** The group rows of a table: every gemeente of the region (and 'unknown' when needed), or every school type and 'none'. */
function groupsOf(data: RegionData, by: CountsBy) {
  return by === 'gemeente' ? data.gemeenten.map((g) => ({ key: g.id, label: g.name })) : SCHOOL_TYPE_ROWS.map((t) => ({ key: t, label: t }));
}

function groupKey(data: RegionData, entry: StoredEntry, schoolLocationId: string | null, by: CountsBy, day: string) {
  if (by === 'gemeente') return residenceOn(data.residences.get(entry.childId), day) ?? 'unknown';
  return (schoolLocationId && data.schoolTypes.get(schoolLocationId)) || 'none';
}

/** The raw counts on one day (exact numbers; never leave this module without suppressTable). */
function tallyOn(data: RegionData, by: CountsBy, day: string) {
  const zero = (): Record<CountColumn, number> => Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as Record<CountColumn, number>;
  const groups = groupsOf(data, by);
  const values = new Map(groups.map((g) => [g.key, zero()]));
  const escalation = new Map(groups.map((g) => [g.key, { lrv: 0, absoluut: 0, '5a': 0, total: 0 } as Record<EscalationColumn, number>]));
  for (const entry of data.entries) {
    const s = stateOn(entry, day, data.normMonths);
    if (!s.open || !s.category) continue;
    const key = groupKey(data, entry, s.schoolLocationId, by, day);
    if (!values.has(key)) {
      values.set(key, zero());
      escalation.set(key, { lrv: 0, absoluut: 0, '5a': 0, total: 0 });
      groups.push({ key, label: key });
    }
    const v = values.get(key)!;
    v[s.category as ThuiszitterCategory]++;
    if (s.category === 'lrv' || s.category === 'absoluut') v.thuiszitters++;
    if (s.over3Months) {
      v.over3Months++;
      const e = escalation.get(key)!;
      e[s.category as 'lrv' | 'absoluut' | '5a']++;
      e.total++;
    }
  }
  return { groups, values, escalation };
}

function asTable<K extends string>(groups: { key: string }[], values: Map<string, Record<K, number>>, columns: readonly K[]): CountTable<K> {
  const rows = groups.map((g) => ({ key: g.key, values: values.get(g.key)! }));
  const total = Object.fromEntries(columns.map((c) => [c, rows.reduce((s, r) => s + r.values[c], 0)])) as Record<K, number>;
  return { rows, total };
}

function countsTable(data: RegionData, by: CountsBy, day: string) {
  const { groups, values } = tallyOn(data, by, day);
  const suppressed = suppressTable(asTable(groups, values, COUNT_COLUMNS), COUNT_COLUMNS, COUNT_SUMS, data.threshold);
  return {
    rows: suppressed.rows.map((r, i) => ({ key: r.key, label: groups[i].label, cells: r.cells })),
    total: suppressed.total,
  };
}

async function logCounts(tx: Tx, actor: Actor, event: string, detail: Record<string, unknown>) {
  await appendAccessLog(tx, { ...actorLogFields(actor), event, outcome: 'allowed', detail });
}

/** Counts on a date, per gemeente or school type. */
export async function thuiszitterCounts(database: Database, actor: Actor, opts: { asOf?: string; by: CountsBy }) {
  requireCountRole(actor);
  const asOf = opts.asOf ?? today();
  return database.db.transaction().execute(async (tx) => {
    const data = await loadRegion(tx, actor.regionId);
    await logCounts(tx, actor, 'thuiszitter.counts', { asOf, by: opts.by });
    return { asOf, by: opts.by, threshold: data.threshold, normMonths: data.normMonths, columns: COUNT_COLUMNS, categories: CATEGORIES, ...countsTable(data, opts.by, asOf) };
  });
}

/** The region's counts at the end of each of the last 12 whole months (oldest first), optionally per group. */
export async function thuiszitterCountsMonthly(database: Database, actor: Actor, opts: { by?: CountsBy }) {
  requireCountRole(actor);
  const ends = monthEndsBefore(today(), 12);
  return database.db.transaction().execute(async (tx) => {
    const data = await loadRegion(tx, actor.regionId);
    await logCounts(tx, actor, 'thuiszitter.counts.monthly', { by: opts.by ?? 'region' });
    const months = ends.map((asOf) => {
      if (opts.by) return { month: asOf.slice(0, 7), asOf, ...countsTable(data, opts.by, asOf) };
      // The region alone: one row, the sums within it still protected.
      const { groups, values } = tallyOn(data, 'school_type', asOf);
      const t = asTable(groups, values, COUNT_COLUMNS);
      const suppressed = suppressTable({ rows: [], total: t.total }, COUNT_COLUMNS, COUNT_SUMS, data.threshold);
      return { month: asOf.slice(0, 7), asOf, rows: [], total: suppressed.total };
    });
    return { by: opts.by ?? 'region', threshold: data.threshold, normMonths: data.normMonths, columns: COUNT_COLUMNS, months };
  });
}

/**
 * The list for the escalation table of SWV and gemeenten ("escalatietafel"): the children longer
 * than 3 months at home without a fitting offer.
 * - Individually only as the access policy allows: the attendance officer for the children living
 *   in own gemeente, the school's care coordinator and school leader for their school, a case
 *   team member under a consent that names the thuiszitter data.
 * - For the policy analyst, the SWV consultant and the attendance officer also as counts per
 *   gemeente and category (LRV, absoluut, 5a), small counts suppressed. An SWV consultant or
 *   policy analyst therefore sees the table without a single child.
 */
export async function thuiszitterEscalations(database: Database, actor: Actor, opts: { page: number; pageSize: number }) {
  const day = today();
  const list = await listThuiszitters(database, actor, { open: true, over3Months: true, page: opts.page, pageSize: opts.pageSize }, 'thuiszitter.escalations');
  const counts =
    actor.membership && COUNT_ROLES.includes(actor.membership.role)
      ? await database.db.transaction().execute(async (tx) => {
          const data = await loadRegion(tx, actor.regionId);
          await logCounts(tx, actor, 'thuiszitter.escalations.counts', { asOf: day });
          const { groups, escalation } = tallyOn(data, 'gemeente', day);
          const suppressed = suppressTable(asTable(groups, escalation, ESCALATION_COLUMNS), ESCALATION_COLUMNS, ESCALATION_SUMS, data.threshold);
          return { threshold: data.threshold, columns: ESCALATION_COLUMNS, rows: suppressed.rows.map((r, i) => ({ key: r.key, label: groups[i].label, cells: r.cells })), total: suppressed.total };
        })
      : null;
  return { asOf: day, items: list.items, total: list.total, page: list.page, pageSize: list.pageSize, counts };
}
