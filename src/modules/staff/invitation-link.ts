import type { Config } from '../../config.ts';
import type { AppKeys } from '../../kernel/keys.ts';

/**
 * The link in an invitation e-mail. Its token is not random and not stored: it is the keyed MAC of
 * the invitation id with the installation key (kernel/keys.ts), which lives outside the database.
 * The database keeps only the SHA-256 of the token (to find the invitation when the link is used)
 * and, in the outbox, the e-mail with a placeholder where the link goes. So a copy of the database
 * holds no working link; the link is put in when the e-mail is delivered, or — in demo mode without
 * SMTP — when the outbox page shows it.
 *
 * Links always start with PUBLIC_URL, never with the address a request came in on (a forged Host
 * header must not put an attacker's address in a mail). In demo mode without PUBLIC_URL that is
 * http://localhost:<PORT>; outside demo mode PUBLIC_URL is required ({@link requirePublicUrl}).
 */

/** Where the link goes in a stored e-mail body. */
export const INVITATION_LINK_PLACEHOLDER = '{{invitation_link}}';

type LinkConfig = Pick<Config, 'publicUrl' | 'demo' | 'port'>;

/** The token of an invitation's link: base64url of the keyed MAC of its id (43 characters). */
export function invitationToken(keys: AppKeys, invitationId: string): string {
  return keys.mac('invitation-token', invitationId).toString('base64url');
}

/** Throws when links cannot be made: outside demo mode PUBLIC_URL must be set. `samenspel serve` calls it at start. */
export function requirePublicUrl(config: LinkConfig): void {
  if (config.publicUrl) {
    let url: URL;
    try {
      url = new URL(config.publicUrl);
    } catch {
      throw new Error(`PUBLIC_URL "${config.publicUrl}" is not a URL. Set it to the address users open, e.g. https://samenspel.regio.nl`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_URL must start with https:// (or http://), got "${config.publicUrl}".`);
    return;
  }
  if (!config.demo) {
    throw new Error('PUBLIC_URL is required outside demo mode: the address users open (e.g. https://samenspel.regio.nl), used for the links in invitation e-mails.');
  }
}

/** The base URL of links in e-mails: PUBLIC_URL; in demo mode without it http://localhost:<PORT>. */
export function publicBaseUrl(config: LinkConfig): string {
  requirePublicUrl(config);
  return config.publicUrl ? config.publicUrl.replace(/\/+$/, '') : `http://localhost:${config.port}`;
}

/** The full link of an invitation. */
export function invitationLink(config: LinkConfig, keys: AppKeys, invitationId: string): string {
  return `${publicBaseUrl(config)}/uitnodiging/${invitationToken(keys, invitationId)}`;
}

/** The body of an outbox e-mail as it is sent: the placeholder replaced by the invitation's link. */
export function renderMailBody(config: LinkConfig, keys: AppKeys, mail: { body_text: string; invitation_id: string | null }): string {
  if (!mail.invitation_id) return mail.body_text;
  return mail.body_text.split(INVITATION_LINK_PLACEHOLDER).join(invitationLink(config, keys, mail.invitation_id));
}
