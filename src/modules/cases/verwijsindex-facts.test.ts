import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import type { Database } from '../../kernel/db/database.ts';
import { CARE_REQUEST_KINDS, verwijsindexColumns } from './verwijsindex.ts';

/**
 * The two facts of the verwijsindex risk ground that the case view reads in SQL (domain.md §6):
 * a care request counts unless it was withdrawn, a partner on the team counts while not removed and
 * only when not of a school, and a reader who may not read the case file reads neither.
 */
let database: Database;
let caseId: string;

const facts = async (granted = true) => {
  const vi = verwijsindexColumns(granted);
  return database.db
    .selectFrom('cases as k')
    .where('k.id', '=', caseId)
    .select([vi.careRequestSent.as('care'), vi.partnerOnTeam.as('partner'), vi.registeredOn.as('on')])
    .executeTakeFirstOrThrow()
    .then((r) => ({ care: !!r.care, partner: !!r.partner, on: r.on }));
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database, { children: 60 });
  // A demo case with a care request (not withdrawn) and a member of an organisation that is no school.
  const k = await database.db
    .selectFrom('cases as k')
    .where((eb) => eb.exists(eb.selectFrom('requests as rq').select('rq.id').whereRef('rq.case_id', '=', 'k.id').where('rq.kind', 'in', CARE_REQUEST_KINDS).where('rq.status', '!=', 'withdrawn')))
    .where((eb) =>
      eb.exists(
        eb.selectFrom('case_members as m').innerJoin('organisations as o', 'o.id', 'm.organisation_id').select('m.id').whereRef('m.case_id', '=', 'k.id').where('m.removed_at', 'is', null).where('o.kind', '!=', 'school_location'),
      ),
    )
    .select('k.id')
    .executeTakeFirstOrThrow();
  caseId = k.id;
});

afterAll(async () => {
  await database?.close();
});

describe('the verwijsindex facts read with the case', () => {
  it('a care request and a partner on the team count; unread for a reader without the case file', async () => {
    expect(await facts()).toMatchObject({ care: true, partner: true });
    expect(await facts(false)).toEqual({ care: false, partner: false, on: null });
  });

  it('a withdrawn care request does not count; a removed partner does not; a school on the team is no partner', async () => {
    await database.db.updateTable('requests').set({ status: 'withdrawn' }).where('case_id', '=', caseId).where('kind', 'in', CARE_REQUEST_KINDS).execute();
    expect(await facts()).toMatchObject({ care: false, partner: true });
    const partners = database.db.selectFrom('organisations').select('id').where('kind', '!=', 'school_location');
    await database.db.updateTable('case_members').set({ removed_at: new Date() }).where('case_id', '=', caseId).where('organisation_id', 'in', partners).execute();
    const schoolMembers = await database.db.selectFrom('case_members').select('id').where('case_id', '=', caseId).where('removed_at', 'is', null).execute();
    expect(schoolMembers.length).toBeGreaterThan(0);
    expect(await facts()).toMatchObject({ care: false, partner: false });
  });
});
