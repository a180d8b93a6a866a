import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * TRUST_PROXY names the reverse proxies (issue 10): only a request that comes from one of them
 * may say, in X-Forwarded-*, who the client is and whether it used https. Anyone else who sends
 * the header is logged as themselves.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ children: 60, env: { TRUST_PROXY: '10.0.0.5,10.0.1.0/24' } });
});
afterAll(() => t?.close());

let n = 0;
async function failedSignIn(from: string, headers: Record<string, string>) {
  const username = `niemand-${++n}-${Date.now()}`;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: from, headers, payload: { username, password: 'fout' } });
  expect(res.statusCode).toBe(401);
  const logged = await t.database.db
    .selectFrom('access_log')
    .select('ip')
    .where('event', '=', 'session.sign_in')
    .where('outcome', '=', 'denied')
    .where((eb) => eb(eb.ref('detail', '->>').key('username' as never), '=', username))
    .executeTakeFirstOrThrow();
  const failure = await t.database.db.selectFrom('login_failures').select('address').where('username', '=', username).executeTakeFirstOrThrow();
  return { ip: logged.ip, throttledAs: failure.address };
}

describe('TRUST_PROXY: a list of proxy addresses (issue 10)', () => {
  it('a listed proxy passes on the client address; the access log and the sign-in throttle record the client', async () => {
    expect(await failedSignIn('10.0.0.5', { 'x-forwarded-for': '203.0.113.7' })).toEqual({ ip: '203.0.113.7', throttledAs: '203.0.113.7' });
    expect((await failedSignIn('10.0.1.77', { 'x-forwarded-for': '203.0.113.8' })).ip).toBe('203.0.113.8'); // a CIDR range
  });

  it('anyone else sending X-Forwarded-For is logged as themselves', async () => {
    expect(await failedSignIn('198.51.100.9', { 'x-forwarded-for': '203.0.113.7' })).toEqual({ ip: '198.51.100.9', throttledAs: '198.51.100.9' });
    // A client behind the proxy cannot put a false address in front of the real one.
    expect((await failedSignIn('10.0.0.5', { 'x-forwarded-for': '192.0.2.1, 203.0.113.9' })).ip).toBe('203.0.113.9');
  });

  it('the session cookie is Secure only when a listed proxy says the client used https', async () => {
    const signIn = (from: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: from, headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'ib', password: 'demo' } });
    const viaProxy = await signIn('10.0.0.5');
    expect(viaProxy.statusCode).toBe(200);
    expect(String(viaProxy.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    const direct = await signIn('198.51.100.9');
    expect(direct.statusCode).toBe(200);
    expect(String(direct.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
  });
});
