import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type Client, type TestApp } from '../support/test-app.ts';
import { multipart } from '../support/multipart.ts';
import { schoolYearOf } from '../../src/kernel/calendar/school-year.ts';
import { today } from '../../src/kernel/time.ts';
import { invitationToken } from '../../src/modules/staff/invitation-link.ts';
import { createRegion } from '../../src/cli/create-region.ts';

let t: TestApp;
let admin: Client;
let school: string;
let wijkteam: string;

const upload = (c: Client, content: string | Buffer, opts: { org?: string; fullExport?: boolean; name?: string } = {}) => {
  const m = multipart({ organisationId: opts.org ?? school, fullExport: opts.fullExport ? 'true' : 'false' }, { name: opts.name ?? 'medewerkers.csv', content });
  return c.request('POST', '/api/v1/staff-imports', m.payload, m.headers);
};
const n = async (table: 'people' | 'memberships' | 'accounts' | 'invitations' | 'mail_outbox' | 'school_groups' | 'group_staff' | 'leaver_candidates') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const counts = async () => ({
  people: await n('people'),
  memberships: await n('memberships'),
  accounts: await n('accounts'),
  invitations: await n('invitations'),
  mail: await n('mail_outbox'),
  groups: await n('school_groups'),
  groupStaff: await n('group_staff'),
});
const personByEmail = (email: string) => t.database.db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();

beforeAll(async () => {
  t = await startTestApp({ children: 80 });
  admin = await t.login('beheer');
  const zeist = (await admin.get('/api/v1/gemeenten')).json().items.find((g: { name: string }) => g.name === 'Zeist');
  const res = await admin.post('/api/v1/organisations', { kind: 'school_location', name: 'IKC De Import', brin: '97ZZ', vestiging: '00', schoolType: 'po', gemeenteId: zeist.id });
  expect(res.statusCode).toBe(201);
  school = res.json().id;
  wijkteam = (await admin.get('/api/v1/organisations?kind=wijkteam')).json().items[0].id;
});
afterAll(async () => t?.close());

const GOOD = [
  'voornaam;tussenvoegsel;achternaam;e-mail;rollen;lesgroepen;mentorgroepen',
  'Anna;van der;Berg;Anna.vanderBerg@ikc-import.nl;leerkracht;5A, 5B;',
  'Bram;;Claassen;b.claassen@ikc-import.nl;Intern begeleider; ;',
  'Chris;de;Jong;c.dejong@ikc-import.nl;leerkracht, mentor;6A;6A',
].join('\r\n');

describe('staff import: preview, commit all or nothing, idempotent', () => {
  it('a non-administrator gets 403 on every import endpoint', async () => {
    const teacher = await t.login('leerkracht');
    expect((await upload(teacher, '\uFEFF' + GOOD)).statusCode).toBe(403);
    expect((await teacher.post('/api/v1/staff-imports/00000000-0000-4000-8000-000000000000/commit')).statusCode).toBe(403);
    expect((await teacher.get('/api/v1/staff-leavers')).statusCode).toBe(403);
    expect((await teacher.post('/api/v1/staff-leavers/00000000-0000-4000-8000-000000000000/confirm', { endDate: today() })).statusCode).toBe(403);
    expect((await teacher.get('/api/v1/outbox')).statusCode).toBe(403);
    expect((await teacher.post('/api/v1/people/00000000-0000-4000-8000-000000000000/invitation')).statusCode).toBe(403);
  });

  let firstId: string;
  it('the preview (CSV with ";" and a BOM) says per row what happens and writes nothing', async () => {
    const before = await counts();
    const res = await upload(admin, '\uFEFF' + GOOD);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.format).toBe('generiek');
    expect(p.fileType).toBe('csv');
    expect(p.errors).toEqual([]);
    expect(p.summary).toMatchObject({ new: 3, update: 0, unchanged: 0, invitations: 3 });
    expect(p.rows[0]).toMatchObject({ row: 2, status: 'new', email: 'anna.vanderberg@ikc-import.nl', givenName: 'Anna', familyName: 'van der Berg', roles: ['teacher'], taught: ['5A', '5B'] });
    expect(p.rows[2]).toMatchObject({ roles: ['teacher', 'mentor'], taught: ['6A'], mentored: ['6A'] });
    expect(await counts()).toEqual(before);
    firstId = p.id;
  });

  it('commit writes people, memberships, groups of this school year, accounts and an invitation with its e-mail per new account', async () => {
    const before = await counts();
    const res = await admin.post(`/api/v1/staff-imports/${firstId}/commit`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 3, updated: 0, unchanged: 0, invitations: 3, membershipsAdded: 4, groupsCreated: 3 });
    const after = await counts();
    expect(after).toEqual({ ...before, people: before.people + 3, memberships: before.memberships + 4, accounts: before.accounts + 3, invitations: before.invitations + 3, mail: before.mail + 3, groups: before.groups + 3, groupStaff: before.groupStaff + 4 });
    const anna = (await personByEmail('anna.vanderberg@ikc-import.nl'))!;
    expect(anna).toMatchObject({ given_name: 'Anna', family_name: 'van der Berg' });
    const account = await t.database.db.selectFrom('accounts').selectAll().where('person_id', '=', anna.id).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ username: 'anna.vanderberg@ikc-import.nl', password_hash: null, kind: 'professional', disabled_at: null });
    const groups = await t.database.db.selectFrom('school_groups').select(['name', 'school_year']).where('organisation_id', '=', school).orderBy('name').execute();
    expect(groups).toEqual(['5A', '5B', '6A'].map((name) => ({ name, school_year: schoolYearOf(today()) })));
    const mail = await t.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'anna.vanderberg@ikc-import.nl').execute();
    expect(mail).toHaveLength(1);
    // The stored e-mail has a placeholder where the link goes; the link is made when it is sent.
    expect(mail[0].body_text).toContain('{{invitation_link}}');
    expect(mail[0].invitation_id).toEqual(expect.any(String));
    const log = await t.database.db.selectFrom('access_log').select(['event', 'detail']).where('event', '=', 'registry.staff_import').execute();
    expect(log.filter((l) => (l.detail as { importId: string }).importId === firstId)).toHaveLength(3);
    // The people list shows the invitation state.
    const people = (await admin.get(`/api/v1/people?organisationId=${school}`)).json().items;
    expect(people.map((p: { invitationState: string }) => p.invitationState)).toEqual(['invited', 'invited', 'invited']);
  });

  it('importing the same file again changes nothing: all rows unchanged, no second invitation', async () => {
    const before = await counts();
    const p = (await upload(admin, '\uFEFF' + GOOD)).json();
    expect(p.summary).toMatchObject({ new: 0, update: 0, unchanged: 3, invitations: 0 });
    expect(p.alreadyImported?.importId).toBe(firstId);
    const r = (await admin.post(`/api/v1/staff-imports/${p.id}/commit`)).json();
    expect(r).toMatchObject({ created: 0, updated: 0, unchanged: 3, invitations: 0, membershipsAdded: 0, groupsCreated: 0, groupAssignments: 0 });
    expect(await counts()).toEqual(before);
    // A committed import cannot be committed twice.
    expect((await admin.post(`/api/v1/staff-imports/${p.id}/commit`)).json().code).toBe('already_committed');
  });

  it('a newer file (comma-separated) updates what changed: a name, a role added, an ended role reopened, a group', async () => {
    const bram = (await personByEmail('b.claassen@ikc-import.nl'))!;
    await t.database.db.updateTable('memberships').set({ ended_at: new Date() }).where('person_id', '=', bram.id).execute();
    const csv = [
      'voornaam,achternaam,e-mail,rollen,lesgroepen',
      'Anna,Berg-Smit,anna.vanderberg@ikc-import.nl,leerkracht,"5A,5B,7C"',
      'Bram,Claassen,B.Claassen@ikc-import.nl,intern begeleider;directeur,',
    ].join('\n');
    const before = await counts();
    const p = (await upload(admin, csv)).json();
    expect(p.errors).toEqual([]);
    expect(p.rows[0]).toMatchObject({ status: 'update', changes: { name: { from: 'Anna van der Berg', to: 'Anna Berg-Smit' }, rolesAdded: [], groupsAdded: [{ name: '7C', role: 'teacher' }], account: false } });
    expect(p.rows[1]).toMatchObject({ status: 'update', changes: { name: null, rolesAdded: ['intern_begeleider', 'school_leader'] } });
    const r = (await admin.post(`/api/v1/staff-imports/${p.id}/commit`)).json();
    expect(r).toMatchObject({ created: 0, updated: 2, invitations: 0, membershipsAdded: 2, groupsCreated: 1 });
    const after = await counts();
    // One membership reopened (not a new row), one new; nothing deleted.
    expect(after.memberships).toBe(before.memberships + 1);
    expect(after.people).toBe(before.people);
    const ms = await t.database.db.selectFrom('memberships').select(['role', 'ended_at']).where('person_id', '=', bram.id).orderBy('role').execute();
    expect(ms).toEqual([
      { role: 'intern_begeleider', ended_at: null },
      { role: 'school_leader', ended_at: null },
    ]);
    expect((await personByEmail('anna.vanderberg@ikc-import.nl'))!.family_name).toBe('Berg-Smit');
  });

  it("another region's import answers exactly like an unknown id (404), and nothing is written; a non-administrator gets 403 for both", async () => {
    const other = await createRegion(t.database, { name: 'Regio Elders', slug: `elders-${Date.now()}` });
    // A real, error-free preview, stored as an import of the other region (its office).
    const p = (await upload(admin, 'voornaam;achternaam;e-mail;rollen\nElla;Elders;ella@elders-import.nl;leerkracht')).json();
    expect(p.errors).toEqual([]);
    const mine = await t.database.db.selectFrom('registry_imports').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    const theirs = await t.database.db
      .insertInto('registry_imports')
      .values({
        region_id: other.regionId,
        organisation_id: other.officeId,
        kind: 'staff',
        uploaded_by_person_id: null,
        file_name: mine.file_name,
        file_sha256: mine.file_sha256,
        file_type: mine.file_type,
        format: mine.format,
        row_count: mine.row_count,
        rows: JSON.stringify(mine.rows),
        errors: '[]',
        leavers: '[]',
        summary: JSON.stringify(mine.summary),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unknownId = '00000000-0000-4000-8000-00000000abcd';
    const before = { ...(await counts()), log: Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) };
    const elsewhere = await admin.post(`/api/v1/staff-imports/${theirs.id}/commit`);
    const unknown = await admin.post(`/api/v1/staff-imports/${unknownId}/commit`);
    expect(elsewhere.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const { instance: _a, ...elsewhereBody } = elsewhere.json();
    const { instance: _b, ...unknownBody } = unknown.json();
    expect(elsewhereBody).toEqual(unknownBody);
    const teacher = await t.login('leerkracht');
    const forbidden = [await teacher.post(`/api/v1/staff-imports/${theirs.id}/commit`), await teacher.post(`/api/v1/staff-imports/${unknownId}/commit`)];
    expect(forbidden.map((r) => r.statusCode)).toEqual([403, 403]);
    expect(forbidden[0].json().detail).toBe(forbidden[1].json().detail);
    const after = { ...(await counts()), log: Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) };
    // Only the teacher's sign-in is logged: nothing of either import.
    expect(after).toEqual({ ...before, log: before.log + 1 });
    expect(await personByEmail('ella@elders-import.nl')).toBeUndefined();
    const status = await t.database.db.selectFrom('registry_imports').select('status').where('id', 'in', [p.id, theirs.id]).execute();
    expect(status).toEqual([{ status: 'preview' }, { status: 'preview' }]);
  });

  it('errors per row and column say what to fix; a file with errors cannot be committed and nothing is written', async () => {
    const csv = [
      'voornaam;achternaam;e-mail;rollen;lesgroepen',
      '=1+1;Formule;formule@ikc-import.nl;leerkracht;',
      'Dirk;Dubbel;dubbel@ikc-import.nl;leerkracht;',
      'Dora;Dubbel;DUBBEL@ikc-import.nl;mentor;',
      'Eva;Onbekend;eva@ikc-import.nl;toverkunstenaar;',
      'Frits;Verkeerd;frits@ikc-import.nl;jeugdhulpverlener;',
      'Gert;Geen;geen-adres;leerkracht;',
      ';Leeg;leeg@ikc-import.nl;;',
    ].join('\n');
    const before = await counts();
    const p = (await upload(admin, csv)).json();
    const at = (row: number) => p.errors.filter((e: { row: number }) => e.row === row);
    expect(at(2)).toEqual([]);
    expect(p.rows.find((r: { row: number }) => r.row === 2)).toMatchObject({ givenName: '=1+1', status: 'new' });
    expect(at(3)).toEqual([{ row: 3, column: 'email', message: expect.stringContaining('regels 3, 4') }]);
    expect(at(4)).toEqual([{ row: 4, column: 'email', message: expect.stringContaining('regels 3, 4') }]);
    expect(at(5)[0]).toMatchObject({ column: 'roles', message: expect.stringMatching(/Onbekende rol "toverkunstenaar".*leerkracht.*intern begeleider/) });
    expect(at(6)[0]).toMatchObject({ column: 'roles', message: expect.stringMatching(/jeugdhulpverlener hoort niet bij een schoolvestiging.*leerkracht/) });
    expect(at(7)[0]).toMatchObject({ column: 'email', message: expect.stringContaining('"geen-adres" is geen geldig e-mailadres') });
    expect(at(8).map((e: { column: string }) => e.column)).toEqual(['givenName', 'roles']);
    const commit = await admin.post(`/api/v1/staff-imports/${p.id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json().code).toBe('import_has_errors');
    expect(await counts()).toEqual(before);
  });

  it('groups at an organisation that is not a school are an error', async () => {
    const p = (await upload(admin, 'voornaam;achternaam;e-mail;rollen;lesgroepen\nWim;Wijk;wim@wijkteam.nl;wijkteammedewerker;3B', { org: wijkteam })).json();
    expect(p.errors).toEqual([{ row: 2, column: 'taught', message: expect.stringContaining('Alleen een schoolvestiging heeft groepen') }]);
  });

  it('a Windows-1252 file is refused with the advice to save as CSV UTF-8', async () => {
    const latin = Buffer.from('voornaam;achternaam;e-mail;rollen\nZoë;Müller;z.muller@ikc-import.nl;zorgcoördinator\n', 'latin1');
    const p = (await upload(admin, latin)).json();
    expect(p.rows).toEqual([]);
    expect(p.errors[0].message).toMatch(/UTF-8/);
    expect((await admin.post(`/api/v1/staff-imports/${p.id}/commit`)).statusCode).toBe(409);
  });

  it('an Excel workbook: a formula cell counts with its stored result, an e-mail hyperlink cell with its text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Medewerkers');
    ws.addRow(['Voornaam', 'Achternaam', 'E-mail', 'Rollen', 'Lesgroepen']);
    ws.addRow([{ formula: 'PROPER("henk")', result: 'Henk' }, 'Excel', { text: 'h.excel@ikc-import.nl', hyperlink: 'mailto:h.excel@ikc-import.nl' }, 'leerkracht', '8A']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const p = (await upload(admin, buf, { name: 'medewerkers.xlsx' })).json();
    expect(p.fileType).toBe('xlsx');
    expect(p.errors).toEqual([]);
    expect(p.rows[0]).toMatchObject({ givenName: 'Henk', email: 'h.excel@ikc-import.nl', taught: ['8A'], status: 'new' });
  });

  it.each([
    ['parnassys', 'Roepnaam;Voorvoegsel;Achternaam;E-mailadres;Functie;Groepen\nIris;van;Dam;i.vandam@ikc-import.nl;Groepsleerkracht;4A'],
    ['magister', 'Code;Roepnaam;Tussenv.;Achternaam;E-mail werk;Functie;Lesgroepen;Mentorklassen\nDAM;Iris;van;Dam;i.vandam@ikc-import.nl;Docent;4A;4A'],
    ['somtoday', 'Roepnaam;Voorvoegsel;Achternaam;Werk e-mailadres;Functies;Lesgroepen;Mentorgroepen\nIris;van;Dam;i.vandam@ikc-import.nl;Docent, Mentor;4A;4A'],
    ['esis', 'Voornaam;Tussenvoegsels;Achternaam;Email school;Rol;Klassen;Mentor\nIris;van;Dam;i.vandam@ikc-import.nl;Leerkracht;4A;'],
  ])('the %s staff export is recognised from its header', async (format, csv) => {
    const p = (await upload(admin, csv)).json();
    expect(p.format).toBe(format);
    expect(p.assumption).toBe(true);
    expect(p.errors).toEqual([]);
    expect(p.rows[0]).toMatchObject({ givenName: 'Iris', familyName: 'van Dam', email: 'i.vandam@ikc-import.nl', taught: ['4A'] });
  });

  it('an unrecognised header names the columns of the standard format', async () => {
    const p = (await upload(admin, 'naam;adres\nx;y')).json();
    expect(p.format).toBeNull();
    expect(p.errors[0]).toMatchObject({ row: 0, message: expect.stringContaining('"voornaam"') });
  });
});

describe('full export: probable leavers end only after confirmation', () => {
  const FULL = ['voornaam;achternaam;e-mail;rollen', 'Leo;Blijft;leo@leavers.nl;leerkracht', 'Mia;Gaat;mia@leavers.nl;leerkracht', 'Noor;Misschien;noor@leavers.nl;leerkracht'].join('\n');
  let leaverSchool: string;

  beforeAll(async () => {
    const zeist = (await admin.get('/api/v1/gemeenten')).json().items.find((g: { name: string }) => g.name === 'Zeist');
    leaverSchool = (await admin.post('/api/v1/organisations', { kind: 'school_location', name: 'OBS Vertrek', brin: '97YY', vestiging: '00', schoolType: 'po', gemeenteId: zeist.id })).json().id;
    const p = (await upload(admin, FULL, { org: leaverSchool, fullExport: true })).json();
    expect(p.leavers).toEqual([]);
    expect((await admin.post(`/api/v1/staff-imports/${p.id}/commit`)).statusCode).toBe(200);
    // Mia accepts her invitation, so she can sign in (until she leaves).
    const mail = await t.database.db.selectFrom('mail_outbox').select('invitation_id').where('to_address', '=', 'mia@leavers.nl').executeTakeFirstOrThrow();
    const token = invitationToken(t.keys, mail.invitation_id!);
    expect((await t.anonymous().post(`/api/v1/invitations/${token}/accept`, { password: 'een lang wachtwoord 1' })).statusCode).toBe(200);
  });

  let candidates: { id: string; name: string }[];
  it('people missing from a full export are listed as probable leavers; committing records candidates, nothing ends', async () => {
    const p = (await upload(admin, FULL.split('\n').slice(0, 2).join('\n'), { org: leaverSchool, fullExport: true })).json();
    expect(p.leavers.map((l: { name: string }) => l.name)).toEqual(['Mia Gaat', 'Noor Misschien']);
    expect(p.summary.leavers).toBe(2);
    const r = (await admin.post(`/api/v1/staff-imports/${p.id}/commit`)).json();
    expect(r.leaverCandidates).toBe(2);
    candidates = (await admin.get(`/api/v1/staff-leavers?organisationId=${leaverSchool}`)).json().items;
    expect(candidates.map((c) => c.name)).toEqual(['Mia Gaat', 'Noor Misschien']);
    const mia = (await personByEmail('mia@leavers.nl'))!;
    expect(await t.database.db.selectFrom('memberships').select('ended_at').where('person_id', '=', mia.id).executeTakeFirstOrThrow()).toEqual({ ended_at: null });
  });

  it('a re-import that still lacks them does not duplicate the open candidates', async () => {
    const before = await n('leaver_candidates');
    const p = (await upload(admin, FULL.split('\n').slice(0, 2).join('\n'), { org: leaverSchool, fullExport: true })).json();
    expect((await admin.post(`/api/v1/staff-imports/${p.id}/commit`)).json().leaverCandidates).toBe(0);
    expect(await n('leaver_candidates')).toBe(before);
    // Without "volledige export" nobody is a leaver.
    const partial = (await upload(admin, FULL.split('\n').slice(0, 2).join('\n'), { org: leaverSchool })).json();
    expect(partial.leavers).toEqual([]);
  });

  it('confirming with a date ends the membership and disables the account; the person and the access log stay, sign-in is refused', async () => {
    const mia = (await personByEmail('mia@leavers.nl'))!;
    const signInBefore = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'mia@leavers.nl', password: 'een lang wachtwoord 1' } });
    expect(signInBefore.statusCode).toBe(200);
    const logBefore = await t.database.db.selectFrom('access_log').select('seq').where('person_id', '=', mia.id).execute();
    expect(logBefore.length).toBeGreaterThan(0);
    const future = await admin.post(`/api/v1/staff-leavers/${candidates[0].id}/confirm`, { endDate: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    const res = await admin.post(`/api/v1/staff-leavers/${candidates[0].id}/confirm`, { endDate: today() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', membershipsEnded: 1, accountDisabled: true });
    const m = await t.database.db.selectFrom('memberships').select('ended_at').where('person_id', '=', mia.id).executeTakeFirstOrThrow();
    expect(m.ended_at).not.toBeNull();
    const account = await t.database.db.selectFrom('accounts').select('disabled_at').where('person_id', '=', mia.id).executeTakeFirstOrThrow();
    expect(account.disabled_at).not.toBeNull();
    expect(await personByEmail('mia@leavers.nl')).toBeDefined();
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'mia@leavers.nl', password: 'een lang wachtwoord 1' } });
    expect(signIn.statusCode).toBe(401);
    // Her own entries are all still there (the refused sign-in is logged too).
    const logAfter = await t.database.db.selectFrom('access_log').select('seq').where('person_id', '=', mia.id).execute();
    expect(logAfter.map((l) => l.seq)).toEqual(expect.arrayContaining(logBefore.map((l) => l.seq)));
    // Her session of before ends with the account.
    const cookie = String(signInBefore.headers['set-cookie']).split(';')[0];
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await admin.post(`/api/v1/staff-leavers/${candidates[0].id}/confirm`, { endDate: today() })).statusCode).toBe(409);
    const people = (await admin.get('/api/v1/people?q=mia@leavers.nl')).json().items;
    expect(people[0].invitationState).toBe('disabled');
  });

  it('dismissing a candidate changes nothing else', async () => {
    const res = await admin.post(`/api/v1/staff-leavers/${candidates[1].id}/dismiss`);
    expect(res.statusCode).toBe(200);
    const noor = (await personByEmail('noor@leavers.nl'))!;
    expect(await t.database.db.selectFrom('memberships').select('ended_at').where('person_id', '=', noor.id).executeTakeFirstOrThrow()).toEqual({ ended_at: null });
    expect((await t.database.db.selectFrom('accounts').select('disabled_at').where('person_id', '=', noor.id).executeTakeFirstOrThrow()).disabled_at).toBeNull();
    expect((await admin.get(`/api/v1/staff-leavers?organisationId=${leaverSchool}`)).json().items).toEqual([]);
  });
});
