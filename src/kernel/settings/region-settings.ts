import type { Db, Tx } from '../db/database.ts';

/**
 * The settings other capabilities read, per region, with their defaults (domain.md). A region that
 * never changed a setting gets the default; the functional administrator changes them in the set-up
 * wizard. Settings fixed by law are listed too (`fixed: true`), so the administrator sees them
 * explained, but cannot change them.
 */
export interface SettingDefinition {
  key: SettingKey;
  default: number;
  min: number;
  max: number;
  /** 'switch': 0 = off, 1 = on. */
  unit: 'count' | 'days' | 'working_days' | 'months' | 'years' | 'hours' | 'switch';
  /** Fixed by law: shown, not changeable. */
  fixed?: boolean;
  /** Which capability uses it (for the explanation on screen and in the docs). */
  usedBy: string;
}

export const SETTINGS = [
  { key: 'suppressionThreshold', default: 5, min: 5, max: 50, unit: 'count', usedBy: 'monitor' },
  { key: 'thuiszitterNormMonths', default: 3, min: 1, max: 12, unit: 'months', usedBy: 'thuiszitters' },
  { key: 'absenceReportDeadlineWorkingDays', default: 5, min: 5, max: 5, unit: 'working_days', fixed: true, usedBy: 'absence' },
  /**
   * 1: the "16 uur in 4 weken" report also for young people of 18 up to 23 without a
   * startkwalificatie (DUO accepts it, the law does not require it; many gemeenten agree it with
   * their schools — duo.nl "soorten verzuim", code V4 in the verzuimloket).
   */
  { key: 'absenceSixteenHoursFrom18', default: 0, min: 0, max: 1, unit: 'switch', usedBy: 'absence' },
  { key: 'invitationValidDays', default: 7, min: 1, max: 30, unit: 'days', usedBy: 'accounts' },
  /** 1: a role that sees children's data takes effect only when a second functional administrator approves it. */
  { key: 'roleGrantApproval', default: 0, min: 0, max: 1, unit: 'switch', usedBy: 'accounts' },
  { key: 'retentionYouthCareYears', default: 20, min: 20, max: 30, unit: 'years', usedBy: 'retention' },
  { key: 'retentionSwvYears', default: 3, min: 1, max: 20, unit: 'years', usedBy: 'retention' },
  { key: 'retentionSchoolYears', default: 2, min: 1, max: 20, unit: 'years', usedBy: 'retention' },
  { key: 'retentionAccessLogYears', default: 5, min: 5, max: 20, unit: 'years', usedBy: 'retention' },
] as const satisfies readonly (Omit<SettingDefinition, 'key'> & { key: string })[];

export type SettingKey = (typeof SETTINGS)[number]['key'];
export type RegionSettings = Record<SettingKey, number>;

export const SETTING_KEYS = SETTINGS.map((s) => s.key) as SettingKey[];

export function settingDefinition(key: string): SettingDefinition | undefined {
  return (SETTINGS as readonly SettingDefinition[]).find((s) => s.key === key);
}

export const DEFAULT_SETTINGS: RegionSettings = Object.fromEntries(SETTINGS.map((s) => [s.key, s.default])) as RegionSettings;

/** All settings of a region: its own values over the defaults. */
export async function loadRegionSettings(db: Db | Tx, regionId: string): Promise<RegionSettings> {
  const rows = await db.selectFrom('region_settings').select(['key', 'value']).where('region_id', '=', regionId).execute();
  const settings = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    const def = settingDefinition(r.key);
    const v = typeof r.value === 'string' ? JSON.parse(r.value) : r.value;
    if (def && !def.fixed && typeof v === 'number' && v >= def.min && v <= def.max) settings[def.key] = v;
  }
  return settings;
}

/** One setting of a region. */
export async function regionSetting(db: Db | Tx, regionId: string, key: SettingKey): Promise<number> {
  return (await loadRegionSettings(db, regionId))[key];
}
