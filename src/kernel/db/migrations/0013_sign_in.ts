/**
 * Sign-in that holds under pressure (issue 10).
 *
 * - accounts.totp_last_step: the time step (RFC 6238: floor(unix time / 30)) of the last TOTP code
 *   accepted for the account, at enrolment or sign-in. A code of that step or an earlier one is
 *   refused, so a code works once (set with a conditional update: of two sign-ins with the same
 *   code one wins).
 * - mail_outbox.invitation_id: the invitation an e-mail carries the link of. The stored body holds
 *   the placeholder {{invitation_link}}; the link (whose token is a keyed MAC of the invitation id,
 *   with the installation key kept outside the database) is put in only when the mail is delivered,
 *   or shown on the outbox page in demo mode without SMTP. The database holds no working link.
 * - Invitation e-mails written by earlier versions held the raw link: it is removed from their
 *   stored bodies. Those not yet sent cannot go out without it: they are marked failed (the outbox
 *   page says so) and their invitations revoked, so the people list shows them as expired and the
 *   administrator sends a new invitation.
 */
export const signIn = /* sql */ `
alter table accounts add column totp_last_step bigint;

alter table mail_outbox add column invitation_id uuid references invitations(id);
create index mail_outbox_invitation_idx on mail_outbox(invitation_id) where invitation_id is not null;

update invitations i set revoked_at = now()
  from mail_outbox m
  where m.kind = 'invitation' and m.sent_at is null and m.invitation_id is null
    and m.region_id = i.region_id and m.to_address = i.email and m.created_at = i.created_at
    and i.used_at is null and i.revoked_at is null;

update mail_outbox
  set attempts = greatest(attempts, 8),
      last_error = 'Niet verstuurd: de link in deze uitnodiging is bij een update verwijderd. Stuur een nieuwe uitnodiging.'
  where kind = 'invitation' and sent_at is null and invitation_id is null;

update mail_outbox
  set body_text = regexp_replace(body_text, '/uitnodiging/[A-Za-z0-9_-]+', '/uitnodiging/(verwijderd)', 'g')
  where kind = 'invitation' and invitation_id is null;
`;
