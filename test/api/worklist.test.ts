import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Monday 16 November 2026: an ordinary school week (no holidays in the terms below).
const DAY = '2026-11-16';
process.env.SAMENSPEL_TODAY = DAY;

const { startTestApp } = await import('../support/test-app.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

/**
 * Each professional's worklist (issue 13, docs/requests.md "De werklijst"), on both engines: the
 * school's care coordinator sees the signals to pick up and the requests that wait on her school,
 * what is overdue first; the receiver sees what she received; a request whose term passed at the
 * receiver shows for the sender too, until the receiver takes the next step. Nothing of another
 * organisation shows (a teacher, the IB acting for her other school, a former IB whose membership
 * ended), a withdrawn consent removes the receiver's item, the child is named only with a grant for
 * identity (and every named child is in the access log), and the case manager sees the evaluations
 * due.
 */

interface Item {
  kind: string;
  id: string;
  dueOn: string | null;
  overdue: boolean;
  urgent: boolean;
  title: string;
  child: { id: string; name: string } | null;
  organisationName: string | null;
  requestKind: string | null;
  signalCategory: string | null;
  reportType: string | null;
  link: string;
}
interface Count {
  kind: string;
  total: number;
  overdue: number;
  listLink: string | null;
}
interface Worklist {
  today: string;
  items: Item[];
  counts: Count[];
}

let t: TestApp;
let ib: Client;
let wijkteam: Client;
let jeugdhulp: Client;
let leerkracht: Client;
let beheer: Client;
let school: string;
const pupils: { id: string; name: string; guardianId: string }[] = [];
/** The referral to the wijkteam (the second test), followed further in the last. */
let referralId: string;
const org = (u: 'wijkteam' | 'jeugdhulp') => t.demo.accounts[u].organisationId!;

async function worklist(c: Client, query = ''): Promise<Worklist> {
  const res = await c.get(`/api/v1/worklist${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const find = (w: Worklist, id: string) => w.items.find((i) => i.id === id);
const countOf = (w: Worklist, kind: string) => w.counts.find((c) => c.kind === kind);
const must = async (res: Promise<{ statusCode: number; body: string; json: () => unknown }>, status: number) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return (status === 204 ? {} : r.json()) as Record<string, unknown> & { id: string; version: number };
};
const step = async (c: Client, id: string, body: object) => must(c.post(`/api/v1/requests/${id}/steps`, { version: (await c.get(`/api/v1/requests/${id}`)).json().version, ...body }), 200);
const openCase = async (pupil: number, extra: object = {}) => must(ib.post('/api/v1/cases', { childId: pupils[pupil].id, title: 'Werklijst', ...extra }), 201);
const consentFor = (caseId: string, pupil: number, organisationId: string, dataKinds: string[]) =>
  must(
    ib.post(`/api/v1/cases/${caseId}/consents`, {
      purpose: 'Hulp thuis afstemmen met de school.',
      dataKinds,
      recipientOrganisationIds: [organisationId],
      givers: { guardianIds: [pupils[pupil].guardianId], childSelf: false },
      method: 'written',
      givenOn: DAY,
      validUntil: '2027-10-01',
    }),
    201,
  );
const send = (caseId: string, body: object) =>
  must(ib.post(`/api/v1/cases/${caseId}/requests`, { urgency: 'normal', question: 'Kunt u thuis ondersteunen bij de ochtenden?', goal: 'Elke ochtend op tijd in de klas.', dataKinds: ['identity', 'school'], ...body }), 201);
/** The worklist entries in the access log of one account since `after`. */
const logged = async (accountId: string, after: number) =>
  t.database.db.selectFrom('access_log').select(['child_id', 'ground', 'consent_id', 'outcome', 'detail']).where('event', '=', 'worklist.list').where('account_id', '=', accountId).where('seq', '>', after).execute();
const lastSeq = async () => Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m ?? 0);

/** Overdue first, then by due day, then the items without one. */
function expectOrdered(items: Item[]) {
  const rank = (i: Item) => [i.overdue ? 0 : 1, i.dueOn === null ? 1 : 0, i.dueOn ?? ''] as const;
  for (let k = 1; k < items.length; k++) {
    const [a, b] = [rank(items[k - 1]), rank(items[k])];
    expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2]))), `${items[k - 1].title} (${items[k - 1].dueOn}) before ${items[k].title} (${items[k].dueOn})`).toBe(true);
  }
}

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  [ib, wijkteam, jeugdhulp, leerkracht, beheer] = await Promise.all(['ib', 'wijkteam', 'jeugdhulp', 'leerkracht', 'beheer'].map((u) => t.login(u)));
  school = t.demo.accounts.leerkracht.organisationId!;
  // Pupils of compulsory-school age in the teacher's group, under 12, with a parent with authority and no case yet.
  const list = (await leerkracht.get('/api/v1/children?pageSize=100')).json().items as { id: string; givenName: string; familyName: string; age: number; birthDate: string }[];
  const withCase = new Set((await t.database.db.selectFrom('cases').select('child_id').execute()).map((k) => k.child_id));
  for (const p of list.filter((x) => x.age < 12 && x.birthDate <= '2021-08-01' && x.birthDate > '2011-01-01' && !withCase.has(x.id))) {
    const g = await t.database.db.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', p.id).where('has_authority', '=', true).executeTakeFirst();
    if (g) pupils.push({ id: p.id, name: `${p.givenName} ${p.familyName}`, guardianId: g.guardian_id });
    if (pupils.length === 5) break;
  }
  expect(pupils.length).toBe(5);
});
afterAll(async () => {
  process.env.SAMENSPEL_TODAY = DAY;
  await t?.close();
});

describe('the care coordinator’s worklist', () => {
  it('holds the signals of her school to pick up, overdue first, each named and linking to its page; each named child is logged', async () => {
    const before = await lastSeq();
    const w = await worklist(ib);
    expect(w.today).toBe(DAY);
    const signals = w.items.filter((i) => i.kind === 'signal_to_pick_up');
    // The demo's queue: new ones on time, one overdue and one three times late, and some kept watching.
    const queue = (await ib.get('/api/v1/signals?view=queue&pageSize=100')).json() as { items: { id: string; status: string; pickupDeadline: string; child: { id: string } }[] };
    const waiting = queue.items.filter((s) => s.status === 'new' || s.status === 'watching');
    expect(waiting.length).toBeGreaterThan(2);
    expect(signals.map((s) => s.id).sort()).toEqual(waiting.map((s) => s.id).sort());
    expect(countOf(w, 'signal_to_pick_up')).toEqual({ kind: 'signal_to_pick_up', total: waiting.length, overdue: waiting.filter((s) => s.status === 'new' && s.pickupDeadline < DAY).length, listLink: '/signalen' });
    expect(signals.filter((s) => s.overdue).length).toBeGreaterThanOrEqual(2);
    for (const s of signals) {
      const q = waiting.find((x) => x.id === s.id)!;
      expect(s).toMatchObject({ link: `/signalen/${s.id}`, child: { id: q.child.id }, dueOn: q.status === 'new' ? q.pickupDeadline : null, overdue: q.status === 'new' && q.pickupDeadline < DAY });
    }
    expect(w.items[0].overdue).toBe(true);
    expectOrdered(w.items);
    // The kinds that are hers, each with its count: requests, evaluations and the school's absence reports too.
    expect(w.counts.map((c) => c.kind)).toEqual(['signal_to_pick_up', 'request_to_answer', 'request_overdue', 'evaluation_due', 'absence_report_due']);
    const rows = await logged(t.demo.accounts.ib.accountId, before);
    const named = w.items.filter((i) => i.child).map((i) => i.child!.id);
    expect(new Set(rows.map((r) => r.child_id))).toEqual(new Set(named));
    expect(rows.every((r) => r.outcome === 'allowed' && r.ground)).toBe(true);
    expect(rows.filter((r) => signals.some((s) => s.child!.id === r.child_id)).every((r) => r.ground === 'school_care')).toBe(true);
  });

  it('a referral the wijkteam asks about waits on her school: it is on her list with the term of the question, and leaves the wijkteam’s list', async () => {
    const k = await openCase(0);
    await consentFor(k.id, 0, org('wijkteam'), ['identity', 'school']);
    const r = await send(k.id, { kind: 'toegang', toOrganisationId: org('wijkteam') });
    referralId = r.id;
    // The wijkteam worker received it: it waits on her organisation, named under the consent.
    const received = find(await worklist(wijkteam), r.id);
    expect(received).toMatchObject({ kind: 'request_to_answer', dueOn: '2026-11-23', overdue: false, requestKind: 'toegang', child: { id: pupils[0].id, name: pupils[0].name }, link: `/verzoeken/${r.id}` });
    expect(received!.organisationName).toBe((await ib.get('/api/v1/session')).json().memberships.find((m: { organisationId: string }) => m.organisationId === school).organisationName);
    // Nothing waits on the school yet.
    expect(find(await worklist(ib), r.id)).toBeUndefined();

    await step(wijkteam, r.id, { action: 'ask_info', text: 'Is er al contact met de huisarts geweest?' });
    const asked = find(await worklist(ib), r.id);
    expect(asked).toMatchObject({ kind: 'request_to_answer', dueOn: '2026-11-23', child: { id: pupils[0].id }, organisationName: 'Wijkteam Zeist-Noord' });
    expect(asked!.title).toMatch(/^Vraag van Wijkteam Zeist-Noord beantwoorden/);
    expect(find(await worklist(wijkteam), r.id)).toBeUndefined();

    await step(ib, r.id, { action: 'answer_info', text: 'Ja, in oktober; geen lichamelijke oorzaak.' });
    expect(find(await worklist(ib), r.id)).toBeUndefined();
    expect(find(await worklist(wijkteam), r.id)).toMatchObject({ kind: 'request_to_answer', dueOn: '2026-11-23' });
  });

  it('the case manager sees an evaluation due within 14 days (linking to the plan); one later is not on it, and a teacher on the team does not see it', async () => {
    const soon = await openCase(3, { nextEvaluationOn: '2026-11-23' });
    const later = await openCase(4, { nextEvaluationOn: '2026-12-04' });
    await must(ib.post(`/api/v1/cases/${soon.id}/members`, { personId: t.demo.accounts.leerkracht.personId, organisationId: school, version: soon.version }), 201);
    const w = await worklist(ib);
    expect(find(w, soon.id)).toMatchObject({ kind: 'evaluation_due', dueOn: '2026-11-23', overdue: false, child: { id: pupils[3].id, name: pupils[3].name }, link: `/plannen/${soon.planId}`, organisationName: null });
    expect(find(w, later.id)).toBeUndefined();
    expect(countOf(w, 'evaluation_due')!.total).toBeGreaterThanOrEqual(1);
    expect(find(await worklist(leerkracht), soon.id)).toBeUndefined();
  });

  it('the school’s absence report still to be made is on her list by its deadline, and leaves it once reported', async () => {
    const report = await must(ib.post('/api/v1/absence-reports', { childId: pupils[1].id, schoolLocationId: school, startDate: '2026-11-09', endDate: '2026-11-10', explanation: 'Vaak afwezig zonder bericht.' }), 201);
    const item = find(await worklist(ib), report.id);
    expect(item).toMatchObject({ kind: 'absence_report_due', dueOn: report.deadline, overdue: false, reportType: 'overig', child: { id: pupils[1].id }, link: `/verzuim/meldingen/${report.id}` });
    await must(ib.post(`/api/v1/absence-reports/${report.id}/decisions`, { kind: 'reported', occurredOn: DAY, reference: 'WL-1', version: report.version }), 200);
    expect(find(await worklist(ib), report.id)).toBeUndefined();
  });
});

describe('what others see', () => {
  it('a teacher sees none of the IB’s items: only the observation the demo’s report back asked of her, her child logged', async () => {
    const mine = await worklist(ib);
    const before = await lastSeq();
    const w = await worklist(leerkracht);
    expect(w.items.filter((i) => mine.items.some((m) => m.id === i.id))).toEqual([]);
    // The demo's youth care reported back on the case she is on the team of: she is asked whether it works in class.
    expect(w.items.map((i) => i.kind)).toEqual(['observation_asked']);
    // A teacher works in cases (an evaluation could be hers as case manager), not with signals to pick up or requests.
    expect(w.counts).toEqual([
      { kind: 'evaluation_due', total: 0, overdue: 0, listLink: '/casussen?evaluatie=binnenkort' },
      { kind: 'observation_asked', total: 1, overdue: expect.any(Number), listLink: null },
    ]);
    const entries = await logged(t.demo.accounts.leerkracht.accountId, before);
    expect(entries.map((e) => e.child_id)).toEqual([w.items[0].child!.id]);
  });

  it('the IB acting for her other school sees nothing of the first school', async () => {
    const first = await worklist(ib);
    expect(first.items.length).toBeGreaterThan(3);
    const session = (await ib.get('/api/v1/session')).json();
    const other = session.memberships.find((m: { organisationId: string }) => m.organisationId !== school);
    const ibB = await t.login('ib');
    await must(ibB.put('/api/v1/session/membership', { membershipId: other.id }), 200);
    const w = await worklist(ibB);
    expect(w.items.filter((i) => first.items.some((f) => f.id === i.id))).toEqual([]);
    const own = new Set((await t.database.db.selectFrom('signals').select('id').where('organisation_id', '=', other.organisationId).execute()).map((s) => s.id));
    expect(w.items.filter((i) => i.kind === 'signal_to_pick_up').every((i) => own.has(i.id))).toBe(true);
  });

  it('after her membership at the school ended, a former IB sees nothing of it: no signals, no evaluation of the case she managed there', async () => {
    const made = await must(
      beheer.post('/api/v1/people', {
        givenName: 'Oud',
        familyName: 'Begeleider',
        username: 'oud-begeleider',
        password: 'een-heel-lang-wachtwoord',
        memberships: [
          { organisationId: school, role: 'intern_begeleider' },
          { organisationId: org('wijkteam'), role: 'wijkteam_worker' },
        ],
      }),
      201,
    );
    const ms = await t.database.db.selectFrom('memberships').select(['id', 'organisation_id']).where('person_id', '=', made.id).execute();
    const atSchool = ms.find((m) => m.organisation_id === school)!.id;
    const oud = await t.login('oud-begeleider', 'een-heel-lang-wachtwoord');
    await must(oud.put('/api/v1/session/membership', { membershipId: atSchool }), 200);
    const k = await must(oud.post('/api/v1/cases', { childId: pupils[2].id, title: 'Werklijst', nextEvaluationOn: '2026-11-20' }), 201);
    const asIb = await worklist(oud);
    expect(find(asIb, k.id)).toMatchObject({ kind: 'evaluation_due' });
    expect(asIb.items.filter((i) => i.kind === 'signal_to_pick_up').length).toBeGreaterThan(2);

    await must(beheer.delete(`/api/v1/people/${made.id}/memberships/${atSchool}?version=${made.version}`), 204);
    const before = await lastSeq();
    const after = await worklist(oud);
    expect(after.items.filter((i) => asIb.items.some((a) => a.id === i.id))).toEqual([]);
    expect(after.counts.find((c) => c.kind === 'signal_to_pick_up')).toBeUndefined();
    // She acts for the wijkteam now: its inbox under its consents, nothing she had as the school's IB.
    expect(after.items.every((i) => i.kind === 'request_to_answer' && i.link.startsWith('/verzoeken/'))).toBe(true);
    expect(countOf(after, 'evaluation_due')).toMatchObject({ total: 0 });
    const account = await t.database.db.selectFrom('accounts').select('id').where('username', '=', 'oud-begeleider').executeTakeFirstOrThrow();
    expect((await logged(account.id, before)).every((r) => r.ground === 'request_receiver' || r.ground === 'case_consent')).toBe(true);
  });

  it('a withdrawn consent removes the receiver’s item at once', async () => {
    const k = await openCase(1);
    const consent = await consentFor(k.id, 1, org('jeugdhulp'), ['identity', 'school']);
    const r = await send(k.id, { kind: 'provider', toOrganisationId: org('jeugdhulp') });
    const w = await worklist(jeugdhulp);
    expect(find(w, r.id)).toMatchObject({ kind: 'request_to_answer', dueOn: '2026-11-30', child: { id: pupils[1].id } });
    const total = countOf(w, 'request_to_answer')!.total;
    await must(ib.post(`/api/v1/consents/${consent.id}/withdraw`, { byGuardianId: pupils[1].guardianId, method: 'written', reason: 'Liever niet.' }), 200);
    const after = await worklist(jeugdhulp);
    expect(find(after, r.id)).toBeUndefined();
    expect(countOf(after, 'request_to_answer')!.total).toBe(total - 1);
  });

  it('the child is named only where the receiver’s grant covers identity; an unnamed child is not logged', async () => {
    const k = await openCase(2);
    await consentFor(k.id, 2, org('jeugdhulp'), ['school']);
    const r = await send(k.id, { kind: 'provider', toOrganisationId: org('jeugdhulp'), dataKinds: ['school'] });
    const before = await lastSeq();
    const item = find(await worklist(jeugdhulp), r.id);
    expect(item).toMatchObject({ kind: 'request_to_answer', child: null, requestKind: 'provider' });
    expect(JSON.stringify(item)).not.toContain(pupils[2].name.split(' ').pop()!);
    const rows = await logged(t.demo.accounts.jeugdhulp.accountId, before);
    expect(rows.some((x) => x.child_id === pupils[2].id)).toBe(false);
    // A named child of hers is logged with the consent that lets her see it.
    expect(rows.every((x) => x.outcome === 'allowed' && x.consent_id !== null)).toBe(true);
  });

  it('bad input is a 400 with a field error; a parent or a young person has no worklist; perKind caps each kind, the counts keep the totals', async () => {
    for (const q of ['?perKind=0', '?perKind=51', '?perKind=veel', '?onbekend=1']) {
      const res = await ib.get(`/api/v1/worklist${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await ib.get('/api/v1/worklist?perKind=0')).json().invalidParams[0].name).toMatch(/perKind/);
    expect(await worklist(await t.login('ouder'))).toEqual({ today: DAY, items: [], counts: [] });
    expect(await worklist(await t.login('jongere'))).toEqual({ today: DAY, items: [], counts: [] });
    const all = await worklist(ib);
    const one = await worklist(ib, '?perKind=1');
    for (const c of all.counts) {
      expect(one.items.filter((i) => i.kind === c.kind).length).toBe(Math.min(1, c.total));
      expect(countOf(one, c.kind)).toEqual(c);
    }
    // The one shown is the most pressing of its kind (on a tie — as late, due the same day, as urgent — any of them).
    const pressing = (i: Item) => ({ overdue: i.overdue, dueOn: i.dueOn, urgent: i.urgent });
    for (const i of one.items) expect(pressing(i)).toEqual(pressing(all.items.find((a) => a.kind === i.kind)!));
  });
});

describe('when the receiver’s term has passed', () => {
  it('the request is on the sender’s list too, at the top; after the receiver accepts it leaves the sender’s list, and the receiver’s item becomes the next step', async () => {
    const r = referralId;
    // Nine days later, the referral (due 23 November) is overdue at the wijkteam.
    process.env.SAMENSPEL_TODAY = '2026-11-25';
    const sender = await worklist(ib);
    expect(find(sender, r)).toMatchObject({ kind: 'request_overdue', dueOn: '2026-11-23', overdue: true, organisationName: 'Wijkteam Zeist-Noord' });
    expect(find(sender, r)!.title).toMatch(/^Verzoek wacht te lang bij Wijkteam Zeist-Noord/);
    expect(countOf(sender, 'request_overdue')).toMatchObject({ total: 1, overdue: 1 });
    expectOrdered(sender.items);
    expect(sender.items.findIndex((i) => i.id === r)).toBeLessThan(sender.items.findIndex((i) => !i.overdue));
    expect(find(await worklist(wijkteam), r)).toMatchObject({ kind: 'request_to_answer', overdue: true });

    await step(wijkteam, r, { action: 'accept' });
    expect(find(await worklist(ib), r)).toBeUndefined();
    const accepted = find(await worklist(wijkteam), r);
    // 40 working days from Wednesday 25 November, without Christmas Day and New Year's Day: Friday 22 January.
    expect(accepted).toMatchObject({ kind: 'request_to_answer', dueOn: '2027-01-22', overdue: false });
    expect(accepted!.title).toMatch(/^Besluit vastleggen/);

    await step(wijkteam, r, { action: 'start_help', startOn: '2026-11-25' });
    expect(find(await worklist(wijkteam), r)).toMatchObject({ kind: 'report_due', overdue: false });
    expect(find(await worklist(ib), r)).toBeUndefined();
  });
});
