import { describe, expect, it } from 'vitest';
import { isValidCbsCode } from '../identifiers.ts';
import {
  DUTCH_GEMEENTEN,
  GEMEENTE_ALIASES,
  GEMEENTEN_LIST_DATE,
  HOLIDAY_REGION_SPLITS,
  PROVINCES,
  UNVERIFIED_HOLIDAY_REGIONS,
  findGemeente,
  searchGemeenten,
  type Province,
} from './gemeenten-nl.ts';

const names = (list: readonly { name: string }[]) => list.map((g) => g.name);

describe('the list of gemeenten', () => {
  it('has the 342 gemeenten of 1 January 2025', () => {
    expect(GEMEENTEN_LIST_DATE).toBe('2025-01-01');
    expect(DUTCH_GEMEENTEN).toHaveLength(342);
  });

  it('has no duplicate codes or names, and every code is GM + four digits', () => {
    const codes = DUTCH_GEMEENTEN.map((g) => g.cbsCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(names(DUTCH_GEMEENTEN)).size).toBe(DUTCH_GEMEENTEN.length);
    for (const code of codes) {
      expect(code).toMatch(/^GM\d{4}$/);
      expect(isValidCbsCode(code)).toBe(true);
    }
  });

  it('gives every province its gemeenten, with the known counts', () => {
    const count = (p: Province) => DUTCH_GEMEENTEN.filter((g) => g.province === p).length;
    expect(Object.fromEntries(PROVINCES.map((p) => [p, count(p)]))).toEqual({
      Groningen: 10,
      'Fryslân': 18,
      Drenthe: 12,
      Overijssel: 25,
      Flevoland: 6,
      Gelderland: 51,
      Utrecht: 26,
      'Noord-Holland': 44,
      'Zuid-Holland': 50,
      Zeeland: 13,
      'Noord-Brabant': 56,
      Limburg: 31,
    });
    for (const g of DUTCH_GEMEENTEN) expect(PROVINCES).toContain(g.province);
  });

  it('no longer holds gemeenten merged away before 2025, and holds their successors', () => {
    for (const gone of ['GM0457', 'GM0501', 'GM0530', 'GM0614']) expect(findGemeente(gone)).toBeUndefined();
    expect(findGemeente('GM1992')).toMatchObject({ name: 'Voorne aan Zee', province: 'Zuid-Holland' });
    expect(findGemeente('GM1980')).toMatchObject({ name: 'Dijk en Waard', province: 'Noord-Holland' });
    expect(findGemeente('GM1982')).toMatchObject({ name: 'Land van Cuijk', province: 'Noord-Brabant' });
    expect(findGemeente('GM1991')).toMatchObject({ name: 'Maashorst', province: 'Noord-Brabant' });
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(DUTCH_GEMEENTEN)).toBe(true);
    expect(Object.isFrozen(DUTCH_GEMEENTEN[0])).toBe(true);
  });
});

describe('the demo region and other known gemeenten', () => {
  it.each([
    ['GM0355', 'Zeist', 'Utrecht', 'midden'],
    ['GM0310', 'De Bilt', 'Utrecht', 'midden'],
    ['GM0344', 'Utrecht', 'Utrecht', 'midden'],
    ['GM0312', 'Bunnik', 'Utrecht', 'midden'],
    ['GM1581', 'Utrechtse Heuvelrug', 'Utrecht', 'midden'],
    ['GM0307', 'Amersfoort', 'Utrecht', 'midden'],
    ['GM0363', 'Amsterdam', 'Noord-Holland', 'noord'],
    ['GM0599', 'Rotterdam', 'Zuid-Holland', 'midden'],
    ['GM0518', "'s-Gravenhage", 'Zuid-Holland', 'midden'],
    ['GM0014', 'Groningen', 'Groningen', 'noord'],
    ['GM0935', 'Maastricht', 'Limburg', 'zuid'],
    ['GM0772', 'Eindhoven', 'Noord-Brabant', 'zuid'],
  ] as const)('%s is %s in %s, holiday region %s', (code, name, province, holidayRegion) => {
    expect(findGemeente(code)).toEqual({ cbsCode: code, name, province, holidayRegion });
  });

  it('GM0339 is Renswoude, not Utrechtse Heuvelrug (which is GM1581)', () => {
    expect(findGemeente('GM0339')?.name).toBe('Renswoude');
  });

  it('follows the named exceptions to the province rule', () => {
    const region = (code: string) => findGemeente(code)?.holidayRegion;
    expect(region('GM0317')).toBe('noord'); // Eemnes, Utrecht
    expect(region('GM0244')).toBe('noord'); // Hattem, Gelderland
    expect(region('GM0050')).toBe('midden'); // Zeewolde, Flevoland
    expect(region('GM0034')).toBe('noord'); // Almere, Flevoland
    expect(region('GM1959')).toBe('midden'); // Altena, Noord-Brabant
    expect(region('GM0200')).toBe('midden'); // Apeldoorn, Gelderland
    expect(region('GM0228')).toBe('midden'); // Ede, Gelderland
    expect(region('GM0202')).toBe('zuid'); // Arnhem, Gelderland
    expect(region('GM0268')).toBe('zuid'); // Nijmegen, Gelderland
  });

  it('puts whole provinces in their region', () => {
    const regionsOf = (p: Province) => new Set(DUTCH_GEMEENTEN.filter((g) => g.province === p).map((g) => g.holidayRegion));
    for (const p of ['Groningen', 'Fryslân', 'Drenthe', 'Overijssel', 'Noord-Holland'] as const) {
      expect([...regionsOf(p)]).toEqual(['noord']);
    }
    expect([...regionsOf('Zuid-Holland')]).toEqual(['midden']);
    expect([...regionsOf('Zeeland')]).toEqual(['zuid']);
    expect([...regionsOf('Limburg')]).toEqual(['zuid']);
  });

  it('lists split and unverified gemeenten only by codes that exist', () => {
    for (const s of HOLIDAY_REGION_SPLITS) {
      const g = findGemeente(s.cbsCode);
      expect(g).toBeDefined();
      expect(s.partRegion).not.toBe(g?.holidayRegion);
    }
    for (const code of UNVERIFIED_HOLIDAY_REGIONS) expect(findGemeente(code)).toBeDefined();
    for (const code of Object.keys(GEMEENTE_ALIASES)) expect(findGemeente(code)).toBeDefined();
  });
});

describe('findGemeente', () => {
  it('accepts lower case and spaces around the code, and answers undefined for unknown codes', () => {
    expect(findGemeente(' gm0355 ')?.name).toBe('Zeist');
    expect(findGemeente('GM9999')).toBeUndefined();
    expect(findGemeente('')).toBeUndefined();
  });
});

describe('searchGemeenten', () => {
  it('finds Zeist by its name in any case', () => {
    expect(searchGemeenten('zeist')[0]?.cbsCode).toBe('GM0355');
    expect(searchGemeenten('ZEIST')[0]?.cbsCode).toBe('GM0355');
  });

  it("finds The Hague as 'den haag', 's-gravenhage', 's-Gravenhage and gravenhage", () => {
    for (const q of ['den haag', 'Den Haag', 's-gravenhage', "'s-Gravenhage", 'gravenhage']) {
      expect(searchGemeenten(q)[0]?.cbsCode, q).toBe('GM0518');
    }
  });

  it('ignores accents both ways', () => {
    expect(names(searchGemeenten('sudwest'))).toEqual(['Súdwest-Fryslân']);
    expect(names(searchGemeenten('Súdwest-Fryslân'))).toEqual(['Súdwest-Fryslân']);
    expect(names(searchGemeenten('fryslan'))).toEqual(['Noardeast-Fryslân', 'Súdwest-Fryslân']);
  });

  it('puts names that start with the query before names that only contain it', () => {
    const found = names(searchGemeenten('utrecht'));
    expect(found.slice(0, 2)).toEqual(['Utrecht', 'Utrechtse Heuvelrug']);
    const bergen = names(searchGemeenten('bergen'));
    expect(bergen.slice(0, 3)).toEqual(['Bergen (L.)', 'Bergen (NH.)', 'Bergen op Zoom']);
    expect(bergen.indexOf('Gemert-Bakel')).toBe(-1);
    const rijn = names(searchGemeenten('rijn'));
    expect(rijn).toContain('Alphen aan den Rijn');
  });

  it('finds by CBS code, with or without GM', () => {
    expect(searchGemeenten('GM0355')[0]?.name).toBe('Zeist');
    expect(searchGemeenten('0344')[0]?.name).toBe('Utrecht');
    expect(searchGemeenten('772')[0]?.name).toBe('Eindhoven');
  });

  it('finds a gemeente by a former gemeente merged into it', () => {
    expect(names(searchGemeenten('hellevoetsluis'))).toEqual(['Voorne aan Zee']);
    expect(names(searchGemeenten('weesp'))).toEqual(['Amsterdam']);
  });

  it('respects the limit and finds nothing for an empty query', () => {
    expect(searchGemeenten('e', 5)).toHaveLength(5);
    expect(searchGemeenten('e').length).toBe(20);
    expect(searchGemeenten('e', 0)).toEqual([]);
    expect(searchGemeenten('   ')).toEqual([]);
    expect(searchGemeenten('xyzzy')).toEqual([]);
  });
});
