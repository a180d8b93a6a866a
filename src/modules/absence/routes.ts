import type { Api } from '../../kernel/http/api.ts';
import { IdParams } from '../../contracts/common.ts';
import {
  AbsenceImportCommitted,
  AbsenceImportPreview,
  AbsenceRecorded,
  AbsenceRecordInput,
  AbsenceReport,
  AbsenceReportDetail,
  AbsenceReportStale,
  AbsenceTags,
  DuoExport,
  DuoExportQuery,
  FollowupInput,
  FollowupRecorded,
  OverigReportInput,
  ReportDecisionInput,
  SchoolReportPage,
  SchoolReportsQuery,
  StartkwalificatieInput,
  StartkwalificatieRecorded,
  WorkspacePage,
  WorkspaceQuery,
} from '../../contracts/absence.ts';
import { FOLLOWUPS, REPORT_STATUSES, REPORT_TYPES } from '../../contracts/values/absence.ts';
import { readMultipartUpload } from '../../kernel/http/upload.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ValidationError, withCurrentOnStale, type FieldError } from '../../kernel/errors.ts';
import { ChildStale } from '../../contracts/children.ts';
import { getChild } from '../children/index.ts';
import { commitAbsenceImport, previewAbsenceImport } from './absence-import.ts';
import { addFollowup, createOverigReport, duoCsv, exportForDuo, getReport, listSchoolReports, listWorkspace, recordAbsence, recordReportDecision } from './absence-reports.ts';
import { recordStartkwalificatie } from './record-startkwalificatie.ts';
import { isIsoDate } from '../../kernel/time.ts';

/** A comma-separated filter such as status=due,overdue: every value must be known. */
function listParam<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (!raw) return undefined;
  const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
  const known = (v: string): v is T => (allowed as readonly string[]).includes(v);
  const wrong = values.filter((v) => !known(v));
  if (wrong.length) throw new ValidationError([{ name, code: 'invalid', reason: `Onbekende waarde(n) ${wrong.join(', ')}; kies uit ${allowed.join(', ')}.` }]);
  return values.filter(known);
}
function asOfParam(raw: string | undefined) {
  if (raw !== undefined && (!isIsoDate(raw) || raw.startsWith('0000'))) throw new ValidationError([{ name: 'asOf', code: 'invalid_date', reason: 'Geef de peildatum als JJJJ-MM-DD.' }]);
  return raw;
}

const tags = AbsenceTags;
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export default async function absenceRoutes(app: Api, ctx: AppContext) {
  app.post(
    '/absence-imports',
    {
      schema: {
        tags,
        summary: 'Verzuim importeren, stap 1: het bestand (CSV of .xlsx) controleren (multipart: file, schoolLocationId). Er wordt nog niets opgeslagen.',
        consumes: ['multipart/form-data'],
        response: { 201: AbsenceImportPreview },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { file, fields } = await readMultipartUpload(request, { maxBytes: MAX_FILE_BYTES, defaultName: 'verzuim.csv', tooLarge: 'Het bestand is groter dan 50 MB. Splits het per periode.', fields: 'de velden file en schoolLocationId' });
      const schoolLocationId = fields.schoolLocationId ?? '';
      const errors: FieldError[] = [];
      if (!file) errors.push({ name: 'file', code: 'required', reason: 'Kies het bestand met verzuim (CSV of Excel .xlsx).' });
      if (!/^[0-9a-f-]{36}$/i.test(schoolLocationId)) errors.push({ name: 'schoolLocationId', code: 'required', reason: 'Geef de schoolvestiging (id) op.' });
      if (!file || errors.length) throw new ValidationError(errors);
      return reply.status(201).send(await previewAbsenceImport(ctx.database, actor, { schoolLocationId, fileName: file.name, content: file.content }));
    },
  );

  app.post(
    '/absence-imports/:id/commit',
    { schema: { tags, summary: 'Verzuim importeren, stap 2: alles opslaan of niets', params: IdParams, response: { 200: AbsenceImportCommitted } } },
    async (request) => commitAbsenceImport(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/absence-records',
    {
      schema: {
        tags,
        summary: 'Verzuim van één leerling op één dag vastleggen (met de hand of vanuit een ander systeem); de meldingen volgen direct',
        body: AbsenceRecordInput,
        response: { 201: AbsenceRecorded },
      },
    },
    async (request, reply) => reply.status(201).send(await recordAbsence(ctx.database, actorOf(request), request.body)),
  );

  app.get(
    '/absence-reports',
    {
      schema: {
        tags,
        summary: 'De verzuimmeldingen van een school zoals ze op de peildatum (asOf) stonden: type, periode, termijn en status',
        querystring: SchoolReportsQuery,
        response: { 200: SchoolReportPage },
      },
    },
    async (request) => {
      const q = request.query;
      return listSchoolReports(ctx.database, actorOf(request), {
        schoolLocationId: q.schoolLocationId,
        asOf: asOfParam(q.asOf),
        status: listParam('status', q.status, REPORT_STATUSES),
        type: listParam('type', q.type, REPORT_TYPES),
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
        querystring: DuoExportQuery,
        response: { 200: DuoExport },
      },
    },
    async (request, reply) => {
      const q = request.query;
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
        body: OverigReportInput,
        response: { 201: AbsenceReport },
      },
    },
    async (request, reply) => reply.status(201).send(await createOverigReport(ctx.database, actorOf(request), request.body)),
  );

  app.get('/absence-reports/:id', { schema: { tags, summary: 'Eén verzuimmelding met haar geschiedenis', params: IdParams, response: { 200: AbsenceReportDetail } } }, async (request) =>
    getReport(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/absence-reports/:id/decisions',
    {
      schema: {
        tags,
        summary:
          'Vastleggen wat de school met de melding deed: gemeld bij DUO (datum en kenmerk), niet nodig (met reden) of heropend; op basis van de versie die het scherm toonde (409 met de melding zoals die nu is als die niet meer de huidige is, of als de stand de beslissing niet toelaat)',
        params: IdParams,
        body: ReportDecisionInput,
        response: { 200: AbsenceReport, 409: AbsenceReportStale },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      return withCurrentOnStale(
        () => recordReportDecision(ctx.database, actor, id, request.body),
        () => getReport(ctx.database, actor, id),
      );
    },
  );

  app.post(
    '/absence-reports/:id/followups',
    {
      schema: {
        tags,
        summary:
          'De leerplichtambtenaar legt de eigen opvolging vast: status en/of notitie (alleen zichtbaar binnen de eigen organisatie); op basis van de versie van de melding die het scherm toonde (409 met de melding zoals die nu is)',
        params: IdParams,
        body: FollowupInput,
        response: { 201: FollowupRecorded, 409: AbsenceReportStale },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const recorded = await withCurrentOnStale(
        () => addFollowup(ctx.database, actor, id, request.body),
        () => getReport(ctx.database, actor, id),
      );
      return reply.status(201).send(recorded);
    },
  );

  app.get(
    '/leerplicht/absence-reports',
    {
      schema: {
        tags: ['Leerplicht'],
        summary: 'Werkvoorraad van de leerplichtambtenaar: gedane meldingen van leerlingen die in de eigen gemeente wonen, met de eigen opvolgstatus',
        querystring: WorkspaceQuery,
        response: { 200: WorkspacePage },
      },
    },
    async (request) => {
      const q = request.query;
      return listWorkspace(ctx.database, actorOf(request), { followup: listParam('followup', q.followup, FOLLOWUPS), q: q.q, page: q.page, pageSize: q.pageSize });
    },
  );

  app.put(
    '/children/:id/startkwalificatie',
    {
      schema: {
        tags,
        summary:
          'De startkwalificatie van een leerling vastleggen (havo, vwo, mbo 2+), of null om een vergissing te wissen; de verzuimmeldingen volgen direct. Op basis van de versie van het kind die het scherm toonde (GET /children/{id}): is die niet meer de huidige, dan 409 met het kind zoals het nu is',
        params: IdParams,
        body: StartkwalificatieInput,
        response: { 200: StartkwalificatieRecorded, 409: ChildStale },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      return withCurrentOnStale(
        () => recordStartkwalificatie(ctx.database, actor, id, request.body.obtainedOn, request.body.version),
        () => getChild(ctx.database, actor, id),
      );
    },
  );
}
