import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../kernel/errors.ts';

/**
 * The 4-digit postcode ranges (PC4) of a gemeente of the region. The pupil import finds a pupil's
 * gemeente of residence from them (postcodes.ts resolvePostcodes), so within a region a PC4 belongs
 * to at most one gemeente: ranges may not overlap, not even within the same gemeente.
 */
export interface PostcodeRange {
  id: string;
  from: number;
  to: number;
}

const present = (r: { id: string; pc4_from: number; pc4_to: number }): PostcodeRange => ({ id: r.id, from: Number(r.pc4_from), to: Number(r.pc4_to) });
const label = (from: number, to: number) => (from === to ? String(from) : `${from}–${to}`);

async function gemeenteOf(db: Db | Tx, actor: Actor, gemeenteId: string) {
  const g = await db.selectFrom('gemeenten').select(['id', 'name']).where('id', '=', gemeenteId).where('region_id', '=', actor.regionId).executeTakeFirst();
  if (!g) throw new NotFoundError('Deze gemeente hoort niet bij de regio.');
  return g;
}

export async function listPostcodeRanges(db: Db, actor: Actor, gemeenteId: string) {
  await gemeenteOf(db, actor, gemeenteId);
  const rows = await db.selectFrom('gemeente_postcodes').select(['id', 'pc4_from', 'pc4_to']).where('gemeente_id', '=', gemeenteId).orderBy('pc4_from').execute();
  return rows.map(present);
}

export async function addPostcodeRange(database: Database, actor: Actor, gemeenteId: string, input: { from: number | null; to?: number | null }) {
  const from = input.from ?? NaN;
  const to = input.to ?? from;
  const errors: FieldError[] = [];
  const isPc4 = (v: number) => Number.isInteger(v) && v >= 1000 && v <= 9999;
  if (!isPc4(from)) errors.push({ name: 'from', code: 'pc4_invalid', reason: 'Vul de eerste 4 cijfers van een postcode in, van 1000 tot en met 9999.' });
  if (input.to !== null && input.to !== undefined && !isPc4(to)) errors.push({ name: 'to', code: 'pc4_invalid', reason: 'Vul de eerste 4 cijfers van een postcode in, van 1000 tot en met 9999.' });
  else if (isPc4(from) && to < from) errors.push({ name: 'to', code: 'range_reversed', reason: `De laatste postcode ligt vóór de eerste (${from}). Kies ${from} of hoger.` });
  if (errors.length) throw new ValidationError(errors);
  return database.db.transaction().execute(async (tx) => {
    const g = await gemeenteOf(tx, actor, gemeenteId);
    // One writer per region at a time, so two overlapping ranges cannot both pass the check.
    await sql`select pg_advisory_xact_lock(hashtext(${'gemeente_postcodes:' + actor.regionId}))`.execute(tx);
    const clash = await tx
      .selectFrom('gemeente_postcodes as gp')
      .innerJoin('gemeenten as g', 'g.id', 'gp.gemeente_id')
      .select(['gp.pc4_from', 'gp.pc4_to', 'g.name', 'g.id'])
      .where('gp.region_id', '=', actor.regionId)
      .where('gp.pc4_from', '<=', to)
      .where('gp.pc4_to', '>=', from)
      .orderBy('gp.pc4_from')
      .executeTakeFirst();
    if (clash) {
      const other = label(Number(clash.pc4_from), Number(clash.pc4_to));
      const reason =
        clash.id === gemeenteId
          ? `${label(from, to)} overlapt met ${other}, dat al bij ${clash.name} staat.`
          : `${label(from, to)} overlapt met ${other} van ${clash.name}. Een postcode hoort bij één gemeente: pas het bereik aan.`;
      throw new ConflictError(reason, 'postcode_overlap', [{ name: 'from', code: 'postcode_overlap', reason }]);
    }
    const row = await tx.insertInto('gemeente_postcodes').values({ region_id: actor.regionId, gemeente_id: gemeenteId, pc4_from: from, pc4_to: to }).returning(['id', 'pc4_from', 'pc4_to']).executeTakeFirstOrThrow();
    await recordEvent(tx, actor, { event: 'registry.gemeente.postcodes.add', detail: { gemeenteId, gemeente: g.name, from, to } });
    return present(row);
  });
}

export async function removePostcodeRange(database: Database, actor: Actor, gemeenteId: string, rangeId: string) {
  await database.db.transaction().execute(async (tx) => {
    await gemeenteOf(tx, actor, gemeenteId);
    const row = await tx.deleteFrom('gemeente_postcodes').where('id', '=', rangeId).where('gemeente_id', '=', gemeenteId).where('region_id', '=', actor.regionId).returning(['pc4_from', 'pc4_to']).executeTakeFirst();
    if (!row) throw new NotFoundError();
    await recordEvent(tx, actor, { event: 'registry.gemeente.postcodes.remove', detail: { gemeenteId, from: Number(row.pc4_from), to: Number(row.pc4_to) } });
  });
}
