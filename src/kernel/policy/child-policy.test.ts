import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { Fixture } from '../../../test/support/fixtures.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { groundFor, groundsForChild, groundsQuery, kindsOf } from './child-policy.ts';

let database: Database;
let f: Fixture;
const DAY = '2026-11-25';

// The region: two gemeenten, a primary school with two groups, a secondary school, partners.
let zeist: string, bilt: string, po: string, vo: string, group5: string, group6: string, klas1a: string;
let pupil5: string, pupil6: string, leaver: string, future: string, vopupil: string;
let teacher5: Actor, mentor1a: Actor, ib: Actor, zoco: Actor, leerplichtZeist: Actor, leerplichtBilt: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  f = new Fixture(database);
  await f.region();
  zeist = await f.gemeente('GM0355', 'Zeist');
  bilt = await f.gemeente('GM0310', 'De Bilt');
  po = await f.organisation('school_location', 'OBS Test', { gemeenteId: zeist, brin: '99TA', vestiging: '00', schoolType: 'po' });
  vo = await f.organisation('school_location', 'Test College', { gemeenteId: zeist, brin: '99TB', vestiging: '00', schoolType: 'vo' });
  group5 = await f.group(po, '5');
  group6 = await f.group(po, '6');
  klas1a = await f.group(vo, '1A');
  teacher5 = await f.professional('teacher', po, { groupId: group5 });
  mentor1a = await f.professional('mentor', vo);
  ib = await f.professional('intern_begeleider', po);
  zoco = await f.professional('care_coordinator', vo);
  const gemZeist = await f.organisation('gemeente', 'Gemeente Zeist', { gemeenteId: zeist });
  const gemBilt = await f.organisation('gemeente', 'Gemeente De Bilt', { gemeenteId: bilt });
  leerplichtZeist = await f.professional('attendance_officer', gemZeist);
  leerplichtBilt = await f.professional('attendance_officer', gemBilt);

  pupil5 = await f.child('2017-03-01', { gemeenteId: zeist });
  await f.enrol(pupil5, po, '2021-08-16', { groupId: group5 });
  pupil6 = await f.child('2016-05-01', { gemeenteId: bilt });
  await f.enrol(pupil6, po, '2020-08-17', { groupId: group6 });
  leaver = await f.child('2016-06-01', { gemeenteId: zeist });
  await f.enrol(leaver, po, '2020-08-17', { groupId: group5, endDate: '2026-10-31' });
  future = await f.child('2017-01-01', { gemeenteId: zeist });
  await f.enrol(future, po, '2026-12-01', { groupId: group5 });
  vopupil = await f.child('2014-02-02', { gemeenteId: zeist });
  await f.enrol(vopupil, vo, '2026-08-24', { groupId: klas1a, mentorPersonId: mentor1a.personId! });
});
afterAll(async () => database?.close());

const grounds = (actor: Actor, child: string, day = DAY) => groundsForChild(database.db, actor, child, day);

describe('teachers and mentors: own groups only', () => {
  it('a teacher sees the pupils of their group, with identity, school data and guardians', async () => {
    const g = await grounds(teacher5, pupil5);
    expect(g).toEqual(['group_teacher']);
    expect([...kindsOf(g)].sort()).toEqual(['guardians', 'identity', 'school']);
  });
  it('not a pupil of another group at the same school', async () => {
    expect(await grounds(teacher5, pupil6)).toEqual([]);
  });
  it('not a pupil whose enrolment has ended, nor one whose enrolment has not started', async () => {
    expect(await grounds(teacher5, leaver)).toEqual([]);
    expect(await grounds(teacher5, leaver, '2026-10-31')).toEqual(['group_teacher']); // last day still enrolled
    expect(await grounds(teacher5, future)).toEqual([]);
    expect(await grounds(teacher5, future, '2026-12-01')).toEqual(['group_teacher']);
  });
  it('a mentor sees pupils they mentor through the enrolment', async () => {
    expect(await grounds(mentor1a, vopupil)).toEqual(['mentor']);
    expect(await grounds(mentor1a, pupil5)).toEqual([]);
  });
  it('a teacher never gets absence, signals, the BSN or the access log', async () => {
    const k = kindsOf(await grounds(teacher5, pupil5));
    for (const kind of ['absence', 'signals', 'bsn', 'access_log', 'plan'] as const) expect(k.has(kind)).toBe(false);
  });
});

describe('care coordinators: all current pupils of their own school location', () => {
  it('the IB sees every current pupil of the primary school, none of the secondary school', async () => {
    expect(await grounds(ib, pupil5)).toEqual(['school_care']);
    expect(await grounds(ib, pupil6)).toEqual(['school_care']);
    expect(await grounds(ib, vopupil)).toEqual([]);
    expect(await grounds(zoco, vopupil)).toEqual(['school_care']);
    expect(await grounds(zoco, pupil5)).toEqual([]);
  });
  it('the list is scoped in SQL and agrees with the single decision', async () => {
    const q = groundsQuery(database.db, ib, DAY)!;
    const rows = await database.db.selectFrom(q.as('g')).selectAll('g').execute();
    expect(new Set(rows.map((r) => r.child_id))).toEqual(new Set([pupil5, pupil6]));
  });
});

describe('attendance officer: children living in own gemeente, by residence history', () => {
  it('sees children living in Zeist, not those in De Bilt', async () => {
    expect(await grounds(leerplichtZeist, pupil5)).toEqual(['leerplicht_residence']);
    expect(await grounds(leerplichtZeist, pupil6)).toEqual([]);
    expect(await grounds(leerplichtBilt, pupil6)).toEqual(['leerplicht_residence']);
    expect(kindsOf(['leerplicht_residence']).has('absence')).toBe(true);
  });
  it('a move is an appended residence: from that day the new gemeente sees the child, the old one no longer', async () => {
    const mover = await f.child('2015-04-04', { gemeenteId: zeist });
    await database.db.insertInto('child_residences').values({ child_id: mover, gemeente_id: bilt, valid_from: '2026-12-01' }).execute();
    expect(await grounds(leerplichtZeist, mover, '2026-11-30')).toEqual(['leerplicht_residence']);
    expect(await grounds(leerplichtBilt, mover, '2026-11-30')).toEqual([]);
    expect(await grounds(leerplichtZeist, mover, '2026-12-01')).toEqual([]);
    expect(await grounds(leerplichtBilt, mover, '2026-12-01')).toEqual(['leerplicht_residence']);
  });
});

describe('guardians and youths', () => {
  it('a parent with authority sees their child, including who accessed the data', async () => {
    const parent = await f.guardian(pupil5, true);
    const g = await grounds(parent, pupil5);
    expect(g).toEqual(['guardian_authority']);
    expect(groundFor(g, 'access_log')).toBe('guardian_authority');
    expect(await grounds(parent, pupil6)).toEqual([]);
  });
  it('a parent without authority (gezag) sees nothing', async () => {
    const parent = await f.guardian(pupil6, false);
    expect(await grounds(parent, pupil6)).toEqual([]);
  });
  it('age boundaries on the exact birthday: under 12 nothing, 12–15 own plan, 16+ decides alone', async () => {
    const kid = await f.child('2014-11-25');
    const youth = f.youth(kid);
    expect(await grounds(youth, kid, '2026-11-24')).toEqual([]); // 11
    expect(await grounds(youth, kid, '2026-11-25')).toEqual(['self_12plus']); // 12 today
    expect(await grounds(youth, kid, '2030-11-24')).toEqual(['self_12plus']); // 15
    expect(await grounds(youth, kid, '2030-11-25')).toEqual(['self_16plus']); // 16 today
    expect(kindsOf(['self_12plus']).has('access_log')).toBe(false);
    expect(kindsOf(['self_16plus']).has('access_log')).toBe(true);
  });
  it('a youth sees only themself', async () => {
    expect(await grounds(f.youth(vopupil), pupil5)).toEqual([]);
  });
});

describe('roles alone give nothing', () => {
  it.each(['school_leader', 'youth_care_worker', 'wijkteam_worker', 'swv_consultant', 'policy_analyst', 'functional_admin'] as const)(
    '%s sees no individual child without a relation',
    async (role) => {
      const kind = { school_leader: 'school_location', youth_care_worker: 'youth_care_provider', wijkteam_worker: 'wijkteam', swv_consultant: 'swv', policy_analyst: 'gemeente', functional_admin: 'region_office' }[role];
      const orgId = kind === 'school_location' ? po : await f.organisation(kind as never, `Org ${role}`, kind === 'gemeente' ? { gemeenteId: zeist } : {});
      const actor = await f.professional(role, orgId);
      expect(await grounds(actor, pupil5)).toEqual([]);
      // Youth care, wijkteam and SWV can only ever reach a child through a case team with consent;
      // a school leader only the open thuiszitter entries of the own school (thuiszitters module).
      if (['policy_analyst', 'functional_admin'].includes(role)) expect(groundsQuery(database.db, actor, DAY)).toBeNull();
    },
  );
  it('the privacy officer may read the access log of a child, not the file', async () => {
    const office = await f.organisation('region_office', 'Regiobureau');
    const po2 = await f.professional('privacy_officer', office);
    const g = await grounds(po2, pupil5);
    expect(g).toEqual(['privacy_officer']);
    expect(groundFor(g, 'identity')).toBeNull();
    expect(groundFor(g, 'access_log')).toBe('privacy_officer');
  });
  it('a care coordinator of another region never sees this region’s pupils', async () => {
    const other = new Fixture(database);
    await other.region('Andere regio');
    const g = await other.gemeente('GM0344', 'Utrecht');
    const school = await other.organisation('school_location', 'Elders', { gemeenteId: g, brin: '99ZZ', vestiging: '00', schoolType: 'po' });
    const otherIb = await other.professional('intern_begeleider', school);
    expect(await grounds(otherIb, pupil5)).toEqual([]);
  });
});
