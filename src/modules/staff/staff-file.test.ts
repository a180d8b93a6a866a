import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readStaffFile } from './staff-file.ts';
import { roleOf, splitList, STAFF_FORMATS } from './staff-formats.ts';
import { USERNAME_PATTERN } from '../registry/index.ts';

describe('staff roles and lists', () => {
  it('knows the Dutch labels, the vendor words and the codes', () => {
    expect(roleOf('Leerkracht')).toBe('teacher');
    expect(roleOf('Groepsleerkracht')).toBe('teacher');
    expect(roleOf("IB'er")).toBe('intern_begeleider');
    expect(roleOf('intern begeleider')).toBe('intern_begeleider');
    expect(roleOf('Zorgcoördinator')).toBe('care_coordinator');
    expect(roleOf('zorgcoordinator')).toBe('care_coordinator');
    expect(roleOf('Directeur')).toBe('school_leader');
    expect(roleOf('schoolleider')).toBe('school_leader');
    expect(roleOf('Jeugdhulpverlener')).toBe('youth_care_worker');
    expect(roleOf('wijkteammedewerker')).toBe('wijkteam_worker');
    expect(roleOf('consulent')).toBe('swv_consultant');
    expect(roleOf('Leerplichtambtenaar')).toBe('attendance_officer');
    expect(roleOf('beleidsmedewerker')).toBe('policy_analyst');
    expect(roleOf('Functioneel beheerder')).toBe('functional_admin');
    expect(roleOf('privacyfunctionaris')).toBe('privacy_officer');
    expect(roleOf('care_coordinator')).toBe('care_coordinator');
    expect(roleOf('conciërge')).toBeNull();
  });

  it('splits groups on comma and semicolon, without empty or repeated entries', () => {
    expect(splitList(' 5A,5b ; 5B,, 6  C ')).toEqual(['5A', '5b', '6 C']);
  });

  it('every vendor format is marked as an assumption, the generic one is not', () => {
    expect(STAFF_FORMATS.map((f) => [f.id, f.assumption])).toEqual([
      ['generiek', false],
      ['parnassys', true],
      ['magister', true],
      ['somtoday', true],
      ['esis', true],
    ]);
  });

  it('a username may be an e-mail address (imported staff), and still the short demo names', () => {
    expect(USERNAME_PATTERN.test('a.de-vries@school.nl')).toBe(true);
    expect(USERNAME_PATTERN.test('leerkracht')).toBe(true);
    expect(USERNAME_PATTERN.test('a@b')).toBe(false);
    expect(USERNAME_PATTERN.test('Hoofdletter@school.nl')).toBe(false);
    expect(USERNAME_PATTERN.test('twee@@school.nl')).toBe(false);
  });
});

describe('readStaffFile', () => {
  it('an Excel error cell is an error at its column; a mailto: address is read as the address', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.addRow(['voornaam', 'achternaam', 'e-mail', 'rollen']);
    ws.addRow(['Jan', { formula: 'A1', result: { error: '#REF!' } }, 'jan@school.nl', 'leerkracht']);
    ws.addRow(['Kees', 'Klaassen', 'mailto:K.Klaassen@School.nl', 'leerkracht; mentor']);
    const file = await readStaffFile(Buffer.from(await wb.xlsx.writeBuffer()), 'school_location');
    expect(file.errors).toEqual([{ row: 2, column: 'familyName', message: expect.stringContaining('#REF!') }]);
    expect(file.rows).toEqual([{ row: 3, email: 'k.klaassen@school.nl', givenName: 'Kees', familyName: 'Klaassen', roles: ['teacher', 'mentor'], taught: [], mentored: [] }]);
  });

  it('a family name with its tussenvoegsel in one column ("Berg, van den") is read as "van den Berg"', async () => {
    const file = await readStaffFile(Buffer.from('voornaam;achternaam;e-mail;rollen\nLot;"Berg, van den";lot@wijk.nl;wijkteammedewerker'), 'wijkteam');
    expect(file.errors).toEqual([]);
    expect(file.rows[0].familyName).toBe('van den Berg');
  });

  it('a role that fits no role at a JGZ organisation says so', async () => {
    const file = await readStaffFile(Buffer.from('voornaam;achternaam;e-mail;rollen\nMo;Ali;mo@jgz.nl;leerkracht'), 'jgz');
    expect(file.errors[0].message).toContain('geen rollen');
  });
});
