import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Every route declares what it may answer (issue 11, "typed contracts"): the response schema is a
 * whitelist, so a field it does not name never leaves the server. A new route without one, or with
 * a schema that lets anything through, fails here.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ children: 50 });
});
afterAll(async () => t?.close());

type Schema = Record<string, unknown>;

/** The places in a response schema that would let any value through, as JSON paths. */
function openings(schema: unknown, path: string, found: string[]) {
  if (!schema || typeof schema !== 'object') return found;
  const s = schema as Schema;
  if (s.format === 'binary') return found;
  // A value that can only be null (OpenAPI 3.0 writes it as { type: 'object', nullable: true, enum: [null] }).
  if (Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null) return found;
  const typed = 'type' in s || '$ref' in s || 'anyOf' in s || 'oneOf' in s || 'allOf' in s || 'enum' in s || 'const' in s;
  if (!typed) found.push(path || '(root)');
  if (s.additionalProperties === true) found.push(`${path}.additionalProperties`);
  if (s.type === 'object' && !s.properties && !s.additionalProperties && !s.patternProperties) found.push(`${path} (object without properties)`);
  for (const [key, child] of Object.entries((s.properties as Schema) ?? {})) openings(child, `${path}.${key}`, found);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') openings(s.additionalProperties, `${path}[*]`, found);
  for (const child of Object.values((s.patternProperties as Schema) ?? {})) openings(child, `${path}[*]`, found);
  if (s.items) openings(s.items, `${path}[]`, found);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = s[key];
    if (Array.isArray(list)) list.forEach((child, i) => openings(child, `${path}|${i}`, found));
  }
  return found;
}

describe('the API contract', () => {
  it('registers its routes, and the route list is what the app really serves', () => {
    const api = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/') && !r.hidden);
    expect(api.length).toBeGreaterThan(100);
    expect(api).toContainEqual(expect.objectContaining({ method: 'GET', url: '/api/v1/children/:id' }));
  });

  it('every route declares the answer it may give, with a success status', () => {
    const missing = t.app.registeredRoutes
      .filter((r) => r.url.startsWith('/api/v1/') && !r.hidden)
      .filter((r) => !r.responses.some((code) => /^2(\d\d|xx)$/.test(code)))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, 'routes without a response schema').toEqual([]);
  });

  it('no response schema lets an undeclared field through', async () => {
    const res = await t.anonymous().get('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema: unknown }> }> }>>; components?: { schemas?: Schema } };
    const open: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          for (const [media, content] of Object.entries(response.content ?? {})) {
            for (const where of openings(content.schema, '', [])) open.push(`${method.toUpperCase()} ${path} ${status} ${media} ${where}`);
          }
        }
      }
    }
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      for (const where of openings(schema, '', [])) open.push(`#/components/schemas/${name} ${where}`);
    }
    expect(open).toEqual([]);
  });

  it('a field the schema does not name never leaves the server', async () => {
    // The session carries the user's password hash and TOTP secret in the database; the answer names neither.
    const ib = await t.login('ib');
    const res = await ib.get('/api/v1/session');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['activeMembershipId', 'can', 'csrfToken', 'demo', 'expiresAt', 'idleExpiresAt', 'memberships', 'totpEnrolmentRequired', 'user']);
    expect(Object.keys(res.json().user).sort()).toEqual(['displayName', 'id', 'kind', 'username']);
  });
});
