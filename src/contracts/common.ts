/**
 * The building blocks of every API contract. A contract module (`src/contracts/<capability>.ts`)
 * declares, with these, what a route takes (params, query, body) and what it may answer: the
 * response schema is a whitelist, a field it does not name never leaves the server. The server's
 * handlers get their types from these schemas through Fastify's TypeBox type provider; the web
 * app imports the same types (`import type`), so nothing is kept twice.
 *
 * Contract modules import only `typebox`, each other and `src/contracts/values/*` (the
 * enumerations, plain arrays the web app also uses at runtime).
 */
import { Type, type Static, type TSchema } from 'typebox';

export { Type };
export type { Static, TSchema };

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });

/** A calendar day as sent and received: 'JJJJ-MM-DD' (the database hands these out as strings). */
export const Day = Type.String({ format: 'date', description: 'JJJJ-MM-DD' });

/**
 * A moment (timestamp). The server may answer a Date (as the database gives it) or an ISO string;
 * on the wire it is always an ISO 8601 string. The web app sees it as a string through `Wire<T>`.
 */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One of a closed set of strings, typed as that set (`OneOf(ROLES)` is `Role`). */
export const OneOf = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** One yes/no per name of a closed set, all present: `Flags(CAPABILITIES)` is `Record<Capability, boolean>`. */
export const Flags = <const T extends readonly string[]>(names: T, options: { description?: string } = {}) =>
  Type.Unsafe<Record<T[number], boolean>>(Type.Object(Object.fromEntries(names.map((n) => [n, Type.Boolean()])), options));

/** A page of a list: the items and where the page is in the whole. */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }), page: Type.Integer({ minimum: 1 }), pageSize: Type.Integer({ minimum: 1 }) });

/** The answer of a route that answers nothing (204). */
export const NoContent = Type.Null({ description: 'Geen inhoud' });

/**
 * The answer of a route that sends a file (PDF, CSV, Excel): the body is not JSON, so the schema
 * names the media type and its binary content. Fastify does not serialize a Buffer or stream, so
 * nothing passes a whitelist here: such a route builds its file from a checked query.
 */
export const FileDownload = (mediaTypes: readonly string[], description: string) =>
  Type.Unsafe<Buffer | string | NodeJS.ReadableStream>({ type: 'string', format: 'binary', description, 'x-media-types': [...mediaTypes] });

/**
 * The version of a shared record: answered with the record, sent back with an update of it. An
 * update based on an older version is refused with 409 (`StaleProblem`).
 */
export const Version = Type.Integer({ minimum: 1, description: 'De versie waarop de wijziging is gebaseerd: de `version` uit het antwoord van de laatste GET' });

/** A field error of a problem+json (`invalidParams`). */
export const FieldErrorSchema = Type.Object({ name: Type.String(), code: Type.String(), reason: Type.String() });

/**
 * The problem+json of a 409 on a route that updates a versioned record: for a stale version it
 * carries the record as it is now (`current`, whitelisted by its schema); other conflicts (a closed
 * case, …) answer the same shape without it.
 */
export const StaleProblem = <T extends TSchema>(current: T) =>
  Type.Object({
    invalidParams: Type.Optional(Type.Array(FieldErrorSchema)),
    type: Type.String(),
    title: Type.String(),
    status: Type.Literal(409),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.String(),
    current: Type.Optional(current),
  });

/**
 * Query-string parameters shared by lists, bounded so that hostile values are a field error (400)
 * and never something the database refuses (a 500). A page like 1e20 is a field error.
 */
export const MAX_PAGE = 100_000;
export const PageParam = Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1, description: `Paginanummer, 1 tot en met ${MAX_PAGE.toLocaleString('nl-NL')}` });

/** `page` and `pageSize` for a querystring schema: `Type.Object({ ...paging(100, 25), q: … })`. */
export function paging(maxPageSize = 100, defaultPageSize = 25) {
  return { page: PageParam, pageSize: Type.Integer({ minimum: 1, maximum: maxPageSize, default: defaultPageSize, description: `Aantal per pagina, hoogstens ${maxPageSize}` }) };
}

/**
 * A day as JJJJ-MM-DD that exists (format "date" refuses 2026-02-31) and that the database can
 * store: year 0000 does not exist in PostgreSQL's calendar.
 */
export const NO_YEAR_ZERO = '^(?!0000-)';
export const DayParam = (description = 'JJJJ-MM-DD') => Type.String({ format: 'date', pattern: NO_YEAR_ZERO, description });

/** What the web app receives: Dates arrive as ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** The wire type of a contract schema, for the web app: `Contract<typeof CaseView>`. */
export type Contract<S extends TSchema> = Wire<Static<S>>;
