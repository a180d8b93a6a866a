import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { Config } from '../../config.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import type { AccountKind } from '../../kernel/db/schema.ts';
import { isRole } from '../../kernel/policy/roles.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ProblemError, TooManyRequestsError, UnauthenticatedError, ValidationError, NotFoundError } from '../../kernel/errors.ts';
import type { Session } from '../../contracts/session.ts';
import type { Role } from '../../contracts/values/registry.ts';

import { capabilitiesOf } from '../../kernel/policy/capabilities.ts';
import type { RequestSession } from '../../kernel/http/context.ts';

export const SESSION_COOKIE = 'samenspel_session';
export const MAX_ACCOUNT_FAILURES = 5;
export const ACCOUNT_LOCK_MINUTES = 15;
export const MAX_ADDRESS_FAILURES = 20;
export const ADDRESS_WINDOW_MINUTES = 15;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Verified against when the username is unknown, so a wrong username costs the same time as a wrong password.
const DUMMY_HASH = argonHash('not-a-real-password-' + randomBytes(8).toString('hex'));

export const hashPassword = (password: string) => argonHash(password);

/** What the client sees of the session (contracts/session.ts): never the password hash or the TOTP secret. */
export type SessionView = Session;

/** A session as loaded for a request (the kernel's RequestSession). */
export type LoadedSession = RequestSession;

interface SignInInput {
  username: string;
  password: string;
  totp?: string;
  ip: string;
  userAgent?: string;
}

/** What is read of each membership in force: with its organisation, by organisation name and role. */
const MEMBERSHIP_COLUMNS = ['m.id', 'm.organisation_id', 'o.name', 'o.kind', 'o.gemeente_id', 'm.role'] as const;

async function memberships(db: Db | Tx, personId: string | null) {
  if (!personId) return [];
  return (
    db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .where('m.person_id', '=', personId)
      .where('m.ended_at', 'is', null)
      .select(MEMBERSHIP_COLUMNS)
      // The database holds only the roles the policy knows (a check constraint on memberships.role).
      .$narrowType<{ role: Role }>()
      .orderBy('o.name')
      .orderBy('m.role')
      .execute()
  );
}

/** An account as the actor is made from it. */
export interface ActingAccount {
  id: string;
  region_id: string;
  username: string;
  kind: AccountKind;
  person_id: string | null;
  guardian_id: string | null;
  child_id: string | null;
}

/** Who acts: the account and, for a professional, the membership it acts for (the active one, or the first). */
function actorOf(account: ActingAccount, active: Awaited<ReturnType<typeof memberships>>[number] | undefined, ip: string | null): Actor {
  return {
    accountId: account.id,
    regionId: account.region_id,
    username: account.username,
    kind: account.kind,
    personId: account.person_id,
    guardianId: account.guardian_id,
    childId: account.child_id,
    membership:
      active && isRole(active.role)
        ? { id: active.id, organisationId: active.organisation_id, organisationKind: active.kind, organisationName: active.name, gemeenteId: active.gemeente_id, role: active.role }
        : null,
    ip,
  };
}

export interface StartSessionInput {
  account: ActingAccount;
  /** true: the session may only enrol a second factor (the page /tweestapsverificatie) before anything else. */
  totpEnrolmentPending: boolean;
  ip: string;
  userAgent?: string;
  /** Logged with session.sign_in (e.g. how the user signed in). */
  detail?: Record<string, unknown>;
}

/**
 * Starts a session for an account that has just proven who it is (password sign-in, or accepting
 * an invitation), inside the caller's transaction: the session row and its session.sign_in entry in
 * the access log. Returns the session token for the cookie; load the session with
 * {@link loadSession} after the transaction commits.
 */
export async function startSession(tx: Tx, input: StartSessionInput): Promise<string> {
  const { account } = input;
  const token = randomBytes(32).toString('base64url');
  const first = (await memberships(tx, account.person_id))[0];
  await tx
    .insertInto('sessions')
    .values({
      id: sha256(token),
      account_id: account.id,
      csrf_token: randomBytes(24).toString('base64url'),
      membership_id: first?.id ?? null,
      totp_enrolment_pending: input.totpEnrolmentPending,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  // Signed in: the account now acts, for its first membership (as the session will load it).
  await recordEvent(tx, actorOf(account, first, input.ip), { event: 'session.sign_in', detail: input.detail ?? {} });
  return token;
}

/** Advisory-lock namespace (the two-key form) for counting sign-in attempts per address. */
const ADDRESS_LOCK_CLASS = 7_513_010;

/**
 * Reserves one sign-in attempt for an address, before any password is checked: under a
 * transaction-scoped advisory lock keyed on the address (so the count and the insert are one step,
 * across connections and app nodes), the failures of the last 15 minutes — reservations of attempts
 * still running included — are counted and, below the limit, a login_failures row is added. A failed
 * attempt keeps it as its record; a successful one gives it back. Null: the address is blocked.
 */
async function reserveAddressAttempt(db: Db, username: string, address: string): Promise<number | null> {
  const key = createHash('sha256').update(address).digest().readInt32BE(0);
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${ADDRESS_LOCK_CLASS}::int4, ${key}::int4)`.execute(tx);
    const recent = await tx
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('address', '=', address)
      .where('at', '>', sql<Date>`now() - make_interval(mins => ${ADDRESS_WINDOW_MINUTES})`)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= MAX_ADDRESS_FAILURES) return null;
    const row = await tx.insertInto('login_failures').values({ username, address }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
}

/**
 * Reserves one attempt on an account, before its password is checked: one atomic update counts it
 * as a failure (locking the account when that makes MAX_ACCOUNT_FAILURES) unless the account is
 * locked. So of parallel attempts only those that fit under the limit get their password checked,
 * on every node. `lockedByThis`: this attempt set the lock (given back if the password was right).
 */
async function reserveAccountAttempt(db: Db, accountId: string) {
  const row = await db
    .updateTable('accounts')
    .set((eb) => ({
      failed_logins: eb('failed_logins', '+', 1),
      locked_until: sql<Date | null>`case when failed_logins + 1 >= ${MAX_ACCOUNT_FAILURES} then now() + make_interval(mins => ${ACCOUNT_LOCK_MINUTES}) else locked_until end`,
    }))
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
  if (row) return { locked: false as const, lockedByThis: row.failed_logins >= MAX_ACCOUNT_FAILURES };
  const now = await db.selectFrom('accounts').select('locked_until').where('id', '=', accountId).executeTakeFirst();
  return { locked: true as const, lockedUntil: now?.locked_until ? new Date(now.locked_until) : new Date(Date.now() + 1000) };
}

const accountLocked = (lockedUntil: Date) => {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
  return new TooManyRequestsError(`Dit account is tijdelijk geblokkeerd na ${MAX_ACCOUNT_FAILURES} mislukte pogingen. Probeer het over ${Math.ceil(seconds / 60)} minuten opnieuw.`, seconds);
};

/** The time step of a TOTP code that verified, or null when it did not. */
async function totpStep(secret: string, code: string): Promise<number | null> {
  const result = await verifyTotp({ secret, token: code.replace(/\s/g, ''), epochTolerance: 30 }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/**
 * Uses up a TOTP time step for an account: one conditional update, so a code (and any code of an
 * earlier step) is accepted once, also when two requests bring it at the same time. False: it was
 * used before.
 */
async function consumeTotpStep(db: Db | Tx, accountId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Signs in with username and password (and TOTP when enrolled). Returns the new session token and view.
 *
 * Throttling holds under parallel requests and across app nodes: an attempt is reserved on the
 * address and on the account before the password is checked (see reserveAddressAttempt and
 * reserveAccountAttempt), kept as a failure when it fails, and given back when it succeeds.
 */
export async function signIn(database: Database, config: Config, input: SignInInput): Promise<{ token: string; session: LoadedSession }> {
  const { db } = database;
  const username = input.username.trim().toLowerCase();
  const addressReservation = await reserveAddressAttempt(db, username, input.ip);
  if (addressReservation === null) {
    throw new TooManyRequestsError(`Te veel mislukte pogingen vanaf dit adres. Probeer het over ${ADDRESS_WINDOW_MINUTES} minuten opnieuw.`, ADDRESS_WINDOW_MINUTES * 60);
  }
  const giveBackAddress = (tx: Db | Tx) => tx.deleteFrom('login_failures').where('id', '=', addressReservation).execute();
  const account = await db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();

  /** A failed attempt: its reservations stay (they are the failure), and the access log says so. */
  const fail = async (code: 'invalid_credentials' | 'totp_invalid', countOnAccount = false) => {
    await db.transaction().execute(async (tx) => {
      if (account && countOnAccount) {
        await tx
          .updateTable('accounts')
          .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
          .where('id', '=', account.id)
          .execute();
      }
      await recordEvent(tx, null, {
        event: 'session.sign_in',
        outcome: 'denied',
        regionId: account?.region_id ?? null,
        accountId: account?.id ?? null,
        personId: account?.person_id ?? null,
        ip: input.ip,
        detail: { username, reason: code },
      });
    });
    if (code === 'totp_invalid') throw new ProblemError(401, 'Code onjuist', 'De code uit uw authenticator-app klopt niet of is verlopen.', 'totp_invalid', [{ name: 'totp', code: 'totp_invalid', reason: 'De code klopt niet of is verlopen.' }]);
    throw new UnauthenticatedError('Gebruikersnaam of wachtwoord onjuist.', 'invalid_credentials');
  };

  // An invited account without a password yet signs in only through its invitation link. These
  // cost the same time as a wrong password, and are never "locked" (that would tell they exist).
  if (!account || account.disabled_at || !account.password_hash) {
    await argonVerify(await DUMMY_HASH, input.password).catch(() => false);
    return fail('invalid_credentials', true);
  }
  const reserved = await reserveAccountAttempt(db, account.id);
  if (reserved.locked) {
    // Nothing was checked: the address gets its attempt back.
    await giveBackAddress(db);
    throw accountLocked(reserved.lockedUntil);
  }
  const ok = await argonVerify(account.password_hash, input.password).catch(() => false);
  if (!ok) return fail('invalid_credentials');

  let totpEnrolmentPending = false;
  if (account.totp_enabled) {
    if (!input.totp) {
      // The password was right: this attempt is no failure. Give back exactly this reservation — not
      // a reset, or asking for the code in between would allow guessing codes without end.
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('accounts')
          .set((eb) => ({
            failed_logins: sql<number>`greatest(failed_logins - 1, 0)`,
            locked_until: reserved.lockedByThis ? null : eb.ref('locked_until'),
          }))
          .where('id', '=', account.id)
          .execute();
        await giveBackAddress(tx);
      });
      throw new ProblemError(401, 'Tweede stap nodig', 'Vul de code uit uw authenticator-app in.', 'totp_required');
    }
    const step = await totpStep(account.totp_secret!, input.totp);
    if (step === null || !(await consumeTotpStep(db, account.id, step))) return fail('totp_invalid');
  } else if (account.kind === 'professional' && !config.demo) {
    totpEnrolmentPending = true;
  }

  let token = '';
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', account.id).execute();
    await giveBackAddress(tx);
    token = await startSession(tx, { account, totpEnrolmentPending, ip: input.ip, userAgent: input.userAgent, detail: { secondFactor: account.totp_enabled } });
  });
  const session = await loadSession(database, config, token, input.ip);
  if (!session) throw new Error('session just created could not be loaded');
  return { token, session };
}

/** Loads a live session from its token; null when unknown, ended, idle too long or too old. */
export async function loadSession(database: Database, config: Config, token: string | undefined, ip: string | null): Promise<LoadedSession | null> {
  if (!token) return null;
  const { db } = database;
  const id = sha256(token);
  // One statement for every request: the session, its account, the name shown and the memberships
  // in force (issue 15: it was three round trips before each handler).
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('people as p', 'p.id', 'a.person_id')
    .leftJoin('guardians as g', 'g.id', 'a.guardian_id')
    .leftJoin('children as c', 'c.id', 'a.child_id')
    .where('s.id', '=', id)
    .where('s.ended_at', 'is', null)
    .where('a.disabled_at', 'is', null)
    .select((eb) => [
      's.id',
      's.csrf_token',
      's.membership_id',
      's.totp_enrolment_pending',
      's.created_at',
      's.last_seen_at',
      'a.id as account_id',
      'a.region_id',
      'a.username',
      'a.kind',
      'a.person_id',
      'a.guardian_id',
      'a.child_id',
      sql<string | null>`coalesce(p.given_name || ' ' || p.family_name, g.given_name || ' ' || g.family_name, c.given_name || ' ' || c.family_name)`.as('display_name'),
      jsonArrayFrom(
        eb
          .selectFrom('memberships as m')
          .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
          .whereRef('m.person_id', '=', 'a.person_id')
          .where('m.ended_at', 'is', null)
          .select(MEMBERSHIP_COLUMNS)
          .$narrowType<{ role: Role }>()
          .orderBy('o.name')
          .orderBy('m.role'),
      ).as('memberships'),
    ])
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (now - new Date(row.last_seen_at).getTime() > config.sessionIdleMinutes * 60_000 || now - new Date(row.created_at).getTime() > config.sessionAbsoluteMinutes * 60_000) {
    await db.updateTable('sessions').set({ ended_at: new Date() }).where('id', '=', id).execute();
    return null;
  }
  let lastSeen = new Date(row.last_seen_at).getTime();
  if (now - lastSeen > 60_000) {
    lastSeen = now;
    await db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('id', '=', id).execute();
  }
  const absoluteEnd = new Date(row.created_at).getTime() + config.sessionAbsoluteMinutes * 60_000;
  const ms = row.memberships;
  const active = ms.find((m) => m.id === row.membership_id) ?? ms[0];
  const actor = actorOf({ ...row, id: row.account_id }, active, ip);
  return {
    id,
    csrfToken: row.csrf_token,
    accountId: row.account_id,
    totpEnrolmentPending: row.totp_enrolment_pending,
    actor,
    view: {
      user: { id: row.account_id, username: row.username, kind: row.kind, displayName: row.display_name ?? row.username },
      memberships: ms.map((m) => ({ id: m.id, organisationId: m.organisation_id, organisationName: m.name, organisationKind: m.kind, role: m.role })),
      activeMembershipId: active?.id ?? null,
      csrfToken: row.csrf_token,
      totpEnrolmentRequired: row.totp_enrolment_pending,
      demo: config.demo,
      idleExpiresAt: new Date(Math.min(lastSeen + config.sessionIdleMinutes * 60_000, absoluteEnd)).toISOString(),
      expiresAt: new Date(absoluteEnd).toISOString(),
      can: capabilitiesOf(actor),
    },
  };
}

export async function signOut(database: Database, session: LoadedSession) {
  await database.db.transaction().execute(async (tx) => {
    await tx.updateTable('sessions').set({ ended_at: new Date() }).where('id', '=', session.id).execute();
    await recordEvent(tx, null, {
      event: 'session.sign_out',
      regionId: session.actor.regionId,
      accountId: session.accountId,
      personId: session.actor.personId,
      ip: session.actor.ip,
    });
  });
}

export async function switchMembership(database: Database, session: LoadedSession, membershipId: string) {
  if (!session.view.memberships.some((m) => m.id === membershipId)) {
    throw new ValidationError([{ name: 'membershipId', code: 'unknown_membership', reason: 'U heeft deze rol bij deze organisatie niet.' }]);
  }
  await database.db.updateTable('sessions').set({ membership_id: membershipId }).where('id', '=', session.id).execute();
}

export function csrfMatches(session: LoadedSession, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Starts TOTP enrolment: a new secret (not yet active) and its QR code. */
export async function setupTotp(database: Database, session: LoadedSession) {
  const account = await database.db.selectFrom('accounts').select(['totp_enabled', 'totp_secret', 'username']).where('id', '=', session.accountId).executeTakeFirstOrThrow();
  if (account.totp_enabled) throw new ProblemError(409, 'Al ingesteld', 'Voor dit account is de tweede stap al ingesteld.', 'totp_already_enabled');
  // The pending secret stays the same until it is confirmed: reloading the enrolment page must not
  // invalidate what the user already scanned.
  const secret = account.totp_secret ?? generateSecret();
  if (!account.totp_secret) await database.db.updateTable('accounts').set({ totp_secret: secret }).where('id', '=', session.accountId).execute();
  const otpauthUrl = generateURI({ issuer: 'Samenspel', label: account.username, secret });
  return { secret, otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 240 }) };
}

/** Confirms TOTP enrolment with a first code; from then on sign-in needs a code. */
export async function confirmTotp(database: Database, session: LoadedSession, code: string) {
  const account = await database.db.selectFrom('accounts').select(['totp_secret', 'totp_enabled']).where('id', '=', session.accountId).executeTakeFirstOrThrow();
  if (!account.totp_secret) throw new NotFoundError('Start eerst het instellen van de tweede stap.');
  const step = await totpStep(account.totp_secret, code);
  const invalid = () => new ValidationError([{ name: 'code', code: 'totp_invalid', reason: 'De code klopt niet. Kijk of de tijd op uw telefoon klopt en probeer de nieuwe code.' }]);
  if (step === null) throw invalid();
  await database.db.transaction().execute(async (tx) => {
    // The code that confirms enrolment is used up too: it cannot sign in afterwards.
    if (!(await consumeTotpStep(tx, session.accountId, step))) throw invalid();
    await tx.updateTable('accounts').set({ totp_enabled: true }).where('id', '=', session.accountId).execute();
    await tx.updateTable('sessions').set({ totp_enrolment_pending: false }).where('id', '=', session.id).execute();
    await recordEvent(tx, null, { event: 'account.totp_enabled', regionId: session.actor.regionId, accountId: session.accountId, personId: session.actor.personId, ip: session.actor.ip });
  });
}
