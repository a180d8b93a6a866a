/**
 * The worklist module's public interface (issue 13: each professional's worklist, docs/requests.md
 * "De werklijst"). It owns no table: it asks the modules that own the records for what waits for
 * the reader (their index.ts), and merges, orders and presents it.
 */
export { default as worklistRoutes } from './routes.ts';
export { getWorklist, byDeadline, type WorklistSource } from './worklist-queries.ts';
