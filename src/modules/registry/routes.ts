import type { FastifyInstance } from 'fastify';
import { approveRoleGrant, listRoleGrants, rejectRoleGrant } from './role-grants.ts';
import { Type } from '@fastify/type-provider-typebox';
import { paging } from '../../kernel/http/query.ts';
import { sql } from 'kysely';
import { actorOf, requireRole, type AppContext } from '../../kernel/http/context.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import { ROLES } from '../../kernel/policy/roles.ts';
import {
  addMembership,
  createGemeente,
  createOrganisation,
  createPerson,
  endMembership,
  updateOrganisation,
  type GemeenteInput,
  type MembershipInput,
  type OrganisationInput,
  type PersonInput,
} from './registry-commands.ts';
import { findGemeente } from '../../kernel/reference/gemeenten-nl.ts';
import { invitationStates } from '../staff/invitations.ts';

const tags = ['Register'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([Type.Null(), t]);
const OrgKind = Type.Union(['school_location', 'swv', 'gemeente', 'wijkteam', 'youth_care_provider', 'jgz', 'region_office'].map((k) => Type.Literal(k)));
const SchoolType = Type.Union(['po', 'so', 'sbo', 'vo', 'vso', 'mbo'].map((k) => Type.Literal(k)));
const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const MembershipBody = Type.Object({ organisationId: Type.String({ format: 'uuid' }), role: Role }, { additionalProperties: false });

export default async function registryRoutes(app: FastifyInstance, ctx: AppContext) {
  const { db } = ctx.database;

  app.get('/gemeenten', { schema: { tags, summary: 'Gemeenten in de regio' } }, async (request) => {
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
        body: Type.Object(
          {
            cbsCode: Type.String({ minLength: 1, maxLength: 10 }),
            name: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            province: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
            holidayRegion: Type.Optional(Type.Union([Type.Null(), Type.Literal('noord'), Type.Literal('midden'), Type.Literal('zuid')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      return reply.status(201).send(await createGemeente(ctx.database, actor, request.body as GemeenteInput));
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

  app.get('/organisations', { schema: { tags, summary: 'Organisaties in de regio', querystring: Type.Object({ kind: Type.Optional(OrgKind) }) } }, async (request) => {
    const actor = actorOf(request);
    const { kind } = request.query as { kind?: string };
    let q = organisationQuery(actor.regionId);
    if (kind) q = q.where('o.kind', '=', kind as never);
    const rows = await q.orderBy('o.kind').orderBy('o.name').execute();
    return { items: rows.map(presentOrganisation) };
  });

  app.get('/organisations/:id', { schema: { tags, summary: 'Eén organisatie', params: Id } }, async (request) => {
    const actor = actorOf(request);
    const row = await organisationQuery(actor.regionId).where('o.id', '=', (request.params as { id: string }).id).executeTakeFirst();
    if (!row) throw new NotFoundError();
    const groups = await db.selectFrom('school_groups').select(['id', 'name', 'school_year']).where('organisation_id', '=', row.id).orderBy('school_year', 'desc').orderBy('name').execute();
    return { ...presentOrganisation(row), groups: groups.map((g) => ({ id: g.id, name: g.name, schoolYear: g.school_year })) };
  });

  // The regional directory: who works where, in which role. Professionals need it to form a team
  // around a child ("people in the same region barely know each other"); it holds no child data.
  app.get('/organisations/:id/members', { schema: { tags, summary: 'Wie werkt er bij deze organisatie (smoelenboek van de regio, voor professionals)', params: Id } }, async (request) => {
    const actor = actorOf(request);
    if (actor.kind !== 'professional') throw new NotFoundError();
    const rows = await db
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .where('m.organisation_id', '=', (request.params as { id: string }).id)
      .where('o.region_id', '=', actor.regionId)
      .where('m.ended_at', 'is', null)
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.email', 'm.role'])
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .execute();
    return { items: rows.map((r) => ({ personId: r.id, name: `${r.given_name} ${r.family_name}`, email: r.email, role: r.role })) };
  });

  const OrganisationFields = {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    gemeenteId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    brin: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
    vestiging: Type.Optional(Nullable(Type.String({ maxLength: 4 }))),
    schoolType: Type.Optional(Type.Union([Type.Null(), SchoolType])),
    boardName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  };

  app.post(
    '/organisations',
    { schema: { tags, summary: 'Organisatie toevoegen (functioneel beheerder)', body: Type.Object({ kind: OrgKind, ...OrganisationFields }, { additionalProperties: false }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const { id } = await createOrganisation(ctx.database, actor, request.body as OrganisationInput);
      return reply.status(201).send(presentOrganisation((await organisationQuery(actor.regionId).where('o.id', '=', id).executeTakeFirst())!));
    },
  );

  app.patch(
    '/organisations/:id',
    { schema: { tags, summary: 'Organisatie wijzigen (functioneel beheerder)', params: Id, body: Type.Partial(Type.Object(OrganisationFields), { additionalProperties: false }) } },
    async (request) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const { id } = await updateOrganisation(ctx.database, actor, (request.params as { id: string }).id, request.body as Partial<OrganisationInput>);
      return presentOrganisation((await organisationQuery(actor.regionId).where('o.id', '=', id).executeTakeFirst())!);
    },
  );

  app.get(
    '/people',
    {
      schema: {
        tags,
        summary: 'Mensen die in de regio werken (functioneel beheerder)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          organisationId: Type.Optional(Type.String({ format: 'uuid' })),
          ...paging(100, 25),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const { q, organisationId, page, pageSize } = request.query as { q?: string; organisationId?: string; page: number; pageSize: number };
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
        body: Type.Object(
          {
            givenName: Type.String({ minLength: 1, maxLength: 100 }),
            familyName: Type.String({ minLength: 1, maxLength: 100 }),
            email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
            username: Type.Optional(Nullable(Type.String({ maxLength: 63 }))),
            password: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
            memberships: Type.Array(MembershipBody, { maxItems: 20 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      return reply.status(201).send(await createPerson(ctx.database, actor, request.body as PersonInput));
    },
  );

  app.post(
    '/people/:id/memberships',
    {
      schema: {
        tags,
        summary:
          'Rol bij een organisatie toevoegen (nooit aan uzelf). Een rol die gegevens van kinderen ziet, ziet de privacyfunctionaris; als de regio dat instelt wacht hij op een tweede beheerder (202, status pending)',
        params: Id,
        body: MembershipBody,
        response: {
          201: Type.Object({ id: Type.String({ format: 'uuid' }), status: Type.Literal('granted'), grantId: Type.Null() }),
          202: Type.Object({ id: Type.Null(), status: Type.Literal('pending'), grantId: Type.String({ format: 'uuid' }) }),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const result = await addMembership(ctx.database, actor, (request.params as { id: string }).id, request.body as MembershipInput);
      return reply.status(result.status === 'pending' ? 202 : 201).send(result);
    },
  );

  const GrantStatus = Type.Union([Type.Literal('pending'), Type.Literal('granted'), Type.Literal('rejected')]);
  const Uuid = Type.String({ format: 'uuid' });
  const NullableText = Nullable(Type.String());
  const RoleGrant = Type.Object({
    id: Uuid,
    personId: Uuid,
    personName: Type.String(),
    organisationId: Uuid,
    organisationName: Type.String(),
    role: Type.String(),
    status: GrantStatus,
    requestedAt: Type.String({ format: 'date-time' }),
    requestedBy: NullableText,
    decidedAt: Nullable(Type.String({ format: 'date-time' })),
    decidedBy: NullableText,
    decisionReason: NullableText,
    fromImport: Type.Boolean(),
    can: Type.Object({ decide: Type.Boolean() }),
  });
  app.get(
    '/role-grants',
    {
      schema: {
        tags,
        summary: 'Toegekende rollen die gegevens van kinderen zien, en rollen die op een tweede beheerder wachten (functioneel beheerder, privacyfunctionaris)',
        querystring: Type.Object({ status: Type.Optional(GrantStatus), ...paging(100, 25) }),
        response: {
          200: Type.Object({ items: Type.Array(RoleGrant), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), can: Type.Object({ approve: Type.Boolean() }) }),
        },
      },
    },
    async (request) => listRoleGrants(ctx.database, actorOf(request), request.query as { status?: 'pending' | 'granted' | 'rejected'; page: number; pageSize: number }),
  );

  app.post(
    '/role-grants/:id/approve',
    {
      schema: {
        tags,
        summary: 'Een wachtende rol goedkeuren (een tweede functioneel beheerder; niet wie hem aanvroeg, niet voor uzelf)',
        params: Id,
        response: { 200: Type.Object({ id: Uuid, status: Type.Literal('granted'), membershipId: Uuid }) },
      },
    },
    async (request) => approveRoleGrant(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );

  app.post(
    '/role-grants/:id/reject',
    {
      schema: {
        tags,
        summary: 'Een wachtende rol afwijzen, met reden',
        params: Id,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Uuid, status: Type.Literal('rejected') }) },
      },
    },
    async (request) => rejectRoleGrant(ctx.database, actorOf(request), (request.params as { id: string }).id, (request.body as { reason: string }).reason),
  );

  app.delete(
    '/people/:id/memberships/:membershipId',
    { schema: { tags, summary: 'Rol beëindigen (wordt niet verwijderd)', params: Type.Object({ id: Type.String({ format: 'uuid' }), membershipId: Type.String({ format: 'uuid' }) }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const { id, membershipId } = request.params as { id: string; membershipId: string };
      await endMembership(ctx.database, actor, id, membershipId);
      return reply.status(204).send();
    },
  );
}
