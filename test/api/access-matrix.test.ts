import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { today } from '../../src/kernel/time.ts';

/**
 * The access matrix: each demo role × each child endpoint → allowed or 404 (never 403: a child you
 * may not see looks exactly like one that does not exist). Run on PGlite and, with DATABASE_URL, on
 * PostgreSQL.
 */
let t: TestApp;
let pupilOfOuder: string; // a child of `ouder`, in the group of `leerkracht`
let jongereSelf: string; // the young person's own record
let livesInZeist: (childId: string) => Promise<boolean>;

beforeAll(async () => {
  t = await startTestApp();
  const ouder = t.demo.accounts.ouder;
  const leerkracht = t.demo.accounts.leerkracht;
  const day = today();
  const row = await t.database.db
    .selectFrom('child_guardians as cg')
    .innerJoin('enrolments as e', 'e.child_id', 'cg.child_id')
    .innerJoin('group_staff as gs', 'gs.group_id', 'e.group_id')
    .where('cg.guardian_id', '=', ouder.guardianId!)
    .where('cg.has_authority', '=', true)
    .where('gs.person_id', '=', leerkracht.personId!)
    .where('e.start_date', '<=', day)
    .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', day)]))
    .select('cg.child_id')
    .executeTakeFirstOrThrow();
  pupilOfOuder = row.child_id;
  jongereSelf = t.demo.accounts.jongere.childId!;
  livesInZeist = async (childId) => {
    const r = await t.database.db
      .selectFrom('child_residences as r')
      .innerJoin('gemeenten as g', 'g.id', 'r.gemeente_id')
      .where('r.child_id', '=', childId)
      .where('r.valid_from', '<=', day)
      .orderBy('r.valid_from', 'desc')
      .select('g.cbs_code')
      .executeTakeFirstOrThrow();
    return r.cbs_code === 'GM0355';
  };
});
afterAll(async () => t?.close());

/** Whether the child has an open register entry whose latest category event names this user's school. */
async function openThuiszitterOfOwnSchool(childId: string, username: string): Promise<boolean> {
  const school = t.demo.accounts[username].organisationId;
  const day = today();
  const { rows } = await sql<{ school: string | null }>`
    select (select te.school_location_id from thuiszitter_events te
             where te.thuiszitter_id = z.id and te.kind = 'category' and te.effective_on <= ${day}::date
             order by te.effective_on desc, te.id desc limit 1) as school
    from thuiszitters z
    where z.child_id = ${childId} and z.start_date <= ${day}::date
      and not exists (select 1 from thuiszitter_events e where e.thuiszitter_id = z.id and e.kind = 'end' and e.effective_on <= ${day}::date)`.execute(t.database.db);
  return rows.some((r) => r.school === school);
}

/**
 * 'residence': 200 when the child lives in the attendance officer's gemeente today.
 * 'thuiszitter': 200 when the child has an open entry in the thuiszitter register whose current
 * category names the school leader's school (domain.md §7) — in a random demo region that can
 * happen to the parent's child.
 */
type Expect = 200 | 404 | 'residence' | 'thuiszitter';
// Per role, per target child: [detail, access log, signals, plans].
const MATRIX: Record<string, { ouderChild: [Expect, Expect, Expect, Expect]; jongere: [Expect, Expect, Expect, Expect] }> = {
  beheer: { ouderChild: [404, 404, 404, 404], jongere: [404, 404, 404, 404] },
  privacy: { ouderChild: [404, 200, 404, 404], jongere: [404, 200, 404, 404] },
  leerkracht: { ouderChild: [200, 404, 200, 404], jongere: [404, 404, 404, 404] },
  mentor: { ouderChild: [404, 404, 404, 404], jongere: [200, 404, 200, 404] },
  ib: { ouderChild: [200, 404, 200, 404], jongere: [404, 404, 404, 404] },
  // The demo's young person has a case kept by her school's care coordinator: the plan through the case.
  zorgcoordinator: { ouderChild: [404, 404, 404, 404], jongere: [200, 404, 200, 200] },
  directeur: { ouderChild: ['thuiszitter', 404, 404, 404], jongere: ['thuiszitter', 404, 404, 404] },
  jeugdhulp: { ouderChild: [404, 404, 404, 404], jongere: [404, 404, 404, 404] },
  wijkteam: { ouderChild: [404, 404, 404, 404], jongere: [404, 404, 404, 404] },
  swv: { ouderChild: [404, 404, 404, 404], jongere: [404, 404, 404, 404] },
  leerplicht: { ouderChild: ['residence', 404, 404, 404], jongere: ['residence', 404, 404, 404] },
  beleid: { ouderChild: [404, 404, 404, 404], jongere: [404, 404, 404, 404] },
  ouder: { ouderChild: [200, 200, 404, 200], jongere: [404, 404, 404, 404] },
  jongere: { ouderChild: [404, 404, 404, 404], jongere: [200, 200, 404, 200] },
};
const ENDPOINTS = ['', '/access-log', '/signals', '/plans'];

describe('access matrix: demo role × child endpoint', () => {
  it('the two target children are who the matrix assumes', async () => {
    const guardiansOfJongere = await t.database.db.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', jongereSelf).execute();
    expect(guardiansOfJongere.map((g) => g.guardian_id)).not.toContain(t.demo.accounts.ouder.guardianId);
    const j = await t.database.db.selectFrom('children').select(sql<number>`date_part('year', age(${today()}::date, birth_date))`.as('age')).where('id', '=', jongereSelf).executeTakeFirstOrThrow();
    expect(Number(j.age)).toBeGreaterThanOrEqual(16);
    // T has no case in the demo. J has one, with only her school's care coordinator on the team (so
    // that she has a plan and a consent to read): no partner reaches either child through a case.
    expect(await t.database.db.selectFrom('cases').select('id').where('child_id', '=', pupilOfOuder).execute()).toEqual([]);
    const team = await t.database.db.selectFrom('case_members as m').innerJoin('cases as k', 'k.id', 'm.case_id').select('m.person_id').where('k.child_id', '=', jongereSelf).execute();
    expect(team.map((m) => m.person_id)).toEqual([t.demo.accounts.zorgcoordinator.personId]);
  });

  for (const [username, expected] of Object.entries(MATRIX)) {
    it(`${username}`, async () => {
      const c = await t.login(username);
      const resolve = async (e: Expect, child: string) =>
        e === 'residence' ? ((await livesInZeist(child)) ? 200 : 404) : e === 'thuiszitter' ? ((await openThuiszitterOfOwnSchool(child, username)) ? 200 : 404) : e;
      for (const [target, child] of [
        ['ouderChild', pupilOfOuder],
        ['jongere', jongereSelf],
      ] as const) {
        const got = [];
        for (const ep of ENDPOINTS) got.push((await c.get(`/api/v1/children/${child}${ep}`)).statusCode);
        const want = [];
        for (const e of expected[target]) want.push(await resolve(e, child));
        expect(got, `${username} → ${target}`).toEqual(want);
      }
      const list = await c.get('/api/v1/children?pageSize=100');
      expect(list.statusCode).toBe(200);
      const ids = (list.json().items as { id: string }[]).map((i) => i.id);
      // The list shows a child exactly when the detail page would.
      const detailOuderChild = (await c.get(`/api/v1/children/${pupilOfOuder}`)).statusCode;
      if (detailOuderChild === 200 && list.json().total <= 100) expect(ids).toContain(pupilOfOuder);
      if (detailOuderChild === 404) expect(ids).not.toContain(pupilOfOuder);
      if ((await c.get(`/api/v1/children/${jongereSelf}`)).statusCode === 404) expect(ids).not.toContain(jongereSelf);
    });
  }

  it('roles without a relation get an empty list, not an error', async () => {
    for (const username of ['beheer', 'privacy', 'wijkteam', 'swv', 'beleid']) {
      const res = await (await t.login(username)).get('/api/v1/children');
      expect(res.json()).toMatchObject({ items: [], total: 0 });
    }
  });

  it('the school leader sees exactly the children with an open thuiszitter entry at the own school, nobody else', async () => {
    const school = t.demo.accounts.directeur.organisationId!;
    const open = await t.database.db
      .selectFrom('thuiszitters as z')
      .select('z.child_id')
      .where(sql<boolean>`(select e.school_location_id from thuiszitter_events e where e.thuiszitter_id = z.id and e.kind = 'category' order by e.effective_on desc, e.id desc limit 1) = ${school}`)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('thuiszitter_events as e').select('e.id').whereRef('e.thuiszitter_id', '=', 'z.id').where('e.kind', '=', 'end'))))
      .execute();
    const res = (await (await t.login('directeur')).get('/api/v1/children?pageSize=100')).json();
    expect(res.items.map((c: { id: string }) => c.id).sort()).toEqual(open.map((o) => o.child_id).sort());
  });

  it('the youth care worker sees exactly the children of cases whose team she is on with a valid consent naming her organisation', async () => {
    const res = (await (await t.login('jeugdhulp')).get('/api/v1/children')).json();
    const jh = t.demo.accounts.jeugdhulp;
    const expected = await t.database.db
      .selectFrom('case_members as m')
      .innerJoin('cases as k', 'k.id', 'm.case_id')
      .innerJoin('consents as c', 'c.child_id', 'k.child_id')
      .innerJoin('consent_recipients as r', 'r.consent_id', 'c.id')
      .where('m.person_id', '=', jh.personId!)
      .where('r.organisation_id', '=', jh.organisationId!)
      .where('c.valid_until', '>=', today())
      .select('k.child_id')
      .distinct()
      .execute();
    expect(expected.length).toBeGreaterThan(0); // the demo case
    expect(res.items.map((i: { id: string }) => i.id).sort()).toEqual(expected.map((e) => e.child_id).sort());
  });

  it('the attendance officer sees exactly the children living in own gemeente', async () => {
    const c = await t.login('leerplicht');
    const res = await c.get('/api/v1/children?pageSize=1');
    const day = today();
    const expected = await t.database.db
      .selectFrom('children as c')
      .where(({ eb, selectFrom }) =>
        eb(
          selectFrom('child_residences as r')
            .innerJoin('gemeenten as g', 'g.id', 'r.gemeente_id')
            .whereRef('r.child_id', '=', 'c.id')
            .where('r.valid_from', '<=', day)
            .orderBy('r.valid_from', 'desc')
            .limit(1)
            .select('g.cbs_code'),
          '=',
          'GM0355',
        ),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(res.json().total).toBe(Number(expected.n));
    expect(Number(expected.n)).toBeGreaterThan(0);
  });

  it('a teacher sees exactly the pupils of own group; the IB all of the school', async () => {
    const teacher = (await (await t.login('leerkracht')).get('/api/v1/children?pageSize=100')).json();
    const ib = (await (await t.login('ib')).get('/api/v1/children?pageSize=100')).json();
    expect(teacher.total).toBeGreaterThan(0);
    expect(ib.total).toBeGreaterThan(teacher.total);
    const schools = new Set(teacher.items.map((i: { school: { name: string } }) => i.school.name));
    expect(schools.size).toBe(1);
    const groups = new Set(teacher.items.map((i: { school: { groupName: string } }) => i.school.groupName));
    expect(groups.size).toBe(1);
  });

  it('what each role sees of one child differs by relation: the BSN never for a teacher', async () => {
    const teacher = (await (await t.login('leerkracht')).get(`/api/v1/children/${pupilOfOuder}`)).json();
    expect(teacher.bsn).toBeUndefined();
    expect(teacher.grounds).toEqual(['group_teacher']);
    expect(teacher.guardians.length).toBeGreaterThan(0);
    const parent = (await (await t.login('ouder')).get(`/api/v1/children/${pupilOfOuder}`)).json();
    expect(parent.grounds).toEqual(['guardian_authority']);
    expect(parent.enrolments.length).toBeGreaterThan(0);
  });

  it('a malformed id is a field error, an unknown one a 404', async () => {
    const c = await t.login('ib');
    const bad = await c.get('/api/v1/children/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().invalidParams[0]).toMatchObject({ name: 'params/id', code: 'format' });
    const unknown = await c.get('/api/v1/children/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
  });
});

/**
 * The access matrix for relations that change (issue 10): each row is a relation as it is TODAY,
 * each column what a user would try — the child's page, the case, its plan, and managing the case
 * (appointing the current case manager again: 409 "already case manager" when allowed, 404 when
 * not). The first two rows are the relations that hold; the code before this issue also let every
 * other row read the child, the case or the plan, or manage the case.
 */
describe('access matrix: relations that changed', () => {
  type CaseView = 'full' | 'limited' | 404;
  interface Row {
    who: Client;
    child: string;
    caseId: string;
    expect: { child: 200 | 404; case: CaseView; plan: 200 | 404; manage: 409 | 404 };
  }
  const rows: Record<string, Row> = {};
  const PASSWORD = 'een-heel-lang-wachtwoord';
  const day = today();

  beforeAll(async () => {
    const beheer = await t.login('beheer');
    const ib = await t.login('ib');
    const jeugdhulp = await t.login('jeugdhulp');
    const jh = t.demo.accounts.jeugdhulp;
    const school = t.demo.accounts.leerkracht.organisationId!;
    const ibMs = await t.database.db.selectFrom('memberships').select(['id', 'organisation_id']).where('person_id', '=', t.demo.accounts.ib.personId!).where('ended_at', 'is', null).execute();
    const asA = ibMs.find((m) => m.organisation_id === school)!.id;
    const asB = ibMs.find((m) => m.organisation_id !== school)!.id;
    await ib.put('/api/v1/session/membership', { membershipId: asA });
    const pupils = (await ib.get('/api/v1/children?pageSize=100')).json().items as { id: string; age: number }[];
    // Children without a case yet: the demo case's child already has a consent for the youth care worker.
    const withCase = new Set((await t.database.db.selectFrom('cases').select('child_id').execute()).map((k) => k.child_id));
    const young = pupils.filter((p) => p.age < 12 && p.id !== pupilOfOuder && !withCase.has(p.id)).map((p) => p.id);
    const guardiansOf = async (child: string) => (await t.database.db.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', child).where('has_authority', '=', true).execute()).map((g) => g.guardian_id);
    const open = async (child: string) => (await ib.post('/api/v1/cases', { childId: child, title: 'Matrix' })).json().id as string;
    const caseVersion = async (k: string) => (await ib.get(`/api/v1/cases/${k}`)).json().version as number;
    const addJh = async (k: string) => ib.post(`/api/v1/cases/${k}/members`, { personId: jh.personId, organisationId: jh.organisationId, version: await caseVersion(k) });
    const consent = async (k: string, child: string) =>
      expect(
        (
          await ib.post(`/api/v1/cases/${k}/consents`, {
            purpose: 'Matrix',
            dataKinds: ['identity', 'plan'],
            recipientOrganisationIds: [jh.organisationId],
            givers: { guardianIds: (await guardiansOf(child)).slice(0, 1), childSelf: false },
            method: 'written',
            givenOn: day,
            validUntil: day,
          })
        ).statusCode,
      ).toBe(201);
    const withGuardians = [];
    for (const c of young) if ((await guardiansOf(c)).length) withGuardians.push(c);
    const [c1, c2, c3, c4, c5] = withGuardians;

    // The case manager today, and a team member with a consent of this case.
    const k1 = await open(c1);
    await addJh(k1);
    await consent(k1, c1);
    rows['case manager today'] = { who: ib, child: c1, caseId: k1, expect: { child: 200, case: 'full', plan: 200, manage: 409 } };
    rows['team member with consent of this case'] = { who: jeugdhulp, child: c1, caseId: k1, expect: { child: 200, case: 'full', plan: 200, manage: 404 } };

    // A former case manager: her membership at the school ended; she works for the wijkteam now.
    const made = await beheer.post('/api/v1/people', {
      givenName: 'Oud',
      familyName: 'Regisseur',
      username: 'oud-regisseur',
      password: PASSWORD,
      memberships: [
        { organisationId: school, role: 'intern_begeleider' },
        { organisationId: t.demo.accounts.wijkteam.organisationId, role: 'wijkteam_worker' },
      ],
    });
    const oudId = made.json().id;
    const oudMs = await t.database.db.selectFrom('memberships').select(['id', 'organisation_id']).where('person_id', '=', oudId).execute();
    const oud = await t.login('oud-regisseur', PASSWORD);
    await oud.put('/api/v1/session/membership', { membershipId: oudMs.find((m) => m.organisation_id === school)!.id });
    // She opens the case herself, as the school's intern begeleider: its case manager.
    const k2 = (await oud.post('/api/v1/cases', { childId: c2, title: 'Matrix' })).json().id as string;
    expect(k2).toBeDefined();
    await beheer.delete(`/api/v1/people/${oudId}/memberships/${oudMs.find((m) => m.organisation_id === school)!.id}?version=${made.json().version}`);
    rows['former case manager (membership ended)'] = { who: oud, child: c2, caseId: k2, expect: { child: 404, case: 404, plan: 404, manage: 404 } };

    // The same person acting for her other school.
    const ibB = await t.login('ib');
    await ibB.put('/api/v1/session/membership', { membershipId: asB });
    rows['same person, other membership'] = { who: ibB, child: c1, caseId: k1, expect: { child: 404, case: 404, plan: 404, manage: 404 } };

    // A closed case, and a consent of another (the closed) case.
    const k3 = await open(c3);
    await addJh(k3);
    await consent(k3, c3);
    const k3b = await open(c3);
    await addJh(k3b);
    await ib.post(`/api/v1/cases/${k3}/close`, { reason: 'Matrix', version: await caseVersion(k3) });
    rows['team member, case closed'] = { who: jeugdhulp, child: c3, caseId: k3, expect: { child: 404, case: 'limited', plan: 404, manage: 404 } };
    rows['consent of another case'] = { who: jeugdhulp, child: c3, caseId: k3b, expect: { child: 404, case: 'limited', plan: 404, manage: 404 } };

    // Emergency access after being taken off the team.
    const leerkracht = await t.login('leerkracht');
    const own = (await leerkracht.get('/api/v1/children?pageSize=100')).json().items.map((c: { id: string }) => c.id).find((id: string) => ![c1, c2, c3, c4, c5, pupilOfOuder].includes(id) && !withCase.has(id));
    const signal = (await leerkracht.post('/api/v1/signals', { childId: own, category: 'safety', urgency: 'urgent', observation: 'Blauwe plekken.', parentsInformed: false, parentsNotInformedReason: 'Meldcode.' })).json();
    const k4 = (await ib.post('/api/v1/cases', { childId: own, title: 'Matrix veiligheid', fromSignalId: signal.id, reason: 'Meldcode.' })).json().id;
    const added = (await addJh(k4)).json();
    expect((await jeugdhulp.post(`/api/v1/cases/${k4}/emergency-access`, { reason: 'Acuut onveilig, gegevens nodig voor de melding.' })).statusCode).toBe(201);
    await ib.delete(`/api/v1/cases/${k4}/members/${added.team.find((m: { personId: string }) => m.personId === jh.personId).id}?version=${added.version}`);
    rows['emergency access after removal from the team'] = { who: jeugdhulp, child: own, caseId: k4, expect: { child: 404, case: 404, plan: 404, manage: 404 } };
  });

  it.each([
    'case manager today',
    'team member with consent of this case',
    'former case manager (membership ended)',
    'same person, other membership',
    'team member, case closed',
    'consent of another case',
    'emergency access after removal from the team',
  ])('%s', async (name) => {
    const r = rows[name];
    const owner = await t.database.db.selectFrom('cases as k').innerJoin('plans as p', 'p.case_id', 'k.id').select(['p.id as plan', 'k.case_manager_person_id', 'k.case_manager_organisation_id', 'k.version']).where('k.id', '=', r.caseId).executeTakeFirstOrThrow();
    const child = (await r.who.get(`/api/v1/children/${r.child}`)).statusCode;
    const caseRes = await r.who.get(`/api/v1/cases/${r.caseId}`);
    const caseView: CaseView = caseRes.statusCode === 404 ? 404 : caseRes.json().limited ? 'limited' : 'full';
    const plan = (await r.who.get(`/api/v1/plans/${owner.plan}`)).statusCode;
    const current = { personId: owner.case_manager_person_id, organisationId: owner.case_manager_organisation_id };
    // The version as it is: what is tested is the relation, not a stale screen.
    const manage = (await r.who.put(`/api/v1/cases/${r.caseId}/case-manager`, { ...current, replaces: current, reason: 'Matrix.', version: owner.version })).statusCode;
    expect({ child, case: caseView, plan, manage }).toEqual(r.expect);

    // The same change based on a version that is no longer current: whoever may manage the case is
    // told it changed and sees it as it is now; anyone else gets the same 404 as before, and the
    // refusal carries nothing of the case (no `current`).
    const stale = await r.who.put(`/api/v1/cases/${r.caseId}/case-manager`, { ...current, replaces: current, reason: 'Matrix.', version: owner.version + 7 });
    if (r.expect.manage === 404) {
      expect(stale.statusCode).toBe(404);
      expect(stale.json()).not.toHaveProperty('current');
    } else {
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'stale_version', current: { id: r.caseId, version: owner.version } });
    }
  });
});
