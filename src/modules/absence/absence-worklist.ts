import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { withChildrenAccess } from '../../kernel/policy/gateway.ts';
import { isCareCoordinator } from '../../kernel/policy/signal-policy.ts';
import { REPORT_TYPE_LABELS, type ReportType } from '../../contracts/values/absence.ts';
import type { WorklistAsk, WorklistItem, WorklistPart } from '../../contracts/worklist.ts';
import { SCHOOL_GROUNDS } from './absence-reports.ts';

/**
 * The legal absence reports on the worklist of a school's care coordinator: the reports of the
 * school acted for that are due today or before and still to be made (no decision yet, or reopened:
 * report-status.ts), by their deadline (5 working days after the day the report became due). The
 * attendance officer's own follow-up has no deadline, so it is not on her worklist. Scoped in SQL to
 * the school and its pupils; the pupils shown are decided by the policy on the school's own grounds
 * (withChildrenAccess, as the school's DUO export asks) and logged.
 */
export async function absenceReportsDue(tx: Tx, actor: Actor, ask: WorklistAsk): Promise<WorklistPart> {
  if (!isCareCoordinator(actor)) return { items: [], counts: [] };
  const org = actor.membership!.organisationId;
  const day = sql<string>`${ask.day}::date`;
  // The school's reports still to be made (the latest decision on or before today decides: none, or
  // reopened), of the pupils the school is related to today: enrolled there, or with a case the
  // school keeps — the school's grounds, which the gateway asks again below for the pupils shown.
  const rows = await tx
    .selectFrom('absence_reports as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .where('r.region_id', '=', actor.regionId)
    .where('r.organisation_id', '=', org)
    .where('r.due_on', '<=', day)
    .where(sql<string>`coalesce((select e.kind from absence_report_events e where e.report_id = r.id and e.occurred_on <= ${day} order by e.id desc limit 1), 'reopened')`, '=', 'reopened')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('enrolments as e')
            .whereRef('e.child_id', '=', 'r.child_id')
            .where('e.organisation_id', '=', org)
            .where('e.start_date', '<=', day)
            .where((w) => w.or([w('e.end_date', 'is', null), w('e.end_date', '>=', day)]))
            .select(sql`1`.as('one')),
        ),
        eb.exists(eb.selectFrom('cases as k').whereRef('k.child_id', '=', 'r.child_id').where('k.organisation_id', '=', org).select(sql`1`.as('one'))),
      ]),
    )
    .select(['r.id', 'r.child_id', 'r.type', 'r.deadline', 'c.given_name', 'c.family_name'])
    // How many are still to be made in all, and how many are past their deadline (counted before the cap).
    .select([sql<number>`(count(*) over ())::int`.as('total'), sql<number>`(count(*) filter (where r.deadline < ${day}) over ())::int`.as('overdue')])
    .orderBy('r.deadline')
    .orderBy('r.due_on')
    .orderBy('r.id')
    .limit(ask.limit)
    .$narrowType<{ type: ReportType }>()
    .execute();
  // The policy decides the pupils shown on the school's own grounds, and logs each (as the school's report list does).
  const { allowed } = await withChildrenAccess(tx, actor, {
    childIds: rows.map((r) => r.child_id),
    kind: 'absence',
    event: ask.event,
    detailOf: (childId) => ({ worklist: 'absence_report_due', absenceReportIds: rows.filter((r) => r.child_id === childId).map((r) => r.id) }),
    grounds: SCHOOL_GROUNDS,
  });
  const shown = rows.filter((r) => allowed.has(r.child_id));
  const refused = rows.length - shown.length;
  const count = { total: (rows[0]?.total ?? 0) - refused, overdue: (rows[0]?.overdue ?? 0) - rows.filter((r) => !allowed.has(r.child_id) && r.deadline < ask.day).length };
  const items: WorklistItem[] = shown.map((r) => ({
    kind: 'absence_report_due',
    id: r.id,
    dueOn: r.deadline,
    overdue: r.deadline < ask.day,
    urgent: false,
    title: `Verzuimmelding doen: ${REPORT_TYPE_LABELS[r.type]}`,
    child: { id: r.child_id, name: `${r.given_name} ${r.family_name}` },
    organisationName: null,
    requestKind: null,
    signalCategory: null,
    reportType: r.type,
    link: `/verzuim/meldingen/${r.id}`,
  }));
  return {
    items,
    counts: [
      {
        kind: 'absence_report_due',
        total: count.total,
        overdue: count.overdue,
        listLink: '/verzuim/meldingen',
      },
    ],
  };
}
