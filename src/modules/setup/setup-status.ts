import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import { PARTNER_KINDS, SETUP_STEPS, type SetupStep } from '../../contracts/values/setup.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { NotFoundError, StaleVersionError, ValidationError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';

/**
 * The set-up wizard of a region (issue 5): the steps in order, which ones the functional
 * administrator marked done (region_setup_steps, so the wizard can be left and resumed), and the
 * facts of each step (what exists). No child data: pupils are only counted per school location.
 * The steps and the partner kinds are in contracts/values/setup.ts.
 */

export type StepFacts = Record<string, number | string | null>;

const n = (v: unknown) => Number(v ?? 0);

/** The counts behind each step, in one round of small aggregate queries. */
export async function setupFacts(db: Db | Tx, regionId: string): Promise<Record<SetupStep, StepFacts>> {
  const region = await db.selectFrom('regions').select(['name']).where('id', '=', regionId).executeTakeFirstOrThrow();
  const orgs = await db
    .selectFrom('organisations')
    .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
    .where('region_id', '=', regionId)
    .groupBy('kind')
    .execute();
  const byKind = (k: string) => n(orgs.find((o) => o.kind === k)?.n);
  const gemeenten = await db
    .selectFrom('gemeenten as g')
    .select([
      (eb) => eb.fn.countAll<string>().as('n'),
      sql<string>`count(*) filter (where not exists (select 1 from gemeente_postcodes gp where gp.gemeente_id = g.id))`.as('without_postcodes'),
    ])
    .where('g.region_id', '=', regionId)
    .executeTakeFirstOrThrow();
  const ranges = await db.selectFrom('gemeente_postcodes').select((eb) => eb.fn.countAll<string>().as('n')).where('region_id', '=', regionId).executeTakeFirstOrThrow();
  const settings = await db.selectFrom('region_settings').select((eb) => eb.fn.countAll<string>().as('n')).where('region_id', '=', regionId).executeTakeFirstOrThrow();
  const staff = await db
    .selectFrom('people as p')
    .select([
      sql<string>`count(*) filter (where exists (select 1 from memberships m where m.person_id = p.id and m.ended_at is null))`.as('people'),
      sql<string>`count(*) filter (where exists (select 1 from accounts a where a.person_id = p.id and a.disabled_at is null))`.as('accounts'),
    ])
    .where('p.region_id', '=', regionId)
    .executeTakeFirstOrThrow();
  const day = today();
  const pupils = await db
    .selectFrom('enrolments as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('o.region_id', '=', regionId)
    .where('e.start_date', '<=', day)
    .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', day)]))
    .executeTakeFirstOrThrow();
  const imported = await db
    .selectFrom('registry_imports')
    .select(sql<string>`count(distinct organisation_id)`.as('n'))
    .where('region_id', '=', regionId)
    .where('kind', '=', 'pupils')
    .where('status', '=', 'committed')
    .executeTakeFirstOrThrow();
  return {
    region: { name: region.name, swv: byKind('swv') },
    gemeenten: { gemeenten: n(gemeenten.n), withoutPostcodes: n(gemeenten.without_postcodes), postcodeRanges: n(ranges.n) },
    schools: { schools: byKind('school_location') },
    partners: Object.fromEntries(PARTNER_KINDS.map((k) => [k, byKind(k)])),
    settings: { changed: n(settings.n) },
    staff: { people: n(staff.people), accounts: n(staff.accounts) },
    pupils: { activeEnrolments: n(pupils.n), schoolsWithImport: n(imported.n), schools: byKind('school_location') },
  };
}

/** What must exist before a step can be marked done; null when the step has no minimum. */
export function missingMinimum(step: SetupStep, facts: Record<SetupStep, StepFacts>): string | null {
  const f = facts[step];
  switch (step) {
    case 'region':
      if (!String(f.name ?? '').trim()) return 'Vul eerst de naam van de regio in.';
      return n(f.swv) ? null : 'Voeg eerst minstens één samenwerkingsverband toe.';
    case 'gemeenten':
      return n(f.gemeenten) ? null : 'Voeg eerst minstens één gemeente toe.';
    case 'schools':
      return n(f.schools) ? null : 'Voeg eerst minstens één schoolvestiging toe.';
    case 'partners':
      return PARTNER_KINDS.some((k) => n(f[k])) ? null : 'Voeg eerst minstens één partnerorganisatie toe (bijvoorbeeld de gemeente voor leerplicht, of een wijkteam).';
    default:
      return null;
  }
}

/**
 * Whether the region already has what a step needs, whoever put it there (the wizard, an import,
 * the command line, the demo seed): such a step shows as done without being marked. The settings
 * need nothing: the region runs on the legal defaults until someone changes them.
 */
export function readyByFacts(step: SetupStep, facts: Record<SetupStep, StepFacts>): boolean {
  const f = facts[step];
  switch (step) {
    case 'region':
    case 'schools':
    case 'partners':
      return missingMinimum(step, facts) === null;
    case 'gemeenten':
      return n(f.gemeenten) > 0 && n(f.withoutPostcodes) === 0;
    case 'settings':
      return true;
    case 'staff':
      // Someone besides the administrator who set the region up.
      return n(f.people) > 1 && n(f.accounts) > 1;
    case 'pupils':
      return n(f.activeEnrolments) > 0;
  }
}

/** The region: its name, and the version a rename names. */
export async function getRegion(db: Db | Tx, regionId: string) {
  const region = await db.selectFrom('regions').select(['id', 'name', 'slug', 'version']).where('id', '=', regionId).executeTakeFirst();
  if (!region) throw new NotFoundError();
  return region;
}

export async function setupStatus(db: Db | Tx, regionId: string) {
  const region = await getRegion(db, regionId);
  const facts = await setupFacts(db, regionId);
  const done = await db
    .selectFrom('region_setup_steps as s')
    .leftJoin('people as p', 'p.id', 's.completed_by_person_id')
    .select(['s.step', 's.completed_at', 'p.given_name', 'p.family_name'])
    .where('s.region_id', '=', regionId)
    .execute();
  const steps = SETUP_STEPS.map((step) => {
    const d = done.find((x) => x.step === step);
    const ready = readyByFacts(step, facts);
    return {
      step,
      done: !!d || ready,
      doneBy: d ? ('administrator' as const) : ready ? ('facts' as const) : null,
      completedAt: d ? new Date(d.completed_at).toISOString() : null,
      completedBy: d && d.given_name ? `${d.given_name} ${d.family_name}` : null,
      facts: facts[step],
      missing: missingMinimum(step, facts),
    };
  });
  return { region, steps, nextStep: steps.find((s) => !s.done)?.step ?? null };
}

/** Marks a step done (refused while its minimum is missing) or not done; logged as registry.setup.step. */
export async function markSetupStep(database: Database, actor: Actor, step: SetupStep, done: boolean) {
  await database.db.transaction().execute(async (tx) => {
    if (done) {
      const missing = missingMinimum(step, await setupFacts(tx, actor.regionId));
      if (missing) throw new ValidationError([{ name: 'done', code: 'minimum_missing', reason: missing }], missing);
      await tx
        .insertInto('region_setup_steps')
        .values({ region_id: actor.regionId, step, completed_by_person_id: actor.personId })
        .onConflict((oc) => oc.columns(['region_id', 'step']).doNothing())
        .execute();
    } else {
      await tx.deleteFrom('region_setup_steps').where('region_id', '=', actor.regionId).where('step', '=', step).execute();
    }
    await recordEvent(tx, actor, { event: 'registry.setup.step', detail: { step, done } });
  });
  return setupStatus(database.db, actor.regionId);
}

/** The region's name, changed based on the version the screen showed (StaleVersionError when someone renamed it meanwhile). */
export async function renameRegion(database: Database, actor: Actor, name: string, version: number) {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw new ValidationError([{ name: 'name', code: 'required', reason: 'Vul de naam van de regio in.' }]);
  return database.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('regions').select(['name']).where('id', '=', actor.regionId).executeTakeFirstOrThrow();
    const row = await tx
      .updateTable('regions')
      .set({ name: trimmed, version: sql`version + 1` })
      .where('id', '=', actor.regionId)
      .where('version', '=', version)
      .returning(['id', 'name', 'slug', 'version'])
      .executeTakeFirst();
    if (!row) throw new StaleVersionError();
    await recordEvent(tx, actor, { event: 'registry.region.update', detail: { old: before.name, new: trimmed } });
    return row;
  });
}

/**
 * Per school location: the active enrolments today and the last committed pupil import (the
 * school's intern begeleider or zorgcoördinator imports pupils). Counts only, no child.
 */
export async function pupilsPerSchool(db: Db | Tx, regionId: string) {
  const day = today();
  const rows = await db
    .selectFrom('organisations as o')
    .select([
      'o.id',
      'o.name',
      'o.brin',
      'o.vestiging',
      sql<string>`(select count(*) from enrolments e where e.organisation_id = o.id and e.start_date <= ${day} and (e.end_date is null or e.end_date >= ${day}))`.as('active'),
      sql<Date | string | null>`(select max(ri.committed_at) from registry_imports ri where ri.organisation_id = o.id and ri.kind = 'pupils' and ri.status = 'committed')`.as('last_import'),
    ])
    .where('o.region_id', '=', regionId)
    .where('o.kind', '=', 'school_location')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    organisationId: r.id,
    name: r.name,
    brin: r.brin,
    vestiging: r.vestiging,
    activeEnrolments: n(r.active),
    lastImportAt: r.last_import ? new Date(r.last_import).toISOString() : null,
  }));
}

/** Per organisation: people with an active membership, and how many of them have an account that is not disabled. */
export async function staffPerOrganisation(db: Db | Tx, regionId: string) {
  const rows = await db
    .selectFrom('organisations as o')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      sql<string>`(select count(distinct m.person_id) from memberships m where m.organisation_id = o.id and m.ended_at is null)`.as('people'),
      sql<string>`(select count(distinct a.id) from memberships m join accounts a on a.person_id = m.person_id and a.disabled_at is null where m.organisation_id = o.id and m.ended_at is null)`.as('accounts'),
    ])
    .where('o.region_id', '=', regionId)
    .orderBy('o.kind')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({ organisationId: r.id, name: r.name, kind: r.kind, people: n(r.people), accounts: n(r.accounts) }));
}
