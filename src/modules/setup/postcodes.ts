import { sql } from 'kysely';
import type { Db, Tx } from '../../kernel/db/database.ts';

/** The 4 digits of a Dutch postcode ("3701 AB", "3701ab", 3701), or null when it is not one. */
export function pc4Of(value: string | number): number | null {
  const m = /^\s*([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?\s*$/.exec(String(value));
  return m ? Number(m[1]) : null;
}

/**
 * The gemeente of the region each PC4 lies in, from the postcode ranges the functional
 * administrator entered in the set-up wizard (gemeente_postcodes). A PC4 in no range is absent
 * from the result.
 */
export async function resolvePostcodes(db: Db | Tx, regionId: string, pc4s: number[]): Promise<Map<number, string>> {
  const wanted = [...new Set(pc4s)];
  const found = new Map<number, string>();
  if (!wanted.length) return found;
  const rows = await sql<{ pc4: number; gemeente_id: string }>`
    select w.pc4, gp.gemeente_id
    from unnest(${wanted}::int[]) as w(pc4)
    join gemeente_postcodes gp on gp.region_id = ${regionId} and w.pc4 between gp.pc4_from and gp.pc4_to`.execute(db);
  for (const r of rows.rows) found.set(Number(r.pc4), r.gemeente_id);
  return found;
}
