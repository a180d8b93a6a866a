/**
 * The referrals module's public interface: a signal's decision "doorverwijzen" as a request to the
 * receiver (docs/requests.md). It owns no table: it puts the signals, cases and requests modules'
 * steps together in one transaction.
 */
export { default as referralRoutes } from './routes.ts';
