import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { multipart } from '../support/multipart.ts';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';

/**
 * An import changes shared records too: a pupil's name, group or enrolment. A screen opened before
 * the import must not save over what it changed — the same 409 as for another user's edit.
 */
const nl = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const HEADER = 'leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;BSN/onderwijsnummer;postcode;gemeente;groep;mentor;inschrijfdatum;niveau';
const START = addCalendarDays(today(), -30);

let t: TestApp;
let ib: Client;

const importPupils = async (rows: string[]) => {
  const m = multipart({ fullExport: 'nee' }, { name: 'leerlingen.csv', content: '\uFEFF' + [HEADER, ...rows].join('\r\n') + '\r\n' });
  const preview = await ib.request('POST', '/api/v1/pupil-imports', m.payload, m.headers);
  expect(preview.statusCode, preview.body).toBe(201);
  const commit = await ib.post(`/api/v1/pupil-imports/${preview.json().id}/commit`);
  expect(commit.statusCode, commit.body).toBe(200);
};

beforeAll(async () => {
  t = await startTestApp({ children: 50 });
  ib = await t.login('ib');
  await importPupils([`000901;Mila;;Versie;03-04-2008;;3701 AB;;4H;;${nl(START)};havo`]);
});
afterAll(async () => t?.close());

async function childByPupilNumber(number: string) {
  const row = await t.database.db.selectFrom('enrolments').select('child_id').where('pupil_number', '=', number).executeTakeFirstOrThrow();
  const res = await ib.get(`/api/v1/children/${row.child_id}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { id: string; version: number; givenName: string; enrolments: { id: string; version: number; endDate: string | null }[] };
}

describe('an import bumps the versions of what it changes', () => {
  it('the child page opened before a name change in the import: recording a startkwalificatie on it gets 409 with the new name', async () => {
    const before = await childByPupilNumber('000901');
    await importPupils([`000901;Milou;;Versie;03-04-2008;;3701 AB;;4H;;${nl(START)};havo`]);
    const after = await childByPupilNumber('000901');
    expect(after.givenName).toBe('Milou');
    expect(after.version).toBe(before.version + 1);
    const stale = await ib.put(`/api/v1/children/${before.id}/startkwalificatie`, { obtainedOn: today(), version: before.version });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { givenName: 'Milou', version: after.version } });
    const fresh = await ib.put(`/api/v1/children/${before.id}/startkwalificatie`, { obtainedOn: today(), version: after.version });
    expect(fresh.statusCode).toBe(200);
  });

  it('the enrolment shown before the import moved the pupil to another group: ending it on the old version gets 409', async () => {
    const before = await childByPupilNumber('000901');
    const enrolment = before.enrolments.find((e) => e.endDate === null)!;
    await importPupils([`000901;Milou;;Versie;03-04-2008;;3701 AB;;5H;;${nl(START)};havo`]);
    const after = await childByPupilNumber('000901');
    const moved = after.enrolments.find((e) => e.id === enrolment.id)!;
    expect(moved.version).toBe(enrolment.version + 1);
    const stale = await ib.patch(`/api/v1/children/${before.id}/enrolments/${enrolment.id}`, { endDate: addCalendarDays(today(), 30), version: enrolment.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
  });

  it('an import that changes nothing of the pupil leaves the versions as they are', async () => {
    const before = await childByPupilNumber('000901');
    await importPupils([`000901;Milou;;Versie;03-04-2008;;3701 AB;;5H;;${nl(START)};havo`]);
    const after = await childByPupilNumber('000901');
    expect(after.version).toBe(before.version);
    expect(after.enrolments.map((e) => e.version)).toEqual(before.enrolments.map((e) => e.version));
  });
});
