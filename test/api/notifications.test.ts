import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pupilWithParentAndNoCase } from '../support/pupils.ts';

// Tuesday 1 December 2026.
process.env.SAMENSPEL_TODAY = '2026-12-01';

const { startTestApp } = await import('../support/test-app.ts');
const { runReminders } = await import('../../src/cli/reminders.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

/**
 * The notifications issue 13 names beyond a request received or answered (on both engines): a
 * signal decided (to the teacher who raised it), a consent withdrawn (to who works under it), a
 * request step past its term (to the holder and the sender) and an evaluation due (to the case
 * manager) — reminders once per person, thing and due day — none with child data in the e-mail.
 */
let t: TestApp;
let ib: Client;
let leerkracht: Client;
let wijkteam: Client;
let pupil: string;
let family: string;
let guardianId: string;
let caseId: string;
const DAY = '2026-12-01';
const linkBase = 'https://samenspel.test';
const org = (u: 'wijkteam' | 'ib') => t.demo.accounts[u].organisationId!;
const notes = async (c: Client, kind: string) => (await c.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === kind);
const mails = async (kind: string) => t.database.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body_text']).where('kind', '=', kind).execute();
/** The reminders as the housekeeping runs them, on a given Dutch day at 08:00 (the app's day pinned to it meanwhile). */
async function remindOn(day: string) {
  process.env.SAMENSPEL_TODAY = day;
  try {
    return await runReminders(t.database, { linkBase, now: new Date(`${day}T07:00:00Z`) });
  } finally {
    process.env.SAMENSPEL_TODAY = DAY;
  }
}

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  [ib, leerkracht, wijkteam] = await Promise.all(['ib', 'leerkracht', 'wijkteam'].map((u) => t.login(u)));
  ({ pupil, guardianId } = await pupilWithParentAndNoCase(t, leerkracht));
  family = (await t.database.db.selectFrom('children').select('family_name').where('id', '=', pupil).executeTakeFirstOrThrow()).family_name;
});
afterAll(async () => t?.close());

describe('the teacher hears what became of her signal', () => {
  it('the care coordinator’s decision tells her, in the app and by e-mail without the child’s name', async () => {
    const s = (await leerkracht.post('/api/v1/signals', { childId: pupil, category: 'learning', urgency: 'normal', observation: 'Leest nog erg langzaam.', parentsInformed: true })).json();
    expect(await notes(leerkracht, 'signal_decided')).toEqual([]);
    const res = await ib.post(`/api/v1/signals/${s.id}/triage`, { decision: 'handle_in_school', reason: 'Extra leesbegeleiding in de groep.', version: s.version });
    expect(res.statusCode).toBe(200);
    expect(await notes(leerkracht, 'signal_decided')).toEqual([expect.objectContaining({ signalId: s.id, read: false })]);
    const sent = await mails('signal_decided');
    expect(sent).toHaveLength(1);
    expect(sent[0].body_text).toContain(`/signalen/${s.id}`);
    expect(`${sent[0].subject} ${sent[0].body_text}`).not.toContain(family);
    // Her own withdrawal of another signal tells nobody.
    const other = (await leerkracht.post('/api/v1/signals', { childId: pupil, category: 'health', urgency: 'normal', observation: 'Vaak hoofdpijn.', parentsInformed: true })).json();
    expect((await leerkracht.post(`/api/v1/signals/${other.id}/withdraw`, { reason: 'Vergist.', version: other.version })).statusCode).toBe(200);
    expect(await mails('signal_decided')).toHaveLength(1);
  });
});

describe('a consent withdrawn, a step past its term, an evaluation due', () => {
  let requestId: string;
  let consentId: string;

  it('setting up: a case with the wijkteam worker on the team, a consent naming the wijkteam, a referral', async () => {
    caseId = (await ib.post('/api/v1/cases', { childId: pupil, title: 'Lezen en thuis', nextEvaluationOn: '2026-12-07' })).json().id;
    const k = (await ib.get(`/api/v1/cases/${caseId}`)).json();
    expect((await ib.post(`/api/v1/cases/${caseId}/members`, { personId: t.demo.accounts.wijkteam.personId, organisationId: org('wijkteam'), version: k.version })).statusCode).toBe(201);
    const c = await ib.post(`/api/v1/cases/${caseId}/consents`, {
      purpose: 'Afstemmen met het wijkteam.',
      dataKinds: ['identity', 'school'],
      recipientOrganisationIds: [org('wijkteam')],
      givers: { guardianIds: [guardianId], childSelf: false },
      method: 'written',
      givenOn: DAY,
      validUntil: '2027-06-01',
    });
    expect(c.statusCode).toBe(201);
    consentId = c.json().id;
    const r = await ib.post(`/api/v1/cases/${caseId}/requests`, { kind: 'toegang', toOrganisationId: org('wijkteam'), urgency: 'normal', question: 'Kunt u meekijken?', goal: 'Rust thuis.', dataKinds: ['identity'] });
    expect(r.statusCode).toBe(201);
    requestId = r.json().id;
    // Due five working days on: Tuesday 8 December.
    expect(r.json().stepDueOn).toBe('2026-12-08');
  });

  it('on the due day nothing is late; the day after, the receiver and the sender are told once, and not again the next day', async () => {
    await remindOn('2026-12-08');
    expect(await notes(wijkteam, 'request_overdue')).toEqual([]);
    await remindOn('2026-12-09');
    expect(await notes(wijkteam, 'request_overdue')).toEqual([expect.objectContaining({ requestId })]);
    expect(await notes(ib, 'request_overdue')).toEqual([expect.objectContaining({ requestId })]);
    await remindOn('2026-12-09');
    await remindOn('2026-12-10');
    expect(await notes(wijkteam, 'request_overdue')).toHaveLength(1);
    expect(await notes(ib, 'request_overdue')).toHaveLength(1);
    for (const m of await mails('request_overdue')) expect(`${m.subject} ${m.body_text}`).not.toContain(family);
  });

  it('the case manager is reminded of the evaluation within a week of it, once', async () => {
    await remindOn('2026-12-09');
    const due = await notes(ib, 'evaluation_due');
    expect(due).toEqual([expect.objectContaining({ caseId })]);
    await remindOn('2026-12-10');
    expect(await notes(ib, 'evaluation_due')).toHaveLength(1);
  });

  it('a withdrawn consent tells the team member of the organisation it named, not the one who recorded it', async () => {
    const w = await ib.post(`/api/v1/consents/${consentId}/withdraw`, { byGuardianId: guardianId, method: 'verbal', reason: 'Ouders willen het zelf doen.' });
    expect(w.statusCode).toBe(200);
    expect(await notes(wijkteam, 'consent_withdrawn')).toEqual([expect.objectContaining({ caseId })]);
    expect(await notes(ib, 'consent_withdrawn')).toEqual([]);
    for (const m of await mails('consent_withdrawn')) expect(`${m.subject} ${m.body_text}`).not.toContain(family);
  });

  it('the digest waits for the morning: at 06:00 Dutch time none goes out, at 07:00 it does', async () => {
    expect((await wijkteam.put('/api/v1/me/notification-preferences', { items: [{ kind: 'request_update', channel: 'digest' }] })).statusCode).toBe(200);
    const k = (await ib.get(`/api/v1/requests/${requestId}`)).json();
    expect((await ib.post(`/api/v1/requests/${requestId}/steps`, { action: 'withdraw', text: 'Ouders regelen het zelf.', version: k.version })).statusCode).toBe(200);
    const early = await runReminders(t.database, { linkBase, now: new Date('2026-12-01T05:00:00Z') });
    expect(early.digests).toBe(0);
    const morning = await runReminders(t.database, { linkBase, now: new Date('2026-12-01T06:00:00Z') });
    expect(morning.digests).toBe(1);
    const digest = (await mails('digest')).filter((m) => m.to_address !== null);
    expect(digest.at(-1)!.body_text).toContain('1 nieuwe stap in een verzoek');
  });
});
