/** The privacy officer's search of the access log and the chain check. */
export { default as auditRoutes } from './routes.ts';
