import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { today } from '../../kernel/time.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';

/**
 * A new pupil's entry in the access log carries the ground the policy gives the care coordinator
 * who created it, asked in the creating transaction once the enrolment exists — never a literal.
 */
let t: TestApp;
let ib: Client;
let gemeenteId: string;
const D0 = today();

beforeAll(async () => {
  t = await startTestApp({ children: 50 });
  ib = await t.login('ib');
  gemeenteId = (await t.database.db.selectFrom('gemeenten').select('id').where('region_id', '=', t.demo.regionId).executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

const create = (name: string, enrolment: { startDate: string; endDate?: string }) =>
  ib.post('/api/v1/children', { givenName: name, familyName: 'Nieuw', birthDate: addCalendarDays(D0, -8 * 365), gemeenteId, enrolment });
const entries = (childId: string) => t.database.db.selectFrom('access_log').select(['event', 'outcome', 'ground', 'detail', 'account_id']).where('child_id', '=', childId).orderBy('seq').execute();

describe('child.create', () => {
  it('enrolled from today: the policy’s ground for the new child (school_care), one allowed entry', async () => {
    const res = await create('Vandaag', { startDate: D0 });
    expect(res.statusCode).toBe(201);
    expect(await entries(res.json().id)).toEqual([{ event: 'child.create', outcome: 'allowed', ground: 'school_care', detail: { kind: 'identity' }, account_id: t.demo.accounts.ib.accountId }]);
  });

  it('enrolled from next month: no relation today, so the ground the policy gives on the enrolment’s first day, and that day', async () => {
    const start = addCalendarDays(D0, 30);
    const res = await create('Straks', { startDate: start });
    expect(res.statusCode).toBe(201);
    expect(await entries(res.json().id)).toEqual([{ event: 'child.create', outcome: 'allowed', ground: 'school_care', detail: { kind: 'identity', groundOn: start }, account_id: t.demo.accounts.ib.accountId }]);
    // Today the care coordinator has no relation with the child yet: the file is refused (and that is logged).
    expect((await ib.get(`/api/v1/children/${res.json().id}`)).statusCode).toBe(404);
  });

  it('an enrolment that already ended: the ground on its last day', async () => {
    const end = addCalendarDays(D0, -10);
    const res = await create('Vertrokken', { startDate: addCalendarDays(D0, -100), endDate: end });
    expect(res.statusCode).toBe(201);
    expect((await entries(res.json().id))[0]).toMatchObject({ event: 'child.create', outcome: 'allowed', ground: 'school_care', detail: { kind: 'identity', groundOn: end } });
  });

  it('a refused creation writes nothing, not even an entry', async () => {
    const before = Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).where('event', '=', 'child.create').executeTakeFirstOrThrow()).n);
    const res = await ib.post('/api/v1/children', { givenName: 'Fout', familyName: 'Nieuw', birthDate: addCalendarDays(D0, -8 * 365), gemeenteId: '00000000-0000-4000-8000-000000000000', enrolment: { startDate: D0 } });
    expect(res.statusCode).toBe(400);
    const after = Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).where('event', '=', 'child.create').executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
  });
});
