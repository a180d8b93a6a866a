import type { Database } from '../../kernel/db/database.ts';
import { requireCapability } from '../../kernel/policy/capabilities.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { } from '../../kernel/http/context.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ValidationError } from '../../kernel/errors.ts';
import { claimSettingsVersion, settingsVersion } from '../setup/index.ts';
import type { SignalCategory } from '../../contracts/values/signals.ts';
import { termSubject } from './signal-deadlines.ts';
import type { PickupTermBody, PickupTerms, PickupTermSet } from '../../contracts/signals.ts';

/**
 * The terms for picking up a signal, in school days: the defaults and the region's own (those of
 * urgent signals apart: by default 0, the same school day), with the
 * version of this settings screen (kept by the setup module, which owns the region).
 */
export async function pickupTerms(database: Database, actor: Actor): Promise<PickupTerms> {
  return database.db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('deadline_rules')
      .select(['subject', 'region_id', 'category', 'school_days'])
      .where('subject', 'in', ['signal_pickup', 'signal_pickup_urgent'])
      .where((eb) => eb.or([eb('region_id', 'is', null), eb('region_id', '=', actor.regionId)]))
      // The categories of the signal pick-up rules are signal categories (setPickupTerm checks them).
      .$narrowType<{ category: SignalCategory | null }>()
      .execute();
    const term = (r: (typeof rows)[number]) => ({ scope: r.region_id ? ('region' as const) : ('default' as const), category: r.category, schoolDays: r.school_days });
    return {
      items: rows.filter((r) => r.subject === 'signal_pickup').map(term),
      urgent: rows.filter((r) => r.subject === 'signal_pickup_urgent').map(term),
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
  const urgent = !!input.urgent;
  // An urgent term may be 0: the same school day.
  const min = urgent ? 0 : 1;
  if (schoolDays < min || schoolDays > 60) throw new ValidationError([{ name: 'schoolDays', code: 'range', reason: `Kies een termijn van ${min} tot en met 60 schooldagen.` }]);
  const subject = termSubject(urgent);
  return database.db.transaction().execute(async (tx) => {
    const version = await claimSettingsVersion(tx, actor.regionId, 'signalTerms', input.version);
    let existing = tx.selectFrom('deadline_rules').select('id').where('subject', '=', subject).where('region_id', '=', actor.regionId);
    existing = category ? existing.where('category', '=', category) : existing.where('category', 'is', null);
    const row = await existing.executeTakeFirst();
    if (row) await tx.updateTable('deadline_rules').set({ school_days: schoolDays }).where('id', '=', row.id).execute();
    else await tx.insertInto('deadline_rules').values({ subject, region_id: actor.regionId, category, school_days: schoolDays }).execute();
    await recordEvent(tx, actor, { event: 'settings.signal_pickup_term', detail: { category, schoolDays, ...(urgent ? { urgent } : {}) } });
    return { category, schoolDays, urgent, version };
  });
}
