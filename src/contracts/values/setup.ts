/** The closed sets of the region's set-up wizard: plain lists for the server, the contracts and the web app. */
import type { OrganisationKind } from './registry.ts';

/** The steps of the set-up wizard, in order. */
export const SETUP_STEPS = ['region', 'gemeenten', 'schools', 'partners', 'settings', 'staff', 'pupils'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** The organisation kinds that count as partners in the wizard (step "partners"), in the order its facts name them. */
export const PARTNER_KINDS = ['wijkteam', 'youth_care_provider', 'jgz', 'gemeente'] as const satisfies readonly OrganisationKind[];
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** The unit of a region setting ('switch': 0 = off, 1 = on). */
export const SETTING_UNITS = ['count', 'days', 'working_days', 'months', 'years', 'hours', 'switch'] as const;
export type SettingUnit = (typeof SETTING_UNITS)[number];
