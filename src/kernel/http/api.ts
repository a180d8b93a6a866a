import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault, RouteOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';

/**
 * The Fastify instance every module registers its routes on: typed by the TypeBox type provider,
 * so a handler's params, query and body come from the route's schemas and its answer is checked
 * against the response schema at compile time. No `request.body as …`.
 */
export type Api = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** A route as the app registered it: what the route test and the access matrix walk. */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** The status codes the response schema declares (empty: the route declares no answer). */
  responses: string[];
  auth: 'public' | 'session' | 'full';
  hidden: boolean;
}

/** Collects every route of the app as it is registered (call before the routes are registered). */
export function collectRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = (route.schema ?? {}) as { response?: Record<string, unknown>; hide?: boolean };
    const auth = (route.config as { auth?: 'public' | 'session' } | undefined)?.auth ?? 'full';
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, responses: Object.keys(schema.response ?? {}), auth, hidden: schema.hide === true });
    }
  });
  return routes;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app as registered (kernel/http/api.ts). */
    registeredRoutes: RegisteredRoute[];
  }
}
