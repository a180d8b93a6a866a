import type { FastifyInstance } from 'fastify';
import type { SessionStore } from './context.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session from its cookie for every API request, refuses requests without one (unless
 * the route is public), and refuses cookie-authenticated changes without the CSRF token header.
 */
export function registerAuth(app: FastifyInstance, sessions: SessionStore) {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request) => {
    if (!request.routeOptions.url?.startsWith('/api/')) return; // static files and unknown paths (404)
    request.session = await sessions.load(request.cookies[sessions.cookieName], request.ip);
    const auth = request.routeOptions.config?.auth;
    if (auth === 'public') return;
    if (!request.session) throw new UnauthenticatedError();
    if (!SAFE.has(request.method) && !sessions.csrfMatches(request.session, request.headers['x-csrf-token'] as string | undefined)) {
      throw new ForbiddenError('Het beveiligingstoken (x-csrf-token) ontbreekt of klopt niet. Laad de pagina opnieuw.', 'csrf_failed');
    }
    if (auth !== 'session' && request.session.totpEnrolmentPending) {
      throw new UnauthenticatedError('Stel eerst de tweede stap (authenticator-app) in.', 'totp_enrolment_required');
    }
  });
}
