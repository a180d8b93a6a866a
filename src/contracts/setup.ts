/**
 * The set-up wizard of the region (modules/setup), for the functional administrator: the status of
 * each step, the region's name, the list of Dutch gemeenten to pick from, the postcode ranges per
 * gemeente, the region's settings, and per organisation / school the staff and pupil counts.
 */
import { Nullable, OneOf, StaleProblem, Type, Uuid, Version, type Static } from './common.ts';
import { HolidayRegionName, OrganisationKindName } from './registry.ts';
import { SETTING_UNITS, SETUP_STEPS } from './values/setup.ts';

export const SetupStepName = OneOf(SETUP_STEPS, { description: 'Stap van de inrichting' });

/** One step: done or not, by whom, the facts behind it (counts, the region's name) and what is missing to finish it. */
export const SetupStepStatus = Type.Object({
  step: SetupStepName,
  done: Type.Boolean(),
  doneBy: Nullable(
    OneOf(['administrator', 'facts'] as const, {
      description: 'administrator: afgerond door de beheerder; facts: de regio heeft al wat de stap nodig heeft (bijvoorbeeld na een import of in de demoregio)',
    }),
  ),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
  completedBy: Nullable(Type.String()),
  // A count, or a text (the region's name) that may be null. Not Type.Null on its own: OpenAPI 3.0 has no null type.
  facts: Type.Record(Type.String(), Type.Union([Type.Number(), Nullable(Type.String())])),
  missing: Nullable(Type.String({ description: 'Wat er nog moet zijn voordat de stap af kan' })),
});

export const Region = Type.Object({ id: Uuid, name: Type.String(), slug: Type.String(), version: Version });

/** A rename based on an older version (409): the region as it is now. */
export const RegionStale = StaleProblem(Region);

export const SetupStatus = Type.Object({ region: Region, steps: Type.Array(SetupStepStatus), nextStep: Nullable(SetupStepName) });
export type SetupStatus = Static<typeof SetupStatus>;

export const SetupStepParams = Type.Object({ step: SetupStepName });
export const SetupStepMark = Type.Object({ done: Type.Boolean() }, { additionalProperties: false });

/** The new name, and the version of the region the screen showed. */
export const RegionRename = Type.Object({ name: Type.String({ maxLength: 200 }), version: Version }, { additionalProperties: false });

export const GemeenteListQuery = Type.Object({ q: Type.String({ maxLength: 100, default: '' }), limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }) });

/** A gemeente from the shipped list; `inRegion`: the region has it already. */
export const ListedGemeente = Type.Object({ cbsCode: Type.String(), name: Type.String(), province: Type.String(), holidayRegion: HolidayRegionName, inRegion: Type.Boolean() });

export const GemeenteListResult = Type.Object({ items: Type.Array(ListedGemeente), provinces: Type.Array(Type.String(), { description: 'De provincies zoals de lijst ze noemt' }) });
export type GemeenteListResult = Static<typeof GemeenteListResult>;

export const PostcodeRange = Type.Object({ id: Uuid, from: Type.Integer(), to: Type.Integer() });
export type PostcodeRange = Static<typeof PostcodeRange>;

export const PostcodeRangeList = Type.Object({ items: Type.Array(PostcodeRange) });

export const PostcodeRangeCreate = Type.Object({ from: Nullable(Type.Integer()), to: Type.Optional(Nullable(Type.Integer())) }, { additionalProperties: false });

export const PostcodeRangeParams = Type.Object({ id: Uuid, rangeId: Uuid });

/** A setting of the region: current value, default, range, unit, and whether the law fixes it. */
export const RegionSetting = Type.Object({
  key: Type.String(),
  value: Type.Number(),
  default: Type.Number(),
  min: Type.Number(),
  max: Type.Number(),
  unit: OneOf(SETTING_UNITS),
  fixed: Type.Boolean({ description: 'Vast in de wet: getoond, niet te wijzigen' }),
  usedBy: Type.String({ description: 'Welk onderdeel de instelling gebruikt' }),
  enforced: Type.Boolean(),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type RegionSetting = Static<typeof RegionSetting>;

/** The settings screen: every setting, and the version of the screen (a save names it). */
export const RegionSettings = Type.Object({ items: Type.Array(RegionSetting), version: Version });

/** A save based on an older version of the screen (409): the settings as they are now. */
export const RegionSettingsStale = StaleProblem(RegionSettings);

export const RegionSettingsUpdate = Type.Object({ values: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 50 }), version: Version }, { additionalProperties: false });

export const StaffPerOrganisation = Type.Object({
  items: Type.Array(Type.Object({ organisationId: Uuid, name: Type.String(), kind: OrganisationKindName, people: Type.Integer(), accounts: Type.Integer() })),
});

export const PupilsPerSchool = Type.Object({
  items: Type.Array(
    Type.Object({
      organisationId: Uuid,
      name: Type.String(),
      brin: Nullable(Type.String()),
      vestiging: Nullable(Type.String()),
      activeEnrolments: Type.Integer(),
      lastImportAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
});
