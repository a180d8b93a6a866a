import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { paging } from '../../kernel/http/query.ts';
import { readMultipartUpload } from '../../kernel/http/upload.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ValidationError, type FieldError } from '../../kernel/errors.ts';
import { commitAbsenceImport, previewAbsenceImport } from './absence-import.ts';
import { addFollowup, createOverigReport, duoCsv, exportForDuo, getReport, listSchoolReports, listWorkspace, recordAbsence, recordReportDecision } from './absence-reports.ts';
import { recordStartkwalificatie } from './record-startkwalificatie.ts';
import { FOLLOWUP_STATUSES, REPORT_STATUSES, type ReportStatus } from './report-status.ts';
import type { AbsenceReportType, FollowupStatus } from '../../kernel/db/schema.ts';
import { isIsoDate } from '../../kernel/time.ts';

const REPORT_TYPES = ['16-uur', 'lrv', 'luxe', 'overig'] as const;
const ABSENCE_REASONS = ['ill', 'authorised', 'suspension', 'unauthorised', 'late', 'luxury', 'other'] as const;
const oneOf = (values: readonly string[]) => Type.Unsafe<string>({ type: 'string', enum: [...values] });
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'JJJJ-MM-DD' });

/** A comma-separated filter such as status=due,overdue: every value must be known. */
function listParam<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (!raw) return undefined;
  const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
  const wrong = values.filter((v) => !allowed.includes(v as T));
  if (wrong.length) throw new ValidationError([{ name, code: 'invalid', reason: `Onbekende waarde(n) ${wrong.join(', ')}; kies uit ${allowed.join(', ')}.` }]);
  return values as T[];
}
function asOfParam(raw: string | undefined) {
  if (raw !== undefined && (!isIsoDate(raw) || raw.startsWith('0000'))) throw new ValidationError([{ name: 'asOf', code: 'invalid_date', reason: 'Geef de peildatum als JJJJ-MM-DD.' }]);
  return raw;
}

const tags = ['Verzuim'];
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export default async function absenceRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/absence-imports',
    {
      schema: {
        tags,
        summary: 'Verzuim importeren, stap 1: het bestand (CSV of .xlsx) controleren (multipart: file, schoolLocationId). Er wordt nog niets opgeslagen.',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { file, fields } = await readMultipartUpload(request, { maxBytes: MAX_FILE_BYTES, defaultName: 'verzuim.csv', tooLarge: 'Het bestand is groter dan 50 MB. Splits het per periode.', fields: 'de velden file en schoolLocationId' });
      const schoolLocationId = fields.schoolLocationId ?? '';
      const errors: FieldError[] = [];
      if (!file) errors.push({ name: 'file', code: 'required', reason: 'Kies het bestand met verzuim (CSV of Excel .xlsx).' });
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

  app.post(
    '/absence-records',
    {
      schema: {
        tags,
        summary: 'Verzuim van één leerling op één dag vastleggen (met de hand of vanuit een ander systeem); de meldingen volgen direct',
        body: Type.Object(
          { childId: Type.String({ format: 'uuid' }), schoolLocationId: Type.String({ format: 'uuid' }), day: Day, hours: Type.Number({ exclusiveMinimum: 0, maximum: 12 }), reason: oneOf(ABSENCE_REASONS), source: Type.Optional(oneOf(['manual', 'api'])) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => reply.status(201).send(await recordAbsence(ctx.database, actorOf(request), request.body as Parameters<typeof recordAbsence>[2])),
  );

  app.get(
    '/absence-reports',
    {
      schema: {
        tags,
        summary: 'De verzuimmeldingen van een school zoals ze op de peildatum (asOf) stonden: type, periode, termijn en status',
        querystring: Type.Object({
          schoolLocationId: Type.String({ format: 'uuid' }),
          asOf: Type.Optional(Type.String({ description: 'JJJJ-MM-DD, standaard vandaag' })),
          status: Type.Optional(Type.String({ description: 'Komma-gescheiden: ' + REPORT_STATUSES.join(', ') })),
          type: Type.Optional(Type.String({ description: 'Komma-gescheiden: ' + REPORT_TYPES.join(', ') })),
          ...paging(500, 50),
        }),
      },
    },
    async (request) => {
      const q = request.query as { schoolLocationId: string; asOf?: string; status?: string; type?: string; page: number; pageSize: number };
      return listSchoolReports(ctx.database, actorOf(request), {
        schoolLocationId: q.schoolLocationId,
        asOf: asOfParam(q.asOf),
        status: listParam<ReportStatus>('status', q.status, REPORT_STATUSES),
        type: listParam<AbsenceReportType>('type', q.type, REPORT_TYPES),
        page: q.page,
        pageSize: q.pageSize,
      });
    },
  );

  app.get(
    '/absence-reports/export',
    {
      schema: {
        tags,
        summary: 'Export voor het verzuimloket van DUO: de meldingen die nog gedaan moeten worden (CSV, ; gescheiden, UTF-8)',
        querystring: Type.Object({ schoolLocationId: Type.String({ format: 'uuid' }), asOf: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const q = request.query as { schoolLocationId: string; asOf?: string };
      const { asOf, rows } = await exportForDuo(ctx.database, actorOf(request), { schoolLocationId: q.schoolLocationId, asOf: asOfParam(q.asOf) });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="verzuimmeldingen-${asOf}.csv"`)
        .header('cache-control', 'no-store')
        .send(duoCsv(rows));
    },
  );

  app.post(
    '/absence-reports',
    {
      schema: {
        tags,
        summary: 'Een melding "overig verzuim" (signaalverzuim) maken: zorgelijk verzuim onder de grens',
        body: Type.Object(
          { childId: Type.String({ format: 'uuid' }), schoolLocationId: Type.String({ format: 'uuid' }), startDate: Type.String(), endDate: Type.String(), explanation: Type.String({ maxLength: 2000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => reply.status(201).send(await createOverigReport(ctx.database, actorOf(request), request.body as Parameters<typeof createOverigReport>[2])),
  );

  app.get('/absence-reports/:id', { schema: { tags, summary: 'Eén verzuimmelding met haar geschiedenis', params: Id } }, async (request) =>
    getReport(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );

  app.post(
    '/absence-reports/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Vastleggen wat de school met de melding deed: gemeld bij DUO (datum en kenmerk), niet nodig (met reden) of heropend',
        params: Id,
        body: Type.Object(
          { kind: oneOf(['reported', 'dismissed', 'reopened']), occurredOn: Type.Optional(Type.String()), reference: Type.Optional(Type.String({ maxLength: 100 })), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => recordReportDecision(ctx.database, actorOf(request), (request.params as { id: string }).id, request.body as Parameters<typeof recordReportDecision>[3]),
  );

  app.post(
    '/absence-reports/:id/followups',
    {
      schema: {
        tags,
        summary: 'De leerplichtambtenaar legt de eigen opvolging vast: status en/of notitie (alleen zichtbaar binnen de eigen organisatie)',
        params: Id,
        body: Type.Object({ status: Type.Optional(Type.Union([oneOf(FOLLOWUP_STATUSES), Type.Null()])), note: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])) }, { additionalProperties: false }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addFollowup(ctx.database, actorOf(request), (request.params as { id: string }).id, request.body as { status?: FollowupStatus | null; note?: string | null })),
  );

  app.get(
    '/leerplicht/absence-reports',
    {
      schema: {
        tags: ['Leerplicht'],
        summary: 'Werkvoorraad van de leerplichtambtenaar: gedane meldingen van leerlingen die in de eigen gemeente wonen, met de eigen opvolgstatus',
        querystring: Type.Object({
          followup: Type.Optional(Type.String({ description: 'Komma-gescheiden: new, ' + FOLLOWUP_STATUSES.join(', ') })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          ...paging(100, 25),
        }),
      },
    },
    async (request) => {
      const q = request.query as { followup?: string; q?: string; page: number; pageSize: number };
      return listWorkspace(ctx.database, actorOf(request), { followup: listParam<FollowupStatus | 'new'>('followup', q.followup, ['new', ...FOLLOWUP_STATUSES]), q: q.q, page: q.page, pageSize: q.pageSize });
    },
  );

  app.put(
    '/children/:id/startkwalificatie',
    {
      schema: {
        tags,
        summary: 'De startkwalificatie van een leerling vastleggen (havo, vwo, mbo 2+), of null om een vergissing te wissen; de verzuimmeldingen volgen direct',
        params: Id,
        // Null first: with type coercion a null would otherwise become an empty string.
        body: Type.Object({ obtainedOn: Type.Union([Type.Null(), Type.String({ description: 'JJJJ-MM-DD' })]) }, { additionalProperties: false }),
      },
    },
    async (request) => recordStartkwalificatie(ctx.database, actorOf(request), (request.params as { id: string }).id, (request.body as { obtainedOn: string | null }).obtainedOn),
  );
}
