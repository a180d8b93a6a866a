/**
 * The regional monitor's public interface (docs/monitor.md): its routes and the refresh of its
 * pre-aggregated facts (monitor_facts, monitor_refreshes; kernel/db/owners.ts).
 */
export { default as monitorRoutes } from './routes.ts';
export { refreshMonitor, refreshAllRegions } from './refresh-monitor.ts';
export { exportRegionFacts, importRegionFacts, nationalView, rollUpRegion } from './national.ts';
