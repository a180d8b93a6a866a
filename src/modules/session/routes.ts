import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/http/context.ts';
import { UnauthenticatedError, ValidationError } from '../../kernel/errors.ts';
import { appendAccessLog } from '../../kernel/audit/access-log.ts';
import { badCharacterErrors, storable } from '../../kernel/http/input-guard.ts';
import { SESSION_COOKIE, confirmTotp, loadSession, setupTotp, signIn, signOut, switchMembership, type LoadedSession } from './session-service.ts';

export const SessionSchema = Type.Object(
  {
    user: Type.Object({ id: Type.String(), username: Type.String(), kind: Type.String(), displayName: Type.String() }),
    memberships: Type.Array(
      Type.Object({ id: Type.String(), organisationId: Type.String(), organisationName: Type.String(), organisationKind: Type.String(), role: Type.String() }),
    ),
    activeMembershipId: Type.Union([Type.String(), Type.Null()]),
    csrfToken: Type.String(),
    totpEnrolmentRequired: Type.Boolean(),
    demo: Type.Boolean(),
    idleExpiresAt: Type.String({ format: 'date-time', description: 'Einde van de sessie bij geen activiteit (30 min)' }),
    expiresAt: Type.String({ format: 'date-time', description: 'Uiterlijk einde van de sessie (12 uur na inloggen)' }),
  },
  { $id: 'Session' },
);

const tags = ['Sessie'];

export default async function sessionRoutes(app: FastifyInstance, ctx: AppContext) {
  const secureCookie = (request: { protocol: string }) => request.protocol === 'https';
  const current = (request: { session: LoadedSession | null }) => {
    if (!request.session) throw new UnauthenticatedError();
    return request.session;
  };

  app.post(
    '/session',
    {
      // The sign-in checks its own input for characters that cannot be stored: such an attempt is logged.
      config: { auth: 'public', inputGuard: 'route' },
      schema: {
        tags,
        summary: 'Inloggen',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 500 }), totp: Type.Optional(Type.String({ maxLength: 12 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Session') },
      },
    },
    async (request, reply) => {
      const body = request.body as { username: string; password: string; totp?: string };
      const bad = badCharacterErrors(body, '');
      if (bad.length) {
        // Refused like any failed sign-in, and logged as one (without the character itself).
        const username = storable(body.username.trim().toLowerCase().slice(0, 200));
        await ctx.database.db.transaction().execute((tx) =>
          appendAccessLog(tx, { event: 'session.sign_in', outcome: 'denied', ip: request.ip, detail: { username, reason: 'invalid_input' } }),
        );
        throw new ValidationError(bad, 'Er staat een teken in de invoer dat niet kan worden opgeslagen (zoals een NUL-teken). Haal het weg en probeer het opnieuw.');
      }
      const { token, session } = await signIn(ctx.database, ctx.config, { ...body, ip: request.ip, userAgent: request.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie(request),
        maxAge: ctx.config.sessionAbsoluteMinutes * 60,
      });
      return session.view;
    },
  );

  app.get('/session', { config: { auth: 'session' }, schema: { tags, summary: 'De huidige sessie', response: { 200: Type.Ref('Session') } } }, async (request) => current(request).view);

  app.delete('/session', { config: { auth: 'session' }, schema: { tags, summary: 'Uitloggen' } }, async (request, reply) => {
    await signOut(ctx.database, current(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.put(
    '/session/membership',
    {
      schema: {
        tags,
        summary: 'Wissel de organisatie/rol waarvoor u werkt',
        body: Type.Object({ membershipId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Session') },
      },
    },
    async (request) => {
      const session = current(request);
      await switchMembership(ctx.database, session, (request.body as { membershipId: string }).membershipId);
      return (await loadSession(ctx.database, ctx.config, request.cookies[SESSION_COOKIE], request.ip))!.view;
    },
  );

  app.post(
    '/session/totp/setup',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Begin met het instellen van de tweede stap (TOTP)',
        response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrCodeDataUrl: Type.String() }) },
      },
    },
    async (request) => setupTotp(ctx.database, current(request)),
  );

  app.post(
    '/session/totp/confirm',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Bevestig de tweede stap met een eerste code',
        body: Type.Object({ code: Type.String({ minLength: 6, maxLength: 12 }) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Session') },
      },
    },
    async (request) => {
      await confirmTotp(ctx.database, current(request), (request.body as { code: string }).code);
      return (await loadSession(ctx.database, ctx.config, request.cookies[SESSION_COOKIE], request.ip))!.view;
    },
  );
}
