import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';

/**
 * The accounts and sessions that other modules make or end (the session module owns both tables,
 * kernel/db/owners.ts): an account for a new person (registry), accounts for imported staff and
 * for an invitation (staff), a password set through an invitation, and the accounts of someone who
 * left (staff leavers).
 */

export interface NewAccount {
  regionId: string;
  username: string;
  personId: string;
  /** null: the person sets a password through an invitation. */
  passwordHash: string | null;
}

/** Creates professional accounts, in one statement. */
export async function createProfessionalAccounts(tx: Tx, accounts: NewAccount[]) {
  if (!accounts.length) return [];
  return tx
    .insertInto('accounts')
    .values(accounts.map((a) => ({ region_id: a.regionId, username: a.username, password_hash: a.passwordHash, kind: 'professional' as const, person_id: a.personId })))
    .returning(['id', 'person_id', 'username', 'password_hash', 'disabled_at'])
    .execute();
}

/** Sets an account's password and clears its failed attempts and lock (an invitation accepted). */
export async function setAccountPassword(tx: Tx, accountId: string, passwordHash: string) {
  await tx.updateTable('accounts').set({ password_hash: passwordHash, failed_logins: 0, locked_until: null }).where('id', '=', accountId).execute();
}

/** Disables the live accounts of a person and ends their sessions; returns the accounts disabled. */
export async function disableAccountsOfPerson(tx: Tx, personId: string): Promise<string[]> {
  const accounts = await tx.updateTable('accounts').set({ disabled_at: sql`now()` }).where('person_id', '=', personId).where('disabled_at', 'is', null).returning('id').execute();
  const ids = accounts.map((a) => a.id);
  if (ids.length) await tx.updateTable('sessions').set({ ended_at: sql`now()` }).where('account_id', 'in', ids).where('ended_at', 'is', null).execute();
  return ids;
}
