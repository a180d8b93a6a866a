import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ValidationError, type FieldError } from '../../kernel/errors.ts';
import { commitAbsenceImport, previewAbsenceImport } from './absence-import.ts';

const tags = ['Verzuim'];
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export default async function absenceRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/absence-imports',
    {
      schema: {
        tags,
        summary: 'Verzuim importeren, stap 1: het bestand controleren (multipart: file, schoolLocationId). Er wordt nog niets opgeslagen.',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) throw new ValidationError([{ name: 'file', code: 'required', reason: 'Stuur het bestand als multipart/form-data met de velden file en schoolLocationId.' }]);
      let schoolLocationId = '';
      let file: { name: string; content: Buffer } | null = null;
      for await (const part of request.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } })) {
        if (part.type === 'file') {
          const content = await part.toBuffer();
          if (part.file.truncated) throw new ValidationError([{ name: 'file', code: 'too_large', reason: 'Het bestand is groter dan 50 MB. Splits het per periode.' }]);
          file = { name: part.filename || 'verzuim.csv', content };
        } else if (part.fieldname === 'schoolLocationId') {
          schoolLocationId = String(part.value ?? '').trim();
        }
      }
      const errors: FieldError[] = [];
      if (!file) errors.push({ name: 'file', code: 'required', reason: 'Kies het bestand met verzuim (CSV).' });
      if (!/^[0-9a-f-]{36}$/i.test(schoolLocationId)) errors.push({ name: 'schoolLocationId', code: 'required', reason: 'Geef de schoolvestiging (id) op.' });
      if (errors.length) throw new ValidationError(errors);
      return reply.status(201).send(await previewAbsenceImport(ctx.database, actor, { schoolLocationId, fileName: file!.name, content: file!.content }));
    },
  );

  app.post(
    '/absence-imports/:id/commit',
    { schema: { tags, summary: 'Verzuim importeren, stap 2: alles opslaan of niets', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (request) => commitAbsenceImport(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );
}
