/**
 * Errors that become application/problem+json responses (RFC 9457, Dutch API Design Rules).
 * Domain code throws these; the HTTP layer presents them. Messages are Dutch (the users' language),
 * codes are stable and English so the web app can translate.
 */
export interface FieldError {
  /** JSON pointer-ish field name, e.g. "bsn" or "enrolments/0/startDate". */
  name: string;
  code: string;
  reason: string;
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly code: string,
    readonly invalidParams: FieldError[] = [],
  ) {
    super(detail);
  }
}

export class ValidationError extends ProblemError {
  constructor(invalidParams: FieldError[], detail = 'Controleer de gemarkeerde velden.') {
    super(400, 'Ongeldige invoer', detail, 'validation_failed', invalidParams);
  }
}

export const fieldError = (name: string, code: string, reason: string) => new ValidationError([{ name, code, reason }], reason);

export class NotFoundError extends ProblemError {
  constructor(detail = 'Niet gevonden, of u heeft er geen toegang toe.') {
    super(404, 'Niet gevonden', detail, 'not_found');
  }
}

export class UnauthenticatedError extends ProblemError {
  constructor(detail = 'U bent niet (meer) ingelogd.', code = 'unauthenticated') {
    super(401, 'Niet ingelogd', detail, code);
  }
}

export class ForbiddenError extends ProblemError {
  constructor(detail = 'U heeft geen toestemming voor deze handeling.', code = 'forbidden') {
    super(403, 'Geen toegang', detail, code);
  }
}

export class ConflictError extends ProblemError {
  constructor(detail: string, code = 'conflict', invalidParams: FieldError[] = []) {
    super(409, 'Conflict', detail, code, invalidParams);
  }
}

/**
 * An update based on a version of a shared record that is no longer the current one (someone else
 * changed it meanwhile): 409, with the current state so that the screen can show what changed and
 * let the user redo the edit. The state is read after the refused write's transaction has rolled
 * back (`withCurrentOnStale`), through the same access checks as any read, and answered through the
 * route's 409 response schema (`StaleProblem` in src/contracts/common.ts).
 */
export class StaleVersionError extends ProblemError {
  current: unknown = undefined;
  constructor(detail = 'Iemand anders heeft dit intussen gewijzigd. Bekijk wat er nu staat en doe uw wijziging opnieuw.') {
    super(409, 'Intussen gewijzigd', detail, 'stale_version');
  }
}

/** Runs an update; when it was based on a stale version, attaches the current state (read anew) to the 409. */
export async function withCurrentOnStale<T>(write: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StaleVersionError && error.current === undefined) error.current = await current();
    throw error;
  }
}

/** Throws a StaleVersionError when a versioned update (`… where id = ? and version = ?`) changed no row. */
export function expectUpdated(result: { numUpdatedRows: bigint } | undefined, detail?: string) {
  if (!result || result.numUpdatedRows === 0n) throw new StaleVersionError(detail);
}

export class TooManyRequestsError extends ProblemError {
  constructor(detail: string, readonly retryAfterSeconds: number) {
    super(429, 'Te veel pogingen', detail, 'too_many_requests');
  }
}

/** The server is busy with work that runs one at a time; the client may retry after the given time. */
export class ServiceBusyError extends ProblemError {
  constructor(detail: string, readonly retryAfterSeconds: number, code = 'busy') {
    super(503, 'Even bezet', detail, code);
  }
}
