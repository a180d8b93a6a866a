/**
 * The contract of early warning (chronic absence): the care coordinator's list of a school's
 * pupils with their absence percentages, bands and trend, one child's summary, and the region's
 * settings. What each route takes and what it may answer.
 */
import { Day, DayParam, Nullable, OneOf, paging, StaleProblem, Timestamp, Type, Uuid, Version, type Static, type TSchema } from './common.ts';
import { BAND_FILTERS, BANDS, MEASURE_PERIODS, SCHOOL_TYPES, SORTS, TREND_DIRECTIONS, type SchoolType } from './values/early-warning.ts';

export const EarlyWarningTags = ['Verzuimsignalering'];

const Count = Type.Integer({ minimum: 0 });
/** A day as JJJJ-MM-DD that exists (format "date") and that the database can store (no year 0000). */
const AsOf = DayParam('Peildatum JJJJ-MM-DD (standaard vandaag)');

/** One value per school type (every school type, no other key). */
const perSchoolType = <T extends TSchema>(value: T, options: { additionalProperties?: false } = {}) =>
  Type.Object(Object.fromEntries(SCHOOL_TYPES.map((type) => [type, value])) as Record<SchoolType, T>, options);

// ---------------------------------------------------------------------------------------------
// Figures

export const Thresholds = Type.Object({
  attention: Type.Number({ description: 'Vanaf dit percentage: aandacht' }),
  chronic: Type.Number({ description: 'Vanaf dit percentage: chronisch verzuim' }),
  severe: Type.Number({ description: 'Vanaf dit percentage: ernstig chronisch verzuim' }),
});
export type Thresholds = Static<typeof Thresholds>;

const BandOrNone = Type.Union([OneOf(BANDS), Type.Null()], { description: 'null: nog geen lestijd gepland' });

export const Measure = Type.Object({
  missedHours: Type.Number(),
  percentage: Type.Union([Type.Number(), Type.Null()], { description: 'Naar beneden afgerond op één decimaal; null als er geen lestijd gepland was' }),
  band: BandOrNone,
});
export type Measure = Static<typeof Measure>;

export const PeriodFigures = Type.Object({ scheduledDays: Count, scheduledHours: Type.Number(), all: Measure, unauthorised: Measure });
export type PeriodFigures = Static<typeof PeriodFigures>;

export const Trend = Type.Object({
  direction: OneOf(TREND_DIRECTIONS),
  differencePp: Type.Number({ description: 'Nu min een lesweek geleden, in procentpunten' }),
  previousPercentage: Nullable(Type.Number()),
});

const pupilFigures = {
  schoolYear: PeriodFigures,
  rolling: PeriodFigures,
  band: BandOrNone,
  trend: Nullable(Trend),
  becameChronic: Type.Array(OneOf(MEASURE_PERIODS), { description: 'Waar het percentage deze lesweek de grens van chronisch verzuim passeerde' }),
};

export const Periods = Type.Object({
  schoolYear: Type.Object({ from: Day, to: Day }),
  rolling: Type.Object({ from: Day, to: Day, lessonWeeks: Count }),
  previousAsOf: Nullable(Day),
});

export const SchoolFigures = Type.Object({ id: Uuid, name: Type.String(), schoolType: OneOf(SCHOOL_TYPES), lessonHoursPerDay: Type.Number() });

// ---------------------------------------------------------------------------------------------
// The list

export const EarlyWarningQuery = Type.Object({
  schoolLocationId: Type.Optional(Type.String({ format: 'uuid', description: 'Standaard de schoolvestiging waarvoor u nu werkt' })),
  asOf: Type.Optional(AsOf),
  band: Type.Optional(OneOf(BAND_FILTERS, { description: "Alleen leerlingen in deze band ('none': nog geen lesdagen)" })),
  sort: Type.Optional(OneOf(SORTS, { description: 'Volgorde: ernst (standaard), naam, schooljaar, 8 lesweken of trend' })),
  ...paging(500, 50),
});

export const EarlyWarningItem = Type.Object({
  child: Type.Object({ id: Uuid, givenName: Type.String(), familyName: Type.String(), groupName: Nullable(Type.String()) }),
  ...pupilFigures,
});
export type EarlyWarningItem = Static<typeof EarlyWarningItem>;

export const EarlyWarningList = Type.Object({
  school: SchoolFigures,
  asOf: Day,
  periods: Periods,
  thresholds: Thresholds,
  counts: Type.Object({ total: Count, on_track: Count, attention: Count, chronic: Count, severe: Count, none: Count }),
  becameChronic: Type.Array(EarlyWarningItem, { description: 'Wie deze lesweek chronisch werd' }),
  items: Type.Array(EarlyWarningItem),
  total: Count,
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type EarlyWarningList = Static<typeof EarlyWarningList>;

// ---------------------------------------------------------------------------------------------
// One child

export const AbsenceSummaryQuery = Type.Object({ asOf: Type.Optional(AsOf) });

export const AbsenceSummary = Type.Object({
  childId: Uuid,
  asOf: Day,
  thresholds: Thresholds,
  schools: Type.Array(Type.Object({ school: SchoolFigures, periods: Periods, ...pupilFigures })),
});
export type AbsenceSummary = Static<typeof AbsenceSummary>;

// ---------------------------------------------------------------------------------------------
// Settings

const Percentage = Type.Number({ description: 'Procent van de lestijd, hoogstens één decimaal' });
const Hours = Type.Number({ description: 'Lesuren per schooldag' });

export const EarlyWarningSettingsInput = Type.Object(
  {
    thresholds: Type.Object({ attention: Percentage, chronic: Percentage, severe: Percentage }, { additionalProperties: false }),
    lessonHoursPerDay: perSchoolType(Hours, { additionalProperties: false }),
    version: Version,
  },
  { additionalProperties: false },
);
export type EarlyWarningSettingsInput = Static<typeof EarlyWarningSettingsInput>;

/** The settings that apply in a region (its own values, or the defaults). */
export const EarlyWarningSettingValues = Type.Object({
  thresholds: Thresholds,
  lessonHoursPerDay: perSchoolType(Type.Number()),
  own: Type.Object({ thresholds: Type.Boolean(), lessonHoursPerDay: perSchoolType(Type.Boolean()) }, { description: 'Welke waarden de regio zelf instelde (false: de standaard geldt)' }),
  updatedAt: Nullable(Timestamp),
});
export type EarlyWarningSettingValues = Static<typeof EarlyWarningSettingValues>;

/** The settings screen: the values and the version of the screen (a save names it). */
export const EarlyWarningSettings = Type.Object({ ...EarlyWarningSettingValues.properties, version: Version });
export type EarlyWarningSettings = Static<typeof EarlyWarningSettings>;

/** A save based on an older version of the screen (409): the settings as they are now. */
export const EarlyWarningSettingsStale = StaleProblem(EarlyWarningSettings);
