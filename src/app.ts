import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { Config } from './config.ts';
import type { Database } from './kernel/db/database.ts';
import { registerProblemHandler, sendProblem } from './kernel/http/problem.ts';
import { registerAuth } from './kernel/http/auth.ts';
import type { AppContext } from './kernel/http/context.ts';
import { ephemeralKeys, type AppKeys } from './kernel/keys.ts';
import { collectRoutes } from './kernel/http/api.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { healthRoutes } from './modules/health/index.ts';
import { csrfMatches, loadSession, SESSION_COOKIE, sessionRoutes } from './modules/session/index.ts';
import { SessionSchema } from './contracts/session.ts';
import { childRoutes } from './modules/children/index.ts';
import { registryRoutes } from './modules/registry/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { signalRoutes } from './modules/signals/index.ts';
import { caseRoutes } from './modules/cases/index.ts';
import { requestRoutes } from './modules/requests/index.ts';
import { referralRoutes } from './modules/referrals/index.ts';
import { planRoutes } from './modules/plans/index.ts';
import { absenceRoutes } from './modules/absence/index.ts';
import { calendarRoutes } from './modules/calendar/index.ts';
import { earlyWarningRoutes } from './modules/early-warning/index.ts';
import { thuiszitterRoutes } from './modules/thuiszitters/index.ts';
import { setupRoutes } from './modules/setup/index.ts';
import { staffRoutes } from './modules/staff/index.ts';
import { pupilsRoutes } from './modules/pupils/index.ts';
import { worklistRoutes } from './modules/worklist/index.ts';
import { surveyRoutes } from './modules/surveys/index.ts';
import { monitorRoutes } from './modules/monitor/index.ts';
import multipart from '@fastify/multipart';

export const API_VERSION = '1.0.0';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(root, 'dist', 'web');

export interface BuildOptions {
  logger?: boolean | object;
  /** The installation key; without it (tests) a random one for this process. */
  keys?: AppKeys;
}

/** Builds the HTTP application: the API under /api/v1 and the web app. */
export async function buildApp(database: Database, config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    // Only these reverse proxies are believed for the client address, protocol and host (config.ts).
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  });
  const ctx: AppContext = { database, config, keys: opts.keys ?? ephemeralKeys() };
  const routes = collectRoutes(app);
  app.decorate('registeredRoutes', routes);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(multipart);
  await app.register(rateLimit, {
    max: Number(process.env.RATE_LIMIT_PER_MINUTE ?? 1200),
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api/'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Samenspel API',
        version: API_VERSION,
        description:
          'API van Samenspel. Alle fouten zijn application/problem+json (RFC 9457) met `invalidParams` per veld. Inloggen geeft een sessiecookie en een `csrfToken`; stuur dat token als header `x-csrf-token` mee bij elk verzoek dat iets wijzigt.',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'samenspel_session' } } },
      security: [{ session: [] }],
    },
  });
  app.addSchema(SessionSchema);
  registerProblemHandler(app);
  registerAuth(app, {
    cookieName: SESSION_COOKIE,
    load: (token, ip) => loadSession(database, config, token, ip),
    csrfMatches,
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) {
      reply.header('API-Version', API_VERSION);
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  await app.register(
    async (plain) => {
      const api = plain.withTypeProvider<TypeBoxTypeProvider>();
      await healthRoutes(api, ctx);
      await sessionRoutes(api, ctx);
      await childRoutes(api, ctx);
      await registryRoutes(api, ctx);
      await auditRoutes(api, ctx);
      await signalRoutes(api, ctx);
      await caseRoutes(api, ctx);
      await requestRoutes(api, ctx);
      await referralRoutes(api, ctx);
      await planRoutes(api, ctx);
      await absenceRoutes(api, ctx);
      await calendarRoutes(api, ctx);
      await earlyWarningRoutes(api, ctx);
      await thuiszitterRoutes(api, ctx);
      await setupRoutes(api, ctx);
      await staffRoutes(api, ctx);
      await pupilsRoutes(api, ctx);
      await worklistRoutes(api, ctx);
      await surveyRoutes(api, ctx);
      await monitorRoutes(api, ctx);
      api.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );

  // The web app: static files, and index.html for client-side routes.
  // Files are looked up on disk per request, so a rebuild is picked up without a restart.
  const indexPath = path.join(WEB_DIST, 'index.html');
  fs.mkdirSync(WEB_DIST, { recursive: true });
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: true, index: ['index.html'], serveDotFiles: false });
  app.setNotFoundHandler((request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && !path.extname(request.url.split('?')[0]) && fs.existsSync(indexPath)) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.readFileSync(indexPath));
    }
    return sendProblem(reply, request, 404, 'Niet gevonden', `Er is niets op ${request.method} ${request.url.split('?')[0]}.`, 'not_found');
  });
  return app;
}
