import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.SAMENSPEL_TODAY = '2026-12-07';

const { startTestApp } = await import('../support/test-app.ts');
const { monitorRegion } = await import('../support/monitor-region.ts');
const { refreshMonitor } = await import('../../src/modules/monitor/index.ts');
const { exportRegionFacts, importRegionFacts, nationalView, parseRegionFacts } = await import('../../src/modules/monitor/national.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Region = Awaited<ReturnType<typeof monitorRegion>>;

/**
 * The national roll-up (docs/operations.md): two regions export their facts, the national database
 * loads them, and the national view sums them and protects the combined cells. Region North has
 * 7 signals in October, region South 1: nationally 8, shown as 10; South alone stays "<5".
 */

let t: TestApp;
let north: Region;
let south: Region;
const db = () => t.database.db;

async function signals(r: Region, n: number) {
  for (let i = 0; i < n; i++) {
    const child = await r.child(r.gA, r.po);
    await db()
      .insertInto('signals')
      .values({
        region_id: r.regionId,
        child_id: child,
        organisation_id: r.po,
        author_person_id: r.people[r.user('leerkracht')],
        author_role: 'teacher',
        category: 'learning',
        urgency: 'normal',
        observation: 'Zorg.',
        parents_informed: true,
        status: 'in_school',
        raised_on: '2026-10-05',
        pickup_deadline: '2026-10-12',
        pickup_school_days: 5,
        triaged_on: '2026-10-06',
        triaged_at: new Date('2026-10-06T10:00:00Z'),
        triage_decision: 'handle_in_school',
      })
      .execute();
  }
}

beforeAll(async () => {
  t = await startTestApp({ children: 50 });
  north = await monitorRegion(t, 'noord');
  south = await monitorRegion(t, 'zuid');
  await signals(north, 7);
  await signals(south, 1);
  for (const r of [north, south]) {
    await refreshMonitor(t.database, r.regionId, { day: '2026-12-07' });
    await importRegionFacts(t.database, await exportRegionFacts(db(), r.regionId));
  }
});
afterAll(async () => t?.close());

describe('national roll-up', () => {
  it('each region\'s export names it by slug and its gemeenten by CBS code, nothing else of the region', async () => {
    const rows = parseRegionFacts(await exportRegionFacts(db(), north.regionId));
    expect(new Set(rows.map((r) => r.region_code)).size).toBe(1);
    const raised = rows.find((r) => r.indicator === 'signals' && r.measure === 'raised')!;
    expect(raised).toMatchObject({ month: '2026-10-01', gemeente_code: 'GM9201', school_type: 'po', value: 7 });
  });

  it('the combined cells are protected like a region\'s: 8 nationally is 10, the region with 1 is "<5"', async () => {
    const v = await nationalView(db(), { indicator: 'signals', period: '2026-10', by: 'region' }, '2026-12-07');
    expect(v.total.cells.raised.display).toBe('10');
    const byRegion = Object.fromEntries(v.rows.map((r) => [r.key.split('-')[1], r.cells.raised.display]));
    expect(byRegion).toEqual({ noord: '5', zuid: '<5' });
    // Nationally 8 with 1 in the south: the reader's bounds for the south are 0–4, not 1.
    expect(v.rows.find((r) => r.key.includes('zuid'))!.cells.raised.count).toBeNull();
  });

  it('loading a region again replaces its rows, it does not add them twice', async () => {
    await importRegionFacts(t.database, await exportRegionFacts(db(), north.regionId));
    const v = await nationalView(db(), { indicator: 'signals', period: '2026-10', by: 'none' }, '2026-12-07');
    expect(v.total.cells.raised.display).toBe('10');
  });

  it('every breakdown adds up to the same national figure, whichever summed table it reads', async () => {
    // By school type reads the loaded facts; by gemeente the sums per gemeente; by region and by month the sums per region.
    const views = await Promise.all(
      (['none', 'region', 'gemeente', 'school_type', 'month'] as const).map((by) => nationalView(db(), { indicator: 'signals', period: '2026-10', by }, '2026-12-07')),
    );
    for (const v of views) expect(v.total.cells.raised.display).toBe('10');
    const byGemeente = views[2].rows.find((r) => r.key === 'GM9201')!;
    expect(byGemeente.cells.raised.display).toBe('5');
    const oneGemeente = await nationalView(db(), { indicator: 'signals', period: '2026-10', by: 'school_type', gemeente: 'GM9201' }, '2026-12-07');
    expect(oneGemeente.rows.find((r) => r.key === 'po')!.cells.raised.display).toBe(byGemeente.cells.raised.display);
  });

  it('a quoted field with a comma is read as one field; a broken quote is refused with a reason, not a crash', async () => {
    const [header, ...lines] = (await exportRegionFacts(db(), north.regionId)).trim().split('\n');
    const quoted = lines[0].split(',');
    quoted[4] = '"a, b"';
    expect(parseRegionFacts([header, quoted.join(',')].join('\n'))[0].detail).toBe('a, b');
    quoted[4] = '"a, b';
    expect(() => parseRegionFacts([header, quoted.join(',')].join('\n'))).toThrow(/geen leesbare CSV/);
  });

  it('a file that is not an export, or holds two regions, is refused with a reason', async () => {
    expect(() => parseRegionFacts('a,b\n1,2\n')).toThrow(/eerste regel/);
    const a = (await exportRegionFacts(db(), north.regionId)).trim().split('\n');
    const b = (await exportRegionFacts(db(), south.regionId)).trim().split('\n').slice(1);
    expect(() => parseRegionFacts([...a, ...b].join('\n'))).toThrow(/Eén bestand per regio/);
  });
});
