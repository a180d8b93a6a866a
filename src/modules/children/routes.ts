import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { withCurrentOnStale } from '../../kernel/errors.ts';
import { getChild, getChildAccessLog, listChildren } from './child-queries.ts';
import { addEnrolment, addGuardian, createChild, endEnrolment, recordResidence } from './child-commands.ts';
import {
  ChildAccessLogPage,
  ChildAccessLogQuery,
  ChildDetail,
  ChildIdParams,
  ChildListQuery,
  ChildPage,
  ChildStale,
  CreateChildBody,
  Created,
  EndEnrolmentBody,
  EnrolmentBody,
  EnrolmentEnded,
  EnrolmentParams,
  GuardianBody,
  ResidenceBody,
  ResidenceRecorded,
} from '../../contracts/children.ts';

const tags = ['Kinderen'];

export default async function childRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/children',
    {
      schema: {
        tags,
        summary: 'Kinderen die u mag zien (volgens uw relatie met het kind), met zoeken en pagineren',
        querystring: ChildListQuery,
        response: { 200: ChildPage },
      },
    },
    async (request) => {
      const { q, page, pageSize } = request.query;
      return listChildren(ctx.database, actorOf(request), { q, page, pageSize });
    },
  );

  app.get('/children/:id', { schema: { tags, summary: 'Eén kind: de delen van het dossier die uw relatie dekt', params: ChildIdParams, response: { 200: ChildDetail } } }, async (request) =>
    getChild(ctx.database, actorOf(request), request.params.id),
  );

  app.get(
    '/children/:id/access-log',
    {
      schema: {
        tags,
        summary: 'Wie heeft de gegevens van dit kind ingezien (ouder met gezag, jongere 16+, privacyfunctionaris)',
        params: ChildIdParams,
        querystring: ChildAccessLogQuery,
        response: { 200: ChildAccessLogPage },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      return getChildAccessLog(ctx.database, actorOf(request), request.params.id, page, pageSize);
    },
  );

  app.post(
    '/children',
    { schema: { tags, summary: 'Schrijf een nieuwe leerling in op uw school (intern begeleider / zorgcoördinator)', body: CreateChildBody, response: { 201: Created } } },
    async (request, reply) => reply.status(201).send(await createChild(ctx.database, actorOf(request), request.body)),
  );

  app.post(
    '/children/:id/enrolments',
    { schema: { tags, summary: 'Inschrijving op uw school toevoegen', params: ChildIdParams, body: EnrolmentBody, response: { 201: Created } } },
    async (request, reply) => reply.status(201).send(await addEnrolment(ctx.database, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/children/:id/enrolments/:enrolmentId',
    {
      schema: {
        tags,
        summary: 'Inschrijving beëindigen, op basis van de versie van de inschrijving die het scherm toonde: is die niet meer de huidige, dan 409 met het kind zoals het nu is',
        params: EnrolmentParams,
        body: EndEnrolmentBody,
        response: { 200: EnrolmentEnded, 409: ChildStale },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, enrolmentId } = request.params;
      return withCurrentOnStale(
        () => endEnrolment(ctx.database, actor, id, enrolmentId, request.body.endDate, request.body.version),
        () => getChild(ctx.database, actor, id),
      );
    },
  );

  app.post(
    '/children/:id/guardians',
    { schema: { tags, summary: 'Ouder/verzorger toevoegen', params: ChildIdParams, body: GuardianBody, response: { 201: Created } } },
    async (request, reply) => reply.status(201).send(await addGuardian(ctx.database, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/children/:id/residences',
    { schema: { tags, summary: 'Verhuizing vastleggen (nieuwe woongemeente vanaf een datum)', params: ChildIdParams, body: ResidenceBody, response: { 201: ResidenceRecorded } } },
    async (request, reply) => {
      const { gemeenteId, validFrom } = request.body;
      return reply.status(201).send(await recordResidence(ctx.database, actorOf(request), request.params.id, gemeenteId, validFrom));
    },
  );
}
