import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';
import { loadSession, SESSION_COOKIE, csrfMatches } from '../../modules/session/session-service.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session from its cookie for every API request, refuses requests without one (unless
 * the route is public), and refuses cookie-authenticated changes without the CSRF token header.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request) => {
    if (!request.routeOptions.url?.startsWith('/api/')) return; // static files and unknown paths (404)
    const token = request.cookies[SESSION_COOKIE];
    request.session = await loadSession(ctx.database, ctx.config, token, request.ip);
    const auth = request.routeOptions.config?.auth;
    if (auth === 'public') return;
    if (!request.session) throw new UnauthenticatedError();
    if (!SAFE.has(request.method) && !csrfMatches(request.session, request.headers['x-csrf-token'] as string | undefined)) {
      throw new ForbiddenError('Het beveiligingstoken (x-csrf-token) ontbreekt of klopt niet. Laad de pagina opnieuw.', 'csrf_failed');
    }
    if (auth !== 'session' && request.session.totpEnrolmentPending) {
      throw new UnauthenticatedError('Stel eerst de tweede stap (authenticator-app) in.', 'totp_enrolment_required');
    }
  });
}
