import type { FastifyRequest } from 'fastify';
import type { Api } from '../../kernel/http/api.ts';
import { IdParams, NoContent } from '../../contracts/common.ts';
import {
  CalendarTags,
  FreeDayInput,
  FreeDayParams,
  HolidayImportCommitted,
  HolidayImportPreview,
  HolidayList,
  HolidaysQuery,
  SchoolCalendar,
  SchoolFreeDay,
  SchoolFreeDays,
  SchoolYearQuery,
} from '../../contracts/calendar.ts';
import { readMultipartUpload } from '../../kernel/http/upload.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ValidationError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { isSchoolYear, schoolYearOf, schoolYearRange } from '../../kernel/calendar/school-year.ts';
import { commitHolidayImport, previewHolidayImport } from './holiday-import.ts';
import { countsOf, holidaysOf, knownSchoolYears } from './calendar-queries.ts';
import { addFreeDay, canManageFreeDays, listFreeDays, removeFreeDay, requireSee, schoolLocationOf } from './free-days.ts';

const tags = CalendarTags;
const MAX_FILE_BYTES = 1024 * 1024;
const TOO_LARGE = 'Het bestand is groter dan 1 MB; een schoolvakantiebestand van de Rijksoverheid is veel kleiner.';

function schoolYearParam(value: string | undefined): string {
  const year = value ?? schoolYearOf(today());
  if (!isSchoolYear(year)) throw new ValidationError([{ name: 'schoolYear', code: 'school_year_invalid', reason: 'Een schooljaar is twee opeenvolgende jaren, bijvoorbeeld 2025-2026.' }]);
  return year;
}

/** The Rijksoverheid JSON from a multipart upload (field "file") or as the request body itself. */
async function importInput(request: FastifyRequest): Promise<{ fileName: string; content: Buffer | string }> {
  if (request.isMultipart()) {
    const { file } = await readMultipartUpload(request, { maxBytes: MAX_FILE_BYTES, defaultName: 'schoolvakanties.json', tooLarge: TOO_LARGE, fields: 'het veld file' });
    if (!file) throw new ValidationError([{ name: 'file', code: 'required', reason: 'Kies het JSON-bestand met de schoolvakanties van de Rijksoverheid.' }]);
    return { fileName: file.name, content: file.content };
  }
  const body = request.body;
  if (body === undefined || body === null || body === '') {
    throw new ValidationError([{ name: 'file', code: 'required', reason: 'Stuur de schoolvakanties van de Rijksoverheid als JSON, of als bestand (multipart, veld file).' }]);
  }
  const content = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body : JSON.stringify(body);
  if (Buffer.byteLength(content) > MAX_FILE_BYTES) throw new ValidationError([{ name: 'file', code: 'too_large', reason: TOO_LARGE }]);
  return { fileName: 'schoolvakanties.json', content };
}

export default async function calendarRoutes(app: Api, ctx: AppContext) {
  const { db } = ctx.database;

  app.get(
    '/school-calendar',
    {
      schema: {
        tags,
        summary: 'De schoolvakanties en landelijke vrije dagen van een schooljaar, voor één vakantieregio of alle',
        querystring: HolidaysQuery,
        response: { 200: HolidayList },
      },
    },
    async (request) => {
      actorOf(request);
      const q = request.query;
      const schoolYear = schoolYearParam(q.schoolYear);
      const region = q.region ?? null;
      const { vacations, nationalFreeDays } = await holidaysOf(db, schoolYear, region);
      const counts = region ? await countsOf(db, schoolYear, { holidayRegion: region, organisationId: null }) : null;
      return { schoolYear, ...schoolYearRange(schoolYear), region, vacations, nationalFreeDays, ...(counts ?? {}), knownSchoolYears: await knownSchoolYears(db) };
    },
  );

  // The import gets the raw body, so that a malformed JSON file gets a Dutch answer that says what is wrong.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    // Up to 4 MB is read (here and in the route's bodyLimit), so that a file just over 1 MB gets the same answer as in a multipart upload.
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 4 * MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    scope.post(
      '/school-calendar/holiday-imports',
      {
        bodyLimit: 4 * MAX_FILE_BYTES,
        schema: {
          tags,
          summary:
            'Schoolvakanties importeren (functioneel beheerder), stap 1: het Rijksoverheid-bestand (opendata.rijksoverheid.nl, schoolvakanties, JSON) controleren en tonen wat er verandert. Stuur de JSON als body of als multipart-veld file. Er wordt nog niets opgeslagen.',
          consumes: ['application/json', 'multipart/form-data'],
          response: { 201: HolidayImportPreview },
        },
      },
      async (request, reply) => reply.status(201).send(await previewHolidayImport(ctx.database, actorOf(request), await importInput(request))),
    );
  });

  app.post(
    '/school-calendar/holiday-imports/:id/commit',
    { schema: { tags, summary: 'Schoolvakanties importeren, stap 2: alles opslaan of niets', params: IdParams, response: { 200: HolidayImportCommitted } } },
    async (request) => commitHolidayImport(ctx.database, actorOf(request), request.params.id),
  );

  app.get(
    '/school-locations/:id/calendar',
    {
      schema: {
        tags,
        summary: 'De schoolkalender van een schoolvestiging: vakanties van haar regio, landelijke vrije dagen, eigen vrije dagen, lesweken en schooldagen',
        params: IdParams,
        querystring: SchoolYearQuery,
        response: { 200: SchoolCalendar },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolLocationOf(db, actor, request.params.id);
      requireSee(actor, school.id);
      const schoolYear = schoolYearParam(request.query.schoolYear);
      const range = schoolYearRange(schoolYear);
      const { vacations, nationalFreeDays } = await holidaysOf(db, schoolYear, school.holidayRegion);
      const freeDays = await listFreeDays(db, school.id, range);
      // Without a holiday region (a gemeente not yet set up) only the national dates apply.
      const ofRegion = school.holidayRegion ? vacations : vacations.filter((v) => v.region === null);
      return {
        schoolLocation: school,
        schoolYear,
        ...range,
        vacations: ofRegion,
        nationalFreeDays,
        freeDays,
        ...(await countsOf(db, schoolYear, { holidayRegion: school.holidayRegion, organisationId: school.id })),
        canEdit: canManageFreeDays(actor, school.id),
        knownSchoolYears: await knownSchoolYears(db),
      };
    },
  );

  app.get(
    '/school-locations/:id/free-days',
    { schema: { tags, summary: 'De eigen vrije dagen (studiedagen) van een schoolvestiging', params: IdParams, querystring: SchoolYearQuery, response: { 200: SchoolFreeDays } } },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolLocationOf(db, actor, request.params.id);
      requireSee(actor, school.id);
      const q = request.query;
      return { items: await listFreeDays(db, school.id, q.schoolYear ? schoolYearRange(schoolYearParam(q.schoolYear)) : undefined) };
    },
  );

  app.post(
    '/school-locations/:id/free-days',
    {
      schema: {
        tags,
        summary: 'Een eigen vrije dag of periode toevoegen (IB/zorgcoördinator of directeur van de school, functioneel beheerder)',
        params: IdParams,
        body: FreeDayInput,
        response: { 201: SchoolFreeDay },
      },
    },
    async (request, reply) => reply.status(201).send(await addFreeDay(ctx.database, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/school-locations/:id/free-days/:dayId',
    { schema: { tags, summary: 'Een eigen vrije dag verwijderen (wie dat doet staat in het log)', params: FreeDayParams, response: { 204: NoContent } } },
    async (request, reply) => {
      const { id, dayId } = request.params;
      await removeFreeDay(ctx.database, actorOf(request), id, dayId);
      return reply.status(204).send(null);
    },
  );
}
