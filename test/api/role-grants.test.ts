import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { multipart } from '../support/multipart.ts';

/**
 * The functional administrator and roles (issue 10): she cannot give herself any role; every role
 * that sees children's data is an administrative event the privacy officer sees; and where the
 * region requires it, such a role takes effect only when a second administrator approves it.
 */
let t: TestApp;
let beheer: Client;
let privacy: Client;
let school: string;
const PASSWORD = 'een-heel-lang-wachtwoord';


async function newPerson(username: string, memberships: { organisationId: string; role: string }[] = []) {
  const res = await beheer.post('/api/v1/people', { givenName: username, familyName: 'Test', username, password: PASSWORD, memberships });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const nameOf = async (personId: string) => {
  const p = await t.database.db.selectFrom('people').select(['given_name', 'family_name']).where('id', '=', personId).executeTakeFirstOrThrow();
  return `${p.given_name} ${p.family_name}`;
};
/** The version of a person as the administrator's list shows it (a role given or ended names it). */
const versionOf = async (personId: string): Promise<number> =>
  (await beheer.get(`/api/v1/people?q=${encodeURIComponent(await nameOf(personId))}&pageSize=100`)).json().items.find((p: { id: string }) => p.id === personId).version;
const addRole = async (personId: string, m: { organisationId: string; role: string }) => beheer.post(`/api/v1/people/${personId}/memberships`, { ...m, version: await versionOf(personId) });
const membershipsOf = (personId: string) => t.database.db.selectFrom('memberships').select(['organisation_id', 'role', 'ended_at']).where('person_id', '=', personId).execute();

beforeAll(async () => {
  t = await startTestApp({ children: 80 });
  beheer = await t.login('beheer');
  privacy = await t.login('privacy');
  school = t.demo.accounts.ib.organisationId!;
});
afterAll(async () => t?.close());

describe('the functional administrator and roles', () => {
  it('cannot give herself any role, not even one without child data', async () => {
    const self = t.demo.accounts.beheer.personId!;
    const before = await membershipsOf(self);
    for (const m of [
      { organisationId: school, role: 'intern_begeleider' },
      { organisationId: t.demo.accounts.privacy.organisationId!, role: 'privacy_officer' },
      { organisationId: t.demo.accounts.beleid.organisationId!, role: 'policy_analyst' },
    ]) {
      const res = await addRole(self, m);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'self_grant', invalidParams: [{ name: 'personId', code: 'self_grant' }] });
    }
    expect(await membershipsOf(self)).toEqual(before);
    // The people list offers it for others only.
    const people = (await beheer.get('/api/v1/people?pageSize=100')).json().items as { id: string; can: { addMembership: boolean } }[];
    expect(people.find((p) => p.id === self)?.can.addMembership).toBe(false);
    expect(people.filter((p) => p.id !== self).every((p) => p.can.addMembership)).toBe(true);
  });

  it('a role that sees children’s data is an administrative event the privacy officer sees; other roles are not', async () => {
    const anna = await newPerson('anna');
    expect((await addRole(anna, { organisationId: school, role: 'intern_begeleider' })).statusCode).toBe(201);
    expect((await addRole(anna, { organisationId: t.demo.accounts.beleid.organisationId!, role: 'policy_analyst' })).statusCode).toBe(201);

    const grants = (await privacy.get('/api/v1/role-grants')).json();
    const annas = grants.items.filter((g: { personId: string }) => g.personId === anna);
    expect(annas).toEqual([expect.objectContaining({ role: 'intern_begeleider', status: 'granted', requestedBy: await nameOf(t.demo.accounts.beheer.personId!), can: { decide: false } })]);
    expect(grants.can).toEqual({ approve: false });
    const events = (await privacy.get('/api/v1/access-log?event=admin.role_granted&pageSize=200')).json().items;
    expect(events.some((e: { username: string | null }) => e.username === 'beheer')).toBe(true);
    const logged = await t.database.db.selectFrom('access_log').select('detail').where('event', '=', 'admin.role_granted').execute();
    expect(logged.map((l) => l.detail)).toEqual(expect.arrayContaining([expect.objectContaining({ personId: anna, role: 'intern_begeleider', seesChildData: true })]));
    expect(logged.map((l) => l.detail)).not.toEqual(expect.arrayContaining([expect.objectContaining({ personId: anna, role: 'policy_analyst' })]));
    // Others cannot read the ledger.
    expect((await (await t.login('ib')).get('/api/v1/role-grants')).statusCode).toBe(403);
  });

  describe('when the region requires a second administrator', () => {
    let second: Client;
    let bram: string;
    let grantId: string;

    beforeAll(async () => {
      const { version } = (await beheer.get('/api/v1/settings')).json();
      expect((await beheer.put('/api/v1/settings', { values: { roleGrantApproval: 1 }, version })).statusCode).toBe(200);
      // A second functional administrator (a role without child data: no approval needed).
      await newPerson('tweede-beheerder', [{ organisationId: t.demo.accounts.beheer.organisationId!, role: 'functional_admin' }]);
      second = await t.login('tweede-beheerder', PASSWORD);
    });

    it('a role with child data waits: no membership, no access to children, until approved', async () => {
      bram = await newPerson('bram');
      const res = await addRole(bram, { organisationId: school, role: 'care_coordinator' });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toMatchObject({ status: 'pending', id: null });
      grantId = res.json().grantId;
      expect(await membershipsOf(bram)).toEqual([]);
      const bramClient = await t.login('bram', PASSWORD);
      expect((await bramClient.get('/api/v1/children')).json()).toMatchObject({ total: 0 });
      const pending = (await privacy.get('/api/v1/role-grants?status=pending')).json().items;
      expect(pending.map((g: { id: string }) => g.id)).toContain(grantId);
      expect((await privacy.get('/api/v1/access-log?event=admin.role_requested')).json().total).toBeGreaterThan(0);
    });

    it('who asked for it cannot approve it, nor can the privacy officer; a second administrator can', async () => {
      const own = await beheer.post(`/api/v1/role-grants/${grantId}/approve`);
      expect(own.statusCode).toBe(403);
      expect(own.json().code).toBe('own_request');
      expect((await beheer.get('/api/v1/role-grants?status=pending')).json().items.find((g: { id: string }) => g.id === grantId).can.decide).toBe(false);
      expect((await privacy.post(`/api/v1/role-grants/${grantId}/approve`)).statusCode).toBe(403);
      expect((await second.get('/api/v1/role-grants?status=pending')).json().items.find((g: { id: string }) => g.id === grantId).can.decide).toBe(true);
      const ok = await second.post(`/api/v1/role-grants/${grantId}/approve`);
      expect(ok.statusCode).toBe(200);
      expect(await membershipsOf(bram)).toEqual([expect.objectContaining({ organisation_id: school, role: 'care_coordinator', ended_at: null })]);
      expect((await (await t.login('bram', PASSWORD)).get('/api/v1/children')).json().total).toBeGreaterThan(0);
      expect((await second.post(`/api/v1/role-grants/${grantId}/approve`)).statusCode).toBe(409);
      const row = (await privacy.get('/api/v1/role-grants?status=granted')).json().items.find((g: { id: string }) => g.id === grantId);
      expect(row).toMatchObject({ requestedBy: await nameOf(t.demo.accounts.beheer.personId!), decidedBy: 'tweede-beheerder Test' });
    });

    it('a second administrator can reject it with a reason; nothing takes effect', async () => {
      const cem = await newPerson('cem');
      const req = await addRole(cem, { organisationId: school, role: 'teacher' });
      expect(req.statusCode).toBe(202);
      const noReason = await second.post(`/api/v1/role-grants/${req.json().grantId}/reject`, { reason: '   ' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().invalidParams[0]).toMatchObject({ name: 'reason' });
      const rejected = await second.post(`/api/v1/role-grants/${req.json().grantId}/reject`, { reason: 'Cem werkt niet op deze school.' });
      expect(rejected.statusCode).toBe(200);
      expect(await membershipsOf(cem)).toEqual([]);
    });

    it('a staff import gives roles with child data only after approval, and refuses the administrator’s own row', async () => {
      const beheerEmail = (await t.database.db.selectFrom('people').select('email').where('id', '=', t.demo.accounts.beheer.personId!).executeTakeFirstOrThrow()).email!;
      const file = (rows: string[]) => ['voornaam;achternaam;e-mail;rollen', ...rows].join('\r\n');
      const upload = (content: string) => {
        const m = multipart({ organisationId: school, fullExport: 'false' }, { name: 'medewerkers.csv', content, type: 'text/csv' });
        return beheer.request('POST', '/api/v1/staff-imports', m.payload, m.headers);
      };
      const own = await upload(file([`Beheer;Zelf;${beheerEmail};intern begeleider`]));
      expect(own.statusCode).toBe(201);
      expect(own.json().errors).toEqual([expect.objectContaining({ row: 2, column: 'roles', message: expect.stringContaining('u kunt uzelf geen rol geven') })]);

      const preview = await upload(file(['Eva;Import;eva@import.example;leerkracht', 'Finn;Import;finn@import.example;intern begeleider']));
      expect(preview.json().errors).toEqual([]);
      const commit = await beheer.post(`/api/v1/staff-imports/${preview.json().id}/commit`);
      expect(commit.statusCode).toBe(200);
      expect(commit.json()).toMatchObject({ created: 2, membershipsAdded: 0, rolesPending: 2 });
      const eva = (await t.database.db.selectFrom('people').select('id').where('email', '=', 'eva@import.example').executeTakeFirstOrThrow()).id;
      expect(await membershipsOf(eva)).toEqual([]);
      const pending = (await second.get('/api/v1/role-grants?status=pending')).json().items.filter((g: { fromImport: boolean }) => g.fromImport);
      expect(pending.map((g: { personName: string; role: string }) => `${g.personName}: ${g.role}`).sort()).toEqual(['Eva Import: teacher', 'Finn Import: intern_begeleider']);
    });

    it('a new person made with a child-data role gets it only after approval too', async () => {
      const res = await beheer.post('/api/v1/people', { givenName: 'Dewi', familyName: 'Test', memberships: [{ organisationId: school, role: 'mentor' }] });
      expect(res.statusCode).toBe(201);
      expect(res.json().pendingRoles).toEqual([expect.objectContaining({ role: 'mentor' })]);
      expect(await membershipsOf(res.json().id)).toEqual([]);
    });
  });
});
