import type { Db, Tx } from '../../kernel/db/database.ts';
import { SCHOOL_TYPES, type SchoolType } from '../../contracts/values/early-warning.ts';
import type { EarlyWarningSettingValues, EarlyWarningSettings, EarlyWarningSettingsInput } from '../../contracts/early-warning.ts';
import type { FieldError } from '../../kernel/errors.ts';
import type { Thresholds } from './early-warning-math.ts';
import { settingsVersion } from '../setup/index.ts';

/**
 * The settings of early warning, per region, stored as data (migration 0009): the band thresholds
 * and the lesson hours per school day per school type. The row without a region holds the
 * defaults; a region's own row overrides them.
 */
export { SCHOOL_TYPES };

/** The settings that apply in a region (contracts/early-warning.ts). */
export type { EarlyWarningSettingValues };

export type SettingsInput = EarlyWarningSettingsInput;

/**
 * The settings screen: the values and the screen's version (kept by the setup module, which owns
 * the region; a save based on an older version is refused).
 */
export async function readSettingsScreen(db: Db | Tx, regionId: string): Promise<EarlyWarningSettings> {
  return { ...(await loadSettings(db, regionId)), version: await settingsVersion(db, regionId, 'earlyWarning') };
}

export async function loadSettings(db: Db | Tx, regionId: string): Promise<EarlyWarningSettingValues> {
  const rows = await db
    .selectFrom('early_warning_settings')
    .select(['region_id', 'attention_threshold', 'chronic_threshold', 'severe_threshold', 'updated_at'])
    .where((eb) => eb.or([eb('region_id', 'is', null), eb('region_id', '=', regionId)]))
    .execute();
  const t = rows.find((r) => r.region_id === regionId) ?? rows.find((r) => r.region_id === null);
  if (!t) throw new Error('early_warning_settings has no default row');
  const hours = await db
    .selectFrom('early_warning_lesson_hours')
    .select(['region_id', 'school_type', 'hours_per_day', 'updated_at'])
    .where((eb) => eb.or([eb('region_id', 'is', null), eb('region_id', '=', regionId)]))
    .execute();
  const lessonHoursPerDay = {} as Record<SchoolType, number>;
  const ownHours = {} as Record<SchoolType, boolean>;
  let updatedAt: Date | null = t.region_id ? new Date(t.updated_at) : null;
  for (const type of SCHOOL_TYPES) {
    const row = hours.find((h) => h.school_type === type && h.region_id === regionId) ?? hours.find((h) => h.school_type === type && h.region_id === null);
    if (!row) throw new Error(`early_warning_lesson_hours has no default for ${type}`);
    lessonHoursPerDay[type] = Number(row.hours_per_day);
    ownHours[type] = row.region_id !== null;
    if (row.region_id && (!updatedAt || new Date(row.updated_at) > updatedAt)) updatedAt = new Date(row.updated_at);
  }
  return {
    thresholds: { attention: Number(t.attention_threshold), chronic: Number(t.chronic_threshold), severe: Number(t.severe_threshold) },
    lessonHoursPerDay,
    own: { thresholds: t.region_id !== null, lessonHoursPerDay: ownHours },
    updatedAt: updatedAt ? updatedAt.toISOString() : null,
  };
}

/** Whether a number has at most `d` decimals (0.1 + 0.2 style float noise allowed). */
const atMostDecimals = (n: number, d: number) => Math.abs(Math.round(n * 10 ** d) - n * 10 ** d) < 1e-6;
const isNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

const THRESHOLD_LABEL = { attention: 'aandacht', chronic: 'chronisch verzuim', severe: 'ernstig chronisch verzuim' } as const;

/**
 * Checks settings and says per field what to fix, in Dutch: percentages above 0 and at most 100
 * with at most one decimal, increasing (aandacht < chronisch < ernstig chronisch), and lesson hours
 * above 0 and at most 12 per school day.
 */
export function validateSettings(input: Pick<SettingsInput, 'thresholds' | 'lessonHoursPerDay'>): FieldError[] {
  const errors: FieldError[] = [];
  const t = input.thresholds;
  const valid: Partial<Record<keyof Thresholds, boolean>> = {};
  for (const key of ['attention', 'chronic', 'severe'] as const) {
    const v = t[key];
    if (!isNumber(v) || v <= 0 || v > 100) {
      errors.push({ name: `thresholds/${key}`, code: 'range', reason: `Vul voor ${THRESHOLD_LABEL[key]} een percentage in: een getal groter dan 0 en hoogstens 100, bijvoorbeeld 10.` });
    } else if (!atMostDecimals(v, 1)) {
      errors.push({ name: `thresholds/${key}`, code: 'decimals', reason: `Gebruik voor ${THRESHOLD_LABEL[key]} hoogstens één cijfer achter de komma, bijvoorbeeld 7,5.` });
    } else valid[key] = true;
  }
  if (valid.attention && valid.chronic && t.chronic <= t.attention) {
    errors.push({ name: 'thresholds/chronic', code: 'not_increasing', reason: `De grens voor chronisch verzuim moet hoger zijn dan die voor aandacht (${String(t.attention).replace('.', ',')}%).` });
  }
  if (valid.chronic && valid.severe && t.severe <= t.chronic) {
    errors.push({ name: 'thresholds/severe', code: 'not_increasing', reason: `De grens voor ernstig chronisch verzuim moet hoger zijn dan die voor chronisch verzuim (${String(t.chronic).replace('.', ',')}%).` });
  }
  for (const type of SCHOOL_TYPES) {
    const v = input.lessonHoursPerDay[type];
    if (!isNumber(v) || v <= 0 || v > 12) {
      errors.push({ name: `lessonHoursPerDay/${type}`, code: 'range', reason: `Vul de lesuren per schooldag voor ${type} in: meer dan 0 en hoogstens 12, bijvoorbeeld 5,5.` });
    } else if (!atMostDecimals(v, 2)) {
      errors.push({ name: `lessonHoursPerDay/${type}`, code: 'decimals', reason: `Gebruik voor ${type} hoogstens twee cijfers achter de komma, bijvoorbeeld 5,25.` });
    }
  }
  return errors;
}
