import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../support/test-app.ts';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';
import { addMonths } from '../../src/modules/thuiszitters/thuiszitter-state.ts';

/**
 * Security review, issue 10: the policy analyst cannot single out a child by differencing. In a
 * region of its own, exactly one child (X) becomes a thuiszitter and exactly one (Y) stops being one
 * in the middle of the last completed month. The attacker asks everything the API gives an analyst
 * — every period, both breakdowns, the monthly series, the escalation table, and (the old hole)
 * counts on two adjacent days — and computes every difference it can. None may be 1 to 4: nothing
 * that is one child's cell.
 */

const D0 = today();
const LAST_MONTH_END = addCalendarDays(`${D0.slice(0, 7)}-01`, -1);
const M1 = LAST_MONTH_END.slice(0, 7); // the last completed month
const M2 = addMonths(`${M1}-01`, -1).slice(0, 7); // the month before
const DAY = `${M1}-15`; // X starts, Y ends

let t: TestApp;
let analyst: Client;
let officer: Client;
let gA: string, gB: string, poB: string, voB: string;
const db = () => t.database.db;

async function account(username: string, role: 'policy_analyst' | 'attendance_officer', organisationId: string, regionId: string) {
  const passwordHash = (await db().selectFrom('accounts').select('password_hash').where('username', '=', 'ib').executeTakeFirstOrThrow()).password_hash!;
  const person = await db().insertInto('people').values({ region_id: regionId, given_name: 'Test', family_name: username }).returning('id').executeTakeFirstOrThrow();
  await db().insertInto('memberships').values({ person_id: person.id, organisation_id: organisationId, role }).execute();
  await db().insertInto('accounts').values({ region_id: regionId, username, password_hash: passwordHash, kind: 'professional', person_id: person.id }).execute();
}

async function thuiszitter(regionId: string, gemeenteId: string, category: 'lrv' | 'absoluut', start: string, opts: { school?: string; end?: string } = {}) {
  const c = await db()
    .insertInto('children')
    .values({ region_id: regionId, given_name: 'Thuis', family_name: `Zitter${Math.random().toString(36).slice(2, 7)}`, birth_date: addMonths(D0, -12 * 10) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db().insertInto('child_residences').values({ child_id: c.id, gemeente_id: gemeenteId, valid_from: addMonths(D0, -12 * 9) }).execute();
  const e = await db().insertInto('thuiszitters').values({ region_id: regionId, child_id: c.id, start_date: start }).returning('id').executeTakeFirstOrThrow();
  await db()
    .insertInto('thuiszitter_events')
    .values([
      { thuiszitter_id: e.id, kind: 'category', effective_on: start, category, school_location_id: opts.school ?? null },
      { thuiszitter_id: e.id, kind: 'offer', effective_on: start, offer: 'none', offer_fitting: false },
      ...(opts.end ? [{ thuiszitter_id: e.id, kind: 'end' as const, effective_on: opts.end, end_reason: 'back_to_school' as const }] : []),
    ])
    .execute();
}

beforeAll(async () => {
  t = await startTestApp({ children: 50 });
  const region = (await db().insertInto('regions').values({ name: 'Verschilregio', slug: `verschil-${Date.now()}` }).returning('id').executeTakeFirstOrThrow()).id;
  gA = (await db().insertInto('gemeenten').values({ region_id: region, cbs_code: 'GM9101', name: 'Aadorp', holiday_region: 'midden' }).returning('id').executeTakeFirstOrThrow()).id;
  gB = (await db().insertInto('gemeenten').values({ region_id: region, cbs_code: 'GM9102', name: 'Beekdorp', holiday_region: 'midden' }).returning('id').executeTakeFirstOrThrow()).id;
  const org = (values: object) => db().insertInto('organisations').values({ region_id: region, ...values } as never).returning('id').executeTakeFirstOrThrow();
  poB = (await org({ kind: 'school_location', name: 'Basisschool B', gemeente_id: gB, brin: '97BB', vestiging: '00', school_type: 'po' })).id;
  voB = (await org({ kind: 'school_location', name: 'College B', gemeente_id: gB, brin: '97BC', vestiging: '00', school_type: 'vo' })).id;
  const gemA = (await org({ kind: 'gemeente', name: 'Gemeente Aadorp', gemeente_id: gA })).id;
  await account('verschil-beleid', 'policy_analyst', gemA, region);
  await account('verschil-leerplicht', 'attendance_officer', gemA, region);
  const long = addMonths(D0, -10);
  // Aadorp: 8 children not enrolled for ten months; Y, one of them, is back at school from DAY.
  for (let i = 0; i < 7; i++) await thuiszitter(region, gA, 'absoluut', long);
  await thuiszitter(region, gA, 'absoluut', long, { end: DAY });
  // Beekdorp: 6 LRV at the primary school for ten months; X, at the college, is at home from DAY.
  for (let i = 0; i < 6; i++) await thuiszitter(region, gB, 'lrv', long, { school: poB });
  await thuiszitter(region, gB, 'lrv', DAY, { school: voB });
  analyst = await t.login('verschil-beleid');
  officer = await t.login('verschil-leerplicht');
});
afterAll(async () => t?.close());

interface Observation {
  /** 'day:2026-11-14', 'month:2026-11' or 'school_year:2025-2026'. */
  period: string;
  table: string;
  row: string;
  column: string;
  value: number | null;
}
type Cells = Record<string, { count: number | null }>;

/** Everything an analyst can ask, as observations of single cells. Answers the API refuses are skipped. */
async function harvest(c: Client): Promise<{ observations: Observation[]; refused: number }> {
  const observations: Observation[] = [];
  let refused = 0;
  const add = (period: string, table: string, row: string, cells: Cells) => {
    for (const [column, cell] of Object.entries(cells)) observations.push({ period, table, row, column, value: cell.count });
  };
  const periodOf = (body: { period?: { kind: string; id: string }; asOf: string }) => (body.period ? `${body.period.kind}:${body.period.id}` : `day:${body.asOf}`);
  const counts = async (query: string) => {
    const res = await c.get(`/api/v1/thuiszitters/counts?${query}`);
    if (res.statusCode !== 200) return refused++;
    const body = res.json();
    for (const r of body.rows) add(periodOf(body), body.by, r.key, r.cells);
    add(periodOf(body), 'region', 'total', body.total);
  };
  for (const by of ['gemeente', 'school_type']) {
    await counts(`by=${by}`);
    // Two adjacent days, and every day around the change: the old hole.
    for (let d = 10; d <= 20; d++) await counts(`by=${by}&asOf=${M1}-${String(d).padStart(2, '0')}`);
    await counts(`by=${by}&asOf=${LAST_MONTH_END}`);
    await counts(`by=${by}&asOf=${D0}`);
    // Every whole period on offer.
    const offered = (await c.get(`/api/v1/thuiszitters/counts?by=${by}`)).json().periods ?? { months: [M1, M2], schoolYears: [] };
    for (const p of [...offered.months, ...offered.schoolYears]) await counts(`by=${by}&period=${p}`);
  }
  for (const by of ['', '?by=gemeente', '?by=school_type']) {
    const body = (await c.get(`/api/v1/thuiszitters/counts/monthly${by}`)).json();
    for (const m of body.months) {
      for (const r of m.rows) add(`month:${m.month}`, body.by, r.key, r.cells);
      add(`month:${m.month}`, 'region', 'total', m.total);
    }
  }
  const esc = (await c.get('/api/v1/thuiszitters/escalations')).json().counts;
  const escPeriod = esc.period ? `${esc.period.kind}:${esc.period.id}` : `day:${esc.asOf ?? D0}`;
  for (const r of esc.rows) add(escPeriod, 'escalation', r.key, r.cells);
  add(escPeriod, 'escalation', 'total', esc.total);
  return { observations, refused };
}

const next = (period: string) => {
  const [kind, id] = period.split(':');
  if (kind === 'day') return `day:${addCalendarDays(id, 1)}`;
  if (kind === 'month') return `month:${addMonths(`${id}-01`, 1).slice(0, 7)}`;
  return `school_year:${Number(id.slice(0, 4)) + 1}-${Number(id.slice(0, 4)) + 2}`;
};

/**
 * The attacker: every difference between two shown numbers that could be one small group of
 * children — the same cell in adjacent periods (days, months, school years), a total and a part, a
 * total and the sum of all parts but one, two columns of one row — and the small ones it finds.
 */
function differences(observations: Observation[], threshold: number) {
  const small: string[] = [];
  const check = (what: string, d: number) => {
    if (Math.abs(d) >= 1 && Math.abs(d) < threshold) small.push(`${what}: ${d}`);
  };
  const byAddress = new Map<string, number>();
  for (const o of observations) if (o.value !== null) byAddress.set(`${o.period}|${o.table}|${o.row}|${o.column}`, o.value);
  // Adjacent periods, same cell.
  for (const [address, v] of byAddress) {
    const [period, ...rest] = address.split('|');
    const w = byAddress.get([next(period), ...rest].join('|'));
    if (w !== undefined) check(`${address} → ${next(period)}`, w - v);
  }
  // Within one period and one table: total against parts, the sum of all parts but one, and columns of a row.
  const groups = new Map<string, Observation[]>();
  for (const o of observations) groups.set(`${o.period}|${o.table}|${o.column}`, [...(groups.get(`${o.period}|${o.table}|${o.column}`) ?? []), o]);
  for (const [key, parts] of groups) {
    const [period, table, column] = key.split('|');
    const total = byAddress.get(`${period}|region|total|${column}`) ?? byAddress.get(`${period}|${table}|total|${column}`);
    if (total === undefined) continue;
    const rows = parts.filter((p) => p.row !== 'total');
    for (const p of rows) if (p.value !== null) check(`${key}: total − ${p.row}`, total - p.value);
    const hidden = rows.filter((p) => p.value === null);
    if (hidden.length === 1) check(`${key}: total − the other rows = ${hidden[0].row}`, total - rows.reduce((s, p) => s + (p.value ?? 0), 0));
  }
  const rowsOf = new Map<string, Map<string, number | null>>();
  for (const o of observations) {
    const k = `${o.period}|${o.table}|${o.row}`;
    if (!rowsOf.has(k)) rowsOf.set(k, new Map());
    rowsOf.get(k)!.set(o.column, o.value);
  }
  for (const [k, cols] of rowsOf) {
    const [ts, lrv, abs] = [cols.get('thuiszitters'), cols.get('lrv'), cols.get('absoluut')];
    if (ts != null && lrv != null) check(`${k}: thuiszitters − lrv`, ts - lrv);
    if (ts != null && abs != null) check(`${k}: thuiszitters − absoluut`, ts - abs);
  }
  return small;
}

describe('differencing: the policy analyst cannot single out a child (security review, issue 10)', () => {
  it('every difference the analyst can take between published counts is 0 or at least 5: none is one child', async () => {
    const { observations, refused } = await harvest(analyst);
    expect(observations.length).toBeGreaterThan(100);
    expect(differences(observations, 5)).toEqual([]);
    expect(refused).toBeGreaterThan(0); // the counts on a day are refused
    // And what X is: the college's LRV column of the last month cannot be read, nor its change.
    const vo = (period: string) => observations.find((o) => o.period === period && o.table === 'school_type' && o.row === 'vo' && o.column === 'lrv');
    expect(vo(`month:${M1}`)?.value).toBeNull();
    expect(vo(`month:${M2}`)?.value).toBeNull();
  });

  it('counts are for whole past periods only: a day, the current month or the current school year is refused', async () => {
    const day = await analyst.get(`/api/v1/thuiszitters/counts?asOf=${DAY}`);
    expect(day.statusCode).toBe(400);
    expect(day.json().invalidParams[0]).toMatchObject({ name: 'asOf', code: 'whole_periods' });
    for (const period of [D0.slice(0, 7), `${Number(D0.slice(0, 4)) + (D0.slice(5, 7) >= '08' ? 0 : -1)}-${Number(D0.slice(0, 4)) + (D0.slice(5, 7) >= '08' ? 1 : 0)}`]) {
      const res = await analyst.get(`/api/v1/thuiszitters/counts?period=${period}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().invalidParams[0]).toMatchObject({ name: 'period', code: 'not_complete' });
    }
    expect((await analyst.get('/api/v1/thuiszitters/counts?period=2026-13')).json().invalidParams[0]).toMatchObject({ name: 'period', code: 'format' });
    const body = (await analyst.get('/api/v1/thuiszitters/counts')).json();
    expect(body.period).toMatchObject({ kind: 'month', id: M1, to: LAST_MONTH_END });
    expect(body.periods.months[0]).toBe(M1);
    expect(body.periods.months).toHaveLength(12);
  });

  it('zero and small look alike; other counts are rounded to fives; the region total is the same cell in every table', async () => {
    const at = async (period: string, by: string) => (await analyst.get(`/api/v1/thuiszitters/counts?period=${period}&by=${by}`)).json();
    const g = await at(M1, 'gemeente');
    const s = await at(M1, 'school_type');
    const row = (body: { rows: { key: string; cells: Record<string, { display: string }> }[] }, key: string) => Object.fromEntries(Object.entries(body.rows.find((r) => r.key === key)!.cells).map(([k, v]) => [k, v.display]));
    // Aadorp: 7 absoluut → 5 (5–7); no LRV at all → "<5", like a small count.
    expect(row(g, gA)).toMatchObject({ lrv: '<5', absoluut: '5', '5b': '<5' });
    // Beekdorp: 7 LRV → 5; the college: X alone → "<5", the month before 0 → "<5" too.
    expect(row(g, gB)).toMatchObject({ lrv: '5', absoluut: '<5' });
    expect(row(s, 'vo').lrv).toBe('<5');
    expect(row(await at(M2, 'school_type'), 'vo').lrv).toBe('<5');
    expect(g.total).toEqual(s.total);
    expect(g.roundedTo).toBe(5);
    for (const body of [g, s])
      for (const r of [...body.rows, { cells: body.total }]) for (const cell of Object.values(r.cells) as { count: number | null }[]) expect(cell.count === null || cell.count % 5 === 0).toBe(true);
  });

  it('the attendance officer gets the very same cells from the same endpoints, and the escalation table is the same publication', async () => {
    for (const q of [`period=${M1}&by=gemeente`, `period=${M2}&by=school_type`]) {
      const a = (await analyst.get(`/api/v1/thuiszitters/counts?${q}`)).json();
      const o = (await officer.get(`/api/v1/thuiszitters/counts?${q}`)).json();
      expect(o.rows).toEqual(a.rows);
      expect(o.total).toEqual(a.total);
    }
    const esc = (await analyst.get('/api/v1/thuiszitters/escalations')).json().counts;
    expect(esc.period).toMatchObject({ kind: 'month', id: M1 });
    const counts = (await analyst.get(`/api/v1/thuiszitters/counts?period=${M1}&by=gemeente`)).json();
    for (const r of esc.rows) expect(r.cells.total).toEqual(counts.rows.find((c: { key: string }) => c.key === r.key).cells.over3Months);
    expect(esc.total.total).toEqual(counts.total.over3Months);
  });
});
