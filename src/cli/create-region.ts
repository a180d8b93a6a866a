import type { Database } from '../kernel/db/database.ts';
import { recordEvent } from '../kernel/policy/gateway.ts';

export interface CreateRegionInput {
  name?: string;
  slug?: string;
  /** The region office's name; default "Regiobureau <region name>". */
  officeName?: string;
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A fresh installation: the region and its region office (the organisation the functional
 * administrator works for), so that `samenspel create-user --organisation "<office>" --role
 * functional_admin` can create the first administrator, who then sets the region up in the app.
 */
/** The options checked and normalised, before any database is opened; throws with what to fix. */
export function checkRegionInput(input: CreateRegionInput) {
  const missing = (['name', 'slug'] as const).filter((k) => !input[k]?.trim());
  if (missing.length) throw new Error(`Missing: ${missing.map((k) => '--' + k).join(', ')}`);
  const name = input.name!.trim().replace(/\s+/g, ' ');
  const slug = input.slug!.trim();
  if (!SLUG_PATTERN.test(slug) || slug.length > 63) throw new Error('--slug: use lower-case letters, digits and single "-" between them (at most 63 characters), e.g. regio-x.');
  return { name, slug, officeName: input.officeName?.trim() || `Regiobureau ${name}` };
}

export async function createRegion(database: Database, input: CreateRegionInput) {
  const { name, slug, officeName } = checkRegionInput(input);
  return database.db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('regions').select('id').where('slug', '=', slug).executeTakeFirst();
    if (taken) throw new Error(`--slug "${slug}" is already taken by another region.`);
    const officeTaken = await tx.selectFrom('organisations').select('id').where('name', '=', officeName).executeTakeFirst();
    if (officeTaken) throw new Error(`An organisation named "${officeName}" already exists; give another --office-name.`);
    const region = await tx.insertInto('regions').values({ name, slug }).returning('id').executeTakeFirstOrThrow();
    const office = await tx
      .insertInto('organisations')
      .values({ region_id: region.id, kind: 'region_office', name: officeName, gemeente_id: null, brin: null, vestiging: null, school_type: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, null, { event: 'registry.region.create', regionId: region.id, detail: { via: 'cli', name, slug, officeId: office.id, officeName } });
    return { regionId: region.id, name, slug, officeId: office.id, officeName };
  });
}
