import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { pupilWithParentAndNoCase } from '../support/pupils.ts';
import { Fixture } from '../support/fixtures.ts';

/*
 * "Today" is pinned to today's date in the Netherlands: a plan evaluated through the API is recorded
 * at the real moment (case_events.at), and the family is asked from that day on, so the day the
 * tests run is the day they are about. Other days are reached by pinning a day relative to it.
 */
const REAL_TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
process.env.SAMENSPEL_TODAY = REAL_TODAY;

const { startTestApp } = await import('../support/test-app.ts');
const { satisfactionFacts, openAnswers } = await import('../../src/modules/surveys/index.ts');
const { addCalendarDays } = await import('../../src/kernel/calendar/school-days.ts');
const { teacherPeriodOf } = await import('../../src/modules/surveys/survey-periods.ts');
const { ageOn } = await import('../../src/kernel/time.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

/**
 * Satisfaction questions for the regional monitor (issue 14, docs/monitor-satisfaction.md): parents
 * and young people after a plan evaluation (1–10), teachers on a case team once a quarter (1–5);
 * answers stored without anyone's id, once per person; the monitor's facts and open answers. On
 * both engines.
 */
let t: TestApp;
let ib: Client;
let leerkracht: Client;
let parent: Client;
let otherParent: Client;
let pupil: string;
let caseId: string;
const D = REAL_TODAY;
const MONTH = `${D.slice(0, 7)}-01`;
const db = () => t.database.db;
const at = (day: string, hh = '12') => new Date(`${day}T${hh}:00:00+01:00`);
const open = async (c: Client) => {
  const res = await c.get('/api/v1/surveys/open');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; kind: string; scaleMax: number; openUntil: string; evaluatedOn: string | null; period: { from: string; to: string } | null; child: { id: string; name: string } | null; organisationName: string }[];
};
const answer = (c: Client, id: string, body: unknown) => c.post(`/api/v1/surveys/questions/${id}/answer`, body);
const counts = async () => ({
  answers: Number((await db().selectFrom('survey_answers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  participations: Number((await db().selectFrom('survey_participations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
});
const withDay = async <T,>(day: string, work: () => Promise<T>): Promise<T> => {
  process.env.SAMENSPEL_TODAY = day;
  try {
    return await work();
  } finally {
    process.env.SAMENSPEL_TODAY = REAL_TODAY;
  }
};

/** A portal or professional account with the demo password, for a guardian, a child or a person. */
async function account(username: string, who: { guardianId?: string; childId?: string; personId?: string }) {
  const passwordHash = (await db().selectFrom('accounts').select('password_hash').where('username', '=', 'ib').executeTakeFirstOrThrow()).password_hash!;
  const kind = who.guardianId ? 'guardian' : who.childId ? 'youth' : 'professional';
  await db()
    .insertInto('accounts')
    .values({ region_id: t.demo.regionId, username, password_hash: passwordHash, kind, guardian_id: who.guardianId ?? null, child_id: who.childId ?? null, person_id: who.personId ?? null })
    .execute();
  return t.login(username);
}

/** A plan evaluation recorded on a day (as the plans module records it, at a moment of that day). */
async function evaluated(caseOf: string, day: string, when = at(day)) {
  const k = await db().selectFrom('cases').select(['case_manager_person_id', 'case_manager_organisation_id']).where('id', '=', caseOf).executeTakeFirstOrThrow();
  return (
    await db()
      .insertInto('case_events')
      .values({ case_id: caseOf, person_id: k.case_manager_person_id, organisation_id: k.case_manager_organisation_id, event: 'plan_evaluated', detail: JSON.stringify({ nextEvaluationOn: addCalendarDays(day, 60) }), at: when })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  [ib, leerkracht] = await Promise.all(['ib', 'leerkracht'].map((u) => t.login(u)));
  const found = await pupilWithParentAndNoCase(t, leerkracht);
  pupil = found.pupil;
  parent = await account('ouder-enquete', { guardianId: found.guardianId });
  // A parent without authority over the same child.
  const g = await db().insertInto('guardians').values({ region_id: t.demo.regionId, given_name: 'Stief', family_name: 'Ouder' }).returning('id').executeTakeFirstOrThrow();
  await db().insertInto('child_guardians').values({ child_id: pupil, guardian_id: g.id, relation: 'other', has_authority: false }).execute();
  otherParent = await account('ouder-zonder-gezag', { guardianId: g.id });
});
afterAll(async () => t?.close());

describe('a parent with authority, after a plan evaluation', () => {
  let questionId: string;

  it('is not asked before the plan is evaluated, and is asked once it is (in the portal, naming the child)', async () => {
    const opened = await ib.post('/api/v1/cases', { childId: pupil, title: 'Rust in de klas' });
    expect(opened.statusCode, opened.body).toBe(201);
    caseId = opened.json().id;
    expect(await open(parent)).toEqual([]);

    const planId = (await db().selectFrom('plans').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).id;
    const plan = (await ib.get(`/api/v1/plans/${planId}`)).json();
    const res = await ib.post(`/api/v1/plans/${planId}/evaluated`, { nextEvaluationOn: addCalendarDays(D, 90), version: plan.version });
    expect(res.statusCode, res.body).toBe(200);

    const child = await db().selectFrom('children').select('given_name').where('id', '=', pupil).executeTakeFirstOrThrow();
    const school = await db().selectFrom('cases as k').innerJoin('organisations as o', 'o.id', 'k.organisation_id').select('o.name').where('k.id', '=', caseId).executeTakeFirstOrThrow();
    const items = await open(parent);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'family', scaleMax: 10, evaluatedOn: D, openUntil: addCalendarDays(D, 30), period: null, child: { id: pupil, name: child.given_name }, organisationName: school.name }),
    ]);
    questionId = items[0].id;
    expect(questionId).toMatch(/^evaluation-\d+$/);
    // The question names the child: the parent's look at it is in the child's access log, on her authority.
    const logged = await db().selectFrom('access_log').select(['event', 'outcome', 'ground']).where('child_id', '=', pupil).where('event', '=', 'survey.list').execute();
    expect(logged).toEqual([{ event: 'survey.list', outcome: 'allowed', ground: 'guardian_authority' }]);
    // Its own page.
    const one = await parent.get(`/api/v1/surveys/questions/${questionId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(items[0]);
  });

  it('a parent without authority is not asked, and cannot open or answer the question', async () => {
    expect(await open(otherParent)).toEqual([]);
    expect((await otherParent.get(`/api/v1/surveys/questions/${questionId}`)).statusCode).toBe(404);
    const before = await counts();
    expect((await answer(otherParent, questionId, { score: 3 })).statusCode).toBe(404);
    // Nor anyone else: a professional, the young person of another family.
    expect((await answer(ib, questionId, { score: 3 })).statusCode).toBe(404);
    expect((await answer(await t.login('jongere'), questionId, { score: 3 })).statusCode).toBe(404);
    expect((await ib.get(`/api/v1/surveys/questions/${questionId}`)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('bad input is refused with a field error per field, and nothing is written', async () => {
    const before = await counts();
    const cases: [unknown, { name: string; code: string }[]][] = [
      [{}, [{ name: 'score', code: 'required' }]],
      [{ openAnswer: 'Alleen tekst.' }, [{ name: 'score', code: 'required' }]],
      [{ score: 0 }, [{ name: 'score', code: 'minimum' }]],
      [{ score: 11 }, [{ name: 'score', code: 'maximum' }]],
      [{ score: 7.5 }, [{ name: 'score', code: 'type' }]],
      [{ score: 7, openAnswer: 'x'.repeat(1001) }, [{ name: 'openAnswer', code: 'maxLength' }]],
      // Both wrong at once: both named in one answer.
      [{ score: 12, openAnswer: 'x'.repeat(1001) }, [{ name: 'score', code: 'maximum' }, { name: 'openAnswer', code: 'maxLength' }]],
      [{ declined: true, score: 5 }, [{ name: 'score', code: 'declined' }]],
      [{ declined: true, openAnswer: 'Toch iets.' }, [{ name: 'openAnswer', code: 'declined' }]],
      [{ score: 7, name: 'extra' }, [{ name: 'body', code: 'additionalProperties' }]],
    ];
    for (const [body, errors] of cases) {
      const res = await answer(parent, questionId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem.invalidParams, JSON.stringify(body)).toEqual(expect.arrayContaining(errors.map((e) => expect.objectContaining(e))));
      expect(problem.invalidParams.length, JSON.stringify(problem.invalidParams)).toBe(errors.length);
    }
    // A question id that is no question's.
    expect((await answer(parent, 'evaluation-abc', { score: 5 })).statusCode).toBe(400);
    expect((await answer(parent, 'evaluation-999999999', { score: 5 })).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
    expect(await open(parent)).toHaveLength(1);
  });

  it('answers once: a score and an open answer, stored without her, the child or the case; a second answer is refused', async () => {
    const before = await counts();
    const logBefore = await db().selectFrom('access_log').select('seq').where('account_id', '=', await accountId('ouder-enquete')).execute();
    const res = await answer(parent, questionId, { score: 8, openAnswer: '  Fijn dat de school zo snel meedacht.  ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ id: questionId, declined: false });
    expect(await counts()).toEqual({ answers: before.answers + 1, participations: before.participations + 1 });
    // Answered: no longer asked, and a second answer is refused without writing anything.
    expect(await open(parent)).toEqual([]);
    const again = await answer(parent, questionId, { score: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_answered');
    expect((await answer(parent, questionId, { declined: true })).statusCode).toBe(409);
    expect(await counts()).toEqual({ answers: before.answers + 1, participations: before.participations + 1 });

    // What is kept: the month, the case's school, the gemeente the child lived in that day, the score, the text.
    const k = await db().selectFrom('cases').select('organisation_id').where('id', '=', caseId).executeTakeFirstOrThrow();
    const residence = await db().selectFrom('child_residences').select('gemeente_id').where('child_id', '=', pupil).where('valid_from', '<=', D).orderBy('valid_from', 'desc').executeTakeFirstOrThrow();
    const row = await db().selectFrom('survey_answers').selectAll().where('open_answer', '=', 'Fijn dat de school zo snel meedacht.').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'family', month: MONTH, organisation_id: k.organisation_id, gemeente_id: residence.gemeente_id, score: 8, stored_on: MONTH });
    // That she answered, apart: who and which evaluation, not what nor whether she declined.
    const event = Number(questionId.slice('evaluation-'.length));
    const guardianId = (await db().selectFrom('accounts').select('guardian_id').where('username', '=', 'ouder-enquete').executeTakeFirstOrThrow()).guardian_id;
    expect(await db().selectFrom('survey_participations').selectAll().where('case_event_id', '=', event).execute()).toEqual([
      { region_id: t.demo.regionId, kind: 'family', case_event_id: event, period_start: null, guardian_id: guardianId, child_id: null, person_id: null },
    ]);
    // Answering writes nothing in the access log (docs/monitor-satisfaction.md): not who answered, not when.
    const logAfter = await db().selectFrom('access_log').select(['seq', 'event']).where('account_id', '=', await accountId('ouder-enquete')).execute();
    expect(logAfter.filter((e) => !logBefore.some((b) => b.seq === e.seq)).map((e) => e.event)).toEqual([]);
  });

  it('is asked through the 30th day after the evaluation, not on the 31st nor before the evaluation day', async () => {
    // The demo parent `ouder`: her child's plan was evaluated five days ago (the demo seed).
    const ouder = await t.login('ouder');
    const mine = await open(ouder);
    expect(mine).toEqual([expect.objectContaining({ kind: 'family', evaluatedOn: addCalendarDays(D, -5) })]);
    expect(await withDay(addCalendarDays(D, 25), () => open(ouder))).toEqual([expect.objectContaining({ id: mine[0].id, openUntil: addCalendarDays(D, 25) })]);
    expect(await withDay(addCalendarDays(D, 26), () => open(ouder))).toEqual([]);
    expect(await withDay(addCalendarDays(D, -6), () => open(ouder))).toEqual([]);
    // Answering after the 30th day: no longer a question of hers.
    expect((await withDay(addCalendarDays(D, 26), () => answer(ouder, mine[0].id, { score: 6 }))).statusCode).toBe(404);
    // "Liever niet" on the day itself: asked no more, kept as a declined answer without a score.
    const before = await counts();
    const res = await answer(ouder, mine[0].id, { declined: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ id: mine[0].id, declined: true });
    expect(await counts()).toEqual({ answers: before.answers + 1, participations: before.participations + 1 });
    expect(await open(ouder)).toEqual([]);
  });

  it('a plan evaluated again asks again, about the latest evaluation only', async () => {
    // Evaluated again a second after the first (which the API dated now), whatever the time of day the test runs.
    const first = await db().selectFrom('case_events').select('at').where('case_id', '=', caseId).where('event', '=', 'plan_evaluated').orderBy('at', 'desc').executeTakeFirstOrThrow();
    const second = await evaluated(caseId, D, new Date(new Date(first.at).getTime() + 1000));
    const items = await open(parent);
    expect(items.map((i) => i.id)).toEqual([`evaluation-${second}`]);
  });
});

describe('the young person', () => {
  it('is asked from 12 (here: 16+, the demo `jongere`), about their own plan, naming no child', async () => {
    const jongere = await t.login('jongere');
    expect(await open(jongere)).toEqual([]);
    const k = await db().selectFrom('cases').select('id').where('child_id', '=', t.demo.accounts.jongere.childId!).executeTakeFirstOrThrow();
    const event = await evaluated(k.id, addCalendarDays(D, -2));
    const items = await open(jongere);
    expect(items).toEqual([expect.objectContaining({ id: `evaluation-${event}`, kind: 'youth', scaleMax: 10, child: null })]);
    const res = await answer(jongere, items[0].id, { score: 9 });
    expect(res.statusCode, res.body).toBe(201);
    expect(await db().selectFrom('survey_answers').select(['kind', 'score']).where('kind', '=', 'youth').execute()).toEqual([{ kind: 'youth', score: 9 }]);
    expect(await open(jongere)).toEqual([]);
  });

  it('an 11-year-old with an account is not asked; the parent is', async () => {
    // A pupil of the care coordinator's school, 11 today, with a parent with authority and no case.
    const kids = await db()
      .selectFrom('enrolments as e')
      .innerJoin('children as c', 'c.id', 'e.child_id')
      .innerJoin('child_guardians as cg', 'cg.child_id', 'c.id')
      .select(['c.id', 'c.birth_date', 'cg.guardian_id'])
      .where('e.organisation_id', '=', t.demo.accounts.ib.organisationId!)
      .where('e.end_date', 'is', null)
      .where('cg.has_authority', '=', true)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('cases as k').select('k.id').whereRef('k.child_id', '=', 'c.id'))))
      .orderBy('c.id')
      .execute();
    const found = kids.find((k) => ageOn(k.birth_date, D) === 11);
    if (!found) throw new Error('the demo holds no 11-year-old pupil of the IB with a parent with authority and no case');
    const eleven = { id: found.id, guardianId: found.guardian_id };
    const birth = (await db().selectFrom('children').select('birth_date').where('id', '=', eleven.id).executeTakeFirstOrThrow()).birth_date;
    expect(ageOn(birth, D)).toBe(11);
    const k = (await ib.post('/api/v1/cases', { childId: eleven.id, title: 'Faalangst' })).json().id as string;
    await evaluated(k, D);
    const youth = await account('elf-jaar', { childId: eleven.id });
    expect(await open(youth)).toEqual([]);
    const [event] = (await db().selectFrom('case_events').select('id').where('case_id', '=', k).where('event', '=', 'plan_evaluated').execute()).map((e) => e.id);
    expect((await answer(youth, `evaluation-${event}`, { score: 7 })).statusCode).toBe(404);
    const theirParent = await account('ouder-van-elf', { guardianId: eleven.guardianId });
    expect(await open(theirParent)).toEqual([expect.objectContaining({ id: `evaluation-${event}`, kind: 'family' })]);
  });
});

describe('teachers, once a quarter', () => {
  const period = teacherPeriodOf(D);
  const periodId = `period-${period.start.slice(0, 7)}`;
  const school = () => t.demo.accounts.leerkracht.organisationId!;

  /** A teacher at the demo teacher's school with an account; optionally on a case's team. */
  async function teacher(username: string) {
    const person = await db().insertInto('people').values({ region_id: t.demo.regionId, given_name: 'Juf', family_name: username }).returning('id').executeTakeFirstOrThrow();
    const m = await db().insertInto('memberships').values({ person_id: person.id, organisation_id: school(), role: 'teacher' }).returning('id').executeTakeFirstOrThrow();
    return { personId: person.id, membershipId: m.id, client: await account(username, { personId: person.id }) };
  }
  const onTeam = (personId: string, caseOf: string, removed = false) =>
    db()
      .insertInto('case_members')
      .values({ case_id: caseOf, person_id: personId, organisation_id: school(), role: 'teacher', removed_at: removed ? new Date() : null })
      .execute();

  it('the demo teacher, on the team of an open case, is asked with a 1–5 scale; 6 is refused, 4 is kept, a second answer is refused', async () => {
    const items = await open(leerkracht);
    expect(items).toEqual([expect.objectContaining({ id: periodId, kind: 'teacher', scaleMax: 5, period: { from: period.start, to: period.end }, openUntil: period.end, child: null, evaluatedOn: null })]);
    expect((await leerkracht.get(`/api/v1/surveys/questions/${periodId}`)).json()).toEqual(items[0]);
    const before = await counts();
    const six = await answer(leerkracht, periodId, { score: 6 });
    expect(six.statusCode).toBe(400);
    expect(six.json().invalidParams).toEqual([expect.objectContaining({ name: 'score', code: 'maximum' })]);
    expect(await counts()).toEqual(before);
    // Another quarter than this one is no question of hers.
    const other = teacherPeriodOf(addCalendarDays(period.start, -1));
    expect((await answer(leerkracht, `period-${other.start.slice(0, 7)}`, { score: 4 })).statusCode).toBe(404);
    const res = await answer(leerkracht, periodId, { score: 4, openAnswer: 'De IB denkt goed mee.' });
    expect(res.statusCode, res.body).toBe(201);
    expect(await db().selectFrom('survey_answers').select(['kind', 'organisation_id', 'gemeente_id', 'score', 'open_answer']).where('kind', '=', 'teacher').execute()).toEqual([
      { kind: 'teacher', organisation_id: school(), gemeente_id: null, score: 4, open_answer: 'De IB denkt goed mee.' },
    ]);
    expect(await open(leerkracht)).toEqual([]);
    expect((await answer(leerkracht, periodId, { score: 3 })).statusCode).toBe(409);
    // The next quarter asks again.
    expect(await withDay(addCalendarDays(period.end, 1), () => open(leerkracht))).toEqual([expect.objectContaining({ kind: 'teacher', period: expect.objectContaining({ from: addCalendarDays(period.end, 1) }) })]);
  });

  it('only while on the team of an open case, with a current membership: not when taken off the team, not after the membership ended, not for a closed case', async () => {
    const demoCase = (await db().selectFrom('case_members as cm').innerJoin('cases as k', 'k.id', 'cm.case_id').select('k.id').where('cm.person_id', '=', t.demo.accounts.leerkracht.personId!).where('k.status', '=', 'open').executeTakeFirstOrThrow()).id;
    // Not on any team.
    const none = await teacher('juf-geen-team');
    expect(await open(none.client)).toEqual([]);
    expect((await answer(none.client, periodId, { score: 3 })).statusCode).toBe(404);
    // On the team, then taken off it.
    const removed = await teacher('juf-van-team-af');
    await onTeam(removed.personId, demoCase, true);
    expect(await open(removed.client)).toEqual([]);
    // On the team with a current membership: asked; the membership ended: not.
    const ended = await teacher('juf-uit-dienst');
    await onTeam(ended.personId, demoCase);
    expect(await open(ended.client)).toEqual([expect.objectContaining({ id: periodId })]);
    await db().updateTable('memberships').set({ ended_at: new Date() }).where('id', '=', ended.membershipId).execute();
    expect(await open(await t.login('juf-uit-dienst'))).toEqual([]);
    expect((await answer(await t.login('juf-uit-dienst'), periodId, { score: 3 })).statusCode).toBe(404);
    // Only on the team of a closed case.
    const closed = await teacher('juf-gesloten-casus');
    const k = (await ib.post('/api/v1/cases', { childId: (await pupilWithParentAndNoCase(t, leerkracht)).pupil, title: 'Al afgerond' })).json().id as string;
    await onTeam(closed.personId, k);
    expect(await open(closed.client)).toEqual([expect.objectContaining({ id: periodId })]);
    await db().updateTable('cases').set({ status: 'closed', closed_at: new Date() }).where('id', '=', k).execute();
    expect(await open(closed.client)).toEqual([]);
    // A care coordinator on the team is no teacher: not asked.
    expect(await open(ib)).toEqual([]);
  });
});

describe('anonymity by construction', () => {
  it("the answers' table holds no one's id and no time finer than the month", async () => {
    const { rows } = await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name = 'survey_answers' order by column_name`.execute(db());
    expect(rows.map((r) => r.column_name).sort()).toEqual(['gemeente_id', 'id', 'kind', 'month', 'open_answer', 'organisation_id', 'region_id', 'score', 'stored_on']);
    for (const r of rows) {
      expect(r.column_name).not.toMatch(/person|guardian|child|account|case|event|invitation|membership|participation/);
      expect(r.data_type).not.toMatch(/timestamp|time/);
    }
    // Every stored month and stored_on is a first day.
    const days = await db().selectFrom('survey_answers').select(['month', 'stored_on']).execute();
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) expect([d.month.slice(8), d.stored_on.slice(8)]).toEqual(['01', '01']);
    // No foreign key of the answers points at anything but the region, a school and a gemeente.
    const { rows: refs } = await sql<{ target: string }>`
      select ccu.table_name as target from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.table_name = 'survey_answers' and tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db());
    expect([...new Set(refs.map((r) => r.target))].sort()).toEqual(['gemeenten', 'organisations', 'regions']);
  });

  it("and the participations share nothing with the answers: no id, and every answer of the month was written by the month's last answer", async () => {
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'survey_participations'`.execute(db());
    expect(rows.map((r) => r.column_name).sort()).toEqual(['case_event_id', 'child_id', 'guardian_id', 'kind', 'period_start', 'person_id', 'region_id']);
    // The writing transaction (xmin) of each answer row of this month is the same: it points at no single participation.
    const { rows: xmins } = await sql<{ n: number }>`select count(distinct xmin::text)::integer as n from survey_answers where region_id = ${t.demo.regionId} and month = ${MONTH}::date`.execute(db());
    expect(Number((await db().selectFrom('survey_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('month', '=', MONTH).executeTakeFirstOrThrow()).n)).toBeGreaterThan(2);
    expect(xmins[0].n).toBe(1);
  });
});

describe('the facts for the monitor', () => {
  let regionId: string;
  let g1: string, g2: string, s1: string, s2: string;

  beforeAll(async () => {
    const f = new Fixture(t.database);
    regionId = await f.region('Enquêteregio');
    g1 = await f.gemeente('GM0999', 'Eerstedorp');
    g2 = await f.gemeente('GM0998', 'Tweedorp');
    s1 = await f.organisation('school_location', 'School Een', { gemeenteId: g1, brin: '99ZA', vestiging: '00', schoolType: 'po' });
    s2 = await f.organisation('school_location', 'School Twee', { gemeenteId: g2, brin: '99ZB', vestiging: '00', schoolType: 'vo' });
    type Row = [kind: 'family' | 'youth' | 'teacher', month: string, organisation: string, gemeente: string | null, score: number | null, text?: string];
    const rows: Row[] = [
      ['family', '2026-03-01', s1, g1, 8, 'Goed geholpen.'],
      ['family', '2026-03-01', s1, g1, 8],
      ['family', '2026-03-01', s1, g1, 6, 'Het duurde lang.'],
      ['family', '2026-03-01', s1, g2, 8],
      ['family', '2026-03-01', s1, g1, null],
      ['youth', '2026-03-01', s1, g1, 7, 'Ik werd gehoord.'],
      ['youth', '2026-03-01', s1, g1, null],
      ['teacher', '2026-03-01', s1, null, 4],
      ['teacher', '2026-03-01', s1, null, 4, 'Fijne IB.'],
      ['teacher', '2026-03-01', s2, null, 2],
      ['teacher', '2026-03-01', s2, null, null],
      ['family', '2026-04-01', s2, g2, 10, 'Top.'],
      ['family', '2026-05-01', s2, g2, 1, 'Niet in de selectie.'],
    ];
    await db()
      .insertInto('survey_answers')
      .values(rows.map(([kind, month, organisation_id, gemeente_id, score, text]) => ({ region_id: regionId, kind, month, organisation_id, gemeente_id, score, open_answer: text ?? null })))
      .execute();
  });

  it('is a histogram of the scores per kind, month, school and gemeente, and the "liever niet" per kind', async () => {
    const facts = await db().transaction().execute((tx) => satisfactionFacts.facts(tx, { regionId, from: '2026-03-01', to: '2026-04-01' }));
    expect(satisfactionFacts.indicator).toBe('satisfaction');
    const key = (r: { month: string; measure: string; detail: string; bucket: number; organisation_id: string | null; gemeente_id: string | null }) => `${r.month} ${r.measure} ${r.detail} ${r.bucket} ${r.organisation_id} ${r.gemeente_id}`;
    const expected = [
      { month: '2026-03-01', measure: 'family_score', detail: '', bucket: 8, organisation_id: s1, gemeente_id: g1, value: 2 },
      { month: '2026-03-01', measure: 'family_score', detail: '', bucket: 6, organisation_id: s1, gemeente_id: g1, value: 1 },
      { month: '2026-03-01', measure: 'family_score', detail: '', bucket: 8, organisation_id: s1, gemeente_id: g2, value: 1 },
      { month: '2026-03-01', measure: 'declined', detail: 'family', bucket: -1, organisation_id: s1, gemeente_id: g1, value: 1 },
      { month: '2026-03-01', measure: 'youth_score', detail: '', bucket: 7, organisation_id: s1, gemeente_id: g1, value: 1 },
      { month: '2026-03-01', measure: 'declined', detail: 'youth', bucket: -1, organisation_id: s1, gemeente_id: g1, value: 1 },
      { month: '2026-03-01', measure: 'teacher_supported', detail: '', bucket: 4, organisation_id: s1, gemeente_id: null, value: 2 },
      { month: '2026-03-01', measure: 'teacher_supported', detail: '', bucket: 2, organisation_id: s2, gemeente_id: null, value: 1 },
      { month: '2026-03-01', measure: 'declined', detail: 'teacher', bucket: -1, organisation_id: s2, gemeente_id: null, value: 1 },
      { month: '2026-04-01', measure: 'family_score', detail: '', bucket: 10, organisation_id: s2, gemeente_id: g2, value: 1 },
    ];
    const byKey = (list: typeof expected) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(byKey(facts as typeof expected)).toEqual(byKey(expected));
  });

  it('names the months changed since a moment by the month the answers were stored in', async () => {
    const changed = await db().transaction().execute((tx) => satisfactionFacts.changedSince(tx, regionId, new Date(Date.now() - 60_000)));
    expect(changed).toEqual(['2026-03-01', '2026-04-01', '2026-05-01']);
    const nextMonth = new Date(Date.now() + 40 * 86_400_000);
    expect(await db().transaction().execute((tx) => satisfactionFacts.changedSince(tx, regionId, nextMonth))).toEqual([]);
  });

  it('gives the open answers of a selection as texts only, shuffled, and none below the minimum', async () => {
    const texts = (s: Partial<Parameters<typeof openAnswers>[1]>) => db().transaction().execute((tx) => openAnswers(tx, { regionId, from: '2026-03-01', to: '2026-04-01', minimum: 5, ...s }));
    const all = ['Goed geholpen.', 'Het duurde lang.', 'Ik werd gehoord.', 'Fijne IB.', 'Top.'];
    expect((await texts({})).sort()).toEqual([...all].sort());
    // Four of the families and young people: below a minimum of 5, nothing; at 4, the four.
    expect(await texts({ kinds: ['family', 'youth'] })).toEqual([]);
    expect((await texts({ kinds: ['family', 'youth'], minimum: 4 })).sort()).toEqual(['Goed geholpen.', 'Het duurde lang.', 'Ik werd gehoord.', 'Top.'].sort());
    // Filters: a gemeente, a school.
    expect((await texts({ gemeenteId: g1, minimum: 3 })).sort()).toEqual(['Goed geholpen.', 'Het duurde lang.', 'Ik werd gehoord.'].sort());
    expect(await texts({ gemeenteId: g1 })).toEqual([]);
    expect(await texts({ organisationId: s2, minimum: 1 })).toEqual(['Top.']);
    // Shuffled: over twenty tries the order is not always the same.
    const orders = new Set<string>();
    for (let i = 0; i < 20; i++) orders.add((await texts({})).join('|'));
    expect(orders.size).toBeGreaterThan(1);
  });
});

async function accountId(username: string) {
  return (await db().selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}
