import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { multipart } from '../support/multipart.ts';
import { sql } from 'kysely';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';

const send = (c: Client, path: string, content: string | Buffer, name = 'bestand.csv') => {
  const m = multipart({}, { name, content });
  return c.request('POST', `/api/v1/${path}`, m.payload, m.headers);
};
async function importAll(c: Client, path: string, content: string | Buffer, name?: string) {
  const p = (await send(c, path, content, name)).json();
  expect(p.errors).toEqual([]);
  const res = await c.post(`/api/v1/${path}/${p.id}/commit`);
  expect(res.statusCode).toBe(200);
  return { preview: p, result: res.json() };
}

let t: TestApp;
let ib: Client;
const PUPILS = ['leerlingnummer;voornaam;achternaam;geboortedatum;gemeente', '000701;Tess;Visser;01-03-2016;Zeist', '000702;Finn;Visser;05-09-2018;Zeist', '000703;Sem;Mulder;07-07-2017;De Bilt'].join('\n');
const GUARDIAN_HEADER = 'leerlingnummer;voornaam;tussenvoegsel;achternaam;e-mail;telefoon;relatie;gezag';
const guardians = (phone = '06-12345678') =>
  [
    GUARDIAN_HEADER,
    `000701;Marieke;;Visser;marieke@example.nl;${phone};moeder;ja`,
    `000702;Marieke;;Visser;marieke@example.nl;${phone};moeder;ja`,
    `000701;Johan;de;Boer;johan@example.nl;;pleegouder;nee`,
    `000703;Karel;;Mulder;karel@example.nl;;voogd;JA`,
  ].join('\n');
const guardianCount = async () => Number((await t.database.db.selectFrom('guardians').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const linksOf = (childId: string) =>
  t.database.db.selectFrom('child_guardians as cg').innerJoin('guardians as g', 'g.id', 'cg.guardian_id').select(['g.id', 'g.given_name', 'g.family_name', 'g.email', 'g.phone', 'cg.relation', 'cg.has_authority']).where('cg.child_id', '=', childId).orderBy('g.given_name').execute();
const childOf = async (number: string) => (await t.database.db.selectFrom('enrolments').select('child_id').where('pupil_number', '=', number).where('end_date', 'is', null).executeTakeFirstOrThrow()).child_id;

beforeAll(async () => {
  t = await startTestApp({ children: 80 });
  ib = await t.login('ib');
  await importAll(ib, 'pupil-imports', PUPILS);
});
afterAll(async () => t?.close());

describe('guardian import', () => {
  it('refuses the functional administrator and a teacher (403)', async () => {
    for (const username of ['beheer', 'leerkracht']) expect((await send(await t.login(username), 'guardian-imports', guardians())).statusCode).toBe(403);
  });

  it('reports unknown pupil numbers, relations, gezag and e-mail per row; nothing is saved', async () => {
    const before = await guardianCount();
    const bad = [GUARDIAN_HEADER, '009999;Piet;;Onbekend;;;ouder;ja', '000701;Els;;Raar;;;tante;ja', '000701;Bert;;Twijfel;;;vader;misschien', '000701;Ans;;Mail;ans@;;moeder;nee'].join('\n');
    const p = (await send(ib, 'guardian-imports', bad)).json();
    expect(p.errors).toEqual([
      { row: 2, column: 'pupilNumber', message: expect.stringContaining('009999 is onbekend op deze school') },
      { row: 3, column: 'relation', message: expect.stringContaining('tante') },
      { row: 4, column: 'authority', message: expect.stringContaining('misschien') },
      { row: 5, column: 'email', message: expect.stringContaining('ans@') },
    ]);
    expect((await ib.post(`/api/v1/guardian-imports/${p.id}/commit`)).statusCode).toBe(409);
    expect(await guardianCount()).toBe(before);
  });

  it('creates guardians once (a parent of two siblings is one guardian), with relation and gezag', async () => {
    const before = await guardianCount();
    const { preview, result } = await importAll(ib, 'guardian-imports', guardians());
    expect(preview.counts).toMatchObject({ created: 3, linked: 1, updated: 0, unchanged: 0 });
    expect(result).toMatchObject({ created: 3, children: 3 });
    expect(await guardianCount()).toBe(before + 3);
    const tess = await linksOf(await childOf('000701'));
    expect(tess).toEqual([
      expect.objectContaining({ given_name: 'Johan', family_name: 'de Boer', relation: 'foster_parent', has_authority: false }),
      expect.objectContaining({ given_name: 'Marieke', family_name: 'Visser', email: 'marieke@example.nl', relation: 'parent', has_authority: true }),
    ]);
    const finn = await linksOf(await childOf('000702'));
    expect(finn).toHaveLength(1);
    expect(finn[0].id).toBe(tess[1].id);
    expect((await linksOf(await childOf('000703')))[0]).toMatchObject({ relation: 'guardian', has_authority: true });
    const logged = await t.database.db.selectFrom('access_log').select(['ground']).where('event', '=', 'registry.guardian_import').where('child_id', '=', await childOf('000701')).execute();
    expect(logged).toEqual([{ ground: 'school_care' }]);
  });

  it('is idempotent, and a newer export updates contact and gezag of the same guardian', async () => {
    const before = await guardianCount();
    const same = await importAll(ib, 'guardian-imports', guardians());
    expect(same.preview.counts).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
    expect(await guardianCount()).toBe(before);
    const changed = guardians('06-87654321').replace('Johan;de;Boer;johan@example.nl;;pleegouder;nee', 'JOHAN;de;Boer;johan@example.nl;;pleegouder;ja');
    const upd = await importAll(ib, 'guardian-imports', changed);
    expect(upd.preview.counts).toMatchObject({ updated: 3, unchanged: 1 });
    expect(await guardianCount()).toBe(before);
    const tess = await linksOf(await childOf('000701'));
    expect(tess.map((g) => [g.given_name, g.phone, g.has_authority])).toEqual([
      ['Johan', null, true],
      ['Marieke', '06-87654321', true],
    ]);
  });

  it('links a guardian of the region by e-mail for a sibling at another school; reads a ParnasSys-style .xlsx with pupil numbers as numbers', async () => {
    const session = (await ib.get('/api/v1/session')).json();
    const other = session.memberships.find((m: { id: string }) => m.id !== session.activeMembershipId);
    await ib.put('/api/v1/session/membership', { membershipId: other.id });
    await importAll(ib, 'pupil-imports', ['leerlingnummer;voornaam;achternaam;geboortedatum;gemeente', '000042;Isa;Visser;02-02-2014;Zeist'].join('\n'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Verzorgers');
    ws.addRow(['Leerlingnummer', 'Roepnaam verzorger', 'Voorvoegsel verzorger', 'Achternaam verzorger', 'E-mail verzorger', 'Telefoon verzorger', 'Relatie tot leerling', 'Wettelijk gezag']);
    ws.addRow([42, 'M.', null, 'Visser', 'Marieke@Example.nl', null, 'Moeder', true]);
    const before = await guardianCount();
    const { preview } = await importAll(ib, 'guardian-imports', Buffer.from(await wb.xlsx.writeBuffer()), 'ouders.xlsx');
    expect(preview.format).toMatchObject({ id: 'parnassys', assumption: true });
    expect(preview.counts).toMatchObject({ linked: 1, created: 0 });
    expect(await guardianCount()).toBe(before);
    const isa = await linksOf(await childOf('000042'));
    expect(isa).toEqual([expect.objectContaining({ email: 'marieke@example.nl', relation: 'parent', has_authority: true })]);
  });

  it('refuses a file that is not UTF-8 with the save-as message', async () => {
    const p = (await send(ib, 'guardian-imports', Buffer.from(guardians().replace('Marieke', 'Maëlle'), 'latin1'))).json();
    expect(p.errors).toEqual([{ row: 0, column: null, message: expect.stringContaining('CSV UTF-8') }]);
  });
});

describe('guardian import: the policy decides, before anything is written', () => {
  const D0 = today();
  const nl = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
  const logOf = (importId: string) =>
    t.database.db.selectFrom('access_log').select(['child_id', 'outcome', 'ground', 'detail']).where('event', '=', 'registry.guardian_import').where(sql<boolean>`detail->>'importId' = ${importId}`).orderBy('seq').execute();

  it('a pupil whose enrolment starts later is logged with the ground the policy gives from its first day', async () => {
    const later = addCalendarDays(D0, 14);
    await importAll(ib, 'pupil-imports', ['leerlingnummer;voornaam;achternaam;geboortedatum;gemeente;inschrijfdatum', `000044;Lina;Later;03-03-2016;Zeist;${nl(later)}`].join('\n'));
    const { preview } = await importAll(ib, 'guardian-imports', [GUARDIAN_HEADER, '000044;Lies;;Later;lies@example.nl;;moeder;ja'].join('\n'));
    expect(await logOf(preview.id)).toEqual([{ child_id: await childOf('000044'), outcome: 'allowed', ground: 'school_care', detail: { importId: preview.id, actions: ['create'], kind: 'guardians', groundOn: later } }]);
  });

  it('a pupil who left between the check and the commit: refused (409), nothing written, one denied entry', async () => {
    await importAll(ib, 'pupil-imports', ['leerlingnummer;voornaam;achternaam;geboortedatum;gemeente', '000043;Bo;Bakker;04-04-2015;Zeist'].join('\n'));
    const bo = await childOf('000043');
    const p = (await send(ib, 'guardian-imports', [GUARDIAN_HEADER, '000043;Bas;;Bakker;bas@example.nl;;vader;ja', '000042;Mark;;Visser;mark@example.nl;;vader;ja'].join('\n'))).json();
    expect(p.errors).toEqual([]);
    await t.database.db.updateTable('enrolments').set({ end_date: addCalendarDays(D0, -1) }).where('child_id', '=', bo).where('end_date', 'is', null).execute();
    const before = await guardianCount();
    const res = await ib.post(`/api/v1/guardian-imports/${p.id}/commit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('import_outdated');
    expect(await guardianCount()).toBe(before);
    expect((await t.database.db.selectFrom('registry_imports').select('status').where('id', '=', p.id).executeTakeFirstOrThrow()).status).toBe('preview');
    expect(await logOf(p.id)).toEqual([{ child_id: bo, outcome: 'denied', ground: null, detail: { importId: p.id, actions: ['create'], kind: 'guardians' } }]);
  });
});

describe("another school's import is answered as one that does not exist", () => {
  it("committing another school's guardian import: the same 404 as for an unknown id, and nothing is written", async () => {
    const p = (await send(ib, 'guardian-imports', [GUARDIAN_HEADER, '000042;Anouk;;Visser;anouk@example.nl;;moeder;ja'].join('\n'))).json();
    expect(p.errors).toEqual([]);
    const other = await t.login('zorgcoordinator');
    const logSize = async () => Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = { guardians: await guardianCount(), log: await logSize() };
    const answer = async (id: string) => {
      const res = await other.post(`/api/v1/guardian-imports/${id}/commit`);
      const { status, code, title, detail } = res.json();
      return { statusCode: res.statusCode, status, code, title, detail };
    };
    const real = await answer(p.id);
    expect(real.statusCode).toBe(404);
    expect(real).toEqual(await answer(randomUUID()));
    expect({ guardians: await guardianCount(), log: await logSize() }).toEqual(before);
    expect((await t.database.db.selectFrom('registry_imports').select('status').where('id', '=', p.id).executeTakeFirstOrThrow()).status).toBe('preview');
    expect((await ib.post(`/api/v1/guardian-imports/${p.id}/commit`)).json()).toMatchObject({ created: 1 });
  });
});
