import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pupilWithParentAndNoCase } from '../support/pupils.ts';

// Wednesday 2 December 2026, an ordinary school week.
process.env.SAMENSPEL_TODAY = '2026-12-02';

const { startTestApp } = await import('../support/test-app.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

/**
 * A referral from a signal (issue 13, docs/requests.md "Doorverwijzen vanuit een signaal"), on both
 * engines: the care coordinator's decision "doorverwijzen" sends a request to the receiver in one
 * step — the case (found or opened from the signal), the family's consent (found or recorded now)
 * and the request, linked to the signal — or writes nothing at all.
 */
let t: TestApp;
let leerkracht: Client;
let ib: Client;
let wijkteam: Client;
let pupil: string;
let guardianId: string;
const DAY = '2026-12-02';
const org = (u: 'wijkteam' | 'jeugdhulp' | 'ib') => t.demo.accounts[u].organisationId!;

const raise = async (observation = 'Komt de laatste weken moe en te laat; vertelt dat het thuis onrustig is.') => {
  const res = await leerkracht.post('/api/v1/signals', { childId: pupil, category: 'home_situation', urgency: 'normal', observation, parentsInformed: true });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number };
};
const consent = (over: object = {}) => ({ givers: { guardianIds: [guardianId], childSelf: false }, method: 'verbal', givenOn: DAY, validUntil: '2027-12-01', ...over });
const referral = (version: number, over: object = {}) => ({
  version,
  reason: 'Thuis speelt meer dan de school kan oppakken; moeder wil hulp van het wijkteam.',
  kind: 'toegang',
  toOrganisationId: org('wijkteam'),
  question: 'Kan het wijkteam met moeder kijken naar rust en ritme thuis?',
  tried: 'Gesprekken met moeder, een vaste plek in de klas.',
  urgency: 'normal',
  goal: 'Uitgerust en op tijd op school.',
  dataKinds: ['identity', 'school'],
  ...over,
});

/** What a referral writes, counted: nothing of it may stay when it is refused. */
const counts = async () => {
  const n = async (table: 'cases' | 'consents' | 'requests' | 'request_events' | 'signal_events') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { cases: await n('cases'), consents: await n('consents'), requests: await n('requests'), requestEvents: await n('request_events'), signalEvents: await n('signal_events') };
};

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  [leerkracht, ib, wijkteam] = await Promise.all(['leerkracht', 'ib', 'wijkteam'].map((u) => t.login(u)));
  // A pupil of the teacher's group under 12, of compulsory-school age, with a parent with authority and no case yet.
  ({ pupil, guardianId } = await pupilWithParentAndNoCase(t, leerkracht));
});
afterAll(async () => t?.close());

describe('referring a signal to the wijkteam', () => {
  let signal: { id: string; version: number };
  let requestId: string;
  let caseId: string;

  it('the form’s context: no case yet, the parent who can give consent, nothing covered; only for the care coordinator', async () => {
    signal = await raise();
    const ctx = await ib.get(`/api/v1/signals/${signal.id}/referral`);
    expect(ctx.statusCode).toBe(200);
    expect(ctx.json()).toMatchObject({ signal: { id: signal.id, version: signal.version }, child: { id: pupil }, case: null, covered: [], consentRule: { rule: 'guardians' } });
    expect(ctx.json().consentRule.guardiansWithAuthority.map((g: { id: string }) => g.id)).toContain(guardianId);
    expect(ctx.json().suggestedCaseTitle).toBe('Doorverwijzing: thuissituatie');
    // The teacher who raised it is not the one who refers.
    expect((await leerkracht.get(`/api/v1/signals/${signal.id}/referral`)).statusCode).toBe(404);
  });

  it('"doorverwijzen" as a bare decision is refused: it goes with a request', async () => {
    const res = await ib.post(`/api/v1/signals/${signal.id}/triage`, { decision: 'refer_outward', reason: 'Naar het wijkteam.', version: signal.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'decision', code: 'needs_request' })]);
    expect((await ib.get(`/api/v1/signals/${signal.id}`)).json().status).toBe('new');
  });

  it('everything missing is named in one answer, and nothing is written', async () => {
    const before = await counts();
    const res = await ib.post(`/api/v1/signals/${signal.id}/referral`, referral(signal.version, { reason: ' ', question: '', goal: '', dataKinds: [], consent: consent({ givenOn: '2026-12-20' }) }));
    expect(res.statusCode).toBe(400);
    const names = (res.json().invalidParams as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['reason', 'question', 'goal', 'dataKinds', 'consent/givenOn']));
    expect(await counts()).toEqual(before);
  });

  it('without a consent that covers the wijkteam it asks who gave consent; the signal, the case and the request stay unwritten', async () => {
    const before = await counts();
    const res = await ib.post(`/api/v1/signals/${signal.id}/referral`, referral(signal.version));
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'consent', code: 'required' })]);
    expect(await counts()).toEqual(before);
    expect((await ib.get(`/api/v1/signals/${signal.id}`)).json().status).toBe('new');
  });

  it('a consent given by nobody is refused at its own field, and nothing is written (not even the case)', async () => {
    const before = await counts();
    const res = await ib.post(`/api/v1/signals/${signal.id}/referral`, referral(signal.version, { consent: consent({ givers: { guardianIds: [], childSelf: false } }) }));
    expect(res.statusCode).toBe(400);
    expect((res.json().invalidParams as { name: string }[]).every((p) => p.name.startsWith('consent/givers'))).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('another school’s care coordinator gets 404 and changes nothing; the refusal is logged', async () => {
    const before = await counts();
    const other = await t.login('zorgcoordinator');
    const res = await other.post(`/api/v1/signals/${signal.id}/referral`, referral(signal.version, { consent: consent() }));
    expect(res.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
    const log = await t.database.db.selectFrom('access_log').selectAll().where('event', '=', 'signal.triage').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ outcome: 'denied', person_id: t.demo.accounts.zorgcoordinator.personId });
  });

  it('a stale version gets 409 with the signal as it is now', async () => {
    const before = await counts();
    const res = await ib.post(`/api/v1/signals/${signal.id}/referral`, referral(signal.version + 7, { consent: consent() }));
    expect(res.statusCode).toBe(409);
    expect(res.json().current).toMatchObject({ id: signal.id, status: 'new' });
    expect(await counts()).toEqual(before);
  });

  it('with the parent’s consent it goes out in one step: a case from the signal, the consent, the request linked to the signal', async () => {
    const res = await ib.post(`/api/v1/signals/${signal.id}/referral`, referral(signal.version, { consent: consent(), backToSchool: false }));
    expect(res.statusCode).toBe(201);
    const out = res.json();
    expect(out).toMatchObject({ caseOpened: true, consentRecorded: true });
    requestId = out.requestId;
    caseId = out.caseId;

    const k = await t.database.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(k).toMatchObject({ child_id: pupil, opened_from_signal_id: signal.id, title: 'Doorverwijzing: thuissituatie', status: 'open' });
    const c = await t.database.db.selectFrom('consents').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ purpose: 'Uitgerust en op tijd op school.', method: 'verbal', given_on: DAY });
    const recipients = await t.database.db.selectFrom('consent_recipients').select('organisation_id').where('consent_id', '=', c.id).execute();
    expect(recipients.map((r) => r.organisation_id)).toEqual([org('wijkteam')]);

    // The signal is referred, and its page lists the request that came of it.
    const s = (await ib.get(`/api/v1/signals/${signal.id}`)).json();
    expect(s).toMatchObject({ status: 'referred' });
    const fromSignal = (await ib.get(`/api/v1/requests?signalId=${signal.id}`)).json();
    expect(fromSignal.items).toEqual([expect.objectContaining({ id: requestId, kind: 'toegang', status: 'sent', side: 'sender', toOrganisationName: expect.any(String) })]);
    // The teacher reads the decision and its reason on her signal.
    const mine = (await leerkracht.get(`/api/v1/signals/${signal.id}`)).json();
    expect(mine.status).toBe('referred');
    expect(JSON.stringify(mine)).toContain('moeder wil hulp van het wijkteam');
  });

  it('the wijkteam receives it: in its inbox with the child’s name, and a notification without child data', async () => {
    const inbox = (await wijkteam.get('/api/v1/requests?box=inbox')).json();
    expect(inbox.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: requestId, childId: pupil, status: 'sent' })]));
    const detail = (await wijkteam.get(`/api/v1/requests/${requestId}`)).json();
    expect(detail).toMatchObject({ question: 'Kan het wijkteam met moeder kijken naar rust en ritme thuis?', tried: 'Gesprekken met moeder, een vaste plek in de klas.', child: { id: pupil } });
    const notes = (await wijkteam.get('/api/v1/notifications')).json();
    expect(notes.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'request_received' })]));
    const child = await t.database.db.selectFrom('children').select(['given_name', 'family_name']).where('id', '=', pupil).executeTakeFirstOrThrow();
    const mails = await t.database.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('kind', '=', 'request_received').execute();
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) expect(`${m.subject} ${m.body_text}`).not.toContain(child.family_name);
  });

  it('a second signal of the same child goes into the same case under the consent in force: no new case, no new consent', async () => {
    const second = await raise('Zit vaak alleen in de pauze.');
    const ctx = (await ib.get(`/api/v1/signals/${second.id}/referral`)).json();
    expect(ctx.case).toMatchObject({ id: caseId });
    expect(ctx.covered).toEqual([{ organisationId: org('wijkteam'), dataKinds: expect.arrayContaining(['identity', 'school']) }]);
    const before = await counts();
    const res = await ib.post(`/api/v1/signals/${second.id}/referral`, referral(second.version, { question: 'Kan het wijkteam ook de pauzes meenemen?' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ caseId, caseOpened: false, consentRecorded: false });
    const after = await counts();
    expect(after).toMatchObject({ cases: before.cases, consents: before.consents, requests: before.requests + 1 });
  });

  it('data beyond the consent in force is refused unless the family gives consent for it now', async () => {
    const third = await raise('Mist de laatste tijd veel ochtenden.');
    const before = await counts();
    const res = await ib.post(`/api/v1/signals/${third.id}/referral`, referral(third.version, { dataKinds: ['identity', 'absence'] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'consent', code: 'required' })]);
    expect(await counts()).toEqual(before);
  });

  it('after the consent is withdrawn, a referral to the wijkteam needs a new one; the earlier request’s receiver is refused', async () => {
    const c = await t.database.db.selectFrom('consents').select(['id']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    const w = await ib.post(`/api/v1/consents/${c.id}/withdraw`, { byGuardianId: guardianId, method: 'verbal', reason: 'Moeder wil dit niet meer.' });
    expect(w.statusCode).toBe(200);
    expect((await wijkteam.get(`/api/v1/requests/${requestId}`)).statusCode).toBe(404);
    const fourth = await raise('Opnieuw erg moe.');
    expect((await ib.get(`/api/v1/signals/${fourth.id}/referral`)).json().covered).toEqual([]);
    const res = await ib.post(`/api/v1/signals/${fourth.id}/referral`, referral(fourth.version));
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'consent' })]);
  });
});

describe('asking help for a thuiszitter, from the register’s entry', () => {
  it('who keeps the child’s open case is offered it; the request serves the way back to school and the entry lists it', async () => {
    // The pupil sits at home: a long absence (as the absence rules would find it), confirmed as an entry by the IB.
    const report = await t.database.db
      .insertInto('absence_reports')
      .values({ region_id: t.demo.regionId, child_id: pupil, organisation_id: org('ib'), type: 'lrv', start_date: '2026-10-26', end_date: '2026-11-20', hours: 110, due_on: '2026-11-20', deadline: '2026-11-27', origin: 'rule' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const registered = await ib.post('/api/v1/thuiszitters', { absenceReportId: report.id });
    expect(registered.statusCode).toBe(201);
    const entry = registered.json() as { id: string };
    // The IB keeps the child's open case (from the referral above): the entry offers to ask for help from it.
    const k = await t.database.db.selectFrom('cases').select('id').where('child_id', '=', pupil).where('status', '=', 'open').executeTakeFirstOrThrow();
    expect((await ib.get(`/api/v1/thuiszitters/${entry.id}`)).json().askHelpFromCaseId).toBe(k.id);
    // The wijkteam's consent of the case was withdrawn above: a new one for the way back to school.
    expect(
      (
        await ib.post(`/api/v1/cases/${k.id}/consents`, { purpose: 'Terug naar school.', dataKinds: ['identity', 'school'], recipientOrganisationIds: [org('wijkteam')], givers: { guardianIds: [guardianId], childSelf: false }, method: 'written', givenOn: DAY, validUntil: '2027-06-01' })
      ).statusCode,
    ).toBe(201);
    const body = { kind: 'toegang', toOrganisationId: org('wijkteam'), urgency: 'urgent', question: 'Wie helpt het kind weer naar school?', goal: 'Binnen zes weken weer deels naar school.', dataKinds: ['identity', 'school'] };
    const sent = await ib.post(`/api/v1/cases/${k.id}/requests`, { ...body, thuiszitterId: entry.id });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ backToSchool: true, kind: 'toegang' });
    const forEntry = (await ib.get(`/api/v1/requests?thuiszitterId=${entry.id}`)).json();
    expect(forEntry.items).toEqual([expect.objectContaining({ id: sent.json().id })]);
    // An entry of another child is refused at its field.
    const otherChild = await t.database.db.selectFrom('thuiszitters').select('id').where('child_id', '!=', pupil).executeTakeFirst();
    expect(otherChild).toBeDefined();
    const wrong = await ib.post(`/api/v1/cases/${k.id}/requests`, { ...body, thuiszitterId: otherChild!.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().invalidParams).toEqual([expect.objectContaining({ name: 'thuiszitterId', code: 'unknown_entry' })]);
    // Once the entry has ended (the child is back at school), a request can no longer serve it.
    const version = (await ib.get(`/api/v1/thuiszitters/${entry.id}`)).json().version;
    expect((await ib.post(`/api/v1/thuiszitters/${entry.id}/events`, { kind: 'end', effectiveOn: DAY, endReason: 'other', note: 'Weer op school.', version })).statusCode).toBe(201);
    expect((await ib.get(`/api/v1/thuiszitters/${entry.id}`)).json().askHelpFromCaseId).toBeNull();
    const late = await ib.post(`/api/v1/cases/${k.id}/requests`, { ...body, thuiszitterId: entry.id });
    expect(late.statusCode).toBe(400);
    expect(late.json().invalidParams).toEqual([expect.objectContaining({ name: 'thuiszitterId', code: 'entry_ended' })]);
  });
});
