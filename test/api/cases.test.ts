import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';

let t: TestApp;
let ib: Client;
let jeugdhulp: Client;
let wijkteam: Client;
let pupil: string; // under 12, in leerkracht's group, with guardians with authority
let guardianIds: string[];
let caseId: string;
const day = today();

beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  ib = await t.login('ib');
  jeugdhulp = await t.login('jeugdhulp');
  wijkteam = await t.login('wijkteam');
  const teacherPupils = (await (await t.login('leerkracht')).get('/api/v1/children?pageSize=100')).json().items as { id: string; age: number }[];
  pupil = teacherPupils.find((p) => p.age < 12)!.id;
  guardianIds = (await t.database.db.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', pupil).where('has_authority', '=', true).execute()).map((g) => g.guardian_id);
});
afterAll(async () => t?.close());

const jh = () => t.demo.accounts.jeugdhulp;
/** The case's version as the user's screen shows it now (sent back with a change of the case or its team). */
const versionOf = async (c: Client, id: string): Promise<number> => (await c.get(`/api/v1/cases/${id}`)).json().version;
const consent = (over: object = {}) => ({
  purpose: 'Afstemmen van de hulp thuis en op school.',
  dataKinds: ['identity', 'plan'],
  recipientOrganisationIds: [jh().organisationId],
  givers: { guardianIds: guardianIds.slice(0, 1), childSelf: false },
  method: 'written',
  givenOn: day,
  validUntil: addCalendarDays(day, 365),
  ...over,
});

describe('opening a case and the team around the child', () => {
  it('the IB opens a case from a signal; the signal becomes "case"', async () => {
    const leerkracht = await t.login('leerkracht');
    const sig = (await leerkracht.post('/api/v1/signals', { childId: pupil, category: 'home_situation', urgency: 'soon', observation: 'Vertelt over ruzies thuis.', parentsInformed: true })).json();
    const res = await ib.post('/api/v1/cases', { childId: pupil, title: 'Thuissituatie en schoolwerk', fromSignalId: sig.id, reason: 'Hulp thuis nodig naast ondersteuning op school.' });
    expect(res.statusCode).toBe(201);
    caseId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'open', limited: false, canManage: true, consentRule: { rule: 'guardians' } });
    expect((await ib.get(`/api/v1/signals/${sig.id}`)).json().status).toBe('case');
    // The teacher who raised it sees the outcome, not the case.
    expect((await leerkracht.get(`/api/v1/signals/${sig.id}`)).json().status).toBe('case');
    expect((await leerkracht.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('a teacher cannot open a case', async () => {
    expect((await (await t.login('leerkracht')).post('/api/v1/cases', { childId: pupil, title: 'x' })).statusCode).toBe(403);
  });

  it('a youth care worker on the team without consent sees only that the case exists and who the case manager is', async () => {
    expect((await ib.post(`/api/v1/cases/${caseId}/members`, { personId: jh().personId, organisationId: jh().organisationId, version: await versionOf(ib, caseId) })).statusCode).toBe(201);
    const view = (await jeugdhulp.get(`/api/v1/cases/${caseId}`)).json();
    expect(view).toMatchObject({ limited: true, title: null, caseManager: { name: expect.any(String) } });
    expect(view.child).toBeUndefined();
    // Nothing of the case file: no team, history, family or consents.
    expect(view).not.toHaveProperty('team');
    expect(view).not.toHaveProperty('history');
    expect(view).not.toHaveProperty('family');
    const list = (await jeugdhulp.get('/api/v1/cases')).json().items;
    expect(list.find((c: { id: string }) => c.id === caseId)).toMatchObject({ limited: true, child: null, title: null });
    expect((await jeugdhulp.get(`/api/v1/children/${pupil}`)).statusCode).toBe(404);
  });

  it('someone not on the team gets 404 for the case', async () => {
    expect((await wijkteam.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await (await t.login('zorgcoordinator')).get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
  });
});

describe('consent', () => {
  it('refuses an incomplete consent with what is missing: the child is under 12, the child cannot consent, a parent must', async () => {
    const res = await ib.post(`/api/v1/cases/${caseId}/consents`, consent({ givers: { guardianIds: [], childSelf: true } }));
    expect(res.statusCode).toBe(400);
    const codes = res.json().invalidParams.map((p: { code: string }) => p.code).sort();
    expect(codes).toEqual(['child_too_young', 'guardian_consent_required']);
    expect(res.json().detail).toMatch(/niet volledig/);
  });

  it('refuses a consent whose validity ends before it starts or without recipients', async () => {
    const res = await ib.post(`/api/v1/cases/${caseId}/consents`, consent({ validUntil: addCalendarDays(day, -1), recipientOrganisationIds: [] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['recipientOrganisationIds', 'validUntil']);
  });

  let consentId: string;
  it('with a consent for identity and plan, the youth care worker sees exactly that: not school data, not guardians', async () => {
    const res = await ib.post(`/api/v1/cases/${caseId}/consents`, consent());
    expect(res.statusCode).toBe(201);
    consentId = res.json().id;
    const child = await jeugdhulp.get(`/api/v1/children/${pupil}`);
    expect(child.statusCode).toBe(200);
    expect(child.json().grounds).toEqual(['case_consent']);
    expect(child.json().dataKinds.sort()).toEqual(['identity', 'plan']);
    expect(child.json().enrolments).toBeUndefined();
    expect(child.json().guardians).toBeUndefined();
    expect(child.json().bsn).toBeUndefined();
    expect(child.json().onderwijsnummer).toBeUndefined();
    // The startkwalificatie is school data: not without 'school' in the consent.
    expect(child.json().startkwalificatieOn).toBeUndefined();
    const view = (await jeugdhulp.get(`/api/v1/cases/${caseId}`)).json();
    expect(view.limited).toBe(false);
    expect(view.child.id).toBe(pupil);
    expect(view.consents).toBeUndefined(); // 'consents' not covered
    // 'guardians' not covered either: no parent's name anywhere on the case (domain.md §7), though the
    // case has parents with authority.
    expect(view.family).toMatchObject({ guardians: null });
    expect(view.consentRule).toBeUndefined();
    expect(JSON.stringify(view)).not.toMatch(/withdrawBy|guardiansWithAuthority/);
    const owners = (await ib.get(`/api/v1/cases/${caseId}`)).json();
    expect(owners.family.guardians.length).toBeGreaterThan(0);
    for (const name of owners.family.guardians) expect(JSON.stringify(view)).not.toContain(name);
    // The read is logged with the consent as its ground.
    const log = await t.database.db.selectFrom('access_log').selectAll().where('event', '=', 'child.read').where('child_id', '=', pupil).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ outcome: 'allowed', ground: 'case_consent', consent_id: consentId, account_id: jh().accountId });
  });

  it('the consent covers named organisations only: the wijkteam worker, added to the team, sees nothing', async () => {
    const wt = t.demo.accounts.wijkteam;
    expect((await ib.post(`/api/v1/cases/${caseId}/members`, { personId: wt.personId, organisationId: wt.organisationId, version: await versionOf(ib, caseId) })).statusCode).toBe(201);
    expect((await wijkteam.get(`/api/v1/children/${pupil}`)).statusCode).toBe(404);
    expect((await wijkteam.get(`/api/v1/cases/${caseId}`)).json().limited).toBe(true);
  });

  it('the case owner sees the consents with who gave them', async () => {
    const view = (await ib.get(`/api/v1/cases/${caseId}`)).json();
    expect(view.consents[0]).toMatchObject({ id: consentId, status: 'valid', ageRule: 'guardians', dataKinds: ['identity', 'plan'], givenBy: [{ child: false, name: expect.any(String) }] });
    expect(view.history.map((h: { event: string }) => h.event)).toEqual(['opened', 'member_added', 'consent_recorded', 'member_added']);
  });

  it('withdrawal mid-case stops access at once; what happened before stays on record', async () => {
    const before = await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).where('consent_id', '=', consentId).executeTakeFirstOrThrow();
    expect(Number(before.n)).toBeGreaterThan(0);
    const res = await ib.post(`/api/v1/consents/${consentId}/withdraw`, { byGuardianId: guardianIds[0], method: 'written', reason: 'Ouder wil eerst zelf met de jeugdhulp praten.' });
    expect(res.statusCode).toBe(200);
    expect((await jeugdhulp.get(`/api/v1/children/${pupil}`)).statusCode).toBe(404);
    expect((await jeugdhulp.get(`/api/v1/cases/${caseId}`)).json().limited).toBe(true);
    const after = await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).where('consent_id', '=', consentId).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const view = (await ib.get(`/api/v1/cases/${caseId}`)).json();
    expect(view.consents[0]).toMatchObject({ status: 'withdrawn', withdrawnOn: day });
    expect((await ib.post(`/api/v1/consents/${consentId}/withdraw`, { byChild: true })).statusCode).toBe(409);
    // Consents themselves are never edited.
    await expect(sql`update consents set valid_until = '2099-01-01' where id = ${consentId}`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('an expired consent gives no access', async () => {
    const res = await ib.post(`/api/v1/cases/${caseId}/consents`, consent({ givenOn: addCalendarDays(day, -400), validUntil: addCalendarDays(day, -1) }));
    expect(res.statusCode).toBe(201);
    expect((await jeugdhulp.get(`/api/v1/children/${pupil}`)).statusCode).toBe(404);
  });
});

describe('the age rule through the API', () => {
  it('16+: the young person consents alone; parents in their place are refused', async () => {
    const zoco = await t.login('zorgcoordinator');
    const jongere = t.demo.accounts.jongere.childId!;
    const k = await zoco.post('/api/v1/cases', { childId: jongere, title: 'Schoolverzuim en somberheid' });
    expect(k.statusCode).toBe(201);
    expect(k.json().consentRule.rule).toBe('child');
    const parents = (await t.database.db.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', jongere).where('has_authority', '=', true).execute()).map((g) => g.guardian_id);
    const byParents = await zoco.post(`/api/v1/cases/${k.json().id}/consents`, consent({ givers: { guardianIds: parents.slice(0, 1), childSelf: false } }));
    expect(byParents.statusCode).toBe(400);
    expect(byParents.json().invalidParams.map((p: { code: string }) => p.code).sort()).toEqual(['child_consent_required', 'guardians_not_needed']);
    const bySelf = await zoco.post(`/api/v1/cases/${k.json().id}/consents`, consent({ givers: { guardianIds: [], childSelf: true } }));
    expect(bySelf.statusCode).toBe(201);
    expect(bySelf.json().ageRule).toBe('child');
  });
});

describe('emergency access (Meldcode)', () => {
  it('exists only on the safety route, needs a reason, and is logged', async () => {
    // Not a safety case: refused.
    expect((await jeugdhulp.post(`/api/v1/cases/${caseId}/emergency-access`, { reason: 'Ik wil even kijken hoe het gaat met het kind.' })).statusCode).toBe(409);
    const leerkracht = await t.login('leerkracht');
    const safety = (
      await leerkracht.post('/api/v1/signals', { childId: pupil, category: 'safety', urgency: 'urgent', observation: 'Blauwe plekken op de armen.', parentsInformed: false, parentsNotInformedReason: 'Meldcode stap 2 eerst.' })
    ).json();
    const k = (await ib.post('/api/v1/cases', { childId: pupil, title: 'Veiligheid', fromSignalId: safety.id, reason: 'Meldcode: overleg met Veilig Thuis nodig.' })).json();
    expect(k.safetyRoute).toBe(true);
    expect((await ib.post(`/api/v1/cases/${k.id}/members`, { personId: jh().personId, organisationId: jh().organisationId, version: k.version })).statusCode).toBe(201);
    expect((await jeugdhulp.get(`/api/v1/children/${pupil}`)).statusCode).toBe(404);
    expect((await jeugdhulp.post(`/api/v1/cases/${k.id}/emergency-access`, { reason: 'kort' })).statusCode).toBe(400);
    const granted = await jeugdhulp.post(`/api/v1/cases/${k.id}/emergency-access`, { reason: 'Acuut onveilig: overleg met Veilig Thuis vandaag, gegevens nodig voor de melding.' });
    expect(granted.statusCode).toBe(201);
    const child = await jeugdhulp.get(`/api/v1/children/${pupil}`);
    expect(child.statusCode).toBe(200);
    expect(child.json().grounds).toContain('emergency_meldcode');
    const log = await t.database.db.selectFrom('access_log').selectAll().where('event', '=', 'case.emergency_access').where('outcome', '=', 'allowed').executeTakeFirstOrThrow();
    expect(log.detail).toMatchObject({ reason: expect.stringContaining('Veilig Thuis') });
    // A non-member cannot use it.
    expect((await wijkteam.post(`/api/v1/cases/${k.id}/emergency-access`, { reason: 'Ik wil ook graag even meekijken in dit dossier.' })).statusCode).toBe(404);
  });
});

describe('cases due for evaluation', () => {
  it('lists open cases whose evaluation date is near', async () => {
    await sql`update cases set next_evaluation_on = ${addCalendarDays(day, 3)}::date where id = ${caseId}`.execute(t.database.db);
    const due = (await ib.get('/api/v1/cases?dueForEvaluation=true')).json().items;
    expect(due.map((c: { id: string }) => c.id)).toContain(caseId);
    const open = (await ib.get('/api/v1/cases?status=open')).json().items;
    expect(open.length).toBeGreaterThanOrEqual(due.length);
  });
});

describe('siblings as one family', () => {
  it('links the cases of two children who share a parent; refuses children who do not', async () => {
    const ibOrg = (await ib.get('/api/v1/session')).json().memberships[0].organisationId;
    const rows = await t.database.db
      .selectFrom('child_guardians as a')
      .innerJoin('child_guardians as b', 'b.guardian_id', 'a.guardian_id')
      .innerJoin('enrolments as ea', 'ea.child_id', 'a.child_id')
      .innerJoin('enrolments as eb', 'eb.child_id', 'b.child_id')
      .where('ea.organisation_id', '=', ibOrg)
      .where('eb.organisation_id', '=', ibOrg)
      .where('ea.end_date', 'is', null)
      .where('eb.end_date', 'is', null)
      .whereRef('a.child_id', '<', 'b.child_id')
      .select(['a.child_id as x', 'b.child_id as y'])
      .executeTakeFirstOrThrow();
    const kx = (await ib.post('/api/v1/cases', { childId: rows.x, title: 'Gezin: oudste' })).json();
    const ky = (await ib.post('/api/v1/cases', { childId: rows.y, title: 'Gezin: jongste' })).json();
    const linked = await ib.post(`/api/v1/cases/${kx.id}/siblings`, { caseId: ky.id, version: kx.version });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().siblings).toEqual([expect.objectContaining({ caseId: ky.id, childName: expect.any(String) })]);
    // Linking changed the other child's case too: that use is in the log, for that child.
    const link = await t.database.db.selectFrom('access_log').select(['child_id', 'ground', 'outcome']).where('event', '=', 'case.family.link').where('child_id', '=', rows.y).execute();
    expect(link).toEqual([{ child_id: rows.y, ground: 'case_owner', outcome: 'allowed' }]);
    // Reading the case again shows the sibling's name: that look is the sibling's, and in the log.
    const ibAccount = t.demo.accounts.ib.accountId;
    const before = await t.database.db.selectFrom('access_log').select(['seq']).where('account_id', '=', ibAccount).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect((await ib.get(`/api/v1/cases/${kx.id}`)).json().siblings[0]).toEqual({ caseId: ky.id, status: 'open', childName: expect.any(String), canOpen: true });
    const looks = await t.database.db.selectFrom('access_log').select(['event', 'child_id', 'ground', 'outcome', 'detail']).where('account_id', '=', ibAccount).where('seq', '>', before.seq).orderBy('seq').execute();
    expect(looks).toEqual([
      expect.objectContaining({ event: 'case.read', child_id: rows.x, outcome: 'allowed' }),
      expect.objectContaining({ event: 'case.sibling.view', child_id: rows.y, outcome: 'allowed', ground: 'school_care', detail: { caseId: ky.id, fromCaseId: kx.id, kind: 'identity' } }),
    ]);
    expect(linked.json().family.guardians.length).toBeGreaterThan(0);
    expect(linked.json().version).toBe(kx.version + 1);
    // The other case changed too: its version went up.
    expect(await versionOf(ib, ky.id)).toBe(ky.version + 1);
    // A child who shares no parent with them is refused.
    const strangerChild = await t.database.db
      .selectFrom('enrolments as e')
      .where('e.organisation_id', '=', ibOrg)
      .where('e.end_date', 'is', null)
      .where('e.child_id', 'not in', (eb) =>
        eb.selectFrom('child_guardians as a').innerJoin('child_guardians as b', 'b.guardian_id', 'a.guardian_id').where('b.child_id', '=', rows.x).select('a.child_id'),
      )
      .select('e.child_id')
      .executeTakeFirstOrThrow();
    const kz = (await ib.post('/api/v1/cases', { childId: strangerChild.child_id, title: 'Ander gezin' })).json();
    const refused = await ib.post(`/api/v1/cases/${kx.id}/siblings`, { caseId: kz.id, version: linked.json().version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams[0].code).toBe('not_siblings');
  });
});

describe('case details for the screens', () => {
  it('the signal that became a case links to it for the coordinator only; cases filter by child', async () => {
    const sig = await t.database.db.selectFrom('cases').select(['id', 'opened_from_signal_id', 'child_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect((await ib.get(`/api/v1/signals/${sig.opened_from_signal_id}`)).json().caseId).toBe(caseId);
    expect((await (await t.login('leerkracht')).get(`/api/v1/signals/${sig.opened_from_signal_id}`)).json().caseId).toBeNull();
    const forChild = (await ib.get(`/api/v1/cases?childId=${sig.child_id}`)).json().items;
    expect(forChild.length).toBeGreaterThan(0);
    expect(forChild.every((c: { child: { id: string } }) => c.child.id === sig.child_id)).toBe(true);
  });
  it('a limited view still says whether the case is on the safety route', async () => {
    const view = (await wijkteam.get(`/api/v1/cases?status=open`)).json().items.find((c: { limited: boolean }) => c.limited);
    const detail = (await wijkteam.get(`/api/v1/cases/${view.id}`)).json();
    expect(detail).toMatchObject({ limited: true, safetyRoute: expect.any(Boolean) });
  });
});

describe('the BSN is never shared under consent (SWVs may not use it)', () => {
  it('a consent naming "bsn" as a data kind is refused', async () => {
    const swv = t.demo.accounts.swv;
    const res = await ib.post(`/api/v1/cases/${caseId}/consents`, consent({ dataKinds: ['identity', 'bsn'], recipientOrganisationIds: [swv.organisationId] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams[0].name).toMatch(/^dataKinds/);
  });
  it('even with a consent covering identity, an SWV consultant on the team does not see the BSN', async () => {
    const swv = t.demo.accounts.swv;
    const swvClient = await t.login('swv');
    expect((await ib.post(`/api/v1/cases/${caseId}/members`, { personId: swv.personId, organisationId: swv.organisationId, version: await versionOf(ib, caseId) })).statusCode).toBe(201);
    expect((await ib.post(`/api/v1/cases/${caseId}/consents`, consent({ dataKinds: ['identity', 'school'], recipientOrganisationIds: [swv.organisationId] }))).statusCode).toBe(201);
    const child = await swvClient.get(`/api/v1/children/${pupil}`);
    expect(child.statusCode).toBe(200);
    expect(child.json().bsn).toBeUndefined();
    expect(child.json().onderwijsnummer).toBeUndefined();
    expect(child.json().dataKinds).not.toContain('bsn');
    // 'school' is covered: the school data is there.
    expect(child.json()).toHaveProperty('startkwalificatieOn');
  });
});

describe('no lost update: a change of the case or its team names the version it was based on', () => {
  let k: { id: string; version: number };
  const wt = () => t.demo.accounts.wijkteam;
  const members = async (id: string) => (await t.database.db.selectFrom('case_members').select(['person_id', 'removed_at']).where('case_id', '=', id).execute()).filter((m) => m.removed_at === null).map((m) => m.person_id);
  beforeAll(async () => {
    k = (await ib.post('/api/v1/cases', { childId: pupil, title: 'Twee tabbladen' })).json();
  });

  it('two tabs add a team member on the same version: the first is added, the second gets 409 with the case as it is now', async () => {
    const tab2 = await t.login('ib');
    const first = await ib.post(`/api/v1/cases/${k.id}/members`, { personId: jh().personId, organisationId: jh().organisationId, version: k.version });
    expect(first.statusCode).toBe(201);
    expect(first.json().version).toBe(k.version + 1);
    const second = await tab2.post(`/api/v1/cases/${k.id}/members`, { personId: wt().personId, organisationId: wt().organisationId, version: k.version });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.json()).toMatchObject({ code: 'stale_version', current: { id: k.id, version: k.version + 1 } });
    expect(second.json().current.team.map((m: { personId: string }) => m.personId)).toContain(jh().personId);
    expect(second.json().current.team.map((m: { personId: string }) => m.personId)).not.toContain(wt().personId);
    // Nothing of the second was written: no team row, no history line.
    expect(await members(k.id)).not.toContain(wt().personId);
    const history = (await ib.get(`/api/v1/cases/${k.id}`)).json().history.map((h: { event: string }) => h.event);
    expect(history).toEqual(['opened', 'member_added']);
    k.version += 1;
  });

  it('two additions sent at once: exactly one applies', async () => {
    const tab2 = await t.login('ib');
    const sw = t.demo.accounts.swv;
    const answers = await Promise.all([
      ib.post(`/api/v1/cases/${k.id}/members`, { personId: wt().personId, organisationId: wt().organisationId, version: k.version }),
      tab2.post(`/api/v1/cases/${k.id}/members`, { personId: sw.personId, organisationId: sw.organisationId, version: k.version }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const lost = answers.find((a) => a.statusCode === 409)!.json();
    expect(lost.code).toBe('stale_version');
    expect(lost.current.version).toBe(k.version + 1);
    const team = await members(k.id);
    expect([team.includes(wt().personId!), team.includes(sw.personId!)].filter(Boolean)).toHaveLength(1);
    k.version += 1;
  });

  it('taking someone off the team names the version in the query; a stale one is refused and the member stays', async () => {
    const view = (await ib.get(`/api/v1/cases/${k.id}`)).json();
    const member = view.team.find((m: { personId: string }) => m.personId === jh().personId);
    expect((await ib.delete(`/api/v1/cases/${k.id}/members/${member.id}`)).statusCode).toBe(400);
    // A tab that still shows the case as it was before the last change.
    const stale = await ib.delete(`/api/v1/cases/${k.id}/members/${member.id}?version=${view.version - 1}`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { version: view.version } });
    expect(await members(k.id)).toContain(jh().personId);
    const removed = await ib.delete(`/api/v1/cases/${k.id}/members/${member.id}?version=${view.version}`);
    expect(removed.statusCode).toBe(204);
    expect(await members(k.id)).not.toContain(jh().personId);
    expect(await versionOf(ib, k.id)).toBe(view.version + 1);
    k.version = view.version + 1;
  });

  it('appointing a case manager on a stale version is a 409 with the case; `replaces` is still checked too', async () => {
    const view = (await ib.get(`/api/v1/cases/${k.id}`)).json();
    const me = { personId: view.caseManager.personId, organisationId: view.caseManager.organisationId };
    // Add the youth care worker again, then appoint them (a second tab still shows the old version).
    const added = await ib.post(`/api/v1/cases/${k.id}/members`, { personId: jh().personId, organisationId: jh().organisationId, version: view.version });
    expect(added.statusCode).toBe(201);
    const jhAt = { personId: jh().personId!, organisationId: jh().organisationId! };
    const stale = await ib.put(`/api/v1/cases/${k.id}/case-manager`, { ...jhAt, replaces: me, reason: 'Jeugdhulp neemt de regie.', version: view.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { version: view.version + 1, caseManager: me } });
    const appointed = await ib.put(`/api/v1/cases/${k.id}/case-manager`, { ...jhAt, replaces: me, reason: 'Jeugdhulp neemt de regie.', version: view.version + 1 });
    expect(appointed.statusCode).toBe(200);
    expect(appointed.json()).toEqual({ caseId: k.id, caseManager: jhAt, version: view.version + 2 });
    // The version is current, but the case manager the user saw is not: the existing check answers.
    const wrongReplaces = await ib.put(`/api/v1/cases/${k.id}/case-manager`, { ...me, replaces: me, reason: 'Terug naar school.', version: view.version + 2 });
    expect(wrongReplaces.statusCode).toBe(409);
    expect(wrongReplaces.json().code).toBe('stale');
    k.version = view.version + 2;
  });

  it('two tabs close the case at once: exactly one closes it, the other gets 409 with the closed case', async () => {
    const tab2 = await t.login('ib');
    const answers = await Promise.all([
      ib.post(`/api/v1/cases/${k.id}/close`, { reason: 'Afgerond in tab 1.', version: k.version }),
      tab2.post(`/api/v1/cases/${k.id}/close`, { reason: 'Afgerond in tab 2.', version: k.version }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const won = answers.find((a) => a.statusCode === 200)!.json();
    const lost = answers.find((a) => a.statusCode === 409)!.json();
    expect(won).toMatchObject({ status: 'closed', version: k.version + 1 });
    expect(lost).toMatchObject({ code: 'stale_version', current: { status: 'closed', version: k.version + 1 } });
    const closings = won.history.filter((h: { event: string }) => h.event === 'closed');
    expect(closings).toHaveLength(1);
  });

  it('linking a sibling on a stale version writes nothing', async () => {
    const a = (await ib.post('/api/v1/cases', { childId: pupil, title: 'Koppelen, oude stand' })).json();
    await ib.post(`/api/v1/cases/${a.id}/members`, { personId: jh().personId, organisationId: jh().organisationId, version: a.version });
    const res = await ib.post(`/api/v1/cases/${a.id}/siblings`, { caseId: k.id, version: a.version });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'stale_version', current: { id: a.id, version: a.version + 1 } });
    const rows = await t.database.db.selectFrom('cases').select(['id', 'family_id']).where('id', 'in', [a.id, k.id]).execute();
    expect(rows.every((r) => r.family_id === null)).toBe(true);
  });
});

/**
 * Every refusal goes through the one door (src/kernel/policy/gateway.ts): it leaves exactly one
 * 'denied' entry naming the child (none when the subject does not exist) and writes nothing else;
 * every ground in the log is the policy's.
 */
describe('refusals and grounds through the gateway', () => {
  let k: { id: string; version: number; planId: string };
  const MISSING = '00000000-0000-4000-8000-00000000beef';
  /** The newest entry's number now: what an action logs comes after it. */
  const mark = async () => (await t.database.db.selectFrom('access_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).seq;
  const entriesSince = async (seq: number, accountId: string | null | undefined) =>
    t.database.db.selectFrom('access_log').select(['event', 'outcome', 'child_id', 'ground', 'consent_id', 'detail']).where('seq', '>', seq).where('account_id', '=', accountId!).orderBy('seq').execute();
  const caseState = async (id: string) => ({
    k: await t.database.db.selectFrom('cases').select(['status', 'version', 'case_manager_person_id']).where('id', '=', id).executeTakeFirstOrThrow(),
    events: (await t.database.db.selectFrom('case_events').select('event').where('case_id', '=', id).execute()).length,
    members: (await t.database.db.selectFrom('case_members').select('id').where('case_id', '=', id).execute()).length,
  });

  beforeAll(async () => {
    k = (await ib.post('/api/v1/cases', { childId: pupil, title: 'Deur' })).json();
    expect((await ib.post(`/api/v1/cases/${k.id}/members`, { personId: jh().personId, organisationId: jh().organisationId, version: k.version })).statusCode).toBe(201);
    k.version += 1;
  });

  it('a team member who does not keep the case cannot change it: one denied entry with the child, nothing written', async () => {
    const before = await caseState(k.id);
    const seq = await mark();
    expect((await jeugdhulp.post(`/api/v1/cases/${k.id}/close`, { reason: 'Niet aan mij.', version: k.version })).statusCode).toBe(404);
    expect(await entriesSince(seq, jh().accountId)).toEqual([{ event: 'case.close', outcome: 'denied', child_id: pupil, ground: null, consent_id: null, detail: { caseId: k.id } }]);
    const wt = t.demo.accounts.wijkteam;
    const seq2 = await mark();
    expect((await jeugdhulp.post(`/api/v1/cases/${k.id}/members`, { personId: wt.personId, organisationId: wt.organisationId, version: k.version })).statusCode).toBe(404);
    expect(await entriesSince(seq2, jh().accountId)).toEqual([{ event: 'case.member.add', outcome: 'denied', child_id: pupil, ground: null, consent_id: null, detail: { caseId: k.id } }]);
    expect(await caseState(k.id)).toEqual(before);
  });

  it('a case that does not exist: the refusal is logged without a child', async () => {
    const seq = await mark();
    expect((await ib.post(`/api/v1/cases/${MISSING}/close`, { reason: 'Bestaat niet.', version: 1 })).statusCode).toBe(404);
    expect(await entriesSince(seq, t.demo.accounts.ib.accountId)).toEqual([{ event: 'case.close', outcome: 'denied', child_id: null, ground: null, consent_id: null, detail: { caseId: MISSING } }]);
  });

  it('the case owner changes the case: one allowed entry on the policy’s ground', async () => {
    const seq = await mark();
    const res = await ib.post(`/api/v1/cases/${k.id}/notes`, { text: 'Alleen voor de school.' });
    expect(res.statusCode).toBe(201);
    const wt = t.demo.accounts.wijkteam;
    expect((await ib.post(`/api/v1/cases/${k.id}/members`, { personId: wt.personId, organisationId: wt.organisationId, version: k.version })).statusCode).toBe(201);
    k.version += 1;
    const entries = (await entriesSince(seq, t.demo.accounts.ib.accountId)).filter((e) => e.event === 'case.member.add');
    expect(entries).toEqual([{ event: 'case.member.add', outcome: 'allowed', child_id: pupil, ground: 'case_owner', consent_id: null, detail: { caseId: k.id } }]);
  });

  it('reading and listing the case without a consent: the entry says limited, on the policy’s ground', async () => {
    const seq = await mark();
    expect((await jeugdhulp.get(`/api/v1/cases/${k.id}`)).json().limited).toBe(true);
    expect((await jeugdhulp.get('/api/v1/cases')).json().items.find((c: { id: string }) => c.id === k.id)).toMatchObject({ limited: true });
    const entries = (await entriesSince(seq, jh().accountId)).filter((e) => (e.detail as { caseId?: string }).caseId === k.id);
    expect(entries).toEqual([
      { event: 'case.read', outcome: 'allowed', child_id: pupil, ground: 'case_team_no_consent', consent_id: null, detail: { caseId: k.id, limited: true } },
      { event: 'case.list', outcome: 'allowed', child_id: pupil, ground: 'case_team_no_consent', consent_id: null, detail: { caseId: k.id, limited: true } },
    ]);
    const seq2 = await mark();
    expect((await wijkteam.get(`/api/v1/cases/${MISSING}`)).statusCode).toBe(404);
    expect(await entriesSince(seq2, t.demo.accounts.wijkteam.accountId)).toEqual([{ event: 'case.read', outcome: 'denied', child_id: null, ground: null, consent_id: null, detail: { caseId: MISSING } }]);
  });

  it('emergency access off the safety route or on a closed case: 409 and one denied entry saying why; a non-member: 404 without why', async () => {
    const seq = await mark();
    const refused = await jeugdhulp.post(`/api/v1/cases/${k.id}/emergency-access`, { reason: 'Ik wil graag meekijken in het dossier.' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('not_safety_route');
    expect(await entriesSince(seq, jh().accountId)).toEqual([{ event: 'case.emergency_access', outcome: 'denied', child_id: pupil, ground: null, consent_id: null, detail: { caseId: k.id, why: 'not_safety_route' } }]);

    const mentor = t.demo.accounts.mentor;
    const mentorClient = await t.login('mentor');
    const seq2 = await mark();
    expect((await mentorClient.post(`/api/v1/cases/${k.id}/emergency-access`, { reason: 'Ik wil graag meekijken in het dossier.' })).statusCode).toBe(404);
    expect(await entriesSince(seq2, mentor.accountId)).toEqual([{ event: 'case.emergency_access', outcome: 'denied', child_id: pupil, ground: null, consent_id: null, detail: { caseId: k.id } }]);

    const closing = await ib.post(`/api/v1/cases/${k.id}/close`, { reason: 'Afgerond.', version: k.version });
    expect(closing.statusCode).toBe(200);
    k.version += 1;
    const seq3 = await mark();
    const closed = await jeugdhulp.post(`/api/v1/cases/${k.id}/emergency-access`, { reason: 'Ik wil graag meekijken in het dossier.' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('case_closed');
    expect(await entriesSince(seq3, jh().accountId)).toEqual([{ event: 'case.emergency_access', outcome: 'denied', child_id: pupil, ground: null, consent_id: null, detail: { caseId: k.id, why: 'case_closed' } }]);
    expect(await t.database.db.selectFrom('emergency_accesses').select('id').where('case_id', '=', k.id).execute()).toEqual([]);
  });

  it('withdrawing a consent: a team member who does not keep the case, or a consent that does not exist, is one denied entry; nothing written', async () => {
    const c = (await ib.post(`/api/v1/cases/${caseId}/consents`, consent())).json().id as string;
    const seq = await mark();
    expect((await jeugdhulp.post(`/api/v1/consents/${c}/withdraw`, { byGuardianId: guardianIds[0], method: 'verbal' })).statusCode).toBe(404);
    expect(await entriesSince(seq, jh().accountId)).toEqual([{ event: 'consent.withdraw', outcome: 'denied', child_id: pupil, ground: null, consent_id: null, detail: { consentId: c, caseId } }]);
    const seq2 = await mark();
    expect((await ib.post(`/api/v1/consents/${MISSING}/withdraw`, { byGuardianId: guardianIds[0], method: 'verbal' })).statusCode).toBe(404);
    expect(await entriesSince(seq2, t.demo.accounts.ib.accountId)).toEqual([{ event: 'consent.withdraw', outcome: 'denied', child_id: null, ground: null, consent_id: null, detail: { consentId: MISSING } }]);
    const ouder = await t.login('ouder'); // not a parent of this child
    const seq3 = await mark();
    expect((await ouder.post(`/api/v1/consents/${c}/withdraw`, {})).statusCode).toBe(404);
    expect(await entriesSince(seq3, t.demo.accounts.ouder.accountId)).toEqual([{ event: 'consent.withdraw', outcome: 'denied', child_id: pupil, ground: null, consent_id: null, detail: { consentId: c } }]);
    expect(await t.database.db.selectFrom('consent_withdrawals').select('consent_id').where('consent_id', '=', c).execute()).toEqual([]);

    const seq4 = await mark();
    expect((await ib.post(`/api/v1/consents/${c}/withdraw`, { byGuardianId: guardianIds[0], method: 'verbal' })).statusCode).toBe(200);
    expect(await entriesSince(seq4, t.demo.accounts.ib.accountId)).toEqual([{ event: 'consent.withdraw', outcome: 'allowed', child_id: pupil, ground: 'case_owner', consent_id: null, detail: { consentId: c, caseId } }]);
  });
});
