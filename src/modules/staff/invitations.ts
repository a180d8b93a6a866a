import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { Config } from '../../config.ts';
import type { AppKeys } from '../../kernel/keys.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ConflictError, NotFoundError, ProblemError, ValidationError } from '../../kernel/errors.ts';
import { regionSetting } from '../../kernel/settings/region-settings.ts';
import { createProfessionalAccounts, hashPassword, loadSession, setAccountPassword, startSession } from '../session/index.ts';
import { enqueueMail } from './mail.ts';
import { INVITATION_LINK_PLACEHOLDER, invitationToken } from './invitation-link.ts';
import type { InvitationState } from '../../contracts/values/staff.ts';

/**
 * Invitations: a link to set a password and then a second factor. The token is the keyed MAC of
 * the invitation id with the installation key (invitation-link.ts), and only its SHA-256 is stored;
 * a link works once, until it expires (region setting invitationValidDays, default 7) or a newer
 * invitation replaces it. The e-mail is written to the outbox in the same transaction, with a
 * placeholder where the link goes: the link is made when the e-mail is delivered.
 */

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const MIN_PASSWORD_LENGTH = 12;

export interface InvitationRequest {
  accountId: string;
  email: string;
  /** Given name for the greeting; looked up when left out. */
  givenName?: string;
}

/** Text from a file or form must not add a link of its own to the e-mail. */
const plain = (s: string) => s.split(INVITATION_LINK_PLACEHOLDER).join('');

/** The invitation e-mail; `link` defaults to the placeholder that delivery replaces by the real link. */
export function invitationMail(input: { givenName: string; regionName: string; link?: string; expiresAt: Date; email: string }) {
  const until = input.expiresAt.toLocaleString('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
  return {
    subject: 'Uitnodiging voor Samenspel',
    body: [
      `Beste ${plain(input.givenName)},`,
      '',
      `U heeft een account in Samenspel, het samenwerkingsplatform van ${plain(input.regionName)}. Uw gebruikersnaam is ${plain(input.email)}.`,
      '',
      'Kies een wachtwoord via deze link en stel daarna de tweede stap in (een authenticator-app op uw telefoon):',
      '',
      input.link ?? INVITATION_LINK_PLACEHOLDER,
      '',
      `De link werkt één keer en is geldig tot ${until}. Is hij verlopen? Vraag dan uw functioneel beheerder om een nieuwe uitnodiging.`,
      '',
      'Heeft u deze e-mail niet verwacht? Dan kunt u hem negeren.',
    ].join('\n'),
  };
}

/**
 * Invitations for several accounts at once (an import), set-based: one insert for the invitations,
 * one for their e-mails. The ids are made here, so the tokens (keyed MACs of the ids) are known
 * before the insert; the database keeps only their hashes, and the e-mails a placeholder.
 */
export async function createInvitations(tx: Tx, keys: AppKeys, input: { regionId: string; createdByPersonId: string | null; invitations: InvitationRequest[] }) {
  if (!input.invitations.length) return [];
  const days = await regionSetting(tx, input.regionId, 'invitationValidDays');
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const region = await tx.selectFrom('regions').select('name').where('id', '=', input.regionId).executeTakeFirstOrThrow();
  const missingNames = input.invitations.filter((i) => !i.givenName).map((i) => i.accountId);
  const names = new Map<string, string>();
  if (missingNames.length) {
    const rows = await tx
      .selectFrom('accounts as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.id', 'p.given_name'])
      .where('a.id', 'in', missingNames)
      .execute();
    for (const r of rows) names.set(r.id, r.given_name);
  }
  const made = input.invitations.map((i) => {
    const invitationId = randomUUID();
    return { ...i, invitationId, token: invitationToken(keys, invitationId) };
  });
  for (let k = 0; k < made.length; k += 1000) {
    await tx
      .insertInto('invitations')
      .values(
        made.slice(k, k + 1000).map((i) => ({
          id: i.invitationId,
          region_id: input.regionId,
          account_id: i.accountId,
          token_sha256: sha256(i.token),
          email: i.email,
          created_by_person_id: input.createdByPersonId,
          expires_at: expiresAt,
        })),
      )
      .execute();
  }
  await enqueueMail(
    tx,
    made.map((i) => ({
      regionId: input.regionId,
      kind: 'invitation',
      to: i.email,
      invitationId: i.invitationId,
      ...invitationMail({ givenName: i.givenName ?? names.get(i.accountId) ?? '', regionName: region.name, expiresAt, email: i.email }),
    })),
  );
  return made.map((i) => ({ accountId: i.accountId, invitationId: i.invitationId, expiresAt }));
}

/** One invitation (with its e-mail in the outbox), inside the caller's transaction. */
export async function createInvitation(tx: Tx, keys: AppKeys, input: { regionId: string; accountId: string; email: string; createdByPersonId: string | null }) {
  const [made] = await createInvitations(tx, keys, { regionId: input.regionId, createdByPersonId: input.createdByPersonId, invitations: [{ accountId: input.accountId, email: input.email }] });
  return made;
}

const gone = (detail: string, code: string) => new ProblemError(410, 'Uitnodiging niet meer geldig', detail, code);

async function findInvitation(db: Db | Tx, token: string, lock = false) {
  let q = db
    .selectFrom('invitations as i')
    .innerJoin('accounts as a', 'a.id', 'i.account_id')
    .select(['i.id', 'i.region_id', 'i.account_id', 'i.email', 'i.expires_at', 'i.used_at', 'i.revoked_at', 'a.person_id', 'a.guardian_id', 'a.child_id', 'a.kind', 'a.disabled_at', 'a.username'])
    .where('i.token_sha256', '=', sha256(token));
  if (lock) q = q.forUpdate();
  const inv = await q.executeTakeFirst();
  if (!inv) throw new NotFoundError('Deze uitnodigingslink is onbekend. Controleer of u de hele link uit de e-mail heeft gebruikt.');
  if (inv.used_at) throw gone('Deze uitnodiging is al gebruikt. Log in met uw e-mailadres en wachtwoord, of vraag uw functioneel beheerder om een nieuwe uitnodiging.', 'invitation_used');
  if (inv.revoked_at || inv.disabled_at) throw gone('Deze uitnodiging is ingetrokken of vervangen door een nieuwere. Gebruik de link uit de laatste e-mail, of vraag uw functioneel beheerder om een nieuwe uitnodiging.', 'invitation_revoked');
  if (new Date(inv.expires_at).getTime() <= Date.now()) throw gone('Deze uitnodiging is verlopen: vraag uw functioneel beheerder om een nieuwe uitnodiging.', 'invitation_expired');
  return inv;
}

/** What the invitation page shows before the password is chosen. */
export async function getInvitation(database: Database, token: string) {
  const { db } = database;
  const inv = await findInvitation(db, token);
  const person = inv.person_id ? await db.selectFrom('people').select(['given_name', 'family_name']).where('id', '=', inv.person_id).executeTakeFirst() : undefined;
  const orgs = inv.person_id
    ? await db
        .selectFrom('memberships as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select('o.name')
        .distinct()
        .where('m.person_id', '=', inv.person_id)
        .where('m.ended_at', 'is', null)
        .orderBy('o.name')
        .execute()
    : [];
  return {
    name: person ? `${person.given_name} ${person.family_name}` : inv.username,
    organisations: orgs.map((o) => o.name),
    email: inv.email,
    username: inv.username,
    expiresAt: new Date(inv.expires_at).toISOString(),
  };
}

export function checkPassword(password: string, email: string, username: string) {
  if (password.length < MIN_PASSWORD_LENGTH) throw new ValidationError([{ name: 'password', code: 'password_too_short', reason: `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.` }]);
  const p = password.trim().toLowerCase();
  if (p === email.toLowerCase() || p === username.toLowerCase()) throw new ValidationError([{ name: 'password', code: 'password_is_email', reason: 'Uw wachtwoord mag niet uw e-mailadres of gebruikersnaam zijn.' }]);
}

/**
 * Accepting an invitation: sets the password, marks the link used (the row is locked, so of two
 * simultaneous accepts one wins), and starts a session that must first enrol a second factor —
 * also in demo mode.
 */
export async function acceptInvitation(database: Database, config: Config, input: { token: string; password: string; ip: string; userAgent?: string }) {
  const first = await findInvitation(database.db, input.token);
  checkPassword(input.password, first.email, first.username);
  const passwordHash = await hashPassword(input.password);
  let sessionToken = '';
  await database.db.transaction().execute(async (tx) => {
    const inv = await findInvitation(tx, input.token, true);
    await setAccountPassword(tx, inv.account_id, passwordHash);
    await tx.updateTable('invitations').set({ used_at: sql`now()` }).where('id', '=', inv.id).execute();
    // Other open links of this account stop working: the password is set.
    await tx.updateTable('invitations').set({ revoked_at: sql`now()` }).where('account_id', '=', inv.account_id).where('id', '<>', inv.id).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
    await recordEvent(tx, null, { event: 'account.invitation_accept', regionId: inv.region_id, accountId: inv.account_id, personId: inv.person_id, ip: input.ip, detail: { invitationId: inv.id } });
    const account = { id: inv.account_id, region_id: inv.region_id, username: inv.username, kind: inv.kind, person_id: inv.person_id, guardian_id: inv.guardian_id, child_id: inv.child_id };
    sessionToken = await startSession(tx, { account, totpEnrolmentPending: true, ip: input.ip, userAgent: input.userAgent, detail: { via: 'invitation', invitationId: inv.id } });
  });
  const session = await loadSession(database, config, sessionToken, input.ip);
  if (!session) throw new Error('session just created could not be loaded');
  return { token: sessionToken, session };
}

/**
 * A new invitation for a person (functional administrator): earlier open links of the account stop
 * working. A person with an e-mail address but no account yet gets one (username = e-mail).
 */
export async function resendInvitation(database: Database, keys: AppKeys, actor: Actor, personId: string) {
  return database.db.transaction().execute(async (tx) => {
    const person = await tx.selectFrom('people').select(['id', 'email', 'given_name']).where('id', '=', personId).where('region_id', '=', actor.regionId).executeTakeFirst();
    if (!person) throw new NotFoundError();
    let account = await tx.selectFrom('accounts').select(['id', 'username', 'password_hash', 'disabled_at']).where('person_id', '=', personId).forUpdate().executeTakeFirst();
    if (account?.disabled_at) throw new ConflictError('Het account van deze persoon is uitgeschakeld (vertrokken). Een uitnodiging kan niet.', 'account_disabled');
    if (account?.password_hash) throw new ConflictError('Deze persoon heeft al een wachtwoord gekozen en kan inloggen.', 'account_active');
    const email = person.email?.trim().toLowerCase() ?? '';
    if (!email) throw new ConflictError('Deze persoon heeft geen e-mailadres. Vul het e-mailadres in en probeer het opnieuw.', 'email_missing');
    if (!account) {
      const taken = await tx.selectFrom('accounts').select('id').where('username', '=', email).executeTakeFirst();
      if (taken) throw new ConflictError(`De gebruikersnaam ${email} is al in gebruik door een ander account.`, 'username_taken');
      [account] = await createProfessionalAccounts(tx, [{ regionId: actor.regionId, username: email, personId, passwordHash: null }]);
    }
    const revoked = await tx
      .updateTable('invitations')
      .set({ revoked_at: sql`now()` })
      .where('account_id', '=', account.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const [made] = await createInvitations(tx, keys, { regionId: actor.regionId, createdByPersonId: actor.personId, invitations: [{ accountId: account.id, email, givenName: person.given_name }] });
    await recordEvent(tx, actor, { event: 'registry.invitation.create', detail: { personId, accountId: account.id, invitationId: made.invitationId, revoked: Number(revoked.numUpdatedRows) } });
    return { invitationId: made.invitationId, expiresAt: made.expiresAt.toISOString(), email };
  });
}

export type { InvitationState } from '../../contracts/values/staff.ts';

/** The account state of people (for the people list): no entry for a person without an account. */
export async function invitationStates(db: Db, personIds: string[]): Promise<Map<string, InvitationState>> {
  const states = new Map<string, InvitationState>();
  if (!personIds.length) return states;
  const rows = await db
    .selectFrom('accounts as a')
    .select([
      'a.person_id',
      'a.disabled_at',
      'a.password_hash',
      (eb) =>
        eb
          .exists(eb.selectFrom('invitations as i').select('i.id').whereRef('i.account_id', '=', 'a.id').where('i.used_at', 'is', null).where('i.revoked_at', 'is', null).where('i.expires_at', '>', sql<Date>`now()`))
          .as('open_invitation'),
    ])
    .where('a.person_id', 'in', personIds)
    .execute();
  for (const r of rows) {
    const state: InvitationState = r.disabled_at ? 'disabled' : r.password_hash ? 'active' : r.open_invitation ? 'invited' : 'expired';
    states.set(r.person_id!, state);
  }
  return states;
}
