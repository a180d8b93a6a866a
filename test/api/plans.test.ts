import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';

let t: TestApp;
let ib: Client;
let jeugdhulp: Client;
let leerkracht: Client;
let ouder: Client;
let pupil: string; // a child of `ouder` in leerkracht's group
let caseId: string;
let planId: string;
let guardianId: string;
const day = today();

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  ib = await t.login('ib');
  jeugdhulp = await t.login('jeugdhulp');
  leerkracht = await t.login('leerkracht');
  ouder = await t.login('ouder');
  const mine = ((await leerkracht.get('/api/v1/children?pageSize=100')).json().items as { id: string }[]).map((c) => c.id);
  const ofOuder = (await t.database.db.selectFrom('child_guardians').select('child_id').where('guardian_id', '=', t.demo.accounts.ouder.guardianId!).where('has_authority', '=', true).execute()).map((r) => r.child_id);
  pupil = ofOuder.find((c) => mine.includes(c))!;
  guardianId = t.demo.accounts.ouder.guardianId!;
  const k = (await ib.post('/api/v1/cases', { childId: pupil, title: 'Rust thuis en op school' })).json();
  caseId = k.id;
  planId = k.planId;
  const jh = t.demo.accounts.jeugdhulp;
  const lk = t.demo.accounts.leerkracht;
  expect((await ib.post(`/api/v1/cases/${caseId}/members`, { personId: jh.personId, organisationId: jh.organisationId, version: k.version })).statusCode).toBe(201);
  expect((await ib.post(`/api/v1/cases/${caseId}/members`, { personId: lk.personId, organisationId: lk.organisationId, version: k.version + 1 })).statusCode).toBe(201);
});

/** The plan's version as the user's screen shows it now (sent back with a new OPP or the evaluation of the plan). */
const planVersion = async (c: Client = ib, id = planId): Promise<number> => (await c.get(`/api/v1/plans/${id}`)).json().version;
afterAll(async () => t?.close());

describe('the shared plan', () => {
  let goalId: string;
  it('the IB adds a goal per life domain with the expected outcome; actions with owner and deadline', async () => {
    const res = await ib.post(`/api/v1/plans/${planId}/goals`, { lifeDomain: 'school', description: 'Meer rust in de klas', expectedOutcome: 'Hij maakt zijn werk af zonder driftbuien.' });
    expect(res.statusCode).toBe(201);
    goalId = res.json().goals[0].id;
    const noOwner = await ib.post(`/api/v1/plan-goals/${goalId}/actions`, { description: 'Time-out plek in de klas' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().invalidParams[0].name).toBe('ownerPersonId');
    const notOnTeam = await ib.post(`/api/v1/plan-goals/${goalId}/actions`, { description: 'x', ownerPersonId: t.demo.accounts.mentor.personId });
    expect(notOnTeam.json().invalidParams[0].code).toBe('not_on_team');
    expect((await ib.post(`/api/v1/plan-goals/${goalId}/actions`, { description: 'Time-out plek in de klas', ownerPersonId: t.demo.accounts.leerkracht.personId, deadline: addCalendarDays(day, 14) })).statusCode).toBe(201);
    expect((await ib.post(`/api/v1/plan-goals/${goalId}/actions`, { description: 'Vaste bedtijd', ownerFamily: true })).statusCode).toBe(201);
    const plan = (await ib.get(`/api/v1/plans/${planId}`)).json();
    expect(plan.goals[0].actions.map((a: { owner: string }) => a.owner)).toEqual([expect.stringMatching(/\w+ \w+/), 'Gezin']);
  });

  it('GAS evaluations: only −2…+2, not in the future, with who rated; the latest score is shown', async () => {
    expect((await ib.post(`/api/v1/plan-goals/${goalId}/evaluations`, { score: 3, evaluatedOn: day })).statusCode).toBe(400);
    expect((await ib.post(`/api/v1/plan-goals/${goalId}/evaluations`, { score: 1, evaluatedOn: addCalendarDays(day, 1) })).json().invalidParams[0].code).toBe('future');
    expect((await ib.post(`/api/v1/plan-goals/${goalId}/evaluations`, { score: -1, evaluatedOn: addCalendarDays(day, -30) })).statusCode).toBe(201);
    expect((await ib.post(`/api/v1/plan-goals/${goalId}/evaluations`, { score: 1, evaluatedOn: day, comment: 'Duidelijk rustiger.' })).statusCode).toBe(201);
    const g = (await ib.get(`/api/v1/plans/${planId}`)).json().goals[0];
    expect(g.latestScore).toBe(1);
    expect(g.evaluations.map((e: { score: number }) => e.score)).toEqual([-1, 1]);
    expect(g.evaluations[1].ratedBy).toEqual({ kind: 'professional', name: expect.any(String) });
    await expect(sql`update goal_evaluations set score = 2`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('the family adds its own goal and a comment, in their own words, through the API', async () => {
    const plans = (await ouder.get(`/api/v1/children/${pupil}/plans`)).json().items;
    expect(plans.map((p: { id: string }) => p.id)).toContain(planId);
    const res = await ouder.post(`/api/v1/plans/${planId}/goals`, { lifeDomain: 'home_family', description: 'Minder ruzie bij het naar bed gaan', expectedOutcome: 'Dat hij om acht uur rustig in bed ligt.' });
    expect(res.statusCode).toBe(201);
    const familyGoal = res.json().goals.find((g: { lifeDomain: string }) => g.lifeDomain === 'home_family');
    expect(familyGoal).toMatchObject({ inFamilyWords: true, addedBy: { kind: 'guardian', name: expect.any(String) } });
    expect((await ouder.post(`/api/v1/plans/${planId}/comments`, { text: 'Fijn dat school meedenkt.' })).statusCode).toBe(201);
    // The family cannot assign actions to professionals, nor write the OPP.
    expect((await ouder.post(`/api/v1/plan-goals/${goalId}/actions`, { description: 'x', ownerFamily: true })).statusCode).toBe(404);
  });

  it('a youth care worker on the team without consent cannot read the plan; with consent for "plan" can', async () => {
    expect((await jeugdhulp.get(`/api/v1/plans/${planId}`)).statusCode).toBe(404);
    const c = await ib.post(`/api/v1/cases/${caseId}/consents`, {
      purpose: 'Samen werken aan rust thuis',
      dataKinds: ['identity', 'plan'],
      recipientOrganisationIds: [t.demo.accounts.jeugdhulp.organisationId],
      givers: { guardianIds: [guardianId], childSelf: false },
      method: 'verbal',
      givenOn: day,
      validUntil: addCalendarDays(day, 180),
    });
    expect(c.statusCode).toBe(201);
    const plan = await jeugdhulp.get(`/api/v1/plans/${planId}`);
    expect(plan.statusCode).toBe(200);
    expect(plan.json().goals.length).toBe(2);
    const log = await t.database.db.selectFrom('access_log').selectAll().where('event', '=', 'plan.read').where('account_id', '=', t.demo.accounts.jeugdhulp.accountId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ outcome: 'allowed', ground: 'case_consent', consent_id: c.json().id, child_id: pupil });
  });

  it('the teacher on the team records an observation without seeing the plan itself', async () => {
    const res = await leerkracht.post(`/api/v1/plans/${planId}/observations`, { effect: 'better', text: 'Sinds twee weken minder driftbuien; werkt geconcentreerder.' });
    expect(res.statusCode).toBe(201);
    expect((await leerkracht.get(`/api/v1/plans/${planId}`)).statusCode).toBe(404); // plan only with consent
    const plan = (await ib.get(`/api/v1/plans/${planId}`)).json();
    expect(plan.observations[0]).toMatchObject({ effect: 'better', authorName: expect.any(String) });
    // Someone not on the team cannot write one.
    expect((await (await t.login('mentor')).post(`/api/v1/plans/${planId}/observations`, { effect: 'same', text: 'x' })).statusCode).toBe(404);
  });

  it('OPP: all legal parts are required; agreement by a parent with authority and the pupil heard are recorded', async () => {
    expect((await ib.post(`/api/v1/plans/${planId}/agreements`, { kind: 'pupil_heard', agreed: true, onDate: day })).statusCode).toBe(409); // no OPP yet
    const version = await planVersion();
    const incomplete = await ib.post(`/api/v1/plans/${planId}/opp`, { exitProfile: 'vmbo-kader', exitGrounds: ' ', hinderingFactors: 'x', supportingFactors: 'y', support: 'z', version });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['exitGrounds']);
    expect(
      (
        await ib.post(`/api/v1/plans/${planId}/opp`, {
          exitProfile: 'vmbo basis/kader',
          exitGrounds: 'Toetsresultaten en werkhouding; advies van de orthopedagoog.',
          hinderingFactors: 'Concentratie, prikkelgevoeligheid.',
          supportingFactors: 'Sterk in rekenen, goede band met de leerkracht.',
          support: 'Twee keer per week begeleiding in kleine groep.',
          version,
        })
      ).statusCode,
    ).toBe(201);
    expect((await jeugdhulp.post(`/api/v1/plans/${planId}/opp`, { exitProfile: 'x', exitGrounds: 'x', hinderingFactors: 'x', supportingFactors: 'x', support: 'x', version: version + 1 })).statusCode).toBe(404);
    const stranger = await ib.post(`/api/v1/plans/${planId}/agreements`, { kind: 'guardian_agreement', guardianId: '00000000-0000-4000-8000-000000000000', agreed: true, onDate: day });
    expect(stranger.json().invalidParams[0].code).toBe('not_an_authority_guardian');
    expect((await ib.post(`/api/v1/plans/${planId}/agreements`, { kind: 'guardian_agreement', guardianId, agreed: true, onDate: day })).statusCode).toBe(201);
    expect((await ib.post(`/api/v1/plans/${planId}/agreements`, { kind: 'pupil_heard', agreed: true, onDate: day, note: 'Gesprek met de IB.' })).statusCode).toBe(201);
    const plan = (await ib.get(`/api/v1/plans/${planId}`)).json();
    expect(plan.opp.exitProfile).toBe('vmbo basis/kader');
    expect(plan.agreements.map((a: { kind: string; forCurrentOpp: boolean }) => [a.kind, a.forCurrentOpp])).toEqual([
      ['guardian_agreement', true],
      ['pupil_heard', true],
    ]);
  });

  it('evaluation at least yearly: the next evaluation is after today and within a year', async () => {
    const version = await planVersion();
    expect((await ib.post(`/api/v1/plans/${planId}/evaluated`, { nextEvaluationOn: addCalendarDays(day, 400), version })).statusCode).toBe(400);
    const res = await ib.post(`/api/v1/plans/${planId}/evaluated`, { nextEvaluationOn: addCalendarDays(day, 90), version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ nextEvaluationOn: addCalendarDays(day, 90), version: version + 1 });
    expect((await ib.get(`/api/v1/plans/${planId}`)).json().nextEvaluationOn).toBe(addCalendarDays(day, 90));
  });

  it('prints as a PDF in Dutch, for the parent too', async () => {
    const res = await ouder.get(`/api/v1/plans/${planId}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(2000);
    expect((await (await t.login('swv')).get(`/api/v1/plans/${planId}/pdf`)).statusCode).toBe(404);
  });
});

describe('professional notes stay inside the organisation', () => {
  it('a note of the youth care provider is not visible to the school, not even when shared without a consent naming the school', async () => {
    expect((await jeugdhulp.post(`/api/v1/cases/${caseId}/notes`, { text: 'Intake gedaan; vader wil niet meewerken.' })).statusCode).toBe(201);
    expect((await jeugdhulp.post(`/api/v1/cases/${caseId}/notes`, { text: 'Gedeeld: eerste gesprek thuis verliep goed.', shared: true })).statusCode).toBe(201);
    expect((await ib.post(`/api/v1/cases/${caseId}/notes`, { text: 'Interne notitie school.' })).statusCode).toBe(201);
    const forIb = (await ib.get(`/api/v1/cases/${caseId}/notes`)).json().items.map((n: { text: string }) => n.text);
    expect(forIb).toEqual(['Interne notitie school.']);
    const forJh = (await jeugdhulp.get(`/api/v1/cases/${caseId}/notes`)).json().items.map((n: { text: string }) => n.text);
    expect(forJh.sort()).toEqual(['Gedeeld: eerste gesprek thuis verliep goed.', 'Intake gedaan; vader wil niet meewerken.'].sort());
  });
  it('with a consent covering notes for the youth care provider, the school’s shared notes become visible to it', async () => {
    expect((await ib.post(`/api/v1/cases/${caseId}/notes`, { text: 'Gedeeld met het team: gaat beter in de klas.', shared: true })).statusCode).toBe(201);
    const before = (await jeugdhulp.get(`/api/v1/cases/${caseId}/notes`)).json().items.map((n: { text: string }) => n.text);
    expect(before).not.toContain('Gedeeld met het team: gaat beter in de klas.');
    await ib.post(`/api/v1/cases/${caseId}/consents`, {
      purpose: 'Notities delen',
      dataKinds: ['notes'],
      recipientOrganisationIds: [t.demo.accounts.jeugdhulp.organisationId],
      givers: { guardianIds: [guardianId], childSelf: false },
      method: 'written',
      givenOn: day,
      validUntil: addCalendarDays(day, 180),
    });
    const after = (await jeugdhulp.get(`/api/v1/cases/${caseId}/notes`)).json().items.map((n: { text: string }) => n.text);
    expect(after).toContain('Gedeeld met het team: gaat beter in de klas.');
    expect(after).not.toContain('Interne notitie school.');
  });
});

describe('what the plan says each user may do', () => {
  it('the case owner may write the OPP; a youth care worker with consent may add actions but not the OPP; the parent adds goals', async () => {
    const owner = (await ib.get(`/api/v1/plans/${planId}`)).json().can;
    expect(owner).toMatchObject({ writeOpp: true, addAction: true, addGoal: true });
    const jhCan = (await jeugdhulp.get(`/api/v1/plans/${planId}`)).json().can;
    expect(jhCan).toMatchObject({ writeOpp: false, addAction: true });
    const parent = (await ouder.get(`/api/v1/plans/${planId}`)).json().can;
    expect(parent).toMatchObject({ addGoal: true, comment: true, addAction: false, writeOpp: false, observe: false });
  });
});

describe('no lost update: a new OPP and the evaluation of the plan name the version they were based on', () => {
  let k: { id: string; planId: string; version: number };
  const opp = (exitProfile: string, version: number) => ({
    exitProfile,
    exitGrounds: 'Toetsresultaten en werkhouding.',
    hinderingFactors: 'Concentratie.',
    supportingFactors: 'Motivatie.',
    support: 'Begeleiding in een kleine groep.',
    version,
  });
  const oppRows = async (id: string) => (await t.database.db.selectFrom('plan_opp_versions').select('exit_profile').where('plan_id', '=', id).orderBy('recorded_at').execute()).map((r) => r.exit_profile);
  beforeAll(async () => {
    k = (await ib.post('/api/v1/cases', { childId: pupil, title: 'Plan in twee tabbladen' })).json();
  });

  it('appends (goals, comments) need no version and leave it as it is', async () => {
    const version = await planVersion(ib, k.planId);
    expect((await ib.post(`/api/v1/plans/${k.planId}/goals`, { lifeDomain: 'school', description: 'Meedoen in de klas', expectedOutcome: 'Werkt een uur zelfstandig.' })).statusCode).toBe(201);
    expect((await ib.post(`/api/v1/plans/${k.planId}/comments`, { text: 'Goed begin.' })).statusCode).toBe(201);
    expect(await planVersion(ib, k.planId)).toBe(version);
  });

  it('two tabs record an OPP on the same version: the first is kept, the second gets 409 with the plan as it is now', async () => {
    const tab2 = await t.login('ib');
    const version = await planVersion(ib, k.planId);
    const first = await ib.post(`/api/v1/plans/${k.planId}/opp`, opp('havo', version));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: expect.any(String), version: version + 1 });
    const second = await tab2.post(`/api/v1/plans/${k.planId}/opp`, opp('vwo', version));
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.json()).toMatchObject({ code: 'stale_version', current: { id: k.planId, version: version + 1, opp: { exitProfile: 'havo', versionId: first.json().id } } });
    expect(await oppRows(k.planId)).toEqual(['havo']);
  });

  it('two evaluations sent at once: exactly one applies, and the case records one', async () => {
    const tab2 = await t.login('ib');
    const version = await planVersion(ib, k.planId);
    const caseVersion = (await ib.get(`/api/v1/cases/${k.id}`)).json().version;
    const answers = await Promise.all([
      ib.post(`/api/v1/plans/${k.planId}/evaluated`, { nextEvaluationOn: addCalendarDays(day, 60), version }),
      tab2.post(`/api/v1/plans/${k.planId}/evaluated`, { nextEvaluationOn: addCalendarDays(day, 120), version }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const won = answers.find((a) => a.statusCode === 200)!.json();
    const lost = answers.find((a) => a.statusCode === 409)!.json();
    expect(won.version).toBe(version + 1);
    expect(lost).toMatchObject({ code: 'stale_version', current: { version: version + 1, nextEvaluationOn: won.nextEvaluationOn } });
    const kv = (await ib.get(`/api/v1/cases/${k.id}`)).json();
    expect(kv.nextEvaluationOn).toBe(won.nextEvaluationOn);
    // The case's date moved: its version went up once, and its history has one evaluation.
    expect(kv.version).toBe(caseVersion + 1);
    expect(kv.history.filter((h: { event: string }) => h.event === 'plan_evaluated')).toEqual([expect.objectContaining({ detail: { nextEvaluationOn: won.nextEvaluationOn } })]);
  });

  it('an OPP based on the version before the evaluation is refused: the plan changed meanwhile', async () => {
    const stale = await ib.post(`/api/v1/plans/${k.planId}/opp`, opp('vmbo', (await planVersion(ib, k.planId)) - 1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect(await oppRows(k.planId)).toEqual(['havo']);
  });
});

/**
 * The plan through the one door (src/kernel/policy/gateway.ts): the plan, a goal or the case the
 * route names is found inside the checked transaction; a refusal is exactly one 'denied' entry (with
 * the child when the subject exists) and nothing written; a ground is always the policy's.
 */
describe('the plan through the gateway', () => {
  const MISSING = '00000000-0000-4000-8000-00000000beef';
  const mark = async () => (await t.database.db.selectFrom('access_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).seq;
  const entriesSince = async (seq: number, accountId: string | null | undefined) =>
    t.database.db.selectFrom('access_log').select(['event', 'outcome', 'child_id', 'ground', 'consent_id', 'detail']).where('seq', '>', seq).where('account_id', '=', accountId!).orderBy('seq').execute();
  let mentor: Client;
  let goalId: string;
  beforeAll(async () => {
    mentor = await t.login('mentor');
    goalId = (await ib.get(`/api/v1/plans/${planId}`)).json().goals[0].id;
  });

  it('a goal’s route: the family adding an action is one denied entry naming the goal and the child; nothing written', async () => {
    const actions = async () => (await t.database.db.selectFrom('plan_actions').select('id').where('goal_id', '=', goalId).execute()).length;
    const before = await actions();
    const seq = await mark();
    expect((await ouder.post(`/api/v1/plan-goals/${goalId}/actions`, { description: 'x', ownerFamily: true })).statusCode).toBe(404);
    expect(await entriesSince(seq, t.demo.accounts.ouder.accountId)).toEqual([{ event: 'plan.action.add', outcome: 'denied', child_id: pupil, ground: null, consent_id: null, detail: { goalId } }]);
    expect(await actions()).toBe(before);
    const seq2 = await mark();
    expect((await ib.post(`/api/v1/plan-goals/${MISSING}/evaluations`, { score: 1, evaluatedOn: day })).statusCode).toBe(404);
    expect(await entriesSince(seq2, t.demo.accounts.ib.accountId)).toEqual([{ event: 'plan.goal.evaluate', outcome: 'denied', child_id: null, ground: null, consent_id: null, detail: { goalId: MISSING } }]);
  });

  it('a goal’s route, allowed: the family rates its goal on its own ground', async () => {
    const seq = await mark();
    expect((await ouder.post(`/api/v1/plan-goals/${goalId}/evaluations`, { score: 0, evaluatedOn: day })).statusCode).toBe(201);
    expect(await entriesSince(seq, t.demo.accounts.ouder.accountId)).toEqual([{ event: 'plan.goal.evaluate', outcome: 'allowed', child_id: pupil, ground: 'guardian_authority', consent_id: null, detail: { goalId } }]);
  });

  it('the case’s plan and notes: found through the case in the checked transaction', async () => {
    const seq = await mark();
    const viaCase = await ib.get(`/api/v1/cases/${caseId}/plan`);
    expect(viaCase.statusCode).toBe(200);
    expect(viaCase.json().id).toBe(planId);
    expect(await entriesSince(seq, t.demo.accounts.ib.accountId)).toEqual([{ event: 'plan.read', outcome: 'allowed', child_id: pupil, ground: 'case_owner', consent_id: null, detail: { caseId } }]);

    const seq2 = await mark();
    expect((await mentor.get(`/api/v1/cases/${caseId}/notes`)).statusCode).toBe(404);
    expect((await mentor.get(`/api/v1/cases/${MISSING}/plan`)).statusCode).toBe(404);
    expect(await entriesSince(seq2, t.demo.accounts.mentor.accountId)).toEqual([
      { event: 'case.notes.read', outcome: 'denied', child_id: pupil, ground: null, consent_id: null, detail: { caseId } },
      { event: 'plan.read', outcome: 'denied', child_id: null, ground: null, consent_id: null, detail: { caseId: MISSING } },
    ]);
  });

  it('a team member without a grant writes an observation on the team’s ground, and cannot read the plan', async () => {
    const seq = await mark();
    expect((await leerkracht.post(`/api/v1/plans/${planId}/observations`, { effect: 'same', text: 'Wisselend.' })).statusCode).toBe(201);
    expect((await leerkracht.get(`/api/v1/plans/${planId}`)).statusCode).toBe(404);
    expect(await entriesSince(seq, t.demo.accounts.leerkracht.accountId)).toEqual([
      { event: 'plan.observation.add', outcome: 'allowed', child_id: pupil, ground: 'case_team', consent_id: null, detail: { planId } },
      { event: 'plan.read', outcome: 'denied', child_id: pupil, ground: null, consent_id: null, detail: { planId } },
    ]);
  });
});

describe('the plan of a closed case', () => {
  it('shows the case closed and offers no new goals; a goal sent anyway is refused with 409, and nothing is written', async () => {
    const withCase = new Set((await t.database.db.selectFrom('cases').select('child_id').execute()).map((k) => k.child_id));
    const child = ((await ib.get('/api/v1/children?pageSize=100')).json().items as { id: string }[]).find((c) => !withCase.has(c.id))!;
    const k = (await ib.post('/api/v1/cases', { childId: child.id, title: 'Kort traject' })).json();
    const before = (await ib.get(`/api/v1/plans/${k.planId}`)).json();
    expect(before).toMatchObject({ status: 'open', can: { addGoal: true, writeOpp: true, markEvaluated: true } });
    expect((await ib.post(`/api/v1/cases/${k.id}/close`, { reason: 'Afgerond.', version: k.version })).statusCode).toBe(200);

    const plan = (await ib.get(`/api/v1/plans/${k.planId}`)).json();
    expect(plan.status).toBe('closed');
    expect(plan.can).toMatchObject({ addGoal: false, addAction: false, writeOpp: false, markEvaluated: false, comment: true });
    const res = await ib.post(`/api/v1/plans/${k.planId}/goals`, { lifeDomain: 'school', description: 'Nog een doel', expectedOutcome: 'Het doel is gehaald.' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('case_closed');
    expect((await ib.get(`/api/v1/plans/${k.planId}`)).json().goals).toEqual([]);
  });
});
