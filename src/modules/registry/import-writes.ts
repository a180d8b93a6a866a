import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';

/**
 * The bulk writes of the staff import (and its leavers) into the registry's tables. The staff module
 * has checked everything and holds the transaction; roles go through role-grants.ts (`grantRoles`).
 * A person whose name or memberships change gets the next version (an open form gets a 409).
 */

/** New people of the region, in batches of 1000; returns each one's id by e-mail address (as given). */
export async function createPeople(tx: Tx, regionId: string, people: { givenName: string; familyName: string; email: string }[]): Promise<Map<string, string>> {
  const created = new Map<string, string>();
  for (let i = 0; i < people.length; i += 1000) {
    const ins = await tx
      .insertInto('people')
      .values(people.slice(i, i + 1000).map((r) => ({ region_id: regionId, given_name: r.givenName, family_name: r.familyName, email: r.email })))
      .returning(['id', 'email'])
      .execute();
    for (const p of ins) created.set(p.email!, p.id);
  }
  return created;
}

/** Names that changed, in one statement (only people of the region). */
export async function renamePeople(tx: Tx, regionId: string, renames: { id: string | null; given: string; family: string }[]): Promise<void> {
  if (!renames.length) return;
  await sql`update people p set given_name = x.given, family_name = x.family, version = p.version + 1
    from jsonb_to_recordset(${JSON.stringify(renames)}::jsonb) as x(id uuid, given text, family text)
    where p.id = x.id and p.region_id = ${regionId}`.execute(tx);
}

/**
 * A confirmed leaver: the person's active memberships at the organisation end after `endDate` (the
 * day itself still counts; never later than now). Returns how many ended.
 */
export async function endMembershipsAt(tx: Tx, personId: string, organisationId: string, endDate: string): Promise<number> {
  const ended = await tx
    .updateTable('memberships')
    .set({ ended_at: sql`least((${endDate}::date + 1)::timestamptz, now())` })
    .where('person_id', '=', personId)
    .where('organisation_id', '=', organisationId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  const count = Number(ended.numUpdatedRows);
  // The person's memberships changed: a screen opened before cannot save over it.
  if (count > 0) await tx.updateTable('people').set({ version: sql`version + 1` }).where('id', '=', personId).execute();
  return count;
}
