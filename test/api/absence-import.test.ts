import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { lessonDaysBefore, quietPupils, uploadAbsence } from '../support/absence.ts';
import { multipart } from '../support/multipart.ts';
import { today } from '../../src/kernel/time.ts';

// Dates relative to today: the demo's enrolments are built around today. Absence exists only on
// lesson days: D1 and D2 are the two school days before today at the school (weekends and holidays skipped).
const D0 = today();
let D1 = '';
let D2 = '';

let t: TestApp;
let ib: Client;
let school: string;
let pupils: { id: string }[];

const upload = (c: Client, csv: string | Buffer, schoolId = school) => uploadAbsence(c, schoolId, csv);
/** Absence records beyond the demo's own: what the imports in this file wrote. */
let demoRecords = 0;
const count = async () => Number((await t.database.db.selectFrom('absence_records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) - demoRecords;

beforeAll(async () => {
  t = await startTestApp({ children: 80 });
  ib = await t.login('ib');
  school = (await ib.get('/api/v1/session')).json().memberships[0].organisationId;
  [D1, D2] = await lessonDaysBefore(t, school, D0);
  demoRecords = await count();
  // Pupils enrolled at this school since before the dates used below.
  // Pupils enrolled at this school since before the dates used below, without demo absence on those days.
  pupils = (await quietPupils(t, { schoolId: school, enrolledBy: D2, quietSince: D2, limit: 10 })).map((p) => ({ id: p.childId }));
});
afterAll(async () => t?.close());

describe('absence import: preview, all or nothing, idempotent', () => {
  const good = () => ['leerling;datum;uren;reden', `${pupils[0].id};${D2};2,5;ongeoorloofd`, `${pupils[1].id};${D2};6;ziek`, `${pupils[2].id};${D1};1;te-laat`].join('\n');

  it('a bad row is reported with its row and column, and a file with errors cannot be committed; nothing is written', async () => {
    const bad = good() + `\n${pupils[3].id};${D1};drie;ziek\n00000000-0000-4000-8000-000000000000;${D1};1;ziek`;
    const res = await upload(ib, bad);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.rows).toBe(3);
    expect(p.errors).toEqual([
      { row: 5, column: 'uren', message: expect.stringContaining('drie') },
      { row: 6, column: 'leerling', message: expect.stringContaining('onbekend') },
    ]);
    const commit = await ib.post(`/api/v1/absence-imports/${p.id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json().code).toBe('import_has_errors');
    expect(await count()).toBe(0);
  });

  let firstId: string;
  it('the fixed file commits all rows, and each pupil is in the access log', async () => {
    const p = (await upload(ib, good())).json();
    expect(p.errors).toEqual([]);
    firstId = p.id;
    const res = await ib.post(`/api/v1/absence-imports/${p.id}/commit`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, changed: 3, children: 3 });
    expect(await count()).toBe(3);
    const rec = await t.database.db.selectFrom('absence_records').selectAll().where('child_id', '=', pupils[0].id).where('import_id', '=', p.id).executeTakeFirstOrThrow();
    expect(Number(rec.hours)).toBe(2.5);
    expect(rec.reason).toBe('unauthorised');
    const logged = await t.database.db.selectFrom('access_log').select('child_id').where('event', '=', 'absence.import').execute();
    expect(new Set(logged.map((l) => l.child_id))).toEqual(new Set(pupils.slice(0, 3).map((p) => p.id)));
    expect((await ib.post(`/api/v1/absence-imports/${p.id}/commit`)).statusCode).toBe(409);
  });

  it('importing the same file again is recognised and changes nothing', async () => {
    const p = (await upload(ib, good())).json();
    expect(p.alreadyImported).toMatchObject({ importId: firstId });
    const res = (await ib.post(`/api/v1/absence-imports/${p.id}/commit`)).json();
    expect(res.changed).toBe(0);
    expect(await count()).toBe(3);
  });

  it('the school’s own pupil number works, leading zeros included; a pupil not enrolled on that day is refused', async () => {
    await sql`update enrolments set pupil_number = '000123' where child_id = ${pupils[4].id} and organisation_id = ${school} and end_date is null`.execute(t.database.db);
    const p = (await upload(ib, `leerling,datum,uren,reden\n000123,${D1},1,geoorloofd\n000123,1999-01-04,1,ziek`)).json();
    expect(p.rows).toBe(1);
    expect(p.errors).toEqual([{ row: 3, column: 'datum', message: expect.stringContaining('niet ingeschreven') }]);
  });

  it('one pupil named by child id on one row and by pupil number on another, same day and reason: an error, not a failed commit', async () => {
    const p = (await upload(ib, `leerling,datum,uren,reden\n${pupils[4].id},${D1},1,ziek\n000123,${D1},2,ziek`)).json();
    expect(p.errors).toEqual([{ row: 3, column: 'leerling', message: expect.stringContaining('regel 2') }]);
    expect((await ib.post(`/api/v1/absence-imports/${p.id}/commit`)).statusCode).toBe(409);
  });

  it('another school’s import is answered exactly like one that does not exist (404); nothing is written or logged', async () => {
    const p = (await upload(ib, `leerling;datum;uren;reden\n${pupils[3].id};${D2};4;ongeoorloofd`)).json();
    expect(p.errors).toEqual([]);
    // The care coordinator of another school (may commit absence imports, but not this one), and a teacher.
    const [other, teacher] = [await t.login('zorgcoordinator'), await t.login('leerkracht')];
    const before = await count();
    const logBefore = await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const theirs = await other.post(`/api/v1/absence-imports/${p.id}/commit`);
    const unknown = await other.post(`/api/v1/absence-imports/${randomUUID()}/commit`);
    expect(theirs.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const { instance: _a, ...theirsBody } = theirs.json();
    const { instance: _b, ...unknownBody } = unknown.json();
    expect(theirsBody).toEqual(unknownBody);
    // Whoever does not import absence at all is refused before any import is looked up: 403 for both.
    expect((await teacher.post(`/api/v1/absence-imports/${p.id}/commit`)).statusCode).toBe(403);
    expect((await teacher.post(`/api/v1/absence-imports/${randomUUID()}/commit`)).statusCode).toBe(403);
    expect(await count()).toBe(before);
    expect((await t.database.db.selectFrom('absence_imports').select('status').where('id', '=', p.id).executeTakeFirstOrThrow()).status).toBe('preview');
    const logAfter = await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(logAfter.n)).toBe(Number(logBefore.n));
    // The school's own care coordinator still commits it.
    expect((await ib.post(`/api/v1/absence-imports/${p.id}/commit`)).statusCode).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it('only the school’s own care coordinator may import', async () => {
    expect((await upload(await t.login('leerkracht'), good())).statusCode).toBe(403);
    expect((await upload(await t.login('zorgcoordinator'), good())).statusCode).toBe(403);
    const noFile = multipart({ schoolLocationId: school });
    const res = await ib.request('POST', '/api/v1/absence-imports', noFile.payload, noFile.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams[0].name).toBe('file');
  });
});

describe('absence import: the policy decides, in the preview and at the commit', () => {
  /** Pupils of the list whose care this school holds only through the enrolment (no case of the school). */
  const withoutCase = async () => {
    const cased = new Set((await t.database.db.selectFrom('cases').select('child_id').where('organisation_id', '=', school).execute()).map((c) => c.child_id));
    return pupils.slice(5).filter((p) => !cased.has(p.id));
  };
  const endEnrolment = (childId: string, day: string) => sql`update enrolments set end_date = ${day} where child_id = ${childId} and organisation_id = ${school} and end_date is null`.execute(t.database.db);
  const logOf = (importId: string) =>
    t.database.db.selectFrom('access_log').select(['outcome', 'child_id', 'ground']).where('event', '=', 'absence.import').where(sql<boolean>`detail->>'importId' = ${importId}`).orderBy('seq').execute();

  it('the commit logs each pupil with the ground the policy found', async () => {
    const [a] = await withoutCase();
    const p = (await upload(ib, `leerling;datum;uren;reden\n${a.id};${D2};1;ziek`)).json();
    expect(p.errors).toEqual([]);
    expect((await ib.post(`/api/v1/absence-imports/${p.id}/commit`)).statusCode).toBe(200);
    expect(await logOf(p.id)).toEqual([{ outcome: 'allowed', child_id: a.id, ground: 'school_care' }]);
  });

  it('a pupil the school no longer has a ground for is a row error in the preview, even for a day the pupil was enrolled', async () => {
    const [, left] = await withoutCase();
    await endEnrolment(left.id, D1);
    const p = (await upload(ib, `leerling;datum;uren;reden\n${left.id};${D2};1;ziek`)).json();
    expect(p.rows).toBe(0);
    expect(p.errors).toEqual([{ row: 2, column: 'leerling', message: expect.stringContaining('niet meer op deze school') }]);
  });

  it('a pupil who left between the check and the commit: the commit is refused, nothing is written, only the refusal is logged', async () => {
    const [, , leaves, stays] = await withoutCase();
    const p = (await upload(ib, `leerling;datum;uren;reden\n${leaves.id};${D2};3;ongeoorloofd\n${stays.id};${D2};2;ziek`)).json();
    expect(p.errors).toEqual([]);
    await endEnrolment(leaves.id, D1);
    const before = await count();
    const res = await ib.post(`/api/v1/absence-imports/${p.id}/commit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('import_outdated');
    expect(await count()).toBe(before);
    expect((await t.database.db.selectFrom('absence_imports').select('status').where('id', '=', p.id).executeTakeFirstOrThrow()).status).toBe('preview');
    // Exactly one entry: the pupil refused. The pupil still enrolled was not written, so not logged.
    expect(await logOf(p.id)).toEqual([{ outcome: 'denied', child_id: leaves.id, ground: null }]);
  });
});
