/**
 * The staff module's public interface: the staff import, invitations and the outgoing mail
 * (kernel/db/owners.ts: invitations, mail_outbox). Other modules, the app and the CLI import from here only.
 */
export { default as staffRoutes } from './routes.ts';
export { invitationStates, type InvitationState } from './invitations.ts';
export { enqueueMail, startMailWorker, type OutgoingMail } from './mail.ts';
export { publicBaseUrl, requirePublicUrl } from './invitation-link.ts';
