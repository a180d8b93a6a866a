import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, TooManyRequestsError, type FieldError } from '../errors.ts';

/** Presents every error as application/problem+json (RFC 9457), with field errors for validation. */
export function registerProblemHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | ProblemError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ProblemError) {
      if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds));
      return sendProblem(reply, request, error.status, error.title, error.detail, error.code, error.invalidParams);
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const invalidParams: FieldError[] = fe.validation.map((v) => {
        const missing = v.keyword === 'required' ? (v.params as { missingProperty?: string }).missingProperty : undefined;
        const path = (v.instancePath || '').replace(/^\//, '');
        const name = [fe.validationContext === 'body' ? '' : fe.validationContext, path, missing].filter(Boolean).join('/') || String(fe.validationContext ?? 'request');
        return { name, code: v.keyword, reason: dutchReason(v.keyword, v.message, v.params as Record<string, unknown>) };
      });
      return sendProblem(reply, request, 400, 'Ongeldige invoer', 'Controleer de gemarkeerde velden.', 'validation_failed', onePerField(invalidParams));
    }
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
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

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  title: string,
  detail: string,
  code: string,
  invalidParams: FieldError[] = [],
) {
  const body: Record<string, unknown> = { type: 'about:blank', title, status, detail, code, instance: request.url.split('?')[0] };
  if (invalidParams.length) body.invalidParams = invalidParams;
  return reply.status(status).type('application/problem+json').send(body);
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
    case 'enum':
    case 'anyOf':
      return 'Kies een van de toegestane waarden.';
    case 'pattern':
      return 'Het formaat klopt niet.';
    case 'type':
      return `Verwacht ${String(params.type)}.`;
    case 'additionalProperties':
      return `Onbekend veld "${String(params.additionalProperty)}".`;
    case 'minimum':
    case 'maximum':
      return `Waarde buiten bereik (${message ?? ''}).`;
    default:
      return message ?? 'Ongeldige waarde.';
  }
}
