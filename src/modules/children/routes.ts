import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { paging } from '../../kernel/http/query.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { getChild, getChildAccessLog, listChildren } from './child-queries.ts';
import { addEnrolment, addGuardian, createChild, endEnrolment, recordResidence, type CreateChildInput, type EnrolmentInput, type GuardianInput } from './child-commands.ts';

const tags = ['Kinderen'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Paging = paging(100, 25);
const DateStr = Type.String({ format: 'date', description: 'JJJJ-MM-DD' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const EnrolmentBody = Type.Object(
  {
    startDate: DateStr,
    endDate: Type.Optional(Nullable(DateStr)),
    groupId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    mentorPersonId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  },
  { additionalProperties: false },
);

export default async function childRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/children',
    {
      schema: {
        tags,
        summary: 'Kinderen die u mag zien (volgens uw relatie met het kind), met zoeken en pagineren',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging }),
      },
    },
    async (request) => {
      const { q, page, pageSize } = request.query as { q?: string; page: number; pageSize: number };
      return listChildren(ctx.database, actorOf(request), { q, page, pageSize });
    },
  );

  app.get('/children/:id', { schema: { tags, summary: 'Eén kind: de delen van het dossier die uw relatie dekt', params: Id } }, async (request) =>
    getChild(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );

  app.get(
    '/children/:id/access-log',
    { schema: { tags, summary: 'Wie heeft de gegevens van dit kind ingezien (ouder met gezag, jongere 16+, privacyfunctionaris)', params: Id, querystring: Type.Object(Paging) } },
    async (request) => {
      const { page, pageSize } = request.query as { page: number; pageSize: number };
      return getChildAccessLog(ctx.database, actorOf(request), (request.params as { id: string }).id, page, pageSize);
    },
  );

  app.post(
    '/children',
    {
      schema: {
        tags,
        summary: 'Schrijf een nieuwe leerling in op uw school (intern begeleider / zorgcoördinator)',
        body: Type.Object(
          {
            givenName: Type.String({ minLength: 1, maxLength: 100 }),
            familyName: Type.String({ minLength: 1, maxLength: 100 }),
            birthDate: DateStr,
            bsn: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
            gemeenteId: Type.String({ format: 'uuid' }),
            enrolment: EnrolmentBody,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => reply.status(201).send(await createChild(ctx.database, actorOf(request), request.body as CreateChildInput)),
  );

  app.post('/children/:id/enrolments', { schema: { tags, summary: 'Inschrijving op uw school toevoegen', params: Id, body: EnrolmentBody } }, async (request, reply) =>
    reply.status(201).send(await addEnrolment(ctx.database, actorOf(request), (request.params as { id: string }).id, request.body as EnrolmentInput)),
  );

  app.patch(
    '/children/:id/enrolments/:enrolmentId',
    {
      schema: {
        tags,
        summary: 'Inschrijving beëindigen',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), enrolmentId: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ endDate: DateStr }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const { id, enrolmentId } = request.params as { id: string; enrolmentId: string };
      return endEnrolment(ctx.database, actorOf(request), id, enrolmentId, (request.body as { endDate: string }).endDate);
    },
  );

  app.post(
    '/children/:id/guardians',
    {
      schema: {
        tags,
        summary: 'Ouder/verzorger toevoegen',
        params: Id,
        body: Type.Object(
          {
            givenName: Type.String({ minLength: 1, maxLength: 100 }),
            familyName: Type.String({ minLength: 1, maxLength: 100 }),
            email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
            relation: Type.Union([Type.Literal('parent'), Type.Literal('foster_parent'), Type.Literal('guardian'), Type.Literal('other')]),
            hasAuthority: Type.Boolean(),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => reply.status(201).send(await addGuardian(ctx.database, actorOf(request), (request.params as { id: string }).id, request.body as GuardianInput)),
  );

  app.post(
    '/children/:id/residences',
    {
      schema: {
        tags,
        summary: 'Verhuizing vastleggen (nieuwe woongemeente vanaf een datum)',
        params: Id,
        body: Type.Object({ gemeenteId: Type.String({ format: 'uuid' }), validFrom: DateStr }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { gemeenteId, validFrom } = request.body as { gemeenteId: string; validFrom: string };
      return reply.status(201).send(await recordResidence(ctx.database, actorOf(request), (request.params as { id: string }).id, gemeenteId, validFrom));
    },
  );
}
