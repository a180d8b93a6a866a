import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { readMultipartUpload } from '../../kernel/http/upload.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ValidationError, type FieldError } from '../../kernel/errors.ts';
import { parseFlag } from '../../kernel/files/cells.ts';
import { commitPupilImport, decideTransferMatch, getPupilImport, previewPupilImport } from './pupil-import.ts';
import { commitGuardianImport, previewGuardianImport } from './guardian-import.ts';
import { decidePupilLeaver, listPupilLeavers } from './leavers.ts';
import { schoolOf } from './import-common.ts';
import type { Actor } from '../../kernel/policy/actor.ts';

const tags = ['Leerlingen importeren'];
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

/** The multipart upload: file, schoolLocationId (optional: the school the user acts for) and fullExport (ja/nee). */
async function readUpload(request: FastifyRequest, actor: Actor, defaultName: string) {
  // Refuse before reading the file when the user may not import at all.
  schoolOf(actor);
  const { file, fields } = await readMultipartUpload(request, { maxBytes: MAX_FILE_BYTES, defaultName, tooLarge: 'Het bestand is groter dan 50 MB. Splits het, bijvoorbeeld per groep of leerjaar.', fields: 'het veld file' });
  const schoolLocationId = fields.schoolLocationId ?? '';
  const fullExport = parseFlag({ kind: 'text', text: fields.fullExport ?? '' }) === true || fields.fullExport === 'on';
  const errors: FieldError[] = [];
  if (!file || file.content.length === 0) errors.push({ name: 'file', code: 'required', reason: 'Kies het bestand uit de leerlingadministratie (CSV of Excel .xlsx).' });
  if (schoolLocationId && !/^[0-9a-f-]{36}$/i.test(schoolLocationId)) errors.push({ name: 'schoolLocationId', code: 'invalid', reason: 'Geef de schoolvestiging als id.' });
  if (errors.length) throw new ValidationError(errors);
  return { schoolLocationId: schoolLocationId || schoolOf(actor), fileName: file!.name, content: file!.content, fullExport };
}

export default async function pupilsRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/pupil-imports',
    {
      schema: {
        tags,
        summary:
          'Leerlingen importeren, stap 1: het bestand (CSV of .xlsx; standaardformaat of export uit ParnasSys, Magister, SOMtoday, Esis) controleren. Multipart: file, fullExport (ja/nee), schoolLocationId. Er wordt nog niets opgeslagen.',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await previewPupilImport(ctx.database, actor, await readUpload(request, actor, 'leerlingen.csv')));
    },
  );

  app.get(
    '/pupil-imports/:id',
    { schema: { tags, summary: 'Een gecontroleerd bestand opnieuw bekijken (na herladen): fouten, wijzigingen, beoordeelde overstappen, en of het is opgeslagen', params: Id } },
    async (request) => getPupilImport(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );

  app.put(
    '/pupil-imports/:id/matches/:matchId',
    {
      schema: {
        tags,
        summary: 'Een mogelijke overstap beoordelen: "same" (zelfde kind: één dossier, de inschrijving elders eindigt) of "different" (ander kind: een nieuw kind)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), matchId: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ decision: oneOf(['same', 'different'] as const) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const p = request.params as { id: string; matchId: string };
      return decideTransferMatch(ctx.database, actorOf(request), p.id, p.matchId, (request.body as { decision: 'same' | 'different' }).decision);
    },
  );

  app.post(
    '/pupil-imports/:id/commit',
    { schema: { tags, summary: 'Leerlingen importeren, stap 2: alles opslaan of niets (geweigerd zolang er fouten of onbeoordeelde overstappen zijn)', params: Id } },
    async (request) => commitPupilImport(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );

  app.post(
    '/guardian-imports',
    {
      schema: {
        tags,
        summary: 'Ouders en verzorgers importeren, stap 1: het bestand controleren (multipart: file, schoolLocationId). Er wordt nog niets opgeslagen.',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await previewGuardianImport(ctx.database, actor, await readUpload(request, actor, 'ouders.csv')));
    },
  );

  app.post(
    '/guardian-imports/:id/commit',
    { schema: { tags, summary: 'Ouders en verzorgers importeren, stap 2: alles opslaan of niets', params: Id } },
    async (request) => commitGuardianImport(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );

  app.get(
    '/pupil-leavers',
    {
      schema: {
        tags,
        summary: 'Waarschijnlijke vertrekkers van de school: leerlingen die in een volledige export ontbraken; hun inschrijving loopt door tot u een datum bevestigt',
        querystring: Type.Object({ schoolLocationId: Type.Optional(Type.String({ format: 'uuid' })) }),
      },
    },
    async (request) => listPupilLeavers(ctx.database, actorOf(request), (request.query as { schoolLocationId?: string }).schoolLocationId),
  );

  app.post(
    '/pupil-leavers/:id/decision',
    {
      schema: {
        tags,
        summary: 'Een waarschijnlijke vertrekker: uitschrijven per datum (confirmed, endDate JJJJ-MM-DD, niet vóór de inschrijfdatum) of blijft ingeschreven (dismissed)',
        params: Id,
        // Null first: with type coercion a null would otherwise become an empty string.
        body: Type.Object({ decision: oneOf(['confirmed', 'dismissed'] as const), endDate: Type.Optional(Type.Union([Type.Null(), Type.String()])) }, { additionalProperties: false }),
      },
    },
    async (request) => decidePupilLeaver(ctx.database, actorOf(request), (request.params as { id: string }).id, request.body as { decision: 'confirmed' | 'dismissed'; endDate?: string | null }),
  );
}
