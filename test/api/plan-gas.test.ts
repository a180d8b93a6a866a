import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';
import { gasLine } from '../../src/modules/plans/plan-pdf.ts';

/**
 * Results that can be trusted (issue 12): a GAS evaluation (doelrealisatie) without a score is
 * refused with a field error — never stored as "0, zoals verwacht" — and a mistaken evaluation is
 * corrected by an appended correction with a reason; the original stays in the history.
 */

let t: TestApp;
let ib: Client;
let leerkracht: Client;
let mentor: Client;
let ouder: Client;
let pupil: string;
let planId: string;
let goalId: string;
let otherGoalId: string;
const day = today();

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  [ib, leerkracht, mentor, ouder] = await Promise.all(['ib', 'leerkracht', 'mentor', 'ouder'].map((u) => t.login(u)));
  const mine = ((await leerkracht.get('/api/v1/children?pageSize=100')).json().items as { id: string }[]).map((c) => c.id);
  const ofOuder = (await t.database.db.selectFrom('child_guardians').select('child_id').where('guardian_id', '=', t.demo.accounts.ouder.guardianId!).where('has_authority', '=', true).execute()).map((r) => r.child_id);
  pupil = ofOuder.find((c) => mine.includes(c))!;
  const k = (await ib.post('/api/v1/cases', { childId: pupil, title: 'Doelen die we kunnen meten' })).json();
  planId = k.planId;
  const lk = t.demo.accounts.leerkracht;
  // The teacher is on the team, without a grant for the plan: she may observe, not rate.
  expect((await ib.post(`/api/v1/cases/${k.id}/members`, { personId: lk.personId, organisationId: lk.organisationId, version: k.version })).statusCode).toBe(201);
  goalId = (await ib.post(`/api/v1/plans/${planId}/goals`, { lifeDomain: 'school', description: 'Werk afmaken', expectedOutcome: 'Hij maakt zijn weektaak af.' })).json().goals[0].id;
  const goals = (await ib.post(`/api/v1/plans/${planId}/goals`, { lifeDomain: 'home_family', description: 'Op tijd naar bed', expectedOutcome: 'Om negen uur in bed.' })).json().goals;
  otherGoalId = goals[1].id;
});
afterAll(async () => t?.close());

const evaluations = async () => t.database.db.selectFrom('goal_evaluations').selectAll().where('goal_id', '=', goalId).orderBy('created_at').execute();
const plan = async (c: Client = ib) => (await c.get(`/api/v1/plans/${planId}`)).json();
const goalOf = async (c: Client = ib) => (await plan(c)).goals.find((g: { id: string }) => g.id === goalId);
const mark = async () => (await t.database.db.selectFrom('access_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).seq;
const entriesSince = async (seq: number, accountId: string | null | undefined) =>
  t.database.db.selectFrom('access_log').select(['event', 'outcome', 'child_id', 'ground', 'detail']).where('seq', '>', seq).where('account_id', '=', accountId!).orderBy('seq').execute();

describe('an evaluation without a score is refused, not stored as 0', () => {
  it('no score, null or an empty choice: 400 with a field error on `score`; nothing stored', async () => {
    for (const body of [{ evaluatedOn: day }, { score: null, evaluatedOn: day }, { score: '', evaluatedOn: day }]) {
      const res = await ib.post(`/api/v1/plan-goals/${goalId}/evaluations`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'score', code: 'required', reason: expect.stringMatching(/Kies een score/) })]);
    }
    expect(await evaluations()).toEqual([]);
    expect((await goalOf()).latestScore).toBeNull();
  });

  it('every field error in one round: no score and a date in the future', async () => {
    const res = await ib.post(`/api/v1/plan-goals/${goalId}/evaluations`, { evaluatedOn: addCalendarDays(day, 3) });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['score', 'evaluatedOn']);
  });

  it('a score out of range stays a 400; a chosen 0 is stored as 0', async () => {
    expect((await ib.post(`/api/v1/plan-goals/${goalId}/evaluations`, { score: 3, evaluatedOn: day })).statusCode).toBe(400);
    expect((await ib.post(`/api/v1/plan-goals/${goalId}/evaluations`, { score: 0, evaluatedOn: addCalendarDays(day, -14) })).statusCode).toBe(201);
    expect((await evaluations()).map((e) => e.score)).toEqual([0]);
  });
});

describe('a mistaken evaluation is corrected by an appended correction with a reason', () => {
  let wrongId: string;
  let correctionId: string;
  beforeAll(async () => {
    const res = await ib.post(`/api/v1/plan-goals/${goalId}/evaluations`, { score: -2, evaluatedOn: day, comment: 'Per ongeluk −2 gekozen.' });
    expect(res.statusCode).toBe(201);
    wrongId = res.json().id;
  });

  it('the reason and the score are required (400, both in one round); nothing is written and the version stays', async () => {
    const version = (await plan()).version;
    const before = await evaluations();
    const res = await ib.post(`/api/v1/plan-goals/${goalId}/evaluations/${wrongId}/corrections`, { reason: '   ', version });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams.map((p: { name: string; code: string }) => [p.name, p.code])).toEqual([
      ['score', 'required'],
      ['reason', 'required'],
    ]);
    expect(await evaluations()).toEqual(before);
    expect((await plan()).version).toBe(version);
  });

  it('a correction based on a stale version of the plan: 409 with the plan as it is now', async () => {
    const version = (await plan()).version;
    const res = await ib.post(`/api/v1/plan-goals/${goalId}/evaluations/${wrongId}/corrections`, { score: 1, reason: 'Verkeerde score gekozen.', version: version - 1 || version + 5 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'stale_version', current: { id: planId, version } });
    expect((await evaluations()).filter((e) => e.corrects_evaluation_id)).toEqual([]);
  });

  it('appended: the original stays as it was; the plan shows the corrected score as "gecorrigeerd" and keeps both', async () => {
    const before = (await evaluations()).find((e) => e.id === wrongId)!;
    const version = (await plan()).version;
    const seq = await mark();
    const res = await ib.post(`/api/v1/plan-goals/${goalId}/evaluations/${wrongId}/corrections`, { score: 1, reason: 'Verkeerde score gekozen: het ging beter.', version });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(String), version: version + 1 });
    correctionId = res.json().id;
    expect(await entriesSince(seq, t.demo.accounts.ib.accountId)).toEqual([
      { event: 'plan.goal.evaluation.correct', outcome: 'allowed', child_id: pupil, ground: 'case_owner', detail: { goalId, evaluationId: wrongId } },
    ]);

    // The original row is untouched; the correction is a new row pointing to it, with reason and who.
    const rows = await evaluations();
    expect(rows.find((e) => e.id === wrongId)).toEqual(before);
    expect(rows.find((e) => e.id === correctionId)).toMatchObject({
      score: 1,
      evaluated_on: before.evaluated_on,
      corrects_evaluation_id: wrongId,
      correction_reason: 'Verkeerde score gekozen: het ging beter.',
      rated_by_person_id: t.demo.accounts.ib.personId,
    });

    const g = await goalOf();
    expect(g.latestScore).toBe(1);
    expect(g.latestCorrected).toBe(true);
    expect(g.evaluations.map((e: { id: string; score: number; corrects: string | null; correctedBy: string | null }) => [e.id, e.score, e.corrects, e.correctedBy])).toEqual([
      [expect.any(String), 0, null, null],
      [wrongId, -2, null, correctionId],
      [correctionId, 1, wrongId, null],
    ]);
    expect(g.evaluations[2]).toMatchObject({ correctionReason: 'Verkeerde score gekozen: het ging beter.', ratedBy: { kind: 'professional', name: expect.any(String) } });
    // The PDF for the family says the same: the corrected score, "gecorrigeerd", with the reason.
    expect(gasLine(g)).toMatch(/^\+1: iets beter dan we hoopten \(.+; gecorrigeerd: Verkeerde score gekozen: het ging beter\.\)$/);
    const pdf = await ouder.get(`/api/v1/plans/${planId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('history is appended, never changed: the database refuses to edit or delete an evaluation', async () => {
    await expect(sql`update goal_evaluations set score = 2 where id = ${wrongId}`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from goal_evaluations where id = ${wrongId}`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('an evaluation is corrected once (409); a wrong correction is corrected in its turn', async () => {
    const again = await ib.post(`/api/v1/plan-goals/${goalId}/evaluations/${wrongId}/corrections`, { score: 2, reason: 'Nog eens.', version: (await plan()).version });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_corrected');
    const res = await ouder.post(`/api/v1/plan-goals/${goalId}/evaluations/${correctionId}/corrections`, { score: 2, reason: 'Thuis ging het nog beter.', version: (await plan(ouder)).version });
    expect(res.statusCode, res.body).toBe(201);
    const g = await goalOf();
    expect([g.latestScore, g.latestCorrected]).toEqual([2, true]);
    expect(g.evaluations).toHaveLength(4);
    expect(g.evaluations[3]).toMatchObject({ corrects: correctionId, ratedBy: { kind: 'guardian' } });
  });

  it('who may not write the plan is refused (404, one denied entry), and nothing is written', async () => {
    const count = (await evaluations()).length;
    const version = (await plan()).version;
    for (const [who, client] of [
      ['mentor', mentor],
      ['leerkracht', leerkracht],
    ] as const) {
      const seq = await mark();
      const res = await client.post(`/api/v1/plan-goals/${goalId}/evaluations/${wrongId}/corrections`, { score: 2, reason: 'Ik vind het beter.', version });
      expect(res.statusCode, who).toBe(404);
      expect(await entriesSince(seq, t.demo.accounts[who].accountId)).toEqual([
        { event: 'plan.goal.evaluation.correct', outcome: 'denied', child_id: pupil, ground: null, detail: { goalId, evaluationId: wrongId } },
      ]);
    }
    expect((await evaluations()).length).toBe(count);
    expect((await plan()).version).toBe(version);
  });

  it('an evaluation of another goal cannot be corrected through this goal: 404, nothing written', async () => {
    const version = (await plan()).version;
    const res = await ib.post(`/api/v1/plan-goals/${otherGoalId}/evaluations/${wrongId}/corrections`, { score: 2, reason: 'x', version });
    expect(res.statusCode).toBe(404);
    expect((await plan()).version).toBe(version);
  });

  it('the plan says who may correct: the team and the family', async () => {
    expect((await plan()).can.correctEvaluation).toBe(true);
    expect((await plan(ouder)).can.correctEvaluation).toBe(true);
  });
});
