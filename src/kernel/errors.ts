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
