import type { Api } from '../../kernel/http/api.ts';
import type { AppContext } from '../../kernel/http/context.ts';
import { UnauthenticatedError, ValidationError } from '../../kernel/errors.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { badCharacterErrors, storable } from '../../kernel/http/input-guard.ts';
import { NoContent } from '../../contracts/common.ts';
import { SessionRef, SignIn, SwitchMembership, TotpConfirm, TotpSetup } from '../../contracts/session.ts';
import { SESSION_COOKIE, confirmTotp, loadSession, setupTotp, signIn, signOut, switchMembership, type LoadedSession } from './session-service.ts';

const tags = ['Sessie'];

export default async function sessionRoutes(app: Api, ctx: AppContext) {
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
        body: SignIn,
        response: { 200: SessionRef },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const bad = badCharacterErrors(body, '');
      if (bad.length) {
        // Refused like any failed sign-in, and logged as one (without the character itself).
        const username = storable(body.username.trim().toLowerCase().slice(0, 200));
        await ctx.database.db.transaction().execute((tx) =>
          recordEvent(tx, null, { event: 'session.sign_in', outcome: 'denied', ip: request.ip, detail: { username, reason: 'invalid_input' } }),
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

  app.get('/session', { config: { auth: 'session' }, schema: { tags, summary: 'De huidige sessie', response: { 200: SessionRef } } }, async (request) => current(request).view);

  app.delete('/session', { config: { auth: 'session' }, schema: { tags, summary: 'Uitloggen', response: { 204: NoContent } } }, async (request, reply) => {
    await signOut(ctx.database, current(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.put(
    '/session/membership',
    {
      schema: {
        tags,
        summary: 'Wissel de organisatie/rol waarvoor u werkt',
        body: SwitchMembership,
        response: { 200: SessionRef },
      },
    },
    async (request) => {
      const session = current(request);
      await switchMembership(ctx.database, session, request.body.membershipId);
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
        response: { 200: TotpSetup },
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
        body: TotpConfirm,
        response: { 200: SessionRef },
      },
    },
    async (request) => {
      await confirmTotp(ctx.database, current(request), request.body.code);
      return (await loadSession(ctx.database, ctx.config, request.cookies[SESSION_COOKIE], request.ip))!.view;
    },
  );
}
