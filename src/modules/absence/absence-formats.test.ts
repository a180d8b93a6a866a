import { describe, expect, it } from 'vitest';
import { parseAbsenceCsv } from './absence-csv.ts';
import { detectFormat, MAPPINGS, normaliseName } from './formats/index.ts';
import { COMMON_LABELS } from './formats/labels.ts';
import { parseDay, parseTime } from './formats/map-table.ts';

const csv = (header: string, ...lines: string[]) => [header, ...lines].join('\n');

describe('where each format comes from', () => {
  it('every format says which source its headings follow; only the generic one is not an assumption', () => {
    for (const m of MAPPINGS) {
      expect(m.source.length, m.id).toBeGreaterThan(40);
      expect(m.assumption, m.id).toBe(m.id !== 'generiek');
      if (m.assumption) expect(m.source, m.id).toMatch(/assumed/);
    }
  });

  it("Magister's own column names (daanwezigheid, omschr) are read as date and reason", () => {
    const parsed = parseAbsenceCsv('stamnr;daanwezigheid;lesuur;omschr;geoorloofd\n000123;2026-11-16;1;Ziek;ja\n000123;2026-11-16;2;Ziek;ja\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.format).toBe('magister');
    // Two lesson periods of 50 minutes on one day, one reason.
    expect(parsed.rows).toEqual([{ row: 2, leerling: '000123', day: '2026-11-16', reason: 'ill', hours: 1.67 }]);
  });
});

describe('recognising the format from the header', () => {
  it.each([
    ['leerling;datum;uren;reden', 'generiek'],
    ['  LEERLING ; Datum ;Uren; Reden ', 'generiek'],
    ['Stamnummer;Naam;Klas;Datum;Lesuur;Code;Omschrijving;Geoorloofd', 'magister'],
    ['Stamnr.;Datum;Lesuur;Absentiereden', 'magister'],
    ['Leerlingnummer;Leerling;Begindatum;Einddatum;Beginlesuur;Eindlesuur;Absentiereden;Absentiesoort;Geoorloofd', 'somtoday'],
    ['Leerlingnummer;Begindatum;Begintijd;Eindtijd;Absentiereden', 'somtoday'],
    ['Leerlingnummer;Datum;Minuten gemist;Absentiereden', 'somtoday'],
    ['Leerlingnummer;Groep;Datum;Van;Tot;Verzuimsoort', 'parnassys'],
    ['Leerlingnummer;Datum;Aantal uren;Verzuimsoort;Geoorloofd', 'parnassys'],
    ['Leerling nummer;Datum;Uren;Soort verzuim', 'parnassys'],
  ])('%s → %s', (header, format) => {
    expect(detectFormat(header.split(';'))?.mapping.id).toBe(format);
  });

  it.each([
    ['leerling;datum;reden', 'no hours column'],
    ['Stamnummer;Datum;Omschrijving', 'Magister without lesson period or time'],
    ['Leerlingnummer;Datum;Lesuur;Reden', 'pupil number with an unknown reason column'],
    ['naam;klas;telefoon', 'something else entirely'],
  ])('%s matches nothing (%s)', (header) => {
    expect(detectFormat(header.split(';'))).toBeNull();
  });

  it('header names compare without case, accents, punctuation or surrounding spaces', () => {
    expect(normaliseName('  Geoorloofd (J/N)? ')).toBe('geoorloofd j n');
    expect(normaliseName('Privé')).toBe('prive');
    expect(normaliseName('Stamnr.')).toBe('stamnr');
  });

  it('a file matching no format gets one error naming the generic columns and the formats tried', () => {
    const r = parseAbsenceCsv(csv('naam;klas;datum', 'Piet;5a;2026-11-23'));
    expect(r.format).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 1, column: null });
    for (const word of ['leerling', 'uren', 'reden', 'algemeen formaat', 'Magister', 'SOMtoday', 'ParnasSys']) expect(r.errors[0].message).toContain(word);
  });

  it('a title line above the header is skipped; row numbers stay the lines of the file', () => {
    const r = parseAbsenceCsv(csv('Absentieoverzicht week 47', '', 'leerling;datum;uren;reden', 'a;2026-11-23;1;ziek'));
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([{ row: 4, leerling: 'a', day: '2026-11-23', hours: 1, reason: 'ill' }]);
  });
});

describe('the generic format', () => {
  const cases: [string, string, object | [string, RegExp]][] = [
    ['ISO date, decimal comma', 'a;2026-11-23;2,5;ongeoorloofd', { leerling: 'a', day: '2026-11-23', hours: 2.5, reason: 'unauthorised' }],
    ['Dutch date as Excel writes it when saving a CSV', 'a;23-11-2026;1;ziek', { day: '2026-11-23', reason: 'ill' }],
    ['day and month without leading zero', 'a;3-2-2027;1;ziek', { day: '2027-02-03' }],
    ['date with slashes', 'a;03/02/2027;1;ziek', { day: '2027-02-03' }],
    ['reason in capitals and with a space', 'a;2026-11-23;1;Te Laat', { reason: 'late' }],
    ['each of the seven reasons: geoorloofd', 'a;2026-11-23;1;geoorloofd', { reason: 'authorised' }],
    ['schorsing', 'a;2026-11-23;1;schorsing', { reason: 'suspension' }],
    ['luxeverzuim', 'a;2026-11-23;6;luxeverzuim', { reason: 'luxury', hours: 6 }],
    ['overig', 'a;2026-11-23;1;overig', { reason: 'other' }],
    ['a formula-like value is plain text, never evaluated', '=1+1;2026-11-23;1;ziek', { leerling: '=1+1' }],
    ['31 February does not exist', 'a;2026-02-31;1;ziek', ['datum', /geen geldige datum/]],
    ['month 13', 'a;13-13-2026;1;ziek', ['datum', /geen geldige datum/]],
    ['American date', 'a;11/23/2026;1;ziek', ['datum', /geen geldige datum/]],
    ['a day that does not exist says so, not "use another form"', 'a;31-02-2026;1;ziek', ['datum', /31-02-2026" is geen geldige datum\. Die dag bestaat niet/]],
    ['text that is no date asks for the form', 'a;maandag;1;ziek', ['datum', /is geen geldige datum\. Gebruik JJJJ-MM-DD of DD-MM-JJJJ\./]],
    ['zero hours', 'a;2026-11-23;0;ziek', ['uren', /tussen 0 en 12/]],
    ['more than 12 hours', 'a;2026-11-23;12,5;ziek', ['uren', /tussen 0 en 12/]],
    ['hours as a word', 'a;2026-11-23;twee;ziek', ['uren', /"twee" is geen getal/]],
    ['unknown reason names the value and the accepted ones', 'a;2026-11-23;1;vakantie', ['reden', /Onbekende reden "vakantie".*ziek, geoorloofd, schorsing, ongeoorloofd, te-laat, luxeverzuim, overig/]],
    ['formula-like reason is an unknown reason', 'a;2026-11-23;1;=HYPERLINK("x")', ['reden', /Onbekende reden "=HYPERLINK/]],
    ['empty reason', 'a;2026-11-23;1;', ['reden', /Vul de reden in/]],
    ['empty pupil', ';2026-11-23;1;ziek', ['leerling', /Vul het leerlingnummer/]],
  ];
  it.each(cases)('%s', (_name, line, expected) => {
    const r = parseAbsenceCsv(csv('leerling;datum;uren;reden', line));
    expect(r.format).toBe('generiek');
    if (Array.isArray(expected)) {
      expect(r.rows).toEqual([]);
      expect(r.errors).toEqual([{ row: 2, column: expected[0], message: expect.stringMatching(expected[1]) }]);
    } else {
      expect(r.errors).toEqual([]);
      expect(r.rows[0]).toMatchObject({ row: 2, ...expected });
    }
  });

  it('never maps an unknown reason to "other"', () => {
    const r = parseAbsenceCsv(csv('leerling;datum;uren;reden', 'a;2026-11-23;1;onbekend', 'b;2026-11-23;1;x'));
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => e.column)).toEqual(['reden', 'reden']);
  });
});

describe('Magister (one row per lesson period of 50 minutes)', () => {
  const header = 'Stamnummer;Naam;Klas;Datum;Lesuur;Omschrijving;Geoorloofd';
  const cases: [string, string[], { rows?: object[]; errors?: [number, string, RegExp][] }][] = [
    ['lessons of one reason are added up (3 × 50 min = 2.5 h)', ['1001;Jan;2a;23-11-2026;1;Ziek;Ja', '1001;Jan;2a;23-11-2026;2;Ziek;Ja', '1001;Jan;2a;23-11-2026;3;Ziek;Ja'], { rows: [{ row: 2, leerling: '1001', day: '2026-11-23', hours: 2.5, reason: 'ill' }] }],
    ['a range of periods in one cell', ['1001;Jan;2a;23-11-2026;3-4;Ongeoorloofd afwezig;Nee'], { rows: [{ hours: 1.67, reason: 'unauthorised' }] }],
    [
      'the labels of the brief map to the seven reasons',
      [
        '1;a;1;23-11-2026;1;Ziek;Ja',
        '2;a;1;23-11-2026;1;Ongeoorloofd afwezig;Nee',
        '3;a;1;23-11-2026;1;Te laat;Nee',
        '4;a;1;23-11-2026;1;Geoorloofd afwezig;Ja',
        '5;a;1;23-11-2026;1;Luxe verzuim;Nee',
        '6;a;1;23-11-2026;1;Schorsing;Ja',
        '7;a;1;23-11-2026;1;Verwijderd uit les;Ja',
        '8;a;1;23-11-2026;1;Medisch;Ja',
        '9;a;1;23-11-2026;1;Bijzonder verlof;Ja',
      ],
      {
        rows: [
          { leerling: '1', reason: 'ill' },
          { leerling: '2', reason: 'unauthorised' },
          { leerling: '3', reason: 'late' },
          { leerling: '4', reason: 'authorised' },
          { leerling: '5', reason: 'luxury' },
          { leerling: '6', reason: 'suspension' },
          { leerling: '7', reason: 'other' },
          { leerling: '8', reason: 'authorised' },
          { leerling: '9', reason: 'authorised' },
        ],
      },
    ],
    ['"Absent" is decided by the Geoorloofd column', ['1;a;1;23-11-2026;1;Absent;Nee', '2;a;1;23-11-2026;1;Absent;Ja'], { rows: [{ leerling: '1', reason: 'unauthorised' }, { leerling: '2', reason: 'authorised' }] }],
    ['homework forgotten is not absence: left out', ['1;a;1;23-11-2026;1;Huiswerk vergeten;Nee', '1;a;1;23-11-2026;2;Ziek;Ja'], { rows: [{ row: 3, hours: 0.83, reason: 'ill' }] }],
    ['the same lesson twice is an error on the second row', ['1;a;1;23-11-2026;2;Ziek;Ja', '1;a;1;23-11-2026;2;Te laat;Nee'], { rows: [{ row: 2, reason: 'ill' }], errors: [[3, 'uren', /Lesuur 2 .* ook op regel 2/]] }],
    ['an unknown label is an error naming it, never "other"', ['1;a;1;23-11-2026;1;Privé;Ja'], { errors: [[2, 'reden', /Onbekende reden "Privé" \(kolom "Omschrijving"\)\. Bekende redenen voor Magister: ziek/]] }],
    ['ill but not authorised contradicts itself', ['1;a;1;23-11-2026;1;Ziek;Nee'], { errors: [[2, 'reden', /Tegenstrijdig/]] }],
    ['unauthorised but authorised contradicts itself', ['1;a;1;23-11-2026;1;Ongeoorloofd afwezig;Ja'], { errors: [[2, 'reden', /Tegenstrijdig/]] }],
    ['a flag that is neither yes nor no', ['1;a;1;23-11-2026;1;Absent;misschien'], { errors: [[2, 'reden', /ja of nee/]] }],
    ['a lesson period that is no number', ['1;a;1;23-11-2026;eerste;Ziek;Ja'], { errors: [[2, 'uren', /"eerste" \(kolom "Lesuur"\) is geen lesuur/]] }],
    ['more than 12 hours on a day in total', Array.from({ length: 15 }, (_, i) => `1;a;1;23-11-2026;${i + 1};Ziek;Ja`), { errors: [[2, 'uren', /Samen 12,5 uur ziek op 23-11-2026 \(regels 2, 3, .*16\)/]] }],
  ];
  it.each(cases)('%s', (_name, lines, expected) => {
    const r = parseAbsenceCsv(csv(header, ...lines));
    expect(r.format).toBe('magister');
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual((expected.errors ?? []).map(([row, col, re]) => [row, col, expect.stringMatching(re)]));
    expect(r.rows).toEqual((expected.rows ?? []).map((x) => expect.objectContaining(x)));
  });

  it('"Absent" without a Geoorloofd column cannot be decided', () => {
    const r = parseAbsenceCsv(csv('Stamnummer;Datum;Lesuur;Omschrijving', '1;23-11-2026;1;Absent'));
    expect(r.errors).toEqual([{ row: 2, column: 'reden', message: expect.stringContaining('geen kolom Geoorloofd') }]);
  });
});

describe('SOMtoday (absence reports with begin and end)', () => {
  const header = 'Leerlingnummer;Begindatum;Einddatum;Begintijd;Eindtijd;Absentiereden;Absentiesoort;Geoorloofd';
  const cases: [string, string[], { rows?: object[]; errors?: [number, string, RegExp][] }][] = [
    ['time from 8:30 to 10:00 is 1.5 hours', ['5001;2026-11-23;2026-11-23;08:30;10:00;Ziek;Absent;Ja'], { rows: [{ leerling: '5001', hours: 1.5, reason: 'ill' }] }],
    ['a date-time in the time columns', ['5001;23-11-2026 08:30;23-11-2026 09:15;23-11-2026 08:30;23-11-2026 09:15;Ongeoorloofd;Absent;Nee'], { rows: [{ day: '2026-11-23', hours: 0.75, reason: 'unauthorised' }] }],
    ['two reports on a day with the same reason are added up', ['5001;2026-11-23;;08:30;09:20;Ongeoorloofd;Absent;Nee', '5001;2026-11-23;;13:00;14:40;Ongeoorloofd;Absent;Nee'], { rows: [{ row: 2, hours: 2.5 }] }],
    ['absentiesoort "Telaat" makes it late whatever the reason label', ['5001;2026-11-23;;08:30;08:45;Bus gemist;Telaat;Nee'], { rows: [{ reason: 'late', hours: 0.25 }] }],
    ['"Absent" with geoorloofd nee is unauthorised', ['5001;2026-11-23;;08:30;09:20;Absent;Absent;nee'], { rows: [{ reason: 'unauthorised' }] }],
    ['a report over several days cannot be turned into hours', ['5001;2026-11-23;2026-11-25;08:30;15:00;Ziek;Absent;Ja'], { errors: [[2, 'datum', /van 23-11-2026 tot 25-11-2026.*per dag/]] }],
    ['overlapping times for one pupil', ['5001;2026-11-23;;08:30;10:00;Ziek;Absent;Ja', '5001;2026-11-23;;09:30;11:00;Ongeoorloofd;Absent;Nee'], { rows: [{ row: 2 }], errors: [[3, 'uren', /09:30–11:00 .* ook op regel 2/]] }],
    ['end before begin', ['5001;2026-11-23;;10:00;08:30;Ziek;Absent;Ja'], { errors: [[2, 'uren', /eindtijd 08:30 ligt niet na de begintijd 10:00/]] }],
    ['not a time', ['5001;2026-11-23;;half negen;10:00;Ziek;Absent;Ja'], { errors: [[2, 'uren', /"half negen" \(kolom "Begintijd"\) is geen tijd/]] }],
    ['unknown reason', ['5001;2026-11-23;;08:30;10:00;Voetbaltoernooi;Absent;Ja'], { errors: [[2, 'reden', /Onbekende reden "Voetbaltoernooi".*SOMtoday/]] }],
  ];
  it.each(cases)('%s', (_name, lines, expected) => {
    const r = parseAbsenceCsv(csv(header, ...lines));
    expect(r.format).toBe('somtoday');
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual((expected.errors ?? []).map(([row, col, re]) => [row, col, expect.stringMatching(re)]));
    expect(r.rows).toEqual((expected.rows ?? []).map((x) => expect.objectContaining(x)));
  });

  it('first and last lesson period, 50 minutes each', () => {
    const r = parseAbsenceCsv(csv('Leerlingnummer;Begindatum;Beginlesuur;Eindlesuur;Absentiereden;Geoorloofd', '5001;2026-11-23;2;4;Ongeoorloofd afwezig;Nee', '5002;2026-11-23;4;2;Ziek;Ja'));
    expect(r.rows).toEqual([expect.objectContaining({ leerling: '5001', hours: 2.5, reason: 'unauthorised' })]);
    expect(r.errors).toEqual([{ row: 3, column: 'uren', message: expect.stringContaining('laatste lesuur (2) ligt voor het eerste (4)') }]);
  });

  it('minutes missed', () => {
    const r = parseAbsenceCsv(csv('Leerlingnummer;Datum;Minuten gemist;Absentiereden', '5001;2026-11-23;90;Te laat', '5002;2026-11-23;0;Ziek'));
    expect(r.rows).toEqual([expect.objectContaining({ leerling: '5001', hours: 1.5, reason: 'late' })]);
    expect(r.errors).toEqual([{ row: 3, column: 'uren', message: expect.stringContaining('tussen 0 en 12') }]);
  });
});

describe('ParnasSys (primary school, hours or from/to)', () => {
  const cases: [string, string, string[], { rows?: object[]; errors?: [number, string, RegExp][] }][] = [
    ['hours with a decimal comma', 'Leerlingnummer;Groep;Datum;Aantal uren;Verzuimsoort', ['301;5;23-11-2026;5,5;Ziek'], { rows: [{ leerling: '301', hours: 5.5, reason: 'ill' }] }],
    ['morning and afternoon are added up', 'Leerlingnummer;Datum;Van;Tot;Verzuimsoort', ['301;23-11-2026;08:30;12:00;Ongeoorloofd verzuim', '301;23-11-2026;13:00;15:00;Ongeoorloofd verzuim'], { rows: [{ row: 2, hours: 5.5, reason: 'unauthorised' }] }],
    ['luxe verzuim, vakantieverlof, religieuze verplichting', 'Leerlingnummer;Datum;Uren;Verzuimsoort', ['1;23-11-2026;5;Luxe verzuim', '2;23-11-2026;5;Vakantieverlof', '3;23-11-2026;5;Religieuze verplichting'], { rows: [{ reason: 'luxury' }, { reason: 'authorised' }, { reason: 'authorised' }] }],
    ['an unknown kind names ParnasSys', 'Leerlingnummer;Datum;Uren;Verzuimsoort', ['1;23-11-2026;5;Kermis'], { errors: [[2, 'reden', /Onbekende reden "Kermis" \(kolom "Verzuimsoort"\)\. Bekende redenen voor ParnasSys/]] }],
    ['a date that is no date names the column', 'Leerlingnummer;Datum;Uren;Verzuimsoort', ['1;maandag;5;Ziek'], { errors: [[2, 'datum', /"maandag" \(kolom "Datum"\) is geen geldige datum/]] }],
  ];
  it.each(cases)('%s', (_name, header, lines, expected) => {
    const r = parseAbsenceCsv(csv(header, ...lines));
    expect(r.format).toBe('parnassys');
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual((expected.errors ?? []).map(([row, col, re]) => [row, col, expect.stringMatching(re)]));
    expect(r.rows).toEqual((expected.rows ?? []).map((x) => expect.objectContaining(x)));
  });
});

describe('the mapping tables', () => {
  it('every vendor label maps to one of the seven reasons, by-flag or skip', () => {
    const allowed = new Set(['ill', 'authorised', 'suspension', 'unauthorised', 'late', 'luxury', 'other', 'by-flag', 'skip']);
    for (const m of MAPPINGS) for (const [label, target] of Object.entries(m.reasons)) expect([m.id, label, allowed.has(target)]).toEqual([m.id, label, true]);
  });
  it('labels are stored normalised, so they can match', () => {
    for (const label of Object.keys(COMMON_LABELS)) expect(normaliseName(label)).toBe(label);
  });
  it('vendor mappings that are assumptions say so', () => {
    expect(MAPPINGS.map((m) => [m.id, m.assumption])).toEqual([
      ['generiek', false],
      ['magister', true],
      ['somtoday', true],
      ['parnassys', true],
    ]);
  });
});

describe('dates and times from text and Excel values', () => {
  it.each([
    ['2026-11-23', '2026-11-23'],
    ['2026-11-23T08:30:00', '2026-11-23'],
    ['23-11-2026', '2026-11-23'],
    ['1-2-2027', '2027-02-01'],
    ['01.02.2027', '2027-02-01'],
    ['29-02-2028', '2028-02-29'],
    ['29-02-2027', null],
    ['2026-11', null],
    ['23-11-26', null],
  ])('text %s → %s', (text, day) => {
    expect(parseDay({ kind: 'text', text })).toBe(day);
  });
  it('Excel serial numbers, in the 1900 and the 1904 date system', () => {
    expect(parseDay({ kind: 'number', value: 46349 })).toBe('2026-11-23');
    expect(parseDay({ kind: 'number', value: 46349 - 1462 }, true)).toBe('2026-11-23');
    expect(parseDay({ kind: 'number', value: 12 })).toBeNull();
  });
  it.each([
    [{ kind: 'text' as const, text: '8:30' }, 510],
    [{ kind: 'text' as const, text: '08.30' }, 510],
    [{ kind: 'text' as const, text: '24:00' }, null],
    [{ kind: 'number' as const, value: 0.5 }, 720],
    [{ kind: 'number' as const, value: 46349.375 }, 540],
    [{ kind: 'date' as const, value: new Date(Date.UTC(1899, 11, 30, 13, 15)) }, 795],
  ])('time %o → %s minutes', (cell, minutes) => {
    expect(parseTime(cell)).toBe(minutes);
  });
});

describe('the documentation', () => {
  it('lists exactly the reason labels the mappings know, each with the reason it maps to', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../../docs/absence-import.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('### Redenen in de exports'), doc.indexOf('## Controles'));
    const documented: Record<string, string> = {};
    const meaning: Record<string, string> = { ill: 'ill', authorised: 'authorised', suspension: 'suspension', unauthorised: 'unauthorised', late: 'late', luxury: 'luxury', other: 'other' };
    for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
      const [labels, target] = line.split('|').slice(1, 3);
      const reason = /`(\w+)`\)/.exec(target)?.[1];
      const mapped = reason ? meaning[reason] : target.includes('Geoorloofd') ? 'by-flag' : 'skip';
      for (const m of labels.matchAll(/`([^`]+)`/g)) documented[normaliseName(m[1])] = mapped;
    }
    expect(documented).toEqual(COMMON_LABELS);
  });
});
