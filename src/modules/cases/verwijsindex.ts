import { sql } from 'kysely';
import type { Database } from '../../kernel/db/database.ts';
import { readIf } from '../../kernel/policy/gateway.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { ConflictError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { isIsoDate, today } from '../../kernel/time.ts';
import type { RecordVerwijsindexBody, VerwijsindexState } from '../../contracts/cases.ts';
import type { VerwijsindexRiskGround } from '../../contracts/values/cases.ts';
import { caseEvent, claimCase, withManageableCase } from './case-commands.ts';

/*
 * The verwijsindex (Jeugdwet §7.1; domain.md §6). The legal register of "who is involved with this
 * child" is the gemeente's verwijsindex: a professional registers THAT they are involved with a
 * youth under 23 (not why) on a reasonable suspicion of risk, and when two organisations register
 * the same youth both are told. Samenspel builds no register of its own: a case keeps only the day
 * the school registered the child and who recorded it, and reminds the team while a risk ground
 * applies and no registration counts.
 */

/** A registration in the verwijsindex ends after at most two years (domain.md §6). */
export const VERWIJSINDEX_TERM_YEARS = 2;

/** The request kinds that go to youth care: a referral to the wijkteam or the gemeente's access (toegang), a request to a provider. */
export const CARE_REQUEST_KINDS = ['toegang', 'provider'] as const;

/** What the risk ground of a case is judged on (the case view reads them with `verwijsindexColumns`). */
export interface VerwijsindexFacts {
  /** The case is open (a closed case reminds nobody). */
  open: boolean;
  /** It follows the safety route (opened from a safety signal: the Meldcode). */
  safetyRoute: boolean;
  /** A referral or request went from this case to the wijkteam, the gemeente's access or a youth care provider (not withdrawn). */
  careRequestSent: boolean;
  /** A professional of an organisation other than a school is on the team today (youth care, wijkteam, SWV, leerplicht…). */
  partnerOnTeam: boolean;
}

/**
 * The risk grounds for registering the child in the verwijsindex (Jeugdwet art. 7.1.4.1: a
 * reasonable suspicion that the youth's healthy and safe growing up, education or development is
 * at risk — domain.md §6 includes frequent absence). In Samenspel's terms, for an OPEN case:
 * - `safety_route`: the case follows the safety route (Meldcode);
 * - `care_request`: a referral or request went to the wijkteam, the gemeente's access to youth
 *   care or a youth care provider — help beyond the school is sought;
 * - `partner_on_team`: a professional of an organisation other than a school works on the case.
 * None of these: no reminder (the school's own support of a pupil is no risk ground by itself).
 */
export function verwijsindexRiskGrounds(f: VerwijsindexFacts): VerwijsindexRiskGround[] {
  if (!f.open) return [];
  const grounds: VerwijsindexRiskGround[] = [];
  if (f.safetyRoute) grounds.push('safety_route');
  if (f.careRequestSent) grounds.push('care_request');
  if (f.partnerOnTeam) grounds.push('partner_on_team');
  return grounds;
}

/** The last day a registration made on `registeredOn` counts: two years later, the day before the same date. */
export function registrationValidUntil(registeredOn: string): string {
  const [y, m, d] = registeredOn.split('-').map(Number);
  const end = new Date(Date.UTC(y + VERWIJSINDEX_TERM_YEARS, m - 1, d));
  // 29 February + 2 years is 1 March in Date's arithmetic; the day before is 28 February.
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * The verwijsindex part of the case view: the registration (if any, and until when it counts) and
 * the reminder — while a risk ground applies and no registration counts today.
 */
export function verwijsindexState(r: { registeredOn: string | null; registeredByName: string | null; facts: VerwijsindexFacts; today: string }): VerwijsindexState {
  const riskGrounds = verwijsindexRiskGrounds(r.facts);
  const validUntil = r.registeredOn ? registrationValidUntil(r.registeredOn) : null;
  const counts = validUntil !== null && validUntil >= r.today;
  return { registeredOn: r.registeredOn, registeredByName: r.registeredByName, validUntil, reminder: riskGrounds.length > 0 && !counts, riskGrounds };
}

/**
 * The registration and the two facts of the risk ground that are read from the case's requests and
 * team, as expressions over the case row `k` (the case view reads them in its own statement);
 * unread (null, false) unless `granted`.
 */
export const verwijsindexColumns = (granted: boolean) => ({
  registeredOn: sql<string | null>`case when ${readIf(granted)} then k.verwijsindex_registered_on end`,
  /** Who recorded the registration (the case's `verwijsindex_registered_by_person_id`). */
  registeredByName: sql<string | null>`(select p.given_name || ' ' || p.family_name from people p where ${readIf(granted)} and p.id = k.verwijsindex_registered_by_person_id)`,
  careRequestSent: sql<boolean>`exists (select 1 from requests rq where ${readIf(granted)} and rq.case_id = k.id and rq.kind in (${sql.join([...CARE_REQUEST_KINDS])}) and rq.status != 'withdrawn')`,
  partnerOnTeam: sql<boolean>`exists (select 1 from case_members m join organisations o on o.id = m.organisation_id where ${readIf(granted)} and m.case_id = k.id and m.removed_at is null and o.kind != 'school_location')`,
});

/**
 * The verwijsindex of one case as its view shows it, from the columns the view read with the case
 * (`verwijsindexColumns`).
 */
export function verwijsindexOf(
  k: { status: string; safety_route: boolean; verwijsindex_registered_on: string | null; vi_registered_by: string | null; vi_care_request: boolean; vi_partner_on_team: boolean },
  day: string,
): VerwijsindexState {
  return verwijsindexState({
    registeredOn: k.verwijsindex_registered_on,
    registeredByName: k.vi_registered_by,
    facts: { open: k.status === 'open', safetyRoute: k.safety_route, careRequestSent: !!k.vi_care_request, partnerOnTeam: !!k.vi_partner_on_team },
    today: day,
  });
}

const nlDate = (d: string) => new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));

/** The checks of a registration day that need no database (also when the schema refuses the body: the route's fieldChecks). */
export function verwijsindexFieldChecks(input: { registeredOn?: unknown }): FieldError[] {
  if (typeof input.registeredOn !== 'string' || !isIsoDate(input.registeredOn)) {
    return [{ name: 'registeredOn', code: 'date', reason: 'Vul de datum van de melding in de verwijsindex in als JJJJ-MM-DD.' }];
  }
  if (input.registeredOn > today()) return [{ name: 'registeredOn', code: 'future', reason: 'De melding ligt niet in de toekomst. Leg de datum vast nadat u het kind in de verwijsindex hebt gemeld.' }];
  return [];
}

/**
 * Records the day the school registered the child in the gemeente's verwijsindex: by who manages
 * the open case (the school's care coordinator, the case manager), based on the case's `version`;
 * not in the future and not before the case was opened. Appended to the history; a later
 * registration (after two years) is recorded the same way.
 */
export async function recordVerwijsindex(database: Database, actor: Actor, caseId: string, input: RecordVerwijsindexBody) {
  const errors = verwijsindexFieldChecks(input);
  if (errors.length) throw new ValidationError(errors);
  return withManageableCase(
    database,
    actor,
    caseId,
    'case.verwijsindex.record',
    async (tx, k) => {
      await claimCase(tx, caseId, input.version);
      if (k.status !== 'open') throw new ConflictError('Deze casus is gesloten.', 'case_closed');
      if (input.registeredOn < k.opened_on) {
        throw new ValidationError([
          { name: 'registeredOn', code: 'before_case', reason: `De melding ligt niet vóór de opening van de casus (${nlDate(k.opened_on)}). Vul de datum in waarop u het kind in de verwijsindex meldde.` },
        ]);
      }
      await tx.updateTable('cases').set({ verwijsindex_registered_on: input.registeredOn, verwijsindex_registered_by_person_id: actor.personId }).where('id', '=', caseId).execute();
      await caseEvent(tx, caseId, actor, 'verwijsindex_registered', { registeredOn: input.registeredOn });
    },
    { registeredOn: input.registeredOn },
  );
}
