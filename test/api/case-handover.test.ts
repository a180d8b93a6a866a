import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Thursday 3 December 2026: the case is opened, the child is registered in the verwijsindex, and
// the child changes school — all on this day (the new enrolment starts today).
process.env.SAMENSPEL_TODAY = '2026-12-03';

const { startTestApp } = await import('../support/test-app.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

/**
 * The person in charge can change, a case follows the child, and the verwijsindex (issue 13;
 * docs/cases-and-consent.md §2a–§2c), on both engines: the case manager handed over with a reason
 * (history, notification, a mail without the child); a case transferred to the child's new school
 * with the family's consent — and refused, with nothing changed, without that consent, without an
 * enrolment there, by a teacher, on a stale version; the old school's care coordinator no longer
 * opens it, the new one does, with the plan and the open requests; the organisations involved and
 * their contacts; the verwijsindex reminder while a risk ground applies, and the date recorded.
 */
const DAY = '2026-12-03';
const PASSWORD = 'een-heel-lang-wachtwoord';
let t: TestApp;
let ib: Client;
let beheer: Client;
let leerkracht: Client;
let jeugdhulp: Client;
let wijkteam: Client;
let schoolA: string; // OBS De Regenboog: ib's school, where the case starts
let schoolB: string; // ib's other school (OBS Het Palet)
let wissel: string; // SBO De Wissel: the child's new school
let nadia: { personId: string; client: Client }; // the new school's intern begeleider
let pupil: { id: string; guardianId: string; givenName: string; familyName: string };
let caseId: string;
let planId: string;
let requestId: string;
let questionId: string;
const acc = (u: 'ib' | 'jeugdhulp' | 'wijkteam' | 'leerkracht') => t.demo.accounts[u];

const caseOf = async (c: Client, id = caseId) => (await c.get(`/api/v1/cases/${id}`)).json();
/** What a refused change must leave as it was: the case row, its team and its requests. */
const snapshot = async (id = caseId) => ({
  k: await t.database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  team: await t.database.db.selectFrom('case_members').select(['person_id', 'organisation_id', 'removed_at']).where('case_id', '=', id).orderBy('id').execute(),
  requests: await t.database.db.selectFrom('requests').select(['id', 'from_organisation_id', 'from_person_id', 'version']).where('case_id', '=', id).orderBy('id').execute(),
  events: (await t.database.db.selectFrom('case_events').select('id').where('case_id', '=', id).execute()).length,
});
const consentFor = (organisationId: string, dataKinds: string[]) =>
  ib.post(`/api/v1/cases/${caseId}/consents`, {
    purpose: 'De hulp afstemmen tussen school, jeugdhulp en de nieuwe school.',
    dataKinds,
    recipientOrganisationIds: [organisationId],
    givers: { guardianIds: [pupil.guardianId], childSelf: false },
    method: 'written',
    givenOn: DAY,
    validUntil: '2027-12-01',
  });
const handOver = async (c: Client, to: { personId: string; organisationId: string }, reason: string, version?: number) => {
  const k = await caseOf(ib);
  return c.put(`/api/v1/cases/${caseId}/case-manager`, { ...to, replaces: { personId: k.caseManager.personId, organisationId: k.caseManager.organisationId }, reason, version: version ?? k.version });
};
const transfer = async (c: Client, body: { toOrganisationId?: string; toPersonId?: string; reason?: string; version?: number }) =>
  c.post(`/api/v1/cases/${caseId}/transfer`, { toOrganisationId: wissel, toPersonId: nadia.personId, reason: 'Het gezin is verhuisd; het kind gaat sinds deze week naar SBO De Wissel.', version: (await caseOf(ib)).version, ...body });
const mailsTo = (personEmail: string) => t.database.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', personEmail).execute();

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  [ib, beheer, leerkracht, jeugdhulp, wijkteam] = await Promise.all(['ib', 'beheer', 'leerkracht', 'jeugdhulp', 'wijkteam'].map((u) => t.login(u)));
  schoolA = acc('leerkracht').organisationId!;
  const ibMemberships = await t.database.db.selectFrom('memberships').select(['id', 'organisation_id']).where('person_id', '=', acc('ib').personId!).where('ended_at', 'is', null).execute();
  schoolB = ibMemberships.find((m) => m.organisation_id !== schoolA)!.organisation_id;
  expect((await ib.put('/api/v1/session/membership', { membershipId: ibMemberships.find((m) => m.organisation_id === schoolA)!.id })).statusCode).toBe(200);
  wissel = (await t.database.db.selectFrom('organisations').select('id').where('name', '=', 'SBO De Wissel').executeTakeFirstOrThrow()).id;
  // The new school's intern begeleider, with an account (the functional administrator adds her).
  const created = await beheer.post('/api/v1/people', {
    givenName: 'Nadia',
    familyName: 'Bos',
    email: 'n.bos@example.nl',
    username: 'nadia',
    password: PASSWORD,
    memberships: [{ organisationId: wissel, role: 'intern_begeleider' }],
  });
  expect(created.statusCode).toBe(201);
  nadia = { personId: created.json().id, client: await t.login('nadia', PASSWORD) };
  // A pupil of leerkracht's group of compulsory-school age, under 12, with a parent with authority and no case.
  const rows = await t.database.db
    .selectFrom('enrolments as e')
    .innerJoin('group_staff as gs', 'gs.group_id', 'e.group_id')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .innerJoin('child_guardians as cg', 'cg.child_id', 'c.id')
    .where('gs.person_id', '=', acc('leerkracht').personId!)
    .where('e.end_date', 'is', null)
    .where('cg.has_authority', '=', true)
    .where('c.birth_date', '<=', '2021-08-01')
    .where('c.birth_date', '>', '2014-12-04')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('cases as k').whereRef('k.child_id', '=', 'c.id').select('k.id'))))
    // Never the demo parent's own child.
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('child_guardians as og').whereRef('og.child_id', '=', 'c.id').where('og.guardian_id', '=', t.demo.accounts.ouder.guardianId!).select('og.guardian_id'))))
    .select(['c.id', 'c.given_name', 'c.family_name', 'cg.guardian_id'])
    .orderBy('c.id')
    .execute();
  expect(rows.length).toBeGreaterThan(0);
  pupil = { id: rows[0].id, guardianId: rows[0].guardian_id, givenName: rows[0].given_name, familyName: rows[0].family_name };
  const opened = await ib.post('/api/v1/cases', { childId: pupil.id, title: 'Concentratie en thuissituatie' });
  expect(opened.statusCode).toBe(201);
  caseId = opened.json().id;
  planId = opened.json().planId;
  expect(planId).toBeTruthy();
});
afterAll(async () => t?.close());

describe('the verwijsindex before any risk ground', () => {
  it('a case of the school alone: registered nowhere, and no reminder; the school is the one organisation involved', async () => {
    const k = await caseOf(ib);
    expect(k.verwijsindex).toEqual({ registeredOn: null, registeredByName: null, validUntil: null, reminder: false, riskGrounds: [] });
    expect(k.can).toMatchObject({ transfer: true, recordVerwijsindex: true });
    expect(k.involved).toEqual([
      { organisationId: schoolA, name: 'OBS De Regenboog', kind: 'school_location', why: ['school', 'team'], contacts: [expect.objectContaining({ personId: acc('ib').personId, role: 'intern_begeleider', email: expect.stringContaining('@') })] },
    ]);
  });
});

describe('hand-over of the case manager', () => {
  it('the youth care worker and the teacher join the team: a partner on the team is a risk ground, the team is reminded', async () => {
    for (const who of ['jeugdhulp', 'leerkracht'] as const) {
      const added = await ib.post(`/api/v1/cases/${caseId}/members`, { personId: acc(who).personId, organisationId: acc(who).organisationId, version: (await caseOf(ib)).version });
      expect(added.statusCode).toBe(201);
    }
    const k = await caseOf(ib);
    expect(k.verwijsindex).toMatchObject({ registeredOn: null, reminder: true, riskGrounds: ['partner_on_team'] });
    expect(k.involved.map((o: { name: string; why: string[] }) => [o.name, o.why])).toEqual([
      ['OBS De Regenboog', ['school', 'team']],
      [expect.any(String), ['team']],
    ]);
    expect(k.involved[1]).toMatchObject({ organisationId: acc('jeugdhulp').organisationId, contacts: [{ personId: acc('jeugdhulp').personId, role: 'youth_care_worker' }] });
  });

  it('without a reason it is refused with a Dutch field error, and nothing changes', async () => {
    const before = await snapshot();
    const blank = await handOver(ib, { personId: acc('jeugdhulp').personId!, organisationId: acc('jeugdhulp').organisationId! }, '   ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().invalidParams).toEqual([{ name: 'reason', code: 'required', reason: expect.stringMatching(/^Schrijf waarom de casusregisseur wisselt/) }]);
    const k = await caseOf(ib);
    const missing = await ib.put(`/api/v1/cases/${caseId}/case-manager`, { personId: acc('jeugdhulp').personId, organisationId: acc('jeugdhulp').organisationId, replaces: { personId: acc('ib').personId, organisationId: schoolA }, version: k.version });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().invalidParams).toEqual([expect.objectContaining({ name: 'reason' })]);
    expect(await snapshot()).toEqual(before);
  });

  it('a teacher on the team cannot hand it over (404, logged)', async () => {
    const before = await snapshot();
    const res = await handOver(leerkracht, { personId: acc('leerkracht').personId!, organisationId: schoolA }, 'Ik neem het over.');
    expect(res.statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    const denied = await t.database.db.selectFrom('access_log').select(['outcome', 'child_id']).where('event', '=', 'case.manager.assign').where('account_id', '=', acc('leerkracht').accountId).executeTakeFirstOrThrow();
    expect(denied).toEqual({ outcome: 'denied', child_id: pupil.id });
  });

  it('the IB hands it to the youth care worker with a reason: in the history with who from and to; she is told in the app and by a mail without the child', async () => {
    const res = await handOver(ib, { personId: acc('jeugdhulp').personId!, organisationId: acc('jeugdhulp').organisationId! }, 'De hulp ligt nu vooral thuis, bij jeugdhulp.');
    expect(res.statusCode).toBe(200);
    expect(res.json().caseManager).toEqual({ personId: acc('jeugdhulp').personId, organisationId: acc('jeugdhulp').organisationId });
    const k = await caseOf(ib);
    const last = k.history.at(-1);
    expect(last).toMatchObject({ event: 'case_manager_changed', detail: { reason: 'De hulp ligt nu vooral thuis, bij jeugdhulp.' }, fromName: expect.stringContaining('(OBS De Regenboog)'), toName: expect.stringContaining('(Jeugdhulp De Brug)') });
    const inApp = (await jeugdhulp.get('/api/v1/notifications')).json().items;
    expect(inApp).toContainEqual(expect.objectContaining({ kind: 'case_handed_over', caseId, read: false, signalId: null, requestId: null }));
    // The IB who handed it over is not told of her own step.
    expect((await ib.get('/api/v1/notifications')).json().items.some((n: { caseId: string | null }) => n.caseId === caseId)).toBe(false);
    const email = (await t.database.db.selectFrom('people').select('email').where('id', '=', acc('jeugdhulp').personId!).executeTakeFirstOrThrow()).email!;
    const mails = await mailsTo(email);
    const mail = mails.find((m) => m.body_text.includes(`/casussen/${caseId}`));
    expect(mail).toBeDefined();
    expect(`${mail!.subject} ${mail!.body_text}`).not.toContain(pupil.familyName);
    expect(`${mail!.subject} ${mail!.body_text}`).not.toContain(pupil.givenName);
    expect(mail!.body_text).not.toContain('thuis, bij jeugdhulp');
  });

  it('the new case manager reads and manages the case; the IB still keeps it as the school’s care coordinator', async () => {
    const k = await caseOf(jeugdhulp);
    expect(k).toMatchObject({ canManage: true, caseManager: { personId: acc('jeugdhulp').personId }, can: { transfer: true, recordVerwijsindex: true } });
    expect((await caseOf(ib)).canManage).toBe(true);
  });
});

describe('the organisations involved and the verwijsindex', () => {
  it('a referral to the wijkteam: the wijkteam is involved (its inbox until someone holds it), and the referral is a risk ground too', async () => {
    expect((await consentFor(acc('wijkteam').organisationId!, ['identity', 'school'])).statusCode).toBe(201);
    const sent = await ib.post(`/api/v1/cases/${caseId}/requests`, {
      kind: 'toegang',
      toOrganisationId: acc('wijkteam').organisationId,
      urgency: 'normal',
      question: 'Kan het wijkteam het gezin thuis ondersteunen?',
      goal: 'Rust thuis, zodat hij zich in de klas kan concentreren.',
      dataKinds: ['identity', 'school'],
    });
    expect(sent.statusCode).toBe(201);
    requestId = sent.json().id;
    let k = await caseOf(ib);
    expect(k.involved.find((o: { organisationId: string }) => o.organisationId === acc('wijkteam').organisationId)).toMatchObject({ why: ['request'], contacts: [] });
    expect(k.verwijsindex).toMatchObject({ reminder: true, riskGrounds: ['care_request', 'partner_on_team'] });
    const version = (await wijkteam.get(`/api/v1/requests/${requestId}`)).json().version;
    expect((await wijkteam.post(`/api/v1/requests/${requestId}/steps`, { action: 'accept', version })).statusCode).toBe(200);
    k = await caseOf(ib);
    expect(k.involved.find((o: { organisationId: string }) => o.organisationId === acc('wijkteam').organisationId).contacts).toEqual([
      { personId: acc('wijkteam').personId, name: expect.any(String), role: 'wijkteam_worker', email: expect.stringContaining('@') },
    ]);
  });

  it('the date is not in the future and not before the case was opened; a teacher and a stale screen are refused; nothing is written', async () => {
    const before = await snapshot();
    const version = (await caseOf(ib)).version;
    const future = await ib.post(`/api/v1/cases/${caseId}/verwijsindex`, { registeredOn: '2026-12-04', version });
    expect(future.statusCode).toBe(400);
    expect(future.json().invalidParams).toEqual([{ name: 'registeredOn', code: 'future', reason: expect.stringMatching(/niet in de toekomst/) }]);
    const early = await ib.post(`/api/v1/cases/${caseId}/verwijsindex`, { registeredOn: '2026-12-02', version });
    expect(early.statusCode).toBe(400);
    expect(early.json().invalidParams).toEqual([{ name: 'registeredOn', code: 'before_case', reason: expect.stringContaining('3 december 2026') }]);
    expect((await leerkracht.post(`/api/v1/cases/${caseId}/verwijsindex`, { registeredOn: DAY, version })).statusCode).toBe(404);
    const stale = await ib.post(`/api/v1/cases/${caseId}/verwijsindex`, { registeredOn: DAY, version: version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { id: caseId, version } });
    expect(await snapshot()).toEqual(before);
  });

  it('the IB records the date: shown with who, until when it counts, and the reminder goes; the history says so', async () => {
    const res = await ib.post(`/api/v1/cases/${caseId}/verwijsindex`, { registeredOn: DAY, version: (await caseOf(ib)).version });
    expect(res.statusCode).toBe(200);
    const ibName = (await t.database.db.selectFrom('people').select(['given_name', 'family_name']).where('id', '=', acc('ib').personId!).executeTakeFirstOrThrow());
    expect(res.json().verwijsindex).toEqual({ registeredOn: DAY, registeredByName: `${ibName.given_name} ${ibName.family_name}`, validUntil: '2028-12-02', reminder: false, riskGrounds: ['care_request', 'partner_on_team'] });
    expect(res.json().history.at(-1)).toMatchObject({ event: 'verwijsindex_registered', detail: { registeredOn: DAY } });
    // The team sees it too (the youth care worker, now the case manager).
    expect((await caseOf(jeugdhulp)).verwijsindex).toMatchObject({ registeredOn: DAY, reminder: false });
  });
});

describe('a case follows the child to the new school', () => {
  it('a teacher on the team cannot transfer it, nor the new school’s IB before it is hers, nor the IB acting for her other school (404, logged)', async () => {
    const before = await snapshot();
    expect((await transfer(leerkracht, {})).statusCode).toBe(404);
    expect((await transfer(nadia.client, {})).statusCode).toBe(404);
    const other = await t.login('ib');
    const atB = await t.database.db.selectFrom('memberships').select('id').where('person_id', '=', acc('ib').personId!).where('organisation_id', '=', schoolB).executeTakeFirstOrThrow();
    expect((await other.put('/api/v1/session/membership', { membershipId: atB.id })).statusCode).toBe(200);
    expect((await transfer(other, {})).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    const denied = await t.database.db.selectFrom('access_log').select(['account_id', 'organisation_id']).where('event', '=', 'case.transfer').where('outcome', '=', 'denied').where('child_id', '=', pupil.id).execute();
    expect(denied).toHaveLength(3);
    expect(denied).toContainEqual({ account_id: acc('ib').accountId, organisation_id: schoolB });
  });

  it('a stale version: 409 with the case as it is now; a reason is required; nothing changes', async () => {
    const before = await snapshot();
    const version = (await caseOf(ib)).version;
    const stale = await transfer(ib, { version: version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { id: caseId, version, organisationId: schoolA } });
    const blank = await transfer(ib, { reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().invalidParams).toEqual([{ name: 'reason', code: 'required', reason: expect.stringMatching(/^Schrijf waarom de casus naar de nieuwe school gaat/) }]);
    expect(await snapshot()).toEqual(before);
  });

  it('not a school, or a school where the child is not enrolled: 422 with what is wrong, and nothing changes', async () => {
    const before = await snapshot();
    const notSchool = await transfer(ib, { toOrganisationId: acc('wijkteam').organisationId! });
    expect(notSchool.statusCode).toBe(422);
    expect(notSchool.json().invalidParams).toEqual([{ name: 'toOrganisationId', code: 'not_a_school', reason: expect.stringContaining('geen school') }]);
    const same = await transfer(ib, { toOrganisationId: schoolA });
    expect(same.json().invalidParams).toEqual([expect.objectContaining({ code: 'same_school' })]);
    const notEnrolled = await transfer(ib, {});
    expect(notEnrolled.statusCode).toBe(422);
    expect(notEnrolled.json()).toMatchObject({ code: 'transfer_not_possible', invalidParams: expect.arrayContaining([{ name: 'toOrganisationId', code: 'not_enrolled', reason: expect.stringContaining('SBO De Wissel') }]) });
    // The case offers no school to go to yet.
    expect((await caseOf(ib)).transferTargets).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('enrolled at the new school, but no consent names it: 422 — record the family’s consent first — and nothing changes', async () => {
    // The pupil changes school: the old enrolment ends yesterday, the new one starts today (as the pupil imports record it).
    await t.database.db.updateTable('enrolments').set({ end_date: '2026-12-02' }).where('child_id', '=', pupil.id).where('end_date', 'is', null).execute();
    await t.database.db.insertInto('enrolments').values({ child_id: pupil.id, organisation_id: wissel, start_date: DAY }).execute();
    const targets = (await caseOf(ib)).transferTargets;
    expect(targets).toEqual([{ organisationId: wissel, name: 'SBO De Wissel', coordinators: expect.arrayContaining([{ personId: nadia.personId, name: 'Nadia Bos' }]), consentNamesIt: false }]);
    const before = await snapshot();
    const res = await transfer(ib, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().invalidParams).toEqual([{ name: 'toOrganisationId', code: 'no_consent', reason: expect.stringMatching(/Leg eerst de toestemming van het gezin vast/) }]);
    // Someone who is not the new school's care coordinator today cannot become the case manager.
    const wrongPerson = await transfer(ib, { toPersonId: acc('ib').personId! });
    expect(wrongPerson.json().invalidParams).toContainEqual(expect.objectContaining({ name: 'toPersonId', code: 'not_care_coordinator' }));
    expect(await snapshot()).toEqual(before);
  });

  it('(meanwhile the youth care worker on the team asks the school a question: it waits for the old school)', async () => {
    const asked = await jeugdhulp.post(`/api/v1/cases/${caseId}/requests`, {
      kind: 'question_to_school',
      toOrganisationId: schoolA,
      urgency: 'normal',
      question: 'Hoe gaat het met de concentratie in de klas?',
      goal: 'De hulp thuis afstemmen op de klas.',
      dataKinds: ['identity'],
    });
    expect(asked.statusCode).toBe(201);
    questionId = asked.json().id;
    expect(asked.json()).toMatchObject({ to: { id: schoolA }, status: 'sent' });
  });

  it('with the consent: the case, its plan and the open requests go to the new school; the old school’s team leaves (recorded), the others stay', async () => {
    expect((await consentFor(wissel, ['identity', 'school', 'plan', 'consents'])).statusCode).toBe(201);
    expect((await caseOf(ib)).transferTargets[0].consentNamesIt).toBe(true);
    const version = (await caseOf(ib)).version;
    const res = await transfer(ib, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ caseId, organisationId: wissel, organisationName: 'SBO De Wissel', caseManager: { personId: nadia.personId, organisationId: wissel }, requestsMoved: 2, version: version + 1 });
    const team = await t.database.db.selectFrom('case_members').select(['person_id', 'organisation_id', 'removed_at']).where('case_id', '=', caseId).execute();
    const active = team.filter((m) => m.removed_at === null).map((m) => [m.person_id, m.organisation_id]);
    expect(active).toEqual(expect.arrayContaining([[acc('jeugdhulp').personId, acc('jeugdhulp').organisationId], [nadia.personId, wissel]]));
    expect(active).toHaveLength(2);
    // The old school's members are still on record, with the moment they left.
    expect(team.filter((m) => m.organisation_id === schoolA).map((m) => m.removed_at !== null)).toEqual([true, true]);
  });

  it('the old school’s IB no longer opens the case, its plan or the referral (404, logged); the new school’s IB does', async () => {
    expect((await ib.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await ib.get(`/api/v1/plans/${planId}`)).statusCode).toBe(404);
    expect((await ib.get(`/api/v1/requests/${requestId}`)).statusCode).toBe(404);
    expect((await ib.get('/api/v1/cases')).json().items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    const denied = await t.database.db.selectFrom('access_log').select(['outcome', 'child_id', 'organisation_id']).where('event', '=', 'case.read').where('account_id', '=', acc('ib').accountId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(denied).toEqual({ outcome: 'denied', child_id: pupil.id, organisation_id: schoolA });

    const k = await caseOf(nadia.client);
    expect(k).toMatchObject({ organisationId: wissel, organisationName: 'SBO De Wissel', planId, canManage: true, caseManager: { personId: nadia.personId, organisationId: wissel, current: true } });
    expect(k.history.at(-1)).toMatchObject({
      event: 'transferred',
      detail: { fromOrganisationId: schoolA, toOrganisationId: wissel, reason: expect.stringContaining('verhuisd'), requestsMoved: 2 },
      fromName: 'OBS De Regenboog',
      toName: 'Nadia Bos (SBO De Wissel)',
    });
    // The verwijsindex registration stays with the case.
    expect(k.verwijsindex).toMatchObject({ registeredOn: DAY, reminder: false });
    expect((await nadia.client.get(`/api/v1/plans/${planId}`)).statusCode).toBe(200);
    expect((await nadia.client.get('/api/v1/cases')).json().items.map((c: { id: string }) => c.id)).toContain(caseId);
    // The youth care worker (another organisation) stays on the team and reads it as before.
    expect((await jeugdhulp.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
  });

  it('the referral the old school sent is now the new school’s: Nadia is its sender, its history says why', async () => {
    const r = (await nadia.client.get(`/api/v1/requests/${requestId}`)).json();
    expect(r).toMatchObject({ side: 'sender', from: { id: wissel, personName: 'Nadia Bos' }, status: 'accepted' });
    expect(r.history.at(-1)).toMatchObject({ action: 'case_transferred', fromStatus: 'accepted', toStatus: 'accepted' });
    expect(r.history[0]).toMatchObject({ action: 'send', organisationName: 'OBS De Regenboog' });
    // The wijkteam worker still holds it (the consent names the wijkteam in this case).
    expect((await wijkteam.get(`/api/v1/requests/${requestId}`)).json()).toMatchObject({ side: 'receiver', from: { id: wissel } });
  });

  it('the question to the old school now waits for the new school, which answers it; the old school no longer sees it', async () => {
    expect((await ib.get(`/api/v1/requests/${questionId}`)).statusCode).toBe(404);
    const q = (await nadia.client.get(`/api/v1/requests/${questionId}`)).json();
    expect(q).toMatchObject({ side: 'receiver', to: { id: wissel }, status: 'sent', can: { steps: expect.arrayContaining(['answer_question']) } });
    expect(q.history.at(-1)).toMatchObject({ action: 'case_transferred' });
    const answered = await nadia.client.post(`/api/v1/requests/${questionId}/steps`, { action: 'answer_question', text: 'Hij is net begonnen; we houden u op de hoogte.', version: q.version });
    expect(answered.json()).toMatchObject({ status: 'closed', side: 'receiver' });
  });

  it('Nadia is told in the app and by a mail with only a link', async () => {
    const inApp = (await nadia.client.get('/api/v1/notifications')).json().items;
    expect(inApp).toContainEqual(expect.objectContaining({ kind: 'case_transferred', caseId, read: false }));
    const mails = await mailsTo('n.bos@example.nl');
    expect(mails).toHaveLength(1);
    expect(mails[0].body_text).toContain(`/casussen/${caseId}`);
    for (const word of [pupil.givenName, pupil.familyName, 'Regenboog', 'verhuisd']) expect(`${mails[0].subject} ${mails[0].body_text}`).not.toContain(word);
  });

  it('a closed case does not move, and its verwijsindex is not recorded (409)', async () => {
    const k = await caseOf(nadia.client);
    const closed = await nadia.client.post(`/api/v1/cases/${caseId}/close`, { reason: 'De hulp is afgerond.', version: k.version });
    expect(closed.statusCode).toBe(200);
    const version = closed.json().version;
    expect(closed.json()).toMatchObject({ can: { transfer: false, recordVerwijsindex: false }, verwijsindex: { reminder: false, riskGrounds: [] } });
    const res = await nadia.client.post(`/api/v1/cases/${caseId}/transfer`, { toOrganisationId: schoolA, toPersonId: acc('ib').personId, reason: 'Terug.', version });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('case_closed');
    expect((await nadia.client.post(`/api/v1/cases/${caseId}/verwijsindex`, { registeredOn: DAY, version })).json().code).toBe('case_closed');
  });
});
