import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';

/**
 * Urgent means urgent (issue 12): a signal marked "Dringend", and every safety signal, has its own
 * pick-up term as data (by default the same school day), is at the top of the queue, and tells the
 * school's care coordinators at once — in the app and by e-mail through the outbox, without child
 * data in the mail.
 */

// Thursday 15 October 2026, the day before the autumn holiday of region midden (17–25 October).
const THURSDAY = '2026-10-15';
process.env.SAMENSPEL_TODAY = THURSDAY;

let t: TestApp;
let leerkracht: Client;
let ib: Client;
let zorgcoordinator: Client;
let beheer: Client;
let pupil: { id: string; givenName: string; familyName: string };
let school: string;
/** Care coordinators of the school made for this test: one current, one whose membership ended. */
let colleague: { personId: string; email: string };
let former: { personId: string; email: string };

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  await t.database.db.insertInto('school_free_periods').values({ holiday_region: 'midden', name: 'Herfstvakantie', start_date: '2026-10-17', end_date: '2026-10-25' }).execute();
  [leerkracht, ib, zorgcoordinator, beheer] = await Promise.all(['leerkracht', 'ib', 'zorgcoordinator', 'beheer'].map((u) => t.login(u)));
  pupil = (await leerkracht.get('/api/v1/children?pageSize=100')).json().items[0];
  school = t.demo.accounts.leerkracht.organisationId!;
  expect(t.demo.accounts.ib.organisationId).toBe(school);
  const person = async (given: string, role: string, ended: boolean) => {
    const email = `${given.toLowerCase()}@regenboog.example`;
    const p = await t.database.db.insertInto('people').values({ region_id: t.demo.regionId, given_name: given, family_name: 'Test', email }).returning('id').executeTakeFirstOrThrow();
    await t.database.db.insertInto('memberships').values({ person_id: p.id, organisation_id: school, role, ended_at: ended ? new Date('2026-09-01T00:00:00Z') : null }).execute();
    return { personId: p.id, email };
  };
  colleague = await person('Collega', 'care_coordinator', false);
  former = await person('Vertrokken', 'intern_begeleider', true);
});
afterAll(async () => t?.close());

const signal = (over: object = {}) => ({ childId: pupil.id, category: 'social_emotional', urgency: 'normal', observation: 'Zegt dat hij niet meer naar huis durft.', parentsInformed: true, ...over });
const raise = async (over: object = {}, by: Client = leerkracht) => {
  const res = await by.post('/api/v1/signals', signal(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const notificationsOf = async (signalId: string) =>
  (await t.database.db.selectFrom('notifications').select(['person_id', 'organisation_id', 'kind', 'read_at']).where('signal_id', '=', signalId).execute()).map((n) => n.person_id).sort();
/** The e-mails about one signal (its link names it). */
const mailsAbout = async (signalId: string) =>
  t.database.db.selectFrom('mail_outbox').select(['kind', 'to_address', 'subject', 'body_text']).where('kind', '=', 'urgent_signal').where('body_text', 'like', `%/signalen/${signalId}%`).orderBy('to_address').execute();

describe('the pick-up term of an urgent signal', () => {
  it('"Dringend": its own term, by default 0 school days — the same school day', async () => {
    const s = await raise({ urgency: 'urgent' });
    expect(s).toMatchObject({ urgent: true, urgency: 'urgent', raisedOn: THURSDAY, pickupSchoolDays: 0, pickupDeadline: THURSDAY, lateness: 'on_time' });
  });

  it('every safety signal is urgent, whatever urgency was chosen', async () => {
    const s = await raise({ category: 'safety', urgency: 'normal', parentsInformed: false, parentsNotInformedReason: 'Eerst overleg met de aandachtsfunctionaris.' });
    expect(s).toMatchObject({ urgent: true, pickupSchoolDays: 0, pickupDeadline: THURSDAY });
  });

  it('"soon" and "normal" keep the normal term (5 school days, past the holiday week)', async () => {
    for (const urgency of ['soon', 'normal']) {
      expect(await raise({ urgency })).toMatchObject({ urgent: false, pickupSchoolDays: 5, pickupDeadline: '2026-10-29' });
    }
  });

  it('raised on a day without school (the holiday): due the next school day', async () => {
    process.env.SAMENSPEL_TODAY = '2026-10-18';
    try {
      expect(await raise({ urgency: 'urgent' })).toMatchObject({ raisedOn: '2026-10-18', pickupSchoolDays: 0, pickupDeadline: '2026-10-26' });
    } finally {
      process.env.SAMENSPEL_TODAY = THURSDAY;
    }
  });

  it('the term is data: listed apart in the settings and set by the functional administrator (0 allowed only for urgent)', async () => {
    const terms = (await beheer.get('/api/v1/settings/signal-pickup-terms')).json();
    expect(terms.urgent).toEqual([{ scope: 'default', category: null, schoolDays: 0 }]);
    expect(terms.items.every((r: { schoolDays: number }) => r.schoolDays >= 1)).toBe(true);
    expect((await leerkracht.put('/api/v1/settings/signal-pickup-terms', { category: null, schoolDays: 1, urgent: true, version: terms.version })).statusCode).toBe(403);
    expect((await beheer.put('/api/v1/settings/signal-pickup-terms', { category: null, schoolDays: 0, version: terms.version })).statusCode).toBe(400);
    const set = await beheer.put('/api/v1/settings/signal-pickup-terms', { category: null, schoolDays: 1, urgent: true, version: terms.version });
    expect(set.json()).toEqual({ category: null, schoolDays: 1, urgent: true, version: terms.version + 1 });
    expect(await raise({ urgency: 'urgent' })).toMatchObject({ pickupSchoolDays: 1, pickupDeadline: '2026-10-16' });
    // The normal term did not change; back to the same school day.
    expect(await raise({ urgency: 'normal' })).toMatchObject({ pickupSchoolDays: 5 });
    const back = await beheer.put('/api/v1/settings/signal-pickup-terms', { category: null, schoolDays: 0, urgent: true, version: terms.version + 1 });
    expect(back.statusCode).toBe(200);
    expect((await beheer.get('/api/v1/settings/signal-pickup-terms')).json().urgent).toEqual(
      expect.arrayContaining([
        { scope: 'default', category: null, schoolDays: 0 },
        { scope: 'region', category: null, schoolDays: 0 },
      ]),
    );
  });
});

describe('the queue: urgent and safety signals first, then by deadline', () => {
  it('every waiting urgent signal comes before every other one; within each, by deadline; handled ones last', async () => {
    // An urgent one picked up already is no longer on top.
    const handled = await raise({ urgency: 'urgent' });
    expect((await ib.post(`/api/v1/signals/${handled.id}/triage`, { decision: 'handle_in_school', reason: 'Direct gesprek gehad.', version: handled.version })).statusCode).toBe(200);
    const queue = (await ib.get('/api/v1/signals?view=queue&pageSize=100')).json();
    const items = queue.items as { id: string; urgent: boolean; status: string; pickupDeadline: string }[];
    const waiting = items.filter((s) => s.status === 'new');
    const firstOther = items.findIndex((s) => !(s.urgent && s.status === 'new'));
    expect(firstOther).toBeGreaterThan(0);
    expect(items.slice(0, firstOther).every((s) => s.urgent && s.status === 'new')).toBe(true);
    expect(items.slice(firstOther).some((s) => s.urgent && s.status === 'new')).toBe(false);
    const urgentDeadlines = items.slice(0, firstOther).map((s) => s.pickupDeadline);
    expect(urgentDeadlines).toEqual([...urgentDeadlines].sort());
    const otherWaiting = waiting.filter((s) => !s.urgent).map((s) => s.pickupDeadline);
    expect(otherWaiting).toEqual([...otherWaiting].sort());
    expect(items.findIndex((s) => s.id === handled.id)).toBeGreaterThan(items.findLastIndex((s) => s.status === 'new'));
    // Paging keeps the order: the first page of 2 is the two first urgent ones.
    const page = (await ib.get('/api/v1/signals?view=queue&pageSize=2')).json();
    expect(page.items.map((s: { id: string }) => s.id)).toEqual(items.slice(0, 2).map((s) => s.id));
  });
});

describe('the school’s care coordinators hear of an urgent signal at once', () => {
  it('in the app and by e-mail: the current care coordinators of that school only — not another school’s, not an ended membership', async () => {
    const s = await raise({ urgency: 'urgent' });
    const expected = [t.demo.accounts.ib.personId!, colleague.personId].sort();
    expect(await notificationsOf(s.id)).toEqual(expected);
    const rows = await t.database.db.selectFrom('notifications').selectAll().where('signal_id', '=', s.id).execute();
    expect(rows.every((n) => n.organisation_id === school && n.kind === 'urgent_signal' && n.read_at === null)).toBe(true);
    expect(rows.map((n) => n.person_id)).not.toContain(former.personId);
    expect(rows.map((n) => n.person_id)).not.toContain(t.demo.accounts.zorgcoordinator.personId);

    const mails = await mailsAbout(s.id);
    const ibEmail = (await t.database.db.selectFrom('people').select('email').where('id', '=', t.demo.accounts.ib.personId!).executeTakeFirstOrThrow()).email;
    expect(mails.map((m) => m.to_address).sort()).toEqual([colleague.email, ibEmail].filter(Boolean).sort());
    expect(mails.map((m) => m.to_address)).not.toContain(former.email);
    for (const m of mails) {
      expect(m.subject).toBe('Dringend signaal op uw school');
      expect(m.body_text).toMatch(new RegExp(`^Er is een dringend signaal op uw school\\. Log in om het te bekijken\\.\\n\\nhttps?://\\S+/signalen/${s.id}\\n$`));
      // No child data: not the name, not what was seen, not the category.
      for (const word of [pupil.givenName, pupil.familyName, 'durft', 'sociaal', 'social']) expect(m.body_text + m.subject).not.toContain(word);
    }
  });

  it('a safety signal notifies too; a normal one does not', async () => {
    const safety = await raise({ category: 'safety', urgency: 'soon' });
    expect(await notificationsOf(safety.id)).toHaveLength(2);
    const normal = await raise({ urgency: 'soon' });
    expect(await notificationsOf(normal.id)).toEqual([]);
  });

  it('a care coordinator who raises one herself is not told about her own signal; her colleagues are', async () => {
    const s = await raise({ urgency: 'urgent' }, ib);
    expect(await notificationsOf(s.id)).toEqual([colleague.personId]);
  });

  it('"my notifications": the care coordinator sees them, newest first, with the unread count; no child data', async () => {
    const mine = await ib.get('/api/v1/notifications');
    expect(mine.statusCode).toBe(200);
    const body = mine.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.unread).toBe(body.items.length);
    expect(body.items[0]).toEqual({ id: expect.any(String), kind: 'urgent_signal', signalId: expect.any(String), requestId: null, caseId: null, observationId: null, createdAt: expect.any(String), read: false });
    expect(JSON.stringify(body)).not.toContain(pupil.familyName);
    const times = body.items.map((n: { createdAt: string }) => n.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    // Others have none of them: the teacher who raised them (she hears of decisions on her signals, and of observations asked), another school's care coordinator.
    expect((await leerkracht.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'urgent_signal')).toEqual([]);
    expect((await zorgcoordinator.get('/api/v1/notifications')).json()).toEqual({ items: [], unread: 0 });
  });

  it('marking as read: her own only (another’s is 404 and stays unread); again changes nothing', async () => {
    const { items, unread } = (await ib.get('/api/v1/notifications')).json();
    const first = items[0];
    expect((await zorgcoordinator.post(`/api/v1/notifications/${first.id}/read`)).statusCode).toBe(404);
    expect((await leerkracht.post(`/api/v1/notifications/${first.id}/read`)).statusCode).toBe(404);
    expect((await ib.get('/api/v1/notifications')).json().unread).toBe(unread);
    const res = await ib.post(`/api/v1/notifications/${first.id}/read`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: first.id, read: true });
    const readAt = (await t.database.db.selectFrom('notifications').select('read_at').where('id', '=', first.id).executeTakeFirstOrThrow()).read_at;
    expect((await ib.post(`/api/v1/notifications/${first.id}/read`)).json().read).toBe(true);
    expect((await t.database.db.selectFrom('notifications').select('read_at').where('id', '=', first.id).executeTakeFirstOrThrow()).read_at).toEqual(readAt);
    expect((await ib.get('/api/v1/notifications')).json().unread).toBe(unread - 1);
    expect((await ib.post('/api/v1/notifications/00000000-0000-4000-8000-00000000beef/read')).statusCode).toBe(404);
  });
});
