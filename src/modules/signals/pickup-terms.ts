import type { Database } from '../../kernel/db/database.ts';
import { requireCapability } from '../../kernel/policy/capabilities.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { } from '../../kernel/http/context.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ValidationError } from '../../kernel/errors.ts';
import { claimSettingsVersion, settingsVersion } from '../setup/index.ts';
import type { SignalCategory } from '../../contracts/values/signals.ts';
import type { PickupTermBody, PickupTerms, PickupTermSet } from '../../contracts/signals.ts';

/**
 * The terms for picking up a signal, in school days: the defaults and the region's own, with the
 * version of this settings screen (kept by the setup module, which owns the region).
 */
export async function pickupTerms(database: Database, actor: Actor): Promise<PickupTerms> {
  return database.db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('deadline_rules')
      .select(['region_id', 'category', 'school_days'])
      .where('subject', '=', 'signal_pickup')
      .where((eb) => eb.or([eb('region_id', 'is', null), eb('region_id', '=', actor.regionId)]))
      // The categories of the signal pick-up rules are signal categories (setPickupTerm checks them).
      .$narrowType<{ category: SignalCategory | null }>()
      .execute();
    return {
      items: rows.map((r) => ({ scope: r.region_id ? ('region' as const) : ('default' as const), category: r.category, schoolDays: r.school_days })),
      version: await settingsVersion(tx, actor.regionId, 'signalTerms'),
    };
  });
}

/**
 * Sets the region's term, for one category or for all (functional administrator), based on the
 * screen's `version`: a stale one is refused (StaleVersionError) before anything is written.
 */
export async function setPickupTerm(database: Database, actor: Actor, input: PickupTermBody): Promise<PickupTermSet> {
  requireCapability(actor, 'administerRegion');
  const { category, schoolDays } = input;
  if (schoolDays < 1 || schoolDays > 60) throw new ValidationError([{ name: 'schoolDays', code: 'range', reason: 'Kies een termijn van 1 tot en met 60 schooldagen.' }]);
  return database.db.transaction().execute(async (tx) => {
    const version = await claimSettingsVersion(tx, actor.regionId, 'signalTerms', input.version);
    let existing = tx.selectFrom('deadline_rules').select('id').where('subject', '=', 'signal_pickup').where('region_id', '=', actor.regionId);
    existing = category ? existing.where('category', '=', category) : existing.where('category', 'is', null);
    const row = await existing.executeTakeFirst();
    if (row) await tx.updateTable('deadline_rules').set({ school_days: schoolDays }).where('id', '=', row.id).execute();
    else await tx.insertInto('deadline_rules').values({ subject: 'signal_pickup', region_id: actor.regionId, category, school_days: schoolDays }).execute();
    await recordEvent(tx, actor, { event: 'settings.signal_pickup_term', detail: { category, schoolDays } });
    return { category, schoolDays, version };
  });
}
