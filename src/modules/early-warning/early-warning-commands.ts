import { sql } from 'kysely';
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ForbiddenError, ValidationError } from '../../kernel/errors.ts';
import { SCHOOL_TYPES, loadSettings, readSettingsScreen, validateSettings, type SettingsInput } from './early-warning-settings.ts';
import { claimSettingsVersion } from '../setup/index.ts';

/**
 * The functional administrator of the region sets the early-warning thresholds and the lesson
 * hours per school day per school type. The region gets its own rows (the defaults stay as they
 * are for other regions); the change is in the access log with the values before and after. The
 * save names the version of the screen it was based on: an older one is refused (409, nothing written).
 */
export async function updateEarlyWarningSettings(database: Database, actor: Actor, input: SettingsInput) {
  if (actor.membership?.role !== 'functional_admin') {
    throw new ForbiddenError('De instellingen van de verzuimsignalering wijzigt de functioneel beheerder van de regio.');
  }
  const errors = validateSettings(input);
  if (errors.length) throw new ValidationError(errors);
  return database.db.transaction().execute(async (tx) => {
    await claimSettingsVersion(tx, actor.regionId, 'earlyWarning', input.version);
    const before = await loadSettings(tx, actor.regionId);
    const t = input.thresholds;
    await tx
      .insertInto('early_warning_settings')
      .values({
        region_id: actor.regionId,
        attention_threshold: t.attention,
        chronic_threshold: t.chronic,
        severe_threshold: t.severe,
        updated_by_person_id: actor.personId,
      })
      .onConflict((oc) =>
        oc.column('region_id').doUpdateSet({
          attention_threshold: t.attention,
          chronic_threshold: t.chronic,
          severe_threshold: t.severe,
          updated_at: sql`now()`,
          updated_by_person_id: actor.personId,
        }),
      )
      .execute();
    for (const type of SCHOOL_TYPES) {
      const hours = input.lessonHoursPerDay[type];
      await tx
        .insertInto('early_warning_lesson_hours')
        .values({ region_id: actor.regionId, school_type: type, hours_per_day: hours, updated_by_person_id: actor.personId })
        .onConflict((oc) => oc.columns(['region_id', 'school_type']).doUpdateSet({ hours_per_day: hours, updated_at: sql`now()`, updated_by_person_id: actor.personId }))
        .execute();
    }
    const after = await loadSettings(tx, actor.regionId);
    await recordEvent(tx, actor, {
      event: 'early_warning.settings.update',
      detail: {
        before: { thresholds: before.thresholds, lessonHoursPerDay: before.lessonHoursPerDay },
        after: { thresholds: after.thresholds, lessonHoursPerDay: after.lessonHoursPerDay },
      },
    });
    return readSettingsScreen(tx, actor.regionId);
  });
}
