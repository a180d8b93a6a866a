/**
 * Escalation by the region (docs/requests.md, "Escalatie door de regio"): the policy analyst, the
 * SWV consultant and the functional administrator see per receiving organisation and kind how many
 * requests are open and how many wait on that organisation past the term of their step, and can
 * ask the organisation to take them up. An aggregate of organisations' work: counts and days only,
 * never a request, its id or a child. Reading it and escalating are recorded in the access log as
 * events of the actor (no child).
 */
import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { requireCapability } from '../../kernel/policy/capabilities.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ConflictError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { workingDaysBetween } from '../../kernel/calendar/working-days.ts';
import { KIND_NL, OPEN_REQUEST_STATUSES, REQUEST_KINDS, type RequestKind } from '../../contracts/values/requests.ts';
import type { EscalateRequestsBody, RequestEscalationOverview, RequestEscalationRecorded } from '../../contracts/request-escalation.ts';
import { notifyPeople } from '../signals/index.ts';
import { waitingFor } from './request-view.ts';
import { RECEIVING_ROLES } from './request-commands.ts';

/** The open statuses whose step waits on the receiver: only those make the receiver late (a question for information waits on the sender). */
const RECEIVER_WAITS = OPEN_REQUEST_STATUSES.filter((s) => waitingFor(s) === 'receiver');

/** The e-mail to the organisation's workers: how many and of what kind, never which request or child (the note stays with the region). */
export const ESCALATION_MAIL = {
  subject: 'De regio vraagt u verzoeken op te pakken',
  body: (n: number, kind: RequestKind, link: string) =>
    `${n} ${n === 1 ? 'verzoek' : 'verzoeken'} van uw organisatie ${n === 1 ? 'staat' : 'staan'} over de termijn; de regio vraagt u ${n === 1 ? 'het' : 'ze'} op te pakken.\n` +
    `Het gaat om: ${KIND_NL[kind]}.\n\nLog in om te zien welke verzoeken op uw organisatie wachten:\n\n${link}\n`,
};

const NOTE_MAX = 1000;

/** The checks of an escalation that need no database (also the route's fieldChecks): the note says what the region asks. */
export function escalationFieldChecks(body: Record<string, unknown>): FieldError[] {
  const { note } = body;
  if (typeof note === 'string' && !note.trim()) return [{ name: 'note', code: 'required', reason: 'Schrijf kort wat de regio van de organisatie vraagt, zonder namen van kinderen.' }];
  return [];
}

type Last = NonNullable<RequestEscalationOverview['rows'][number]['lastEscalation']>;

/** The region's escalations to these organisations, newest first, with who made them. */
async function escalationsTo(tx: Tx, regionId: string, organisationIds: string[]) {
  if (!organisationIds.length) return [];
  return tx
    .selectFrom('request_escalations as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .innerJoin('organisations as bo', 'bo.id', 'e.by_organisation_id')
    .where('e.region_id', '=', regionId)
    .where('e.organisation_id', 'in', organisationIds)
    .select(['e.organisation_id', 'e.kind', 'e.overdue_count', 'e.at', 'e.on_date', sql<string>`p.given_name || ' ' || p.family_name`.as('by_name'), 'bo.name as by_organisation'])
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

/**
 * The escalation table of the region, today: per receiving organisation and kind with open
 * requests, how many there are, how many wait on the organisation past their term (due before
 * today), the due day of the oldest overdue step and how many working days late it is, the median
 * number of days since the open requests were sent, and the last escalation. Counts only.
 */
export async function requestEscalationOverview(database: Database, actor: Actor): Promise<RequestEscalationOverview> {
  requireCapability(actor, 'escalateRequests');
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const dayValue = sql<string>`${day}::date`;
    const late = sql<boolean>`r.status in (${sql.join(RECEIVER_WAITS)}) and r.step_due_on < ${dayValue}`;
    const rows = await tx
      .selectFrom('requests as r')
      .innerJoin('organisations as o', 'o.id', 'r.to_organisation_id')
      .where('r.region_id', '=', actor.regionId)
      .where('r.status', 'in', OPEN_REQUEST_STATUSES)
      .groupBy(['r.to_organisation_id', 'o.name', 'r.kind'])
      .select([
        'r.to_organisation_id as organisation_id',
        'o.name',
        'r.kind',
        sql<number>`count(*)::int`.as('open'),
        sql<number>`(count(*) filter (where ${late}))::int`.as('overdue'),
        sql<string | null>`min(r.step_due_on) filter (where ${late})`.as('oldest_due'),
        sql<number | null>`percentile_cont(0.5) within group (order by (${dayValue} - r.sent_on))`.as('median_days'),
      ])
      .execute();
    const escalations = await escalationsTo(tx, actor.regionId, [...new Set(rows.map((r) => r.organisation_id))]);
    const last = (e: (typeof escalations)[number]): Last => ({
      at: e.at,
      on: e.on_date,
      kind: e.kind,
      overdue: e.overdue_count,
      byName: e.by_name,
      byOrganisation: e.by_organisation,
    });
    const kindOrder = (k: RequestKind) => REQUEST_KINDS.indexOf(k);
    const out: RequestEscalationOverview = {
      day,
      rows: rows
        .map((r) => {
          const oldest = r.oldest_due ? String(r.oldest_due) : null;
          const lastOfKind = escalations.find((e) => e.organisation_id === r.organisation_id && e.kind === r.kind);
          return {
            organisation: { id: r.organisation_id, name: r.name },
            kind: r.kind,
            open: Number(r.open),
            overdue: Number(r.overdue),
            oldestOverdueDueOn: oldest,
            workingDaysLate: oldest ? workingDaysBetween(oldest, day) : null,
            medianDaysSinceSent: r.median_days === null ? null : Number(r.median_days),
            lastEscalation: lastOfKind ? last(lastOfKind) : null,
            can: { escalate: Number(r.overdue) > 0 },
          };
        })
        // What is late first (most overdue, then longest late), then by organisation and kind.
        .sort((a, b) => b.overdue - a.overdue || (b.workingDaysLate ?? -1) - (a.workingDaysLate ?? -1) || a.organisation.name.localeCompare(b.organisation.name, 'nl') || kindOrder(a.kind) - kindOrder(b.kind)),
      organisations: [...new Map(rows.map((r) => [r.organisation_id, r.name])).entries()]
        .sort((a, b) => a[1].localeCompare(b[1], 'nl'))
        .map(([id, name]) => {
          const e = escalations.find((x) => x.organisation_id === id);
          return { id, name, lastEscalation: e ? last(e) : null };
        }),
    };
    await recordEvent(tx, actor, { event: 'request.escalation.read', detail: { day, rows: out.rows.length } });
    return out;
  });
}

/**
 * The region asks a receiving organisation to take up its requests of one kind that wait on it past
 * their term: refused (409) when it has none today. Records the escalation (with how many were
 * overdue, the note, who and when; appended, never changed) and tells the organisation's workers of
 * the receiving roles, in the app and by e-mail without anything about a request or a child.
 */
export async function escalateRequests(database: Database, actor: Actor, input: EscalateRequestsBody, opts: { linkBase: string }): Promise<RequestEscalationRecorded> {
  const membership = requireCapability(actor, 'escalateRequests');
  const errors = escalationFieldChecks(input);
  if (errors.length) throw new ValidationError(errors, 'De escalatie is niet verstuurd. Controleer de gemarkeerde velden.');
  const note = input.note.trim().slice(0, NOTE_MAX);
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const org = await tx.selectFrom('organisations').select(['id', 'name']).where('id', '=', input.organisationId).where('region_id', '=', actor.regionId).executeTakeFirst();
    if (!org) throw new ValidationError([{ name: 'organisationId', code: 'unknown_organisation', reason: 'Deze organisatie bestaat niet in de regio. Kies een organisatie uit de tabel.' }]);
    const counted = await tx
      .selectFrom('requests')
      .where('region_id', '=', actor.regionId)
      .where('to_organisation_id', '=', org.id)
      .where('kind', '=', input.kind)
      .where('status', 'in', RECEIVER_WAITS)
      .where('step_due_on', '<', day)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const overdue = Number(counted.n);
    if (overdue === 0) {
      throw new ConflictError(`Bij ${org.name} staat vandaag geen ${KIND_NL[input.kind]} over de termijn: er is niets om te escaleren.`, 'nothing_overdue');
    }
    const escalation = await tx
      .insertInto('request_escalations')
      .values({ region_id: actor.regionId, organisation_id: org.id, kind: input.kind, overdue_count: overdue, note, person_id: actor.personId!, by_organisation_id: membership!.organisationId, on_date: day })
      .returning(['id', 'at'])
      .executeTakeFirstOrThrow();
    const workers = await tx
      .selectFrom('memberships')
      .select('person_id')
      .distinct()
      .where('organisation_id', '=', org.id)
      .where('role', 'in', RECEIVING_ROLES)
      .where('ended_at', 'is', null)
      .execute();
    const { notified } = await notifyPeople(tx, {
      regionId: actor.regionId,
      organisationId: org.id,
      personIds: workers.map((w) => w.person_id).filter((p) => p !== actor.personId),
      kind: 'request_escalated',
      mail: { subject: ESCALATION_MAIL.subject, body: ESCALATION_MAIL.body(overdue, input.kind, `${opts.linkBase}/verzoeken?bak=ontvangen`) },
    });
    await recordEvent(tx, actor, { event: 'request.escalate', detail: { organisationId: org.id, kind: input.kind, overdue, notified } });
    return { id: escalation.id, organisation: { id: org.id, name: org.name }, kind: input.kind, overdue, notified, at: escalation.at };
  });
}
