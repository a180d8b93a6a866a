import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Demo mode: seed the demo region on an empty database, list demo accounts, no second factor for demo accounts. */
  demo: boolean;
  logLevel: string;
  /** Trust X-Forwarded-* headers from a reverse proxy (TLS offloading). */
  trustProxy: boolean;
  /** Session lifetimes, in minutes. */
  sessionIdleMinutes: number;
  sessionAbsoluteMinutes: number;
  /** The address users reach Samenspel at (links in e-mails), e.g. https://samenspel.regio.nl; else the request's host. */
  publicUrl?: string;
  /** SMTP server for the mail outbox, e.g. smtp://mail.regio.nl:25 or smtps://user:pass@host:465; none: nothing is sent. */
  smtpUrl?: string;
  /** Sender of the e-mails Samenspel sends. */
  mailFrom: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demo: env.SAMENSPEL_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 30),
    sessionAbsoluteMinutes: Number(env.SESSION_ABSOLUTE_MINUTES ?? 12 * 60),
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Samenspel <noreply@samenspel.invalid>',
  };
}
