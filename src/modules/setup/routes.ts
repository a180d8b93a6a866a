import type { Api } from '../../kernel/http/api.ts';
import { requireCapability } from '../../kernel/policy/capabilities.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { searchGemeenten } from '../../kernel/reference/gemeenten-nl.ts';
import { withCurrentOnStale } from '../../kernel/errors.ts';
import { IdParams, NoContent } from '../../contracts/common.ts';
import {
  GemeenteListQuery,
  GemeenteListResult,
  PostcodeRange,
  PostcodeRangeCreate,
  PostcodeRangeList,
  PostcodeRangeParams,
  PupilsPerSchool,
  Region,
  RegionRename,
  RegionSettings,
  RegionSettingsStale,
  RegionSettingsUpdate,
  RegionStale,
  SetupStatus,
  SetupStepMark,
  SetupStepParams,
  StaffPerOrganisation,
} from '../../contracts/setup.ts';
import { PROVINCES } from '../registry/index.ts';
import { getRegion, markSetupStep, pupilsPerSchool, renameRegion, setupStatus, staffPerOrganisation } from './setup-status.ts';
import { addPostcodeRange, listPostcodeRanges, removePostcodeRange } from './postcode-ranges.ts';
import { readRegionSettings, updateRegionSettings } from './settings-commands.ts';

const tags = ['Inrichting'];

/**
 * The set-up wizard of the region (issue 5), for the functional administrator only: the status of
 * each step, the region's name, the list of Dutch gemeenten to pick from, the postcode ranges per
 * gemeente, the region's settings, and per organisation / school the staff and pupil counts.
 * Organisations and gemeenten themselves are added through the registry routes.
 */
export default async function setupRoutes(app: Api, ctx: AppContext) {
  const { db } = ctx.database;
  const admin = (request: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(request);
    requireCapability(actor, 'administerRegion');
    return actor;
  };

  app.get('/setup', { schema: { tags, summary: 'De stappen van de inrichting: wat klaar is, wat er al is, en de volgende stap', response: { 200: SetupStatus } } }, async (request) => {
    const actor = admin(request);
    return setupStatus(db, actor.regionId);
  });

  app.put(
    '/setup/steps/:step',
    {
      schema: {
        tags,
        summary: 'Een stap afronden of heropenen (afronden kan pas als het minimum er is)',
        params: SetupStepParams,
        body: SetupStepMark,
        response: { 200: SetupStatus },
      },
    },
    async (request) => {
      const actor = admin(request);
      return markSetupStep(ctx.database, actor, request.params.step, request.body.done);
    },
  );

  app.patch(
    '/region',
    {
      schema: {
        tags,
        summary: 'De naam van de regio wijzigen, op basis van de versie die het scherm toonde (uit GET /setup): is die niet meer de huidige, dan 409 met de regio zoals die nu is',
        body: RegionRename,
        response: { 200: Region, 409: RegionStale },
      },
    },
    async (request) => {
      const actor = admin(request);
      return withCurrentOnStale(
        () => renameRegion(ctx.database, actor, request.body.name, request.body.version),
        () => getRegion(db, actor.regionId),
      );
    },
  );

  app.get(
    '/setup/gemeente-list',
    {
      schema: {
        tags,
        summary: 'Zoeken in de lijst van Nederlandse gemeenten (CBS-code, provincie, vakantieregio)',
        querystring: GemeenteListQuery,
        response: { 200: GemeenteListResult },
      },
    },
    async (request) => {
      const actor = admin(request);
      const { q, limit } = request.query;
      const inRegion = new Set((await db.selectFrom('gemeenten').select('cbs_code').where('region_id', '=', actor.regionId).execute()).map((g) => g.cbs_code));
      const found = q.trim() ? searchGemeenten(q.trim(), limit) : [];
      return { items: found.map((g) => ({ cbsCode: g.cbsCode, name: g.name, province: g.province, holidayRegion: g.holidayRegion, inRegion: inRegion.has(g.cbsCode) })), provinces: [...PROVINCES] };
    },
  );

  app.get('/gemeenten/:id/postcodes', { schema: { tags, summary: 'Postcodegebieden (PC4) van een gemeente', params: IdParams, response: { 200: PostcodeRangeList } } }, async (request) => {
    const actor = admin(request);
    return { items: await listPostcodeRanges(db, actor, request.params.id) };
  });

  app.post(
    '/gemeenten/:id/postcodes',
    {
      schema: {
        tags,
        summary: 'Postcodegebied toevoegen (PC4 van–tot; mag niet overlappen met een ander gebied in de regio)',
        params: IdParams,
        body: PostcodeRangeCreate,
        response: { 201: PostcodeRange },
      },
    },
    async (request, reply) => {
      const actor = admin(request);
      return reply.status(201).send(await addPostcodeRange(ctx.database, actor, request.params.id, request.body));
    },
  );

  app.delete(
    '/gemeenten/:id/postcodes/:rangeId',
    { schema: { tags, summary: 'Postcodegebied verwijderen', params: PostcodeRangeParams, response: { 204: NoContent } } },
    async (request, reply) => {
      const actor = admin(request);
      const { id, rangeId } = request.params;
      await removePostcodeRange(ctx.database, actor, id, rangeId);
      return reply.status(204).send(null);
    },
  );

  app.get('/settings', { schema: { tags, summary: 'Instellingen van de regio: huidige waarde, standaard, grenzen, vast in de wet', response: { 200: RegionSettings } } }, async (request) => {
    const actor = admin(request);
    return readRegionSettings(db, actor.regionId);
  });

  app.put(
    '/settings',
    {
      schema: {
        tags,
        summary: 'Instellingen van de regio wijzigen (alles of niets), op basis van de versie die het scherm toonde: is die niet meer de huidige, dan 409 met de instellingen zoals ze nu zijn',
        body: RegionSettingsUpdate,
        response: { 200: RegionSettings, 409: RegionSettingsStale },
      },
    },
    async (request) => {
      const actor = admin(request);
      return withCurrentOnStale(
        () => updateRegionSettings(ctx.database, actor, request.body.values, request.body.version),
        () => readRegionSettings(db, actor.regionId),
      );
    },
  );

  app.get('/setup/staff', { schema: { tags, summary: 'Per organisatie: aantal medewerkers en accounts', response: { 200: StaffPerOrganisation } } }, async (request) => {
    const actor = admin(request);
    return { items: await staffPerOrganisation(db, actor.regionId) };
  });

  app.get('/setup/pupils', { schema: { tags, summary: 'Per schoolvestiging: actieve inschrijvingen en de laatste leerlingenimport', response: { 200: PupilsPerSchool } } }, async (request) => {
    const actor = admin(request);
    return { items: await pupilsPerSchool(db, actor.regionId) };
  });
}
