import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type Client, type TestApp } from '../support/test-app.ts';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';
import { addMonths } from '../../src/modules/thuiszitters/thuiszitter-state.ts';
import type { Role } from '../../src/kernel/policy/roles.ts';

// Dates relative to today: the demo region is built around today.
const D0 = today();
const ago = (days: number) => addCalendarDays(D0, -days);

let t: TestApp;
let ib: Client, leerplicht: Client, leerplichtBilt: Client, leerkracht: Client, wijkteam: Client, beleid: Client, directeur: Client, swv: Client;
let school: string, zeist: string, leerkrachtGroup: string;
let passwordHash: string;

const db = () => t.database.db;

async function account(username: string, role: Role, organisationId: string, regionId = t.demo.regionId) {
  const person = await db().insertInto('people').values({ region_id: regionId, given_name: 'Test', family_name: username }).returning('id').executeTakeFirstOrThrow();
  await db().insertInto('memberships').values({ person_id: person.id, organisation_id: organisationId, role }).execute();
  await db().insertInto('accounts').values({ region_id: regionId, username, password_hash: passwordHash, kind: 'professional', person_id: person.id }).execute();
  return person.id;
}

async function child(opts: { birthDate?: string; gemeenteId: string; enrol?: { organisationId: string; start: string; end?: string; groupId?: string }; regionId?: string; name?: string }) {
  const c = await db()
    .insertInto('children')
    .values({ region_id: opts.regionId ?? t.demo.regionId, given_name: opts.name ?? 'Thuis', family_name: `Zitter${Math.random().toString(36).slice(2, 7)}`, birth_date: opts.birthDate ?? addMonths(D0, -12 * 9) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db().insertInto('child_residences').values({ child_id: c.id, gemeente_id: opts.gemeenteId, valid_from: addMonths(D0, -12 * 8) }).execute();
  if (opts.enrol)
    await db()
      .insertInto('enrolments')
      .values({ child_id: c.id, organisation_id: opts.enrol.organisationId, start_date: opts.enrol.start, end_date: opts.enrol.end ?? null, group_id: opts.enrol.groupId ?? null })
      .execute();
  return c.id;
}

/** An LRV report as the absence rules store it. */
async function lrvReport(childId: string, organisationId: string, start: string, end: string) {
  return (
    await db()
      .insertInto('absence_reports')
      .values({ region_id: t.demo.regionId, child_id: childId, organisation_id: organisationId, type: 'lrv', start_date: start, end_date: end, hours: 110, due_on: end, deadline: addCalendarDays(end, 7), origin: 'rule' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** The entry's version as the screen of `reader` (who may see it) shows it now: sent back with a change. */
const versionOf = async (id: string, reader: Client = ib): Promise<number> => (await reader.get(`/api/v1/thuiszitters/${id}`)).json().version;

const logged = (event: string, childId: string) =>
  db().selectFrom('access_log').select(['outcome', 'ground', 'role']).where('event', '=', event).where('child_id', '=', childId).orderBy('seq').execute();

beforeAll(async () => {
  t = await startTestApp({ children: 80 });
  passwordHash = (await db().selectFrom('accounts').select('password_hash').where('username', '=', 'ib').executeTakeFirstOrThrow()).password_hash!;
  school = t.demo.accounts.ib.organisationId!;
  zeist = (await db().selectFrom('organisations').select('gemeente_id').where('id', '=', t.demo.accounts.leerplicht.organisationId!).executeTakeFirstOrThrow()).gemeente_id!;
  const biltOrg = t.demo.accounts.beleid.organisationId!;
  leerkrachtGroup = (await db().selectFrom('group_staff').select('group_id').where('person_id', '=', t.demo.accounts.leerkracht.personId!).executeTakeFirstOrThrow()).group_id;
  await account('leerplicht-bilt', 'attendance_officer', biltOrg);
  [ib, leerplicht, leerplichtBilt, leerkracht, wijkteam, beleid, directeur, swv] = await Promise.all(
    ['ib', 'leerplicht', 'leerplicht-bilt', 'leerkracht', 'wijkteam', 'beleid', 'directeur', 'swv'].map((u) => t.login(u)),
  );
});
afterAll(async () => t?.close());

describe('LRV candidates from the absence reports, confirmed by a person', () => {
  let pupil: string, report: string, entryId: string;
  const start = ago(60);

  beforeAll(async () => {
    // A pupil of the teacher's group at the IB's school, living in Zeist, absent since two months.
    pupil = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(700), groupId: leerkrachtGroup } });
    report = await lrvReport(pupil, school, start, ago(25));
  });

  const candidateIds = async (c: Client) => {
    const res = await c.get('/api/v1/thuiszitters/candidates');
    expect(res.statusCode).toBe(200);
    return res.json().lrv.map((x: { absenceReportId: string }) => x.absenceReportId) as string[];
  };

  it('the school’s care coordinator and the attendance officer of the child’s gemeente see the candidate, nobody else', async () => {
    const seen = await ib.get('/api/v1/thuiszitters/candidates');
    const item = seen.json().lrv.find((x: { absenceReportId: string }) => x.absenceReportId === report);
    expect(item).toMatchObject({ child: { id: pupil, age: 9 }, schoolLocation: { id: school }, startDate: start, endDate: ago(25), hours: 110 });
    expect(await candidateIds(leerplicht)).toContain(report);
    for (const c of [leerplichtBilt, leerkracht, wijkteam, beleid, directeur, swv]) expect(await candidateIds(c)).not.toContain(report);
    expect((await logged('thuiszitter.candidates.list', pupil)).map((l) => l.ground)).toEqual(expect.arrayContaining(['school_care', 'leerplicht_residence']));
  });

  it('a teacher and the attendance officer of another gemeente cannot confirm it (404, logged as denied)', async () => {
    for (const c of [leerkracht, leerplichtBilt, directeur]) {
      const res = await c.post('/api/v1/thuiszitters', { absenceReportId: report });
      expect(res.statusCode).toBe(404);
    }
    expect((await logged('thuiszitter.register', pupil)).filter((l) => l.outcome === 'denied')).toHaveLength(3);
    expect(await candidateIds(ib)).toContain(report);
  });

  it('the care coordinator confirms: an LRV entry from the report’s start, linked to it, at the school, with no offer yet', async () => {
    const res = await ib.post('/api/v1/thuiszitters', { absenceReportId: report });
    expect(res.statusCode).toBe(201);
    const e = res.json();
    entryId = e.id;
    expect(e).toMatchObject({
      category: 'lrv',
      startDate: start,
      absenceReportId: report,
      schoolLocation: { id: school, schoolType: 'po' },
      responsible: { personId: t.demo.accounts.ib.personId },
      offer: { kind: 'none', fitting: false, hoursPerWeek: null, since: start },
      open: true,
      over3Months: false,
      normDate: addMonths(start, 3),
      child: { id: pupil },
      absenceReport: { id: report, startDate: start },
      can: { change: true },
    });
    expect(e.duration.days).toBe(61);
    expect(e.history.map((h: { kind: string }) => h.kind)).toEqual(['category', 'responsible', 'offer']);
    expect(await logged('thuiszitter.register', pupil)).toContainEqual({ outcome: 'allowed', ground: 'school_care', role: 'intern_begeleider' });
    const decision = await db().selectFrom('thuiszitter_candidate_decisions').selectAll().where('absence_report_id', '=', report).executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ decision: 'confirmed', thuiszitter_id: entryId, kind: 'lrv' });
  });

  it('the candidate is gone for everyone, and confirming again is refused', async () => {
    expect(await candidateIds(ib)).not.toContain(report);
    expect(await candidateIds(leerplicht)).not.toContain(report);
    const again = await leerplicht.post('/api/v1/thuiszitters', { absenceReportId: report });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_registered');
  });

  it('the entry is read by the attendance officer (Zeist) and the school leader of the school; not by a teacher, another gemeente, wijkteam, beleid', async () => {
    expect((await leerplicht.get(`/api/v1/thuiszitters/${entryId}`)).json()).toMatchObject({ id: entryId, can: { change: true } });
    const head = await directeur.get(`/api/v1/thuiszitters/${entryId}`);
    expect(head.statusCode).toBe(200);
    expect(head.json().can.change).toBe(false);
    // The school leader's ground gives who the child is and the entry, nothing more.
    const file = (await directeur.get(`/api/v1/children/${pupil}`)).json();
    expect(file.dataKinds.sort()).toEqual(['identity', 'thuiszitter']);
    expect(file.bsn).toBeUndefined();
    expect(file.enrolments).toBeUndefined();
    for (const c of [leerkracht, leerplichtBilt, wijkteam, beleid, swv]) {
      expect((await c.get(`/api/v1/thuiszitters/${entryId}`)).statusCode).toBe(404);
      const list = (await c.get('/api/v1/thuiszitters?pageSize=100')).json();
      expect(list.items.map((i: { id: string }) => i.id)).not.toContain(entryId);
    }
    const denied = (await logged('thuiszitter.read', pupil)).filter((l) => l.outcome === 'denied').map((l) => l.role);
    expect(denied.sort()).toEqual(['attendance_officer', 'policy_analyst', 'swv_consultant', 'teacher', 'wijkteam_worker']);
  });

  it('the register list is scoped, and every child on the page is in the access log', async () => {
    const res = await leerplicht.get('/api/v1/thuiszitters?pageSize=100');
    const items = res.json().items as { id: string; child: { id: string } }[];
    expect(items.map((i) => i.id)).toContain(entryId);
    const listLogged = await db().selectFrom('access_log').select('child_id').where('event', '=', 'thuiszitter.list').where('account_id', '=', t.demo.accounts.leerplicht.accountId).execute();
    expect(new Set(listLogged.map((l) => l.child_id))).toEqual(new Set(items.map((i) => i.child.id)));
    expect((await ib.get('/api/v1/thuiszitters?category=lrv&open=true')).json().items.map((i: { id: string }) => i.id)).toContain(entryId);
    expect((await ib.get('/api/v1/thuiszitters?category=absoluut')).json().items.map((i: { id: string }) => i.id)).not.toContain(entryId);
  });

  it('an offer is appended: partial education, 12 hours a week, fitting; the earlier offer stays in the history', async () => {
    const version = await versionOf(entryId);
    const res = await ib.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'offer', effectiveOn: D0, offer: { kind: 'education_partial', hoursPerWeek: 12, fitting: true }, note: 'Drie ochtenden op school.', version });
    expect(res.statusCode).toBe(201);
    expect(res.json().version).toBe(version + 1);
    const e = res.json();
    expect(e.offer).toEqual({ kind: 'education_partial', hoursPerWeek: 12, fitting: true, since: D0 });
    expect(e.history.filter((h: { kind: string }) => h.kind === 'offer').map((h: { offer: { kind: string } }) => h.offer.kind)).toEqual(['none', 'education_partial']);
    expect(e.history.at(-1)).toMatchObject({ effectiveOn: D0, note: 'Drie ochtenden op school.', recordedBy: { organisationName: expect.any(String) } });
    expect(await logged('thuiszitter.event', pupil)).toContainEqual({ outcome: 'allowed', ground: 'school_care', role: 'intern_begeleider' });
  });

  it('offers and dates are checked, with messages that say what to fix', async () => {
    const post = async (body: object) => ib.post(`/api/v1/thuiszitters/${entryId}/events`, { ...body, version: await versionOf(entryId) });
    const partial = await post({ kind: 'offer', effectiveOn: D0, offer: { kind: 'education_partial', fitting: false } });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().invalidParams).toEqual([expect.objectContaining({ name: 'offer/hoursPerWeek', code: 'required' })]);
    const none = await post({ kind: 'offer', effectiveOn: D0, offer: { kind: 'none', fitting: true } });
    expect(none.json().invalidParams[0]).toMatchObject({ name: 'offer/fitting', reason: expect.stringContaining('Geen aanbod') });
    const future = await post({ kind: 'offer', effectiveOn: addCalendarDays(D0, 1), offer: { kind: 'care', fitting: false } });
    expect(future.json().invalidParams[0]).toMatchObject({ name: 'effectiveOn', code: 'future' });
    const early = await post({ kind: 'offer', effectiveOn: ago(1), offer: { kind: 'care', fitting: false } });
    expect(early.json().invalidParams[0]).toMatchObject({ name: 'effectiveOn', code: 'too_early' });
    const bogus = await post({ kind: 'responsible', effectiveOn: D0, responsiblePersonId: '00000000-0000-4000-8000-000000000000' });
    expect(bogus.json().invalidParams[0]).toMatchObject({ name: 'responsiblePersonId', code: 'unknown_person' });
    const toLrv = await post({ kind: 'category', effectiveOn: D0, category: 'lrv' });
    expect(toLrv.json().invalidParams[0]).toMatchObject({ name: 'category', code: 'unchanged' });
    const absoluut = await post({ kind: 'category', effectiveOn: D0, category: 'absoluut' });
    expect(absoluut.json().invalidParams[0]).toMatchObject({ name: 'category', code: 'enrolled' });
    const other = await post({ kind: 'end', effectiveOn: D0, endReason: 'other' });
    expect(other.json().invalidParams[0]).toMatchObject({ name: 'note', code: 'required' });
  });

  it('the attendance officer takes over responsibility; the school leader and a teacher cannot change anything', async () => {
    const options = (await leerplicht.get(`/api/v1/thuiszitters/responsible-options?childId=${pupil}`)).json().items as { personId: string; role: string }[];
    expect(options).toEqual(expect.arrayContaining([expect.objectContaining({ personId: t.demo.accounts.leerplicht.personId, role: 'attendance_officer' }), expect.objectContaining({ personId: t.demo.accounts.ib.personId })]));
    const res = await leerplicht.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'responsible', effectiveOn: D0, responsiblePersonId: t.demo.accounts.leerplicht.personId, version: await versionOf(entryId, leerplicht) });
    expect(res.statusCode).toBe(201);
    expect(res.json().responsible.personId).toBe(t.demo.accounts.leerplicht.personId);
    const same = await leerplicht.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'responsible', effectiveOn: D0, responsiblePersonId: t.demo.accounts.leerplicht.personId, version: res.json().version });
    expect(same.json().invalidParams[0].code).toBe('unchanged');
    for (const c of [directeur, leerkracht, beleid])
      expect((await c.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'end', effectiveOn: D0, endReason: 'back_to_school', version: res.json().version })).statusCode).toBe(404);
  });

  it('the end closes the entry: nothing more can be added, the school leader no longer sees it, the history stays', async () => {
    const res = await ib.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'end', effectiveOn: D0, endReason: 'back_to_school', version: await versionOf(entryId) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ open: false, end: { on: D0, reason: 'back_to_school' }, over3Months: false, can: { change: false } });
    expect(res.json().history).toHaveLength(6);
    const more = await ib.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'offer', effectiveOn: D0, offer: { kind: 'care', fitting: true }, version: res.json().version });
    expect(more.statusCode).toBe(409);
    expect(more.json().code).toBe('entry_ended');
    expect((await directeur.get(`/api/v1/thuiszitters/${entryId}`)).statusCode).toBe(404);
    expect((await leerplicht.get('/api/v1/thuiszitters?open=false')).json().items.map((i: { id: string }) => i.id)).toContain(entryId);
    expect((await leerplicht.get('/api/v1/thuiszitters?open=true')).json().items.map((i: { id: string }) => i.id)).not.toContain(entryId);
  });

  it('history cannot be changed or removed in the database', async () => {
    await expect(sql`update thuiszitter_events set note = 'x' where thuiszitter_id = ${entryId}`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from thuiszitters where id = ${entryId}`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from thuiszitter_candidate_decisions where absence_report_id = ${report}`.execute(db())).rejects.toThrow(/append-only/);
  });
});

describe('rejecting candidates, withdrawn reports', () => {
  it('a rejected LRV candidate leaves the list; the decision and its reason are kept; a reason is required', async () => {
    const pupil = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(700) } });
    const report = await lrvReport(pupil, school, ago(50), ago(20));
    const noReason = await ib.post('/api/v1/thuiszitters/candidates/rejections', { absenceReportId: report, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().invalidParams[0].name).toBe('reason');
    expect((await leerkracht.post('/api/v1/thuiszitters/candidates/rejections', { absenceReportId: report, reason: 'ziek' })).statusCode).toBe(404);
    const res = await ib.post('/api/v1/thuiszitters/candidates/rejections', { absenceReportId: report, reason: 'Langdurig ziek, verklaring van de huisarts.' });
    expect(res.statusCode).toBe(201);
    const list = (await ib.get('/api/v1/thuiszitters/candidates')).json().lrv.map((x: { absenceReportId: string }) => x.absenceReportId);
    expect(list).not.toContain(report);
    expect(await db().selectFrom('thuiszitter_candidate_decisions').select(['decision', 'reason']).where('absence_report_id', '=', report).execute()).toEqual([
      { decision: 'rejected', reason: 'Langdurig ziek, verklaring van de huisarts.' },
    ]);
    expect((await ib.post('/api/v1/thuiszitters/candidates/rejections', { absenceReportId: report, reason: 'nogmaals' })).statusCode).toBe(409);
    expect((await ib.post('/api/v1/thuiszitters', { absenceReportId: report })).json().code).toBe('candidate_decided');
  });

  it('a withdrawn report is no candidate and cannot be confirmed', async () => {
    const pupil = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(700) } });
    const report = await lrvReport(pupil, school, ago(45), ago(15));
    await db().insertInto('absence_report_events').values({ report_id: report, kind: 'withdrawn', occurred_on: D0, reason: 'verzuim gecorrigeerd' }).execute();
    expect((await ib.get('/api/v1/thuiszitters/candidates')).json().lrv.map((x: { absenceReportId: string }) => x.absenceReportId)).not.toContain(report);
    const res = await ib.post('/api/v1/thuiszitters', { absenceReportId: report });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('report_withdrawn');
  });

  it('a report of another school is not a candidate for this care coordinator', async () => {
    const other = await db().selectFrom('organisations').select('id').where('region_id', '=', t.demo.regionId).where('kind', '=', 'school_location').where('id', '!=', school).executeTakeFirstOrThrow();
    const pupil = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(20) } });
    const report = await lrvReport(pupil, other.id, ago(80), ago(40));
    expect((await ib.get('/api/v1/thuiszitters/candidates')).json().lrv.map((x: { absenceReportId: string }) => x.absenceReportId)).not.toContain(report);
    expect((await ib.post('/api/v1/thuiszitters', { absenceReportId: report })).statusCode).toBe(404);
    expect((await leerplicht.get('/api/v1/thuiszitters/candidates')).json().lrv.map((x: { absenceReportId: string }) => x.absenceReportId)).toContain(report);
  });
});

describe('not enrolled (absoluut) and exemptions: the attendance officer’s register', () => {
  let absent: string, entryId: string;
  const start = addMonths(D0, -4);

  beforeAll(async () => {
    // Left school five months ago, lives in Zeist, 9 years old: leerplichtig and nowhere enrolled.
    absent = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(1500), end: ago(150) } });
  });

  it('the attendance officer of the child’s gemeente sees a not-enrolled candidate; the school and another gemeente do not', async () => {
    const res = (await leerplicht.get('/api/v1/thuiszitters/candidates')).json();
    expect(res.absoluut).toContainEqual(expect.objectContaining({ child: expect.objectContaining({ id: absent }), compulsory: 'leerplicht', notEnrolledSince: ago(149) }));
    for (const c of [ib, leerplichtBilt, beleid]) expect((await c.get('/api/v1/thuiszitters/candidates')).json().absoluut.map((x: { child: { id: string } }) => x.child.id)).not.toContain(absent);
  });

  it('only the attendance officer registers by hand, and not LRV, nor an enrolled child as absoluut, nor a child of 3', async () => {
    expect((await ib.post('/api/v1/thuiszitters', { childId: absent, category: 'absoluut', startDate: start })).statusCode).toBe(404);
    expect((await leerplichtBilt.post('/api/v1/thuiszitters', { childId: absent, category: 'absoluut', startDate: start })).statusCode).toBe(404);
    const lrv = await leerplicht.post('/api/v1/thuiszitters', { childId: absent, category: 'lrv', startDate: start });
    expect(lrv.json().invalidParams[0]).toMatchObject({ name: 'category', code: 'lrv_from_report' });
    const enrolled = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(300) } });
    const res = await leerplicht.post('/api/v1/thuiszitters', { childId: enrolled, category: 'absoluut', startDate: ago(10) });
    expect(res.json().invalidParams[0]).toMatchObject({ name: 'category', code: 'enrolled' });
    const toddler = await child({ gemeenteId: zeist, birthDate: addMonths(D0, -40) });
    const young = await leerplicht.post('/api/v1/thuiszitters', { childId: toddler, category: 'absoluut', startDate: ago(10) });
    expect(young.json().invalidParams[0]).toMatchObject({ name: 'startDate', code: 'not_compulsory' });
    const noDate = await leerplicht.post('/api/v1/thuiszitters', { childId: absent, category: 'absoluut' });
    expect(noDate.json().invalidParams[0]).toMatchObject({ name: 'startDate', code: 'required' });
  });

  it('registered 4 months ago without an offer: flagged as longer than 3 months, on the escalation list of the attendance officer', async () => {
    const res = await leerplicht.post('/api/v1/thuiszitters', { childId: absent, category: 'absoluut', startDate: start });
    expect(res.statusCode).toBe(201);
    entryId = res.json().id;
    expect(res.json()).toMatchObject({ category: 'absoluut', schoolLocation: null, over3Months: true, normApplies: true, open: true, responsible: { personId: t.demo.accounts.leerplicht.personId } });
    expect(res.json().duration.months).toBe(4);
    expect((await leerplicht.get('/api/v1/thuiszitters/candidates')).json().absoluut.map((x: { child: { id: string } }) => x.child.id)).not.toContain(absent);
    const flagged = (await leerplicht.get('/api/v1/thuiszitters?over3months=true')).json();
    expect(flagged.items.map((i: { id: string }) => i.id)).toContain(entryId);
    expect(flagged.items.every((i: { over3Months: boolean }) => i.over3Months)).toBe(true);
    const esc = (await leerplicht.get('/api/v1/thuiszitters/escalations')).json();
    expect(esc.items.map((i: { id: string }) => i.id)).toContain(entryId);
    expect(esc.counts.columns).toEqual(['lrv', 'absoluut', '5a', 'total']);
  });

  it('the escalation table for the SWV consultant and the policy analyst: counts only, no child, small counts hidden, at the end of the last whole month', async () => {
    for (const c of [swv, beleid]) {
      const esc = (await c.get('/api/v1/thuiszitters/escalations')).json();
      expect(esc.items).toEqual([]);
      expect(esc.counts.period).toMatchObject({ kind: 'month', to: addCalendarDays(`${D0.slice(0, 7)}-01`, -1) });
      const zeistRow = esc.counts.rows.find((r: { key: string }) => r.key === zeist);
      expect(zeistRow.cells.absoluut.count === null || zeistRow.cells.absoluut.count >= 5).toBe(true);
      expect(JSON.stringify(esc)).not.toContain(absent);
      for (const row of [...esc.counts.rows, { cells: esc.counts.total }])
        for (const cell of Object.values(row.cells) as { count: number | null; display: string }[]) {
          // Zero like a small count ("<5"), everything else rounded to fives.
          expect(cell.count === null || (cell.count >= 5 && cell.count % 5 === 0)).toBe(true);
          if (cell.count === null) expect(['<5', '≥5']).toContain(cell.display);
        }
    }
    expect((await leerkracht.get('/api/v1/thuiszitters/escalations')).json()).toMatchObject({ items: [], counts: null });
  });

  it('a fitting offer, even partial, takes the child off the escalation list', async () => {
    const res = await leerplicht.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'offer', effectiveOn: D0, offer: { kind: 'care', hoursPerWeek: 6, fitting: true }, version: await versionOf(entryId, leerplicht) });
    expect(res.json()).toMatchObject({ over3Months: false, offer: { kind: 'care', hoursPerWeek: 6, fitting: true } });
    expect((await leerplicht.get('/api/v1/thuiszitters/escalations')).json().items.map((i: { id: string }) => i.id)).not.toContain(entryId);
  });

  it('a not-enrolled candidate can be rejected for this period of not being enrolled', async () => {
    const other = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(1000), end: ago(30) } });
    expect((await leerplicht.get('/api/v1/thuiszitters/candidates')).json().absoluut.map((x: { child: { id: string } }) => x.child.id)).toContain(other);
    const res = await leerplicht.post('/api/v1/thuiszitters/candidates/rejections', { childId: other, reason: 'Ingeschreven op een school in Utrecht (buiten de regio).' });
    expect(res.statusCode).toBe(201);
    expect((await leerplicht.get('/api/v1/thuiszitters/candidates')).json().absoluut.map((x: { child: { id: string } }) => x.child.id)).not.toContain(other);
    expect(await db().selectFrom('thuiszitter_candidate_decisions').select(['kind', 'not_enrolled_since', 'decision']).where('child_id', '=', other).execute()).toEqual([
      { kind: 'absoluut', not_enrolled_since: ago(29), decision: 'rejected' },
    ]);
    expect((await ib.post('/api/v1/thuiszitters/candidates/rejections', { childId: other, reason: 'x' })).statusCode).toBe(404);
  });

  it('an exemption (5a) is registered with the school the child is enrolled at, and a second open entry is refused', async () => {
    const pupil = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(400) } });
    // Empty optional fields as a form sends them: null.
    const res = await leerplicht.post('/api/v1/thuiszitters', { childId: pupil, category: '5a', startDate: ago(5), offer: { kind: 'care', hoursPerWeek: null, fitting: false }, responsiblePersonId: null, note: null });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ category: '5a', schoolLocation: { id: school }, normApplies: true, over3Months: false, offer: { kind: 'care', hoursPerWeek: null } });
    expect(res.json().responsible.personId).toBe(t.demo.accounts.leerplicht.personId);
    const again = await leerplicht.post('/api/v1/thuiszitters', { childId: pupil, category: '5b', startDate: ago(2) });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_registered');
  });
});

describe('counts for the monitor: per gemeente and school type, per whole month or school year, small counts suppressed, the rest rounded', () => {
  // A region of its own, so the numbers are exactly known.
  let analyst: Client;
  let gA: string, gB: string, poA: string, voB: string;
  const lastMonthEnd = addCalendarDays(`${D0.slice(0, 7)}-01`, -1);
  const monthOf = (day: string) => day.slice(0, 7);
  // The last completed school year, and six children who were at home for a month early in it.
  const yearStartsIn = Number(D0.slice(0, 4)) - (D0.slice(5, 7) >= '08' ? 1 : 2);
  const lastSchoolYear = `${yearStartsIn}-${yearStartsIn + 1}`;
  const inYear = (days: number) => addCalendarDays(`${yearStartsIn}-08-01`, days);

  async function entry(regionId: string, childId: string, category: string, start: string, opts: { school?: string; fitting?: boolean; end?: string } = {}) {
    const e = await db().insertInto('thuiszitters').values({ region_id: regionId, child_id: childId, start_date: start }).returning('id').executeTakeFirstOrThrow();
    await db()
      .insertInto('thuiszitter_events')
      .values([
        { thuiszitter_id: e.id, kind: 'category', effective_on: start, category: category as never, school_location_id: opts.school ?? null },
        { thuiszitter_id: e.id, kind: 'offer', effective_on: start, offer: opts.fitting ? 'education_full' : 'none', offer_fitting: !!opts.fitting },
        ...(opts.end ? [{ thuiszitter_id: e.id, kind: 'end' as const, effective_on: opts.end, end_reason: 'back_to_school' as const }] : []),
      ])
      .execute();
  }

  beforeAll(async () => {
    const region = (await db().insertInto('regions').values({ name: 'Telregio', slug: `telregio-${Date.now()}` }).returning('id').executeTakeFirstOrThrow()).id;
    gA = (await db().insertInto('gemeenten').values({ region_id: region, cbs_code: 'GM9001', name: 'Aadorp', holiday_region: 'midden' }).returning('id').executeTakeFirstOrThrow()).id;
    gB = (await db().insertInto('gemeenten').values({ region_id: region, cbs_code: 'GM9002', name: 'Beekdorp', holiday_region: 'midden' }).returning('id').executeTakeFirstOrThrow()).id;
    const org = (values: object) => db().insertInto('organisations').values({ region_id: region, ...values } as never).returning('id').executeTakeFirstOrThrow();
    poA = (await org({ kind: 'school_location', name: 'Basisschool A', gemeente_id: gA, brin: '98AA', vestiging: '00', school_type: 'po' })).id;
    voB = (await org({ kind: 'school_location', name: 'College B', gemeente_id: gB, brin: '98BB', vestiging: '00', school_type: 'vo' })).id;
    const gemA = (await org({ kind: 'gemeente', name: 'Gemeente Aadorp', gemeente_id: gA })).id;
    await account('tel-beleid', 'policy_analyst', gemA, region);
    analyst = await t.login('tel-beleid');
    const kid = (g: string) => child({ gemeenteId: g, regionId: region });
    const months = (n: number) => addMonths(D0, -n);
    // Aadorp: 6 absoluut for 4 months without an offer, 2 LRV at the primary school for 1 month.
    for (let i = 0; i < 6; i++) await entry(region, await kid(gA), 'absoluut', months(4));
    for (let i = 0; i < 2; i++) await entry(region, await kid(gA), 'lrv', months(1), { school: poA });
    // Beekdorp: 5 exempted under 5a for 5 months, 3 of them with a fitting offer; 1 LRV at the college.
    for (let i = 0; i < 5; i++) await entry(region, await kid(gB), '5a', months(5), { fitting: i < 3 });
    await entry(region, await kid(gB), 'lrv', months(2), { school: voB });
    // Ended two months ago: counted before, not after.
    await entry(region, await kid(gA), 'absoluut', months(8), { end: months(2) });
    // Beekdorp, the last completed school year: 6 children not enrolled for a month early in the year.
    for (let i = 0; i < 6; i++) await entry(region, await kid(gB), 'absoluut', inYear(10), { end: inYear(40) });
  });

  const cells = (row: { cells: Record<string, { display: string }> }) => Object.fromEntries(Object.entries(row.cells).map(([k, v]) => [k, v.display]));
  const order = ['lrv', 'absoluut', 'thuiszitters', '5a', '5b', '5c', 'art15', 'over3Months'];
  const shown = (r: Record<string, { display: string }>) => order.map((c) => r[c].display);
  const noSmallNumber = (body: { rows: { cells: Record<string, { count: number | null }> }[]; total: Record<string, { count: number | null }> }) => {
    for (const row of [...body.rows, { cells: body.total }]) for (const cell of Object.values(row.cells)) expect(cell.count === null || (cell.count >= 5 && cell.count % 5 === 0)).toBe(true);
  };

  it('per gemeente, by default the last completed month: 0 to 4 is "<5", the rest rounded to fives', async () => {
    const res = await analyst.get('/api/v1/thuiszitters/counts?by=gemeente');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ period: { kind: 'month', id: monthOf(lastMonthEnd), to: lastMonthEnd, asOf: lastMonthEnd }, asOf: lastMonthEnd, by: 'gemeente', threshold: 5, roundedTo: 5 });
    const [a, b, unknown] = body.rows;
    expect([a.label, b.label, unknown.key]).toEqual(['Aadorp', 'Beekdorp', 'unknown']);
    // Aadorp at the month's end: LRV 2 → "<5", absoluut 6 → 5, thuiszitters 8 → 10, past the norm 6 → 5; nothing else → "<5".
    expect(shown(a.cells)).toEqual(['<5', '5', '10', '<5', '<5', '<5', '<5', '5']);
    // Beekdorp: LRV 1, 5a 5 (2 of them past the norm).
    expect(shown(b.cells)).toEqual(['<5', '<5', '<5', '5', '<5', '<5', '<5', '<5']);
    expect(shown(unknown.cells)).toEqual(order.map(() => '<5'));
    // The region: LRV 3, absoluut 6 → 5, thuiszitters 9 → 10, 5a 5, past the norm 8 → 10.
    expect(shown(body.total)).toEqual(['<5', '5', '10', '5', '<5', '<5', '<5', '10']);
    expect(a.cells.lrv).toEqual({ count: null, display: '<5', suppressed: 'small' });
    expect(a.cells.thuiszitters).toEqual({ count: 10, display: '10', suppressed: null });
    noSmallNumber(body);
  });

  it('per school type: the LRV entries by their school, the rest under "none"', async () => {
    const body = (await analyst.get('/api/v1/thuiszitters/counts?by=school_type')).json();
    const row = (key: string) => cells(body.rows.find((r: { key: string }) => r.key === key));
    expect(body.rows.map((r: { key: string }) => r.key)).toEqual(['po', 'sbo', 'so', 'vo', 'vso', 'mbo', 'none']);
    expect(row('po').lrv).toBe('<5');
    expect(row('vo').lrv).toBe('<5');
    expect(row('none').absoluut).toBe('5');
    expect(row('none')['5a']).toBe('5');
    expect(row('so').lrv).toBe('<5');
    noSmallNumber(body);
  });

  it('an earlier month: the entries open at its end, including the one ended since', async () => {
    const p = (n: number) => monthOf(addMonths(D0, -n));
    const before = (await analyst.get(`/api/v1/thuiszitters/counts?by=gemeente&period=${p(9)}`)).json();
    expect(before.period).toMatchObject({ kind: 'month', id: p(9) });
    expect(Object.values(before.total as Record<string, { display: string }>).every((v) => v.display === '<5')).toBe(true);
    const then = (await analyst.get(`/api/v1/thuiszitters/counts?by=gemeente&period=${p(3)}`)).json();
    // Aadorp at the end of that month: 6 absoluut + the one ended since = 7 → 5; no LRV yet.
    expect(then.rows[0].cells.absoluut.display).toBe('5');
    expect(then.rows[0].cells.lrv.display).toBe('<5');
  });

  it('a school year: every child in the register at any time in it, once', async () => {
    const body = (await analyst.get(`/api/v1/thuiszitters/counts?by=gemeente&period=${lastSchoolYear}`)).json();
    expect(body.period).toMatchObject({ kind: 'school_year', id: lastSchoolYear, from: `${yearStartsIn}-08-01`, to: `${yearStartsIn + 1}-07-31`, asOf: null });
    // Beekdorp: the six who were at home for a month in it (and, depending on today, others) → at least 5.
    expect(body.rows[1].cells.absoluut.count).toBeGreaterThanOrEqual(5);
    expect(body.periods.schoolYears[0]).toBe(lastSchoolYear);
    noSmallNumber(body);
  });

  it('monthly: the last 12 completed months at month end, oldest first, the same cells as per month', async () => {
    const body = (await analyst.get('/api/v1/thuiszitters/counts/monthly')).json();
    expect(body.months).toHaveLength(12);
    const last = body.months[11];
    expect(last.asOf).toBe(lastMonthEnd);
    expect(last.month).toBe(last.asOf.slice(0, 7));
    expect(body.months[0].asOf < body.months[11].asOf).toBe(true);
    for (const m of body.months) noSmallNumber({ rows: [], total: m.total });
    const byGemeente = (await analyst.get('/api/v1/thuiszitters/counts/monthly?by=gemeente')).json();
    expect(byGemeente.months[11].rows.map((r: { label: string }) => r.label)).toEqual(['Aadorp', 'Beekdorp', 'unknown']);
    const month = (await analyst.get(`/api/v1/thuiszitters/counts?by=gemeente&period=${last.month}`)).json();
    expect(byGemeente.months[11].rows.map((r: { cells: unknown }) => r.cells)).toEqual(month.rows.map((r: { cells: unknown }) => r.cells));
    expect(last.total).toEqual(month.total);
  });

  it('only the policy analyst, the SWV and the attendance officer get counts; a day, a bad or an unfinished period is refused', async () => {
    for (const c of [ib, leerkracht, directeur, wijkteam]) expect((await c.get('/api/v1/thuiszitters/counts')).statusCode).toBe(403);
    for (const c of [swv, leerplicht, beleid]) expect((await c.get('/api/v1/thuiszitters/counts')).statusCode).toBe(200);
    expect((await analyst.get(`/api/v1/thuiszitters/counts?asOf=${ago(30)}`)).json().invalidParams[0]).toMatchObject({ name: 'asOf', code: 'whole_periods' });
    expect((await analyst.get('/api/v1/thuiszitters/counts?period=2026-13')).json().invalidParams[0]).toMatchObject({ name: 'period', code: 'format' });
    expect((await analyst.get(`/api/v1/thuiszitters/counts?period=${monthOf(D0)}`)).json().invalidParams[0]).toMatchObject({ name: 'period', code: 'not_complete' });
  });

  it('the analyst never reaches a single child of the register', async () => {
    expect((await analyst.get('/api/v1/thuiszitters')).json()).toMatchObject({ items: [], total: 0 });
    expect((await analyst.get('/api/v1/thuiszitters/candidates')).json()).toEqual({ lrv: [], absoluut: [] });
    const anyEntry = await db().selectFrom('thuiszitters').select('id').where('region_id', '!=', t.demo.regionId).executeTakeFirstOrThrow();
    expect((await analyst.get(`/api/v1/thuiszitters/${anyEntry.id}`)).statusCode).toBe(404);
  });
});

describe('no lost update: a change names the version of the entry it was based on', () => {
  let entryId: string;
  const events = async (id: string) => (await db().selectFrom('thuiszitter_events').select(['kind', 'offer', 'note']).where('thuiszitter_id', '=', id).orderBy('id').execute()).map((e) => `${e.kind}:${e.offer ?? ''}:${e.note ?? ''}`);

  beforeAll(async () => {
    const absent = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(1500), end: ago(120) } });
    const res = await leerplicht.post('/api/v1/thuiszitters', { childId: absent, category: 'absoluut', startDate: ago(100) });
    expect(res.statusCode).toBe(201);
    entryId = res.json().id;
    expect(res.json().version).toBe(1);
  });

  it('two tabs change the same version: the first is recorded, the second gets 409 with the entry as it is now', async () => {
    const tab2 = await t.login('leerplicht');
    const seen = (await leerplicht.get(`/api/v1/thuiszitters/${entryId}`)).json();
    const first = await leerplicht.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'offer', effectiveOn: D0, offer: { kind: 'care', hoursPerWeek: 4, fitting: true }, note: 'Tab 1.', version: seen.version });
    expect(first.statusCode).toBe(201);
    expect(first.json().version).toBe(seen.version + 1);
    const second = await tab2.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'offer', effectiveOn: D0, offer: { kind: 'education_full', fitting: true }, note: 'Tab 2, oude stand.', version: seen.version });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.json()).toMatchObject({ code: 'stale_version', current: { id: entryId, version: seen.version + 1, offer: { kind: 'care', hoursPerWeek: 4, fitting: true } } });
    expect(second.json().current.history.at(-1)).toMatchObject({ kind: 'offer', note: 'Tab 1.' });
    // Nothing of the second was written.
    expect(await events(entryId)).toEqual([...seen.history.map((h: { kind: string; offer: { kind: string } | null; note: string | null }) => `${h.kind}:${h.offer?.kind ?? ''}:${h.note ?? ''}`), 'offer:care:Tab 1.']);
  });

  it('two changes sent at once: exactly one is recorded', async () => {
    const tab2 = await t.login('leerplicht');
    const version = await versionOf(entryId, leerplicht);
    const before = await events(entryId);
    const answers = await Promise.all([
      leerplicht.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'offer', effectiveOn: D0, offer: { kind: 'education_partial', hoursPerWeek: 8, fitting: true }, note: 'A.', version }),
      tab2.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'end', effectiveOn: D0, endReason: 'back_to_school', note: 'B.', version }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const won = answers.find((a) => a.statusCode === 201)!.json();
    const lost = answers.find((a) => a.statusCode === 409)!.json();
    expect(lost).toMatchObject({ code: 'stale_version', current: { version: version + 1, open: won.open } });
    expect(await events(entryId)).toHaveLength(before.length + 1);
  });

  it('a change without the version is a field error', async () => {
    const res = await leerplicht.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'offer', effectiveOn: D0, offer: { kind: 'care', fitting: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'version', code: 'required' })]);
  });
});

describe('the gateway finds the entry (or the report) in the transaction that reads or changes it', () => {
  let absent: string, entryId: string;
  const entries = (event: string, key: string, id: string) =>
    db().selectFrom('access_log').select(['outcome', 'child_id', 'ground', 'detail']).where('event', '=', event).where(sql<boolean>`detail->>${key} = ${id}`).orderBy('seq').execute();

  beforeAll(async () => {
    absent = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(1500), end: ago(200) } });
  });

  it('a not-enrolled candidate is logged with the ground the policy’s query found for the attendance officer', async () => {
    const res = (await leerplicht.get('/api/v1/thuiszitters/candidates')).json();
    expect(res.absoluut.map((x: { child: { id: string } }) => x.child.id)).toContain(absent);
    expect((await logged('thuiszitter.candidates.list', absent)).map((l) => l.ground)).toEqual(['leerplicht_residence']);
  });

  it('an entry that does not exist: 404, one denied entry without a child', async () => {
    const missing = '00000000-0000-4000-8000-0000000000aa';
    expect((await leerplicht.get(`/api/v1/thuiszitters/${missing}`)).statusCode).toBe(404);
    expect(await entries('thuiszitter.read', 'thuiszitterId', missing)).toEqual([{ outcome: 'denied', child_id: null, ground: null, detail: { thuiszitterId: missing, kind: 'thuiszitter' } }]);
    const change = await leerplicht.post(`/api/v1/thuiszitters/${missing}/events`, { kind: 'offer', effectiveOn: D0, offer: { kind: 'care', fitting: true }, version: 1 });
    expect(change.statusCode).toBe(404);
    expect(await entries('thuiszitter.event', 'thuiszitterId', missing)).toEqual([{ outcome: 'denied', child_id: null, ground: null, detail: { thuiszitterId: missing, kind: 'thuiszitter' } }]);
  });

  it('a change by a teacher (no ground to change it): 404, exactly one denied entry with the child, nothing written', async () => {
    const res = await leerplicht.post('/api/v1/thuiszitters', { childId: absent, category: 'absoluut', startDate: ago(30) });
    expect(res.statusCode).toBe(201);
    entryId = res.json().id;
    expect(await entries('thuiszitter.register', 'category', 'absoluut').then((l) => l.filter((e) => e.child_id === absent))).toEqual([
      { outcome: 'allowed', child_id: absent, ground: 'leerplicht_residence', detail: { category: 'absoluut', absenceReportId: null, kind: 'thuiszitter' } },
    ]);
    const before = { version: res.json().version, events: (await db().selectFrom('thuiszitter_events').select('id').where('thuiszitter_id', '=', entryId).execute()).length };
    const refused = await leerkracht.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'end', effectiveOn: D0, endReason: 'back_to_school', version: before.version });
    expect(refused.statusCode).toBe(404);
    expect(await entries('thuiszitter.event', 'thuiszitterId', entryId)).toEqual([{ outcome: 'denied', child_id: absent, ground: null, detail: { thuiszitterId: entryId, kind: 'thuiszitter' } }]);
    const after = await db().selectFrom('thuiszitters').select('version').where('id', '=', entryId).executeTakeFirstOrThrow();
    expect({ version: after.version, events: (await db().selectFrom('thuiszitter_events').select('id').where('thuiszitter_id', '=', entryId).execute()).length }).toEqual(before);
  });

  it('an allowed change is one allowed entry with the policy’s ground; a stale one leaves no entry', async () => {
    const version = await versionOf(entryId, leerplicht);
    expect((await leerplicht.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'offer', effectiveOn: D0, offer: { kind: 'care', hoursPerWeek: 2, fitting: false }, version })).statusCode).toBe(201);
    const stale = await leerplicht.post(`/api/v1/thuiszitters/${entryId}/events`, { kind: 'offer', effectiveOn: D0, offer: { kind: 'care', hoursPerWeek: 3, fitting: false }, version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { id: entryId, version: version + 1 } });
    expect((await entries('thuiszitter.event', 'thuiszitterId', entryId)).map((e) => [e.outcome, e.ground])).toEqual([
      ['denied', null],
      ['allowed', 'leerplicht_residence'],
    ]);
  });

  it('confirming a candidate without the relation: 404 whatever the request says about the report, one denied entry with the child', async () => {
    const pupil = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(700) } });
    const report = await lrvReport(pupil, school, ago(40), ago(10));
    // A start date that differs from the report's: refused as not the teacher's to decide, without saying what the report holds.
    const res = await leerkracht.post('/api/v1/thuiszitters', { absenceReportId: report, startDate: ago(41) });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(ago(40));
    // The same answer as for a report that does not exist: nothing tells the two apart.
    const none = await leerkracht.post('/api/v1/thuiszitters', { absenceReportId: '00000000-0000-4000-8000-0000000000cc', startDate: ago(41) });
    const { instance: _a, ...refused } = res.json();
    const { instance: _b, ...missing } = none.json();
    expect(none.statusCode).toBe(404);
    expect(refused).toEqual(missing);
    expect(await entries('thuiszitter.register', 'absenceReportId', report)).toEqual([{ outcome: 'denied', child_id: pupil, ground: null, detail: { absenceReportId: report, category: 'lrv', kind: 'thuiszitter' } }]);
    expect(await db().selectFrom('thuiszitters').select('id').where('child_id', '=', pupil).execute()).toEqual([]);
    // The care coordinator who may decide gets the field error.
    const ibRes = await ib.post('/api/v1/thuiszitters', { absenceReportId: report, startDate: ago(41) });
    expect(ibRes.statusCode).toBe(400);
    expect(ibRes.json().invalidParams[0]).toMatchObject({ name: 'startDate', code: 'report_start' });
  });

  it('a report that does not exist, or is no LRV report: 404, one denied entry', async () => {
    const missing = '00000000-0000-4000-8000-0000000000bb';
    const res = await ib.post('/api/v1/thuiszitters/candidates/rejections', { absenceReportId: missing, reason: 'Bestaat niet.' });
    expect(res.statusCode).toBe(404);
    expect(await entries('thuiszitter.candidate.reject', 'absenceReportId', missing)).toEqual([{ outcome: 'denied', child_id: null, ground: null, detail: { absenceReportId: missing, kind: 'thuiszitter' } }]);
    const pupil = await child({ gemeenteId: zeist, enrol: { organisationId: school, start: ago(700) } });
    const other = (
      await db()
        .insertInto('absence_reports')
        .values({ region_id: t.demo.regionId, child_id: pupil, organisation_id: school, type: '16-uur', start_date: ago(20), end_date: ago(10), hours: 16, due_on: ago(10), deadline: addCalendarDays(ago(10), 7), origin: 'rule' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await ib.post('/api/v1/thuiszitters', { absenceReportId: other })).statusCode).toBe(404);
    expect(await entries('thuiszitter.register', 'absenceReportId', other)).toEqual([{ outcome: 'denied', child_id: pupil, ground: null, detail: { absenceReportId: other, category: 'lrv', kind: 'thuiszitter' } }]);
  });
});
