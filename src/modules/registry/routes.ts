import type { Api } from '../../kernel/http/api.ts';
import { requireCapability } from '../../kernel/policy/capabilities.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { NotFoundError, withCurrentOnStale } from '../../kernel/errors.ts';
import { NoContent } from '../../contracts/common.ts';
import {
  GemeenteCreate,
  GemeenteCreated,
  GemeenteList,
  IdParams,
  MembershipCreate,
  MembershipEndQuery,
  MembershipGranted,
  MembershipParams,
  MembershipPending,
  Organisation,
  OrganisationCreate,
  OrganisationDetail,
  OrganisationList,
  OrganisationMembers,
  OrganisationQuery,
  OrganisationStale,
  OrganisationUpdate,
  PeoplePage,
  PeopleQuery,
  PersonCreate,
  PersonCreated,
  PersonStale,
  RoleGrantApproved,
  RoleGrantPage,
  RoleGrantQuery,
  RoleGrantReject,
  RoleGrantRejected,
} from '../../contracts/registry.ts';
import type { Role } from '../../contracts/values/registry.ts';
import { getOrganisation, getPerson, listOrganisations, listPeople } from './registry-queries.ts';
import { approveRoleGrant, listRoleGrants, rejectRoleGrant } from './role-grants.ts';
import { addMembership, createGemeente, createOrganisation, createPerson, endMembership, organisationFieldChecks, updateOrganisation } from './registry-commands.ts';
import { findGemeente } from '../../kernel/reference/gemeenten-nl.ts';

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
      requireCapability(actor, 'administerRegion');
      return reply.status(201).send(await createGemeente(ctx.database, actor, request.body));
    },
  );

  app.get('/organisations', { schema: { tags, summary: 'Organisaties in de regio', querystring: OrganisationQuery, response: { 200: OrganisationList } } }, async (request) => {
    return { items: await listOrganisations(db, actorOf(request), request.query.kind) };
  });

  app.get('/organisations/:id', { schema: { tags, summary: 'Eén organisatie', params: IdParams, response: { 200: OrganisationDetail } } }, async (request) => {
    const actor = actorOf(request);
    const organisation = await getOrganisation(db, actor, request.params.id);
    const groups = await db.selectFrom('school_groups').select(['id', 'name', 'school_year']).where('organisation_id', '=', organisation.id).orderBy('school_year', 'desc').orderBy('name').execute();
    return { ...organisation, groups: groups.map((g) => ({ id: g.id, name: g.name, schoolYear: g.school_year })) };
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
    {
      config: { fieldChecks: organisationFieldChecks },
      schema: { tags, summary: 'Organisatie toevoegen (functioneel beheerder)', body: OrganisationCreate, response: { 201: Organisation } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireCapability(actor, 'administerRegion');
      const { id } = await createOrganisation(ctx.database, actor, request.body);
      return reply.status(201).send(await getOrganisation(db, actor, id));
    },
  );

  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Organisatie wijzigen (functioneel beheerder), op basis van de versie die het scherm toonde: is die niet meer de huidige, dan 409 met de organisatie zoals die nu is',
        params: IdParams,
        body: OrganisationUpdate,
        response: { 200: Organisation, 409: OrganisationStale },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireCapability(actor, 'administerRegion');
      const { id } = request.params;
      await withCurrentOnStale(
        () => updateOrganisation(ctx.database, actor, id, request.body),
        () => getOrganisation(db, actor, id),
      );
      return getOrganisation(db, actor, id);
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
      requireCapability(actor, 'administerRegion');
      return listPeople(db, actor, request.query);
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
      requireCapability(actor, 'administerRegion');
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
        response: { 201: MembershipGranted, 202: MembershipPending, 409: PersonStale },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireCapability(actor, 'administerRegion');
      const { id } = request.params;
      const result = await withCurrentOnStale(
        () => addMembership(ctx.database, actor, id, request.body),
        () => getPerson(db, actor, id),
      );
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
    {
      schema: {
        tags,
        summary: 'Rol beëindigen (wordt niet verwijderd), op basis van de versie van de persoon die het scherm toonde (`?version=`): is die niet meer de huidige, dan 409 met de persoon zoals die nu is',
        params: MembershipParams,
        querystring: MembershipEndQuery,
        response: { 204: NoContent, 409: PersonStale },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireCapability(actor, 'administerRegion');
      const { id, membershipId } = request.params;
      await withCurrentOnStale(
        () => endMembership(ctx.database, actor, id, membershipId, request.query.version),
        () => getPerson(db, actor, id),
      );
      return reply.status(204).send(null);
    },
  );
}
