/**
 * The closed sets of the school calendar, defined once for the server's schemas and the web app.
 * Plain values (no schema library), so that the web app can import them at runtime.
 */

/** The three holiday regions of the Netherlands (a gemeente lies in one). */
export const HOLIDAY_REGIONS = ['noord', 'midden', 'zuid'] as const;
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

/** Where a free period in the calendar came from: shipped with the app, the Rijksoverheid import, or the school itself. */
export const FREE_PERIOD_ORIGINS = ['shipped', 'rijksoverheid_import', 'school'] as const;
export type FreePeriodOrigin = (typeof FREE_PERIOD_ORIGINS)[number];
