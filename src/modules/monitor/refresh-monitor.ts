import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { FactRow, FactSource } from '../../kernel/disclosure/facts.ts';
import { today } from '../../kernel/time.ts';
import { FACT_SOURCES } from './monitor-sources.ts';
import { addMonth, lastCompletedMonth } from './monitor-periods.ts';

/** How many months back the facts go: three school years, so that last year's figures have the year before beside them. */
export const WINDOW_MONTHS = 36;

export interface RefreshResult {
  regionId: string;
  full: boolean;
  months: string[];
  facts: number;
  durationMs: number;
}

/**
 * Brings one region's monitor facts up to date (docs/monitor.md, "Bijwerken").
 *
 * Only completed months are published, so only they are computed: up to the month before today's.
 * Incremental by default: each source names the months that rows recorded since the previous
 * refresh can have changed (`changedSince`), and the refresh recomputes those (within the window)
 * and always the last completed month; the first refresh of a region, or `full`, computes every
 * month of the window. Each indicator's months are replaced in one transaction with the new
 * watermark, so a reader sees the old figures or the new ones, never half. The watermark is the
 * database's clock when the refresh began: what is recorded while it runs is picked up next time.
 */
export async function refreshMonitor(database: Database, regionId: string, opts: { full?: boolean; day?: string; sources?: readonly FactSource[] } = {}): Promise<RefreshResult> {
  const started = Date.now();
  const day = opts.day ?? today();
  const sources = opts.sources ?? FACT_SOURCES;
  const last = lastCompletedMonth(day);
  const first = addMonth(last, -(WINDOW_MONTHS - 1));
  return database.db.transaction().execute(async (tx) => {
    // One refresh per region at a time: the row is the lock.
    await tx.insertInto('monitor_refreshes').values({ region_id: regionId, refreshed_at: new Date(0) }).onConflict((oc) => oc.column('region_id').doNothing()).execute();
    const previous = await tx.selectFrom('monitor_refreshes').selectAll().where('region_id', '=', regionId).forUpdate().executeTakeFirstOrThrow();
    const { rows: clock } = await sql<{ now: Date }>`select now() as now`.execute(tx);
    const watermark = clock[0].now;
    const full = !!opts.full || previous.refreshed_at.getTime() === 0;

    const byIndicator = new Map<string, FactSource[]>();
    for (const s of sources) byIndicator.set(s.indicator, [...(byIndicator.get(s.indicator) ?? []), s]);

    let facts = 0;
    const touched = new Set<string>();
    for (const [indicator, list] of byIndicator) {
      const months = new Set<string>();
      if (full) {
        for (let m = first; m <= last; m = addMonth(m, 1)) months.add(m);
      } else {
        months.add(last);
        // Months that became complete since the previous refresh.
        if (previous.to_month) for (let m = addMonth(previous.to_month, 1); m <= last; m = addMonth(m, 1)) months.add(m);
        for (const s of list) for (const m of await s.changedSince(tx, regionId, previous.refreshed_at)) if (m >= first && m <= last) months.add(m);
      }
      const sorted = [...months].sort();
      for (const run of runs(sorted)) {
        const rows: FactRow[] = [];
        for (const s of list) rows.push(...(await s.facts(tx, { regionId, from: run.from, to: run.to })));
        await tx.deleteFrom('monitor_facts').where('region_id', '=', regionId).where('indicator', '=', indicator).where('month', '>=', run.from).where('month', '<=', run.to).execute();
        facts += await insertFacts(tx, regionId, indicator, rows.filter((r) => r.value > 0 && r.month >= run.from && r.month <= run.to));
      }
      for (const m of sorted) touched.add(m);
    }
    // Facts older than the window are no longer offered.
    await tx.deleteFrom('monitor_facts').where('region_id', '=', regionId).where('month', '<', first).execute();
    const months = [...touched].sort();
    const durationMs = Date.now() - started;
    await tx
      .updateTable('monitor_refreshes')
      .set({ refreshed_at: watermark, from_month: months[0] ?? null, to_month: last, months: months.length, facts, duration_ms: durationMs, full_rebuild: full })
      .where('region_id', '=', regionId)
      .execute();
    return { regionId, full, months, facts, durationMs };
  });
}

/** Every region's facts, one after the other (the server's housekeeping and `samenspel monitor-refresh`). */
export async function refreshAllRegions(database: Database, opts: { full?: boolean; day?: string } = {}) {
  const regions = await database.db.selectFrom('regions').select('id').orderBy('created_at').execute();
  const out: RefreshResult[] = [];
  for (const r of regions) out.push(await refreshMonitor(database, r.id, opts));
  return out;
}

/** Consecutive months as ranges, so that each source computes a run of months in one go. */
function runs(months: string[]) {
  const out: { from: string; to: string }[] = [];
  for (const m of months) {
    const lastRun = out[out.length - 1];
    if (lastRun && addMonth(lastRun.to, 1) === m) lastRun.to = m;
    else out.push({ from: m, to: m });
  }
  return out;
}

async function insertFacts(tx: Tx, regionId: string, indicator: string, rows: FactRow[]) {
  for (let i = 0; i < rows.length; i += 2000) {
    await tx
      .insertInto('monitor_facts')
      .values(rows.slice(i, i + 2000).map((r) => ({ region_id: regionId, indicator, month: r.month, measure: r.measure, detail: r.detail, bucket: r.bucket, gemeente_id: r.gemeente_id, organisation_id: r.organisation_id, value: r.value })))
      .execute();
  }
  return rows.length;
}
