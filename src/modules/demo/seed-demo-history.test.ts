import { sql } from 'kysely';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../kernel/db/database.ts';
import { addCalendarDays, calendarScopeOf, loadSchoolCalendar } from '../../kernel/calendar/school-days.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import type { Role } from '../../kernel/policy/roles.ts';
import { findTransition, pickupDeadline } from '../signals/index.ts';
import { findRequestTransition } from '../requests/index.ts';
import { getWorklist } from '../worklist/index.ts';
import type { RequestAction, RequestKind, RequestStatus } from '../../contracts/values/requests.ts';
import type { SignalAction, SignalStatus } from '../../contracts/values/signals.ts';
import { seedDemo, type DemoSeedResult } from './seed-demo.ts';

/**
 * The demo's history (seed-demo-history.ts), as the regional monitor will read it: 16 completed
 * months of signals, cases, plans, requests and thuiszitters in a small region, all of it over
 * before today — so that the demo's worklists are the same with and without it.
 */
const TODAY = '2026-12-07';
const WINDOW = { from: '2025-08-01', to: '2026-11-30' };
const CHILDREN = 300;
process.env.SAMENSPEL_TODAY = TODAY;

type Seeded = { database: Database; result: DemoSeedResult };
const seed = async (history: boolean): Promise<Seeded> => {
  const database = await createTestDatabase();
  const result = await seedDemo(database, { children: CHILDREN, today: TODAY, history });
  return { database, result };
};

/** A child as the seed makes it the same in every run (the ids are random): its BSN or onderwijsnummer. */
const childKey = sql<string>`(select coalesce(c.bsn, c.onderwijsnummer) from children c where c.id = child_id)`;

describe('the demo history (300 children, today 2026-12-07)', () => {
  let withHistory: Seeded;
  let without: Seeded;
  /** The children of the demo's own signals, cases and thuiszitters (the region without history has only those). */
  let demoOwn: Set<string>;
  let db: Database['db'];

  /** Rows of the history: those about children the demo's own records are not about. */
  const historyOnly = <T extends { key: string }>(rows: T[]) => rows.filter((r) => !demoOwn.has(r.key));

  beforeAll(async () => {
    withHistory = await seed(true);
    without = await seed(false);
    db = withHistory.database.db;
    const own = await without.database.db
      .selectFrom('signals')
      .select(childKey.as('key'))
      .union(without.database.db.selectFrom('cases').select(childKey.as('key')))
      .union(without.database.db.selectFrom('thuiszitters').select(childKey.as('key')))
      .execute();
    demoOwn = new Set(own.map((r) => r.key));
  }, 180_000);
  afterAll(async () => {
    await withHistory?.database.close();
    await without?.database.close();
  });

  it('reports what it added and where the window lies', () => {
    const h = withHistory.result.history!;
    expect(h).toMatchObject({ from: WINDOW.from, to: WINDOW.to });
    expect(h.signals).toBeGreaterThan(30);
    expect(h.cases).toBeGreaterThan(5);
    expect(h.thuiszitters).toBeGreaterThan(3);
    expect(without.result.history).toBeUndefined();
  });

  it('raises signals in every month of the window, by the school\'s own staff, picked up like the workflow does', async () => {
    const signals = historyOnly(
      await db
        .selectFrom('signals as s')
        .select(['s.id', 's.organisation_id', 's.author_person_id', 's.author_role', 's.status', 's.raised_on', 's.raised_at', 's.triaged_on', 's.triaged_at', 's.triage_decision', 's.pickup_deadline', 's.pickup_school_days', 's.version', 's.category', 's.urgency', childKey.as('key')])
        .execute(),
    );
    expect(signals.length).toBe(withHistory.result.history!.signals);
    const months = new Set(signals.map((s) => s.raised_on.slice(0, 7)));
    for (let m = WINDOW.from; m <= WINDOW.to; m = addCalendarDays(`${m.slice(0, 7)}-28`, 7).slice(0, 7) + '-01') {
      expect(months.has(m.slice(0, 7)), `signals in ${m.slice(0, 7)}`).toBe(true);
    }
    for (const s of signals) {
      expect(s.raised_on >= WINDOW.from && s.raised_on <= WINDOW.to).toBe(true);
      // Picked up, after it was raised and before today, and over.
      expect(s.triaged_on, s.id).not.toBeNull();
      expect(s.triaged_on! >= s.raised_on).toBe(true);
      expect(s.triaged_on! < TODAY).toBe(true);
      expect(s.triaged_at!.getTime()).toBeGreaterThan(s.raised_at.getTime());
      expect(['closed', 'case']).toContain(s.status);
    }

    // The author works at the pupil's school as teacher or mentor, or is its care coordinator.
    const memberships = await db.selectFrom('memberships').select(['person_id', 'organisation_id', 'role']).execute();
    const isMember = (personId: string, orgId: string, role: string) => memberships.some((m) => m.person_id === personId && m.organisation_id === orgId && m.role === role);
    for (const s of signals) {
      expect(['teacher', 'mentor', 'intern_begeleider', 'care_coordinator']).toContain(s.author_role);
      expect(isMember(s.author_person_id, s.organisation_id, s.author_role), s.id).toBe(true);
    }
    expect(signals.filter((s) => s.author_role === 'teacher' || s.author_role === 'mentor').length / signals.length).toBeGreaterThan(0.6);

    // The deadline as the signals module computes it, in school days of the school's calendar.
    const calendars = new Map<string, Awaited<ReturnType<typeof loadSchoolCalendar>>>();
    for (const org of new Set(signals.map((s) => s.organisation_id))) {
      calendars.set(org, await loadSchoolCalendar(db, await calendarScopeOf(db, org), '2025-07-01', '2027-03-01'));
    }
    for (const s of signals) {
      expect(s.pickup_deadline, s.id).toBe(pickupDeadline(calendars.get(s.organisation_id)!, s.raised_on, s.pickup_school_days));
      expect(s.pickup_school_days).toBe(s.category === 'safety' || s.urgency === 'urgent' ? 0 : 5);
    }

    // Most within the term, the rest a few days late.
    const onTime = signals.filter((s) => s.triaged_on! <= s.pickup_deadline).length / signals.length;
    expect(onTime).toBeGreaterThanOrEqual(0.6);
    expect(onTime).toBeLessThanOrEqual(0.9);

    // The history of each: raised as new, then only steps the workflow table allows, by the care
    // coordinator of the school; the first is the pick-up; it ends in the signal's status.
    const events = await db.selectFrom('signal_events').selectAll().where('signal_id', 'in', signals.map((s) => s.id)).orderBy('id').execute();
    for (const s of signals) {
      const mine = events.filter((e) => e.signal_id === s.id);
      expect(mine[0]).toMatchObject({ from_status: null, to_status: 'new', person_id: s.author_person_id });
      expect(mine.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i].from_status).toBe(mine[i - 1].to_status);
        const t = findTransition(mine[i].from_status as SignalStatus, mine[i].decision as SignalAction);
        expect(t, `${mine[i].from_status} --${mine[i].decision}-->`).toBeDefined();
        expect(t!.by).toBe('care');
        expect(t!.to).toBe(mine[i].to_status);
        expect(isMember(mine[i].person_id!, s.organisation_id, mine[i].role!)).toBe(true);
        expect(mine[i].at.getTime()).toBeGreaterThanOrEqual(mine[i - 1].at.getTime());
      }
      expect(mine[1].decision).toBe(s.triage_decision);
      expect(mine[1].at.getTime()).toBe(s.triaged_at!.getTime());
      expect(mine[mine.length - 1].to_status).toBe(s.status);
      expect(s.version).toBe(mine.length);
    }
  });

  it('tells the teacher of most decisions: a read signal_decided notification for each decision on her signal', async () => {
    const signals = historyOnly(await db.selectFrom('signals').select(['id', 'author_person_id', 'organisation_id', childKey.as('key')]).execute());
    const notes = await db.selectFrom('notifications').selectAll().where('signal_id', 'in', signals.map((s) => s.id)).execute();
    const decisions = await db.selectFrom('signal_events').select(['signal_id', 'person_id', 'at']).where('signal_id', 'in', signals.map((s) => s.id)).where('from_status', 'is not', null).execute();
    for (const n of notes) expect(n).toMatchObject({ kind: 'signal_decided', read_at: expect.any(Date) });
    for (const s of signals) {
      const mine = notes.filter((n) => n.signal_id === s.id);
      const decided = decisions.filter((d) => d.signal_id === s.id && d.person_id !== s.author_person_id);
      // One per decision by someone else than the author (none when the care coordinator raised it herself).
      expect(mine.length).toBe(decided.length);
      for (const n of mine) {
        expect(n.person_id).toBe(s.author_person_id);
        expect(n.organisation_id).toBe(s.organisation_id);
        expect(n.read_at!.getTime()).toBeGreaterThanOrEqual(n.created_at.getTime());
        expect(n.read_at!.getTime()).toBeLessThan(Date.parse(`${TODAY}T00:00:00+01:00`));
      }
    }
    const share = new Set(notes.map((n) => n.signal_id)).size / signals.length;
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.92);
  });

  it('opens cases from about a third of the signals, each with a plan, goals, GAS ratings and evaluations, and closes them all', async () => {
    const signals = historyOnly(await db.selectFrom('signals').select(['id', 'status', 'triaged_on', 'organisation_id', childKey.as('key')]).execute());
    const cases = historyOnly(await db.selectFrom('cases').selectAll().select(childKey.as('key')).execute());
    expect(cases.length).toBe(withHistory.result.history!.cases);
    const share = cases.length / signals.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.5);
    const events = await db.selectFrom('case_events').selectAll().where('case_id', 'in', cases.map((k) => k.id)).orderBy('id').execute();
    const plans = await db.selectFrom('plans').selectAll().where('case_id', 'in', cases.map((k) => k.id)).execute();
    const goals = await db.selectFrom('plan_goals').selectAll().where('plan_id', 'in', plans.map((p) => p.id)).execute();
    const ratings = await db.selectFrom('goal_evaluations').selectAll().where('goal_id', 'in', goals.map((g) => g.id)).execute();
    const members = await db.selectFrom('case_members').selectAll().where('case_id', 'in', cases.map((k) => k.id)).execute();
    let onTime = 0;
    let late = 0;
    for (const k of cases) {
      const signal = signals.find((s) => s.id === k.opened_from_signal_id);
      expect(signal, 'opened from a signal of the history').toBeDefined();
      expect(['case', 'closed']).toContain(signal!.status);
      expect(k.organisation_id).toBe(signal!.organisation_id);
      expect(k.opened_on >= signal!.triaged_on!).toBe(true);
      expect(k.status).toBe('closed');
      expect(k.closed_at).not.toBeNull();
      expect(k.closed_at!.getTime()).toBeLessThan(Date.parse(`${TODAY}T00:00:00+01:00`));
      expect(k.closed_at!.getTime()).toBeGreaterThan(k.opened_at.getTime());
      expect(members.some((m) => m.case_id === k.id && m.person_id === k.case_manager_person_id)).toBe(true);

      const mine = events.filter((e) => e.case_id === k.id);
      expect(mine[0].event).toBe('opened');
      expect(mine[0].detail).toMatchObject({ fromSignalId: k.opened_from_signal_id, caseManagerPersonId: k.case_manager_person_id });
      expect(mine[mine.length - 1].event).toBe('closed');
      // Evaluated on time or late against the date the previous step set (the opening, then each evaluation).
      let due = (mine[0].detail as { nextEvaluationOn: string }).nextEvaluationOn;
      expect(due > k.opened_on).toBe(true);
      for (const e of mine.filter((x) => x.event === 'plan_evaluated')) {
        const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(e.at);
        if (day <= due) onTime++;
        else late++;
        const next = (e.detail as { nextEvaluationOn: string }).nextEvaluationOn;
        expect(next > day).toBe(true);
        expect(next <= addCalendarDays(day, 366)).toBe(true);
        due = next;
      }
      expect(k.next_evaluation_on).toBe(due);

      const plan = plans.find((p) => p.case_id === k.id);
      expect(plan).toBeDefined();
      const planGoals = goals.filter((g) => g.plan_id === plan!.id);
      expect(planGoals.length).toBeGreaterThanOrEqual(1);
      expect(planGoals.length).toBeLessThanOrEqual(3);
    }
    expect(onTime).toBeGreaterThan(0);
    expect(late).toBeGreaterThan(0);
    // GAS −2 … +2, centred a little above 0.
    expect(ratings.length).toBeGreaterThan(0);
    for (const r of ratings) {
      expect(r.score).toBeGreaterThanOrEqual(-2);
      expect(r.score).toBeLessThanOrEqual(2);
    }
    const mean = ratings.reduce((sum, r) => sum + r.score, 0) / ratings.length;
    expect(mean).toBeGreaterThan(0);
    expect(mean).toBeLessThan(1);
    // Part of the plans have an OPP; the guardian's answer is on record, mostly agreed.
    const opps = await db.selectFrom('plan_opp_versions').select(['id', 'plan_id']).where('plan_id', 'in', plans.map((p) => p.id)).execute();
    const agreements = await db.selectFrom('plan_agreements').selectAll().where('plan_id', 'in', plans.map((p) => p.id)).execute();
    expect(opps.length).toBeGreaterThan(0);
    for (const a of agreements.filter((x) => x.kind === 'guardian_agreement')) {
      const authority = await db.selectFrom('child_guardians as cg').innerJoin('plans as p', 'p.child_id', 'cg.child_id').where('p.id', '=', a.plan_id).where('cg.guardian_id', '=', a.guardian_id!).select('cg.has_authority').executeTakeFirst();
      expect(authority?.has_authority).toBe(true);
      expect(opps.some((o) => o.id === a.opp_version_id && o.plan_id === a.plan_id)).toBe(true);
    }
    const guardianAnswers = agreements.filter((x) => x.kind === 'guardian_agreement');
    expect(guardianAnswers.filter((x) => x.agreed).length).toBeGreaterThan(guardianAnswers.length / 2);
  });

  it('sends requests from cases with the dates in order, through the workflow, each under a consent naming its receiver', async () => {
    const requests = historyOnly(await db.selectFrom('requests').selectAll().select(childKey.as('key')).execute());
    expect(requests.length).toBe(withHistory.result.history!.requests);
    expect(requests.length).toBeGreaterThan(0);
    const events = await db.selectFrom('request_events').selectAll().where('request_id', 'in', requests.map((r) => r.id)).orderBy('at').execute();
    const cases = await db.selectFrom('cases').select(['id', 'closed_at', 'opened_on', 'child_id']).where('id', 'in', requests.map((r) => r.case_id)).execute();
    const day = (d: string | null) => d ?? '9999-12-31';
    for (const r of requests) {
      // sent ≤ accepted ≤ decided ≤ help started ≤ ended, all before today; the request is over.
      const dates = [r.sent_on, r.accepted_on, r.decided_on, r.help_started_on, r.ended_on].filter((d): d is string => d !== null);
      expect([...dates].sort(), r.id).toEqual(dates);
      expect(r.ended_on).not.toBeNull();
      expect(r.ended_on! < TODAY).toBe(true);
      expect(['closed', 'declined', 'withdrawn']).toContain(r.status);
      if (r.kind === 'tlv' && r.status === 'closed') expect(['granted', 'partly', 'refused']).toContain(r.decision);
      if (r.decided_on) expect(r.decision).not.toBeNull();
      const k = cases.find((c) => c.id === r.case_id)!;
      expect(r.sent_on >= k.opened_on).toBe(true);
      expect(Date.parse(`${day(r.ended_on)}T00:00:00+01:00`)).toBeLessThanOrEqual(k.closed_at!.getTime());

      // Its history: sent, then only steps of the workflow table, by the side whose step it is.
      const mine = events.filter((e) => e.request_id === r.id);
      expect(mine[0]).toMatchObject({ action: 'send', from_status: null, to_status: 'sent', on_date: r.sent_on, organisation_id: r.from_organisation_id });
      for (let i = 1; i < mine.length; i++) {
        const t = findRequestTransition(r.kind as RequestKind, mine[i].from_status as RequestStatus, mine[i].action as RequestAction);
        expect(t, `${r.kind}: ${mine[i].from_status} --${mine[i].action}-->`).toBeDefined();
        expect(mine[i].from_status).toBe(mine[i - 1].to_status);
        expect(t!.to).toBe(mine[i].to_status);
        expect(mine[i].organisation_id).toBe(t!.by === 'sender' ? r.from_organisation_id : r.to_organisation_id);
        expect(mine[i].on_date >= mine[i - 1].on_date).toBe(true);
      }
      expect(mine[mine.length - 1].to_status).toBe(r.status);
      expect(mine[mine.length - 1].on_date).toBe(r.ended_on);

      // A consent of the case, valid on the day it was sent, naming the receiver, covering its data.
      const consents = await db
        .selectFrom('consents as con')
        .innerJoin('consent_recipients as cr', 'cr.consent_id', 'con.id')
        .where('con.case_id', '=', r.case_id)
        .where('con.child_id', '=', r.child_id)
        .where('cr.organisation_id', '=', r.to_organisation_id)
        .where('con.given_on', '<=', r.sent_on)
        .where('con.valid_until', '>=', r.sent_on)
        .select(['con.id', 'con.data_kinds', 'con.age_rule', 'con.recorded_at'])
        .execute();
      expect(consents.length, `consent for ${r.id}`).toBeGreaterThan(0);
      // Recorded before the request went out.
      expect(consents.some((c) => c.recorded_at.getTime() <= mine[0].at.getTime())).toBe(true);
      expect(r.data_kinds.every((d) => consents.some((c) => c.data_kinds.includes(d)))).toBe(true);
      const givers = await db.selectFrom('consent_givers').selectAll().where('consent_id', '=', consents[0].id).execute();
      expect(givers.some((g) => g.child_self)).toBe(consents[0].age_rule !== 'guardians');
      expect(givers.some((g) => g.guardian_id !== null)).toBe(consents[0].age_rule !== 'child');
    }
    // The receivers differ in how long they take: the median days to help are not all the same.
    const medians = new Map<string, number>();
    for (const to of new Set(requests.filter((r) => r.help_started_on).map((r) => r.to_organisation_id))) {
      const waits = requests.filter((r) => r.to_organisation_id === to && r.help_started_on).map((r) => (Date.parse(r.help_started_on!) - Date.parse(r.sent_on)) / 86_400_000).sort((a, b) => a - b);
      medians.set(to, waits[Math.floor(waits.length / 2)]);
    }
    if (medians.size > 1) expect(new Set(medians.values()).size).toBeGreaterThan(1);
  });

  it('keeps thuiszitters who came and went, a few at every month-end, some longer than 3 months without a fitting offer', async () => {
    const entries = historyOnly(await db.selectFrom('thuiszitters').select(['id', 'start_date', 'created_at', childKey.as('key')]).execute());
    expect(entries.length).toBe(withHistory.result.history!.thuiszitters);
    const events = await db.selectFrom('thuiszitter_events').selectAll().where('thuiszitter_id', 'in', entries.map((e) => e.id)).orderBy('id').execute();
    const endOf = new Map<string, string>();
    const categories = new Set<string>();
    let longWithoutOffer = 0;
    for (const e of entries) {
      const mine = events.filter((x) => x.thuiszitter_id === e.id);
      expect(mine[0]).toMatchObject({ kind: 'category', effective_on: e.start_date });
      categories.add(mine[0].category!);
      const end = mine.filter((x) => x.kind === 'end');
      expect(end).toHaveLength(1);
      expect(mine[mine.length - 1].kind).toBe('end');
      expect(end[0].effective_on > e.start_date).toBe(true);
      expect(end[0].effective_on < TODAY).toBe(true);
      endOf.set(e.id, end[0].effective_on);
      const threeMonths = addCalendarDays(e.start_date, 92);
      const fitting = mine.some((x) => x.kind === 'offer' && x.offer_fitting && x.effective_on <= threeMonths);
      if (end[0].effective_on > threeMonths && !fitting) longWithoutOffer++;
      if (mine[0].category === 'absoluut') expect(mine[0].school_location_id).toBeNull();
      else expect(mine[0].school_location_id).not.toBeNull();
    }
    expect([...categories].every((c) => ['lrv', 'absoluut', '5a'].includes(c))).toBe(true);
    expect(categories.has('lrv') && categories.has('5a')).toBe(true);
    expect(longWithoutOffer).toBeGreaterThan(0);
    for (let m = WINDOW.from; m <= WINDOW.to; m = addCalendarDays(`${m.slice(0, 7)}-28`, 7).slice(0, 7) + '-01') {
      const monthEnd = addCalendarDays(addCalendarDays(`${m.slice(0, 7)}-28`, 7).slice(0, 7) + '-01', -1);
      const open = entries.filter((e) => e.start_date <= monthEnd && endOf.get(e.id)! > monthEnd).length;
      expect(open, `open on ${monthEnd}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('leaves nothing open and nothing unread: the same work as without history', async () => {
    const count = async (database: Database, query: string) => Number(((await sql.raw<{ n: string }>(query).execute(database.db)).rows[0] as { n: string }).n);
    const open = [
      `select count(*) as n from signals where status in ('new', 'watching', 'in_school', 'referred')`,
      `select count(*) as n from cases where status = 'open'`,
      `select count(*) as n from requests where status in ('sent', 'info_requested', 'accepted', 'decided', 'help_started')`,
      `select count(*) as n from notifications where read_at is null`,
      `select count(*) as n from request_observations where answered_on is null`,
      `select count(*) as n from thuiszitters t where not exists (select 1 from thuiszitter_events e where e.thuiszitter_id = t.id and e.kind = 'end')`,
    ];
    for (const q of open) expect(await count(withHistory.database, q), q).toBe(await count(without.database, q));
    // And the history did add rows.
    expect(await count(withHistory.database, 'select count(*) as n from signals')).toBeGreaterThan(await count(without.database, 'select count(*) as n from signals'));
  });

  it("gives every demo professional the same worklist with and without history (the IB'er's at both her schools)", async () => {
    const worklists = async (s: Seeded) => {
      const accounts = await s.database.db
        .selectFrom('accounts as a')
        .innerJoin('memberships as m', 'm.person_id', 'a.person_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .where('a.kind', '=', 'professional')
        .select(['a.id', 'a.username', 'a.region_id', 'a.person_id', 'm.id as membership_id', 'm.organisation_id', 'm.role', 'o.kind', 'o.name', 'o.gemeente_id'])
        .orderBy('a.username')
        .orderBy('o.name')
        .execute();
      const out: Record<string, unknown> = {};
      for (const a of accounts) {
        const actor: Actor = {
          accountId: a.id,
          regionId: a.region_id,
          username: a.username,
          kind: 'professional',
          personId: a.person_id,
          guardianId: null,
          childId: null,
          membership: { id: a.membership_id, organisationId: a.organisation_id, organisationKind: a.kind, organisationName: a.name, gemeenteId: a.gemeente_id, role: a.role as Role },
          ip: null,
        };
        const w = await getWorklist(s.database, actor, {});
        out[`${a.username} @ ${a.name}`] = {
          counts: w.counts,
          items: w.items.map((i) => ({ kind: i.kind, dueOn: i.dueOn, overdue: i.overdue, urgent: i.urgent, title: i.title, child: i.child?.name ?? null, organisation: i.organisationName })),
        };
      }
      return out;
    };
    const a = await worklists(withHistory);
    const b = await worklists(without);
    expect(Object.keys(a)).toContain('ib @ OBS De Regenboog');
    expect(Object.keys(a)).toContain('ib @ OBS Het Palet');
    expect((a['ib @ OBS De Regenboog'] as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });

  it('is deterministic: the same seed gives the same history', async () => {
    const fingerprint = async (database: Database) =>
      (
        await sql<{ f: string }>`
          select string_agg(x, ';' order by x) as f from (
            select coalesce(c.bsn, c.onderwijsnummer) || s.raised_on || s.category || s.status || coalesce(s.triaged_on::text, '') as x from signals s join children c on c.id = s.child_id
            union all select coalesce(c.bsn, c.onderwijsnummer) || k.opened_on || k.next_evaluation_on || k.title from cases k join children c on c.id = k.child_id
            union all select coalesce(c.bsn, c.onderwijsnummer) || r.kind || r.sent_on || r.status || coalesce(r.help_started_on::text, '') from requests r join children c on c.id = r.child_id
            union all select coalesce(c.bsn, c.onderwijsnummer) || t.start_date from thuiszitters t join children c on c.id = t.child_id
          ) q`.execute(database.db)
      ).rows[0].f;
    const again = await seed(true);
    try {
      expect(await fingerprint(again.database)).toBe(await fingerprint(withHistory.database));
    } finally {
      await again.database.close();
    }
  }, 120_000);
});
