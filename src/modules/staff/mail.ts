import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import type { Db, Tx } from '../../kernel/db/database.ts';
import type { Config } from '../../config.ts';
import type { AppKeys } from '../../kernel/keys.ts';
import { renderMailBody } from './invitation-link.ts';

/**
 * The mail outbox. Every e-mail Samenspel sends is first written to mail_outbox, in the same
 * transaction as its cause (an invitation is never created without its e-mail, nor the other way
 * round). A small worker, started by `samenspel serve`, delivers pending mail over SMTP when
 * SMTP_URL is set. Without SMTP_URL nothing is sent: in demo mode the outbox page shows the
 * messages themselves, so the demo can follow an invitation link.
 *
 * An invitation e-mail is stored with a placeholder instead of its link (invitation-link.ts): the
 * link is made with the installation key when the message is delivered or shown.
 */

export interface OutgoingMail {
  regionId: string | null;
  kind: string;
  to: string;
  subject: string;
  /** The text; for an invitation with the placeholder {{invitation_link}} where the link goes. */
  body: string;
  /** The invitation whose link the placeholder stands for. */
  invitationId?: string | null;
}

/** Writes e-mails to the outbox (set-based), inside the caller's transaction. */
export async function enqueueMail(tx: Tx, mails: OutgoingMail[]) {
  for (let i = 0; i < mails.length; i += 1000) {
    const batch = mails.slice(i, i + 1000);
    if (!batch.length) continue;
    await tx
      .insertInto('mail_outbox')
      .values(batch.map((m) => ({ region_id: m.regionId, kind: m.kind, to_address: m.to, subject: m.subject, body_text: m.body, invitation_id: m.invitationId ?? null })))
      .execute();
  }
}

/** After this many failed attempts a message is no longer tried (the outbox page shows its error). */
export const MAX_MAIL_ATTEMPTS = 8;

type Transport = { sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown> };

/**
 * Delivers pending mail: each message is claimed (attempts + 1, claimed_at) in one short
 * statement, so no other node takes it for the next 5 minutes, then sent outside any transaction.
 * An invitation's link is put in only now, with the installation key. A failure is kept as
 * last_error and tried again in a later round.
 */
export async function deliverPendingMail(
  db: Db,
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'demo' | 'port'>,
  opts: { keys: AppKeys; limit?: number; transport?: Transport },
) {
  if (!config.smtpUrl && !opts.transport) return { sent: 0, failed: 0 };
  const claimed = await sql<{ id: string; to_address: string; subject: string; body_text: string; invitation_id: string | null }>`
    update mail_outbox set attempts = attempts + 1, claimed_at = now()
    where id in (
      select id from mail_outbox
      where sent_at is null and attempts < ${MAX_MAIL_ATTEMPTS} and (claimed_at is null or claimed_at < now() - interval '5 minutes')
      order by created_at
      limit ${opts.limit ?? 50}
      for update skip locked)
    returning id, to_address, subject, body_text, invitation_id`.execute(db);
  if (!claimed.rows.length) return { sent: 0, failed: 0 };
  const transport: Transport = opts.transport ?? nodemailer.createTransport(config.smtpUrl!);
  let sent = 0;
  let failed = 0;
  try {
    for (const m of claimed.rows) {
      try {
        await transport.sendMail({ from: config.mailFrom, to: m.to_address, subject: m.subject, text: renderMailBody(config, opts.keys, m) });
        await db.updateTable('mail_outbox').set({ sent_at: new Date(), last_error: null }).where('id', '=', m.id).execute();
        sent++;
      } catch (err) {
        await db
          .updateTable('mail_outbox')
          .set({ last_error: String((err as Error)?.message ?? err).slice(0, 500), claimed_at: null })
          .where('id', '=', m.id)
          .execute();
        failed++;
      }
    }
  } finally {
    (transport as { close?: () => void }).close?.();
  }
  return { sent, failed };
}

/**
 * The worker of `samenspel serve`: delivers the outbox every `intervalMs` (30 s) when SMTP_URL is
 * set, making invitation links with the installation key. Returns a function that stops it.
 */
export function startMailWorker(db: Db, config: Config, keys: AppKeys, log: { error(obj: unknown, msg: string): void }, intervalMs = 30_000): () => void {
  if (!config.smtpUrl) return () => {};
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    deliverPendingMail(db, config, { keys })
      .catch((err) => log.error({ err }, 'mail delivery failed'))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}

/** Whether the outbox page may show message bodies: only in demo mode without SMTP (the links are live). */
export const outboxShowsBodies = (config: Pick<Config, 'demo' | 'smtpUrl'>) => config.demo && !config.smtpUrl;

/**
 * The outbox of a region, newest first. Bodies only when {@link outboxShowsBodies} (demo mode
 * without SMTP), with the invitation links put in; otherwise the stored copy is never shown.
 */
export async function listOutbox(db: Db, config: Config, keys: AppKeys, regionId: string, page: number, pageSize: number) {
  const base = db.selectFrom('mail_outbox').where('region_id', '=', regionId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['id', 'kind', 'to_address', 'subject', 'body_text', 'invitation_id', 'created_at', 'sent_at', 'attempts', 'last_error'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const bodies = outboxShowsBodies(config);
  return {
    mode: bodies ? ('demo' as const) : config.smtpUrl ? ('smtp' as const) : ('not_configured' as const),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      to: r.to_address,
      subject: r.subject,
      body: bodies ? renderMailBody(config, keys, r) : null,
      createdAt: new Date(r.created_at).toISOString(),
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
      attempts: r.attempts,
      lastError: r.last_error,
      status: r.sent_at ? ('sent' as const) : r.attempts >= MAX_MAIL_ATTEMPTS ? ('failed' as const) : ('pending' as const),
    })),
    total: Number(total.n),
    page,
    pageSize,
  };
}
