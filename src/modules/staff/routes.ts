import type { Api } from '../../kernel/http/api.ts';
import { requireCapability } from '../../kernel/policy/capabilities.ts';
import { readMultipartUpload } from '../../kernel/http/upload.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ValidationError, type FieldError } from '../../kernel/errors.ts';
import { isIsoDate } from '../../kernel/time.ts';
import { SESSION_COOKIE } from '../session/index.ts';
import { commitStaffImport, confirmStaffLeaver, dismissStaffLeaver, listStaffLeavers, previewStaffImport, requireFunctionalAdmin } from './staff-import.ts';
import { acceptInvitation, getInvitation, resendInvitation } from './invitations.ts';
import { listOutbox } from './mail.ts';
import { STAFF_FIELD_LABELS, STAFF_FORMATS, ROLE_LABELS_NL } from './staff-formats.ts';
import { SessionRef } from '../../contracts/session.ts';
import {
  AcceptInvitationBody,
  ConfirmStaffLeaverBody,
  Invitation,
  InvitationSent,
  InvitationTokenParams,
  Outbox,
  OutboxQuery,
  StaffIdParams,
  StaffImportFormats,
  StaffImportPreview,
  StaffImportResult,
  StaffLeaverConfirmed,
  StaffLeaverDismissed,
  StaffLeavers,
  StaffLeaversQuery,
} from '../../contracts/staff.ts';

const tags = ['Medewerkers en uitnodigingen'];
const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The public invitation routes are rate-limited per address: a token cannot be guessed, but must not be tried in bulk. */
const PUBLIC_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export default async function staffRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/staff-import-formats',
    { schema: { tags, summary: 'De bestandsformaten van de medewerkersimport: standaardformaat en exports van leerlingadministraties', response: { 200: StaffImportFormats } } },
    async (request) => {
      requireCapability(actorOf(request), 'administerRegion');
      return {
        fields: STAFF_FIELD_LABELS,
        roles: ROLE_LABELS_NL,
        formats: STAFF_FORMATS.map((f) => ({ id: f.id, label: f.label, assumption: f.assumption, columns: f.columns, required: [...f.required] })),
      };
    },
  );

  app.post(
    '/staff-imports',
    {
      schema: {
        tags,
        summary: 'Medewerkers importeren, stap 1: het bestand (CSV of .xlsx) controleren (multipart: file, organisationId, fullExport). Er wordt nog niets opgeslagen.',
        consumes: ['multipart/form-data'],
        response: { 201: StaffImportPreview },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireFunctionalAdmin(actor);
      const { file, fields } = await readMultipartUpload(request, { maxBytes: MAX_FILE_BYTES, defaultName: 'medewerkers.csv', tooLarge: 'Het bestand is groter dan 10 MB. Splits het per organisatie.', fields: 'de velden file en organisationId' });
      const organisationId = fields.organisationId ?? '';
      const fullExport = ['true', '1', 'on', 'ja'].includes((fields.fullExport ?? '').toLowerCase());
      const errors: FieldError[] = [];
      if (!file) errors.push({ name: 'file', code: 'required', reason: 'Kies het bestand met medewerkers (CSV of Excel .xlsx).' });
      if (!/^[0-9a-f-]{36}$/i.test(organisationId)) errors.push({ name: 'organisationId', code: 'required', reason: 'Kies de organisatie waarvan dit de medewerkers zijn.' });
      if (errors.length) throw new ValidationError(errors);
      return reply.status(201).send(await previewStaffImport(ctx.database, actor, { organisationId, fileName: file!.name, content: file!.content, fullExport }, ctx.keys));
    },
  );

  app.post(
    '/staff-imports/:id/commit',
    { schema: { tags, summary: 'Medewerkers importeren, stap 2: alles opslaan of niets; nieuwe accounts krijgen een uitnodiging', params: StaffIdParams, response: { 200: StaffImportResult } } },
    async (request) => commitStaffImport(ctx.database, actorOf(request), request.params.id, ctx.keys),
  );

  app.get(
    '/staff-leavers',
    { schema: { tags, summary: 'Waarschijnlijke vertrekkers uit een volledige export, nog te bevestigen', querystring: StaffLeaversQuery, response: { 200: StaffLeavers } } },
    async (request) => listStaffLeavers(ctx.database, actorOf(request), request.query.organisationId),
  );

  app.post(
    '/staff-leavers/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Vertrek bevestigen met de datum: de rollen bij deze organisatie eindigen; zonder andere rol wordt het account uitgeschakeld (nooit verwijderd)',
        params: StaffIdParams,
        body: ConfirmStaffLeaverBody,
        response: { 200: StaffLeaverConfirmed },
      },
    },
    async (request) => {
      const { endDate } = request.body;
      if (!isIsoDate(endDate)) throw new ValidationError([{ name: 'endDate', code: 'invalid_date', reason: 'Geef de datum als JJJJ-MM-DD.' }]);
      return confirmStaffLeaver(ctx.database, actorOf(request), request.params.id, endDate);
    },
  );

  app.post(
    '/staff-leavers/:id/dismiss',
    { schema: { tags, summary: 'Geen vertrekker: de melding afwijzen, er verandert niets', params: StaffIdParams, response: { 200: StaffLeaverDismissed } } },
    async (request) => dismissStaffLeaver(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/people/:id/invitation',
    { schema: { tags, summary: 'Nieuwe uitnodiging sturen (eerdere links van dit account vervallen)', params: StaffIdParams, response: { 201: InvitationSent } } },
    async (request, reply) => {
      const actor = actorOf(request);
      requireCapability(actor, 'administerRegion');
      return reply.status(201).send(await resendInvitation(ctx.database, ctx.keys, actor, request.params.id));
    },
  );

  app.get(
    '/outbox',
    {
      schema: {
        tags,
        summary: 'Uitgaande e-mail van de regio. In demomodus zonder SMTP met de berichten zelf; anders alleen de status (de links in uitnodigingen zijn geheim)',
        querystring: OutboxQuery,
        response: { 200: Outbox },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireCapability(actor, 'administerRegion');
      const { page, pageSize } = request.query;
      return listOutbox(ctx.database.db, ctx.config, ctx.keys, actor.regionId, page, pageSize);
    },
  );

  app.get(
    '/invitations/:token',
    {
      config: { auth: 'public', ...PUBLIC_LIMIT },
      schema: { tags, summary: 'Een uitnodiging bekijken (zonder sessie): naam, organisatie(s), e-mailadres en geldigheid', params: InvitationTokenParams, response: { 200: Invitation } },
    },
    async (request) => getInvitation(ctx.database, request.params.token),
  );

  app.post(
    '/invitations/:token/accept',
    {
      config: { auth: 'public', ...PUBLIC_LIMIT },
      schema: {
        tags,
        summary: 'Uitnodiging aannemen: wachtwoord kiezen (minstens 12 tekens). Logt in; daarna eerst de tweede stap instellen.',
        params: InvitationTokenParams,
        body: AcceptInvitationBody,
        response: { 200: SessionRef },
      },
    },
    async (request, reply) => {
      const { token, session } = await acceptInvitation(ctx.database, ctx.config, {
        token: request.params.token,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: ctx.config.sessionAbsoluteMinutes * 60 });
      return session.view;
    },
  );
}
