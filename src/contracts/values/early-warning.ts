/**
 * The closed sets of early warning (chronic absence), defined once for the server's schemas and
 * rules and the web app. Plain values (no schema library), so that the web app can import them at
 * runtime.
 */

/** The bands of an absence percentage, from least to most serious. */
export const BANDS = ['on_track', 'attention', 'chronic', 'severe'] as const;
export type Band = (typeof BANDS)[number];

/** The band filter of the list: a band, or 'none' (no lesson time scheduled yet). */
export const BAND_FILTERS = [...BANDS, 'none'] as const;
export type BandFilter = (typeof BAND_FILTERS)[number];

/** The orders of the list: severity (default), name, school year, the last 8 lesson weeks, or trend. */
export const SORTS = ['severity', 'name', 'schoolYear', 'rolling', 'trend'] as const;
export type Sort = (typeof SORTS)[number];

/** Which way the rolling percentage went since a lesson week ago. */
export const TREND_DIRECTIONS = ['up', 'down', 'stable'] as const;
export type TrendDirection = (typeof TREND_DIRECTIONS)[number];

/** The periods over which a percentage is measured: the school year to date and the last 8 lesson weeks. */
export const MEASURE_PERIODS = ['schoolYear', 'rolling'] as const;
export type MeasurePeriod = (typeof MEASURE_PERIODS)[number];

/** The school types that have their own lesson hours per school day. */
export const SCHOOL_TYPES = ['po', 'so', 'sbo', 'vo', 'vso', 'mbo'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];
