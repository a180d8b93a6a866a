import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITY_ROLES } from '../../src/kernel/policy/capabilities.ts';
import { generate, generateSecret } from 'otplib';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { startTestApp, makeClient, type TestApp } from '../support/test-app.ts';
import { hashPassword, MAX_ACCOUNT_FAILURES, MAX_ADDRESS_FAILURES } from '../../src/modules/session/session-service.ts';
import { openDatabase } from '../../src/kernel/db/database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ children: 60 });
});
afterAll(async () => t?.close());

const signIn = (body: object, ip = '127.0.0.1') => t.app.inject({ method: 'POST', url: '/api/v1/session', payload: body, remoteAddress: ip });
const PASSWORD = 'een goed wachtwoord';
/** A professional's account of its own for a test (password PASSWORD), optionally with TOTP enrolled. */
async function makeAccount(username: string, opts: { totpSecret?: string } = {}) {
  const person = await t.database.db.insertInto('people').values({ region_id: t.demo.regionId, given_name: 'Test', family_name: username }).returning('id').executeTakeFirstOrThrow();
  const account = await t.database.db
    .insertInto('accounts')
    .values({ region_id: t.demo.regionId, username, password_hash: await hashPassword(PASSWORD), kind: 'professional', person_id: person.id, totp_secret: opts.totpSecret ?? null, totp_enabled: !!opts.totpSecret })
    .returning('id')
    .executeTakeFirstOrThrow();
  return account.id;
}
const statuses = (responses: { statusCode: number }[]) => {
  const count: Record<number, number> = {};
  for (const r of responses) count[r.statusCode] = (count[r.statusCode] ?? 0) + 1;
  return count;
};
const deniedSignIns = async (where: { accountId?: string; ip?: string }) => {
  let q = t.database.db.selectFrom('access_log').select(['detail']).where('event', '=', 'session.sign_in').where('outcome', '=', 'denied');
  if (where.accountId) q = q.where('account_id', '=', where.accountId);
  if (where.ip) q = q.where('ip', '=', where.ip);
  return q.execute();
};
/** A code of the next time step (accepted within the ±30 s window), for a sign-in after one that used the current code. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

describe('health and API conventions', () => {
  it('GET /health names the engine', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgresql' : 'pglite' });
    expect(res.headers['api-version']).toBe('1.0.0');
  });
  it('publishes OpenAPI 3 with the contract paths', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/v1/session', '/api/v1/children', '/api/v1/children/{id}', '/api/v1/children/{id}/access-log', '/api/v1/health']) expect(doc.paths).toHaveProperty([p]);
  });
  it('answers errors as problem+json and sets a strict CSP', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: expect.any(String), detail: expect.any(String) });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
  it('refuses a sign-in body with missing fields, naming the field', async () => {
    const res = await signIn({ username: 'ib' });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'password', code: 'required' })]);
  });
});

describe('sign-in, session and sign-out', () => {
  it('wrong credentials → 401; right → session cookie (HttpOnly, SameSite) and csrfToken', async () => {
    const wrong = await signIn({ username: 'ib', password: 'nee' }, '10.0.0.1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_credentials');
    const unknown = await signIn({ username: 'niemand', password: 'demo' }, '10.0.0.1');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail); // no hint whether the user exists
    const ok = await signIn({ username: 'IB ', password: 'demo' });
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(body.user).toMatchObject({ username: 'ib', kind: 'professional' });
    expect(body.memberships.map((m: { role: string }) => m.role)).toContain('intern_begeleider');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/samenspel_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; Secure behind TLS
  });

  it('GET /session → the user; DELETE needs the CSRF header; afterwards 401', async () => {
    const c = await t.login('leerkracht');
    expect((await c.get('/api/v1/session')).json().user.username).toBe('leerkracht');
    const token = c.csrfToken;
    c.csrfToken = null;
    const noCsrf = await c.delete('/api/v1/session');
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
    c.csrfToken = 'wrong-token-of-some-length';
    expect((await c.delete('/api/v1/session')).statusCode).toBe(403);
    c.csrfToken = token;
    expect((await c.delete('/api/v1/session')).statusCode).toBe(204);
    expect((await c.get('/api/v1/session')).statusCode).toBe(401);
    expect((await c.get('/api/v1/children')).statusCode).toBe(401);
  });

  it('signed out: 401 on the API', async () => {
    expect((await t.anonymous().get('/api/v1/children')).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/v1/session')).statusCode).toBe(401);
  });

  it('a session ends after 30 minutes idle and after 12 hours in all', async () => {
    const c = await t.login('mentor');
    await sql`update sessions set last_seen_at = now() - interval '31 minutes' where ended_at is null and account_id = ${t.demo.accounts.mentor.accountId}`.execute(t.database.db);
    expect((await c.get('/api/v1/session')).statusCode).toBe(401);
    const d = await t.login('mentor');
    await sql`update sessions set last_seen_at = now() - interval '29 minutes' where ended_at is null and account_id = ${t.demo.accounts.mentor.accountId}`.execute(t.database.db);
    expect((await d.get('/api/v1/session')).statusCode).toBe(200);
    await sql`update sessions set created_at = now() - interval '12 hours 1 minute' where ended_at is null and account_id = ${t.demo.accounts.mentor.accountId}`.execute(t.database.db);
    expect((await d.get('/api/v1/session')).statusCode).toBe(401);
  });

  it('switching the organisation one acts for', async () => {
    const multi = await t.database.db
      .selectFrom('memberships as m')
      .innerJoin('accounts as a', 'a.person_id', 'm.person_id')
      .where('m.ended_at', 'is', null)
      .groupBy('a.username')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .select('a.username')
      .executeTakeFirstOrThrow();
    const c = await t.login(multi.username);
    const s = (await c.get('/api/v1/session')).json();
    const other = s.memberships.find((m: { id: string }) => m.id !== s.activeMembershipId);
    const res = await c.put('/api/v1/session/membership', { membershipId: other.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().activeMembershipId).toBe(other.id);
    const refused = await c.put('/api/v1/session/membership', { membershipId: '00000000-0000-4000-8000-000000000000' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams[0].name).toBe('membershipId');
  });
});

describe('throttling failed sign-ins', () => {
  it(`locks an account after ${MAX_ACCOUNT_FAILURES} failures, even for the right password`, async () => {
    for (let i = 0; i < MAX_ACCOUNT_FAILURES; i++) expect((await signIn({ username: 'swv', password: 'fout' }, `10.1.0.${i}`)).statusCode).toBe(401);
    const locked = await signIn({ username: 'swv', password: 'demo' }, '10.1.1.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
    expect(locked.json().detail).toMatch(/geblokkeerd/);
  });
  it(`blocks an address after ${MAX_ADDRESS_FAILURES} failures in 15 minutes`, async () => {
    for (let i = 0; i < MAX_ADDRESS_FAILURES; i++) await signIn({ username: `gok${i}`, password: 'x' }, '10.2.0.1');
    expect((await signIn({ username: 'beleid', password: 'demo' }, '10.2.0.1')).statusCode).toBe(429);
    expect((await signIn({ username: 'beleid', password: 'demo' }, '10.2.0.2')).statusCode).toBe(200);
  });
  it('failed sign-ins are in the access log', async () => {
    const rows = await t.database.db.selectFrom('access_log').select(['outcome', 'detail']).where('event', '=', 'session.sign_in').where('outcome', '=', 'denied').execute();
    expect(rows.length).toBeGreaterThanOrEqual(MAX_ACCOUNT_FAILURES + MAX_ADDRESS_FAILURES);
  });
});

describe('throttling holds under parallel sign-ins', () => {
  it(`12 wrong passwords at once: at most ${MAX_ACCOUNT_FAILURES} are checked, then the account is locked, also for the right password`, async () => {
    const id = await makeAccount('parallel-lock');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn({ username: 'parallel-lock', password: `fout ${i}` }, `10.21.0.${i}`)));
    expect(statuses(results)).toEqual({ 401: MAX_ACCOUNT_FAILURES, 429: 12 - MAX_ACCOUNT_FAILURES });
    const right = await signIn({ username: 'parallel-lock', password: PASSWORD }, '10.21.1.1');
    expect(right.statusCode).toBe(429);
    expect(right.json().detail).toMatch(/geblokkeerd/);
    // Each checked password is a failure in the access log, as before.
    const denied = await deniedSignIns({ accountId: id });
    expect(denied).toHaveLength(MAX_ACCOUNT_FAILURES);
    expect(denied.every((d) => (d.detail as { reason: string }).reason === 'invalid_credentials')).toBe(true);
  });

  it(`40 wrong sign-ins at once from one address: exactly ${MAX_ADDRESS_FAILURES} are checked (401), the rest 429`, async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn({ username: `zwerm${i}`, password: 'x' }, '10.22.0.1')));
    expect(statuses(results)).toEqual({ 401: MAX_ADDRESS_FAILURES, 429: 40 - MAX_ADDRESS_FAILURES });
    expect(await deniedSignIns({ ip: '10.22.0.1' })).toHaveLength(MAX_ADDRESS_FAILURES);
    expect((await signIn({ username: 'jongere', password: 'demo' }, '10.22.0.1')).statusCode).toBe(429);
    expect((await signIn({ username: 'jongere', password: 'demo' }, '10.22.0.2')).statusCode).toBe(200);
  });

  it('the limits hold across two app nodes on one database', async () => {
    const url = (t.database as { url?: string }).url;
    // On PostgreSQL the second node has its own connection pool; PGlite has one connection.
    const otherDb = url ? await openDatabase({ databaseUrl: url }) : t.database;
    const other = await buildApp(otherDb, t.config, { logger: false, keys: t.keys });
    try {
      const node = (i: number) => (i % 2 ? other : t.app);
      await makeAccount('parallel-nodes');
      const account = await Promise.all(
        Array.from({ length: 12 }, (_, i) => node(i).inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'parallel-nodes', password: 'fout' }, remoteAddress: `10.23.0.${i}` })),
      );
      expect(statuses(account)).toEqual({ 401: MAX_ACCOUNT_FAILURES, 429: 12 - MAX_ACCOUNT_FAILURES });
      const address = await Promise.all(
        Array.from({ length: 40 }, (_, i) => node(i).inject({ method: 'POST', url: '/api/v1/session', payload: { username: `knoop${i}`, password: 'x' }, remoteAddress: '10.23.1.1' })),
      );
      expect(statuses(address)).toEqual({ 401: MAX_ADDRESS_FAILURES, 429: 40 - MAX_ADDRESS_FAILURES });
    } finally {
      await other.close();
      if (otherDb !== t.database) await otherDb.close();
    }
  });

  it('a successful sign-in gives its attempt back: failures before it do not add up with later ones', async () => {
    const id = await makeAccount('gives-back');
    for (let round = 0; round < 2; round++) {
      const wrong = await Promise.all(Array.from({ length: MAX_ACCOUNT_FAILURES - 1 }, () => signIn({ username: 'gives-back', password: 'fout' }, '10.24.0.1')));
      expect(statuses(wrong)).toEqual({ 401: MAX_ACCOUNT_FAILURES - 1 });
      expect((await signIn({ username: 'gives-back', password: PASSWORD }, '10.24.0.1')).statusCode).toBe(200);
    }
    const row = await t.database.db.selectFrom('accounts').select(['failed_logins', 'locked_until']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    // Only the failures count against the address.
    const failures = await t.database.db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('address', '=', '10.24.0.1').executeTakeFirstOrThrow();
    expect(Number(failures.n)).toBe(2 * (MAX_ACCOUNT_FAILURES - 1));
  });

  it('being asked for the code does not reset the count: wrong codes still lock the account', async () => {
    const secret = generateSecret();
    await makeAccount('asks-code', { totpSecret: secret });
    for (let i = 0; i < MAX_ACCOUNT_FAILURES - 1; i++) expect((await signIn({ username: 'asks-code', password: 'fout' }, '10.25.0.1')).statusCode).toBe(401);
    const asked = await signIn({ username: 'asks-code', password: PASSWORD }, '10.25.0.1');
    expect(asked.json().code).toBe('totp_required');
    expect((await signIn({ username: 'asks-code', password: PASSWORD, totp: '000000' }, '10.25.0.1')).json().code).toBe('totp_invalid');
    expect((await signIn({ username: 'asks-code', password: PASSWORD, totp: await generate({ secret }) }, '10.25.0.1')).statusCode).toBe(429);
  });
});

describe('a TOTP code is accepted once', () => {
  it('the same code again is refused (401 totp_invalid) and counted as a failure; the next code works', async () => {
    const secret = generateSecret();
    const id = await makeAccount('totp-once', { totpSecret: secret });
    const code = await generate({ secret });
    expect((await signIn({ username: 'totp-once', password: PASSWORD, totp: code }, '10.26.0.1')).statusCode).toBe(200);
    const replay = await signIn({ username: 'totp-once', password: PASSWORD, totp: code }, '10.26.0.2');
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('totp_invalid');
    const denied = await deniedSignIns({ accountId: id });
    expect(denied.map((d) => (d.detail as { reason: string }).reason)).toEqual(['totp_invalid']);
    expect((await t.database.db.selectFrom('accounts').select('failed_logins').where('id', '=', id).executeTakeFirstOrThrow()).failed_logins).toBe(1);
    expect((await signIn({ username: 'totp-once', password: PASSWORD, totp: await nextCode(secret) }, '10.26.0.3')).statusCode).toBe(200);
  });

  it('two sign-ins with the same code at the same time: exactly one wins', async () => {
    const secret = generateSecret();
    await makeAccount('totp-race', { totpSecret: secret });
    const code = await generate({ secret });
    const results = await Promise.all([0, 1, 2].map((i) => signIn({ username: 'totp-race', password: PASSWORD, totp: code }, `10.27.0.${i}`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401]);
    expect(results.filter((r) => r.statusCode === 401).map((r) => r.json().code)).toEqual(['totp_invalid', 'totp_invalid']);
  });

  it('the code that confirmed enrolment cannot sign in again', async () => {
    await makeAccount('totp-enrol');
    const app = await buildApp(t.database, { ...t.config, demo: false }, { logger: false, keys: t.keys });
    try {
      const login = (body: object) => app.inject({ method: 'POST', url: '/api/v1/session', payload: body, remoteAddress: '10.28.0.1' });
      const first = await login({ username: 'totp-enrol', password: PASSWORD });
      expect(first.json().totpEnrolmentRequired).toBe(true);
      const c = makeClient(app, String(first.headers['set-cookie']).split(';')[0], first.json().csrfToken);
      const { secret } = (await c.post('/api/v1/session/totp/setup')).json();
      const code = await generate({ secret });
      expect((await c.post('/api/v1/session/totp/confirm', { code })).statusCode).toBe(200);
      const replay = await login({ username: 'totp-enrol', password: PASSWORD, totp: code });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().code).toBe('totp_invalid');
      expect((await login({ username: 'totp-enrol', password: PASSWORD, totp: await nextCode(secret) })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('second factor (TOTP)', () => {
  it('outside demo mode a professional must enrol TOTP first, then signs in with a code', async () => {
    const app = await buildApp(t.database, { ...t.config, demo: false }, { logger: false });
    try {
      const login = (body: object) => app.inject({ method: 'POST', url: '/api/v1/session', payload: body, remoteAddress: '10.3.0.1' });
      const first = await login({ username: 'directeur', password: 'demo' });
      expect(first.statusCode).toBe(200);
      expect(first.json().totpEnrolmentRequired).toBe(true);
      const cookie = String(first.headers['set-cookie']).split(';')[0];
      const c = makeClient(app, cookie, first.json().csrfToken);
      const blocked = await c.get('/api/v1/children');
      expect(blocked.statusCode).toBe(401);
      expect(blocked.json().code).toBe('totp_enrolment_required');
      const setup = (await c.post('/api/v1/session/totp/setup')).json();
      expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Samenspel:directeur\?/);
      expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      const wrongCode = await c.post('/api/v1/session/totp/confirm', { code: '000000' });
      expect(wrongCode.statusCode).toBe(400);
      expect(wrongCode.json().invalidParams[0].name).toBe('code');
      const confirmed = await c.post('/api/v1/session/totp/confirm', { code: await generate({ secret: setup.secret }) });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json().totpEnrolmentRequired).toBe(false);
      expect((await c.get('/api/v1/children')).statusCode).toBe(200);

      const noCode = await login({ username: 'directeur', password: 'demo' });
      expect(noCode.statusCode).toBe(401);
      expect(noCode.json().code).toBe('totp_required');
      const badCode = await login({ username: 'directeur', password: 'demo', totp: '123456' });
      expect(badCode.statusCode).toBe(401);
      expect(badCode.json().code).toBe('totp_invalid');
      // The code that confirmed enrolment is used up: the next one signs in.
      const good = await login({ username: 'directeur', password: 'demo', totp: await nextCode(setup.secret) });
      expect(good.statusCode).toBe(200);
      expect(good.json().totpEnrolmentRequired).toBe(false);
      // In demo mode too, an enrolled account needs its code.
      expect((await signIn({ username: 'directeur', password: 'demo' }, '10.3.0.2')).json().code).toBe('totp_required');
    } finally {
      await app.close();
    }
  });
  it('guardians are not forced to enrol (portal accounts)', async () => {
    const app = await buildApp(t.database, { ...t.config, demo: false }, { logger: false });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'ouder', password: 'demo' }, remoteAddress: '10.3.0.3' });
      expect(res.json().totpEnrolmentRequired).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe('demo accounts', () => {
  it('are listed in demo mode only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/demo-accounts' });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((a: { username: string }) => a.username);
    expect(names).toEqual(expect.arrayContaining(['beheer', 'privacy', 'leerkracht', 'mentor', 'ib', 'zorgcoordinator', 'directeur', 'jeugdhulp', 'wijkteam', 'swv', 'leerplicht', 'beleid', 'ouder', 'jongere']));
    const app = await buildApp(t.database, { ...t.config, demo: false }, { logger: false });
    expect((await app.inject({ method: 'GET', url: '/api/v1/demo-accounts' })).statusCode).toBe(404);
    await app.close();
  });
});

describe('session details the web app relies on', () => {
  it('tells when the session ends (idle and absolute), for a timeout warning', async () => {
    const c = await t.login('zorgcoordinator');
    const s = (await c.get('/api/v1/session')).json();
    const idle = Date.parse(s.idleExpiresAt) - Date.now();
    expect(idle).toBeGreaterThan(28 * 60_000);
    expect(idle).toBeLessThanOrEqual(30 * 60_000);
    expect(Date.parse(s.expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3600_000);
  });
  it('TOTP set-up keeps the same pending secret until it is confirmed', async () => {
    const app = await buildApp(t.database, { ...t.config, demo: false }, { logger: false });
    try {
      const first = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'wijkteam', password: 'demo' }, remoteAddress: '10.4.0.1' });
      const c = makeClient(app, String(first.headers['set-cookie']).split(';')[0], first.json().csrfToken);
      const a = (await c.post('/api/v1/session/totp/setup')).json();
      const b = (await c.post('/api/v1/session/totp/setup')).json();
      expect(b.secret).toBe(a.secret);
    } finally {
      await app.close();
    }
  });
  it('a wrong choice value gives one message for that field', async () => {
    const beheer = await t.login('beheer');
    const res = await beheer.post('/api/v1/organisations', { kind: 'bakkerij', name: 'X' });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'kind', reason: expect.stringMatching(/^Maak een keuze uit de lijst \(mogelijk: .*school_location.*\)\.$/) })]);
  });
});

describe('what the user may do comes from the server (session.can)', () => {
  const can = async (username: string) => (await (await t.login(username)).get('/api/v1/session')).json().can as Record<string, boolean>;
  const granted = (flags: Record<string, boolean>) => Object.keys(flags).filter((k) => flags[k]).sort();

  it('gives each role its screens and nothing more', async () => {
    expect(granted(await can('ib'))).toEqual(['importPupils', 'listChildren', 'raiseSignals', 'schoolAbsence', 'schoolCalendar', 'thuiszitterCandidates', 'thuiszitterEscalation', 'thuiszitterRegister', 'triageSignals', 'workCases', 'workRequests']);
    expect(granted(await can('leerkracht'))).toEqual(['listChildren', 'raiseSignals', 'workCases']);
    expect(granted(await can('beheer'))).toEqual(['administerRegion', 'escalateRequests', 'reviewRoleGrants']);
    expect(granted(await can('privacy'))).toEqual(['readAccessLog', 'reviewRoleGrants']);
    expect(granted(await can('leerplicht'))).toEqual(['attendanceWorkspace', 'listChildren', 'monitor', 'thuiszitterCandidates', 'thuiszitterCountsInRegister', 'thuiszitterEscalation', 'thuiszitterRegister', 'workCases', 'workRequests']);
    // The monitor: aggregates for the analyst, the SWV, the school leader and the attendance officer only
    // (signing in as them here is not possible: earlier tests of this file lock or secure those accounts).
    expect([...CAPABILITY_ROLES.monitor].sort()).toEqual(['attendance_officer', 'policy_analyst', 'school_leader', 'swv_consultant']);
    // Every flag is there, also the ones that are false: the web app never guesses.
    expect(Object.keys(await can('ouder')).length).toBe(Object.keys(await can('ib')).length);
  });

  it('follows the membership the user acts for now', async () => {
    const c = await t.login('ib');
    const session = (await c.get('/api/v1/session')).json();
    const other = session.memberships.find((m: { id: string }) => m.id !== session.activeMembershipId);
    expect(other).toBeDefined();
    // The demo ib works at two schools in the same role: the same screens at the other school.
    const switched = await c.put('/api/v1/session/membership', { membershipId: other.id });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().can).toEqual(session.can);
    expect(switched.json().activeMembershipId).toBe(other.id);
  });
});

describe('housekeeping', () => {
  it('ends sessions past their lifetime and prunes old failed sign-ins, keeping recent ones', async () => {
    const { pruneSignInData } = await import('../../src/modules/session/maintenance.ts');
    const live = await t.login('leerplicht');
    const stale = await t.login('beleid');
    await sql`update sessions set last_seen_at = now() - interval '2 hours' where ended_at is null and account_id = ${t.demo.accounts.beleid.accountId}`.execute(t.database.db);
    await t.database.db.insertInto('login_failures').values({ username: 'oud', address: '10.9.9.9', at: new Date(Date.now() - 2 * 86400_000) }).execute();
    const recent = await t.database.db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('at', '>', new Date(Date.now() - 86400_000)).executeTakeFirstOrThrow();
    const r = await pruneSignInData(t.database.db, t.config);
    expect(r.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(r.failuresPruned).toBe(1);
    const after = await t.database.db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(recent.n));
    expect((await live.get('/api/v1/session')).statusCode).toBe(200);
    expect((await stale.get('/api/v1/session')).statusCode).toBe(401);
  });
});
