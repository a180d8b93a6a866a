import { sql } from 'kysely';
import type { Db, Tx } from '../../kernel/db/database.ts';
import { expectUpdated } from '../../kernel/errors.ts';

/**
 * The versions of the region's settings screens (migration 0014: columns on `regions`, which this
 * module owns). A screen that saves a whole set of rows at once (general settings, the signal
 * pick-up terms, early warning) names the version it was based on; saving bumps it, and a save
 * based on an older version is refused with 409 (StaleVersionError, kernel/errors.ts).
 */
export type SettingsScreen = 'settings' | 'signalTerms' | 'earlyWarning';

const COLUMN = { settings: 'settings_version', signalTerms: 'signal_terms_version', earlyWarning: 'early_warning_version' } as const;

/** The current version of a settings screen of the region. */
export async function settingsVersion(tx: Db | Tx, regionId: string, screen: SettingsScreen): Promise<number> {
  const row = await tx.selectFrom('regions').select(['settings_version', 'signal_terms_version', 'early_warning_version']).where('id', '=', regionId).executeTakeFirstOrThrow();
  return screen === 'settings' ? row.settings_version : screen === 'signalTerms' ? row.signal_terms_version : row.early_warning_version;
}

/**
 * Claims the next version of a settings screen, in the saving transaction and before anything is
 * written: throws StaleVersionError when `expected` is no longer the current version.
 */
export async function claimSettingsVersion(tx: Tx, regionId: string, screen: SettingsScreen, expected: number): Promise<number> {
  const column = COLUMN[screen];
  const result = await tx
    .updateTable('regions')
    .set({ [column]: sql`${sql.ref(column)} + 1` })
    .where('id', '=', regionId)
    .where(column, '=', expected)
    .executeTakeFirst();
  expectUpdated(result);
  return expected + 1;
}
