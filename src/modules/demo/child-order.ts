import { sql } from 'kysely';

/**
 * An order of children that is the same in every run of the demo seed (its ids are random UUIDs, so
 * ordering by an id picks other children each time): the BSN or onderwijsnummer the seed gives each
 * child from its PRNG, unique in the demo region.
 */
export const childOrder = (childIdColumn: string) => sql<string>`(select coalesce(co.bsn, co.onderwijsnummer) from children co where co.id = ${sql.ref(childIdColumn)})`;
