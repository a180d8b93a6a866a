import net from 'node:net';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../kernel/db/database.ts';
import { loadConfig } from '../../config.ts';
import { ephemeralKeys } from '../../kernel/keys.ts';
import { deliverPendingMail, enqueueMail, listOutbox, MAX_MAIL_ATTEMPTS, outboxShowsBodies } from './mail.ts';
import { createInvitations } from './invitations.ts';
import { INVITATION_LINK_PLACEHOLDER, invitationToken, publicBaseUrl, requirePublicUrl } from './invitation-link.ts';

/** A tiny SMTP server: accepts every message and keeps what it received; can be told to refuse recipients. */
function smtpServer() {
  const received: { from: string; to: string[]; data: string }[] = [];
  let refuse = false;
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    const reply = (line: string) => socket.write(line + '\r\n');
    reply('220 test.local ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(current);
            current = { from: '', to: [], data: '' };
            reply('250 OK queued');
          } else current.data += (line.startsWith('..') ? line.slice(1) : line) + '\n';
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') socket.write('250-test.local\r\n250 8BITMIME\r\n');
        else if (cmd === 'HELO') reply('250 test.local');
        else if (cmd === 'MAIL') {
          current.from = line;
          reply('250 OK');
        } else if (cmd === 'RCPT') {
          if (refuse) reply('550 No such user');
          else {
            current.to.push(line);
            reply('250 OK');
          }
        } else if (cmd === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (cmd === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else if (cmd === 'RSET' || cmd === 'NOOP') reply('250 OK');
        else reply('502 Not implemented');
      }
    });
    socket.on('error', () => {});
  });
  return {
    received,
    setRefuse: (v: boolean) => (refuse = v),
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let database: Database;
const smtp = smtpServer();
let smtpUrl: string;
const keys = ephemeralKeys();
/** What delivery needs of the configuration besides SMTP: where links point. */
const linkConfig = { publicUrl: 'https://samenspel.example.nl', demo: false, port: 8080 };
const deliver = (config: { smtpUrl: string | undefined; mailFrom: string }) => deliverPendingMail(database.db, { ...linkConfig, ...config }, { keys });

beforeAll(async () => {
  database = await createTestDatabase();
  smtpUrl = `smtp://127.0.0.1:${await smtp.listen()}`;
});
afterAll(async () => {
  await smtp.close();
  await database?.close();
});

describe('mail outbox delivery', () => {
  it('without SMTP nothing is sent', async () => {
    await database.db.transaction().execute((tx) => enqueueMail(tx, [{ regionId: null, kind: 'invitation', to: 'a@school.nl', subject: 'Uitnodiging voor Samenspel', body: 'Beste Anna,\n\nhttps://x/uitnodiging/abc\n.\nregel met punt' }]));
    expect(await deliver({ smtpUrl: undefined, mailFrom: 'Samenspel <noreply@samenspel.test>' })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('with SMTP_URL the worker delivers pending mail over SMTP and marks it sent; sent mail is not sent again', async () => {
    const r = await deliver({ smtpUrl, mailFrom: 'Samenspel <noreply@samenspel.test>' });
    expect(r).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0];
    expect(m.from).toContain('noreply@samenspel.test');
    expect(m.to[0]).toContain('a@school.nl');
    expect(m.data).toContain('Subject: Uitnodiging voor Samenspel');
    expect(m.data).toContain('https://x/uitnodiging/abc');
    const row = await database.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect(await deliver({ smtpUrl, mailFrom: 'x@y.nl' })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('a refused message keeps its error and is tried again later, at most MAX_MAIL_ATTEMPTS times', async () => {
    await database.db.transaction().execute((tx) => enqueueMail(tx, [{ regionId: null, kind: 'invitation', to: 'b@school.nl', subject: 'S', body: 'B' }]));
    smtp.setRefuse(true);
    const r = await deliver({ smtpUrl, mailFrom: 'noreply@samenspel.test' });
    expect(r).toEqual({ sent: 0, failed: 1 });
    const row = await database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'b@school.nl').executeTakeFirstOrThrow();
    expect(row.sent_at).toBeNull();
    expect(row.last_error).toMatch(/550|No such user/);
    smtp.setRefuse(false);
    expect(await deliver({ smtpUrl, mailFrom: 'noreply@samenspel.test' })).toEqual({ sent: 1, failed: 0 });
    await database.db.transaction().execute((tx) => enqueueMail(tx, [{ regionId: null, kind: 'invitation', to: 'c@school.nl', subject: 'S', body: 'B' }]));
    await database.db.updateTable('mail_outbox').set({ attempts: MAX_MAIL_ATTEMPTS }).where('to_address', '=', 'c@school.nl').execute();
    expect(await deliver({ smtpUrl, mailFrom: 'noreply@samenspel.test' })).toEqual({ sent: 0, failed: 0 });
  });

  it('a message another node is sending is left alone for 5 minutes, then taken over', async () => {
    await database.db.transaction().execute((tx) => enqueueMail(tx, [{ regionId: null, kind: 'invitation', to: 'e@school.nl', subject: 'S', body: 'B' }]));
    // Another node claimed it a minute ago and has not finished.
    await database.db.updateTable('mail_outbox').set({ attempts: 1, claimed_at: new Date(Date.now() - 60_000) }).where('to_address', '=', 'e@school.nl').execute();
    const before = smtp.received.length;
    expect(await deliver({ smtpUrl, mailFrom: 'noreply@samenspel.test' })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(before);
    // That node died: after 5 minutes the message is delivered by this one.
    await database.db.updateTable('mail_outbox').set({ claimed_at: new Date(Date.now() - 6 * 60_000) }).where('to_address', '=', 'e@school.nl').execute();
    expect(await deliver({ smtpUrl, mailFrom: 'noreply@samenspel.test' })).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(before + 1);
  });

  it('the outbox shows bodies only in demo mode without SMTP', () => {
    expect(outboxShowsBodies({ demo: true, smtpUrl: undefined })).toBe(true);
    expect(outboxShowsBodies({ demo: true, smtpUrl })).toBe(false);
    expect(outboxShowsBodies({ demo: false, smtpUrl: undefined })).toBe(false);
  });

  it('in production the outbox lists status, not the bodies with live links', async () => {
    const region = await database.db.insertInto('regions').values({ name: 'Regio Test', slug: 'regio-test' }).returning('id').executeTakeFirstOrThrow();
    await database.db.transaction().execute((tx) => enqueueMail(tx, [{ regionId: region.id, kind: 'invitation', to: 'd@school.nl', subject: 'S', body: 'geheime link' }]));
    const prod = await listOutbox(database.db, { ...loadConfig({ SAMENSPEL_DEMO: '0', SMTP_URL: smtpUrl }) }, keys, region.id, 1, 10);
    expect(prod.mode).toBe('smtp');
    expect(prod.items).toEqual([expect.objectContaining({ to: 'd@school.nl', body: null, status: 'pending' })]);
    const none = await listOutbox(database.db, { ...loadConfig({ SAMENSPEL_DEMO: '0' }) }, keys, region.id, 1, 10);
    expect(none.mode).toBe('not_configured');
    expect(none.items[0].body).toBeNull();
  });
});

/** The text part of a captured SMTP message, quoted-printable decoded (nodemailer wraps long lines). */
const textOf = (data: string) => Buffer.from(data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

describe('invitation links: made at delivery with the installation key, never stored', () => {
  it('links use PUBLIC_URL; in demo mode without it http://localhost:<PORT>; outside demo mode PUBLIC_URL is required', () => {
    expect(publicBaseUrl({ publicUrl: 'https://samenspel.regio.nl/', demo: false, port: 8080 })).toBe('https://samenspel.regio.nl');
    expect(publicBaseUrl({ publicUrl: undefined, demo: true, port: 4321 })).toBe('http://localhost:4321');
    expect(() => requirePublicUrl({ publicUrl: undefined, demo: false, port: 8080 })).toThrow(/PUBLIC_URL is required/);
    expect(() => requirePublicUrl({ publicUrl: 'samenspel.regio.nl', demo: false, port: 8080 })).toThrow(/PUBLIC_URL/);
    expect(() => requirePublicUrl(loadConfig({ SAMENSPEL_DEMO: '0', PUBLIC_URL: 'https://samenspel.regio.nl' }))).not.toThrow();
    expect(() => requirePublicUrl(loadConfig({ SAMENSPEL_DEMO: '0' }))).toThrow(/PUBLIC_URL is required/);
    expect(() => requirePublicUrl(loadConfig({ SAMENSPEL_DEMO: '1' }))).not.toThrow();
  });

  it('the outbox stores a placeholder; the delivered e-mail carries the working link; the token is nowhere in the database', async () => {
    const region = await database.db.insertInto('regions').values({ name: 'Regio Link', slug: 'regio-link' }).returning('id').executeTakeFirstOrThrow();
    const person = await database.db.insertInto('people').values({ region_id: region.id, given_name: 'Lotte', family_name: 'Link', email: 'l.link@school.nl' }).returning('id').executeTakeFirstOrThrow();
    const account = await database.db
      .insertInto('accounts')
      .values({ region_id: region.id, username: 'l.link@school.nl', password_hash: null, kind: 'professional', person_id: person.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [made] = await database.db.transaction().execute((tx) =>
      createInvitations(tx, keys, { regionId: region.id, createdByPersonId: null, invitations: [{ accountId: account.id, email: 'l.link@school.nl', givenName: `Lotte ${INVITATION_LINK_PLACEHOLDER}` }] }),
    );
    const token = invitationToken(keys, made.invitationId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'l.link@school.nl').executeTakeFirstOrThrow();
    expect(row.invitation_id).toBe(made.invitationId);
    expect(row.body_text).toContain(`\n${INVITATION_LINK_PLACEHOLDER}\n`);
    expect(row.body_text).toContain('Beste Lotte ,'); // a placeholder in a name from a file is dropped
    expect(row.body_text).not.toContain(token);
    const inv = await database.db.selectFrom('invitations').selectAll().where('id', '=', made.invitationId).executeTakeFirstOrThrow();
    expect(inv.token_sha256).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(inv)).not.toContain(token);

    // In demo mode without SMTP the outbox page renders the link; otherwise it shows no body at all.
    const demo = await listOutbox(database.db, { ...loadConfig({ SAMENSPEL_DEMO: '1', PORT: '4321' }) }, keys, region.id, 1, 10);
    expect(demo.items[0].body).toContain(`http://localhost:4321/uitnodiging/${token}\n`);
    expect(demo.items[0].body).not.toContain(INVITATION_LINK_PLACEHOLDER);
    expect((await listOutbox(database.db, { ...loadConfig({ SAMENSPEL_DEMO: '0', SMTP_URL: smtpUrl }) }, keys, region.id, 1, 10)).items[0].body).toBeNull();

    expect((await deliver({ smtpUrl, mailFrom: 'noreply@samenspel.test' })).failed).toBe(0);
    const sent = smtp.received.filter((m) => m.to[0].includes('l.link@school.nl'));
    expect(sent).toHaveLength(1);
    const text = textOf(sent[0].data);
    expect(text).toContain(`https://samenspel.example.nl/uitnodiging/${token}\n`);
    expect(text).not.toContain(INVITATION_LINK_PLACEHOLDER);
    // Another installation key makes another link: the database alone cannot make it.
    expect(invitationToken(ephemeralKeys(), made.invitationId)).not.toBe(token);
  });

  it('outside demo mode without PUBLIC_URL an invitation is not sent with a made-up address', async () => {
    const region = await database.db.selectFrom('regions').select('id').where('slug', '=', 'regio-link').executeTakeFirstOrThrow();
    const account = await database.db.selectFrom('accounts').select('id').where('username', '=', 'l.link@school.nl').executeTakeFirstOrThrow();
    await database.db.transaction().execute((tx) => createInvitations(tx, keys, { regionId: region.id, createdByPersonId: null, invitations: [{ accountId: account.id, email: 'l.link@school.nl', givenName: 'Lotte' }] }));
    const before = smtp.received.length;
    const r = await deliverPendingMail(database.db, { smtpUrl, mailFrom: 'noreply@samenspel.test', publicUrl: undefined, demo: false, port: 8080 }, { keys });
    expect(r).toEqual({ sent: 0, failed: 1 });
    expect(smtp.received).toHaveLength(before);
    const row = await database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'l.link@school.nl').where('sent_at', 'is', null).executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/PUBLIC_URL is required/);
  });
});
