import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, StaleVersionError, type FieldError } from '../errors.ts';
import { registerInputGuard } from './input-guard.ts';
import { registerUploadRelease } from './upload.ts';
import { NO_YEAR_ZERO } from './query.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's own field checks that need no database (a field that depends on another, a
     * format, a date range): run on the raw body when the schema refuses it as well, so that a form
     * gets all its errors in one round, not the schema's first and the command's after. The command
     * runs the same function, so the two never disagree.
     */
    fieldChecks?: (body: Record<string, unknown>) => FieldError[];
  }
}

/**
 * Presents every error as application/problem+json (RFC 9457), with field errors for validation.
 * Bad input is a 4xx, never a 5xx: with the error handler come the guards that turn input the
 * database cannot take into a 400 before it gets there (input-guard.ts), and the release of the
 * large-import slot once an answer is sent (upload.ts).
 */
export function registerProblemHandler(app: FastifyInstance) {
  registerInputGuard(app);
  registerUploadRelease(app);
  app.setErrorHandler((error: FastifyError | ProblemError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ProblemError) {
      const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      const extra = error instanceof StaleVersionError && error.current !== undefined ? { current: error.current } : {};
      return sendProblem(reply, request, error.status, error.title, error.detail, error.code, error.invalidParams, extra);
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const invalidParams: FieldError[] = fe.validation.map((v) => {
        const missing = v.keyword === 'required' ? (v.params as { missingProperty?: string }).missingProperty : undefined;
        const path = (v.instancePath || '').replace(/^\//, '');
        const name = [fe.validationContext === 'body' ? '' : fe.validationContext, path, missing].filter(Boolean).join('/') || String(fe.validationContext ?? 'request');
        return { name, code: v.keyword, reason: dutchReason(v.keyword, v.message, v.params as Record<string, unknown>) };
      });
      return sendProblem(reply, request, 400, 'Ongeldige invoer', 'Controleer de gemarkeerde velden.', 'validation_failed', [...onePerField(invalidParams), ...routeFieldChecks(request, fe, invalidParams)]);
    }
    const unknown = unknownReference(error);
    if (unknown) {
      // An id in the request that names nothing: a field error, and the transaction rolled back.
      request.log.warn({ err: error }, 'the request named an id that does not exist');
      return sendProblem(reply, request, 400, 'Ongeldige invoer', 'Een van de gekozen items bestaat niet (meer). Kies opnieuw en probeer het nog eens.', 'unknown_reference', [
        { name: unknown, code: 'unknown_reference', reason: 'Dit item bestaat niet (meer). Kies een ander.' },
      ]);
    }
    const refused = refusedByDatabase(error);
    if (refused) {
      // Input that slipped past validation and that the database refuses: the client's mistake, not ours.
      request.log.warn({ err: error }, 'the database refused a value from the request');
      return sendProblem(reply, request, 400, 'Ongeldige invoer', refused, 'invalid_value');
    }
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
    if (status === 413) {
      return sendProblem(reply, request, 413, 'Te groot', 'Het verzoek is groter dan de server aanneemt. Stuur minder gegevens tegelijk, of een kleiner bestand.', 'payload_too_large');
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fe.statusCode === 400 && error instanceof SyntaxError)) {
      return sendProblem(reply, request, 400, 'Ongeldige invoer', 'De gegevens zijn geen geldige JSON. Controleer wat u stuurt.', 'invalid_json');
    }
    if (status === 429) {
      return sendProblem(reply, request, 429, 'Te veel verzoeken', 'Te veel verzoeken in korte tijd. Wacht even en probeer het opnieuw.', 'too_many_requests');
    }
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, request, status, 'Interne fout', 'Er ging iets mis aan onze kant. Probeer het later opnieuw; er is niets opgeslagen.', 'internal_error');
    }
    if (status === 415) return sendProblem(reply, request, 415, 'Verkeerd formaat', 'Stuur de gegevens als JSON (Content-Type: application/json).', 'unsupported_media_type');
    return sendProblem(reply, request, status, 'Ongeldig verzoek', fe.message, fe.code ?? 'bad_request');
  });
}

/**
 * The SQLSTATE classes of a value the database refuses as such (22: data exception, e.g. a NUL in
 * text, a number out of range, a date that does not exist; 23514: a check constraint), as a Dutch
 * sentence; null for every other error. A safety net: routes validate their input first.
 */
function refusedByDatabase(error: unknown): string | null {
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || typeof severity !== 'string') return null;
  if (code === '22P05' || code === '22021') return 'Er staat een teken in de invoer dat niet kan worden opgeslagen (zoals een NUL-teken). Haal het weg en probeer het opnieuw.';
  if (code === '22001') return 'Een van de waarden is te lang. Maak haar korter en probeer het opnieuw.';
  if (code === '22003') return 'Een van de getallen is te groot of te klein. Controleer de invoer.';
  if (code === '22007' || code === '22008') return 'Een van de datums bestaat niet of ligt buiten het bereik. Controleer de invoer.';
  if (code.startsWith('22')) return 'Een van de waarden heeft niet de juiste vorm. Controleer de invoer.';
  if (code === '23514') return 'Een van de waarden is niet toegestaan. Controleer de invoer.';
  return null;
}

/**
 * A foreign-key violation (23503) on insert or update: the request named an id that does not
 * exist. Returns the field, from the column PostgreSQL names ("Key (goal_id)=(…)" → goalId); null
 * for every other error. A safety net: commands check the ids they are given first.
 */
function unknownReference(error: unknown): string | null {
  const { code, detail, severity } = error as { code?: unknown; detail?: unknown; severity?: unknown };
  if (code !== '23503' || typeof severity !== 'string' || typeof detail !== 'string' || !/is not present in table/.test(detail)) return null;
  const column = /^Key \(([a-z_]+)\)=/.exec(detail)?.[1];
  return column ? column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : 'id';
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  title: string,
  detail: string,
  code: string,
  invalidParams: FieldError[] = [],
  extra: Record<string, unknown> = {},
) {
  const body: Record<string, unknown> = { type: 'about:blank', title, status, detail, code, instance: request.url.split('?')[0], ...extra };
  if (invalidParams.length) body.invalidParams = invalidParams;
  return reply.status(status).type('application/problem+json').send(body);
}

/** The route's fieldChecks on a body the schema refused: the errors of fields the schema did not already name. */
function routeFieldChecks(request: FastifyRequest, fe: FastifyError, schemaErrors: FieldError[]): FieldError[] {
  const checks = request.routeOptions.config?.fieldChecks;
  const body = request.body;
  if (!checks || fe.validationContext !== 'body' || typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const named = new Set(schemaErrors.map((e) => e.name.split('/')[0]));
  try {
    return checks(body as Record<string, unknown>).filter((e) => !named.has(e.name.split('/')[0]));
  } catch (error) {
    // A check that cannot read a malformed body adds nothing: the schema's errors still say what to fix.
    request.log.debug({ err: error }, 'field checks skipped on a body the schema refused');
    return [];
  }
}

/**
 * A choice between literals (anyOf) makes the validator report one error per alternative plus the
 * anyOf itself; people need one message per field.
 */
function onePerField(errors: FieldError[]): FieldError[] {
  const byName = new Map<string, FieldError>();
  for (const e of errors) {
    const seen = byName.get(e.name);
    if (!seen || e.code === 'anyOf' || e.code === 'enum') byName.set(e.name, e);
  }
  return [...byName.values()];
}

const nl = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('nl-NL') : String(n));

function dutchReason(keyword: string, message: string | undefined, params: Record<string, unknown>): string {
  switch (keyword) {
    case 'required':
      return 'Dit veld is verplicht.';
    case 'format':
      if (params.format === 'uuid') return 'Dit is geen geldige id (UUID).';
      if (params.format === 'date') return 'Vul een datum in als JJJJ-MM-DD.';
      if (params.format === 'email') return 'Vul een geldig e-mailadres in.';
      return `Ongeldig formaat (${String(params.format)}).`;
    case 'minLength':
      return params.limit === 1 ? 'Dit veld mag niet leeg zijn.' : `Minimaal ${String(params.limit)} tekens.`;
    case 'maxLength':
      return `Maximaal ${String(params.limit)} tekens.`;
    case 'enum': {
      // In a form this is a choice left open or a list the screen did not offer; say what may be chosen.
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map(String) : [];
      return allowed.length > 0 && allowed.length <= 12 ? `Maak een keuze uit de lijst (mogelijk: ${allowed.join(', ')}).` : 'Maak een keuze uit de lijst.';
    }
    case 'anyOf':
      return 'Maak een keuze uit de lijst.';
    case 'pattern':
      if (params.pattern === NO_YEAR_ZERO) return 'Het jaar 0000 bestaat niet. Vul een datum in als JJJJ-MM-DD.';
      return 'Het formaat klopt niet.';
    case 'type':
      // A nullable field names its types as a list (e.g. ['integer', 'null']): the number it asks for decides.
      if (params.type === 'integer' || (Array.isArray(params.type) && params.type.includes('integer'))) return 'Vul een geheel getal in.';
      if (params.type === 'number' || (Array.isArray(params.type) && params.type.includes('number'))) return 'Vul een getal in.';
      if (params.type === 'boolean') return 'Kies ja of nee (true of false).';
      return `Verwacht ${String(params.type)}.`;
    case 'additionalProperties':
      return `Onbekend veld "${String(params.additionalProperty)}".`;
    case 'minimum':
      return `Kies een getal van minstens ${nl(params.limit)}.`;
    case 'maximum':
      return `Kies een getal van hoogstens ${nl(params.limit)}.`;
    case 'exclusiveMinimum':
      return `Kies een getal groter dan ${nl(params.limit)}.`;
    case 'exclusiveMaximum':
      return `Kies een getal kleiner dan ${nl(params.limit)}.`;
    case 'multipleOf':
      return `Kies een veelvoud van ${nl(params.multipleOf)}.`;
    default:
      return message ?? 'Ongeldige waarde.';
  }
}
