import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv(60);
});
afterAll(async () => env?.close());

describe('serving the web app', () => {
  it('serves index.html at / and at every client route, with the strict CSP', async () => {
    for (const path of ['/', '/inloggen', '/kinderen', '/kinderen/00000000-0000-4000-8000-000000000000/toegangslog']) {
      const res = await fetch(env.baseUrl + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await res.text()).toContain('<div id="root">');
    }
    const head = await fetch(env.baseUrl + '/kinderen', { method: 'HEAD' });
    expect(head.status).toBe(200);
  });
  it('answers a missing asset and an unknown API path with 404, not with the app', async () => {
    expect((await fetch(env.baseUrl + '/assets/bestaat-niet.js')).status).toBe(404);
    const api = await fetch(env.baseUrl + '/api/v1/bestaat-niet');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});
