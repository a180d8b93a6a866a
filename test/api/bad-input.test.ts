import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type Client, type TestApp } from '../support/test-app.ts';
import { multipart } from '../support/multipart.ts';

/**
 * Bad input is a 4xx, never a 5xx (security review, issue 10): characters the database cannot
 * store, numbers out of range, hostile files, files that would exhaust the server, and one large
 * import at a time.
 */

process.env.SAMENSPEL_TODAY = '2026-02-02';

let t: TestApp;
let beheer: Client;
let ib: Client;
let privacy: Client;
let leerplicht: Client;
let school: string;
let child: string;
let caseId: string;

beforeAll(async () => {
  t = await startTestApp({ children: 60 });
  [beheer, ib, privacy, leerplicht] = await Promise.all(['beheer', 'ib', 'privacy', 'leerplicht'].map((u) => t.login(u)));
  school = t.demo.accounts.ib.organisationId!;
  const enrolled = await t.database.db.selectFrom('enrolments').select('child_id').where('organisation_id', '=', school).where('end_date', 'is', null).executeTakeFirstOrThrow();
  child = enrolled.child_id;
  caseId = (await t.database.db.selectFrom('cases').select('id').where('organisation_id', '=', school).where('status', '=', 'open').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

function expectProblem(res: LightMyRequestResponse, status: number, invalidParams?: { name: string; code?: string }[]) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, type: 'about:blank' });
  if (invalidParams) expect(body.invalidParams).toEqual(invalidParams.map((p) => expect.objectContaining(p)));
  return body;
}

const upload = (c: Client, url: string, fields: Record<string, string>, file?: { name: string; content: string | Buffer }) => {
  const m = multipart(fields, file);
  return c.request('POST', url, m.payload, m.headers);
};
const absenceUpload = (content: string | Buffer, name = 'verzuim.csv') => upload(ib, '/api/v1/absence-imports', { schoolLocationId: school }, { name, content });
const holidayImport = (body: string) => beheer.request('POST', '/api/v1/school-calendar/holiday-imports', body, { 'content-type': 'application/json' });
const count = async (table: 'absence_imports' | 'holiday_imports' | 'case_notes') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('a NUL character (\\u0000) is refused with a field error, never stored, never a 500', () => {
  it('in text fields of a JSON body, also nested ones', async () => {
    const notes = await count('case_notes');
    const cases: [Client, string, string, unknown, string][] = [
      [ib, 'POST', `/api/v1/school-locations/${school}/free-days`, { name: 'Studie\u0000dag', startDate: '2026-03-16' }, 'name'],
      [beheer, 'PATCH', '/api/v1/region', { name: 'Regio\u0000', version: 1 }, 'name'],
      [ib, 'POST', `/api/v1/cases/${caseId}/notes`, { text: 'Gesprek met \u0000 moeder' }, 'text'],
      [beheer, 'PUT', '/api/v1/settings', { values: { 'x\u0000': 1 }, version: 1 }, 'values/x\\u0000'],
    ];
    for (const [client, method, url, body, field] of cases) {
      const problem = expectProblem(await client.request(method, url, body), 400, [{ name: field, code: 'nul_character' }]);
      expect(problem.code).toBe('validation_failed');
      expect(problem.invalidParams[0].reason).toMatch(/NUL-teken.*Haal het teken weg/);
    }
    expect(await count('case_notes')).toBe(notes);
  });

  it('in the query string and in a path parameter', async () => {
    expectProblem(await ib.get('/api/v1/children?q=Jan%00'), 400, [{ name: 'querystring/q', code: 'nul_character' }]);
    expectProblem(await beheer.get('/api/v1/people?q=%00'), 400, [{ name: 'querystring/q', code: 'nul_character' }]);
    expectProblem(await privacy.get('/api/v1/access-log?username=ib%00'), 400, [{ name: 'querystring/username', code: 'nul_character' }]);
    expectProblem(await leerplicht.get('/api/v1/leerplicht/absence-reports?q=%00'), 400, [{ name: 'querystring/q', code: 'nul_character' }]);
    expectProblem(await ib.get('/api/v1/children/a%00b'), 400, [{ name: 'params/id', code: 'nul_character' }]);
  });

  it('half a Unicode character ("\\ud800", which jsonb refuses) likewise', async () => {
    expectProblem(await beheer.request('PATCH', '/api/v1/region', '{"name":"Regio \\ud800","version":1}', { 'content-type': 'application/json' }), 400, [{ name: 'name', code: 'invalid_character' }]);
  });

  it('in the sign-in: 400 for the field, and logged as a failed sign-in like any other', async () => {
    const anonymous = t.anonymous();
    const res = await anonymous.post('/api/v1/session', { username: 'ib\u0000', password: 'demo' });
    const problem = expectProblem(res, 400);
    expect(problem.invalidParams[0]).toMatchObject({ name: 'username', code: 'nul_character' });
    expect(res.headers['set-cookie']).toBeUndefined();
    const entry = await t.database.db.selectFrom('access_log').selectAll().where('event', '=', 'session.sign_in').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ outcome: 'denied', ip: '127.0.0.1', account_id: null, detail: { username: 'ib\\u0000', reason: 'invalid_input' } });
    // The password too.
    expectProblem(await anonymous.post('/api/v1/session', { username: 'ib', password: 'de\u0000mo' }), 400, [{ name: 'password', code: 'nul_character' }]);
    const again = await t.database.db.selectFrom('access_log').selectAll().where('event', '=', 'session.sign_in').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(again).toMatchObject({ outcome: 'denied', detail: { username: 'ib', reason: 'invalid_input' } });
    expect(Number(again.seq)).toBeGreaterThan(Number(entry.seq));
  });

  it('in a form field next to an upload; a NUL in the file name is taken out', async () => {
    const csv = 'leerling;datum;uren;reden\nonbekend;2026-01-20;1;ziek\n';
    expectProblem(await upload(ib, '/api/v1/pupil-imports', { fullExport: 'ja\u0000' }, { name: 'leerlingen.csv', content: csv }), 400, [{ name: 'fullExport', code: 'nul_character' }]);
    const res = await absenceUpload(csv, 'ver\u0000zuim.csv');
    expect(res.statusCode, res.body).toBe(201);
    const stored = await t.database.db.selectFrom('absence_imports').select('file_name').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(stored.file_name).toBe('verzuim.csv');
  });

  it('inside an uploaded CSV: an error on the line with the NUL', async () => {
    const res = await absenceUpload('leerling;datum;uren;reden\na;2026-01-20;1;ziek\nb\u0000;2026-01-20;1;ziek\n');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().errors).toEqual([{ row: 3, column: null, message: expect.stringMatching(/^Regel 3 van het bestand bevat een ongeldig teken \(een NUL-teken/) }]);
  });

  it('inside a holiday file: 422 for the field file, saying where', async () => {
    const before = await count('holiday_imports');
    const res = await holidayImport('{"content":[{"schoolyear":"2027-2028","vacations":[{"type":"Herfst\\u0000vakantie","regions":[]}]}]}');
    const problem = expectProblem(res, 422, [{ name: 'file', code: 'invalid_character' }]);
    expect(problem.invalidParams[0].reason).toMatch(/NUL-teken.*bij content\[0\]\.vacations\[0\]\.type/);
    expect(await count('holiday_imports')).toBe(before);
  });
});

describe('numbers out of range are a field error', () => {
  const lists = () => [
    '/api/v1/children',
    `/api/v1/children/${child}/access-log`,
    '/api/v1/people',
    '/api/v1/access-log',
    '/api/v1/outbox',
    '/api/v1/signals',
    `/api/v1/absence-reports?schoolLocationId=${school}`,
    '/api/v1/leerplicht/absence-reports',
    '/api/v1/early-warning',
    '/api/v1/thuiszitters',
    '/api/v1/thuiszitters/escalations',
  ];
  const withParam = (url: string, param: string) => `${url}${url.includes('?') ? '&' : '?'}${param}`;

  it('page=1e20 (and other pages beyond 100.000) on every list', async () => {
    for (const url of lists()) {
      for (const page of ['1e20', '100001', '99999999999']) {
        const problem = expectProblem(await privacy.get(withParam(url, `page=${page}`)), 400, [{ name: 'querystring/page', code: 'maximum' }]);
        expect(problem.invalidParams[0].reason, url).toBe('Kies een getal van hoogstens 100.000.');
      }
    }
  });

  it('negative, fractional or huge page sizes', async () => {
    for (const url of lists()) {
      expectProblem(await privacy.get(withParam(url, 'page=-1')), 400, [{ name: 'querystring/page', code: 'minimum' }]);
      expectProblem(await privacy.get(withParam(url, 'pageSize=1e9')), 400, [{ name: 'querystring/pageSize', code: 'maximum' }]);
      expectProblem(await privacy.get(withParam(url, 'pageSize=0')), 400, [{ name: 'querystring/pageSize', code: 'minimum' }]);
      expectProblem(await privacy.get(withParam(url, 'page=1.5')), 400, [{ name: 'querystring/page', code: 'type' }]);
    }
  });

  it('the last allowed page is an ordinary (empty) page', async () => {
    const res = await ib.get('/api/v1/children?page=100000&pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ items: [], page: 100000, pageSize: 100 });
  });
});

describe('a holiday file that is not what it should be: 422 for the field file, never a 500', () => {
  it('invalid JSON, JSON of another shape, nested too deep', async () => {
    expectProblem(await holidayImport('{"content": ['), 422, [{ name: 'file', code: 'not_json' }]);
    expectProblem(await holidayImport('{"a": 1}'), 422, [{ name: 'file', code: 'not_holiday_file' }]);
    expectProblem(await holidayImport('[null, 1, "x"]'), 422, [{ name: 'file', code: 'not_holiday_file' }]);
    const deepType = `{"content":[{"schoolyear":"2027-2028","vacations":[{"type":${'['.repeat(100_000)}${']'.repeat(100_000)},"regions":[]}]}]}`;
    expectProblem(await holidayImport(deepType), 422, [{ name: 'file', code: 'too_deep' }]);
    const deepDate = `{"content":[{"schoolyear":"2027-2028","vacations":[{"type":"Herfstvakantie","regions":[{"region":"noord","startdate":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)},"enddate":"2027-10-24"}]}]}]}`;
    expectProblem(await holidayImport(deepDate), 422, [{ name: 'file', code: 'too_deep' }]);
  });

  it('a file over 1 MB, as the body or as an upload', async () => {
    const big = `{"content":[${'{"x":1},'.repeat(150_000)}{}]}`;
    expect(big.length).toBeGreaterThan(1024 * 1024);
    expectProblem(await holidayImport(big), 400, [{ name: 'file', code: 'too_large' }]);
    expectProblem(await upload(beheer, '/api/v1/school-calendar/holiday-imports', {}, { name: 'vakanties.json', content: big }), 400, [{ name: 'file', code: 'too_large' }]);
  });

  it('a school year or a region that does not exist is an error of the check, and the import cannot be saved', async () => {
    const year0 = await holidayImport(JSON.stringify({ content: [{ schoolyear: '0000-0001', vacations: [{ type: 'Herfstvakantie', regions: [{ region: 'noord', startdate: '0000-10-16', enddate: '0000-10-24' }] }] }] }));
    expect(year0.statusCode, year0.body).toBe(201);
    expect(year0.json().errors).toEqual([{ path: 'content[0].schoolyear', message: expect.stringMatching(/ligt niet tussen 1990 en 2100/) }]);
    expectProblem(await beheer.post(`/api/v1/school-calendar/holiday-imports/${year0.json().id}/commit`), 409);
    const proto = await holidayImport(JSON.stringify({ content: [{ schoolyear: '2029-2030', vacations: [{ type: 'Herfstvakantie', regions: [{ region: 'constructor', startdate: '2029-10-13', enddate: '2029-10-21' }] }] }] }));
    expect(proto.json().errors).toEqual([{ path: 'content[0].vacations[0].regions[0].region', message: expect.stringContaining('Onbekende regio "constructor"') }]);
    expectProblem(await beheer.post(`/api/v1/school-calendar/holiday-imports/${proto.json().id}/commit`), 409);
  });
});

describe('large imports cannot exhaust the server', () => {
  const overRowLimit = () => `leerling;datum;uren;reden\n${'a\n'.repeat(500_011)}`;

  it('the default limits apply to the real upload endpoints: a file over them is refused with 422', async () => {
    const csv = overRowLimit();
    const responses = [
      await absenceUpload(csv),
      await upload(ib, '/api/v1/pupil-imports', {}, { name: 'leerlingen.csv', content: csv }),
      await upload(ib, '/api/v1/guardian-imports', {}, { name: 'ouders.csv', content: csv }),
      await upload(beheer, '/api/v1/staff-imports', { organisationId: school }, { name: 'medewerkers.csv', content: csv }),
    ];
    for (const res of responses) {
      const problem = expectProblem(res, 422, [{ name: 'file', code: 'too_many_rows' }]);
      expect(problem.detail).toMatch(/^Het bestand heeft meer dan 500\.010 rijen met gegevens; .*Splits het bestand/);
    }
    // A workbook with more merged ranges than allowed (100.000): stopped while it is read.
    const merges = `<mergeCells>${Array.from({ length: 100_001 }, (_, i) => `<mergeCell ref="A${i + 2}:B${i + 2}"/>`).join('')}</mergeCells>`;
    const { handMadeXlsx } = await import('../support/xlsx.ts');
    expectProblem(await absenceUpload(handMadeXlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>leerling</t></is></c></row>', merges), 'verzuim.xlsx'), 422, [{ name: 'file', code: 'too_many_merged_cells' }]);
  });

  it('one large import at a time: a second one gets 503 with Retry-After; small files do not wait', async () => {
    const { largeImportSlot, LARGE_UPLOAD_BYTES } = await import('../../src/kernel/http/upload.ts');
    const large = `a;b;c\n${'x;y;z\n'.repeat(Math.ceil(LARGE_UPLOAD_BYTES / 6) + 10)}`;
    expect(large.length).toBeGreaterThan(LARGE_UPLOAD_BYTES);
    const small = 'leerling;datum;uren;reden\nonbekend;2026-01-20;1;ziek\n';
    const held = largeImportSlot.tryAcquire()!;
    expect(held).toBeTruthy();
    try {
      for (const res of [
        await absenceUpload(large),
        await upload(ib, '/api/v1/pupil-imports', {}, { name: 'leerlingen.csv', content: large }),
        await upload(beheer, '/api/v1/staff-imports', { organisationId: school }, { name: 'medewerkers.csv', content: large }),
      ]) {
        const problem = expectProblem(res, 503);
        expect(res.headers['retry-after']).toBe('60');
        expect(problem).toMatchObject({ code: 'import_busy', detail: 'Er wordt al een groot bestand verwerkt. Probeer het over een minuut opnieuw.' });
      }
      expect((await absenceUpload(small)).statusCode).toBe(201);
    } finally {
      held.release();
    }
    const res = await absenceUpload(large);
    expect(res.statusCode, res.body).toBe(201);
    // The request gave the slot back when it answered, also after a refusal.
    expect(largeImportSlot.busy).toBe(false);
    expectProblem(await absenceUpload(overRowLimit()), 422);
    expect(largeImportSlot.busy).toBe(false);
  });
});

describe('other hostile input', () => {
  it('a date in year 0000 (which the database does not know) in a query or a body', async () => {
    expectProblem(await privacy.get('/api/v1/access-log?from=0000-01-01'), 400, [{ name: 'querystring/from', code: 'pattern' }]);
    expectProblem(await ib.get('/api/v1/early-warning?asOf=0000-01-01'), 400, [{ name: 'querystring/asOf', code: 'pattern' }]);
    expectProblem(await ib.get(`/api/v1/children/${child}/absence-summary?asOf=0000-01-01`), 400, [{ name: 'querystring/asOf' }]);
    expectProblem(await ib.get(`/api/v1/absence-reports?schoolLocationId=${school}&asOf=0000-01-01`), 400, [{ name: 'asOf' }]);
    const gemeente = (await t.database.db.selectFrom('gemeenten').select('id').executeTakeFirstOrThrow()).id;
    // In a body: the command's own date check (kernel/time.ts isIsoDate) names the field.
    expectProblem(await ib.post(`/api/v1/children/${child}/residences`, { gemeenteId: gemeente, validFrom: '0000-01-01' }), 400, [{ name: 'validFrom' }]);
  });

  it('a body that is no JSON, or too large, gets a Dutch problem', async () => {
    expect(expectProblem(await beheer.request('PATCH', '/api/v1/region', '{"name": ', { 'content-type': 'application/json' }), 400).code).toBe('invalid_json');
    const huge = await beheer.request('PATCH', '/api/v1/region', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), { 'content-type': 'application/json' });
    expect(expectProblem(huge, 413)).toMatchObject({ code: 'payload_too_large', detail: expect.stringMatching(/^Het verzoek is groter dan de server aanneemt/) });
  });
});

describe('unknown ids in a body are a field error', () => {
  it('a consent withdrawal naming an unknown parent, and a comment or observation on a goal of no (or another) plan', async () => {
    const k = (await ib.get(`/api/v1/cases/${caseId}`)).json();
    const consent = k.consents.find((c: { status: string }) => c.status === 'valid');
    expect(consent).toBeDefined(); // the demo case's consent
    const res = await ib.post(`/api/v1/consents/${consent.id}/withdraw`, { byGuardianId: '7d0f2a3e-6c1b-4e2f-9a8d-000000000000', method: 'verbal' });
    expectProblem(res, 400, [{ name: 'byGuardianId', code: 'not_an_authority_guardian' }]);
    const unknownGoal = '7d0f2a3e-6c1b-4e2f-9a8d-000000000001';
    expectProblem(await ib.post(`/api/v1/plans/${k.planId}/comments`, { text: 'Gaat goed.', goalId: unknownGoal }), 400, [{ name: 'goalId', code: 'unknown_goal' }]);
    expectProblem(await ib.post(`/api/v1/plans/${k.planId}/observations`, { effect: 'better', text: 'Werkt mee.', goalId: unknownGoal }), 400, [{ name: 'goalId', code: 'unknown_goal' }]);
    // A goal of another plan is not this plan's goal.
    const other = (await ib.post('/api/v1/cases', { childId: child, title: 'Tweede casus' })).json();
    const withGoal = await ib.post(`/api/v1/plans/${other.planId}/goals`, { lifeDomain: 'school', description: 'Leest zelfstandig.', expectedOutcome: 'Een boek per maand.' });
    expect(withGoal.statusCode).toBe(201);
    const otherGoal = withGoal.json().goals[0].id;
    expectProblem(await ib.post(`/api/v1/plans/${k.planId}/comments`, { text: 'Gaat goed.', goalId: otherGoal }), 400, [{ name: 'goalId', code: 'unknown_goal' }]);
    expect(await t.database.db.selectFrom('plan_comments').select('id').where('text', '=', 'Gaat goed.').execute()).toEqual([]);
    expect(await t.database.db.selectFrom('plan_observations').select('id').where('text', '=', 'Werkt mee.').execute()).toEqual([]);
  });
});

describe('a form gets all its errors in one round (issue 12): the schema’s and the command’s own checks together', () => {
  const names = (res: LightMyRequestResponse) => (res.json().invalidParams as { name: string }[]).map((p) => p.name).sort();

  it('a new signal with an empty observation and parents not informed without a reason: both fields at once', async () => {
    const child = (await ib.get('/api/v1/children?pageSize=1')).json().items[0].id;
    const res = await ib.post('/api/v1/signals', { childId: child, category: 'behaviour', urgency: 'soon', observation: '', parentsInformed: false });
    expect(res.statusCode).toBe(400);
    expect(names(res)).toEqual(['observation', 'parentsNotInformedReason']);
    const reasons = (res.json().invalidParams as { name: string; reason: string }[]).map((p) => p.reason);
    expect(reasons).toContain('Geef aan waarom de ouders (nog) niet op de hoogte zijn.');
    expect(await t.database.db.selectFrom('signals').select('id').where('child_id', '=', child).where('observation', '=', '').execute()).toEqual([]);
  });

  it('a school with an empty name, a wrong BRIN and no gemeente: every field at once, in plain words', async () => {
    const before = await t.database.db.selectFrom('organisations').select('id').execute();
    const res = await beheer.post('/api/v1/organisations', { kind: 'school_location', name: '', brin: '5K', vestiging: '1', gemeenteId: null });
    expect(res.statusCode).toBe(400);
    expect(names(res)).toEqual(['brin', 'gemeenteId', 'name', 'schoolType', 'vestiging']);
    const brin = (res.json().invalidParams as { name: string; reason: string }[]).find((p) => p.name === 'brin')!;
    expect(brin.reason).toBe('Een BRIN-nummer is 2 cijfers en 2 letters, bijvoorbeeld 05KO.');
    expect(await t.database.db.selectFrom('organisations').select('id').execute()).toHaveLength(before.length);
  });

  it('a consent with a schema error and dates the wrong way round: the dates are named in the same answer', async () => {
    const res = await ib.post(`/api/v1/cases/${caseId}/consents`, {
      purpose: 'Samen werken',
      dataKinds: ['identity', 'no-such-kind'],
      recipientOrganisationIds: [],
      givers: { guardianIds: [], childSelf: false },
      method: 'written',
      givenOn: '2026-01-20',
      validUntil: '2025-12-31',
    });
    expect(res.statusCode).toBe(400);
    expect(names(res)).toEqual(expect.arrayContaining(['dataKinds/1', 'recipientOrganisationIds', 'validUntil']));
  });

  it('a body the checks cannot read (wrong types everywhere) still gets the schema’s errors, not a 500', async () => {
    const res = await beheer.post('/api/v1/organisations', { kind: 42, name: ['x'], brin: { a: 1 }, gemeenteId: 7 });
    expect(res.statusCode).toBe(400);
    expect(names(res)).toEqual(expect.arrayContaining(['kind', 'brin', 'gemeenteId']));
  });
});
