import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Thursday 14 January 2027: no national holiday near, and the schools of region midden are open
// until their spring holiday, so only the weekend and a school's own free day lie within the terms.
const DAY = '2027-01-14';
process.env.SAMENSPEL_TODAY = DAY;

const { startTestApp } = await import('../support/test-app.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

/**
 * The region's own request terms and its escalation of what is overdue (docs/requests.md,
 * "Termijnen per regio" and "Escalatie door de regio"), on both engines: a term set by the
 * functional administrator gives the due day of steps that start after it (working days across a
 * weekend; school days of the school that answers), never moves a due day already set, and goes back
 * to the default; bad input is a field error with nothing written, anyone else is refused, a stale
 * screen gets 409 with the terms as they are. The escalation table counts the steps that wait on
 * each receiving organisation past their term — counts only, no child, no request — and escalating
 * tells that organisation's workers by e-mail without a child's name.
 */
let t: TestApp;
let beheer: Client;
let ib: Client;
let wijkteam: Client;
let jeugdhulp: Client;
let beleid: Client;
let school: string;
const org = (u: 'wijkteam' | 'jeugdhulp' | 'swv') => t.demo.accounts[u].organisationId!;
/** Pupils of compulsory-school age at the teacher's school with a parent with authority and no case yet. */
let pupils: { id: string; guardianId: string; name: string }[] = [];
const cases: string[] = [];

const terms = async (c: Client = beheer) => (await c.get('/api/v1/settings/request-terms')).json();
const term = async (kind: string, status: string) => (await terms()).items.find((x: { kind: string; status: string }) => x.kind === kind && x.status === status);
const setTerm = async (body: object, c: Client = beheer) => c.put('/api/v1/settings/request-terms', { version: (await terms()).version, ...body });
const termRows = async () => t.database.db.selectFrom('request_terms').selectAll().orderBy('kind').orderBy('status').execute();
const versionRow = async () => (await t.database.db.selectFrom('request_terms_versions').select('version').executeTakeFirst())?.version ?? 1;
const escalationRows = async () => (await t.database.db.selectFrom('request_escalations').select('id').execute()).length;

const openCase = async (i: number, title: string) => {
  const res = await ib.post('/api/v1/cases', { childId: pupils[i].id, title });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};
const consentFor = async (caseIndex: number, organisationId: string) => {
  const res = await ib.post(`/api/v1/cases/${cases[caseIndex]}/consents`, {
    purpose: 'Hulp thuis afstemmen met de school.',
    dataKinds: ['identity', 'school'],
    recipientOrganisationIds: [organisationId],
    givers: { guardianIds: [pupils[caseIndex].guardianId], childSelf: false },
    method: 'written',
    givenOn: DAY,
    validUntil: '2027-12-01',
  });
  expect(res.statusCode).toBe(201);
};
const send = (caseIndex: number, body: object) =>
  ib.post(`/api/v1/cases/${cases[caseIndex]}/requests`, { urgency: 'normal', question: 'Kunt u thuis ondersteunen bij de ochtenden?', goal: 'Elke ochtend op tijd in de klas.', dataKinds: ['identity', 'school'], ...body });
const step = async (c: Client, id: string, body: object) => c.post(`/api/v1/requests/${id}/steps`, { version: (await c.get(`/api/v1/requests/${id}`)).json().version, ...body });

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  [beheer, ib, wijkteam, jeugdhulp, beleid] = await Promise.all(['beheer', 'ib', 'wijkteam', 'jeugdhulp', 'beleid'].map((u) => t.login(u)));
  school = t.demo.accounts.leerkracht.organisationId!;
  const withCase = new Set((await t.database.db.selectFrom('cases').select('child_id').execute()).map((k) => k.child_id));
  const enrolled = await t.database.db
    .selectFrom('enrolments as e')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .innerJoin('child_guardians as cg', 'cg.child_id', 'c.id')
    .where('e.organisation_id', '=', school)
    .where('e.end_date', 'is', null)
    .where('cg.has_authority', '=', true)
    // Compulsory-school age on DAY.
    .where('c.birth_date', '<=', '2021-08-01')
    .where('c.birth_date', '>', '2011-01-01')
    .select(['c.id', 'cg.guardian_id', 'c.given_name', 'c.family_name'])
    .orderBy('c.id')
    .execute();
  const seen = new Set<string>();
  for (const p of enrolled) {
    if (withCase.has(p.id) || seen.has(p.id)) continue;
    seen.add(p.id);
    pupils.push({ id: p.id, guardianId: p.guardian_id, name: `${p.given_name} ${p.family_name}` });
  }
  pupils = pupils.slice(0, 3);
  expect(pupils).toHaveLength(3);
  cases.push(await openCase(0, 'Ochtenden thuis en op school'), await openCase(1, 'Onrust in de klas'), await openCase(2, 'Veel ziek gemeld'));
});
afterAll(async () => t?.close());

describe('the region’s own terms', () => {
  it('every professional reads the defaults and the terms in force; only the functional administrator may change them; a parent is refused', async () => {
    const all = await terms(ib);
    expect(all.can).toEqual({ change: false });
    expect(all.version).toBe(1);
    expect(all.items.find((x: { kind: string; status: string }) => x.kind === 'toegang' && x.status === 'sent')).toEqual({
      kind: 'toegang',
      status: 'sent',
      default: { days: 5, unit: 'working', basis: expect.stringContaining('binnen een week') },
      region: null,
      inForce: { days: 5, unit: 'working' },
      units: ['working'],
    });
    expect(all.items.find((x: { kind: string; status: string }) => x.kind === 'question_to_school' && x.status === 'sent').units).toEqual(['working', 'school']);
    expect((await terms(beheer)).can).toEqual({ change: true });
    expect((await (await t.login('leerkracht')).get('/api/v1/settings/request-terms')).statusCode).toBe(200);
    expect((await (await t.login('ouder')).get('/api/v1/settings/request-terms')).statusCode).toBe(403);
  });

  it('a care coordinator may not change a term (403), and nothing is written', async () => {
    const res = await setTerm({ kind: 'toegang', status: 'sent', days: 3, unit: 'working' }, ib);
    expect(res.statusCode).toBe(403);
    expect(await termRows()).toEqual([]);
    expect(await versionRow()).toBe(1);
  });

  it('bad input is a field error in Dutch and nothing is written: a status without a term for the kind, 0 days, school days where the school does not answer', async () => {
    const pair = await setTerm({ kind: 'question_to_school', status: 'accepted', days: 5, unit: 'working' });
    expect(pair.statusCode).toBe(400);
    expect(pair.json().invalidParams).toEqual([{ name: 'status', code: 'no_term', reason: expect.stringMatching(/vraag aan de school heeft geen termijn in de stand "aangenomen"/) }]);
    const ended = await setTerm({ kind: 'toegang', status: 'closed', days: 5, unit: 'working' });
    expect(ended.json().invalidParams).toEqual([expect.objectContaining({ name: 'status', code: 'no_term' })]);
    const zero = await setTerm({ kind: 'toegang', status: 'sent', days: 0, unit: 'working' });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().invalidParams).toEqual([{ name: 'days', code: 'range', reason: expect.stringMatching(/van 1 tot en met 120 dagen/) }]);
    expect((await setTerm({ kind: 'toegang', status: 'sent', days: 121, unit: 'working' })).json().invalidParams[0]).toMatchObject({ name: 'days', code: 'range' });
    const school = await setTerm({ kind: 'toegang', status: 'sent', days: 5, unit: 'school' });
    expect(school.statusCode).toBe(400);
    expect(school.json().invalidParams).toEqual([{ name: 'unit', code: 'unit_not_allowed', reason: expect.stringMatching(/kies werkdagen/) }]);
    const words = await setTerm({ kind: 'toegang', status: 'sent', days: 'vijf', unit: 'working' });
    expect(words.statusCode).toBe(400);
    expect(words.json().invalidParams).toEqual([expect.objectContaining({ name: 'days', code: 'type', reason: 'Vul een geheel getal in.' })]);
    const noUnit = await setTerm({ kind: 'toegang', status: 'sent', days: 5 });
    expect(noUnit.json().invalidParams).toEqual([expect.objectContaining({ name: 'unit', code: 'required' })]);
    // The schema refuses an unknown kind; the route's own checks still say what else is wrong, in one answer.
    const all = await setTerm({ kind: 'brief', status: 'sent', days: 0, unit: 'working' });
    expect(all.statusCode).toBe(400);
    expect(all.json().invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['days', 'kind']);
    expect(await termRows()).toEqual([]);
    expect(await versionRow()).toBe(1);
  });

  it('a referral sent after the region set 3 working days is due after the weekend (Tuesday 19 January); one sent before keeps its due day', async () => {
    await consentFor(0, org('wijkteam'));
    const before = await send(0, { kind: 'toegang', toOrganisationId: org('wijkteam') });
    expect(before.statusCode).toBe(201);
    // The default: 5 working days from Thursday 14 January is Thursday 21 January.
    expect(before.json().stepDueOn).toBe('2027-01-21');

    const set = await setTerm({ kind: 'toegang', status: 'sent', days: 3, unit: 'working' });
    expect(set.statusCode).toBe(200);
    expect(set.json().version).toBe(2);
    expect(set.json().items.find((x: { kind: string; status: string }) => x.kind === 'toegang' && x.status === 'sent')).toMatchObject({
      region: { days: 3, unit: 'working', updatedBy: expect.any(String) },
      inForce: { days: 3, unit: 'working' },
      default: { days: 5, unit: 'working' },
    });
    const log = await t.database.db.selectFrom('access_log').select(['event', 'detail', 'child_id']).where('event', '=', 'settings.request_term').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ child_id: null, detail: { kind: 'toegang', status: 'sent', days: 3, unit: 'working' } });

    const after = await send(0, { kind: 'toegang', toOrganisationId: org('wijkteam'), question: 'Een tweede vraag.' });
    expect(after.statusCode).toBe(201);
    // Friday 15, Monday 18, Tuesday 19 January.
    expect(after.json().stepDueOn).toBe('2027-01-19');
    expect((await ib.get(`/api/v1/requests/${before.json().id}`)).json().stepDueOn).toBe('2027-01-21');
  });

  it('a later step gets the region’s term of its status too: accepted with 10 working days', async () => {
    expect((await setTerm({ kind: 'toegang', status: 'accepted', days: 10, unit: 'working' })).statusCode).toBe(200);
    const id = (await t.database.db.selectFrom('requests').select('id').where('case_id', '=', cases[0]).where('question', '=', 'Een tweede vraag.').executeTakeFirstOrThrow()).id;
    const accepted = await step(wijkteam, id, { action: 'accept' });
    expect(accepted.statusCode).toBe(200);
    // Ten working days from Thursday 14 January: Thursday 28 January (the default of 40 would be 11 March).
    expect(accepted.json()).toMatchObject({ status: 'accepted', stepDueOn: '2027-01-28' });
  });

  it('a question to the school in school days counts the school’s own free day', async () => {
    // The school's study day on Friday 15 January: a working day, not a school day.
    expect((await ib.post(`/api/v1/school-locations/${school}/free-days`, { name: 'Studiedag', startDate: '2027-01-15' })).statusCode).toBe(201);
    expect((await setTerm({ kind: 'question_to_school', status: 'sent', days: 2, unit: 'school' })).statusCode).toBe(200);
    const demoCase = (await t.database.db.selectFrom('cases').select('id').where('title', '=', 'Boosheid in de klas en onrust thuis').executeTakeFirstOrThrow()).id;
    const asked = await jeugdhulp.post(`/api/v1/cases/${demoCase}/requests`, {
      kind: 'question_to_school',
      toOrganisationId: school,
      urgency: 'normal',
      question: 'Hoe gaat het met de time-out kaart?',
      goal: 'De hulp thuis afstemmen op de klas.',
      dataKinds: ['identity'],
    });
    expect(asked.statusCode).toBe(201);
    // Monday 18 and Tuesday 19 January are its first two school days (2 working days would be Monday 18).
    expect(asked.json().stepDueOn).toBe('2027-01-19');
  });

  it('going back to the default: days null; a request sent then gets the default again', async () => {
    const back = await setTerm({ kind: 'toegang', status: 'sent', days: null });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().items.find((x: { kind: string; status: string }) => x.kind === 'toegang' && x.status === 'sent')).toMatchObject({ region: null, inForce: { days: 5, unit: 'working' } });
    expect((await termRows()).map((r) => `${r.kind} ${r.status}`)).toEqual(['question_to_school sent', 'toegang accepted']);
    const sent = await send(0, { kind: 'toegang', toOrganisationId: org('wijkteam'), question: 'Een derde vraag.' });
    expect(sent.json().stepDueOn).toBe('2027-01-21');
    // Setting the default's own value is going back to it as well.
    expect((await setTerm({ kind: 'toegang', status: 'accepted', days: 40, unit: 'working' })).json().items.find((x: { kind: string; status: string }) => x.kind === 'toegang' && x.status === 'accepted').region).toBeNull();
    expect(await term('toegang', 'accepted')).toMatchObject({ region: null });
  });

  it('a screen based on an older version is refused with 409 and the terms as they are now; nothing is written', async () => {
    const now = await terms();
    const rows = await termRows();
    const stale = await beheer.put('/api/v1/settings/request-terms', { kind: 'provider', status: 'sent', days: 7, unit: 'working', version: now.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { version: now.version, can: { change: true } } });
    expect(stale.json().current.items).toHaveLength(now.items.length);
    expect(await termRows()).toEqual(rows);
    expect(await versionRow()).toBe(now.version);
  });
});

describe('escalation by the region', () => {
  let late: string;
  let waitsOnSender: string;

  it('the region sees nothing to escalate while the requests are within their term', async () => {
    await consentFor(1, org('jeugdhulp'));
    await consentFor(2, org('jeugdhulp'));
    late = (await send(1, { kind: 'provider', toOrganisationId: org('jeugdhulp') })).json().id;
    waitsOnSender = (await send(2, { kind: 'provider', toOrganisationId: org('jeugdhulp') })).json().id;
    // Youth care asks the school for information: that step waits on the school, not on youth care.
    expect((await step(jeugdhulp, waitsOnSender, { action: 'ask_info', text: 'Hoe vaak was hij afwezig?' })).json()).toMatchObject({ status: 'info_requested', waitingFor: 'sender' });
    const res = await beleid.get('/api/v1/requests/escalation');
    expect(res.statusCode).toBe(200);
    const row = res.json().rows.find((r: { organisation: { id: string }; kind: string }) => r.organisation.id === org('jeugdhulp') && r.kind === 'provider');
    expect(row).toMatchObject({ overdue: 0, oldestOverdueDueOn: null, workingDaysLate: null, can: { escalate: false } });
    const before = await escalationRows();
    const refused = await beleid.post('/api/v1/requests/escalation', { organisationId: org('jeugdhulp'), kind: 'provider', note: 'Graag oppakken.' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'nothing_overdue', detail: expect.stringMatching(/niets om te escaleren/) });
    expect(await escalationRows()).toBe(before);
  });

  it('three weeks on, it counts per organisation and kind the steps past their term: no child, no request', async () => {
    // Wednesday 3 February 2027: the provider's term of 10 working days ended on Thursday 28 January.
    process.env.SAMENSPEL_TODAY = '2027-02-03';
    const res = await beleid.get('/api/v1/requests/escalation');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.day).toBe('2027-02-03');
    const row = body.rows.find((r: { organisation: { id: string }; kind: string }) => r.organisation.id === org('jeugdhulp') && r.kind === 'provider');
    // Open: the two sent today and the demo's request whose help runs; late: only the one that waits on youth care.
    expect(row).toEqual({
      organisation: { id: org('jeugdhulp'), name: expect.any(String) },
      kind: 'provider',
      open: 3,
      overdue: 1,
      oldestOverdueDueOn: '2027-01-28',
      workingDaysLate: 4,
      medianDaysSinceSent: 20,
      lastEscalation: null,
      can: { escalate: true },
    });
    // The wijkteam's referrals are late as well: two still to be taken up, one accepted with the region's 10 days.
    expect(body.rows.find((r: { organisation: { id: string }; kind: string }) => r.organisation.id === org('wijkteam') && r.kind === 'toegang')).toMatchObject({ open: 3, overdue: 3, oldestOverdueDueOn: '2027-01-21' });
    // What is late comes first.
    expect(body.rows[0].overdue).toBeGreaterThan(0);
    const text = res.body;
    for (const p of pupils) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.id);
    }
    for (const id of [late, waitsOnSender]) expect(text).not.toContain(id);
    expect(text).not.toMatch(/childId|requestId/);
    const log = await t.database.db.selectFrom('access_log').select(['child_id', 'outcome']).where('event', '=', 'request.escalation.read').where('account_id', '=', t.demo.accounts.beleid.accountId).execute();
    expect(log.every((l) => l.child_id === null && l.outcome === 'allowed')).toBe(true);
  });

  it('escalating tells the organisation’s workers in the app and by e-mail without the child’s name; the table shows when and by whom', async () => {
    const note = `Graag deze week oppakken (${pupils[1].name} niet noemen in de mail).`;
    const res = await beleid.post('/api/v1/requests/escalation', { organisationId: org('jeugdhulp'), kind: 'provider', note });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ organisation: { id: org('jeugdhulp') }, kind: 'provider', overdue: 1, notified: expect.any(Number) });
    expect(res.json().notified).toBeGreaterThan(0);
    const notes = (await jeugdhulp.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'request_escalated');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ requestId: null, signalId: null, caseId: null });
    const jhEmail = (await t.database.db.selectFrom('people').select('email').where('id', '=', t.demo.accounts.jeugdhulp.personId!).executeTakeFirstOrThrow()).email;
    const mails = await t.database.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body_text']).where('kind', '=', 'request_escalated').execute();
    expect(mails.map((m) => m.to_address)).toContain(jhEmail);
    for (const m of mails) {
      expect(m.subject).toBe('De regio vraagt u verzoeken op te pakken');
      expect(m.body_text).toContain('1 verzoek van uw organisatie staat over de termijn; de regio vraagt u het op te pakken.');
      expect(m.body_text).toContain('/verzoeken?bak=ontvangen');
      for (const p of pupils) expect(m.body_text).not.toContain(p.name);
      expect(m.body_text).not.toContain(late);
      expect(m.body_text).not.toContain('Graag deze week');
    }
    // Nobody of the region's own organisation, nor of another receiver, is told.
    expect((await wijkteam.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'request_escalated')).toEqual([]);
    const row = (await beleid.get('/api/v1/requests/escalation')).json();
    const byName = (await t.database.db.selectFrom('people').select(['given_name', 'family_name']).where('id', '=', t.demo.accounts.beleid.personId!).executeTakeFirstOrThrow());
    const last = { on: '2027-02-03', kind: 'provider', overdue: 1, byName: `${byName.given_name} ${byName.family_name}`, byOrganisation: expect.any(String), at: expect.any(String) };
    expect(row.rows.find((r: { organisation: { id: string }; kind: string }) => r.organisation.id === org('jeugdhulp') && r.kind === 'provider').lastEscalation).toEqual(last);
    expect(row.organisations.find((o: { id: string }) => o.id === org('jeugdhulp')).lastEscalation).toEqual(last);
    // The record is history: it cannot be changed.
    await expect(t.database.db.updateTable('request_escalations').set({ note: 'anders' }).execute()).rejects.toThrow();
    const logged = await t.database.db.selectFrom('access_log').select(['child_id', 'detail']).where('event', '=', 'request.escalate').executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ child_id: null, detail: { organisationId: org('jeugdhulp'), kind: 'provider', overdue: 1 } });
  });

  it('refused: a kind the organisation has nothing overdue of (409), an unknown organisation and an empty note (400); nothing written', async () => {
    const before = await escalationRows();
    const none = await beleid.post('/api/v1/requests/escalation', { organisationId: org('wijkteam'), kind: 'provider', note: 'Graag oppakken.' });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('nothing_overdue');
    const unknown = await beleid.post('/api/v1/requests/escalation', { organisationId: '00000000-0000-4000-8000-000000000000', kind: 'provider', note: 'Graag.' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().invalidParams).toEqual([expect.objectContaining({ name: 'organisationId', code: 'unknown_organisation' })]);
    const empty = await beleid.post('/api/v1/requests/escalation', { organisationId: org('wijkteam'), kind: 'toegang', note: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().invalidParams).toEqual([expect.objectContaining({ name: 'note', code: 'required' })]);
    expect(await escalationRows()).toBe(before);
  });

  it('the SWV consultant and the functional administrator may escalate; a teacher and a care coordinator get 403', async () => {
    expect((await (await t.login('swv')).get('/api/v1/requests/escalation')).statusCode).toBe(200);
    expect((await beheer.get('/api/v1/requests/escalation')).statusCode).toBe(200);
    const leerkracht = await t.login('leerkracht');
    expect((await leerkracht.get('/api/v1/requests/escalation')).statusCode).toBe(403);
    const before = await escalationRows();
    expect((await leerkracht.post('/api/v1/requests/escalation', { organisationId: org('wijkteam'), kind: 'toegang', note: 'Graag.' })).statusCode).toBe(403);
    expect((await ib.post('/api/v1/requests/escalation', { organisationId: org('wijkteam'), kind: 'toegang', note: 'Graag.' })).statusCode).toBe(403);
    expect(await escalationRows()).toBe(before);
  });
});
