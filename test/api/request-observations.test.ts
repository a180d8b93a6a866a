import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pupilWithParentAndNoCase } from '../support/pupils.ts';

// Thursday 3 December 2026: an ordinary school week (five school days on: Thursday 10 December).
process.env.SAMENSPEL_TODAY = '2026-12-03';

const { startTestApp } = await import('../support/test-app.ts');
const { sendDigests } = await import('../../src/modules/signals/index.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

/**
 * After a report back the school's teacher is asked whether the help works in class (issue 13,
 * docs/requests.md "De leerkracht kijkt mee"), and each person chooses how she hears of things:
 * in the app only, also by e-mail at once, or in one e-mail a day. On both engines.
 */
let t: TestApp;
let ib: Client;
let leerkracht: Client;
let wijkteam: Client;
let pupil: string;
let pupilName: { given_name: string; family_name: string };
let guardianId: string;
let caseId: string;
let requestId: string;
const DAY = '2026-12-03';
const org = (u: 'wijkteam' | 'ib' | 'leerkracht') => t.demo.accounts[u].organisationId!;
const step = async (c: Client, id: string, body: object) => c.post(`/api/v1/requests/${id}/steps`, { version: (await c.get(`/api/v1/requests/${id}`)).json().version, ...body });
const mailsTo = async (email: string | null, kind: string) =>
  email ? await t.database.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', email).where('kind', '=', kind).execute() : [];
const emailOf = async (u: 'leerkracht' | 'wijkteam' | 'ib') => (await t.database.db.selectFrom('people').select('email').where('id', '=', t.demo.accounts[u].personId!).executeTakeFirstOrThrow()).email;

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  [ib, leerkracht, wijkteam] = await Promise.all(['ib', 'leerkracht', 'wijkteam'].map((u) => t.login(u)));
  // A pupil of the teacher's group of compulsory-school age, under 12, with a parent with authority and no case yet.
  ({ pupil, guardianId } = await pupilWithParentAndNoCase(t, leerkracht));
  pupilName = await t.database.db.selectFrom('children').select(['given_name', 'family_name']).where('id', '=', pupil).executeTakeFirstOrThrow();
  caseId = (await ib.post('/api/v1/cases', { childId: pupil, title: 'Rust in de klas' })).json().id;
  const consent = await ib.post(`/api/v1/cases/${caseId}/consents`, {
    purpose: 'Hulp thuis afstemmen met de school.',
    dataKinds: ['identity', 'school'],
    recipientOrganisationIds: [org('wijkteam')],
    givers: { guardianIds: [guardianId], childSelf: false },
    method: 'written',
    givenOn: DAY,
    validUntil: '2027-12-01',
  });
  expect(consent.statusCode).toBe(201);
  const sent = await ib.post(`/api/v1/cases/${caseId}/requests`, {
    kind: 'toegang',
    toOrganisationId: org('wijkteam'),
    urgency: 'normal',
    question: 'Kan het wijkteam thuis helpen met rust?',
    goal: 'Rustig de dag beginnen.',
    dataKinds: ['identity', 'school'],
  });
  expect(sent.statusCode).toBe(201);
  requestId = sent.json().id;
  expect((await step(wijkteam, requestId, { action: 'accept' })).statusCode).toBe(200);
  expect((await step(wijkteam, requestId, { action: 'decide', decision: { outcome: 'granted', from: DAY, until: '2027-06-30' } })).statusCode).toBe(200);
  expect((await step(wijkteam, requestId, { action: 'start_help', startOn: DAY })).statusCode).toBe(200);
});
afterAll(async () => t?.close());

describe('the teacher is asked for an observation after a report back', () => {
  let observationId: string;

  it('no teacher on the team: the child’s group teacher is asked, with a term of five school days, and told without the child’s name', async () => {
    const report = await step(wijkteam, requestId, { action: 'report_back', progress: 'going_well', text: 'Het ochtendritme thuis gaat beter. Advies: begin de dag met een vaste taak.' });
    expect(report.statusCode).toBe(200);
    const asks = await t.database.db.selectFrom('request_observations').selectAll().where('request_id', '=', requestId).execute();
    expect(asks.map((a) => a.person_id)).toContain(t.demo.accounts.leerkracht.personId);
    const mine = asks.find((a) => a.person_id === t.demo.accounts.leerkracht.personId)!;
    expect(mine).toMatchObject({ asked_on: DAY, due_on: '2026-12-10', answered_on: null, organisation_id: org('leerkracht') });
    observationId = mine.id;
    // The school sees who was asked, on the request's page.
    const seen = (await ib.get(`/api/v1/requests/${requestId}`)).json();
    expect(seen.observations).toEqual(expect.arrayContaining([expect.objectContaining({ askedOn: DAY, dueOn: '2026-12-10', answeredOn: null })]));
    // The teacher's notification and e-mail: which observation, no child data.
    const notes = (await leerkracht.get('/api/v1/notifications')).json();
    expect(notes.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'observation_asked', observationId, requestId })]));
    const mails = await mailsTo(await emailOf('leerkracht'), 'observation_asked');
    expect(mails).toHaveLength(1);
    expect(mails[0].body_text).toContain(`/observaties/${observationId}`);
    expect(`${mails[0].subject} ${mails[0].body_text}`).not.toContain(pupilName.family_name);
  });

  it('the teacher reads the helper’s note and advice; on her worklist it waits for her', async () => {
    const o = await leerkracht.get(`/api/v1/observations/${observationId}`);
    expect(o.statusCode).toBe(200);
    expect(o.json()).toMatchObject({ id: observationId, requestId, kind: 'toegang', child: { id: pupil }, dueOn: '2026-12-10', overdue: false, report: { progress: 'going_well', text: expect.stringContaining('vaste taak') }, answer: null, can: { answer: true } });
    const list = (await leerkracht.get('/api/v1/worklist')).json();
    expect(list.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'observation_asked', id: observationId, dueOn: '2026-12-10', link: `/observaties/${observationId}` })]));
  });

  it('only the teacher asked opens it: the IB, the wijkteam worker and another school’s teacher get 404, logged', async () => {
    for (const who of ['ib', 'wijkteam', 'mentor']) {
      const c = await t.login(who);
      expect((await c.get(`/api/v1/observations/${observationId}`)).statusCode).toBe(404);
      const log = await t.database.db.selectFrom('access_log').selectAll().where('event', '=', 'request.observation.read').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(log).toMatchObject({ outcome: 'denied', person_id: t.demo.accounts[who].personId });
    }
  });

  it('an empty answer is refused with what to fix; a stale one gets 409 with the observation as it is', async () => {
    const empty = await leerkracht.post(`/api/v1/observations/${observationId}`, { version: 1, verdict: 'works', text: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().invalidParams[0]).toMatchObject({ name: 'text' });
    const stale = await leerkracht.post(`/api/v1/observations/${observationId}`, { version: 7, verdict: 'works', text: 'Gaat goed.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: observationId, answer: null });
  });

  it('she answers: it is in the request’s history for the helper and the school, the helper hears of it, and it leaves her worklist', async () => {
    const res = await leerkracht.post(`/api/v1/observations/${observationId}`, { version: 1, verdict: 'partly', text: 'De ochtenden zijn rustiger; na de pauze nog onrustig.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ answer: { on: DAY, verdict: 'partly', text: expect.stringContaining('na de pauze') }, can: { answer: false } });
    for (const c of [wijkteam, ib]) {
      const h = (await c.get(`/api/v1/requests/${requestId}`)).json();
      expect(h.history.at(-1)).toMatchObject({ action: 'observation', verdict: 'partly', text: expect.stringContaining('na de pauze'), fromStatus: 'help_started', toStatus: 'help_started' });
    }
    expect((await ib.get(`/api/v1/requests/${requestId}`)).json().observations).toEqual(expect.arrayContaining([expect.objectContaining({ answeredOn: DAY })]));
    const told = (await wijkteam.get('/api/v1/notifications')).json().items.filter((n: { kind: string; requestId: string }) => n.kind === 'request_update' && n.requestId === requestId);
    expect(told.length).toBeGreaterThan(0);
    const list = (await leerkracht.get('/api/v1/worklist')).json();
    expect(list.items.some((i: { id: string }) => i.id === observationId)).toBe(false);
    // Once only.
    const again = await leerkracht.post(`/api/v1/observations/${observationId}`, { version: 2, verdict: 'works', text: 'Nog eens.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_answered');
  });

  it('a teacher on the team is the one asked at the next report back; after her membership ended she is no longer asked nor let in', async () => {
    const k = (await ib.get(`/api/v1/cases/${caseId}`)).json();
    const added = await ib.post(`/api/v1/cases/${caseId}/members`, { personId: t.demo.accounts.leerkracht.personId, organisationId: org('leerkracht'), version: k.version });
    expect(added.statusCode).toBe(201);
    expect((await step(wijkteam, requestId, { action: 'report_back', progress: 'concerns', text: 'Thuis weer onrustig.' })).statusCode).toBe(200);
    const asks = await t.database.db.selectFrom('request_observations').selectAll().where('request_id', '=', requestId).where('answered_on', 'is', null).execute();
    expect(asks.map((a) => a.person_id)).toEqual([t.demo.accounts.leerkracht.personId]);
    // Her membership of the school ends: the open ask no longer opens for her, and the next report back asks nobody new.
    const teacher = t.demo.accounts.leerkracht.personId!;
    await t.database.db.updateTable('memberships').set({ ended_at: new Date() }).where('person_id', '=', teacher).where('organisation_id', '=', org('leerkracht')).execute();
    try {
      expect((await leerkracht.get(`/api/v1/observations/${asks[0].id}`)).statusCode).toBe(404);
      expect((await leerkracht.get('/api/v1/worklist')).json().items).toEqual([]);
      expect((await step(wijkteam, requestId, { action: 'report_back', progress: 'going_well', text: 'Beter.' })).statusCode).toBe(200);
      const open = await t.database.db.selectFrom('request_observations').select('person_id').where('request_id', '=', requestId).where('answered_on', 'is', null).execute();
      expect(open.filter((a) => a.person_id === teacher)).toHaveLength(1);
    } finally {
      await t.database.db.updateTable('memberships').set({ ended_at: null }).where('person_id', '=', teacher).where('organisation_id', '=', org('leerkracht')).execute();
    }
    expect((await leerkracht.get(`/api/v1/observations/${asks[0].id}`)).statusCode).toBe(200);
  });
});

describe('how each person hears of things', () => {
  it('by default an e-mail at once for every kind; an urgent signal cannot go in the digest', async () => {
    const prefs = (await wijkteam.get('/api/v1/me/notification-preferences')).json();
    expect(prefs.items.find((p: { kind: string }) => p.kind === 'request_received')).toEqual({ kind: 'request_received', channel: 'email', channels: ['app', 'email', 'digest'] });
    expect(prefs.items.find((p: { kind: string }) => p.kind === 'urgent_signal').channels).toEqual(['app', 'email']);
    const bad = await ib.put('/api/v1/me/notification-preferences', { items: [{ kind: 'urgent_signal', channel: 'digest' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0]).toMatchObject({ name: 'items/0/channel', code: 'not_allowed' });
    const unknown = await ib.put('/api/v1/me/notification-preferences', { items: [{ kind: 'everything', channel: 'app' }] });
    expect(unknown.statusCode).toBe(400);
    // A family has no such settings.
    expect((await (await t.login('ouder')).get('/api/v1/me/notification-preferences')).statusCode).toBe(403);
  });

  it('in the app only: the notification comes, no e-mail', async () => {
    expect((await wijkteam.put('/api/v1/me/notification-preferences', { items: [{ kind: 'request_update', channel: 'app' }] })).statusCode).toBe(200);
    const before = (await mailsTo(await emailOf('wijkteam'), 'request_update')).length;
    const notesBefore = (await wijkteam.get('/api/v1/notifications')).json().unread;
    // The sender's step tells the receiver: the IB withdraws a request she sent.
    const other = await ib.post(`/api/v1/cases/${caseId}/requests`, { kind: 'toegang', toOrganisationId: org('wijkteam'), urgency: 'normal', question: 'Nog een vraag.', goal: 'Rust.', dataKinds: ['identity'] });
    expect(other.statusCode).toBe(201);
    expect((await step(ib, other.json().id, { action: 'withdraw', text: 'Toch niet nodig.' })).statusCode).toBe(200);
    expect((await mailsTo(await emailOf('wijkteam'), 'request_update')).length).toBe(before);
    expect((await wijkteam.get('/api/v1/notifications')).json().unread).toBeGreaterThan(notesBefore);
  });

  it('the daily digest: no e-mail at once, then one e-mail a day with the counts, no child data; not twice on one day', async () => {
    expect((await wijkteam.put('/api/v1/me/notification-preferences', { items: [{ kind: 'request_received', channel: 'digest' }] })).statusCode).toBe(200);
    const email = await emailOf('wijkteam');
    const before = (await mailsTo(email, 'request_received')).length;
    for (const q of ['Eerste vraag.', 'Tweede vraag.']) {
      expect((await ib.post(`/api/v1/cases/${caseId}/requests`, { kind: 'toegang', toOrganisationId: org('wijkteam'), urgency: 'normal', question: q, goal: 'Rust.', dataKinds: ['identity'] })).statusCode).toBe(201);
    }
    expect((await mailsTo(email, 'request_received')).length).toBe(before);
    const sent = await sendDigests(t.database, { day: DAY, linkBase: 'https://samenspel.test' });
    expect(sent).toBeGreaterThan(0);
    const digests = await mailsTo(email, 'digest');
    expect(digests).toHaveLength(1);
    expect(digests[0].body_text).toContain('2 nieuwe verzoeken');
    expect(digests[0].body_text).not.toContain(pupilName.family_name);
    // Another request the same day waits for tomorrow's digest.
    expect((await ib.post(`/api/v1/cases/${caseId}/requests`, { kind: 'toegang', toOrganisationId: org('wijkteam'), urgency: 'normal', question: 'Derde vraag.', goal: 'Rust.', dataKinds: ['identity'] })).statusCode).toBe(201);
    await sendDigests(t.database, { day: DAY, linkBase: 'https://samenspel.test' });
    expect(await mailsTo(email, 'digest')).toHaveLength(1);
    await sendDigests(t.database, { day: '2026-12-04', linkBase: 'https://samenspel.test' });
    const next = await mailsTo(email, 'digest');
    expect(next).toHaveLength(2);
    expect(next[1].body_text).toContain('1 nieuw verzoek');
  });
});
