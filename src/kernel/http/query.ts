import { Type } from '@fastify/type-provider-typebox';

/**
 * Shared query-string parameters, bounded so that hostile values are a field error (400) and
 * never something the database refuses (a 500).
 */

/** The paging parameters of every list: `?page=1&pageSize=25`. A page like 1e20 is a field error. */
export const MAX_PAGE = 100_000;

export const Page = Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1, description: `Paginanummer, 1 tot en met ${MAX_PAGE.toLocaleString('nl-NL')}` });

/** `page` and `pageSize` for a querystring schema: `Type.Object({ ...paging(100, 25), q: … })`. */
export function paging(maxPageSize = 100, defaultPageSize = 25) {
  return { page: Page, pageSize: Type.Integer({ minimum: 1, maximum: maxPageSize, default: defaultPageSize, description: `Aantal per pagina, hoogstens ${maxPageSize}` }) };
}

/**
 * A day as JJJJ-MM-DD that exists (format "date" refuses 2026-02-31) and that the database can
 * store: year 0000 does not exist in PostgreSQL's calendar.
 */
export const NO_YEAR_ZERO = '^(?!0000-)';
export const DayParam = (description = 'JJJJ-MM-DD') => Type.String({ format: 'date', pattern: NO_YEAR_ZERO, description });
