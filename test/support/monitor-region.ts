import type { TestApp } from './test-app.ts';

/**
 * A region of its own for monitor tests, so that every count is known by hand: two gemeenten
 * (Aadorp, Beekdorp), a primary school in Aadorp and a secondary school in Beekdorp (boards
 * "Stichting A" and "Stichting B"), an SWV, a youth care provider, and accounts for each reader of
 * the monitor. Children are made on demand with a residence.
 */
let regions = 0;

export async function monitorRegion(t: TestApp, slug: string) {
  const k = regions++;
  const db = t.database.db;
  const passwordHash = (await db.selectFrom('accounts').select('password_hash').where('username', '=', 'ib').executeTakeFirstOrThrow()).password_hash!;
  const regionId = (await db.insertInto('regions').values({ name: `Monitorregio ${slug}`, slug: `monitor-${slug}-${Date.now()}` }).returning('id').executeTakeFirstOrThrow()).id;
  const gemeente = async (code: string, name: string) => (await db.insertInto('gemeenten').values({ region_id: regionId, cbs_code: code, name, holiday_region: 'midden' }).returning('id').executeTakeFirstOrThrow()).id;
  const gA = await gemeente(`GM92${k}1`, 'Aadorp');
  const gB = await gemeente(`GM92${k}2`, 'Beekdorp');
  const org = async (values: Record<string, unknown>) => (await db.insertInto('organisations').values({ region_id: regionId, ...values } as never).returning('id').executeTakeFirstOrThrow()).id;
  const po = await org({ kind: 'school_location', name: 'Basisschool Aadorp', gemeente_id: gA, brin: `9${k}AA`, vestiging: '00', school_type: 'po', board_name: 'Stichting A' });
  const vo = await org({ kind: 'school_location', name: 'College Beekdorp', gemeente_id: gB, brin: `9${k}BB`, vestiging: '00', school_type: 'vo', board_name: 'Stichting B' });
  const swv = await org({ kind: 'swv', name: 'SWV Monitor' });
  const provider = await org({ kind: 'youth_care_provider', name: 'Jeugdhulp Monitor' });
  const gemA = await org({ kind: 'gemeente', name: 'Gemeente Aadorp', gemeente_id: gA });
  const person = async (name: string) => (await db.insertInto('people').values({ region_id: regionId, given_name: 'Test', family_name: name }).returning('id').executeTakeFirstOrThrow()).id;
  const people: Record<string, string> = {};
  const account = async (username: string, role: string, organisationId: string) => {
    const p = await person(username);
    people[username] = p;
    await db.insertInto('memberships').values({ person_id: p, organisation_id: organisationId, role }).execute();
    await db.insertInto('accounts').values({ region_id: regionId, username, password_hash: passwordHash, kind: 'professional', person_id: p }).execute();
    return p;
  };
  const u = (name: string) => `${slug}-${name}`;
  await account(u('swv'), 'policy_analyst', swv);
  await account(u('beleid'), 'policy_analyst', gemA);
  await account(u('leerplicht'), 'attendance_officer', gemA);
  await account(u('directeur'), 'school_leader', po);
  await account(u('leerkracht'), 'teacher', po);
  await account(u('ib'), 'intern_begeleider', po);
  await account(u('jeugdhulp'), 'youth_care_worker', provider);

  let n = 0;
  /** A child living in the gemeente since long ago, enrolled at the school from 1 August 2025. */
  const child = async (gemeenteId: string | null, schoolId: string | null = null, birth = '2015-03-01') => {
    const c = (await db.insertInto('children').values({ region_id: regionId, given_name: 'Kind', family_name: `Monitor${slug}${n++}`, birth_date: birth }).returning('id').executeTakeFirstOrThrow()).id;
    if (gemeenteId) await db.insertInto('child_residences').values({ child_id: c, gemeente_id: gemeenteId, valid_from: '2015-03-01' }).execute();
    if (schoolId) await db.insertInto('enrolments').values({ child_id: c, organisation_id: schoolId, start_date: '2025-08-01' }).execute();
    return c;
  };
  return { regionId, gA, gB, po, vo, swv, provider, gemA, people, user: u, child };
}
export type MonitorRegion = Awaited<ReturnType<typeof monitorRegion>>;
