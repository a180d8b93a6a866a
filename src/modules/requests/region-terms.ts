/**
 * The region's own request terms (docs/requests.md, "Termijnen per regio"): per kind and waiting
 * status a number of working days (or, where the school answers, school days) that replaces the
 * installation's default (request-terms.ts). A changed term applies to steps that start after the
 * change: a due day already set (requests.step_due_on) does not move.
 */
import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { can, requireCapability } from '../../kernel/policy/capabilities.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ForbiddenError, StaleVersionError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { DAY_UNITS, KIND_NL, REQUEST_KINDS, REQUEST_STATUSES, STATUS_NL, type DayUnit, type RequestKind, type RequestStatus } from '../../contracts/values/requests.ts';
import type { RequestTerms, SetRequestTermBody } from '../../contracts/request-terms.ts';
import { DEFAULT_REQUEST_TERMS, termFor } from './request-terms.ts';

/** A region's term lies between these, in days of its unit. */
export const TERM_DAYS = { min: 1, max: 120 } as const;

/** The units a kind's waiting status may count in: school days only where the school answers (a question to the school, sent). */
export function unitsFor(kind: RequestKind, status: RequestStatus): readonly DayUnit[] {
  return kind === 'question_to_school' && status === 'sent' ? DAY_UNITS : ['working'];
}

const defaultOf = (kind: string, status: string) => DEFAULT_REQUEST_TERMS.find((t) => t.kind === kind && t.status === status);
const isKind = (v: unknown): v is RequestKind => typeof v === 'string' && (REQUEST_KINDS as readonly string[]).includes(v);
const isStatus = (v: unknown): v is RequestStatus => typeof v === 'string' && (REQUEST_STATUSES as readonly string[]).includes(v);

/**
 * The checks of a term that need no database, all at once (also the route's fieldChecks, when the
 * schema refuses the body): a status of the kind that waits for someone, days from 1 to 120, and a
 * unit the step may count in.
 */
export function requestTermFieldChecks(body: Record<string, unknown>): FieldError[] {
  const { kind, status, days, unit } = body;
  const errors: FieldError[] = [];
  const pair = isKind(kind) && isStatus(status) ? defaultOf(kind, status) : undefined;
  if (isKind(kind) && isStatus(status) && !pair) {
    errors.push({
      name: 'status',
      code: 'no_term',
      reason: `Een ${KIND_NL[kind]} heeft geen termijn in de stand "${STATUS_NL[status]}": in die stand wacht het verzoek op niemand, of die stand bestaat niet voor deze soort. Kies een stand uit de lijst.`,
    });
  }
  if (typeof days === 'number' && Number.isInteger(days) && (days < TERM_DAYS.min || days > TERM_DAYS.max)) {
    errors.push({ name: 'days', code: 'range', reason: `Kies een termijn van ${TERM_DAYS.min} tot en met ${TERM_DAYS.max} dagen, of maak het veld leeg om terug te gaan naar de standaardtermijn.` });
  }
  if (days !== null && days !== undefined && unit === undefined) {
    errors.push({ name: 'unit', code: 'required', reason: 'Kies of de termijn telt in werkdagen of in schooldagen.' });
  } else if (days !== null && pair && unit === 'school' && !unitsFor(pair.kind, pair.status).includes('school')) {
    errors.push({
      name: 'unit',
      code: 'unit_not_allowed',
      reason: 'Schooldagen tellen alleen waar de school antwoordt (een vraag aan de school). Tussen organisaties telt een termijn in werkdagen: kies werkdagen.',
    });
  }
  return errors;
}

/** The region's own terms (no row: the default). */
export function regionTerms(db: Db | Tx, regionId: string) {
  return db.selectFrom('request_terms').select(['kind', 'status', 'days', 'unit', 'updated_at', 'updated_by_person_id']).where('region_id', '=', regionId).execute();
}

/**
 * The term in force of a kind's waiting status in a region: its own where it set one, else the
 * default; null for a status that waits for nobody. Read in the caller's transaction, so a step
 * gets the term as it is when the step starts.
 */
export async function termInForce(tx: Tx, regionId: string, kind: RequestKind, status: RequestStatus): Promise<{ days: number; unit: DayUnit } | null> {
  const own = await tx.selectFrom('request_terms').select(['kind', 'status', 'days', 'unit']).where('region_id', '=', regionId).where('kind', '=', kind).where('status', '=', status).execute();
  return termFor(kind, status, own);
}

async function termsVersion(db: Db | Tx, regionId: string): Promise<number> {
  const row = await db.selectFrom('request_terms_versions').select('version').where('region_id', '=', regionId).executeTakeFirst();
  return row?.version ?? 1;
}

/** Every kind's waiting status with its default, the region's own term and the term in force, and the version of this screen. */
export async function requestTerms(database: Database, actor: Actor): Promise<RequestTerms> {
  if (actor.kind !== 'professional') throw new ForbiddenError('De termijnen van verzoeken zijn er voor professionals.');
  return database.db.transaction().execute(async (tx) => {
    const own = await regionTerms(tx, actor.regionId);
    const names = await namesOf(
      tx,
      own.flatMap((o) => (o.updated_by_person_id ? [o.updated_by_person_id] : [])),
    );
    return {
      items: DEFAULT_REQUEST_TERMS.map((d) => {
        const mine = own.find((o) => o.kind === d.kind && o.status === d.status);
        return {
          kind: d.kind,
          status: d.status,
          default: { days: d.days, unit: d.unit, basis: d.basis },
          region: mine ? { days: mine.days, unit: mine.unit, updatedAt: mine.updated_at, updatedBy: mine.updated_by_person_id ? (names.get(mine.updated_by_person_id) ?? null) : null } : null,
          inForce: mine ? { days: mine.days, unit: mine.unit } : { days: d.days, unit: d.unit },
          units: [...unitsFor(d.kind, d.status)],
        };
      }),
      version: await termsVersion(tx, actor.regionId),
      can: { change: can(actor, 'administerRegion') },
    };
  });
}

async function namesOf(tx: Tx, personIds: string[]): Promise<Map<string, string>> {
  if (!personIds.length) return new Map();
  const rows = await tx.selectFrom('people').select(['id', sql<string>`given_name || ' ' || family_name`.as('name')]).where('id', 'in', [...new Set(personIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Sets the region's term of one kind's waiting status (functional administrator), or with `days:
 * null` goes back to the default, based on the screen's `version`: bad input is refused with field
 * errors, a stale version with 409 (StaleVersionError), before anything is written. Steps that start
 * from now on get the new term; due days already set stay.
 */
export async function setRequestTerm(database: Database, actor: Actor, input: SetRequestTermBody): Promise<RequestTerms> {
  requireCapability(actor, 'administerRegion');
  const errors = requestTermFieldChecks(input);
  if (errors.length) throw new ValidationError(errors, 'De termijn is niet opgeslagen. Controleer de gemarkeerde velden.');
  const { kind, status, days } = input;
  await database.db.transaction().execute(async (tx) => {
    await claimTermsVersion(tx, actor.regionId, input.version);
    const d = defaultOf(kind, status)!;
    // The default itself is no term of the region's own: setting it is going back to it.
    const unit = input.unit ?? d.unit;
    const backToDefault = days === null || (days === d.days && unit === d.unit);
    if (backToDefault) {
      await tx.deleteFrom('request_terms').where('region_id', '=', actor.regionId).where('kind', '=', kind).where('status', '=', status).execute();
    } else {
      await tx
        .insertInto('request_terms')
        .values({ region_id: actor.regionId, kind, status: d.status, days, unit, updated_by_person_id: actor.personId })
        .onConflict((oc) => oc.columns(['region_id', 'kind', 'status']).doUpdateSet({ days, unit, updated_by_person_id: actor.personId, updated_at: sql`now()` }))
        .execute();
    }
    await recordEvent(tx, actor, { event: 'settings.request_term', detail: { kind, status, days: backToDefault ? null : days, unit: backToDefault ? null : unit } });
  });
  return requestTerms(database, actor);
}

/**
 * Claims the next version of the region's terms screen, in the saving transaction and before
 * anything is written: throws StaleVersionError when `expected` is no longer the current one.
 */
async function claimTermsVersion(tx: Tx, regionId: string, expected: number): Promise<number> {
  await tx.insertInto('request_terms_versions').values({ region_id: regionId, version: 1 }).onConflict((oc) => oc.column('region_id').doNothing()).execute();
  const result = await tx
    .updateTable('request_terms_versions')
    .set({ version: sql`version + 1` })
    .where('region_id', '=', regionId)
    .where('version', '=', expected)
    .executeTakeFirst();
  if (!result || result.numUpdatedRows === 0n) throw new StaleVersionError();
  return expected + 1;
}
