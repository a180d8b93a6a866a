import { sql } from 'kysely';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { verify } from '@node-rs/argon2';
import { openDatabase, type Database } from '../../kernel/db/database.ts';
import { migrate } from '../../kernel/db/migrate.ts';
import { isValidBsn, isValidOnderwijsnummer } from '../../kernel/identifiers.ts';
import { ageOn, today } from '../../kernel/time.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { groundsQuery } from '../../kernel/policy/child-policy.ts';
import type { Role } from '../../kernel/policy/roles.ts';
import { DEMO_ACCOUNTS, seedDemo, type DemoSeedOptions, type DemoSeedResult } from './seed-demo.ts';

async function seeded(opts: DemoSeedOptions): Promise<{ database: Database; result: DemoSeedResult }> {
  const database = await openDatabase({});
  await migrate(database);
  const result = await seedDemo(database, opts);
  return { database, result };
}

const schoolYearStart = (day: string) => {
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 8 ? y : y - 1;
};

/** What a user of the demo would check, for any size and any day of the school year. */
async function checkInvariants(database: Database, result: DemoSeedResult, day: string, expectedChildren: number) {
  const { db } = database;
  const children = await db.selectFrom('children').select(['id', 'given_name', 'family_name', 'birth_date', 'bsn', 'onderwijsnummer']).execute();
  expect(children).toHaveLength(expectedChildren);
  expect(result.counts.children).toBe(expectedChildren);

  // Every child exactly one current enrolment, except a few leavers who keep their ended one.
  const enrolments = await db.selectFrom('enrolments').selectAll().execute();
  expect(result.counts.enrolments).toBe(enrolments.length);
  const byChild = new Map<string, typeof enrolments>();
  for (const e of enrolments) byChild.set(e.child_id, [...(byChild.get(e.child_id) ?? []), e]);
  const isCurrent = (e: (typeof enrolments)[number]) => e.start_date <= day && (e.end_date === null || e.end_date >= day);
  let leavers = 0;
  for (const c of children) {
    const list = byChild.get(c.id) ?? [];
    expect(list.length, `${c.given_name} ${c.family_name} has an enrolment`).toBeGreaterThan(0);
    const current = list.filter(isCurrent);
    expect(current.length).toBeLessThanOrEqual(1);
    if (current.length === 0) leavers++;
    for (const e of list) {
      expect(e.start_date <= day).toBe(true);
      if (e.end_date !== null) expect(e.end_date < day && e.end_date >= e.start_date).toBe(true);
    }
    // No overlapping enrolments.
    const sorted = [...list].sort((a, b) => a.start_date.localeCompare(b.start_date));
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i - 1].end_date, `${c.id}: an earlier enrolment has ended`).not.toBeNull();
      expect(sorted[i - 1].end_date! < sorted[i].start_date).toBe(true);
    }
  }
  expect(leavers).toBeGreaterThanOrEqual(1);
  expect(leavers).toBeLessThanOrEqual(Math.ceil(expectedChildren * 0.03));

  // BSNs from the test range, valid and unique; about 30% of the children have one.
  const bsns = children.map((c) => c.bsn).filter((b): b is string => b !== null);
  for (const b of bsns) {
    expect(isValidBsn(b), b).toBe(true);
    expect(b.startsWith('99999')).toBe(true);
  }
  expect(new Set(bsns).size).toBe(bsns.length);
  expect(bsns.length / children.length).toBeGreaterThan(0.2);
  expect(bsns.length / children.length).toBeLessThan(0.4);
  // Every other child has a valid, unique onderwijsnummer: each has the identifier a DUO report needs.
  const numbers = children.filter((c) => c.bsn === null).map((c) => c.onderwijsnummer);
  for (const n of numbers) expect(n !== null && isValidOnderwijsnummer(n), String(n)).toBe(true);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(children.filter((c) => c.bsn !== null && c.onderwijsnummer !== null)).toEqual([]);

  // Birth dates fit the group: group g is g + 3 on 30 September, vo year n is n + 11.
  const y0 = schoolYearStart(day);
  const rows = await db
    .selectFrom('enrolments as e')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .innerJoin('school_groups as g', 'g.id', 'e.group_id')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .where('e.end_date', 'is', null)
    .select(['c.birth_date', 'g.name', 'g.school_year', 'o.school_type'])
    .execute();
  expect(rows.length).toBe(children.length - leavers);
  for (const r of rows) {
    expect(r.school_year).toBe(`${y0}-${y0 + 1}`);
    const age = ageOn(r.birth_date, `${y0}-09-30`);
    if (r.name.startsWith('1/2')) {
      expect(ageOn(r.birth_date, day)).toBeGreaterThanOrEqual(4);
      expect(age).toBeLessThanOrEqual(5);
    } else if (r.school_type === 'vo') {
      expect(age, `${r.name} ${r.birth_date}`).toBe(Number(r.name[0]) + 11);
    } else {
      expect(age, `${r.name} ${r.birth_date}`).toBe(Number(r.name) + 3);
    }
  }

  // Residence history is appended rows; a child has a residence from birth (or moving in).
  const residences = await db.selectFrom('child_residences').select(['child_id', 'valid_from']).execute();
  const firstResidence = new Map<string, string>();
  for (const r of residences) if (!firstResidence.has(r.child_id) || r.valid_from < firstResidence.get(r.child_id)!) firstResidence.set(r.child_id, r.valid_from);
  for (const c of children) {
    expect(firstResidence.get(c.id)! >= c.birth_date).toBe(true);
    expect(firstResidence.get(c.id)! <= day).toBe(true);
  }

  // Every group has a teacher or mentor; vo enrolments carry their class mentor.
  const groupsWithoutStaff = await db
    .selectFrom('school_groups as g')
    .leftJoin('group_staff as gs', 'gs.group_id', 'g.id')
    .where('gs.person_id', 'is', null)
    .select('g.name')
    .execute();
  expect(groupsWithoutStaff).toEqual([]);
  const voWithoutMentor = await db
    .selectFrom('enrolments as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .where('o.school_type', '=', 'vo')
    .where('e.group_id', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('group_staff as gs')
            .whereRef('gs.group_id', '=', 'e.group_id')
            .whereRef('gs.person_id', '=', 'e.mentor_person_id')
            .where('gs.role', '=', 'mentor')
            .select('gs.person_id'),
        ),
      ),
    )
    .select('e.id')
    .execute();
  expect(voWithoutMentor).toEqual([]);
}

async function actorFor(database: Database, username: string, organisationId?: string): Promise<Actor> {
  const { db } = database;
  const account = await db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  let membership: Actor['membership'] = null;
  if (account.kind === 'professional') {
    const m = await db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .where('m.person_id', '=', account.person_id!)
      .$if(organisationId !== undefined, (q) => q.where('m.organisation_id', '=', organisationId!))
      .select(['m.id', 'm.organisation_id', 'm.role', 'o.kind', 'o.name', 'o.gemeente_id'])
      .orderBy('o.name')
      .executeTakeFirstOrThrow();
    membership = { id: m.id, organisationId: m.organisation_id, organisationKind: m.kind, organisationName: m.name, gemeenteId: m.gemeente_id, role: m.role as Role };
  }
  return {
    accountId: account.id, regionId: account.region_id, username, kind: account.kind,
    personId: account.person_id, guardianId: account.guardian_id, childId: account.child_id, membership, ip: null,
  };
}

async function visible(database: Database, actor: Actor, day: string) {
  const q = groundsQuery(database.db, actor, day);
  if (!q) return [];
  return database.db.selectFrom(q.as('g')).select(['g.child_id', 'g.ground']).execute();
}

describe('seedDemo (150 children)', () => {
  let database: Database;
  let result: DemoSeedResult;
  const day = '2026-11-25';

  beforeAll(async () => {
    ({ database, result } = await seeded({ children: 150, today: day }));
  });
  afterAll(async () => {
    await database?.close();
  });

  it('creates every demo account, with password "demo" and the listed role', async () => {
    const { db } = database;
    const accounts = await db.selectFrom('accounts').selectAll().execute();
    const byName = new Map(accounts.map((a) => [a.username, a]));
    for (const demo of DEMO_ACCOUNTS) {
      const account = byName.get(demo.username);
      expect(account, demo.username).toBeDefined();
      expect(account!.totp_enabled).toBe(false);
      expect(account!.region_id).toBe(result.regionId);
      expect(result.accounts[demo.username].accountId).toBe(account!.id);
      expect(demo.descriptionNl.length).toBeGreaterThan(10);
      expect(demo.descriptionEn.length).toBeGreaterThan(10);
      if (demo.role === 'guardian') expect(account!.kind).toBe('guardian');
      else if (demo.role === 'youth') expect(account!.kind).toBe('youth');
      else {
        expect(account!.kind).toBe('professional');
        const membership = await db
          .selectFrom('memberships')
          .where('person_id', '=', account!.person_id!)
          .where('organisation_id', '=', result.accounts[demo.username].organisationId!)
          .where('role', '=', demo.role)
          .select('id')
          .executeTakeFirst();
        expect(membership, `${demo.username} is ${demo.role}`).toBeDefined();
      }
    }
    expect(await verify(accounts[0].password_hash!, 'demo')).toBe(true);
    expect(new Set(accounts.map((a) => a.password_hash)).size).toBe(1);
  });

  it('has the organisations of the region', async () => {
    const orgs = await database.db.selectFrom('organisations').select(['kind', 'name', 'brin', 'vestiging']).execute();
    for (const kind of ['region_office', 'swv', 'gemeente', 'wijkteam', 'youth_care_provider']) {
      expect(orgs.some((o) => o.kind === kind), kind).toBe(true);
    }
    for (const o of orgs.filter((x) => x.kind === 'school_location')) expect(o.brin!.startsWith('99')).toBe(true);
  });

  it('keeps the invariants a user would check', async () => {
    await checkInvariants(database, result, day, 150);
  });

  it('gives the parent authority over two children at different schools, one in the teacher\'s group', async () => {
    const { db } = database;
    const rows = await db
      .selectFrom('child_guardians as cg')
      .innerJoin('enrolments as e', 'e.child_id', 'cg.child_id')
      .where('cg.guardian_id', '=', result.accounts.ouder.guardianId!)
      .where('cg.has_authority', '=', true)
      .where('e.end_date', 'is', null)
      .select(['cg.child_id', 'e.organisation_id', 'e.group_id'])
      .execute();
    expect(new Set(rows.map((r) => r.child_id)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.organisation_id)).size).toBeGreaterThanOrEqual(2);
    const teacherGroups = await db.selectFrom('group_staff').where('person_id', '=', result.accounts.leerkracht.personId!).select('group_id').execute();
    expect(rows.some((r) => teacherGroups.some((g) => g.group_id === r.group_id))).toBe(true);
  });

  it('makes the young person 16 or 17 and a pupil of the mentor', async () => {
    const { db } = database;
    const child = await db.selectFrom('children').selectAll().where('id', '=', result.accounts.jongere.childId!).executeTakeFirstOrThrow();
    expect(ageOn(child.birth_date, day)).toBeGreaterThanOrEqual(16);
    expect(ageOn(child.birth_date, day)).toBeLessThanOrEqual(17);
    const enrolment = await db.selectFrom('enrolments').selectAll().where('child_id', '=', child.id).where('end_date', 'is', null).executeTakeFirstOrThrow();
    expect(enrolment.mentor_person_id).toBe(result.accounts.mentor.personId);
  });

  it("fills the teacher's group and gives the IB'er two schools", async () => {
    const { db } = database;
    const pupils = await db
      .selectFrom('enrolments as e')
      .innerJoin('group_staff as gs', 'gs.group_id', 'e.group_id')
      .where('gs.person_id', '=', result.accounts.leerkracht.personId!)
      .where('e.end_date', 'is', null)
      .select('e.child_id')
      .execute();
    expect(pupils.length).toBeGreaterThanOrEqual(15);
    const ib = await db.selectFrom('memberships').where('person_id', '=', result.accounts.ib.personId!).select(['organisation_id', 'role']).execute();
    expect(ib).toHaveLength(2);
    expect(ib.every((m) => m.role === 'intern_begeleider')).toBe(true);
  });

  it('gives each demo account what the access policy should let it see', async () => {
    const { db } = database;
    const see = async (username: string, organisationId?: string) => visible(database, await actorFor(database, username, organisationId), day);
    const currentAt = async (organisationId: string) =>
      (await db.selectFrom('enrolments').where('organisation_id', '=', organisationId).where('end_date', 'is', null).select('child_id').execute()).length;

    const leerkracht = await see('leerkracht');
    expect(leerkracht.length).toBeGreaterThanOrEqual(15);
    expect(leerkracht.every((r) => r.ground === 'group_teacher')).toBe(true);

    const mentor = await see('mentor');
    expect(mentor.some((r) => r.child_id === result.accounts.jongere.childId)).toBe(true);
    expect(mentor.every((r) => r.ground === 'mentor')).toBe(true);

    const ibMemberships = await db.selectFrom('memberships').where('person_id', '=', result.accounts.ib.personId!).select('organisation_id').execute();
    for (const m of ibMemberships) {
      const rows = (await see('ib', m.organisation_id)).filter((r) => r.ground === 'school_care');
      expect(rows.length).toBe(await currentAt(m.organisation_id));
      expect(rows.length).toBeGreaterThan(0);
    }
    expect((await see('zorgcoordinator')).filter((r) => r.ground === 'school_care').length).toBe(await currentAt(result.accounts.zorgcoordinator.organisationId!));

    const leerplicht = await see('leerplicht');
    expect(leerplicht.length).toBeGreaterThan(0);
    expect(leerplicht.length).toBeLessThan(150);
    expect(leerplicht.every((r) => r.ground === 'leerplicht_residence')).toBe(true);

    const ouder = await see('ouder');
    expect(new Set(ouder.map((r) => r.child_id)).size).toBeGreaterThanOrEqual(2);
    expect(await see('jongere')).toEqual([{ child_id: result.accounts.jongere.childId, ground: 'self_16plus' }]);
    expect((await see('privacy')).every((r) => r.ground === 'privacy_officer')).toBe(true);

    for (const username of ['beheer', 'wijkteam', 'swv', 'beleid']) {
      expect(await see(username), username).toEqual([]);
    }
    // The school leader: exactly the children with an open thuiszitter entry naming the own school
    // (which of the demo's thuiszitters lands there depends on the random ids of a small region).
    const leaderSchool = result.accounts.directeur.organisationId!;
    const openAtSchool = await db
      .selectFrom('thuiszitters as z')
      .select('z.child_id')
      .where(sql<boolean>`(select e.school_location_id from thuiszitter_events e where e.thuiszitter_id = z.id and e.kind = 'category' order by e.effective_on desc, e.id desc limit 1) = ${leaderSchool}`)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('thuiszitter_events as e').select('e.id').whereRef('e.thuiszitter_id', '=', 'z.id').where('e.kind', '=', 'end'))))
      .execute();
    const byChild = (a: { child_id: string }, b: { child_id: string }) => a.child_id.localeCompare(b.child_id);
    expect((await see('directeur')).sort(byChild), 'directeur').toEqual(openAtSchool.map((o) => ({ child_id: o.child_id, ground: 'school_leader_thuiszitter' })).sort(byChild));
    // The demo case: the youth care worker sees one child through the parents' consent, as a team
    // member and as the receiver of the school's request; the wijkteam worker on the same team has
    // no consent and sees none (above).
    const jeugdhulp = await see('jeugdhulp');
    expect(jeugdhulp.map((r) => r.ground).sort()).toEqual(['case_consent', 'request_receiver']);
    expect(new Set(jeugdhulp.map((r) => r.child_id)).size).toBe(1);
  });

  it('is deterministic: the same seed gives the same children', async () => {
    const names = async (opts: DemoSeedOptions) => {
      const other = await seeded(opts);
      try {
        return await other.database.db
          .selectFrom('children')
          .select(['given_name', 'family_name', 'birth_date', 'bsn'])
          .orderBy('family_name')
          .orderBy('given_name')
          .orderBy('birth_date')
          .orderBy('bsn')
          .execute();
      } finally {
        await other.database.close();
      }
    };
    const a = await names({ children: 150, today: day, seed: 7 });
    const b = await names({ children: 150, today: day, seed: 7 });
    expect(a).toHaveLength(150);
    expect(b).toEqual(a);
    const c = await names({ children: 150, today: day, seed: 8 });
    expect(c).not.toEqual(a);
  });

  it('refuses to seed a second demo region into the same database', async () => {
    await expect(seedDemo(database, { children: 150, today: day })).rejects.toThrow(/already exists/);
  });
});

describe('seedDemo on other days of the school year', () => {
  for (const day of ['2026-08-01', '2027-03-10', '2027-07-31']) {
    it(`keeps the invariants on ${day}`, async () => {
      const { database, result } = await seeded({ children: 200, today: day, seed: 42 });
      try {
        await checkInvariants(database, result, day, 200);
        const jongere = await database.db.selectFrom('children').select('birth_date').where('id', '=', result.accounts.jongere.childId!).executeTakeFirstOrThrow();
        expect(ageOn(jongere.birth_date, day)).toBeGreaterThanOrEqual(16);
      } finally {
        await database.close();
      }
    });
  }
});

describe('seedDemo at the default size', () => {
  it('seeds 2,200 children over at least 8 school locations of every type', { timeout: 60_000 }, async () => {
    const started = Date.now();
    const { database, result } = await seeded({});
    try {
      const ms = Date.now() - started;
      console.info(`seedDemo: ${result.counts.children} children, ${result.counts.guardians} guardians, ${result.counts.enrolments} enrolments in ${ms} ms (incl. migrate)`);
      const { db } = database;
      const count = await db.selectFrom('children').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBeGreaterThanOrEqual(2000);
      const schools = await db.selectFrom('organisations').where('kind', '=', 'school_location').select(['school_type']).execute();
      expect(schools.length).toBeGreaterThanOrEqual(8);
      expect(new Set(schools.map((s) => s.school_type))).toEqual(new Set(['po', 'sbo', 'vo', 'so']));
      expect(result.counts.schools).toBe(schools.length);
      await checkInvariants(database, result, today(), result.counts.children);
    } finally {
      await database.close();
    }
  });
});
