import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';
import { today } from '../../src/kernel/time.ts';

/**
 * What the demo's parent and young person were promised (issue 12): a plan and consents to read.
 * `GET /children/:id/consents` goes through the gateway on the consents data kind: the family sees
 * every consent of the child, who keeps a case only that case's, everyone else gets 404 (logged).
 * Whether the family may withdraw a consent itself follows the age rule of today.
 */
let t: TestApp;
let parentGuardianId: string;
let otherChild: string; // `ouder`'s child at another school, with a case kept by that school
let groupChild: string; // `ouder`'s child in `leerkracht`'s group, without a case
let youth: string;

beforeAll(async () => {
  t = await startTestApp();
  parentGuardianId = t.demo.accounts.ouder.guardianId!;
  youth = t.demo.accounts.jongere.childId!;
  const mine = await t.database.db.selectFrom('child_guardians').select('child_id').where('guardian_id', '=', parentGuardianId).where('has_authority', '=', true).execute();
  const withCase = await t.database.db.selectFrom('cases').select('child_id').where('child_id', 'in', mine.map((m) => m.child_id)).execute();
  expect(withCase).toHaveLength(1);
  otherChild = withCase[0].child_id;
  groupChild = mine.map((m) => m.child_id).find((id) => id !== otherChild)!;
});
afterAll(async () => t?.close());

const setAge = (childId: string, years: number) =>
  sql`update children set birth_date = (${today()}::date - make_interval(years => ${years}) - interval '10 days')::date where id = ${childId}`.execute(t.database.db);

describe('the parent in the portal', () => {
  it('reads the plan of the child with a case: title, goals, the goal in the family’s own words', async () => {
    const ouder = await t.login('ouder');
    const plans = (await ouder.get(`/api/v1/children/${otherChild}/plans`)).json().items;
    expect(plans).toEqual([{ id: expect.any(String), title: 'Buikpijn en niet naar school willen', status: 'open', nextEvaluationOn: addCalendarDays(today(), 35) }]);
    const plan = await ouder.get(`/api/v1/plans/${plans[0].id}`);
    expect(plan.statusCode).toBe(200);
    const goals = plan.json().goals as { description: string; inFamilyWords: boolean }[];
    expect(goals.map((g) => g.description).sort()).toEqual(['Elke ochtend naar school', 'Rustige ochtenden thuis']);
    expect(goals.find((g) => g.description === 'Rustige ochtenden thuis')!.inFamilyWords).toBe(true);
  });

  it('reads the consent: for what, who may look, which data, until when, and that she gave it', async () => {
    await setAge(otherChild, 13);
    const ouder = await t.login('ouder');
    const res = await ouder.get(`/api/v1/children/${otherChild}/consents`);
    expect(res.statusCode).toBe(200);
    const [c, ...rest] = res.json().items;
    expect(rest).toEqual([]);
    const parent = await t.database.db.selectFrom('guardians').select(['given_name', 'family_name']).where('id', '=', parentGuardianId).executeTakeFirstOrThrow();
    expect(c).toMatchObject({
      caseTitle: 'Buikpijn en niet naar school willen',
      purpose: 'Samen zorgen dat uw kind weer met plezier naar school gaat.',
      dataKinds: ['identity', 'school', 'plan'],
      recipients: [{ id: t.demo.accounts.jeugdhulp.organisationId, name: expect.any(String) }],
      status: 'valid',
      withdrawnOn: null,
      can: { withdraw: true },
    });
    // Seeded for a child of 12–15 or 16+: the parent is among the givers only under 16 at the time.
    if (c.ageRule !== 'child') expect(c.givenBy).toContainEqual({ child: false, name: `${parent.given_name} ${parent.family_name}` });
    // Logged as the parent's read, on her own ground.
    const entry = await t.database.db.selectFrom('access_log').select(['ground', 'outcome']).where('event', '=', 'child.consents.read').where('child_id', '=', otherChild).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toEqual({ ground: 'guardian_authority', outcome: 'allowed' });
  });

  it('once the child is 16 the parent reads the consent but may no longer withdraw it: the young person decides', async () => {
    await setAge(otherChild, 16);
    const ouder = await t.login('ouder');
    const items = (await ouder.get(`/api/v1/children/${otherChild}/consents`)).json().items;
    expect(items.map((c: { can: { withdraw: boolean } }) => c.can.withdraw)).toEqual([false]);
    // And the server agrees: the parent's own withdrawal is refused with the reason.
    const refused = await ouder.post(`/api/v1/consents/${items[0].id}/withdraw`, { reason: 'Test' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams[0].reason).toMatch(/16 of ouder/);
    await setAge(otherChild, 13);
  });

  it('the child without a case has no consents (an empty list, not an error)', async () => {
    const ouder = await t.login('ouder');
    const res = await ouder.get(`/api/v1/children/${groupChild}/consents`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });
});

describe('the young person in the portal', () => {
  it('reads her own plan and the consent she gave herself, withdraws it, and then reads it as withdrawn', async () => {
    const jongere = await t.login('jongere');
    const plans = (await jongere.get(`/api/v1/children/${youth}/plans`)).json().items;
    expect(plans.map((p: { title: string }) => p.title)).toEqual(['Diploma halen met een bijbaan']);
    const [c] = (await jongere.get(`/api/v1/children/${youth}/consents`)).json().items;
    expect(c).toMatchObject({ ageRule: 'child', givenBy: [{ child: true, name: null }], status: 'valid', can: { withdraw: true } });

    const done = await jongere.post(`/api/v1/consents/${c.id}/withdraw`, { reason: 'Ik wil eerst zelf met de mentor praten.' });
    expect(done.statusCode).toBe(200);
    const [after] = (await jongere.get(`/api/v1/children/${youth}/consents`)).json().items;
    expect(after).toMatchObject({ id: c.id, status: 'withdrawn', withdrawnOn: today(), withdrawalReason: 'Ik wil eerst zelf met de mentor praten.', can: { withdraw: false } });
  });

  it('cannot read another child’s consents: 404, logged as denied', async () => {
    const jongere = await t.login('jongere');
    expect((await jongere.get(`/api/v1/children/${otherChild}/consents`)).statusCode).toBe(404);
    const entry = await t.database.db.selectFrom('access_log').select(['outcome']).where('event', '=', 'child.consents.read').where('child_id', '=', otherChild).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry.outcome).toBe('denied');
  });
});

describe('professionals', () => {
  it('who keeps the case reads its consents (and may not withdraw them in the family’s name here)', async () => {
    const zc = await t.login('zorgcoordinator');
    const res = await zc.get(`/api/v1/children/${youth}/consents`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { caseTitle: string; can: { withdraw: boolean } }) => [c.caseTitle, c.can.withdraw])).toEqual([['Diploma halen met een bijbaan', false]]);
  });

  it('the mentor (no consents in her grants), the named youth care organisation not on the team, and another school get 404', async () => {
    for (const username of ['mentor', 'jeugdhulp', 'ib']) {
      const c = await t.login(username);
      expect((await c.get(`/api/v1/children/${youth}/consents`)).statusCode, username).toBe(404);
    }
  });

  it('the care coordinator whose membership ended no longer reads them', async () => {
    const personId = t.demo.accounts.zorgcoordinator.personId!;
    const zc = await t.login('zorgcoordinator');
    await t.database.db.updateTable('memberships').set({ ended_at: new Date() }).where('person_id', '=', personId).where('role', '=', 'care_coordinator').execute();
    try {
      expect((await zc.get(`/api/v1/children/${youth}/consents`)).statusCode).toBe(404);
    } finally {
      await t.database.db.updateTable('memberships').set({ ended_at: null }).where('person_id', '=', personId).where('role', '=', 'care_coordinator').execute();
    }
  });
});
