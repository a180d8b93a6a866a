import net from 'node:net';
import path from 'node:path';

export interface Config {
  port: number;
  /** Listen address; 127.0.0.1 unless HOST says otherwise. */
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL: statements run as prepared statements of their connection (DATABASE_PREPARED_STATEMENTS=off: not, e.g. behind a pooler that cannot keep them). */
  preparedStatements: boolean;
  /** Demo mode: seed the demo region on an empty database, list demo accounts, no second factor for demo accounts. */
  demo: boolean;
  /** Demo mode may listen on a non-loopback address (SAMENSPEL_DEMO_PUBLIC=1): a deliberate choice, see serveConfigProblem. */
  demoPublic: boolean;
  logLevel: string;
  /**
   * The reverse proxies (addresses and CIDR ranges, or proxy-addr's names `loopback`, `linklocal`,
   * `uniquelocal`) whose X-Forwarded-For/-Proto/-Host are believed; empty: trust no one.
   */
  trustProxy: string[];
  /** Session lifetimes, in minutes. */
  sessionIdleMinutes: number;
  sessionAbsoluteMinutes: number;
  /** The address users reach Samenspel at (links in e-mails), e.g. https://samenspel.regio.nl; else the request's host. */
  publicUrl?: string;
  /** SMTP server for the mail outbox, e.g. smtp://mail.regio.nl:25 or smtps://user:pass@host:465; none: nothing is sent. */
  smtpUrl?: string;
  /** Sender of the e-mails Samenspel sends. */
  mailFrom: string;
  /** The access log's chain head is appended here at intervals (outside the database); null: not anchored. */
  auditAnchorFile: string | null;
  /** A write-once target (HTTP endpoint) the chain head is also sent to; null: none. */
  auditAnchorUrl: string | null;
  /** Seconds between anchors of the chain head. */
  auditAnchorIntervalSeconds: number;
}

export const DEFAULT_HOST = '127.0.0.1';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST?.trim() || DEFAULT_HOST,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS !== 'off',
    demo: env.SAMENSPEL_DEMO !== '0',
    demoPublic: env.SAMENSPEL_DEMO_PUBLIC === '1' || env.SAMENSPEL_DEMO_PUBLIC === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 30),
    sessionAbsoluteMinutes: Number(env.SESSION_ABSOLUTE_MINUTES ?? 12 * 60),
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Samenspel <noreply@samenspel.invalid>',
    auditAnchorFile: env.AUDIT_ANCHOR_FILE === '' ? null : path.resolve(env.AUDIT_ANCHOR_FILE ?? path.join(env.DATA_DIR ?? './data', 'audit-anchors.log')),
    auditAnchorUrl: env.AUDIT_ANCHOR_URL || null,
    auditAnchorIntervalSeconds: positiveNumber(env, 'AUDIT_ANCHOR_INTERVAL_SECONDS', 60),
  };
}

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: a comma-separated list of the reverse proxies' addresses or CIDR ranges. `0`, `false`
 * or nothing: trust no one. `1`/`true` used to mean "believe X-Forwarded-* from anyone", which lets
 * any client choose the address the access log records; it is refused rather than guessed.
 */
export function parseTrustProxy(value: string | undefined): string[] {
  const text = (value ?? '').trim();
  if (text === '' || text === '0' || text.toLowerCase() === 'false') return [];
  if (['1', 'true', 'yes', 'on', '*', 'all'].includes(text.toLowerCase())) {
    throw new Error(
      `TRUST_PROXY=${text} would believe X-Forwarded-For from every client, so anyone could choose the address the access log records. ` +
        'List the addresses of your reverse proxies instead, e.g. TRUST_PROXY=10.0.0.5 or TRUST_PROXY=10.0.0.5,10.0.1.0/24 (TRUST_PROXY=loopback for a proxy on the same host).',
    );
  }
  const entries = text.split(',').map((s) => s.trim()).filter(Boolean);
  const invalid = entries.filter((e) => !isProxyAddress(e));
  if (invalid.length) {
    throw new Error(`TRUST_PROXY must list IP addresses or CIDR ranges of your reverse proxies (e.g. 10.0.0.5,10.0.1.0/24); not understood: ${invalid.join(', ')}`);
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped), and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h === 'localhost') return true;
  if (h.startsWith('::ffff:') && net.isIPv4(h.slice(7))) h = h.slice(7);
  if (net.isIPv4(h)) return h.split('.')[0] === '127';
  if (net.isIPv6(h)) {
    const blocks = new net.BlockList();
    blocks.addAddress('::1', 'ipv6');
    return blocks.check(h, 'ipv6');
  }
  return false;
}

/**
 * Why `serve` must not start with this configuration, or undefined. The demo accounts all have the
 * password "demo" and, in demo mode, no second factor: on a network address anyone who can reach
 * the port signs in as the care coordinator. That is only allowed when SAMENSPEL_DEMO_PUBLIC=1 says
 * it is intended (a demo for others on a closed network).
 */
export function serveConfigProblem(config: Pick<Config, 'demo' | 'demoPublic' | 'host'>): string | undefined {
  if (!config.demo || config.demoPublic || isLoopbackHost(config.host)) return undefined;
  return (
    `Refusing to start: demo mode is on (SAMENSPEL_DEMO is not 0) and HOST=${config.host} is reachable from other machines. ` +
    'The demo accounts have the password "demo" and no second factor, so anyone who can reach this port could sign in. ' +
    'For a real installation set SAMENSPEL_DEMO=0; to show the demo to others on purpose set SAMENSPEL_DEMO_PUBLIC=1; ' +
    `or listen on this machine only (HOST=${DEFAULT_HOST}, the default).`
  );
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}
