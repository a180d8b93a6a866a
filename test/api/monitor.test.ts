import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A Monday in December 2026: November is the last completed month, October the one before.
process.env.SAMENSPEL_TODAY = '2026-12-07';

const { startTestApp } = await import('../support/test-app.ts');
const { monitorRegion } = await import('../support/monitor-region.ts');
const { refreshMonitor } = await import('../../src/modules/monitor/index.ts');
const { publishedBounds } = await import('../../src/kernel/disclosure/suppression.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;
type Region = Awaited<ReturnType<typeof monitorRegion>>;

/**
 * The monitor on crafted data (docs/monitor.md): signals of one region whose every count is known
 * by hand, read as each reader of the monitor would, with the suppression checked as an attacker
 * would try to undo it.
 *
 * October 2026, Basisschool Aadorp, children living in Aadorp: 52 signals raised on Monday 5
 * October (pickup deadline 12 October): 20 picked up after 1 day, 20 after 3 days, 10 late (after
 * 15 days), 2 not yet. 12 led to a case; the teacher heard the decision on 30. Also one withdrawn
 * signal (does not count). College Beekdorp, a child of Beekdorp: 1 signal, picked up after 2 days.
 * November: 1 more signal at the primary school, not picked up.
 */

let t: TestApp;
let r: Region;
let swv: Client;
let beleid: Client;
let leerplicht: Client;
let directeur: Client;
let leerkracht: Client;
const db = () => t.database.db;

async function signal(opts: { school: string; gemeente: string; raised: string; deadline: string; triaged: string | null; status?: string; caseToo?: boolean; feedback?: boolean }) {
  const child = await r.child(opts.gemeente, opts.school);
  const s = await db()
    .insertInto('signals')
    .values({
      region_id: r.regionId,
      child_id: child,
      organisation_id: opts.school,
      author_person_id: r.people[r.user('leerkracht')],
      author_role: 'teacher',
      category: 'learning',
      urgency: 'normal',
      observation: 'Zorg over het leren.',
      parents_informed: true,
      status: opts.status ?? (opts.triaged ? 'in_school' : 'new'),
      raised_on: opts.raised,
      pickup_deadline: opts.deadline,
      pickup_school_days: 5,
      triaged_on: opts.triaged,
      triaged_at: opts.triaged ? new Date(`${opts.triaged}T10:00:00Z`) : null,
      triage_decision: opts.triaged ? 'handle_in_school' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (opts.caseToo) {
    await db()
      .insertInto('cases')
      .values({
        region_id: r.regionId,
        child_id: child,
        organisation_id: opts.school,
        opened_from_signal_id: s.id,
        case_manager_person_id: r.people[r.user('ib')],
        case_manager_organisation_id: opts.school,
        title: 'Casus',
        opened_on: opts.triaged ?? opts.raised,
        next_evaluation_on: '2027-04-01',
      })
      .execute();
  }
  if (opts.feedback) {
    await db().insertInto('notifications').values({ region_id: r.regionId, person_id: r.people[r.user('leerkracht')], organisation_id: opts.school, kind: 'signal_decided', signal_id: s.id }).execute();
  }
  return s.id;
}

beforeAll(async () => {
  t = await startTestApp({ children: 50 });
  r = await monitorRegion(t, 'sig');
  const october = { school: r.po, gemeente: r.gA, raised: '2026-10-05', deadline: '2026-10-12' };
  for (let i = 0; i < 52; i++) {
    const triaged = i < 20 ? '2026-10-06' : i < 40 ? '2026-10-08' : i < 50 ? '2026-10-20' : null;
    await signal({ ...october, triaged, caseToo: i % 4 === 0 && i < 48, feedback: i < 30 });
  }
  await signal({ ...october, triaged: null, status: 'withdrawn' });
  await signal({ school: r.vo, gemeente: r.gB, raised: '2026-10-05', deadline: '2026-10-12', triaged: '2026-10-07' });
  await signal({ school: r.po, gemeente: r.gA, raised: '2026-11-10', deadline: '2026-11-17', triaged: null });
  await refreshMonitor(t.database, r.regionId, { day: '2026-12-07' });
  swv = await t.login(r.user('swv'));
  beleid = await t.login(r.user('beleid'));
  leerplicht = await t.login(r.user('leerplicht'));
  directeur = await t.login(r.user('directeur'));
  leerkracht = await t.login(r.user('leerkracht'));
});
afterAll(async () => t?.close());

const view = async (c: Client, query: string) => {
  const res = await c.get(`/api/v1/monitor/indicators/signals?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const displays = (cells: Record<string, { display: string }>) => Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v.display]));

describe('signals, hand-computed', () => {
  it('the region in October: counts rounded to 5, small ones "<5", shares from the shown counts, median and 90th percentile', async () => {
    const v = await view(swv, 'period=2026-10');
    // Exact: raised 53, on time 41, late 10, open 2, led to a case 12, no case 41, feedback 30, none 23.
    expect(displays(v.total.cells)).toEqual({ raised: '55', onTime: '40', late: '10', open: '<5', ledToCase: '10', noCase: '40', feedback: '30', noFeedback: '25' });
    expect(v.total.shares).toEqual({ onTimeShare: 72.7, ledToCaseShare: 18.2, feedbackShare: 54.5 });
    // Days to pick-up: 20× 1, 1× 2, 20× 3, 10× 15 (n = 51): the 26th is 3, the 46th is 15.
    expect(v.total.stats.pickupDays).toEqual({ median: 3, p90: 15 });
    expect(v.period).toMatchObject({ id: '2026-10', from: '2026-10-01', to: '2026-10-01' });
    expect(v.previousPeriod.id).toBe('2025-10');
    expect(displays(v.previous.cells).raised).toBe('<5');
    expect(v.region).toBeNull();
  });

  it('a gemeente beside the region: Aadorp alone, the share from 40 of 50', async () => {
    const v = await view(swv, `period=2026-10&gemeente=${r.gA}`);
    expect(displays(v.total.cells)).toMatchObject({ raised: '50', onTime: '40', late: '10', open: '<5' });
    expect(v.total.shares.onTimeShare).toBe(80);
    expect(displays(v.region.cells).raised).toBe('55');
  });

  it('by gemeente: every gemeente and "unknown", also the empty ones; Beekdorp\'s one signal is "<5"', async () => {
    const v = await view(swv, 'period=2026-10&by=gemeente');
    expect(v.rows.map((x: { label: string }) => x.label)).toEqual(['Aadorp', 'Beekdorp', 'unknown']);
    expect(displays(v.rows[1].cells).raised).toBe('<5');
    expect(displays(v.rows[2].cells).raised).toBe('<5');
    // A median of one signal is never shown.
    expect(v.rows[1].stats.pickupDays).toEqual({ median: null, p90: null });
  });

  it('by month over the school year so far: August to November, the total the sum of the months', async () => {
    const v = await view(swv, 'period=2026-2027&by=month');
    expect(v.period).toMatchObject({ from: '2026-08-01', to: '2026-11-01', partial: true });
    expect(v.rows.map((x: { key: string }) => x.key)).toEqual(['2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']);
    expect(displays(v.rows[2].cells).raised).toBe('55');
    expect(displays(v.rows[3].cells).raised).toBe('<5');
    expect(displays(v.total.cells).raised).toBe('55'); // 54 exact
  });

  it('by school and by board: every school location (and "none"), every board', async () => {
    const bySchool = await view(swv, 'period=2026-10&by=organisation');
    expect(bySchool.rows.map((x: { label: string }) => x.label)).toEqual(['Basisschool Aadorp', 'College Beekdorp', 'none']);
    const byBoard = await view(swv, 'period=2026-10&by=board');
    expect(byBoard.rows.map((x: { label: string }) => x.label)).toEqual(['Stichting A', 'Stichting B', 'none']);
    expect(displays(byBoard.rows[0].cells).raised).toBe('50');
  });
});

describe('no child can be recovered', () => {
  /** What a reader knows of a shown cell: an interval. */
  const bounds = (cell: { count: number | null; suppressed: string | null }, threshold = 5) => publishedBounds(cell.count ?? 0, cell.suppressed === 'small' ? 'small' : cell.suppressed ? 'secondary' : 'shown', threshold);

  it('differencing two filters: the region minus Aadorp leaves Beekdorp\'s one signal anywhere from 1 to 9', async () => {
    const region = (await view(swv, 'period=2026-10')).total.cells.raised;
    const aadorp = (await view(swv, `period=2026-10&gemeente=${r.gA}`)).total.cells.raised;
    const [rlo, rhi] = bounds(region);
    const [alo, ahi] = bounds(aadorp);
    const lo = Math.max(0, rlo - ahi);
    const hi = rhi - alo;
    expect(lo).toBeLessThan(hi);
    expect([lo, hi]).toEqual([1, 9]);
  });

  it('differencing two periods: the school year so far minus its months leaves November open', async () => {
    const year = (await view(swv, 'period=2026-2027')).total.cells.raised;
    const months = await Promise.all(['2026-08', '2026-09', '2026-10'].map(async (m) => (await view(swv, `period=${m}`)).total.cells.raised));
    const [ylo, yhi] = bounds(year);
    const mlo = months.reduce((s, c) => s + bounds(c)[0], 0);
    const mhi = months.reduce((s, c) => s + bounds(c)[1], 0);
    const lo = Math.max(0, ylo - mhi);
    const hi = yhi - mlo;
    expect(hi - lo).toBeGreaterThanOrEqual(4);
  });

  it('no published cell of the breakdowns is pinned by its sums (every row and column checked by the reader\'s bounds)', async () => {
    for (const by of ['gemeente', 'organisation', 'school_type', 'board', 'month']) {
      const v = await view(swv, `period=2026-2027&by=${by}`);
      for (const row of [v.total, ...v.rows]) {
        for (const cell of Object.values(row.cells) as { count: number | null; suppressed: string | null; display: string }[]) {
          if (cell.count !== null) expect(cell.count % 5, `${by}: ${cell.display}`).toBe(0);
          else expect(['<5', '≥5']).toContain(cell.display);
        }
      }
    }
  });
});

describe('each reader within their own scope', () => {
  it('the gemeente\'s policy analyst: the region and Aadorp; not Beekdorp, not per school or per gemeente', async () => {
    const own = await view(beleid, `period=2026-10&gemeente=${r.gA}`);
    expect(displays(own.total.cells).raised).toBe('50');
    const other = await beleid.get(`/api/v1/monitor/indicators/signals?period=2026-10&gemeente=${r.gB}`);
    expect(other.statusCode).toBe(400);
    expect(other.json().invalidParams.map((e: { name: string }) => e.name)).toEqual(['gemeente']);
    for (const by of ['organisation', 'gemeente']) {
      const res = await beleid.get(`/api/v1/monitor/indicators/signals?period=2026-10&by=${by}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().invalidParams[0].name).toBe('by');
    }
    expect((await beleid.get('/api/v1/monitor/indicators/signals?period=2026-10&by=school_type')).statusCode).toBe(200);
    const options = (await beleid.get('/api/v1/monitor/options')).json();
    expect(options.audience).toBe('gemeente');
    expect(options.gemeenten.map((g: { name: string }) => g.name)).toEqual(['Aadorp']);
    expect(options.home.gemeente).toBe(r.gA);
  });

  it('the school leader: the own school beside the region, by month only', async () => {
    const own = await view(directeur, `period=2026-10&organisation=${r.po}`);
    expect(displays(own.total.cells).raised).toBe('50');
    expect(displays(own.region.cells).raised).toBe('55');
    for (const q of [`organisation=${r.vo}`, `gemeente=${r.gA}`, 'by=gemeente', 'schoolType=po']) {
      const res = await directeur.get(`/api/v1/monitor/indicators/signals?period=2026-10&${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('the attendance officer: thuiszitters, absence and reports of the own gemeente; not signals', async () => {
    const res = await leerplicht.get('/api/v1/monitor/indicators/signals?period=2026-10');
    expect(res.statusCode).toBe(403);
    expect((await leerplicht.get(`/api/v1/monitor/indicators/thuiszitters?period=2026-10&gemeente=${r.gA}`)).statusCode).toBe(200);
    expect((await leerplicht.get('/api/v1/monitor/options')).json().indicators).toEqual(['thuiszitters', 'absence', 'absence_reports']);
  });

  it('the gemeente\'s analyst by school type, where a type has one school: that school\'s figure for her children, protected like any other', async () => {
    // Primary education is one school here (Basisschool Aadorp): 50 of Aadorp's children's signals.
    // Secondary is College Beekdorp, whose one signal is of a child living in Beekdorp: not hers.
    const v = await view(beleid, `period=2026-10&gemeente=${r.gA}&by=school_type`);
    const rows = Object.fromEntries(v.rows.map((row: { key: string; cells: Record<string, { display: string }> }) => [row.key, row.cells.raised.display]));
    expect(rows).toEqual({ po: '50', so: '<5', sbo: '<5', vo: '<5', vso: '<5', mbo: '<5', none: '<5' });
    expect(v.total.cells.raised.display).toBe('50');
    // Only rounded counts and "<5": no row names a school, and none is below the threshold with its number.
    for (const row of v.rows) for (const cell of Object.values(row.cells) as { count: number | null; display: string }[]) {
      if (cell.count !== null) expect(cell.count % 5).toBe(0);
    }
    expect(v.rows.every((row: { label: string; key: string }) => row.label === row.key)).toBe(true);
  });

  it('the same person acting for another organisation gets that organisation\'s monitor, and only that one', async () => {
    // The gemeente\'s analyst is also a teacher at Basisschool Aadorp and the school leader of College Beekdorp.
    const person = r.people[r.user('beleid')];
    const asTeacher = (await db().insertInto('memberships').values({ person_id: person, organisation_id: r.po, role: 'teacher' }).returning('id').executeTakeFirstOrThrow()).id;
    const asLeader = (await db().insertInto('memberships').values({ person_id: person, organisation_id: r.vo, role: 'school_leader' }).returning('id').executeTakeFirstOrThrow()).id;
    const asAnalyst = (await db().selectFrom('memberships').select('id').where('person_id', '=', person).where('role', '=', 'policy_analyst').executeTakeFirstOrThrow()).id;
    const actFor = async (membershipId: string) => expect((await beleid.put('/api/v1/session/membership', { membershipId })).statusCode).toBe(200);
    try {
      await actFor(asTeacher);
      expect((await beleid.get('/api/v1/monitor/options')).statusCode).toBe(403);
      expect((await beleid.get(`/api/v1/monitor/indicators/signals?period=2026-10&gemeente=${r.gA}`)).statusCode).toBe(403);

      await actFor(asLeader);
      const options = (await beleid.get('/api/v1/monitor/options')).json();
      expect(options.audience).toBe('school');
      expect(options.organisations.map((o: { name: string }) => o.name)).toEqual(['College Beekdorp']);
      // Her own gemeente, or the other school, are no longer hers while she acts for the college.
      for (const q of [`gemeente=${r.gA}`, `organisation=${r.po}`]) {
        const res = await beleid.get(`/api/v1/monitor/indicators/signals?period=2026-10&${q}`);
        expect(res.statusCode, q).toBe(400);
      }
      expect((await view(beleid, `period=2026-10&organisation=${r.vo}`)).total.cells.raised.display).toBe('<5');

      await actFor(asAnalyst);
      expect(displays((await view(beleid, `period=2026-10&gemeente=${r.gA}`)).total.cells).raised).toBe('50');
    } finally {
      await actFor(asAnalyst);
      await db().deleteFrom('memberships').where('id', 'in', [asTeacher, asLeader]).execute();
    }
  });

  it('a teacher gets no monitor; the analyst loses it the day her membership ends', async () => {
    expect((await leerkracht.get('/api/v1/monitor/options')).statusCode).toBe(403);
    expect((await leerkracht.get('/api/v1/monitor/overview')).statusCode).toBe(403);
    // The gemeente's analyst loses the monitor the day her membership ends.
    await db().updateTable('memberships').set({ ended_at: new Date() }).where('person_id', '=', r.people[r.user('beleid')]).execute();
    expect((await beleid.get('/api/v1/monitor/options')).statusCode).toBe(403);
    await db().updateTable('memberships').set({ ended_at: null }).where('person_id', '=', r.people[r.user('beleid')]).execute();
  });
});

describe('bad input is a 4xx that says what to fix', () => {
  it.each([
    ['period=2026-12', 'period', 'not_complete'],
    ['period=abc', 'period', 'format'],
    ['period=2027-2028', 'period', 'not_complete'],
    ['by=kind', 'by', 'not_for_indicator'],
    ['kind=tlv', 'kind', 'not_for_indicator'],
  ])('%s', async (query, name, code) => {
    const res = await swv.get(`/api/v1/monitor/indicators/signals?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name, code })]);
  });

  it('an unknown indicator or a gemeente of another region', async () => {
    expect((await swv.get('/api/v1/monitor/indicators/children')).statusCode).toBe(400);
    const other = (await db().selectFrom('gemeenten').select('id').where('region_id', '=', t.demo.regionId).executeTakeFirstOrThrow()).id;
    const res = await swv.get(`/api/v1/monitor/indicators/signals?gemeente=${other}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams[0]).toMatchObject({ name: 'gemeente', code: 'unknown' });
  });
});

describe('overview, exports and the log', () => {
  it('the overview holds every indicator of the scope with its headline', async () => {
    const o = (await swv.get('/api/v1/monitor/overview?period=2026-10')).json();
    expect(o.items.map((i: { indicator: string }) => i.indicator)).toEqual(['thuiszitters', 'absence', 'absence_reports', 'signals', 'requests', 'goals', 'plans', 'opp', 'satisfaction', 'outflow']);
    const s = o.items.find((i: { indicator: string }) => i.indicator === 'signals');
    expect(s.headline).toEqual({ share: 'onTimeShare' });
    expect(s.current.shares.onTimeShare).toBe(72.7);
  });

  it('CSV: a line per figure, hidden counts empty with their display, Excel-ready', async () => {
    const res = await swv.get('/api/v1/monitor/export?format=csv&period=2026-10');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('monitor-2026-10.csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('indicator;indicator_naam;selectie;periode;rij;rij_naam;kolom;kolom_naam;waarde;weergave');
    expect(lines).toContain('signals;Signalen;de hele regio;2026-10;period;Periode 2026-10;raised;Signalen;55;55');
    expect(lines).toContain('signals;Signalen;de hele regio;2026-10;period;Periode 2026-10;open;Nog niet opgepakt;;<5');
    expect(lines).toContain('signals;Signalen;de hele regio;2026-10;period;Periode 2026-10;onTimeShare;Aandeel op tijd opgepakt;72,7;72,7 %');
  });

  it('Excel and PDF', async () => {
    const xlsx = await swv.get(`/api/v1/monitor/export?format=xlsx&period=2026-10&gemeente=${r.gA}`);
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('Signalen');
    const sheet = wb.getWorksheet('Signalen')!;
    const periodRow = sheet.getRows(2, sheet.rowCount)!.find((row) => String(row.getCell(1).value).startsWith('Periode'))!;
    expect(periodRow.getCell(2).value).toBe(50);
    const pdf = await swv.get('/api/v1/monitor/export?format=pdf&period=2026-10');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await swv.get('/api/v1/monitor/export?format=doc')).statusCode).toBe(400);
  });

  it('every reading is in the access log as an event of the reader, naming no child', async () => {
    await view(swv, 'period=2026-10&by=gemeente');
    const row = await db().selectFrom('access_log').select(['event', 'child_id', 'detail']).where('person_id', '=', r.people[r.user('swv')]).where('event', '=', 'monitor.viewed').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(row.child_id).toBeNull();
    expect(row.detail).toMatchObject({ indicator: 'signals', period: '2026-10', by: 'gemeente' });
  });
});

describe('the refresh', () => {
  it('incremental after a new signal gives the same facts as a full rebuild', async () => {
    await signal({ school: r.po, gemeente: r.gA, raised: '2026-10-06', deadline: '2026-10-13', triaged: '2026-10-07' });
    const inc = await refreshMonitor(t.database, r.regionId, { day: '2026-12-07' });
    expect(inc.full).toBe(false);
    expect(inc.months).toContain('2026-10-01');
    expect(inc.months.length).toBeLessThan(36);
    const facts = async () =>
      (await db().selectFrom('monitor_facts').select(['indicator', 'month', 'measure', 'detail', 'bucket', 'gemeente_id', 'organisation_id', 'value']).where('region_id', '=', r.regionId).execute())
        .map((f) => JSON.stringify(f))
        .sort();
    const afterIncremental = await facts();
    const full = await refreshMonitor(t.database, r.regionId, { day: '2026-12-07', full: true });
    expect(full.full).toBe(true);
    expect(await facts()).toEqual(afterIncremental);
    const v = await view(swv, 'period=2026-10');
    expect(displays(v.total.cells).raised).toBe('55'); // 54 exact
    // Nothing of the current month is computed: it is not over.
    expect(afterIncremental.some((f) => f.includes('"2026-12-01"'))).toBe(false);
  });
});
