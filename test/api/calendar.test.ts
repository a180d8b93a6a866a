import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../support/test-app.ts';
import { calendarScopeOf, loadSchoolCalendar } from '../../src/kernel/calendar/school-days.ts';
import { shippedRows } from '../../src/kernel/calendar/holidays-nl.ts';
import { OPEN_DATA_2027_2028 } from '../support/holiday-open-data.ts';

// Monday 2 February 2026, school year 2025-2026. The demo gemeenten (Zeist, De Bilt) are in region midden.
process.env.SAMENSPEL_TODAY = '2026-02-02';

let t: TestApp;
let beheer: Client;
let ib: Client;
let directeur: Client;
let leerkracht: Client;
let school: string; // OBS De Regenboog: ib, directeur and leerkracht work here
let otherSchool: string;
let otherLeader: Client;

beforeAll(async () => {
  t = await startTestApp({ children: 60 });
  [beheer, ib, directeur, leerkracht] = await Promise.all(['beheer', 'ib', 'directeur', 'leerkracht'].map((u) => t.login(u)));
  school = t.demo.accounts.directeur.organisationId!;
  expect(t.demo.accounts.ib.organisationId).toBe(school);
  expect(t.demo.accounts.leerkracht.organisationId).toBe(school);
  const schools = (await beheer.get('/api/v1/organisations?kind=school_location')).json().items as { id: string; gemeenteId: string }[];
  otherSchool = schools.find((s) => s.id !== school)!.id;
  const created = await beheer.post('/api/v1/people', {
    givenName: 'Wim',
    familyName: 'Andere School',
    username: 'directeur2',
    password: 'een-lang-wachtwoord',
    memberships: [{ organisationId: otherSchool, role: 'school_leader' }],
  });
  expect(created.statusCode).toBe(201);
  otherLeader = await t.login('directeur2', 'een-lang-wachtwoord');
});
afterAll(async () => t?.close());

const lastLog = async (event: string) => t.database.db.selectFrom('access_log').selectAll().where('event', '=', event).orderBy('seq', 'desc').executeTakeFirst();

describe('the official holidays are in every installation', () => {
  it('the migration inserted every shipped vacation and national free day', async () => {
    const rows = await t.database.db.selectFrom('school_free_periods').selectAll().where('origin', '=', 'shipped').execute();
    const key = (r: { school_year: string | null; name: string; holiday_region: string | null; start_date: string; end_date: string }) =>
      `${r.school_year} ${r.name} ${r.holiday_region ?? '-'} ${r.start_date} ${r.end_date}`;
    expect(rows.map(key).sort()).toEqual(shippedRows().map((r) => key({ school_year: r.schoolYear, name: r.name, holiday_region: r.holidayRegion, start_date: r.start, end_date: r.end })).sort());
  });

  it('lists the holidays of a school year for region midden, with lesson weeks and school days', async () => {
    const res = await leerkracht.get('/api/v1/school-calendar?schoolYear=2025-2026&region=midden');
    expect(res.statusCode).toBe(200);
    const cal = res.json();
    expect(cal).toMatchObject({ schoolYear: '2025-2026', start: '2025-08-01', end: '2026-07-31', region: 'midden', lessonWeeks: 41, schoolDays: 202 });
    expect(cal.vacations.map((v: { type: string; region: string | null; startDate: string; endDate: string }) => [v.type, v.region, v.startDate, v.endDate])).toEqual([
      ['herfstvakantie', 'midden', '2025-10-18', '2025-10-26'],
      ['kerstvakantie', null, '2025-12-20', '2026-01-04'],
      ['voorjaarsvakantie', 'midden', '2026-02-14', '2026-02-22'],
      ['meivakantie', null, '2026-04-25', '2026-05-03'],
      ['zomervakantie', 'midden', '2026-07-18', '2026-08-30'],
    ]);
    expect(cal.nationalFreeDays.map((d: { name: string; startDate: string }) => `${d.name} ${d.startDate}`)).toEqual([
      'Tweede Paasdag 2026-04-06',
      'Koningsdag 2026-04-27',
      'Hemelvaartsdag 2026-05-14',
      'Tweede Pinksterdag 2026-05-25',
    ]);
    expect(cal.knownSchoolYears).toEqual(['2024-2025', '2025-2026', '2026-2027']);
  });

  it('without a region: every region; the current school year by default; unverified entries say so', async () => {
    const all = (await ib.get('/api/v1/school-calendar')).json();
    expect(all.schoolYear).toBe('2025-2026');
    expect(all.vacations).toHaveLength(11);
    expect(all.lessonWeeks).toBeUndefined();
    const next = (await ib.get('/api/v1/school-calendar?schoolYear=2026-2027&region=zuid')).json();
    const summer = next.vacations.find((v: { type: string }) => v.type === 'zomervakantie');
    expect(summer).toMatchObject({ region: 'zuid', startDate: '2027-07-24', verified: false, note: expect.stringMatching(/Niet bevestigd/) });
  });

  it('the OpenAPI document describes the school calendar', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const p of ['/api/v1/school-calendar', '/api/v1/school-calendar/holiday-imports', '/api/v1/school-calendar/holiday-imports/{id}/commit', '/api/v1/school-locations/{id}/calendar', '/api/v1/school-locations/{id}/free-days', '/api/v1/school-locations/{id}/free-days/{dayId}']) {
      expect(doc.paths).toHaveProperty([p]);
    }
  });

  it('a wrong school year or region is refused with a Dutch message', async () => {
    const res = await ib.get('/api/v1/school-calendar?schoolYear=2025-2027');
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'schoolYear', reason: 'Een schooljaar is twee opeenvolgende jaren, bijvoorbeeld 2025-2026.' })]);
    expect((await ib.get('/api/v1/school-calendar?region=west')).statusCode).toBe(400);
    expect((await t.anonymous().get('/api/v1/school-calendar')).statusCode).toBe(401);
  });

  it('school days are counted with the shipped holidays of the school’s region and the national free days', async () => {
    const cal = await loadSchoolCalendar(t.database.db, await calendarScopeOf(t.database.db, school), '2025-08-01', '2027-07-31');
    expect(cal.isSchoolDay('2025-10-20')).toBe(false); // herfstvakantie midden
    expect(cal.isSchoolDay('2025-10-13')).toBe(true); // herfstvakantie zuid, not midden
    expect(cal.isSchoolDay('2026-02-16')).toBe(false); // voorjaarsvakantie midden
    expect(cal.isSchoolDay('2026-02-23')).toBe(true); // voorjaarsvakantie noord, not midden
    expect(cal.isSchoolDay('2026-05-14')).toBe(false); // Hemelvaartsdag
    expect(cal.isSchoolDay('2027-04-27')).toBe(false); // Koningsdag 2027, outside the meivakantie
    // A signal raised on Thursday 12 February: Fri 13 (1), the voorjaarsvakantie, Mon 23 (2) … Thu 26 (5).
    expect(cal.addSchoolDays('2026-02-12', 5)).toBe('2026-02-26');
  });
});

describe('importing the Rijksoverheid JSON (functional administrator)', () => {
  let previewId: string;

  it('step 1 checks the file and shows what it adds; nothing is written yet', async () => {
    const res = await beheer.post('/api/v1/school-calendar/holiday-imports', OPEN_DATA_2027_2028);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    previewId = p.id;
    expect(p).toMatchObject({ schoolYears: ['2027-2028'], periods: 11, errors: [] });
    expect(p.changes).toMatchObject({ changed: [], removed: [], unchanged: 0 });
    expect(p.changes.added).toHaveLength(11);
    expect(p.changes.added[0]).toMatchObject({ schoolYear: '2027-2028', vacationType: 'herfstvakantie', name: 'Herfstvakantie', region: 'noord', startDate: '2027-10-16', endDate: '2027-10-24' });
    expect((await beheer.get('/api/v1/school-calendar?schoolYear=2027-2028')).json().vacations).toEqual([]);
  });

  it('step 2 writes it all; the school year is listed and logged', async () => {
    const res = await beheer.post(`/api/v1/school-calendar/holiday-imports/${previewId}/commit`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ added: 11, changed: 0, removed: 0, unchanged: 0 });
    const cal = (await beheer.get('/api/v1/school-calendar?schoolYear=2027-2028&region=zuid')).json();
    expect(cal.vacations.map((v: { type: string; startDate: string; endDate: string; origin: string }) => `${v.type} ${v.startDate} ${v.endDate} ${v.origin}`)).toEqual([
      'herfstvakantie 2027-10-23 2027-10-31 rijksoverheid_import',
      'kerstvakantie 2027-12-25 2028-01-09 rijksoverheid_import',
      'voorjaarsvakantie 2028-02-26 2028-03-05 rijksoverheid_import',
      'meivakantie 2028-04-29 2028-05-07 rijksoverheid_import',
      'zomervakantie 2028-07-22 2028-09-03 rijksoverheid_import',
    ]);
    expect(cal.knownSchoolYears).toContain('2027-2028');
    expect(await lastLog('calendar.holidays.import')).toMatchObject({ account_id: t.demo.accounts.beheer.accountId, outcome: 'allowed', child_id: null, detail: expect.objectContaining({ added: 11 }) });
    expect((await beheer.post(`/api/v1/school-calendar/holiday-imports/${previewId}/commit`)).statusCode).toBe(409);
  });

  it('importing the same file again changes nothing', async () => {
    const before = await t.database.db.selectFrom('school_free_periods').selectAll().orderBy('id').execute();
    const again = (await beheer.post('/api/v1/school-calendar/holiday-imports', OPEN_DATA_2027_2028)).json();
    expect(again.changes).toEqual({ added: [], changed: [], removed: [], unchanged: 11 });
    const commit = await beheer.post(`/api/v1/school-calendar/holiday-imports/${again.id}/commit`);
    expect(commit.json()).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 11 });
    expect(await t.database.db.selectFrom('school_free_periods').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('the official file corrects and confirms a shipped date, and replaces heel Nederland by regions', async () => {
    const file = {
      content: [
        {
          schoolyear: '2026-2027',
          vacations: [
            { type: 'Zomervakantie ', regions: ['noord', 'midden', 'zuid'].map((region, i) => ({ region, startdate: ['2027-07-10', '2027-07-17', '2027-07-24'][i] + 'T00:00:00.000Z', enddate: ['2027-08-22', '2027-08-29', '2027-09-05'][i] + 'T21:59:00.000Z' })) },
            { type: 'Meivakantie', regions: ['noord', 'midden', 'zuid'].map((region) => ({ region, startdate: '2027-05-01T00:00:00.000Z', enddate: '2027-05-09T21:59:00.000Z' })) },
          ],
        },
      ],
    };
    const p = (await beheer.post('/api/v1/school-calendar/holiday-imports', file)).json();
    expect(p.errors).toEqual([]);
    expect(p.changes.changed).toEqual([expect.objectContaining({ vacationType: 'zomervakantie', region: 'zuid', previous: { startDate: '2027-07-24', endDate: '2027-09-05', verified: false } })]);
    expect(p.changes.unchanged).toBe(2);
    expect(p.changes.added.map((a: { region: string }) => a.region)).toEqual(['noord', 'midden', 'zuid']);
    expect(p.changes.removed).toEqual([expect.objectContaining({ vacationType: 'meivakantie', region: null })]);
    expect((await beheer.post(`/api/v1/school-calendar/holiday-imports/${p.id}/commit`)).json()).toMatchObject({ added: 3, changed: 1, removed: 1, unchanged: 2 });
    const midden = (await beheer.get('/api/v1/school-calendar?schoolYear=2026-2027&region=zuid')).json().vacations;
    expect(midden.filter((v: { type: string }) => v.type === 'meivakantie')).toEqual([expect.objectContaining({ region: 'zuid', startDate: '2027-05-01', verified: true })]);
    expect(midden.find((v: { type: string }) => v.type === 'zomervakantie')).toMatchObject({ verified: true, note: null, origin: 'rijksoverheid_import' });
  });

  it('a malformed file (multipart) is refused with what is wrong (422, field file); nothing is stored', async () => {
    const before = await t.database.db.selectFrom('holiday_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const boundary = '----kalender';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="vakanties.json"\r\nContent-Type: application/json\r\n\r\n{"content": [{"schoolyear": "2028-2029", "vacations": [{"type": "Paasvakantie", "regions": []}]}\r\n--${boundary}--\r\n`;
    const res = await beheer.request('POST', '/api/v1/school-calendar/holiday-imports', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'not_json', invalidParams: [{ name: 'file', code: 'not_json', reason: expect.stringMatching(/^Het bestand is geen geldige JSON/) }] });
    const after = await t.database.db.selectFrom('holiday_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('malformed JSON as the request body gets the same Dutch answer; a wrong vacation type is named', async () => {
    const raw = await beheer.request('POST', '/api/v1/school-calendar/holiday-imports', '{"content": [', { 'content-type': 'application/json' });
    expect(raw.statusCode).toBe(422);
    expect(raw.json().invalidParams[0]).toMatchObject({ name: 'file', reason: expect.stringMatching(/^Het bestand is geen geldige JSON/) });
    const wrongType = (await beheer.post('/api/v1/school-calendar/holiday-imports', { content: [{ schoolyear: '2028-2029', vacations: [{ type: 'Paasvakantie', regions: [{ region: 'noord', startdate: '2029-04-01', enddate: '2029-04-08' }] }] }] })).json();
    expect(wrongType.errors).toEqual([{ path: 'content[0].vacations[0].type', message: expect.stringContaining('Onbekend vakantietype "Paasvakantie"') }]);
    expect((await beheer.get('/api/v1/school-calendar?schoolYear=2028-2029')).json().vacations).toEqual([]);
  });

  it('only the functional administrator imports', async () => {
    for (const who of [ib, directeur, leerkracht]) {
      const res = await who.post('/api/v1/school-calendar/holiday-imports', OPEN_DATA_2027_2028);
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toBe('De schoolvakanties importeert de functioneel beheerder.');
    }
    expect((await ib.post(`/api/v1/school-calendar/holiday-imports/${previewId}/commit`)).statusCode).toBe(403);
  });
});

describe('a holiday import of another region', () => {
  it('is answered exactly like one that does not exist (404); nothing is written or logged', async () => {
    const region = await t.database.db.insertInto('regions').values({ name: 'Andere regio', slug: `andere-regio-${randomUUID().slice(0, 8)}` }).returning('id').executeTakeFirstOrThrow();
    const theirs = await t.database.db
      .insertInto('holiday_imports')
      .values({ region_id: region.id, uploaded_by_person_id: null, file_name: 'schoolvakanties.json', file_sha256: 'x'.repeat(64), school_years: '["2030-2031"]', periods: JSON.stringify([{ schoolYear: '2030-2031', vacationType: 'herfstvakantie', region: 'noord', start: '2030-10-12', end: '2030-10-20' }]), errors: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const periodsBefore = await t.database.db.selectFrom('school_free_periods').selectAll().orderBy('id').execute();
    const logBefore = await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const other = await beheer.post(`/api/v1/school-calendar/holiday-imports/${theirs.id}/commit`);
    const unknown = await beheer.post(`/api/v1/school-calendar/holiday-imports/${randomUUID()}/commit`);
    expect(other.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const { instance: _a, ...otherBody } = other.json();
    const { instance: _b, ...unknownBody } = unknown.json();
    expect(otherBody).toEqual(unknownBody);
    // Who does not import holidays is refused before any import is looked up: 403 for both.
    expect((await ib.post(`/api/v1/school-calendar/holiday-imports/${theirs.id}/commit`)).statusCode).toBe(403);
    expect((await ib.post(`/api/v1/school-calendar/holiday-imports/${randomUUID()}/commit`)).statusCode).toBe(403);
    expect(await t.database.db.selectFrom('school_free_periods').selectAll().orderBy('id').execute()).toEqual(periodsBefore);
    expect((await t.database.db.selectFrom('holiday_imports').select('status').where('id', '=', theirs.id).executeTakeFirstOrThrow()).status).toBe('preview');
    const logAfter = await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(logAfter.n)).toBe(Number(logBefore.n));
  });
});

describe('a school’s own free days', () => {
  let studyDay: string;

  it('the intern begeleider adds a study day; the school’s calendar shows it and counts one school day less', async () => {
    const before = (await ib.get(`/api/v1/school-locations/${school}/calendar?schoolYear=2025-2026`)).json();
    expect(before).toMatchObject({ schoolLocation: { id: school, holidayRegion: 'midden' }, lessonWeeks: 41, schoolDays: 202, freeDays: [], canEdit: true });
    const res = await ib.post(`/api/v1/school-locations/${school}/free-days`, { name: '  Studiedag  team ', startDate: '2026-03-16' });
    expect(res.statusCode).toBe(201);
    studyDay = res.json().id;
    expect(res.json()).toMatchObject({ name: 'Studiedag team', startDate: '2026-03-16', endDate: '2026-03-16', createdBy: 'Ilse van Dijk' });
    const after = (await leerkracht.get(`/api/v1/school-locations/${school}/calendar?schoolYear=2025-2026`)).json();
    expect(after).toMatchObject({ schoolDays: 201, lessonWeeks: 41, canEdit: false });
    expect(after.freeDays).toEqual([expect.objectContaining({ id: studyDay, name: 'Studiedag team' })]);
    expect(await lastLog('calendar.free_day.create')).toMatchObject({ person_id: t.demo.accounts.ib.personId, organisation_id: school, child_id: null, detail: expect.objectContaining({ freeDayId: studyDay, startDate: '2026-03-16' }) });
    const cal = await loadSchoolCalendar(t.database.db, await calendarScopeOf(t.database.db, school), '2026-03-01', '2026-03-31');
    expect(cal.isSchoolDay('2026-03-16')).toBe(false);
    // Another school of the same region keeps its school day.
    const other = await loadSchoolCalendar(t.database.db, await calendarScopeOf(t.database.db, otherSchool), '2026-03-01', '2026-03-31');
    expect(other.isSchoolDay('2026-03-16')).toBe(true);
  });

  it('the school leader adds a period (Goede Vrijdag and the week after Easter) and removes a mistaken day; both are logged', async () => {
    const res = await directeur.post(`/api/v1/school-locations/${school}/free-days`, { name: 'Goede Vrijdag', startDate: '2026-04-03', endDate: '2026-04-10' });
    expect(res.statusCode).toBe(201);
    const list = (await directeur.get(`/api/v1/school-locations/${school}/free-days?schoolYear=2025-2026`)).json().items;
    expect(list.map((d: { name: string }) => d.name)).toEqual(['Studiedag team', 'Goede Vrijdag']);
    const del = await directeur.delete(`/api/v1/school-locations/${school}/free-days/${res.json().id}`);
    expect(del.statusCode).toBe(204);
    expect(await lastLog('calendar.free_day.delete')).toMatchObject({
      person_id: t.demo.accounts.directeur.personId,
      role: 'school_leader',
      detail: expect.objectContaining({ name: 'Goede Vrijdag', startDate: '2026-04-03', endDate: '2026-04-10', addedBy: t.demo.accounts.directeur.personId }),
    });
    expect((await directeur.delete(`/api/v1/school-locations/${school}/free-days/${res.json().id}`)).statusCode).toBe(404);
  });

  it('the functional administrator may manage the free days of any school', async () => {
    const res = await beheer.post(`/api/v1/school-locations/${otherSchool}/free-days`, { name: 'Studiedag', startDate: '2026-06-15' });
    expect(res.statusCode).toBe(201);
    expect((await beheer.delete(`/api/v1/school-locations/${otherSchool}/free-days/${res.json().id}`)).statusCode).toBe(204);
  });

  it('a teacher may see the calendar of her school but not change it', async () => {
    const res = await leerkracht.post(`/api/v1/school-locations/${school}/free-days`, { name: 'Studiedag', startDate: '2026-03-17' });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/intern begeleider of zorgcoördinator en de directeur van die schoolvestiging, en de functioneel beheerder/);
    expect((await leerkracht.delete(`/api/v1/school-locations/${school}/free-days/${studyDay}`)).statusCode).toBe(403);
    expect((await leerkracht.get(`/api/v1/school-locations/${school}/free-days`)).statusCode).toBe(200);
  });

  it('the school leader of another school may not change, nor see, this school’s free days', async () => {
    expect((await otherLeader.post(`/api/v1/school-locations/${school}/free-days`, { name: 'Studiedag', startDate: '2026-03-17' })).statusCode).toBe(403);
    expect((await otherLeader.delete(`/api/v1/school-locations/${school}/free-days/${studyDay}`)).statusCode).toBe(403);
    expect((await otherLeader.get(`/api/v1/school-locations/${school}/calendar`)).statusCode).toBe(403);
    // … and a day of this school is not found through the other school.
    expect((await otherLeader.delete(`/api/v1/school-locations/${otherSchool}/free-days/${studyDay}`)).statusCode).toBe(404);
    const own = await otherLeader.post(`/api/v1/school-locations/${otherSchool}/free-days`, { name: 'Studiedag', startDate: '2026-03-17' });
    expect(own.statusCode).toBe(201);
    // The study day of the first school is still there.
    expect((await ib.get(`/api/v1/school-locations/${school}/free-days`)).json().items.map((d: { id: string }) => d.id)).toContain(studyDay);
  });

  it('parents, youth care and organisations that are no school get no school calendar to manage', async () => {
    const ouder = await t.login('ouder');
    expect((await ouder.post(`/api/v1/school-locations/${school}/free-days`, { name: 'Studiedag', startDate: '2026-03-18' })).statusCode).toBe(403);
    const jeugdhulp = await t.login('jeugdhulp');
    expect((await jeugdhulp.get(`/api/v1/school-locations/${school}/calendar`)).statusCode).toBe(403);
    const regionOffice = t.demo.accounts.beheer.organisationId!;
    expect((await beheer.get(`/api/v1/school-locations/${regionOffice}/calendar`)).statusCode).toBe(404);
  });

  it('refuses wrong dates with a Dutch message per field', async () => {
    const post = (body: object) => ib.post(`/api/v1/school-locations/${school}/free-days`, body);
    const reasons = async (body: object) => {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      return Object.fromEntries((res.json().invalidParams as { name: string; reason: string }[]).map((p) => [p.name, p.reason]));
    };
    expect(await reasons({ name: 'Studiedag', startDate: '2026-03-20', endDate: '2026-03-19' })).toEqual({ endDate: 'De laatste vrije dag ligt vóór de eerste. Kies een einddatum op of na de begindatum.' });
    expect(await reasons({ name: '', startDate: '16-03-2026' })).toEqual({
      name: 'Geef de vrije dag een naam, bijvoorbeeld Studiedag.',
      startDate: 'Vul de eerste vrije dag in als JJJJ-MM-DD, bijvoorbeeld 2026-03-16.',
      endDate: 'Vul de laatste vrije dag in als JJJJ-MM-DD, of laat het veld leeg voor één dag.',
    });
    expect((await reasons({ name: 'Studiedag', startDate: '2023-09-01' })).startDate).toBe('Kies een datum tussen 1 augustus 2024 en 31 juli 2028 (vorig schooljaar tot en met over twee schooljaren).');
    expect((await reasons({ name: 'Studiedag', startDate: '2028-08-01' })).startDate).toMatch(/^Kies een datum tussen/);
    expect((await reasons({ name: 'Studiedag', startDate: '2026-07-27', endDate: '2026-08-03' })).endDate).toBe('Een vrije periode ligt binnen één schooljaar; 2025-2026 eindigt op 31 juli.');
    expect((await reasons({ name: 'Extra vakantie', startDate: '2026-03-02', endDate: '2026-03-20' })).endDate).toBe('Een eigen vrije periode duurt hoogstens 14 dagen. De schoolvakanties staan al in de kalender.');
    expect((await reasons({ name: 'Studiedag', startDate: '2026-03-21', endDate: '2026-03-22' })).startDate).toBe('Deze dagen vallen in het weekend; dan is er al geen school. Kies een doordeweekse dag.');
  });

  it('refuses a day that overlaps one the school already has', async () => {
    const res = await ib.post(`/api/v1/school-locations/${school}/free-days`, { name: 'Nog een studiedag', startDate: '2026-03-13', endDate: '2026-03-16' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'free_day_overlaps', detail: 'Overlapt met "Studiedag team" (16 maart 2026) die er al staat. Verwijder die eerst of kies andere data.' });
  });

  it('the intern begeleider acts for one school at a time', async () => {
    const po2 = (await ib.get('/api/v1/session')).json().memberships.find((m: { organisationId: string }) => m.organisationId !== school).organisationId as string;
    const res = await ib.post(`/api/v1/school-locations/${po2}/free-days`, { name: 'Studiedag', startDate: '2026-03-18' });
    expect(res.statusCode).toBe(403);
  });
});
