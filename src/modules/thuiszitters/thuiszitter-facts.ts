import { sql } from 'kysely';
import type { FactRow, FactSource } from '../../kernel/disclosure/facts.ts';
import { monthsAfter } from '../../kernel/disclosure/facts.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { loadRegionSettings } from '../../kernel/settings/region-settings.ts';
import { addMonths, stateOn } from './thuiszitter-state.ts';
import { loadEntries } from './thuiszitter-queries.ts';

/** Duration bands of a stay at home, in whole calendar months. */
export const DURATION_BANDS = [
  { key: 'lt1m', below: 1 },
  { key: '1to3m', below: 3 },
  { key: '3to6m', below: 6 },
  { key: '6plus', below: Infinity },
] as const;

/**
 * The register at the end of each month (docs/monitor.md, "Thuiszitters"; the same reading as
 * the thuiszitter counts, thuiszitter-counts.ts): every entry open on the month's last day, at the
 * school location the entry names (none when not enrolled), by the gemeente the child lived in that day.
 * - register, detail = category (lrv, absoluut, 5a, 5b, 5c, art15);
 * - over3: open, the norm applies (lrv, absoluut, 5a), at home longer than the region's norm
 *   (3 months by default) and no current offer marked fitting; detail = category;
 * - duration, detail lt1m | 1to3m | 3to6m | 6plus: thuiszitters (lrv, absoluut) by time at home.
 */
export const thuiszitterFacts: FactSource = {
  indicator: 'thuiszitters',
  async facts(tx, { regionId, from, to }) {
    const settings = await loadRegionSettings(tx, regionId);
    const monthEnds: { month: string; end: string }[] = [];
    for (let m = from; m <= to; m = addMonths(m, 1)) monthEnds.push({ month: m, end: addCalendarDays(addMonths(m, 1), -1) });
    const last = monthEnds[monthEnds.length - 1].end;
    const rows = await tx.selectFrom('thuiszitters').select(['id', 'child_id', 'start_date', 'absence_report_id', 'created_at']).where('region_id', '=', regionId).where('start_date', '<=', last).execute();
    if (!rows.length) return [];
    const entries = await loadEntries(tx, rows);
    const residences = await tx
      .selectFrom('child_residences')
      .select(['child_id', 'gemeente_id', 'valid_from'])
      .where(sql<boolean>`child_id = any(${[...new Set(rows.map((r) => r.child_id))]}::uuid[])`)
      .orderBy('valid_from')
      .orderBy('recorded_at')
      .execute();
    const residenceOf = new Map<string, { gemeente: string; from: string }[]>();
    for (const r of residences) residenceOf.set(r.child_id, [...(residenceOf.get(r.child_id) ?? []), { gemeente: r.gemeente_id, from: r.valid_from }]);
    const counts = new Map<string, number>();
    const add = (month: string, measure: string, detail: string, gemeente: string | null, org: string | null) => {
      const key = [month, measure, detail, gemeente ?? '', org ?? ''].join('|');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    for (const entry of entries) {
      for (const { month, end } of monthEnds) {
        if (entry.startDate > end) continue;
        const state = stateOn(entry, end, settings.thuiszitterNormMonths);
        if (!state.open || !state.category) continue;
        let gemeente: string | null = null;
        for (const r of residenceOf.get(entry.childId) ?? []) if (r.from <= end) gemeente = r.gemeente;
        const org = state.schoolLocationId;
        add(month, 'register', state.category, gemeente, org);
        if (state.over3Months) add(month, 'over3', state.category, gemeente, org);
        if (state.category === 'lrv' || state.category === 'absoluut') {
          const band = DURATION_BANDS.find((b) => state.duration.months < b.below)!;
          add(month, 'duration', band.key, gemeente, org);
        }
      }
    }
    return [...counts].map(([key, value]): FactRow => {
      const [month, measure, detail, gemeente, org] = key.split('|');
      return { month, measure, detail, bucket: -1, gemeente_id: gemeente || null, organisation_id: org || null, value };
    });
  },
  async changedSince(tx, regionId, since) {
    // A stock: an entry or event recorded changes every month-end from its day on (the duration
    // and the norm move on by themselves, so the refresh always recomputes the last month too).
    const { rows } = await sql<{ day: string }>`
      select t.start_date::text as day from thuiszitters t where t.region_id = ${regionId} and t.created_at > ${since}
      union
      select e.effective_on::text from thuiszitter_events e join thuiszitters t on t.id = e.thuiszitter_id
      where t.region_id = ${regionId} and e.recorded_at > ${since}
    `.execute(tx);
    return monthsAfter(rows.map((r) => r.day), 36);
  },
};
