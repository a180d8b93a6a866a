import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { actorOf, requireRole, type AppContext } from '../../kernel/http/context.ts';
import type { SetupStep } from '../../kernel/db/schema.ts';
import { searchGemeenten } from '../../kernel/reference/gemeenten-nl.ts';
import { PROVINCES } from '../registry/registry-commands.ts';
import { SETUP_STEPS, markSetupStep, pupilsPerSchool, renameRegion, setupStatus, staffPerOrganisation } from './setup-status.ts';
import { addPostcodeRange, listPostcodeRanges, removePostcodeRange } from './postcode-ranges.ts';
import { readRegionSettings, updateRegionSettings } from './settings-commands.ts';

const tags = ['Inrichting'];
const Step = Type.Unsafe<SetupStep>({ type: 'string', enum: [...SETUP_STEPS] });
const GemeenteId = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * The set-up wizard of the region (issue 5), for the functional administrator only: the status of
 * each step, the region's name, the list of Dutch gemeenten to pick from, the postcode ranges per
 * gemeente, the region's settings, and per organisation / school the staff and pupil counts.
 * Organisations and gemeenten themselves are added through the registry routes.
 */
export default async function setupRoutes(app: FastifyInstance, ctx: AppContext) {
  const { db } = ctx.database;
  const admin = (request: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(request);
    requireRole(actor, 'functional_admin');
    return actor;
  };

  app.get('/setup', { schema: { tags, summary: 'De stappen van de inrichting: wat klaar is, wat er al is, en de volgende stap' } }, async (request) => {
    const actor = admin(request);
    return setupStatus(db, actor.regionId);
  });

  app.put(
    '/setup/steps/:step',
    {
      schema: {
        tags,
        summary: 'Een stap afronden of heropenen (afronden kan pas als het minimum er is)',
        params: Type.Object({ step: Step }),
        body: Type.Object({ done: Type.Boolean() }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const actor = admin(request);
      return markSetupStep(ctx.database, actor, (request.params as { step: SetupStep }).step, (request.body as { done: boolean }).done);
    },
  );

  app.patch(
    '/region',
    { schema: { tags, summary: 'De naam van de regio wijzigen', body: Type.Object({ name: Type.String({ maxLength: 200 }) }, { additionalProperties: false }) } },
    async (request) => {
      const actor = admin(request);
      return renameRegion(ctx.database, actor, (request.body as { name: string }).name);
    },
  );

  app.get(
    '/setup/gemeente-list',
    {
      schema: {
        tags,
        summary: 'Zoeken in de lijst van Nederlandse gemeenten (CBS-code, provincie, vakantieregio)',
        querystring: Type.Object({ q: Type.String({ maxLength: 100, default: '' }), limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }) }),
      },
    },
    async (request) => {
      const actor = admin(request);
      const { q, limit } = request.query as { q: string; limit: number };
      const inRegion = new Set((await db.selectFrom('gemeenten').select('cbs_code').where('region_id', '=', actor.regionId).execute()).map((g) => g.cbs_code));
      const found = q.trim() ? searchGemeenten(q.trim(), limit) : [];
      return { items: found.map((g) => ({ cbsCode: g.cbsCode, name: g.name, province: g.province, holidayRegion: g.holidayRegion, inRegion: inRegion.has(g.cbsCode) })), provinces: PROVINCES };
    },
  );

  app.get('/gemeenten/:id/postcodes', { schema: { tags, summary: 'Postcodegebieden (PC4) van een gemeente', params: GemeenteId } }, async (request) => {
    const actor = admin(request);
    return { items: await listPostcodeRanges(db, actor, (request.params as { id: string }).id) };
  });

  app.post(
    '/gemeenten/:id/postcodes',
    {
      schema: {
        tags,
        summary: 'Postcodegebied toevoegen (PC4 van–tot; mag niet overlappen met een ander gebied in de regio)',
        params: GemeenteId,
        body: Type.Object({ from: Type.Union([Type.Null(), Type.Integer()]), to: Type.Optional(Type.Union([Type.Null(), Type.Integer()])) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const actor = admin(request);
      return reply.status(201).send(await addPostcodeRange(ctx.database, actor, (request.params as { id: string }).id, request.body as { from: number | null; to?: number | null }));
    },
  );

  app.delete(
    '/gemeenten/:id/postcodes/:rangeId',
    { schema: { tags, summary: 'Postcodegebied verwijderen', params: Type.Object({ id: Type.String({ format: 'uuid' }), rangeId: Type.String({ format: 'uuid' }) }) } },
    async (request, reply) => {
      const actor = admin(request);
      const { id, rangeId } = request.params as { id: string; rangeId: string };
      await removePostcodeRange(ctx.database, actor, id, rangeId);
      return reply.status(204).send();
    },
  );

  app.get('/settings', { schema: { tags, summary: 'Instellingen van de regio: huidige waarde, standaard, grenzen, vast in de wet' } }, async (request) => {
    const actor = admin(request);
    return readRegionSettings(db, actor.regionId);
  });

  app.put(
    '/settings',
    {
      schema: {
        tags,
        summary: 'Instellingen van de regio wijzigen (alles of niets)',
        body: Type.Object({ values: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 50 }) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const actor = admin(request);
      return updateRegionSettings(ctx.database, actor, (request.body as { values: Record<string, unknown> }).values);
    },
  );

  app.get('/setup/staff', { schema: { tags, summary: 'Per organisatie: aantal medewerkers en accounts' } }, async (request) => {
    const actor = admin(request);
    return { items: await staffPerOrganisation(db, actor.regionId) };
  });

  app.get('/setup/pupils', { schema: { tags, summary: 'Per schoolvestiging: actieve inschrijvingen en de laatste leerlingenimport' } }, async (request) => {
    const actor = admin(request);
    return { items: await pupilsPerSchool(db, actor.regionId) };
  });
}
