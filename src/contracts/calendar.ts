/**
 * The contract of the school calendar: the official school holidays and national free days (and
 * their import from the Rijksoverheid open data), a school location's calendar, and its own free
 * days (studiedagen). What each route takes and what it may answer.
 */
import { Day, Nullable, OneOf, Timestamp, Type, Uuid, type Static } from './common.ts';
import { FREE_PERIOD_ORIGINS, HOLIDAY_REGIONS } from './values/calendar.ts';

export const CalendarTags = ['Schoolkalender'];

const Count = Type.Integer({ minimum: 0 });
const SchoolYear = Type.String({ pattern: '^[0-9]{4}-[0-9]{4}$', description: 'Schooljaar, bijvoorbeeld 2025-2026 (1 augustus – 31 juli). Standaard het huidige.' });
const SchoolYearName = Type.String({ description: 'Schooljaar, bijvoorbeeld 2025-2026' });
const Region = OneOf(HOLIDAY_REGIONS);

/** A vacation of the official school holidays. */
export const Vacation = Type.Object({
  id: Uuid,
  type: Type.String({ description: 'herfstvakantie, kerstvakantie, voorjaarsvakantie, meivakantie of zomervakantie' }),
  name: Type.String(),
  region: Type.Union([Region, Type.Null()], { description: 'null: heel Nederland' }),
  startDate: Day,
  endDate: Day,
  origin: OneOf(FREE_PERIOD_ORIGINS),
  verified: Type.Boolean({ description: 'false: niet geverifieerd aan een officiële bron' }),
  note: Nullable(Type.String()),
});
export type Vacation = Static<typeof Vacation>;

/** A national free day (every school is closed). */
export const NationalFreeDay = Type.Object({ id: Uuid, name: Type.String(), startDate: Day, endDate: Day });
export type NationalFreeDay = Static<typeof NationalFreeDay>;

/** A school location's own free day or period. */
export const SchoolFreeDay = Type.Object({ id: Uuid, name: Type.String(), startDate: Day, endDate: Day, createdAt: Timestamp, createdBy: Nullable(Type.String()) });
export type SchoolFreeDay = Static<typeof SchoolFreeDay>;

export const HolidaysQuery = Type.Object({ schoolYear: Type.Optional(SchoolYear), region: Type.Optional(Region) });

export const HolidayList = Type.Object({
  schoolYear: SchoolYearName,
  start: Day,
  end: Day,
  region: Type.Union([Region, Type.Null()], { description: 'null: alle regio’s' }),
  vacations: Type.Array(Vacation),
  nationalFreeDays: Type.Array(NationalFreeDay),
  lessonWeeks: Type.Optional(Count),
  schoolDays: Type.Optional(Count),
  knownSchoolYears: Type.Array(SchoolYearName, { description: 'De schooljaren waarvoor de kalender schoolvakanties kent' }),
});
export type HolidayList = Static<typeof HolidayList>;

// ---------------------------------------------------------------------------------------------
// The holiday import

export const PeriodChange = Type.Object({
  schoolYear: SchoolYearName,
  vacationType: Type.String(),
  name: Type.String(),
  region: Type.Union([Region, Type.Null()], { description: 'null: heel Nederland' }),
  startDate: Day,
  endDate: Day,
  previous: Type.Optional(Type.Object({ startDate: Day, endDate: Day, verified: Type.Boolean() }, { description: 'Bij een gewijzigde periode: de data die ze had' })),
});

export const HolidayChanges = Type.Object({ added: Type.Array(PeriodChange), changed: Type.Array(PeriodChange), removed: Type.Array(PeriodChange), unchanged: Count });

export const HolidayImportPreview = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  schoolYears: Type.Array(SchoolYearName),
  periods: Count,
  errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
  changes: HolidayChanges,
});
export type HolidayImportPreview = Static<typeof HolidayImportPreview>;

export const HolidayImportCommitted = Type.Object({
  id: Uuid,
  schoolYears: Type.Array(SchoolYearName),
  added: Count,
  changed: Count,
  removed: Count,
  unchanged: Count,
  changes: HolidayChanges,
});

// ---------------------------------------------------------------------------------------------
// A school location's calendar and free days

export const SchoolYearQuery = Type.Object({ schoolYear: Type.Optional(SchoolYear) });

export const SchoolCalendar = Type.Object({
  schoolLocation: Type.Object({ id: Uuid, name: Type.String(), holidayRegion: Nullable(Region), gemeenteName: Nullable(Type.String()) }),
  schoolYear: SchoolYearName,
  start: Day,
  end: Day,
  vacations: Type.Array(Vacation),
  nationalFreeDays: Type.Array(NationalFreeDay),
  freeDays: Type.Array(SchoolFreeDay),
  lessonWeeks: Count,
  schoolDays: Count,
  canEdit: Type.Boolean({ description: 'Of u de eigen vrije dagen van deze school beheert' }),
  knownSchoolYears: Type.Array(SchoolYearName),
});
export type SchoolCalendar = Static<typeof SchoolCalendar>;

export const SchoolFreeDays = Type.Object({ items: Type.Array(SchoolFreeDay) });

export const FreeDayInput = Type.Object(
  {
    name: Type.String({ maxLength: 200, description: 'Bijvoorbeeld Studiedag' }),
    startDate: Type.String({ maxLength: 20, description: 'Eerste vrije dag, JJJJ-MM-DD' }),
    endDate: Type.Optional(Type.Union([Type.String({ maxLength: 20, description: 'Laatste vrije dag (inclusief); leeg = één dag' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type FreeDayInput = Static<typeof FreeDayInput>;

export const FreeDayParams = Type.Object({ id: Uuid, dayId: Uuid });
