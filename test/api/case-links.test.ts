import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A case page offers a link to the child's page and to the signal it was opened from only where
 * that page would open for the reader (issue 12, "No link leads to Geen toegang"): the server says
 * so in the case's `can`, deciding with the rules those pages ask.
 *
 * The demo case: a pupil of `leerkracht`'s group, opened by `ib` from `leerkracht`'s signal, with
 * `jeugdhulp` on the team under a consent (identity, school, plan) and `wijkteam` without one.
 */
let t: TestApp;
let caseId: string;
let childId: string;
let signalId: string;

beforeAll(async () => {
  t = await startTestApp({ children: 80 });
  const k = await t.database.db.selectFrom('cases').select(['id', 'child_id', 'opened_from_signal_id']).where('region_id', '=', t.demo.regionId).where('opened_from_signal_id', 'is not', null).executeTakeFirstOrThrow();
  caseId = k.id;
  childId = k.child_id;
  signalId = k.opened_from_signal_id!;
});
afterAll(async () => t?.close());

describe('links on a case page', () => {
  it('the school (care coordinator, the teacher who raised the signal) gets both links, and both pages open', async () => {
    for (const role of ['ib', 'leerkracht'] as const) {
      const c = await t.login(role);
      const view = (await c.get(`/api/v1/cases/${caseId}`)).json();
      expect(view.can, role).toMatchObject({ openChild: true, openSignal: true });
      expect((await c.get(`/api/v1/children/${childId}`)).statusCode, role).toBe(200);
      expect((await c.get(`/api/v1/signals/${signalId}`)).statusCode, role).toBe(200);
    }
  });

  it('a youth care worker with a consent in the case: the page of the child as far as the consent reaches, no link to the signal of the school', async () => {
    const jeugdhulp = await t.login('jeugdhulp');
    const view = (await jeugdhulp.get(`/api/v1/cases/${caseId}`)).json();
    expect(view.child).toMatchObject({ id: childId });
    expect(view.can).toMatchObject({ openChild: true, openSignal: false, assignCaseManager: false });
    // Where the links lead: the consent covers the child's identity, so the child's page opens; the
    // signal is the school's (its care coordinators and its author), so it would refuse her.
    expect((await jeugdhulp.get(`/api/v1/children/${childId}`)).statusCode).toBe(200);
    expect((await jeugdhulp.get(`/api/v1/signals/${signalId}`)).statusCode).toBe(404);
  });

  it('every demo professional: the case offers a link exactly when the page behind it opens', async () => {
    for (const role of ['ib', 'leerkracht', 'directeur', 'jeugdhulp', 'wijkteam', 'swv', 'leerplicht', 'mentor'] as const) {
      const c = await t.login(role);
      const res = await c.get(`/api/v1/cases/${caseId}`);
      if (res.statusCode !== 200) continue; // no relation to the case at all: no page, no links
      const can = res.json().can;
      expect(can.openChild, `${role}: child`).toBe((await c.get(`/api/v1/children/${childId}`)).statusCode === 200);
      expect(can.openSignal, `${role}: signal`).toBe((await c.get(`/api/v1/signals/${signalId}`)).statusCode === 200);
    }
  });

  it('a team member without a consent sees the case limited: no child, no links', async () => {
    const view = (await (await t.login('wijkteam')).get(`/api/v1/cases/${caseId}`)).json();
    expect(view).toMatchObject({ limited: true, can: { openChild: false, openSignal: false } });
    expect(view.child).toBeUndefined();
  });

  it('deciding on a link leaves no entry in the access log; opening the case leaves one', async () => {
    const jeugdhulp = await t.login('jeugdhulp');
    const before = await t.database.db.selectFrom('access_log').select('event').where('account_id', '=', t.demo.accounts.jeugdhulp.accountId).execute();
    await jeugdhulp.get(`/api/v1/cases/${caseId}`);
    const after = await t.database.db.selectFrom('access_log').select('event').where('account_id', '=', t.demo.accounts.jeugdhulp.accountId).execute();
    expect(after.slice(before.length).map((e) => e.event)).toEqual(['case.read']);
  });
});

describe('links on a plan page and a signal page', () => {
  it('every demo user who may read the plan: the child and the case are links exactly when those pages open', async () => {
    const planId = (await t.database.db.selectFrom('plans').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).id;
    const seen: string[] = [];
    for (const role of ['ib', 'leerkracht', 'directeur', 'jeugdhulp', 'wijkteam', 'swv', 'leerplicht', 'mentor', 'ouder', 'jongere'] as const) {
      const c = await t.login(role);
      const res = await c.get(`/api/v1/plans/${planId}`);
      if (res.statusCode !== 200) continue;
      seen.push(role);
      const can = res.json().can;
      expect(can.openChild, `${role}: child`).toBe((await c.get(`/api/v1/children/${childId}`)).statusCode === 200);
      expect(can.openCase, `${role}: case`).toBe((await c.get(`/api/v1/cases/${caseId}`)).statusCode === 200);
    }
    // The school's care coordinator and the youth care worker whose consent covers the plan read it; the
    // teacher on the team does not (domain.md: the plan only as a team member with consent).
    expect(seen).toEqual(['ib', 'jeugdhulp']);
  });

  it('the signal page: the child and the case are links exactly when those pages open', async () => {
    const seen: string[] = [];
    for (const role of ['ib', 'leerkracht', 'directeur', 'jeugdhulp', 'wijkteam', 'mentor'] as const) {
      const c = await t.login(role);
      const res = await c.get(`/api/v1/signals/${signalId}`);
      if (res.statusCode !== 200) continue;
      seen.push(role);
      const can = res.json().can;
      expect(can.openChild, `${role}: child`).toBe((await c.get(`/api/v1/children/${childId}`)).statusCode === 200);
      expect(can.openCase, `${role}: case`).toBe((await c.get(`/api/v1/cases/${caseId}`)).statusCode === 200);
    }
    expect(seen).toEqual(['ib', 'leerkracht']);
  });

  it('a teacher whose pupil left her group still reads her signal, but the child is no link any more', async () => {
    const leerkracht = await t.login('leerkracht');
    const e = await t.database.db.selectFrom('enrolments').select(['id', 'group_id']).where('child_id', '=', childId).where('end_date', 'is', null).executeTakeFirstOrThrow();
    await t.database.db.updateTable('enrolments').set({ group_id: null }).where('id', '=', e.id).execute();
    try {
      const res = await leerkracht.get(`/api/v1/signals/${signalId}`);
      if (res.statusCode === 200) {
        expect(res.json().can.openChild).toBe(false);
      }
      expect((await leerkracht.get(`/api/v1/children/${childId}`)).statusCode).toBe(404);
    } finally {
      await t.database.db.updateTable('enrolments').set({ group_id: e.group_id }).where('id', '=', e.id).execute();
    }
  });
});

/**
 * Links after a relation changed (non-negotiable 3): the same decision as the pages behind them,
 * as the relation is today. Run in this order: the first two leave the case as it was, the
 * withdrawal and the close are appended for good.
 */
describe('links on a case page after the relation changed', () => {
  type C = Awaited<ReturnType<TestApp['login']>>;
  /** The case's answer and, where it opens, whether each link matches the page behind it. */
  async function links(c: C) {
    const res = await c.get(`/api/v1/cases/${caseId}`);
    const child = (await c.get(`/api/v1/children/${childId}`)).statusCode;
    const signal = (await c.get(`/api/v1/signals/${signalId}`)).statusCode;
    if (res.statusCode !== 200) return { status: res.statusCode, child, signal };
    const can = res.json().can;
    expect(can.openChild).toBe(child === 200);
    expect(can.openSignal).toBe(signal === 200);
    return { status: 200, child, signal, openChild: can.openChild, openSignal: can.openSignal };
  }

  it('the same person acting for her other school: no case, no child, no signal', async () => {
    const ib = await t.login('ib');
    const school = (await t.database.db.selectFrom('cases').select('organisation_id').where('id', '=', caseId).executeTakeFirstOrThrow()).organisation_id;
    const other = await t.database.db.selectFrom('memberships').select('id').where('person_id', '=', t.demo.accounts.ib.personId!).where('organisation_id', '!=', school).where('ended_at', 'is', null).executeTakeFirstOrThrow();
    expect((await ib.put('/api/v1/session/membership', { membershipId: other.id })).statusCode).toBe(200);
    expect(await links(ib)).toEqual({ status: 404, child: 404, signal: 404 });
  });

  it('a youth care worker whose membership ended: no case and no link target opens', async () => {
    const jeugdhulp = await t.login('jeugdhulp');
    expect(await links(jeugdhulp)).toMatchObject({ status: 200, openChild: true, openSignal: false });
    const personId = t.demo.accounts.jeugdhulp.personId!;
    await t.database.db.updateTable('memberships').set({ ended_at: new Date() }).where('person_id', '=', personId).execute();
    try {
      expect(await links(jeugdhulp)).toMatchObject({ status: 404, child: 404, signal: 404 });
    } finally {
      await t.database.db.updateTable('memberships').set({ ended_at: null }).where('person_id', '=', personId).execute();
    }
  });

  it('after the consent is withdrawn the youth care worker sees the case limited, without a link to the child, and the child’s page is closed to her', async () => {
    const ib = await t.login('ib');
    const consent = (await ib.get(`/api/v1/cases/${caseId}`)).json().consents.find((c: { status: string }) => c.status === 'valid');
    const guardian = (await ib.get(`/api/v1/cases/${caseId}`)).json().consentRule.withdrawBy.guardians[0];
    expect((await ib.post(`/api/v1/consents/${consent.id}/withdraw`, { byGuardianId: guardian.id, method: 'verbal', reason: 'Moeder wil het eerst zelf regelen.' })).statusCode).toBe(200);
    const jeugdhulp = await t.login('jeugdhulp');
    expect(await links(jeugdhulp)).toEqual({ status: 200, child: 404, signal: 404, openChild: false, openSignal: false });
    expect((await jeugdhulp.get(`/api/v1/cases/${caseId}`)).json()).toMatchObject({ limited: true });
  });

  it('after the case is closed the school still has both links; the teacher keeps the child of her group', async () => {
    const ib = await t.login('ib');
    const version = (await ib.get(`/api/v1/cases/${caseId}`)).json().version;
    expect((await ib.post(`/api/v1/cases/${caseId}/close`, { reason: 'Doelen bereikt.', version })).statusCode).toBe(200);
    expect(await links(ib)).toMatchObject({ status: 200, openChild: true, openSignal: true });
    for (const role of ['leerkracht', 'jeugdhulp', 'wijkteam'] as const) await links(await t.login(role));
    expect((await (await t.login('leerkracht')).get(`/api/v1/children/${childId}`)).statusCode).toBe(200);
    // Youth care has no way to the child any more: the consent was withdrawn and the case is closed.
    expect((await (await t.login('jeugdhulp')).get(`/api/v1/children/${childId}`)).statusCode).toBe(404);
  });
});
