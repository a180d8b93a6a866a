import type { FastifyRequest } from 'fastify';
import type { Api } from '../../kernel/http/api.ts';
import { readMultipartUpload } from '../../kernel/http/upload.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ValidationError, type FieldError } from '../../kernel/errors.ts';
import { parseFlag } from '../../kernel/files/cells.ts';
import { commitPupilImport, decideTransferMatch, getPupilImport, previewPupilImport } from './pupil-import.ts';
import { commitGuardianImport, previewGuardianImport } from './guardian-import.ts';
import { decidePupilLeaver, listPupilLeavers } from './leavers.ts';
import { schoolOf } from './import-common.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import {
  GuardianImportPreview,
  GuardianImportResult,
  PupilImportPreview,
  PupilImportResult,
  PupilImportView,
  PupilLeaverDecided,
  PupilLeaverDecisionBody,
  PupilLeavers,
  PupilLeaversQuery,
  PupilsIdParams,
  TransferMatchBody,
  TransferMatchDecided,
  TransferMatchParams,
} from '../../contracts/pupils.ts';

const tags = ['Leerlingen importeren'];
const MAX_FILE_BYTES = 50 * 1024 * 1024;

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

export default async function pupilsRoutes(app: Api, ctx: AppContext) {
  app.post(
    '/pupil-imports',
    {
      schema: {
        tags,
        summary:
          'Leerlingen importeren, stap 1: het bestand (CSV of .xlsx; standaardformaat of export uit ParnasSys, Magister, SOMtoday, Esis) controleren. Multipart: file, fullExport (ja/nee), schoolLocationId. Er wordt nog niets opgeslagen.',
        consumes: ['multipart/form-data'],
        response: { 201: PupilImportPreview },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await previewPupilImport(ctx.database, actor, await readUpload(request, actor, 'leerlingen.csv')));
    },
  );

  app.get(
    '/pupil-imports/:id',
    {
      schema: {
        tags,
        summary: 'Een gecontroleerd bestand opnieuw bekijken (na herladen): fouten, wijzigingen, beoordeelde overstappen, en of het is opgeslagen',
        params: PupilsIdParams,
        response: { 200: PupilImportView },
      },
    },
    async (request) => getPupilImport(ctx.database, actorOf(request), request.params.id),
  );

  app.put(
    '/pupil-imports/:id/matches/:matchId',
    {
      schema: {
        tags,
        summary: 'Een mogelijke overstap beoordelen: "same" (zelfde kind: één dossier, de inschrijving elders eindigt) of "different" (ander kind: een nieuw kind)',
        params: TransferMatchParams,
        body: TransferMatchBody,
        response: { 200: TransferMatchDecided },
      },
    },
    async (request) => decideTransferMatch(ctx.database, actorOf(request), request.params.id, request.params.matchId, request.body.decision),
  );

  app.post(
    '/pupil-imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Leerlingen importeren, stap 2: alles opslaan of niets (geweigerd zolang er fouten of onbeoordeelde overstappen zijn)',
        params: PupilsIdParams,
        response: { 200: PupilImportResult },
      },
    },
    async (request) => commitPupilImport(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/guardian-imports',
    {
      schema: {
        tags,
        summary: 'Ouders en verzorgers importeren, stap 1: het bestand controleren (multipart: file, schoolLocationId). Er wordt nog niets opgeslagen.',
        consumes: ['multipart/form-data'],
        response: { 201: GuardianImportPreview },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await previewGuardianImport(ctx.database, actor, await readUpload(request, actor, 'ouders.csv')));
    },
  );

  app.post(
    '/guardian-imports/:id/commit',
    { schema: { tags, summary: 'Ouders en verzorgers importeren, stap 2: alles opslaan of niets', params: PupilsIdParams, response: { 200: GuardianImportResult } } },
    async (request) => commitGuardianImport(ctx.database, actorOf(request), request.params.id),
  );

  app.get(
    '/pupil-leavers',
    {
      schema: {
        tags,
        summary: 'Waarschijnlijke vertrekkers van de school: leerlingen die in een volledige export ontbraken; hun inschrijving loopt door tot u een datum bevestigt',
        querystring: PupilLeaversQuery,
        response: { 200: PupilLeavers },
      },
    },
    async (request) => listPupilLeavers(ctx.database, actorOf(request), request.query.schoolLocationId),
  );

  app.post(
    '/pupil-leavers/:id/decision',
    {
      schema: {
        tags,
        summary: 'Een waarschijnlijke vertrekker: uitschrijven per datum (confirmed, endDate JJJJ-MM-DD, niet vóór de inschrijfdatum) of blijft ingeschreven (dismissed)',
        params: PupilsIdParams,
        body: PupilLeaverDecisionBody,
        response: { 200: PupilLeaverDecided },
      },
    },
    async (request) => decidePupilLeaver(ctx.database, actorOf(request), request.params.id, request.body),
  );
}
