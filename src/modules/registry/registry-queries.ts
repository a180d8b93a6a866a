import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import type { Organisation, Person } from '../../contracts/registry.ts';
import type { Role } from '../../contracts/values/registry.ts';
import { invitationStates } from '../staff/index.ts';

/**
 * Reads of the registry (organisations, people with their roles): for the lists, for the answer of
 * an update, and for the current state a stale update gets with its 409. No child data.
 */

const organisationQuery = (db: Db, regionId: string) =>
  db
    .selectFrom('organisations as o')
    .leftJoin('gemeenten as g', 'g.id', 'o.gemeente_id')
    .where('o.region_id', '=', regionId)
    .select(['o.id', 'o.kind', 'o.name', 'o.gemeente_id', 'g.name as gemeente_name', 'o.brin', 'o.vestiging', 'o.school_type', 'o.board_name', 'o.version']);

type OrganisationRow = Awaited<ReturnType<ReturnType<typeof organisationQuery>['executeTakeFirstOrThrow']>>;

const presentOrganisation = (o: OrganisationRow): Organisation => ({
  id: o.id,
  kind: o.kind,
  name: o.name,
  gemeenteId: o.gemeente_id,
  gemeenteName: o.gemeente_name,
  brin: o.brin,
  vestiging: o.vestiging,
  schoolType: o.school_type,
  boardName: o.board_name,
  version: o.version,
});

export async function listOrganisations(db: Db, actor: Actor, kind?: Organisation['kind']): Promise<Organisation[]> {
  let q = organisationQuery(db, actor.regionId);
  if (kind) q = q.where('o.kind', '=', kind);
  return (await q.orderBy('o.kind').orderBy('o.name').execute()).map(presentOrganisation);
}

/** One organisation of the actor's region (404 for another region's). */
export async function getOrganisation(db: Db, actor: Actor, id: string): Promise<Organisation> {
  const row = await organisationQuery(db, actor.regionId).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return presentOrganisation(row);
}

export interface PeopleFilter {
  q?: string;
  organisationId?: string;
  page: number;
  pageSize: number;
}

const peopleBase = (db: Db, actor: Actor) => db.selectFrom('people as p').where('p.region_id', '=', actor.regionId);
type PeopleBase = ReturnType<typeof peopleBase>;

/** People with their live roles and account state, as the administrator's list shows them. */
async function presentPeople(db: Db, actor: Actor, base: PeopleBase, page: number, pageSize: number): Promise<Person[]> {
  const people = await base
    .leftJoin('accounts as a', 'a.person_id', 'p.id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.email', 'p.version', 'a.username', 'a.disabled_at'])
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ms = people.length
    ? await db
        .selectFrom('memberships as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .where('m.person_id', 'in', people.map((p) => p.id))
        .where('m.ended_at', 'is', null)
        .select(['m.id', 'm.person_id', 'm.organisation_id', 'o.name', 'm.role'])
        .$narrowType<{ role: Role }>()
        .orderBy('o.name')
        .execute()
    : [];
  // invited / expired / active / disabled (staff/invitations.ts); null without an account.
  const states = await invitationStates(db, people.map((p) => p.id));
  return people.map((p) => ({
    id: p.id,
    givenName: p.given_name,
    familyName: p.family_name,
    email: p.email,
    username: p.username,
    accountDisabled: !!p.disabled_at,
    invitationState: states.get(p.id) ?? null,
    memberships: ms.filter((m) => m.person_id === p.id).map((m) => ({ id: m.id, organisationId: m.organisation_id, organisationName: m.name, role: m.role })),
    // Nobody gives themselves a role.
    can: { addMembership: p.id !== actor.personId },
    version: p.version,
  }));
}

export async function listPeople(db: Db, actor: Actor, filter: PeopleFilter) {
  const { q, organisationId, page, pageSize } = filter;
  let base = peopleBase(db, actor);
  if (q?.trim()) base = base.where(sql<boolean>`(p.given_name || ' ' || p.family_name || ' ' || coalesce(p.email, '')) ilike ${'%' + q.trim().replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  if (organisationId) {
    base = base.where(({ exists, selectFrom }) =>
      exists(selectFrom('memberships as m').whereRef('m.person_id', '=', 'p.id').where('m.organisation_id', '=', organisationId).where('m.ended_at', 'is', null).select(sql`1`.as('one'))),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: await presentPeople(db, actor, base, page, pageSize), total: Number(total.n), page, pageSize };
}

/** One person of the actor's region, as the list shows them (404 for another region's). */
export async function getPerson(db: Db, actor: Actor, id: string): Promise<Person> {
  const [person] = await presentPeople(db, actor, peopleBase(db, actor).where('p.id', '=', id), 1, 1);
  if (!person) throw new NotFoundError();
  return person;
}
