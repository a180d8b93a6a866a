import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { Fixture } from '../../../test/support/fixtures.ts';
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { groundsForChild, kindsOf } from '../../kernel/policy/child-policy.ts';
import { READ_GROUNDS, WRITE_GROUNDS } from './thuiszitter-access.ts';

// The policy's thuiszitter data kind and the school leader's ground, on a hand-made region.
let database: Database;
let f: Fixture;
const DAY = '2026-11-25';
let po: string, other: string, zeist: string;
let leader: Actor, otherLeader: Actor, teacher: Actor;
let home: string, ended: string, notYet: string, elsewhere: string, pupil: string;

async function entry(childId: string, start: string, school: string | null, end?: string) {
  const e = await f.db.insertInto('thuiszitters').values({ region_id: f.regionId, child_id: childId, start_date: start }).returning('id').executeTakeFirstOrThrow();
  await f.db.insertInto('thuiszitter_events').values({ thuiszitter_id: e.id, kind: 'category', effective_on: start, category: 'lrv', school_location_id: school }).execute();
  if (end) await f.db.insertInto('thuiszitter_events').values({ thuiszitter_id: e.id, kind: 'end', effective_on: end, end_reason: 'back_to_school' }).execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = new Fixture(database);
  await f.region();
  zeist = await f.gemeente('GM0355', 'Zeist');
  po = await f.organisation('school_location', 'OBS Test', { gemeenteId: zeist, brin: '99TA', vestiging: '00', schoolType: 'po' });
  other = await f.organisation('school_location', 'OBS Anders', { gemeenteId: zeist, brin: '99TC', vestiging: '00', schoolType: 'po' });
  const group = await f.group(po, '6');
  leader = await f.professional('school_leader', po);
  otherLeader = await f.professional('school_leader', other);
  teacher = await f.professional('teacher', po, { groupId: group });
  const kid = async () => {
    const c = await f.child('2017-03-01', { gemeenteId: zeist });
    await f.enrol(c, po, '2021-08-16', { groupId: group });
    return c;
  };
  home = await kid();
  await entry(home, '2026-09-01', po);
  ended = await kid();
  await entry(ended, '2026-06-01', po, '2026-10-01');
  notYet = await kid();
  await entry(notYet, '2026-11-26', po);
  elsewhere = await kid();
  await entry(elsewhere, '2026-09-01', other);
  pupil = await kid();
});
afterAll(async () => database?.close());

describe('the thuiszitter data kind', () => {
  it('is read by the attendance officer, the school’s care coordinator, the case owner and the school leader; changed by the first three', () => {
    expect(READ_GROUNDS.sort()).toEqual(['case_owner', 'leerplicht_residence', 'school_care', 'school_leader_thuiszitter']);
    expect(WRITE_GROUNDS.sort()).toEqual(['case_owner', 'leerplicht_residence', 'school_care']);
    expect(kindsOf(['group_teacher', 'mentor', 'guardian_authority', 'privacy_officer', 'emergency_meldcode']).has('thuiszitter')).toBe(false);
  });
});

describe('the school leader: thuiszitters of the own school, nothing else', () => {
  it('sees a child whose open entry names the own school: identity and the entry only', async () => {
    const g = await groundsForChild(database.db, leader, home, DAY);
    expect(g).toEqual(['school_leader_thuiszitter']);
    expect([...kindsOf(g)].sort()).toEqual(['identity', 'thuiszitter']);
  });
  it('not an ordinary pupil of the school, not an ended entry, not one that starts later, not another school’s', async () => {
    for (const c of [pupil, ended, notYet, elsewhere]) expect(await groundsForChild(database.db, leader, c, DAY)).toEqual([]);
    expect(await groundsForChild(database.db, leader, ended, '2026-09-30')).toEqual(['school_leader_thuiszitter']);
    expect(await groundsForChild(database.db, leader, notYet, '2026-11-26')).toEqual(['school_leader_thuiszitter']);
    expect(await groundsForChild(database.db, otherLeader, elsewhere, DAY)).toEqual(['school_leader_thuiszitter']);
    expect(await groundsForChild(database.db, otherLeader, home, DAY)).toEqual([]);
  });
  it('a teacher of the child’s group keeps only identity, school and guardians', async () => {
    expect(kindsOf(await groundsForChild(database.db, teacher, home, DAY)).has('thuiszitter')).toBe(false);
  });
});
