import { sql } from 'kysely';
import type { Api } from '../../kernel/http/api.ts';
import { actorOf, requireRole, type AppContext } from '../../kernel/http/context.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import { NoContent } from '../../contracts/common.ts';
import {
  GemeenteCreate,
  GemeenteCreated,
  GemeenteList,
  IdParams,
  MembershipCreate,
  MembershipGranted,
  MembershipParams,
  MembershipPending,
  Organisation,
  OrganisationCreate,
  OrganisationDetail,
  OrganisationList,
  OrganisationMembers,
  OrganisationQuery,
  OrganisationUpdate,
  PeoplePage,
  PeopleQuery,
  PersonCreate,
  PersonCreated,
  RoleGrantApproved,
  RoleGrantPage,
  RoleGrantQuery,
  RoleGrantReject,
  RoleGrantRejected,
} from '../../contracts/registry.ts';
import type { Role } from '../../contracts/values/registry.ts';
import { approveRoleGrant, listRoleGrants, rejectRoleGrant } from './role-grants.ts';
import { addMembership, createGemeente, createOrganisation, createPerson, endMembership, updateOrganisation } from './registry-commands.ts';
import { findGemeente } from '../../kernel/reference/gemeenten-nl.ts';
import { invitationStates } from '../staff/invitations.ts';

const tags = ['Register'];

export default async function registryRoutes(app: Api, ctx: AppContext) {
  const { db } = ctx.database;

  app.get('/gemeenten', { schema: { tags, summary: 'Gemeenten in de regio', response: { 200: GemeenteList } } }, async (request) => {
    const actor = actorOf(request);
    const rows = await db.selectFrom('gemeenten').selectAll().where('region_id', '=', actor.regionId).orderBy('name').execute();
    // A gemeente added before the province was stored takes it from the shipped list.
    return { items: rows.map((g) => ({ id: g.id, cbsCode: g.cbs_code, name: g.name, holidayRegion: g.holiday_region, province: g.province ?? findGemeente(g.cbs_code)?.province ?? null })) };
  });

  app.post(
    '/gemeenten',
    {
      schema: {
        tags,
        summary: 'Gemeente toevoegen (functioneel beheerder): alleen de CBS-code neemt naam, provincie en vakantieregio uit de lijst; een gemeente die niet in de lijst staat met naam, provincie en vakantieregio',
        body: GemeenteCreate,
        response: { 201: GemeenteCreated },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      return reply.status(201).send(await createGemeente(ctx.database, actor, request.body));
    },
  );

  const organisationQuery = (regionId: string) =>
    db
      .selectFrom('organisations as o')
      .leftJoin('gemeenten as g', 'g.id', 'o.gemeente_id')
      .where('o.region_id', '=', regionId)
      .select(['o.id', 'o.kind', 'o.name', 'o.gemeente_id', 'g.name as gemeente_name', 'o.brin', 'o.vestiging', 'o.school_type', 'o.board_name']);
  const presentOrganisation = (o: Awaited<ReturnType<ReturnType<typeof organisationQuery>['executeTakeFirstOrThrow']>>) => ({
    id: o.id,
    kind: o.kind,
    name: o.name,
    gemeenteId: o.gemeente_id,
    gemeenteName: o.gemeente_name,
    brin: o.brin,
    vestiging: o.vestiging,
    schoolType: o.school_type,
    boardName: o.board_name,
  });

  app.get('/organisations', { schema: { tags, summary: 'Organisaties in de regio', querystring: OrganisationQuery, response: { 200: OrganisationList } } }, async (request) => {
    const actor = actorOf(request);
    const { kind } = request.query;
    let q = organisationQuery(actor.regionId);
    if (kind) q = q.where('o.kind', '=', kind);
    const rows = await q.orderBy('o.kind').orderBy('o.name').execute();
    return { items: rows.map(presentOrganisation) };
  });

  app.get('/organisations/:id', { schema: { tags, summary: 'Eén organisatie', params: IdParams, response: { 200: OrganisationDetail } } }, async (request) => {
    const actor = actorOf(request);
    const row = await organisationQuery(actor.regionId).where('o.id', '=', request.params.id).executeTakeFirst();
    if (!row) throw new NotFoundError();
    const groups = await db.selectFrom('school_groups').select(['id', 'name', 'school_year']).where('organisation_id', '=', row.id).orderBy('school_year', 'desc').orderBy('name').execute();
    return { ...presentOrganisation(row), groups: groups.map((g) => ({ id: g.id, name: g.name, schoolYear: g.school_year })) };
  });

  // The regional directory: who works where, in which role. Professionals need it to form a team
  // around a child ("people in the same region barely know each other"); it holds no child data.
  app.get(
    '/organisations/:id/members',
    { schema: { tags, summary: 'Wie werkt er bij deze organisatie (smoelenboek van de regio, voor professionals)', params: IdParams, response: { 200: OrganisationMembers } } },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'professional') throw new NotFoundError();
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .where('m.organisation_id', '=', request.params.id)
        .where('o.region_id', '=', actor.regionId)
        .where('m.ended_at', 'is', null)
        .select(['p.id', 'p.given_name', 'p.family_name', 'p.email', 'm.role'])
        // The database holds only the roles the policy knows (a check constraint on memberships.role).
        .$narrowType<{ role: Role }>()
        .orderBy('p.family_name')
        .orderBy('p.given_name')
        .execute();
      return { items: rows.map((r) => ({ personId: r.id, name: `${r.given_name} ${r.family_name}`, email: r.email, role: r.role })) };
    },
  );

  app.post(
    '/organisations',
    { schema: { tags, summary: 'Organisatie toevoegen (functioneel beheerder)', body: OrganisationCreate, response: { 201: Organisation } } },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const { id } = await createOrganisation(ctx.database, actor, request.body);
      return reply.status(201).send(presentOrganisation((await organisationQuery(actor.regionId).where('o.id', '=', id).executeTakeFirst())!));
    },
  );

  app.patch(
    '/organisations/:id',
    { schema: { tags, summary: 'Organisatie wijzigen (functioneel beheerder)', params: IdParams, body: OrganisationUpdate, response: { 200: Organisation } } },
    async (request) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const { id } = await updateOrganisation(ctx.database, actor, request.params.id, request.body);
      return presentOrganisation((await organisationQuery(actor.regionId).where('o.id', '=', id).executeTakeFirst())!);
    },
  );

  app.get(
    '/people',
    {
      schema: {
        tags,
        summary: 'Mensen die in de regio werken (functioneel beheerder)',
        querystring: PeopleQuery,
        response: { 200: PeoplePage },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const { q, organisationId, page, pageSize } = request.query;
      let base = db.selectFrom('people as p').where('p.region_id', '=', actor.regionId);
      if (q?.trim()) base = base.where(sql<boolean>`(p.given_name || ' ' || p.family_name || ' ' || coalesce(p.email, '')) ilike ${'%' + q.trim().replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
      if (organisationId) {
        base = base.where(({ exists, selectFrom }) =>
          exists(selectFrom('memberships as m').whereRef('m.person_id', '=', 'p.id').where('m.organisation_id', '=', organisationId).where('m.ended_at', 'is', null).select(sql`1`.as('one'))),
        );
      }
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const people = await base
        .leftJoin('accounts as a', 'a.person_id', 'p.id')
        .select(['p.id', 'p.given_name', 'p.family_name', 'p.email', 'a.username', 'a.disabled_at'])
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
      return {
        items: people.map((p) => ({
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
        })),
        total: Number(total.n),
        page,
        pageSize,
      };
    },
  );

  app.post(
    '/people',
    {
      schema: {
        tags,
        summary: 'Persoon toevoegen, met rollen en eventueel een account (functioneel beheerder)',
        body: PersonCreate,
        response: { 201: PersonCreated },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      return reply.status(201).send(await createPerson(ctx.database, actor, request.body));
    },
  );

  app.post(
    '/people/:id/memberships',
    {
      schema: {
        tags,
        summary:
          'Rol bij een organisatie toevoegen (nooit aan uzelf). Een rol die gegevens van kinderen ziet, ziet de privacyfunctionaris; als de regio dat instelt wacht hij op een tweede beheerder (202, status pending)',
        params: IdParams,
        body: MembershipCreate,
        response: { 201: MembershipGranted, 202: MembershipPending },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const result = await addMembership(ctx.database, actor, request.params.id, request.body);
      return result.status === 'pending' ? reply.status(202).send(result) : reply.status(201).send(result);
    },
  );

  app.get(
    '/role-grants',
    {
      schema: {
        tags,
        summary: 'Toegekende rollen die gegevens van kinderen zien, en rollen die op een tweede beheerder wachten (functioneel beheerder, privacyfunctionaris)',
        querystring: RoleGrantQuery,
        response: { 200: RoleGrantPage },
      },
    },
    async (request) => listRoleGrants(ctx.database, actorOf(request), request.query),
  );

  app.post(
    '/role-grants/:id/approve',
    {
      schema: {
        tags,
        summary: 'Een wachtende rol goedkeuren (een tweede functioneel beheerder; niet wie hem aanvroeg, niet voor uzelf)',
        params: IdParams,
        response: { 200: RoleGrantApproved },
      },
    },
    async (request) => approveRoleGrant(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/role-grants/:id/reject',
    {
      schema: {
        tags,
        summary: 'Een wachtende rol afwijzen, met reden',
        params: IdParams,
        body: RoleGrantReject,
        response: { 200: RoleGrantRejected },
      },
    },
    async (request) => rejectRoleGrant(ctx.database, actorOf(request), request.params.id, request.body.reason),
  );

  app.delete(
    '/people/:id/memberships/:membershipId',
    { schema: { tags, summary: 'Rol beëindigen (wordt niet verwijderd)', params: MembershipParams, response: { 204: NoContent } } },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const { id, membershipId } = request.params;
      await endMembership(ctx.database, actor, id, membershipId);
      return reply.status(204).send(null);
    },
  );
}
