import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, makeClient, type Client, type TestApp } from '../support/test-app.ts';
import { multipart } from '../support/multipart.ts';
import { buildApp } from '../../src/app.ts';
import { deliverPendingMail } from '../../src/modules/staff/mail.ts';

let t: TestApp;
let admin: Client;
let school: string;

async function importStaff(rows: string[], by: Client = admin, headers: Record<string, string> = {}) {
  const m = multipart({ organisationId: school }, { name: 'medewerkers.csv', content: ['voornaam;achternaam;e-mail;rollen', ...rows].join('\n'), type: 'text/csv' });
  const p = (await by.request('POST', '/api/v1/staff-imports', m.payload, { ...m.headers, ...headers })).json();
  expect(p.errors).toEqual([]);
  expect((await by.request('POST', `/api/v1/staff-imports/${p.id}/commit`, undefined, headers)).statusCode).toBe(200);
}
/** The token of the newest invitation e-mail to this address, as the outbox page shows it (demo mode). */
async function tokenFor(email: string) {
  const items = (await admin.get('/api/v1/outbox?pageSize=100')).json().items as { to: string; body: string | null }[];
  const mail = items.find((m) => m.to === email);
  return /\/uitnodiging\/([A-Za-z0-9_-]+)/.exec(mail!.body!)![1];
}
const anon = () => t.anonymous();
const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0];

beforeAll(async () => {
  t = await startTestApp({ children: 80, env: { PUBLIC_URL: 'https://samenspel.example.nl/' } });
  admin = await t.login('beheer');
  school = (await admin.get('/api/v1/organisations?kind=school_location')).json().items[0].id;
  await importStaff(['Olga;Oosterhuis;o.oosterhuis@uitnodiging.nl;leerkracht', 'Piet;Pauw;p.pauw@uitnodiging.nl;mentor', 'Quinta;Quist;q.quist@uitnodiging.nl;leerkracht', 'Rens;Ros;r.ros@uitnodiging.nl;leerkracht']);
});
afterAll(async () => t?.close());

describe('invitations', () => {
  it('the outbox (demo mode, no SMTP) shows the invitation e-mail with the link on PUBLIC_URL', async () => {
    const res = await admin.get('/api/v1/outbox');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.mode).toBe('demo');
    const mail = body.items.find((m: { to: string }) => m.to === 'o.oosterhuis@uitnodiging.nl');
    expect(mail).toMatchObject({ kind: 'invitation', subject: 'Uitnodiging voor Samenspel', status: 'pending', sentAt: null });
    expect(mail.body).toContain('Beste Olga,');
    expect(mail.body).toMatch(/https:\/\/samenspel\.example\.nl\/uitnodiging\/[A-Za-z0-9_-]{43}\n/);
    // Only the hash of the token is stored.
    const token = await tokenFor('o.oosterhuis@uitnodiging.nl');
    expect(await t.database.db.selectFrom('invitations').select('id').where('token_sha256', '=', token).executeTakeFirst()).toBeUndefined();
  });

  it('the link shows who is invited, for which organisation and until when (no session needed)', async () => {
    const token = await tokenFor('o.oosterhuis@uitnodiging.nl');
    const res = await anon().get(`/api/v1/invitations/${token}`);
    expect(res.statusCode).toBe(200);
    const inv = res.json();
    expect(inv).toMatchObject({ name: 'Olga Oosterhuis', email: 'o.oosterhuis@uitnodiging.nl', organisations: [expect.any(String)] });
    const days = (Date.parse(inv.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });

  it('a wrong token is 404', async () => {
    expect((await anon().get(`/api/v1/invitations/${'x'.repeat(43)}`)).statusCode).toBe(404);
    expect((await anon().post(`/api/v1/invitations/${'x'.repeat(43)}/accept`, { password: 'een lang wachtwoord' })).statusCode).toBe(404);
  });

  it('accepting sets the password and signs in with a session that must first enrol the second factor (also in demo mode)', async () => {
    const token = await tokenFor('o.oosterhuis@uitnodiging.nl');
    const short = await anon().post(`/api/v1/invitations/${token}/accept`, { password: 'kort' });
    expect(short.statusCode).toBe(400);
    expect(short.json().invalidParams[0]).toMatchObject({ name: 'password', code: 'password_too_short' });
    const email = await anon().post(`/api/v1/invitations/${token}/accept`, { password: 'O.Oosterhuis@uitnodiging.nl' });
    expect(email.json().invalidParams[0].code).toBe('password_is_email');
    const res = await anon().post(`/api/v1/invitations/${token}/accept`, { password: 'correct paard batterij' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ totpEnrolmentRequired: true, user: { username: 'o.oosterhuis@uitnodiging.nl', displayName: 'Olga Oosterhuis' } });
    const user = makeClient(t.app, cookieOf(res), res.json().csrfToken);
    expect((await user.get('/api/v1/session')).statusCode).toBe(200);
    // Anything but enrolling is refused until the second factor is set up.
    const children = await user.get('/api/v1/children');
    expect(children.statusCode).toBe(401);
    expect(children.json().code).toBe('totp_enrolment_required');
    expect((await user.post('/api/v1/session/totp/setup')).statusCode).toBe(200);
    const events = await t.database.db.selectFrom('access_log').select('event').where('account_id', '=', res.json().user.id).orderBy('seq').execute();
    expect(events.map((e) => e.event)).toEqual(['account.invitation_accept', 'session.sign_in']);
    // The people list shows the account as active.
    const people = (await admin.get('/api/v1/people?q=oosterhuis')).json().items;
    expect(people[0].invitationState).toBe('active');
  });

  it('a used link is refused (410), for viewing and accepting', async () => {
    const token = await tokenFor('o.oosterhuis@uitnodiging.nl');
    const view = await anon().get(`/api/v1/invitations/${token}`);
    expect(view.statusCode).toBe(410);
    expect(view.json().detail).toContain('al gebruikt');
    expect((await anon().post(`/api/v1/invitations/${token}/accept`, { password: 'nog een ander wachtwoord' })).statusCode).toBe(410);
  });

  it('an expired link is refused (410) and says to ask for a new one; the people list says expired', async () => {
    const token = await tokenFor('p.pauw@uitnodiging.nl');
    await sql`update invitations set expires_at = now() - interval '1 minute' where email = 'p.pauw@uitnodiging.nl'`.execute(t.database.db);
    const res = await anon().get(`/api/v1/invitations/${token}`);
    expect(res.statusCode).toBe(410);
    expect(res.json().detail).toContain('verlopen: vraag uw functioneel beheerder om een nieuwe uitnodiging');
    expect((await anon().post(`/api/v1/invitations/${token}/accept`, { password: 'correct paard batterij' })).statusCode).toBe(410);
    const people = (await admin.get('/api/v1/people?q=pauw')).json().items;
    expect(people[0].invitationState).toBe('expired');
  });

  it('resending revokes the open link and sends a new one that works', async () => {
    const personId = (await admin.get('/api/v1/people?q=pauw')).json().items[0].id;
    const res = await admin.post(`/api/v1/people/${personId}/invitation`);
    expect(res.statusCode).toBe(201);
    const fresh = await tokenFor('p.pauw@uitnodiging.nl');
    expect((await anon().get(`/api/v1/invitations/${fresh}`)).statusCode).toBe(200);
    expect((await admin.get('/api/v1/people?q=pauw')).json().items[0].invitationState).toBe('invited');
    // Resending again: the previous (still open) link is revoked.
    await admin.post(`/api/v1/people/${personId}/invitation`);
    const revoked = await anon().get(`/api/v1/invitations/${fresh}`);
    expect(revoked.statusCode).toBe(410);
    expect(revoked.json().code).toBe('invitation_revoked');
    // An active account gets no invitation.
    const olga = (await admin.get('/api/v1/people?q=oosterhuis')).json().items[0].id;
    expect((await admin.post(`/api/v1/people/${olga}/invitation`)).json().code).toBe('account_active');
  });

  it('two simultaneous accepts of the same link: exactly one wins', async () => {
    const token = await tokenFor('q.quist@uitnodiging.nl');
    const results = await Promise.all([
      anon().post(`/api/v1/invitations/${token}/accept`, { password: 'eerste wachtwoord 123' }),
      anon().post(`/api/v1/invitations/${token}/accept`, { password: 'tweede wachtwoord 456' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410]);
  });

  it('the accepted password signs in; the invited account could not before', async () => {
    const before = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'r.ros@uitnodiging.nl', password: 'wat dan ook 12345' } });
    expect(before.statusCode).toBe(401);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'o.oosterhuis@uitnodiging.nl', password: 'correct paard batterij' } });
    expect(res.statusCode).toBe(200);
  });
});

/** The functional administrator's session on another app instance (same database and key, other configuration). */
async function adminOn(app: typeof t.app) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'beheer', password: 'demo' } });
  return makeClient(app, cookieOf(res), res.json().csrfToken);
}

describe('invitation links are made on PUBLIC_URL, never on the Host of the request', () => {
  it('an invitation made through a request with a forged Host header links to PUBLIC_URL', async () => {
    const forged = { host: 'evil.example' };
    await importStaff(['Sanne;Smit;s.smit@uitnodiging.nl;leerkracht'], admin, forged);
    const items = (await admin.request('GET', '/api/v1/outbox?pageSize=100', undefined, forged)).json().items as { to: string; body: string }[];
    const mail = items.find((m) => m.to === 's.smit@uitnodiging.nl')!;
    expect(mail.body).toMatch(/\nhttps:\/\/samenspel\.example\.nl\/uitnodiging\/[A-Za-z0-9_-]{43}\n/);
    expect(mail.body).not.toContain('evil.example');
  });

  it('in demo mode without PUBLIC_URL the link is on http://localhost:<PORT>, whatever Host the request names', async () => {
    const app = await buildApp(t.database, { ...t.config, publicUrl: undefined, port: 4321 }, { logger: false, keys: t.keys });
    try {
      const other = await adminOn(app);
      const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };
      await importStaff(['Ties;Terpstra;t.terpstra@uitnodiging.nl;leerkracht'], other, forged);
      const { id: personId } = await t.database.db.selectFrom('people').select('id').where('email', '=', 's.smit@uitnodiging.nl').executeTakeFirstOrThrow();
      expect((await other.request('POST', `/api/v1/people/${personId}/invitation`, undefined, forged)).statusCode).toBe(201);
      const items = (await other.request('GET', '/api/v1/outbox?pageSize=100', undefined, forged)).json().items as { to: string; body: string }[];
      for (const to of ['t.terpstra@uitnodiging.nl', 's.smit@uitnodiging.nl']) {
        const mail = items.find((m) => m.to === to)!;
        expect(mail.body).toMatch(/\nhttp:\/\/localhost:4321\/uitnodiging\/[A-Za-z0-9_-]{43}\n/);
        expect(mail.body).not.toContain('evil.example');
      }
    } finally {
      await app.close();
    }
  });
});

/** Every row of every table of the database, as text. */
async function wholeDatabase() {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.database.db);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`select x::text as row from ${sql.table(table_name)} x`.execute(t.database.db);
    parts.push(...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}

describe('the database holds no working invitation link', () => {
  it('outside demo mode the stored e-mail has no link and nothing in the database accepts the invitation; the delivered e-mail does', async () => {
    const config = { ...t.config, demo: false, smtpUrl: 'smtp://127.0.0.1:9' };
    const app = await buildApp(t.database, config, { logger: false, keys: t.keys });
    try {
      await importStaff(['Umut;Uysal;u.uysal@uitnodiging.nl;leerkracht'], await adminOn(app));
      const outbox = (await (await adminOn(app)).get('/api/v1/outbox?pageSize=100')).json();
      expect(outbox.mode).toBe('smtp');
      expect(outbox.items.find((m: { to: string }) => m.to === 'u.uysal@uitnodiging.nl').body).toBeNull();
      const row = await t.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'u.uysal@uitnodiging.nl').executeTakeFirstOrThrow();
      expect(row.body_text).not.toMatch(/\/uitnodiging\/[A-Za-z0-9_-]{20,}/);
      expect(row.invitation_id).toEqual(expect.any(String));

      const sent: { to: string; text: string }[] = [];
      await deliverPendingMail(t.database.db, config, { keys: t.keys, transport: { sendMail: async (m) => void sent.push({ to: m.to, text: m.text }) } });
      const mail = sent.find((m) => m.to === 'u.uysal@uitnodiging.nl')!;
      const token = /\nhttps:\/\/samenspel\.example\.nl\/uitnodiging\/([A-Za-z0-9_-]{43})\n/.exec(mail.text)![1];
      // The link in the e-mail works …
      expect((await anon().get(`/api/v1/invitations/${token}`)).json()).toMatchObject({ name: 'Umut Uysal', email: 'u.uysal@uitnodiging.nl' });
      // … and is nowhere in the database, nor any other invitation's link.
      const everything = await wholeDatabase();
      expect(everything).not.toContain(token);
      expect(everything).not.toMatch(/\/uitnodiging\/[A-Za-z0-9_-]{20,}/);
      expect((await anon().post(`/api/v1/invitations/${token}/accept`, { password: 'correct paard batterij' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
