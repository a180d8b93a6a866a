import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';

let t: TestApp;
let beheer: Client;
let ib: Client;
let zeistId: string;
let ibSchoolId: string;
beforeAll(async () => {
  t = await startTestApp({ children: 60 });
  beheer = await t.login('beheer');
  ib = await t.login('ib');
  zeistId = (await beheer.get('/api/v1/gemeenten')).json().items.find((g: { cbsCode: string }) => g.cbsCode === 'GM0355').id;
  ibSchoolId = (await ib.get('/api/v1/session')).json().memberships.find((m: { role: string }) => m.role === 'intern_begeleider').organisationId;
});
afterAll(async () => t?.close());

/** A 409 for an update based on a stale version: problem+json with the record as it is now. */
function expectStale(res: { statusCode: number; body: string; headers: Record<string, unknown>; json(): { code: string; current?: unknown } }) {
  expect(res.statusCode, res.body).toBe(409);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json().code).toBe('stale_version');
  return res.json().current as Record<string, unknown> & { version: number };
}

const count = async (table: 'organisations' | 'children' | 'enrolments' | 'people' | 'accounts') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('organisations (functional administrator)', () => {
  it('creates a school location with BRIN + vestiging, normalising case', async () => {
    const res = await beheer.post('/api/v1/organisations', { kind: 'school_location', name: 'OBS Nieuwbouw', brin: '98xy', vestiging: '00', schoolType: 'po', gemeenteId: zeistId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ brin: '98XY', vestiging: '00', schoolType: 'po', gemeenteName: 'Zeist' });
  });
  it('refuses an invalid BRIN, a missing vestiging and school type with field errors, writing nothing', async () => {
    const before = await count('organisations');
    const res = await beheer.post('/api/v1/organisations', { kind: 'school_location', name: 'Fout', brin: '5KO', gemeenteId: zeistId });
    expect(res.statusCode).toBe(400);
    const names = res.json().invalidParams.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['brin', 'schoolType', 'vestiging']);
    expect(await count('organisations')).toBe(before);
  });
  it('refuses a BRIN + vestiging that is taken', async () => {
    const res = await beheer.post('/api/v1/organisations', { kind: 'school_location', name: 'Dubbel', brin: '98XY', vestiging: '00', schoolType: 'po', gemeenteId: zeistId });
    expect(res.statusCode).toBe(409);
    expect(res.json().invalidParams[0].name).toBe('brin');
  });
  it('refuses an unknown gemeente reference', async () => {
    const res = await beheer.post('/api/v1/organisations', { kind: 'wijkteam', name: 'Wijkteam X', gemeenteId: '00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'gemeenteId', code: 'unknown_gemeente' })]);
  });
  it('only a functional administrator may change the registry (and the CSRF header is required)', async () => {
    const res = await ib.post('/api/v1/organisations', { kind: 'wijkteam', name: 'Niet van mij' });
    expect(res.statusCode).toBe(403);
    const noCsrf = await beheer.request('POST', '/api/v1/organisations', { kind: 'wijkteam', name: 'Zonder token' }, { 'x-csrf-token': '' });
    expect(noCsrf.statusCode).toBe(403);
  });
  it('gemeenten: CBS code validated', async () => {
    const bad = await beheer.post('/api/v1/gemeenten', { cbsCode: 'GM12', name: 'Fout', holidayRegion: 'midden' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0].name).toBe('cbsCode');
    const ok = await beheer.post('/api/v1/gemeenten', { cbsCode: 'gm0321', name: 'Houten', holidayRegion: 'midden' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().cbsCode).toBe('GM0321');
    expect((await beheer.post('/api/v1/gemeenten', { cbsCode: 'GM0321', name: 'Houten', holidayRegion: 'midden' })).statusCode).toBe(409);
  });
});

describe('people and accounts (functional administrator)', () => {
  it('creates a person with a role and an account that can sign in', async () => {
    const res = await beheer.post('/api/v1/people', {
      givenName: 'Fatima',
      familyName: 'El Amrani',
      email: 'f.elamrani@example.nl',
      username: 'felamrani',
      password: 'een-lang-wachtwoord',
      memberships: [{ organisationId: ibSchoolId, role: 'teacher' }],
    });
    expect(res.statusCode).toBe(201);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'felamrani', password: 'een-lang-wachtwoord' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().memberships[0]).toMatchObject({ role: 'teacher', organisationId: ibSchoolId });
    const list = (await beheer.get('/api/v1/people?q=fatima')).json();
    expect(list.items).toEqual([expect.objectContaining({ username: 'felamrani', memberships: [expect.objectContaining({ role: 'teacher' })] })]);
  });
  it('refuses a role that does not fit the organisation, and a short password, writing nothing', async () => {
    const before = [await count('people'), await count('accounts')];
    const wrongRole = await beheer.post('/api/v1/people', { givenName: 'A', familyName: 'B', memberships: [{ organisationId: ibSchoolId, role: 'attendance_officer' }] });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().invalidParams[0]).toMatchObject({ name: 'memberships/0/role', code: 'role_not_for_organisation' });
    const shortPw = await beheer.post('/api/v1/people', { givenName: 'A', familyName: 'B', username: 'ab', password: 'kort', memberships: [] });
    expect(shortPw.statusCode).toBe(400);
    expect(shortPw.json().invalidParams[0].name).toBe('password');
    expect([await count('people'), await count('accounts')]).toEqual(before);
  });
  it('ends a membership without deleting it; the person then no longer acts in that role', async () => {
    const p = (await beheer.get('/api/v1/people?q=fatima')).json().items[0];
    const res = await beheer.delete(`/api/v1/people/${p.id}/memberships/${p.memberships[0].id}?version=${p.version}`);
    expect(res.statusCode).toBe(204);
    const row = await t.database.db.selectFrom('memberships').selectAll().where('id', '=', p.memberships[0].id).executeTakeFirstOrThrow();
    expect(row.ended_at).not.toBeNull();
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'felamrani', password: 'een-lang-wachtwoord' } });
    expect(login.json().memberships).toEqual([]);
  });
});

describe('children (intern begeleider of the school)', () => {
  const pupil = (over: object = {}) => ({
    givenName: 'Noor',
    familyName: 'Bakker',
    birthDate: '2019-04-12',
    bsn: '111222333',
    gemeenteId: zeistId,
    enrolment: { startDate: '2026-11-02' },
    ...over,
  });

  it('refuses an invalid BSN, an unknown gemeente and a future birth date with field errors; nothing half-written', async () => {
    const before = [await count('children'), await count('enrolments')];
    const res = await ib.post('/api/v1/children', pupil({ bsn: '123456789', gemeenteId: '00000000-0000-4000-8000-000000000000', birthDate: '2099-01-01' }));
    expect(res.statusCode).toBe(400);
    const names = res.json().invalidParams.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['birthDate', 'bsn', 'gemeenteId']);
    expect([await count('children'), await count('enrolments')]).toEqual(before);
  });

  let childId: string;
  it('registers a pupil with residence and enrolment; the IB then sees it, with the BSN', async () => {
    const res = await ib.post('/api/v1/children', pupil());
    expect(res.statusCode).toBe(201);
    childId = res.json().id;
    const child = (await ib.get(`/api/v1/children/${childId}`)).json();
    expect(child).toMatchObject({ givenName: 'Noor', familyName: 'Bakker', bsn: '111222333', residence: { gemeenteName: 'Zeist' } });
    expect(child.enrolments).toHaveLength(1);
    const dup = await ib.post('/api/v1/children', pupil({ givenName: 'Ander' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().invalidParams[0].name).toBe('bsn');
  });

  it('refuses an overlapping enrolment, and accepts one after the current one ends', async () => {
    const before = await count('enrolments');
    const overlap = await ib.post(`/api/v1/children/${childId}/enrolments`, { startDate: '2027-01-01' });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().invalidParams[0]).toMatchObject({ name: 'startDate', code: 'enrolment_overlap' });
    expect(await count('enrolments')).toBe(before);
    const current = (await ib.get(`/api/v1/children/${childId}`)).json().enrolments[0];
    const ended = await ib.patch(`/api/v1/children/${childId}/enrolments/${current.id}`, { endDate: '2026-12-31', version: current.version });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toEqual({ id: current.id, endDate: '2026-12-31', version: current.version + 1 });
    const next = await ib.post(`/api/v1/children/${childId}/enrolments`, { startDate: '2027-01-01' });
    expect(next.statusCode).toBe(201);
    const edge = await ib.post(`/api/v1/children/${childId}/enrolments`, { startDate: '2026-12-31', endDate: '2026-12-31' });
    expect(edge.statusCode).toBe(400); // the last day of the old enrolment still counts
  });

  it('adds a guardian, and records a move as appended history', async () => {
    const g = await ib.post(`/api/v1/children/${childId}/guardians`, { givenName: 'Sanne', familyName: 'Bakker', relation: 'parent', hasAuthority: true, email: 'sanne@example.nl' });
    expect(g.statusCode).toBe(201);
    const bilt = (await beheer.get('/api/v1/gemeenten')).json().items.find((x: { cbsCode: string }) => x.cbsCode === 'GM0310').id;
    const move = await ib.post(`/api/v1/children/${childId}/residences`, { gemeenteId: bilt, validFrom: '2026-11-01' });
    expect(move.statusCode).toBe(201);
    const child = (await ib.get(`/api/v1/children/${childId}`)).json();
    expect(child.residence.gemeenteName).toBe('De Bilt');
    expect(child.guardians[0]).toMatchObject({ givenName: 'Sanne', hasAuthority: true });
    const history = await t.database.db.selectFrom('child_residences').selectAll().where('child_id', '=', childId).execute();
    expect(history).toHaveLength(2);
  });

  it('no lost update: ending an enrolment based on a stale version gets 409 with the child as it is now', async () => {
    const made = await ib.post('/api/v1/children', pupil({ givenName: 'Vera', bsn: null, enrolment: { startDate: '2026-11-02' } }));
    expect(made.statusCode).toBe(201);
    const id = made.json().id;
    const [enrolment] = (await ib.get(`/api/v1/children/${id}`)).json().enrolments;
    expect(enrolment).toMatchObject({ endDate: null, version: 1 });
    const end = (endDate: string, version: number) => ib.patch(`/api/v1/children/${id}/enrolments/${enrolment.id}`, { endDate, version });

    // Two tabs show version 1; the first ends it on 30 June, the second (still on 1) on 31 March.
    const first = await end('2027-06-30', 1);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ id: enrolment.id, endDate: '2027-06-30', version: 2 });
    const current = expectStale(await end('2027-03-31', 1));
    expect(current).toMatchObject({ id, enrolments: [expect.objectContaining({ id: enrolment.id, endDate: '2027-06-30', version: 2 })] });
    const stored = () => t.database.db.selectFrom('enrolments').select(['end_date', 'version']).where('id', '=', enrolment.id).executeTakeFirstOrThrow();
    expect(await stored()).toEqual({ end_date: '2027-06-30', version: 2 });

    // Two at once on the same version: exactly one is saved.
    const both = await Promise.all([end('2027-05-31', 2), end('2027-04-30', 2)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expectStale(both.find((r) => r.statusCode === 409)!);
    expect(await stored()).toEqual({ end_date: both.find((r) => r.statusCode === 200)!.json().endDate, version: 3 });
  });

  it('a teacher cannot register pupils; an IB cannot enrol a child of another school', async () => {
    const teacher = await t.login('leerkracht');
    expect((await teacher.post('/api/v1/children', pupil({ bsn: null }))).statusCode).toBe(403);
    const zoco = await t.login('zorgcoordinator');
    expect((await zoco.post(`/api/v1/children/${childId}/enrolments`, { startDate: '2028-01-01' })).statusCode).toBe(404);
  });
});

describe('the regional directory', () => {
  it('professionals see who works at an organisation (to form a team); portal accounts do not', async () => {
    const wijkteamOrg = t.demo.accounts.wijkteam.organisationId!;
    const res = await ib.get(`/api/v1/organisations/${wijkteamOrg}/members`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ personId: t.demo.accounts.wijkteam.personId, role: 'wijkteam_worker' })]));
    expect((await (await t.login('ouder')).get(`/api/v1/organisations/${wijkteamOrg}/members`)).statusCode).toBe(404);
  });
});

describe('no lost update in the registry', () => {
  it('two changes of an organisation based on the same version: the first is saved, the second gets 409 with the organisation as it is now', async () => {
    const made = await beheer.post('/api/v1/organisations', { kind: 'wijkteam', name: 'Wijkteam Versie', gemeenteId: zeistId });
    expect(made.statusCode).toBe(201);
    const { id, version } = made.json();
    expect(version).toBe(1);
    expect((await beheer.get(`/api/v1/organisations/${id}`)).json().version).toBe(1);
    const rename = (name: string, v: number) => beheer.patch(`/api/v1/organisations/${id}`, { name, version: v });

    const first = await rename('Wijkteam Noord', 1);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id, name: 'Wijkteam Noord', version: 2 });
    const current = expectStale(await rename('Wijkteam Zuid', 1));
    expect(current).toMatchObject({ id, name: 'Wijkteam Noord', version: 2 });
    const stored = () => t.database.db.selectFrom('organisations').select(['name', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(await stored()).toEqual({ name: 'Wijkteam Noord', version: 2 });
    const logged = () => t.database.db.selectFrom('access_log').select('detail').where('event', '=', 'registry.organisation.update').execute();
    expect((await logged()).filter((l) => (l.detail as { organisationId: string }).organisationId === id)).toHaveLength(1);

    const both = await Promise.all([rename('Wijkteam Oost', 2), rename('Wijkteam West', 2)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expectStale(both.find((r) => r.statusCode === 409)!);
    expect(await stored()).toEqual({ name: both.find((r) => r.statusCode === 200)!.json().name, version: 3 });
    // A version is required.
    expect((await beheer.patch(`/api/v1/organisations/${id}`, { name: 'Zonder versie' })).statusCode).toBe(400);
  });

  it('roles given or ended based on a stale version of the person get 409 with the person as they are now', async () => {
    const made = await beheer.post('/api/v1/people', { givenName: 'Versie', familyName: 'Persoon', memberships: [] });
    expect(made.statusCode).toBe(201);
    const { id, version } = made.json();
    expect(version).toBe(1);
    const listed = async () => (await beheer.get('/api/v1/people?q=Versie%20Persoon')).json().items.find((p: { id: string }) => p.id === id);
    expect((await listed()).version).toBe(1);
    const give = (organisationId: string, role: string, v: number) => beheer.post(`/api/v1/people/${id}/memberships`, { organisationId, role, version: v });
    const memberships = () => t.database.db.selectFrom('memberships').select(['id', 'organisation_id', 'ended_at']).where('person_id', '=', id).execute();

    // Two tabs show version 1: the first gives a role at the school, the second (still on 1) one at the wijkteam.
    const first = await give(ibSchoolId, 'teacher', 1);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'granted', version: 2 });
    const wijkteam = t.demo.accounts.wijkteam.organisationId!;
    const current = expectStale(await give(wijkteam, 'wijkteam_worker', 1));
    expect(current).toMatchObject({ id, version: 2, memberships: [expect.objectContaining({ organisationId: ibSchoolId, role: 'teacher' })] });
    expect(await memberships()).toEqual([expect.objectContaining({ organisation_id: ibSchoolId, ended_at: null })]);

    // Ending a role on a stale version: nothing ends.
    const membershipId = first.json().id;
    expectStale(await beheer.delete(`/api/v1/people/${id}/memberships/${membershipId}?version=1`));
    expect((await memberships())[0].ended_at).toBeNull();
    expect((await beheer.delete(`/api/v1/people/${id}/memberships/${membershipId}`)).statusCode).toBe(400);
    expect((await beheer.delete(`/api/v1/people/${id}/memberships/${membershipId}?version=2`)).statusCode).toBe(204);
    expect((await memberships())[0].ended_at).not.toBeNull();
    expect((await listed())).toMatchObject({ version: 3, memberships: [] });

    // Two at once on the same version: exactly one role is given.
    const both = await Promise.all([give(wijkteam, 'wijkteam_worker', 3), give(ibSchoolId, 'teacher', 3)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expectStale(both.find((r) => r.statusCode === 409)!);
    expect((await memberships()).filter((m) => !m.ended_at)).toHaveLength(1);
    expect((await listed()).version).toBe(4);
  });
});
