import { describe, expect, it } from 'vitest';
import { openDataDay, parseRijksoverheidJson } from './holiday-json.ts';
import { CAPTURED_2023_2024, OPEN_DATA_2027_2028 } from '../../../test/support/holiday-open-data.ts';


describe('dates in the open data', () => {
  it('are the dates written, whatever time follows them', () => {
    expect(openDataDay('2027-10-16T00:00:00.000Z')).toBe('2027-10-16');
    expect(openDataDay('2027-10-24T21:59:00.000Z')).toBe('2027-10-24'); // 23:59 summer time
    expect(openDataDay('2027-10-31T22:59:00.000Z')).toBe('2027-10-31'); // 23:59 winter time
    // The captured 2023-2024 response: the date written is the official day, whatever the time after it.
    expect(openDataDay('2023-10-21T22:00:00.000Z')).toBe('2023-10-21');
    expect(openDataDay('2023-12-23T23:00:00.000Z')).toBe('2023-12-23');
    expect(openDataDay('2028-02-26')).toBe('2028-02-26');
    expect(openDataDay(' 2028-02-26 ')).toBe('2028-02-26');
    expect(openDataDay('2028-02-26T00:00:00')).toBe('2028-02-26');
  });

  it('anything else is no date', () => {
    for (const v of ['2028-02-30', '2028-13-01T00:00:00Z', '26-02-2028', 'morgen', '', null, 20280226, undefined]) expect(openDataDay(v), String(v)).toBeNull();
  });
});

describe('the captured response for 2023-2024', () => {
  it('gives exactly the official first and last days of every vacation and region', () => {
    const r = parseRijksoverheidJson(JSON.stringify(CAPTURED_2023_2024));
    expect(r.errors).toEqual([]);
    expect(r.schoolYears).toEqual(['2023-2024']);
    expect(r.periods.map((p) => [p.vacationType, p.region, p.start, p.end])).toEqual([
      ['herfstvakantie', 'noord', '2023-10-21', '2023-10-29'],
      ['herfstvakantie', 'midden', '2023-10-14', '2023-10-22'],
      ['herfstvakantie', 'zuid', '2023-10-14', '2023-10-22'],
      ['kerstvakantie', null, '2023-12-23', '2024-01-07'],
      ['voorjaarsvakantie', 'noord', '2024-02-17', '2024-02-25'],
      ['voorjaarsvakantie', 'midden', '2024-02-17', '2024-02-25'],
      ['voorjaarsvakantie', 'zuid', '2024-02-10', '2024-02-18'],
      ['meivakantie', null, '2024-04-27', '2024-05-05'],
      ['zomervakantie', 'noord', '2024-07-20', '2024-09-01'],
      ['zomervakantie', 'midden', '2024-07-13', '2024-08-25'],
      ['zomervakantie', 'zuid', '2024-07-06', '2024-08-18'],
    ]);
  });

  it('a single free day in mid-week, written the same way, is that one day (not an end before its start)', () => {
    const oneDay = {
      content: [
        {
          schoolyear: '2023-2024',
          vacations: [{ type: 'Meivakantie', compulsorydates: 'false', regions: [{ region: 'midden', startdate: '2024-05-08T22:00:00.000Z', enddate: '2024-05-08T21:59:00.000Z' }] }],
        },
      ],
    };
    const r = parseRijksoverheidJson(JSON.stringify(oneDay));
    expect(r.errors).toEqual([]);
    // Wednesday 8 May 2024, and only that day.
    expect(r.periods).toEqual([{ schoolYear: '2023-2024', vacationType: 'meivakantie', region: 'midden', start: '2024-05-08', end: '2024-05-08' }]);
  });
});

describe('reading the Rijksoverheid JSON', () => {
  it('reads a school year with every variant of the published format', () => {
    const r = parseRijksoverheidJson(JSON.stringify(OPEN_DATA_2027_2028));
    expect(r.errors).toEqual([]);
    expect(r.schoolYears).toEqual(['2027-2028']);
    expect(r.periods).toHaveLength(11);
    expect(r.periods.filter((p) => p.vacationType === 'herfstvakantie')).toEqual([
      { schoolYear: '2027-2028', vacationType: 'herfstvakantie', region: 'noord', start: '2027-10-16', end: '2027-10-24' },
      { schoolYear: '2027-2028', vacationType: 'herfstvakantie', region: 'midden', start: '2027-10-16', end: '2027-10-24' },
      { schoolYear: '2027-2028', vacationType: 'herfstvakantie', region: 'zuid', start: '2027-10-23', end: '2027-10-31' },
    ]);
    expect(r.periods.find((p) => p.vacationType === 'kerstvakantie')).toEqual({ schoolYear: '2027-2028', vacationType: 'kerstvakantie', region: null, start: '2027-12-25', end: '2028-01-09' });
    expect(r.periods.find((p) => p.vacationType === 'zomervakantie' && p.region === 'zuid')).toMatchObject({ start: '2028-07-22', end: '2028-09-03' });
  });

  it('reads the list endpoint (an array of documents), a byte buffer with a BOM, and an already parsed body', () => {
    const other = { content: [{ ...OPEN_DATA_2027_2028.content[0], schoolyear: '2028-2029', vacations: [{ type: 'Kerstvakantie', regions: [{ region: 'heel Nederland', startdate: '2028-12-23', enddate: '2029-01-07' }] }] }] };
    const list = parseRijksoverheidJson(Buffer.from('\uFEFF' + JSON.stringify([OPEN_DATA_2027_2028, other])));
    expect(list.errors).toEqual([]);
    expect(list.schoolYears).toEqual(['2027-2028', '2028-2029']);
    expect(list.periods).toHaveLength(12);
    expect(parseRijksoverheidJson(OPEN_DATA_2027_2028).periods).toHaveLength(11);
    expect(parseRijksoverheidJson(OPEN_DATA_2027_2028.content[0]).periods).toHaveLength(11);
  });

  it('a file that is no JSON says so', () => {
    const r = parseRijksoverheidJson('{"content": [ {"schoolyear": "2027-2028", ');
    expect(r.periods).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/^Het bestand is geen geldige JSON \(.+\)\. Download de schoolvakanties opnieuw als JSON/);
    expect(parseRijksoverheidJson('   ').errors[0].message).toMatch(/Het bestand is leeg/);
  });

  it('JSON that is not the holiday file says what is missing', () => {
    for (const input of ['{"items": []}', '[]', '"schoolvakanties"', '{"content": "2027"}']) {
      const r = parseRijksoverheidJson(input);
      expect(r.errors, input).toEqual([{ path: '', message: expect.stringMatching(/geen schoolvakantiebestand van de Rijksoverheid: er staat geen "content" met "schoolyear" en "vacations" in/) }]);
    }
  });

  it('every wrong entry is named with its place in the file and what to fix', () => {
    const bad = {
      content: [
        {
          schoolyear: '2027-2029',
          vacations: [],
        },
        {
          schoolyear: '2028-2029',
          vacations: [
            { type: 'Paasvakantie', regions: [{ region: 'noord', startdate: '2029-04-01', enddate: '2029-04-08' }] },
            { type: 'Herfstvakantie', regions: [{ region: 'west', startdate: '2028-10-14', enddate: '2028-10-22' }] },
            { type: 'Voorjaarsvakantie', regions: [{ region: 'noord', startdate: '2029-02-31T00:00:00.000Z', enddate: '2029-02-25' }] },
            { type: 'Meivakantie', regions: [{ region: 'heel Nederland', startdate: '2029-05-06', enddate: '2029-04-28' }] },
            { type: 'Zomervakantie', regions: [{ region: 'noord', startdate: '2029-08-21', enddate: '2029-10-02' }] },
            { type: 'Kerstvakantie' },
          ],
        },
      ],
    };
    const r = parseRijksoverheidJson(JSON.stringify(bad));
    expect(r.errors).toEqual([
      { path: 'content[0].schoolyear', message: 'Schooljaar "2027-2029" klopt niet: schrijf het als twee opeenvolgende jaren, bijvoorbeeld "2027-2028".' },
      { path: 'content[1].vacations[0].type', message: expect.stringContaining('Onbekend vakantietype "Paasvakantie". Bekend zijn: herfstvakantie, kerstvakantie') },
      { path: 'content[1].vacations[1].regions[0].region', message: expect.stringContaining('Onbekende regio "west" bij de herfstvakantie 2028-2029') },
      { path: 'content[1].vacations[2].regions[0].startdate', message: expect.stringContaining('Begindatum "2029-02-31T00:00:00.000Z" van de voorjaarsvakantie (noord) is geen geldige datum') },
      { path: 'content[1].vacations[3].regions[0].enddate', message: 'De meivakantie (heel Nederland, 2028-2029) eindigt op 2029-04-28, vóór de begindatum 2029-05-06.' },
      { path: 'content[1].vacations[4].regions[0]', message: expect.stringContaining('valt niet in schooljaar 2028-2029 (1 augustus 2028 – 31 juli 2029)') },
      { path: 'content[1].vacations[5].regions', message: expect.stringContaining('De kerstvakantie 2028-2029 heeft geen regio') },
    ]);
    expect(r.periods).toEqual([]);
  });

  it('a vacation twice for the same region, or both per region and for heel Nederland, is refused', () => {
    const twice = parseRijksoverheidJson({
      content: [
        {
          schoolyear: '2027-2028',
          vacations: [
            { type: 'Herfstvakantie', regions: [{ region: 'noord', startdate: '2027-10-16', enddate: '2027-10-24' }, { region: ' Noord', startdate: '2027-10-16', enddate: '2027-10-24' }] },
            { type: 'Kerstvakantie', regions: [{ region: 'midden', startdate: '2027-12-25', enddate: '2028-01-09' }, { region: 'heel Nederland', startdate: '2027-12-25', enddate: '2028-01-09' }] },
          ],
        },
      ],
    });
    expect(twice.errors.map((e) => e.path)).toEqual(['content[0].vacations[0].regions[1]', 'content[0].vacations[1].regions[1]']);
    expect(twice.errors[0].message).toBe('De herfstvakantie 2027-2028 staat twee keer in het bestand voor noord.');
    expect(twice.errors[1].message).toMatch(/zowel data voor "heel Nederland" als voor losse regio's/);
  });

  it('the same school year twice is refused', () => {
    const r = parseRijksoverheidJson([OPEN_DATA_2027_2028, OPEN_DATA_2027_2028]);
    expect(r.errors).toEqual([{ path: '[1].content[0].schoolyear', message: 'Schooljaar 2027-2028 staat twee keer in het bestand.' }]);
  });
});

describe('a hostile file', () => {
  const item = (regions: string) => `{"content":[{"schoolyear":"2027-2028","vacations":[{"type":"Herfstvakantie","regions":${regions}}]}]}`;

  it('not JSON, not the structure, or nested too deep: a file error (the import answers 422 for "file")', () => {
    expect(parseRijksoverheidJson('{"content": [').fileError).toEqual({ code: 'not_json', message: expect.stringMatching(/^Het bestand is geen geldige JSON/) });
    expect(parseRijksoverheidJson('[null, 1, "x"]').fileError?.code).toBe('not_holiday_file');
    expect(parseRijksoverheidJson('  ').fileError?.code).toBe('empty');
    const deep = `{"content":[{"schoolyear":"2027-2028","vacations":[{"type":${'['.repeat(100_000)}${']'.repeat(100_000)},"regions":[]}]}]}`;
    expect(parseRijksoverheidJson(deep).fileError).toEqual({ code: 'too_deep', message: expect.stringMatching(/dieper genest dan 32 niveaus/) });
    expect(parseRijksoverheidJson('['.repeat(200_000) + ']'.repeat(200_000)).fileError?.code).toBe('too_deep');
    // The real file is well within the depth.
    expect(parseRijksoverheidJson(JSON.stringify([OPEN_DATA_2027_2028])).fileError).toBeUndefined();
  });

  it('a NUL or half a character anywhere, as value or as key: a file error that says where', () => {
    expect(parseRijksoverheidJson(item('[{"region":"no\\u0000ord","startdate":"2027-10-16","enddate":"2027-10-24"}]')).fileError).toEqual({
      code: 'invalid_character',
      message: expect.stringMatching(/ongeldig teken \(zoals een NUL-teken, \\u0000\) bij content\[0\]\.vacations\[0\]\.regions\[0\]\.region\./),
    });
    expect(parseRijksoverheidJson(item('[{"region":"\\ud800","startdate":"2027-10-16","enddate":"2027-10-24"}]')).fileError?.code).toBe('invalid_character');
    expect(parseRijksoverheidJson('{"content\\u0000":[]}').fileError?.code).toBe('invalid_character');
    // The parser's own message quotes the file: never with a NUL in it.
    const broken = parseRijksoverheidJson(Buffer.from('\u0000\u0000 geen json'));
    expect(broken.fileError?.code).toBe('not_json');
    expect(broken.fileError?.message).not.toContain('\u0000');
  });

  it('values from the file are cut short in messages, never half a character', () => {
    const r = parseRijksoverheidJson(`{"content":[{"schoolyear":"${'👧'.repeat(100_000)}","vacations":[]}]}`);
    expect(r.errors[0].message.length).toBeLessThan(200);
    expect(r.errors[0].message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('a school year that does not exist for the database, or a region named after a property of every object, is an error', () => {
    const year0 = parseRijksoverheidJson({ content: [{ schoolyear: '0000-0001', vacations: [{ type: 'Herfstvakantie', regions: [{ region: 'noord', startdate: '0000-10-16', enddate: '0000-10-24' }] }] }] });
    expect(year0.errors).toEqual([{ path: 'content[0].schoolyear', message: 'Schooljaar 0000-0001 ligt niet tussen 1990 en 2100; controleer het bestand.' }]);
    expect(year0.periods).toEqual([]);
    for (const region of ['constructor', 'toString', '__proto__']) {
      const r = parseRijksoverheidJson(item(`[{"region":"${region}","startdate":"2027-10-16","enddate":"2027-10-24"}]`));
      expect(r.errors, region).toEqual([{ path: 'content[0].vacations[0].regions[0].region', message: expect.stringContaining('Onbekende regio') }]);
      expect(r.periods).toEqual([]);
    }
  });

  it('a date that does not exist is an error at its place', () => {
    const r = parseRijksoverheidJson(item('[{"region":"noord","startdate":"2028-02-30","enddate":"2027-10-24T25:00:00Z"}]'));
    expect(r.fileError).toBeUndefined();
    expect(r.errors.map((e) => e.path)).toEqual(['content[0].vacations[0].regions[0].startdate', 'content[0].vacations[0].regions[0].enddate']);
  });
});
