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
  await ib.post(`/api/v1/cases/${caseId}/members`, { personId: jh.personId, organisationId: jh.organisationId });
  await ib.post(`/api/v1/cases/${caseId}/members`, { personId: lk.personId, organisationId: lk.organisationId });
});
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
    const incomplete = await ib.post(`/api/v1/plans/${planId}/opp`, { exitProfile: 'vmbo-kader', exitGrounds: ' ', hinderingFactors: 'x', supportingFactors: 'y', support: 'z' });
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
        })
      ).statusCode,
    ).toBe(201);
    expect((await jeugdhulp.post(`/api/v1/plans/${planId}/opp`, { exitProfile: 'x', exitGrounds: 'x', hinderingFactors: 'x', supportingFactors: 'x', support: 'x' })).statusCode).toBe(404);
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
    expect((await ib.post(`/api/v1/plans/${planId}/evaluated`, { nextEvaluationOn: addCalendarDays(day, 400) })).statusCode).toBe(400);
    expect((await ib.post(`/api/v1/plans/${planId}/evaluated`, { nextEvaluationOn: addCalendarDays(day, 90) })).statusCode).toBe(200);
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
