import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ValidationError, type FieldError } from '../../kernel/errors.ts';
import { claimSettingsVersion, settingsVersion } from './settings-versions.ts';
import { SETTINGS, loadRegionSettings, settingDefinition, type SettingDefinition, type SettingKey } from '../../kernel/settings/region-settings.ts';

/**
 * The region's settings as the functional administrator sees them: every definition with the
 * current value, the default, the range and whether it is fixed by law; and the change of some of
 * them, all or nothing, logged with the old and new values (registry.settings.update). The screen
 * has a version (settings-versions.ts): a save based on an older one is refused (409).
 */
export async function readRegionSettings(db: Db | Tx, regionId: string) {
  const values = await loadRegionSettings(db, regionId);
  const rows = await db.selectFrom('region_settings').select(['key', 'updated_at']).where('region_id', '=', regionId).execute();
  return {
    items: (SETTINGS as readonly SettingDefinition[]).map((d) => {
      const row = rows.find((r) => r.key === d.key);
      return {
        key: d.key,
        value: values[d.key],
        default: d.default,
        min: d.min,
        max: d.max,
        unit: d.unit,
        fixed: !!d.fixed,
        usedBy: d.usedBy,
        enforced: d.usedBy !== 'retention',
        updatedAt: row && !d.fixed ? new Date(row.updated_at).toISOString() : null,
      };
    }),
    version: await settingsVersion(db, regionId, 'settings'),
  };
}

export async function updateRegionSettings(database: Database, actor: Actor, input: Record<string, unknown>, version: number) {
  const errors: FieldError[] = [];
  const wanted: { key: SettingKey; value: number }[] = [];
  for (const [key, value] of Object.entries(input)) {
    const name = `values/${key}`;
    const def = settingDefinition(key);
    if (!def) errors.push({ name, code: 'unknown_setting', reason: `Onbekende instelling "${key}".` });
    else if (def.fixed) errors.push({ name, code: 'setting_fixed', reason: `Deze instelling ligt vast in de wet (${def.default}) en kan niet worden gewijzigd.` });
    else if (typeof value !== 'number' || !Number.isInteger(value)) errors.push({ name, code: 'integer', reason: `Vul een heel getal in van ${def.min} tot en met ${def.max}.` });
    else if (value < def.min || value > def.max) errors.push({ name, code: 'out_of_range', reason: `Kies een waarde van ${def.min} tot en met ${def.max}.` });
    else wanted.push({ key: def.key, value });
  }
  if (errors.length) throw new ValidationError(errors);
  return database.db.transaction().execute(async (tx) => {
    await claimSettingsVersion(tx, actor.regionId, 'settings', version);
    const before = await loadRegionSettings(tx, actor.regionId);
    const changes: Record<string, { old: number; new: number }> = {};
    for (const { key, value } of wanted) {
      if (before[key] !== value) changes[key] = { old: before[key], new: value };
    }
    for (const { key, value } of wanted) {
      if (!changes[key]) continue;
      await tx
        .insertInto('region_settings')
        .values({ region_id: actor.regionId, key, value: JSON.stringify(value), updated_by_person_id: actor.personId })
        .onConflict((oc) => oc.columns(['region_id', 'key']).doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()`, updated_by_person_id: actor.personId }))
        .execute();
    }
    if (Object.keys(changes).length) await recordEvent(tx, actor, { event: 'registry.settings.update', detail: { changes } });
    return readRegionSettings(tx, actor.regionId);
  });
}
