/**
 * The official Dutch school holidays, shipped as data for the school years 2024-2025 through
 * 2026-2027, in the shape of the Rijksoverheid open data "schoolvakanties"
 * (https://opendata.rijksoverheid.nl/v1/infotypes/schoolholidays/schoolyear/2025-2026?output=json):
 * per school year `vacations[]` with a `type` and `regions[]` of `{ region, startdate, enddate }`.
 * Dates here are plain calendar days (YYYY-MM-DD, both inclusive, Saturday to Sunday), not the
 * UTC timestamps of the open data. Later school years come in through the import of that JSON
 * (modules/calendar/holiday-import.ts); migration 0008 inserts these rows in every installation.
 *
 * Every date was checked against public sources (listed per school year). Two entries could not
 * be confirmed by a source that is clearly official or unambiguous; they carry `verified: false`
 * and a note, and the API and screens show them as "niet geverifieerd". Importing the
 * Rijksoverheid JSON for that school year replaces them with the official dates.
 *
 * Besides the vacations: the national free days on which every school is closed and that do not
 * already fall inside a vacation in every region (see NATIONAL_FREE_DAYS_NL below).
 */

export const VACATION_TYPES = ['herfstvakantie', 'kerstvakantie', 'voorjaarsvakantie', 'meivakantie', 'zomervakantie'] as const;
export type VacationType = (typeof VACATION_TYPES)[number];

/** The regions as the open data names them; 'heel Nederland' = the same dates for every region. */
export type OfficialRegion = 'noord' | 'midden' | 'zuid' | 'heel Nederland';

export interface OfficialPeriod {
  region: OfficialRegion;
  /** First free day (a Saturday), YYYY-MM-DD. */
  startdate: string;
  /** Last free day (a Sunday), YYYY-MM-DD, inclusive. */
  enddate: string;
  /** false: no unambiguous public source confirmed this entry; see `note`. */
  verified?: false;
  note?: string;
}

export interface OfficialVacation {
  type: VacationType;
  regions: OfficialPeriod[];
}

export interface OfficialSchoolYear {
  schoolyear: string;
  /** The public sources each date of this school year was checked against. */
  sources: string[];
  vacations: OfficialVacation[];
}

export const VACATION_NAMES: Record<VacationType, string> = {
  herfstvakantie: 'Herfstvakantie',
  kerstvakantie: 'Kerstvakantie',
  voorjaarsvakantie: 'Voorjaarsvakantie',
  meivakantie: 'Meivakantie',
  zomervakantie: 'Zomervakantie',
};

export const HOLIDAYS_NL: OfficialSchoolYear[] = [
  {
    schoolyear: '2024-2025',
    sources: [
      'https://simonscholen.nl/Over-SIMON (vakantierooster 2024-2025 for regio noord, midden and zuid, after the OCW advice)',
      'https://github.com/openpotato/openholidaysapi.data src/nl/holidays/holidays.school.{no,mi,zu}.csv (all five vacations per region)',
      'https://edumarevpr.nl/vakantieregeling/ (midden: herfst, kerst, voorjaar, zomer)',
      'https://www.landstedembo.nl/vakantieplanning (noord and midden: zomer 12 juli t/m 24 augustus 2025 for noord)',
      'https://www.hartvannederland.nl (ANP, 2024: herfstvakantie zuid from 19 October, midden and noord from 26 October)',
    ],
    vacations: [
      {
        type: 'herfstvakantie',
        regions: [
          { region: 'noord', startdate: '2024-10-26', enddate: '2024-11-03' },
          { region: 'midden', startdate: '2024-10-26', enddate: '2024-11-03' },
          { region: 'zuid', startdate: '2024-10-19', enddate: '2024-10-27' },
        ],
      },
      { type: 'kerstvakantie', regions: [{ region: 'heel Nederland', startdate: '2024-12-21', enddate: '2025-01-05' }] },
      {
        type: 'voorjaarsvakantie',
        regions: [
          { region: 'noord', startdate: '2025-02-15', enddate: '2025-02-23' },
          { region: 'midden', startdate: '2025-02-22', enddate: '2025-03-02' },
          { region: 'zuid', startdate: '2025-02-22', enddate: '2025-03-02' },
        ],
      },
      { type: 'meivakantie', regions: [{ region: 'heel Nederland', startdate: '2025-04-26', enddate: '2025-05-04' }] },
      {
        type: 'zomervakantie',
        regions: [
          { region: 'noord', startdate: '2025-07-12', enddate: '2025-08-24' },
          { region: 'midden', startdate: '2025-07-19', enddate: '2025-08-31' },
          { region: 'zuid', startdate: '2025-07-05', enddate: '2025-08-17' },
        ],
      },
    ],
  },
  {
    schoolyear: '2025-2026',
    sources: [
      'https://github.com/openpotato/openholidaysapi.data src/nl/holidays/holidays.school.csv (all vacations per region; its zuid zomer 2026 start 17 July is a typo, see below)',
      'https://www.landstedembo.nl/vakantieplanning (noord and midden: herfst 18-26 okt, kerst, voorjaar noord 21 feb-1 mrt and midden 14-22 feb)',
      'https://zaanlands.nl/informatie/vakanties (noord: herfst, kerst, voorjaar, zomer 4 juli t/m 16 augustus 2026)',
      'https://edumarevpr.nl/vakantieregeling/ (midden: herfst, kerst, voorjaar, zomer 18 juli t/m 30 augustus 2026)',
      'https://gbbenjamin.nl/nl/voor-de-ouders/schoolvakanties-2025-2026 (zuid: herfst 11-19 okt, carnaval/voorjaar 14-22 feb, zomer 11 juli t/m 23 augustus 2026)',
      'http://www.deepsea.nl/wanneer-begint-zomer-vakantie/ (zomer 2026: noord 4 juli, midden 18 juli, zuid 11 juli)',
      'https://mkkm.nl (kerstvakantie 20 december 2025 t/m 4 januari 2026, heel Nederland, bron Rijksoverheid)',
      'School schedules (Monday-Friday) consistent with the above: kjs-heerjansdam.nl (midden), stokland.nl and montessoricollege.nl Nijmegen (zuid)',
    ],
    vacations: [
      {
        type: 'herfstvakantie',
        regions: [
          { region: 'noord', startdate: '2025-10-18', enddate: '2025-10-26' },
          { region: 'midden', startdate: '2025-10-18', enddate: '2025-10-26' },
          { region: 'zuid', startdate: '2025-10-11', enddate: '2025-10-19' },
        ],
      },
      { type: 'kerstvakantie', regions: [{ region: 'heel Nederland', startdate: '2025-12-20', enddate: '2026-01-04' }] },
      {
        type: 'voorjaarsvakantie',
        regions: [
          { region: 'noord', startdate: '2026-02-21', enddate: '2026-03-01' },
          { region: 'midden', startdate: '2026-02-14', enddate: '2026-02-22' },
          { region: 'zuid', startdate: '2026-02-14', enddate: '2026-02-22' },
        ],
      },
      // The official week; most schools add the week before (adviesweek 18-26 April 2026).
      { type: 'meivakantie', regions: [{ region: 'heel Nederland', startdate: '2026-04-25', enddate: '2026-05-03' }] },
      {
        type: 'zomervakantie',
        regions: [
          { region: 'noord', startdate: '2026-07-04', enddate: '2026-08-16' },
          { region: 'midden', startdate: '2026-07-18', enddate: '2026-08-30' },
          { region: 'zuid', startdate: '2026-07-11', enddate: '2026-08-23' },
        ],
      },
    ],
  },
  {
    schoolyear: '2026-2027',
    sources: [
      'A shortened copy of the Rijksoverheid API answer for 2026-2027 in a public test fixture (herfst noord 10-18 okt, midden and zuid 17-25 okt 2026; kerst heel Nederland 19 dec 2026 t/m 3 jan 2027; voorjaar noord and midden 20-28 feb, zuid 13-21 feb 2027)',
      'https://www.vosabb.nl/vakantiedata-2025-2030-vastgesteld-po-vo/ (OCW: in 2026-2027 the zuid advice for the voorjaarsvakantie does not coincide with carnaval, 7-9 February 2027)',
      'https://www.ckcderegenboog.nl/mijn-kind-leerling/vakanties-onderwijs (noord school: herfst 12-16 okt 2026, voorjaar 22-26 feb 2027, mei 26 apr-7 mei 2027, zomer 12 juli-20 augustus 2027)',
      'https://mariaschool.wsko.nl/nl/vakanties-en-vrije-dagen (midden school: herfst 19-23 okt 2026, voorjaar 22-26 feb 2027, mei 26 apr-7 mei 2027, zomer 19 juli-27 augustus 2027)',
      'https://montessoricollege.nl/praktische-zaken/vakantieroosters/ (Nijmegen, zuid: herfst 19-23 okt 2026, kerst, mei 26 apr-7 mei 2027; zomer 19 juli-27 augustus 2027, see the note at zuid)',
      'rijksoverheid.nl overzicht schoolvakanties 2027-2028 and 2028-2029 (for the pattern of the official meivakantie week and the summer rotation)',
    ],
    vacations: [
      {
        type: 'herfstvakantie',
        regions: [
          { region: 'noord', startdate: '2026-10-10', enddate: '2026-10-18' },
          { region: 'midden', startdate: '2026-10-17', enddate: '2026-10-25' },
          { region: 'zuid', startdate: '2026-10-17', enddate: '2026-10-25' },
        ],
      },
      { type: 'kerstvakantie', regions: [{ region: 'heel Nederland', startdate: '2026-12-19', enddate: '2027-01-03' }] },
      {
        type: 'voorjaarsvakantie',
        regions: [
          { region: 'noord', startdate: '2027-02-20', enddate: '2027-02-28' },
          { region: 'midden', startdate: '2027-02-20', enddate: '2027-02-28' },
          { region: 'zuid', startdate: '2027-02-13', enddate: '2027-02-21' },
        ],
      },
      {
        type: 'meivakantie',
        regions: [
          {
            region: 'heel Nederland',
            startdate: '2027-05-01',
            enddate: '2027-05-09',
            verified: false,
            note:
              'Niet rechtstreeks bevestigd. Scholen in alle regio’s hebben 26 april t/m 7 mei 2027 vrij (twee weken). De officiële week is in elk gecontroleerd jaar (2021-2029) ISO-week 18, in 2027 dus 1 t/m 9 mei. Importeer het Rijksoverheid-bestand 2026-2027 om dit te bevestigen.',
          },
        ],
      },
      {
        type: 'zomervakantie',
        regions: [
          { region: 'noord', startdate: '2027-07-10', enddate: '2027-08-22' },
          { region: 'midden', startdate: '2027-07-17', enddate: '2027-08-29' },
          {
            region: 'zuid',
            startdate: '2027-07-24',
            enddate: '2027-09-05',
            verified: false,
            note:
              'Niet bevestigd: de bronnen spreken elkaar tegen. De vaste zesjaarlijkse wisseling (2021 = 2027: noord 10 juli, midden 17 juli, zuid 24 juli) geeft 24 juli t/m 5 september 2027, maar het rooster van het Montessori College Nijmegen noemt 19 juli t/m 27 augustus 2027. Importeer het Rijksoverheid-bestand 2026-2027 om dit vast te stellen.',
          },
        ],
      },
    ],
  },
];

export const NATIONAL_FREE_DAY_NAMES = ['Tweede Paasdag', 'Koningsdag', 'Bevrijdingsdag', 'Hemelvaartsdag', 'Tweede Pinksterdag'] as const;
export type NationalFreeDayName = (typeof NATIONAL_FREE_DAY_NAMES)[number];

export interface NationalFreeDays {
  schoolyear: string;
  days: { name: NationalFreeDayName; date: string }[];
}

/**
 * Free days for every school (stored with holiday_region and organisation_id null). The decision:
 * - Tweede Paasdag, Koningsdag (27 April; 26 April when the 27th is a Sunday), Hemelvaartsdag and
 *   Tweede Pinksterdag: general holidays (Algemene termijnenwet) on which schools are closed.
 * - Bevrijdingsdag (5 May) only in lustrum years (2025, 2030): it is a national holiday, but a free
 *   day for staff only once every five years in most collective agreements; in other years many
 *   schools close and add it as their own free day.
 * - Goede Vrijdag is not a general holiday: a school that closes adds it as its own free day.
 * - Eerste/Tweede Kerstdag and Nieuwjaarsdag always fall inside the kerstvakantie.
 * Sources: kidsenco.nl "op feestdagen vrij van school"; nos.nl 2306370 (5 mei, lustrumjaren);
 * omroepwest.nl (Goede Vrijdag is geen verplichte vrije dag); lerenindekop.nl (Pasen,
 * Hemelvaart, Pinksteren 2025 and 2026); montessoricollege.nl (2e Paasdag 29 maart 2027, 2e
 * Pinksterdag 17 mei 2027). The dates are also checked against the computed date of Easter in
 * holidays-nl.test.ts.
 */
export const NATIONAL_FREE_DAYS_NL: NationalFreeDays[] = [
  {
    schoolyear: '2024-2025',
    days: [
      { name: 'Tweede Paasdag', date: '2025-04-21' },
      { name: 'Koningsdag', date: '2025-04-26' },
      { name: 'Bevrijdingsdag', date: '2025-05-05' },
      { name: 'Hemelvaartsdag', date: '2025-05-29' },
      { name: 'Tweede Pinksterdag', date: '2025-06-09' },
    ],
  },
  {
    schoolyear: '2025-2026',
    days: [
      { name: 'Tweede Paasdag', date: '2026-04-06' },
      { name: 'Koningsdag', date: '2026-04-27' },
      { name: 'Hemelvaartsdag', date: '2026-05-14' },
      { name: 'Tweede Pinksterdag', date: '2026-05-25' },
    ],
  },
  {
    schoolyear: '2026-2027',
    days: [
      { name: 'Tweede Paasdag', date: '2027-03-29' },
      { name: 'Koningsdag', date: '2027-04-27' },
      { name: 'Hemelvaartsdag', date: '2027-05-06' },
      { name: 'Tweede Pinksterdag', date: '2027-05-17' },
    ],
  },
];

/** The rows migration 0008 inserts: one per region period (heel Nederland = region null) and free day. */
export interface ShippedRow {
  schoolYear: string;
  kind: 'vacation' | 'national_free_day';
  vacationType: VacationType | null;
  holidayRegion: 'noord' | 'midden' | 'zuid' | null;
  name: string;
  start: string;
  end: string;
  verified: boolean;
  note: string | null;
}

export function shippedRows(): ShippedRow[] {
  const rows: ShippedRow[] = [];
  for (const year of HOLIDAYS_NL) {
    for (const v of year.vacations) {
      for (const r of v.regions) {
        rows.push({
          schoolYear: year.schoolyear,
          kind: 'vacation',
          vacationType: v.type,
          holidayRegion: r.region === 'heel Nederland' ? null : r.region,
          name: VACATION_NAMES[v.type],
          start: r.startdate,
          end: r.enddate,
          verified: r.verified !== false,
          note: r.note ?? null,
        });
      }
    }
  }
  for (const year of NATIONAL_FREE_DAYS_NL) {
    for (const d of year.days) {
      rows.push({ schoolYear: year.schoolyear, kind: 'national_free_day', vacationType: null, holidayRegion: null, name: d.name, start: d.date, end: d.date, verified: true, note: null });
    }
  }
  return rows;
}
