/**
 * The session module's public interface: what other modules and the app use. Sign-in, sessions,
 * the second factor, and the accounts (kernel/db/owners.ts: accounts, sessions, login_failures).
 */
export { default as sessionRoutes } from './routes.ts';
export { SESSION_COOKIE, hashPassword, startSession, loadSession, csrfMatches, type LoadedSession } from './session-service.ts';
export { pruneSignInData } from './maintenance.ts';
export { createProfessionalAccounts, setAccountPassword, disableAccountsOfPerson, type NewAccount } from './accounts.ts';
