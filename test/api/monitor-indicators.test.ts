import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A Monday in December 2026: November is the last completed month.
process.env.SAMENSPEL_TODAY = '2026-12-07';

const { startTestApp } = await import('../support/test-app.ts');
const { monitorRegion } = await import('../support/monitor-region.ts');
const { refreshMonitor } = await import('../../src/modules/monitor/index.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Region = Awaited<ReturnType<typeof monitorRegion>>;

/**
 * Each indicator's facts against values computed by hand on small crafted data (docs/monitor.md):
 * the exact counts the monitor stores (before suppression), per month, gemeente and organisation.
 * test/api/monitor.test.ts covers what a reader sees of them (rounded, "<5", shares, scopes).
 */

let t: TestApp;
let r: Region;
const db = () => t.database.db;
/** Children enrolled at the primary school (each counts in its absence bands). */
let enrolledAtPo = 0;

type Fact = { month: string; measure: string; detail: string; bucket: number; gemeente_id: string | null; organisation_id: string | null; value: number };
let facts: Fact[] = [];
/** The facts of one indicator as "month measure detail bucket @gemeente/organisation = value" lines, sorted. */
const lines = (indicator: string, month?: string) =>
  facts
    .filter((f) => (f as Fact & { indicator: string }).indicator === indicator && (!month || f.month === month))
    .map((f) => `${f.month.slice(0, 7)} ${f.measure}${f.detail ? ` ${f.detail}` : ''}${f.bucket !== -1 ? ` [${f.bucket}]` : ''} @${name(f.gemeente_id)}/${name(f.organisation_id)} = ${f.value}`)
    .sort();
const names = new Map<string, string>();
const name = (id: string | null) => (id ? (names.get(id) ?? '?') : '-');

async function caseOf(child: string, opened: string, opts: { nextEvaluationOn?: string; closedAt?: string } = {}) {
  const k = await db()
    .insertInto('cases')
    .values({
      region_id: r.regionId,
      child_id: child,
      organisation_id: r.po,
      case_manager_person_id: r.people[r.user('ib')],
      case_manager_organisation_id: r.po,
      title: 'Casus',
      opened_on: opened,
      next_evaluation_on: opts.nextEvaluationOn ?? '2027-06-01',
      status: opts.closedAt ? 'closed' : 'open',
      closed_at: opts.closedAt ? new Date(`${opts.closedAt}T12:00:00Z`) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('case_events')
    .values({ case_id: k.id, event: 'opened', at: new Date(`${opened}T09:00:00Z`), detail: JSON.stringify({ nextEvaluationOn: opts.nextEvaluationOn ?? '2027-06-01' }) })
    .execute();
  const plan = await db().insertInto('plans').values({ case_id: k.id, child_id: child, region_id: r.regionId }).returning('id').executeTakeFirstOrThrow();
  return { caseId: k.id, planId: plan.id };
}

const evaluated = (caseId: string, on: string, next: string) =>
  db().insertInto('case_events').values({ case_id: caseId, event: 'plan_evaluated', at: new Date(`${on}T10:00:00Z`), detail: JSON.stringify({ nextEvaluationOn: next }) }).execute();

async function goal(planId: string) {
  return (await db().insertInto('plan_goals').values({ plan_id: planId, life_domain: 'school', description: 'Doel', expected_outcome: 'Verwacht' }).returning('id').executeTakeFirstOrThrow()).id;
}
async function rate(goalId: string, score: number, on: string, corrects?: string) {
  return (
    await db()
      .insertInto('goal_evaluations')
      .values({ goal_id: goalId, score, evaluated_on: on, rated_by_person_id: r.people[r.user('ib')], corrects_evaluation_id: corrects ?? null, correction_reason: corrects ? 'Verkeerd ingevuld' : null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function request(caseId: string, child: string, opts: { kind: 'toegang' | 'provider' | 'tlv' | 'question_to_school'; to: string; sent: string; accepted?: string; decided?: string; decision?: 'granted' | 'refused'; helpStarted?: string }) {
  await db()
    .insertInto('requests')
    .values({
      region_id: r.regionId,
      child_id: child,
      case_id: caseId,
      kind: opts.kind,
      from_organisation_id: r.po,
      from_person_id: r.people[r.user('ib')],
      to_organisation_id: opts.to,
      status: opts.helpStarted ? 'help_started' : opts.decided ? 'decided' : opts.accepted ? 'accepted' : 'sent',
      question: 'Vraag',
      urgency: 'normal',
      goal: 'Doel',
      data_kinds: ['identity'],
      step_since: opts.sent,
      sent_on: opts.sent,
      accepted_on: opts.accepted ?? null,
      decided_on: opts.decided ?? null,
      decision: opts.decision ?? null,
      help_started_on: opts.helpStarted ?? null,
    })
    .execute();
}

async function thuiszitter(child: string, category: 'lrv' | 'absoluut' | '5a', start: string, end?: string) {
  const e = await db().insertInto('thuiszitters').values({ region_id: r.regionId, child_id: child, start_date: start }).returning('id').executeTakeFirstOrThrow();
  await db()
    .insertInto('thuiszitter_events')
    .values([
      { thuiszitter_id: e.id, kind: 'category', effective_on: start, category },
      { thuiszitter_id: e.id, kind: 'offer', effective_on: start, offer: 'none', offer_fitting: false },
      ...(end ? [{ thuiszitter_id: e.id, kind: 'end' as const, effective_on: end, end_reason: 'back_to_school' as const }] : []),
    ])
    .execute();
}

async function report(child: string, dueOn: string, deadline: string, events: { kind: 'reported' | 'dismissed'; on: string }[]) {
  const rep = await db()
    .insertInto('absence_reports')
    .values({ region_id: r.regionId, child_id: child, organisation_id: r.po, type: '16-uur', start_date: dueOn, end_date: dueOn, hours: 16, due_on: dueOn, deadline, origin: 'rule' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const e of events) await db().insertInto('absence_report_events').values({ report_id: rep.id, kind: e.kind, occurred_on: e.on, reference: e.kind === 'reported' ? 'DUO-1' : null, reason: e.kind === 'dismissed' ? 'Geoorloofd' : null }).execute();
}

/** Every weekday of a range, `hours` absent (days without lessons do not count; the monitor uses the school's calendar). */
async function absentEveryWeekday(child: string, from: string, to: string, hours: number) {
  const rows = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
    rows.push({ region_id: r.regionId, child_id: child, organisation_id: r.po, day: d.toISOString().slice(0, 10), hours, reason: 'ill', source: 'manual' as const });
  }
  await db().insertInto('absence_records').values(rows).execute();
}

beforeAll(async () => {
  t = await startTestApp({ children: 50 });
  r = await monitorRegion(t, 'ind');
  names.set(r.gA, 'Aadorp').set(r.gB, 'Beekdorp').set(r.po, 'po').set(r.vo, 'vo').set(r.swv, 'swv').set(r.provider, 'provider');
  const atPo = async (gemeente = r.gA) => {
    enrolledAtPo++;
    return r.child(gemeente, r.po);
  };

  // Thuiszitters: X (Aadorp, LRV from 15 June, no offer), Y (Beekdorp, 5a from 20 October),
  // Z (Aadorp, not enrolled from 1 September, back at school 10 October).
  await thuiszitter(await r.child(r.gA), 'lrv', '2026-06-15');
  await thuiszitter(await r.child(r.gB), '5a', '2026-10-20');
  await thuiszitter(await r.child(r.gA), 'absoluut', '2026-09-01', '2026-10-10');

  // Absence: B misses everything from September on, D six whole days in October, C one day.
  await absentEveryWeekday(await atPo(), '2026-09-01', '2026-10-31', 5.5);
  const d = await atPo();
  for (const day of ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-12']) await absentEveryWeekday(d, day, day, 5.5);
  await absentEveryWeekday(await atPo(), '2026-10-14', '2026-10-14', 5.5);

  // Absence reports due in October at the primary school: on time, late, open, and one dismissed.
  const rc = await atPo();
  await report(rc, '2026-10-05', '2026-10-12', [{ kind: 'reported', on: '2026-10-09' }]);
  await report(rc, '2026-10-13', '2026-10-20', [{ kind: 'reported', on: '2026-10-28' }]);
  await report(rc, '2026-10-21', '2026-10-28', []);
  await report(rc, '2026-10-22', '2026-10-29', [{ kind: 'dismissed', on: '2026-10-23' }]);

  // Cases and plans. K1: due 15 October, evaluated 10 October; K2: due 20 October, evaluated
  // 2 November; K3: due 10 November, not evaluated; K4: due 15 November but closed on 1 November.
  const c1 = await atPo();
  const k1 = await caseOf(c1, '2026-06-01', { nextEvaluationOn: '2026-10-15' });
  await evaluated(k1.caseId, '2026-10-10', '2027-04-01');
  const c2 = await atPo(r.gB);
  const k2 = await caseOf(c2, '2026-06-02', { nextEvaluationOn: '2026-10-20' });
  await evaluated(k2.caseId, '2026-11-02', '2027-05-01');
  await caseOf(await atPo(), '2026-06-03', { nextEvaluationOn: '2026-11-10' });
  await caseOf(await atPo(), '2026-06-04', { nextEvaluationOn: '2026-11-15', closedAt: '2026-11-01' });

  // Goals of K1's plan: G1 −1 then +1 in October; G2 0, corrected to −2; G3 +2 in November.
  const g1 = await goal(k1.planId);
  await rate(g1, -1, '2026-10-05');
  await rate(g1, 1, '2026-10-20');
  const g2 = await goal(k1.planId);
  const wrong = await rate(g2, 0, '2026-10-10');
  await rate(g2, -2, '2026-10-12', wrong);
  await rate(await goal(k1.planId), 2, '2026-11-03');

  // OPPs: K1's recorded 10 September, a parent agreed 20 September; K2's recorded 5 October, no answer.
  const guardian = await db().insertInto('guardians').values({ region_id: r.regionId, given_name: 'Ouder', family_name: 'Monitor' }).returning('id').executeTakeFirstOrThrow();
  const opp = (planId: string, on: string) =>
    db()
      .insertInto('plan_opp_versions')
      .values({ plan_id: planId, exit_profile: 'vmbo', exit_grounds: 'Toets', hindering_factors: '-', supporting_factors: '-', support: 'Extra', recorded_at: new Date(`${on}T10:00:00Z`) })
      .returning('id')
      .executeTakeFirstOrThrow();
  const o1 = await opp(k1.planId, '2026-09-10');
  await db().insertInto('plan_agreements').values({ plan_id: k1.planId, opp_version_id: o1.id, kind: 'guardian_agreement', guardian_id: guardian.id, agreed: true, on_date: '2026-09-20' }).execute();
  await opp(k2.planId, '2026-10-05');

  // Requests of K1: to the provider, help after 30 days (accepted after 10); to the provider, help
  // after 7 (accepted after 2); a question to the school (no help); a TLV to the SWV, granted in November.
  await request(k1.caseId, c1, { kind: 'toegang', to: r.provider, sent: '2026-09-01', accepted: '2026-09-11', helpStarted: '2026-10-01' });
  await request(k1.caseId, c1, { kind: 'provider', to: r.provider, sent: '2026-10-01', accepted: '2026-10-03', helpStarted: '2026-10-08' });
  await request(k1.caseId, c1, { kind: 'question_to_school', to: r.vo, sent: '2026-10-01', accepted: '2026-10-02', helpStarted: '2026-10-05' });
  await request(k1.caseId, c1, { kind: 'tlv', to: r.swv, sent: '2026-10-05', accepted: '2026-10-06', decided: '2026-11-10', decision: 'granted' });

  await refreshMonitor(t.database, r.regionId, { day: '2026-12-07' });
  facts = (await db().selectFrom('monitor_facts').selectAll().where('region_id', '=', r.regionId).execute()) as unknown as Fact[];
});
afterAll(async () => t?.close());

describe('facts of each indicator, by hand', () => {
  it('thuiszitters: the register at each month-end, with the 3-month norm and durations', () => {
    expect(lines('thuiszitters', '2026-08-01')).toEqual(['2026-08 duration 1to3m @Aadorp/- = 1', '2026-08 register lrv @Aadorp/- = 1']);
    // On 30 September Z has been at home all of September: 1 whole month (the register counts the last day too).
    expect(lines('thuiszitters', '2026-09-01')).toEqual([
      '2026-09 duration 1to3m @Aadorp/- = 1',
      '2026-09 duration 3to6m @Aadorp/- = 1',
      '2026-09 over3 lrv @Aadorp/- = 1',
      '2026-09 register absoluut @Aadorp/- = 1',
      '2026-09 register lrv @Aadorp/- = 1',
    ]);
    // Z is back at school on 10 October; Y's exemption counts, but not as a thuiszitter.
    expect(lines('thuiszitters', '2026-10-01')).toEqual(['2026-10 duration 3to6m @Aadorp/- = 1', '2026-10 over3 lrv @Aadorp/- = 1', '2026-10 register 5a @Beekdorp/- = 1', '2026-10 register lrv @Aadorp/- = 1']);
  });

  it('absence: each pupil enrolled at the month-end once, by the band of the school year so far', () => {
    const oct = lines('absence', '2026-10-01');
    expect(oct).toContain('2026-10 band severe @Aadorp/po = 1');
    expect(oct).toContain('2026-10 band chronic @Aadorp/po = 1');
    const onTrack = facts.filter((f) => (f as Fact & { indicator: string }).indicator === 'absence' && f.month === '2026-10-01' && f.detail === 'on_track').reduce((s, f) => s + f.value, 0);
    expect(onTrack).toBe(enrolledAtPo - 2);
    expect(oct.some((l) => l.includes('attention'))).toBe(false);
    // In September D and C had not missed anything yet; B had.
    expect(lines('absence', '2026-09-01').filter((l) => !l.includes('on_track'))).toEqual(['2026-09 band severe @Aadorp/po = 1']);
  });

  it('absence reports: by the month they became due; the dismissed one does not count', () => {
    expect(lines('absence_reports')).toEqual(['2026-10 report late @Aadorp/po = 1', '2026-10 report on_time @Aadorp/po = 1', '2026-10 report open @Aadorp/po = 1']);
  });

  it('plans: each due date once, on time when evaluated on or before it; a case closed before its date does not count', () => {
    expect(lines('plans')).toEqual(['2026-10 plan_due late @Beekdorp/po = 1', '2026-10 plan_due on_time @Aadorp/po = 1', '2026-11 plan_due late @Aadorp/po = 1']);
  });

  it('goals: the month\'s last rating of each goal, a correction replacing the rating it corrects', () => {
    expect(lines('goals')).toEqual(['2026-10 gas [-2] @Aadorp/po = 1', '2026-10 gas [1] @Aadorp/po = 1', '2026-11 gas [2] @Aadorp/po = 1']);
  });

  it('OPP: at each month-end, agreed or not answered yet', () => {
    expect(lines('opp', '2026-09-01')).toEqual(['2026-09 opp agreed @Aadorp/po = 1']);
    expect(lines('opp', '2026-10-01')).toEqual(['2026-10 opp agreed @Aadorp/po = 1', '2026-10 opp pending @Beekdorp/po = 1']);
  });

  it('time to help: days per receiving organisation and kind; a question to a school is not help', () => {
    expect(lines('requests')).toEqual([
      '2026-09 accept_days toegang [10] @Aadorp/provider = 1',
      '2026-10 accept_days provider [2] @Aadorp/provider = 1',
      '2026-10 accept_days tlv [1] @Aadorp/swv = 1',
      '2026-10 help_days provider [7] @Aadorp/provider = 1',
      '2026-10 help_days toegang [30] @Aadorp/provider = 1',
      '2026-10 start_days provider [5] @Aadorp/provider = 1',
      '2026-10 start_days toegang [20] @Aadorp/provider = 1',
    ]);
  });

  it('outflow: the TLV requested in October by the school, granted in November', () => {
    expect(lines('outflow')).toEqual(['2026-10 tlv_requested @Aadorp/po = 1', '2026-11 tlv_decided granted @Aadorp/po = 1']);
  });

  it('signals: none were raised here, so there are no signal facts at all (no zero rows)', () => {
    expect(lines('signals')).toEqual([]);
    expect(facts.every((f) => f.value > 0)).toBe(true);
  });
});
