/**
 * The setup module's public interface (the region, its settings and set-up steps, postcode areas;
 * kernel/db/owners.ts). Other modules and the app import from here only.
 */
export { default as setupRoutes } from './routes.ts';
export { settingsVersion, claimSettingsVersion, type SettingsScreen } from './settings-versions.ts';
export { pc4Of, resolvePostcodes } from './postcodes.ts';
