import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Wednesday 23 December 2026: both Christmas days, the weekend and Nieuwjaarsdag lie within the terms below,
// and the schools of region midden are on their Christmas holiday until Sunday 3 January 2027.
process.env.SAMENSPEL_TODAY = '2026-12-23';

const { startTestApp } = await import('../support/test-app.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

/**
 * Requests between organisations (issue 13, docs/requests.md), on both engines: sending one from a
 * case under a consent, the workflow table step by step with who may take each step, terms in
 * working days and school days across the holidays, and the consent checked at send and on every
 * read: a withdrawal in between refuses the receiver at once.
 */
let t: TestApp;
let ib: Client;
let wijkteam: Client;
let jeugdhulp: Client;
let swv: Client;
let school: string;
let pupil: string;
let guardianId: string;
let caseId: string;
const DAY = '2026-12-23';
const org = (u: 'wijkteam' | 'jeugdhulp' | 'swv' | 'ib') => t.demo.accounts[u].organisationId!;

const send = (c: Client, body: object, onCase = caseId) =>
  c.post(`/api/v1/cases/${onCase}/requests`, { urgency: 'normal', question: 'Kan het wijkteam thuis ondersteunen bij de ochtenden?', goal: 'Terug naar school: elke ochtend op tijd in de klas.', dataKinds: ['identity', 'school'], ...body });
const step = async (c: Client, id: string, body: object) => c.post(`/api/v1/requests/${id}/steps`, { version: (await c.get(`/api/v1/requests/${id}`)).json().version, ...body });
const consentFor = (organisationId: string, dataKinds: string[], onCase = caseId) =>
  ib.post(`/api/v1/cases/${onCase}/consents`, {
    purpose: 'Hulp thuis afstemmen met de school.',
    dataKinds,
    recipientOrganisationIds: [organisationId],
    givers: { guardianIds: [guardianId], childSelf: false },
    method: 'written',
    givenOn: DAY,
    validUntil: '2027-12-01',
  });
const requestRows = async () => (await t.database.db.selectFrom('requests').select('id').execute()).length;

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  [ib, wijkteam, jeugdhulp, swv] = await Promise.all(['ib', 'wijkteam', 'jeugdhulp', 'swv'].map((u) => t.login(u)));
  school = t.demo.accounts.leerkracht.organisationId!;
  // A pupil under 12 of the teacher's group with a parent with authority, without a case yet.
  const pupils = (await (await t.login('leerkracht')).get('/api/v1/children?pageSize=100')).json().items as { id: string; age: number }[];
  const withCase = new Set((await t.database.db.selectFrom('cases').select('child_id').execute()).map((k) => k.child_id));
  for (const p of pupils.filter((x) => x.age < 12 && !withCase.has(x.id))) {
    const g = await t.database.db.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', p.id).where('has_authority', '=', true).executeTakeFirst();
    if (g) {
      pupil = p.id;
      guardianId = g.guardian_id;
      break;
    }
  }
  expect(pupil).toBeDefined();
  const opened = await ib.post('/api/v1/cases', { childId: pupil, title: 'Ochtenden thuis en op school' });
  expect(opened.statusCode).toBe(201);
  caseId = opened.json().id;
});
afterAll(async () => t?.close());

describe('sending a request from a case', () => {
  it('without a consent that names the receiver it is refused with what to do; nothing is written', async () => {
    const before = await requestRows();
    const res = await send(ib, { kind: 'toegang', toOrganisationId: org('wijkteam') });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([{ name: 'dataKinds', code: 'no_consent', reason: expect.stringMatching(/Leg eerst toestemming vast/) }]);
    expect(await requestRows()).toBe(before);
  });

  it('a receiver of the wrong kind, and data the consent does not cover, are field errors in one answer', async () => {
    expect((await consentFor(org('wijkteam'), ['identity', 'school'])).statusCode).toBe(201);
    const wrong = await send(ib, { kind: 'provider', toOrganisationId: org('wijkteam') });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().invalidParams[0]).toMatchObject({ name: 'toOrganisationId', code: 'wrong_receiver' });
    const more = await send(ib, { kind: 'toegang', toOrganisationId: org('wijkteam'), dataKinds: ['identity', 'absence'] });
    expect(more.statusCode).toBe(400);
    expect(more.json().invalidParams).toEqual([expect.objectContaining({ name: 'dataKinds', code: 'not_covered' })]);
  });

  it('a teacher may not send one; another school’s care coordinator gets 404', async () => {
    expect((await send(await t.login('leerkracht'), { kind: 'toegang', toOrganisationId: org('wijkteam') })).statusCode).toBe(404);
    expect((await send(await t.login('zorgcoordinator'), { kind: 'toegang', toOrganisationId: org('wijkteam') })).statusCode).toBe(404);
  });
});

describe('a referral to the wijkteam, step by step', () => {
  let id: string;

  it('the IB sends it: due in 5 working days, after both Christmas days and the weekend (31 December)', async () => {
    const res = await send(ib, { kind: 'toegang', toOrganisationId: org('wijkteam'), tried: 'Gesprekken met moeder, een beloningskaart.', backToSchool: true });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ status: 'sent', side: 'sender', sentOn: DAY, stepDueOn: '2026-12-31', waitingFor: 'receiver', overdue: false, backToSchool: true, can: { steps: ['withdraw'] } });
  });

  it('the wijkteam worker — not on the team — finds it in the inbox with the child’s name, and reads the child as far as the consent goes', async () => {
    const inbox = (await wijkteam.get('/api/v1/requests?box=inbox')).json();
    const item = inbox.items.find((r: { id: string }) => r.id === id);
    expect(item).toMatchObject({ side: 'receiver', childId: pupil, status: 'sent', stepDueOn: '2026-12-31' });
    const detail = (await wijkteam.get(`/api/v1/requests/${id}`)).json();
    expect(detail).toMatchObject({ side: 'receiver', child: { id: pupil }, can: { steps: expect.arrayContaining(['accept', 'ask_info', 'decline', 'forward']) } });
    const child = await wijkteam.get(`/api/v1/children/${pupil}`);
    expect(child.statusCode).toBe(200);
    expect(child.json().grounds).toContain('request_receiver');
    // The consent covers identity and school, not absence.
    expect((await wijkteam.get(`/api/v1/children/${pupil}/absence-summary`)).statusCode).toBe(404);
    const logged = await t.database.db.selectFrom('access_log').select(['ground', 'outcome']).where('event', '=', 'request.read').where('account_id', '=', t.demo.accounts.wijkteam.accountId).execute();
    expect(logged).toEqual([{ ground: 'request_receiver', outcome: 'allowed' }]);
  });

  it('the worker asks a question (a text is required); the IB answers in the same thread and it is back with the worker', async () => {
    expect((await step(wijkteam, id, { action: 'ask_info', text: '  ' })).json().invalidParams[0]).toMatchObject({ name: 'text', code: 'required' });
    const asked = await step(wijkteam, id, { action: 'ask_info', text: 'Is er al contact met de huisarts geweest?' });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ status: 'info_requested', waitingFor: 'sender' });
    // Accepting now is not a step of this status; answering is not the receiver's.
    expect((await step(wijkteam, id, { action: 'accept' })).json().code).toBe('step_not_allowed');
    expect((await step(wijkteam, id, { action: 'answer_info', text: 'x' })).json().code).toBe('not_your_step');
    const answered = await step(ib, id, { action: 'answer_info', text: 'Ja, in november; geen lichamelijke oorzaak.' });
    expect(answered.json()).toMatchObject({ status: 'sent', waitingFor: 'receiver' });
    expect(answered.json().history.map((h: { action: string; text: string | null }) => [h.action, h.text])).toEqual([
      ['send', null],
      ['ask_info', 'Is er al contact met de huisarts geweest?'],
      ['answer_info', 'Ja, in november; geen lichamelijke oorzaak.'],
    ]);
  });

  it('two tabs: the second step on the same version gets 409 with the request as it is now', async () => {
    const version = (await wijkteam.get(`/api/v1/requests/${id}`)).json().version;
    const first = await wijkteam.post(`/api/v1/requests/${id}/steps`, { action: 'accept', version });
    expect(first.statusCode).toBe(200);
    const second = await wijkteam.post(`/api/v1/requests/${id}/steps`, { action: 'accept', version });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'stale_version', current: { status: 'accepted', version: version + 1 } });
    expect(first.json()).toMatchObject({ status: 'accepted', acceptedOn: DAY, holder: { personId: t.demo.accounts.wijkteam.personId } });
  });

  it('the start of help: not in the future, not before the request; then reports back to the school and ends', async () => {
    const future = await step(wijkteam, id, { action: 'start_help', startOn: '2027-01-05' });
    expect(future.json().invalidParams[0]).toMatchObject({ name: 'startOn', code: 'future' });
    const started = await step(wijkteam, id, { action: 'start_help', startOn: DAY });
    expect(started.json()).toMatchObject({ status: 'help_started', helpStartedOn: DAY, stepDueOn: '2027-02-05' });
    expect((await step(wijkteam, id, { action: 'report_back' })).json().invalidParams[0]).toMatchObject({ name: 'progress', code: 'required' });
    const report = await step(wijkteam, id, { action: 'report_back', progress: 'going_well', text: 'Ochtendritme met plaatjes werkt; in de klas graag complimenten bij op tijd komen.' });
    expect(report.json().history.at(-1)).toMatchObject({ action: 'report_back', progress: 'going_well', text: expect.stringContaining('complimenten') });
    // The IB sees where it is: help started, the report back.
    expect((await ib.get(`/api/v1/requests/${id}`)).json()).toMatchObject({ status: 'help_started', side: 'sender', can: { steps: [] } });
    const ended = await step(wijkteam, id, { action: 'end_help', progress: 'ended', text: 'Doelen bereikt.' });
    expect(ended.json()).toMatchObject({ status: 'closed', endedOn: DAY, waitingFor: null, stepDueOn: null });
  });

  it('once closed, the receiver’s access through the request ends; the sender keeps the history', async () => {
    expect((await wijkteam.get(`/api/v1/requests/${id}`)).statusCode).toBe(404);
    expect((await wijkteam.get(`/api/v1/children/${pupil}`)).statusCode).toBe(404);
    expect((await ib.get(`/api/v1/requests/${id}`)).json().history.map((h: { action: string }) => h.action)).toEqual(['send', 'ask_info', 'answer_info', 'accept', 'start_help', 'report_back', 'end_help']);
  });
});

describe('notifications: in the app and by e-mail, never with the child', () => {
  it('the receiving organisation is told of a new request, the sender of each step the receiver takes; the mails hold no name', async () => {
    const mailsBefore = (await t.database.db.selectFrom('mail_outbox').select('id').execute()).length;
    const sent = await send(ib, { kind: 'toegang', toOrganisationId: org('wijkteam'), question: 'Nog een vraag voor het wijkteam.' });
    expect(sent.statusCode).toBe(201);
    const id = sent.json().id;
    const inApp = (await wijkteam.get('/api/v1/notifications')).json().items as { kind: string; requestId: string | null; read: boolean }[];
    expect(inApp).toContainEqual(expect.objectContaining({ kind: 'request_received', requestId: id, read: false }));
    // The IB who sent it is not told of her own request.
    expect(((await ib.get('/api/v1/notifications')).json().items as { requestId: string | null }[]).some((n) => n.requestId === id)).toBe(false);
    await step(wijkteam, id, { action: 'ask_info', text: 'Welke dagen is moeder thuis?' });
    const forIb = (await ib.get('/api/v1/notifications')).json().items as { kind: string; requestId: string | null }[];
    expect(forIb).toContainEqual(expect.objectContaining({ kind: 'request_update', requestId: id }));
    const mails = (await t.database.db.selectFrom('mail_outbox').select(['subject', 'body_text', 'to_address']).orderBy('created_at').execute()).slice(mailsBefore);
    expect(mails.length).toBeGreaterThanOrEqual(2);
    const child = await t.database.db.selectFrom('children').select(['given_name', 'family_name']).where('id', '=', pupil).executeTakeFirstOrThrow();
    for (const m of mails) {
      expect(m.body_text).toContain(`/verzoeken/${id}`);
      expect(`${m.subject} ${m.body_text}`).not.toContain(child.family_name);
      expect(`${m.subject} ${m.body_text}`).not.toContain(child.given_name);
      expect(m.body_text).not.toContain('moeder');
    }
    await step(ib, id, { action: 'withdraw', text: 'Dubbel verstuurd.' });
  });
});

describe('the consent is checked on every read', () => {
  it('withdrawn between sending and reading: the receiver is refused (404, logged), the request leaves the inbox; the sender still reads it', async () => {
    const consent = await consentFor(org('jeugdhulp'), ['identity', 'plan']);
    expect(consent.statusCode).toBe(201);
    const sent = await send(ib, { kind: 'provider', toOrganisationId: org('jeugdhulp'), dataKinds: ['identity', 'plan'], question: 'Opvoedondersteuning thuis?' });
    expect(sent.statusCode).toBe(201);
    const id = sent.json().id;
    expect((await jeugdhulp.get(`/api/v1/requests/${id}`)).statusCode).toBe(200);
    expect((await ib.post(`/api/v1/consents/${consent.json().id}/withdraw`, { byGuardianId: guardianId, method: 'verbal', reason: 'Moeder wil eerst zelf bellen.' })).statusCode).toBe(200);
    expect((await jeugdhulp.get(`/api/v1/requests/${id}`)).statusCode).toBe(404);
    expect((await jeugdhulp.get('/api/v1/requests')).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    const denied = await t.database.db.selectFrom('access_log').select(['outcome', 'child_id']).where('event', '=', 'request.read').where('account_id', '=', t.demo.accounts.jeugdhulp.accountId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(denied).toEqual({ outcome: 'denied', child_id: pupil });
    const version = (await ib.get(`/api/v1/requests/${id}`)).json().version;
    expect((await jeugdhulp.post(`/api/v1/requests/${id}/steps`, { action: 'accept', version })).statusCode).toBe(404);
    expect((await ib.get(`/api/v1/requests/${id}`)).json()).toMatchObject({ status: 'sent', side: 'sender' });
    // The sender takes it back, with the reason.
    expect((await step(ib, id, { action: 'withdraw' })).json().invalidParams[0]).toMatchObject({ name: 'text' });
    expect((await step(ib, id, { action: 'withdraw', text: 'De toestemming is ingetrokken.' })).json()).toMatchObject({ status: 'withdrawn', endedOn: DAY });
  });

  it('an organisation that is neither sender nor receiver gets 404, also for the list', async () => {
    const id = (await t.database.db.selectFrom('requests').select('id').where('to_organisation_id', '=', org('wijkteam')).executeTakeFirstOrThrow()).id;
    expect((await swv.get(`/api/v1/requests/${id}`)).statusCode).toBe(404);
    expect((await swv.get('/api/v1/requests')).json().items).toEqual([]);
    expect((await (await t.login('beleid')).get(`/api/v1/requests/${id}`)).statusCode).toBe(404);
  });
});

describe('a TLV request to the SWV', () => {
  it('the decision needs two experts, the category and the parents’ objection term; the period of a grant', async () => {
    expect((await consentFor(org('swv'), ['identity', 'school', 'plan'])).statusCode).toBe(201);
    const sent = await send(ib, { kind: 'tlv', toOrganisationId: org('swv'), dataKinds: ['identity', 'school', 'plan'], question: 'Toelaatbaarheid SBO.', goal: 'Een passende plek met kleine klassen.' });
    expect(sent.json()).toMatchObject({ status: 'sent', stepDueOn: '2027-01-08' });
    const id = sent.json().id;
    expect((await step(swv, id, { action: 'accept' })).json()).toMatchObject({ status: 'accepted', stepDueOn: '2027-02-05' });
    const bad = await step(swv, id, { action: 'decide', decision: { outcome: 'granted', experts: ['Dr. A. de Vries'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['decision/category', 'decision/experts', 'decision/from', 'decision/objectionUntil', 'decision/until']);
    const ok = await step(swv, id, {
      action: 'decide',
      decision: { outcome: 'granted', from: '2027-01-04', until: '2029-07-31', category: 'laag', experts: ['Dr. A. de Vries (orthopedagoog)', 'M. Bakker (jeugdarts)'], objectionUntil: '2027-02-03' },
    });
    expect(ok.json()).toMatchObject({ status: 'decided', decision: 'granted', decidedOn: DAY });
    expect(ok.json().history.at(-1).decision).toMatchObject({ category: 'laag', experts: ['Dr. A. de Vries (orthopedagoog)', 'M. Bakker (jeugdarts)'] });
  });
});

describe('a question back to the school', () => {
  it('a youth care worker on the team asks the school; its term counts school days and waits out the Christmas holiday; the IB answers and it ends', async () => {
    const demoCase = (await t.database.db.selectFrom('cases').select('id').where('title', '=', 'Boosheid in de klas en onrust thuis').executeTakeFirstOrThrow()).id;
    const asked = await jeugdhulp.post(`/api/v1/cases/${demoCase}/requests`, {
      kind: 'question_to_school',
      toOrganisationId: school,
      urgency: 'normal',
      question: 'Hoe gaat het met de time-out kaart in de klas?',
      goal: 'De hulp thuis afstemmen op wat in de klas werkt.',
      dataKinds: ['identity'],
    });
    expect(asked.statusCode).toBe(201);
    // Five school days from Wednesday 23 December: the school is closed until Monday 4 January, so Friday 8 January.
    expect(asked.json()).toMatchObject({ status: 'sent', stepDueOn: '2027-01-08', to: { id: school } });
    const id = asked.json().id;
    expect((await ib.get('/api/v1/requests?box=inbox&open=true')).json().items.map((r: { id: string }) => r.id)).toContain(id);
    const answered = await step(ib, id, { action: 'answer_question', text: 'Het gaat beter: hij gebruikt de kaart zelf en komt terug.' });
    expect(answered.json()).toMatchObject({ status: 'closed', side: 'receiver' });
    expect((await jeugdhulp.get(`/api/v1/requests/${id}`)).json().history.at(-1)).toMatchObject({ action: 'answer_question', text: expect.stringContaining('kaart') });
  });

  it('who keeps the case does not ask its own school a question; a referral from a team member is refused', async () => {
    const demoCase = (await t.database.db.selectFrom('cases').select('id').where('title', '=', 'Boosheid in de klas en onrust thuis').executeTakeFirstOrThrow()).id;
    expect((await ib.post(`/api/v1/cases/${demoCase}/requests`, { kind: 'question_to_school', toOrganisationId: school, urgency: 'normal', question: 'x', goal: 'y', dataKinds: ['identity'] })).statusCode).toBe(404);
    expect((await jeugdhulp.post(`/api/v1/cases/${demoCase}/requests`, { kind: 'toegang', toOrganisationId: org('wijkteam'), urgency: 'normal', question: 'x', goal: 'y', dataKinds: ['identity'] })).statusCode).toBe(404);
  });
});

describe('history is appended, never edited', () => {
  it('request_events refuses update and delete', async () => {
    const { sql } = await import('kysely');
    await expect(sql`update request_events set text = 'x'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from request_events`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});

describe('relations that changed', () => {
  it('a receiver whose membership ended no longer reads the request or finds it in her list; back at work, she does again', async () => {
    const id = (await send(ib, { kind: 'toegang', toOrganisationId: org('wijkteam'), question: 'Nog een verwijzing.' })).json().id;
    expect((await wijkteam.get(`/api/v1/requests/${id}`)).statusCode).toBe(200);
    const personId = t.demo.accounts.wijkteam.personId!;
    await t.database.db.updateTable('memberships').set({ ended_at: new Date() }).where('person_id', '=', personId).execute();
    try {
      expect((await wijkteam.get(`/api/v1/requests/${id}`)).statusCode).toBe(404);
      expect((await wijkteam.get('/api/v1/requests')).json().items).toEqual([]);
    } finally {
      await t.database.db.updateTable('memberships').set({ ended_at: null }).where('person_id', '=', personId).execute();
    }
    expect((await wijkteam.get(`/api/v1/requests/${id}`)).statusCode).toBe(200);
    await step(ib, id, { action: 'withdraw', text: 'Was een test van het werk na terugkeer.' });
  });

  it('a consent given in another case of the same child does not carry a request from this one', async () => {
    const gemeente = t.demo.accounts.leerplicht.organisationId!;
    const other = await ib.post('/api/v1/cases', { childId: pupil, title: 'Tweede casus: schoolgang' });
    expect(other.statusCode).toBe(201);
    expect((await consentFor(gemeente, ['identity', 'school'], other.json().id)).statusCode).toBe(201);
    const fromThis = await send(ib, { kind: 'toegang', toOrganisationId: gemeente });
    expect(fromThis.statusCode).toBe(400);
    expect(fromThis.json().invalidParams[0]).toMatchObject({ name: 'dataKinds', code: 'no_consent' });
    expect((await send(ib, { kind: 'toegang', toOrganisationId: gemeente }, other.json().id)).statusCode).toBe(201);
  });

  it('once the case is closed the receiver is refused and nothing more is sent from it', async () => {
    const leerplicht = await t.login('leerplicht');
    const other = (await t.database.db.selectFrom('cases').select(['id', 'version']).where('title', '=', 'Tweede casus: schoolgang').executeTakeFirstOrThrow());
    const id = (await t.database.db.selectFrom('requests').select('id').where('case_id', '=', other.id).executeTakeFirstOrThrow()).id;
    const before = (await leerplicht.get(`/api/v1/requests/${id}`)).json();
    expect(before).toMatchObject({ side: 'receiver', status: 'sent' });
    const closed = await ib.post(`/api/v1/cases/${other.id}/close`, { reason: 'Opgelost binnen school.', version: (await ib.get(`/api/v1/cases/${other.id}`)).json().version });
    expect(closed.statusCode).toBe(200);
    expect((await leerplicht.get(`/api/v1/requests/${id}`)).statusCode).toBe(404);
    expect((await leerplicht.post(`/api/v1/requests/${id}/steps`, { action: 'accept', version: before.version })).statusCode).toBe(404);
    const again = await send(ib, { kind: 'toegang', toOrganisationId: t.demo.accounts.leerplicht.organisationId! }, other.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('case_closed');
  });
});
