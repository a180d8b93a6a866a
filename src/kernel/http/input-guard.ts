import type { FastifyInstance } from 'fastify';
import { ValidationError, type FieldError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'route': the route checks its input for characters that cannot be stored itself (the sign-in, which logs the attempt). */
    inputGuard?: 'route';
  }
}

/**
 * Characters PostgreSQL cannot store: a NUL (\u0000) in text or JSON, and half of a UTF-16
 * surrogate pair (JSON can write "\ud800"; jsonb refuses it, text stores a replacement character
 * instead). Such input is refused at the door with a field error, so it never reaches the
 * database as a 500.
 */
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type BadCharacter = 'nul_character' | 'invalid_character';

export function badCharacter(text: string): BadCharacter | null {
  if (text.includes('\u0000')) return 'nul_character';
  return SURROGATE.test(text) && LONE_SURROGATE.test(text) ? 'invalid_character' : null;
}

export const BAD_CHARACTER_REASON: Record<BadCharacter, string> = {
  nul_character: 'Dit veld bevat een onzichtbaar NUL-teken (\\u0000); dat kan niet worden opgeslagen. Haal het teken weg en probeer het opnieuw.',
  invalid_character: 'Dit veld bevat een ongeldig teken (een half Unicode-teken); dat kan niet worden opgeslagen. Haal het teken weg en probeer het opnieuw.',
};

/** A text as it can be stored and shown: a NUL written out as \u0000, half a character as �. */
export const storable = (text: string) => text.replaceAll('\u0000', '\\u0000').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');

/**
 * Field errors for every string in a value (body, query, params, form fields) with a character
 * that cannot be stored, named as the validator names fields: "username", "enrolments/0/startDate",
 * "querystring/q", "params/id". At most `max` errors.
 */
export function badCharacterErrors(value: unknown, base: string, max = 20): FieldError[] {
  const errors: FieldError[] = [];
  const at = (path: string, key: string) => (path ? `${path}/${key}` : key);
  // Depth first, in document order; a field whose name is bad is reported instead of its value.
  const stack: [unknown, string, BadCharacter | null][] = [[value, base, null]];
  while (stack.length && errors.length < max) {
    const [v, path, badKey] = stack.pop()!;
    if (badKey) {
      errors.push({ name: storable(path), code: badKey, reason: 'De naam van dit veld bevat een teken dat niet kan worden opgeslagen (zoals een NUL-teken). Haal het teken weg en probeer het opnieuw.' });
    } else if (typeof v === 'string') {
      const bad = badCharacter(v);
      if (bad) errors.push({ name: storable(path) || 'body', code: bad, reason: BAD_CHARACTER_REASON[bad] });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], at(path, String(i)), null]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], at(path, entries[i][0]), badCharacter(entries[i][0])]);
    }
  }
  return errors;
}

/**
 * Refuses, before validation, every request whose path parameters, query string or JSON body
 * holds a character that cannot be stored (see {@link badCharacter}): 400 with a field error per
 * field. A raw body (a file sent as the body, read by the route itself) is left to its route.
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config?.inputGuard === 'route') return;
    const errors = [
      ...badCharacterErrors(request.params, 'params'),
      ...badCharacterErrors(request.query, 'querystring'),
      ...(typeof request.body === 'object' ? badCharacterErrors(request.body, '') : []),
    ];
    if (errors.length) throw new ValidationError(errors, 'Er staat een teken in de invoer dat niet kan worden opgeslagen (zoals een NUL-teken). Haal het weg en probeer het opnieuw.');
  });
}
