import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { today } from '../../kernel/time.ts';
import { withLogBatch } from '../../kernel/policy/gateway.ts';
import { WORKLIST_KINDS, WORKLIST_MAX_PER_KIND } from '../../contracts/values/worklist.ts';
import type { Worklist, WorklistAsk, WorklistItem, WorklistPart, WorklistQuery } from '../../contracts/worklist.ts';
import { signalsToPickUp } from '../signals/index.ts';
import { observationsAsked, requestsWaitingOn } from '../requests/index.ts';
import { evaluationsDue } from '../cases/index.ts';
import { absenceReportsDue } from '../absence/index.ts';

/**
 * One source of the worklist: a function in the module that owns the records (exported through its
 * index.ts). It scopes its records in SQL to the reader and the organisation acted for, decides the
 * rows it shows with the gateway and logs them under `ask.event`, and answers its items (at most
 * `ask.limit` of a kind, by deadline) with the count of each kind that is the reader's.
 */
export type WorklistSource = (tx: Tx, actor: Actor, ask: WorklistAsk) => Promise<WorklistPart>;

/**
 * The sources, one line each. A new kind of work is a kind in contracts/values/worklist.ts (with
 * its labels in the web app's texts), a WorklistSource in the module that owns its records, and a
 * line here.
 */
const SOURCES: readonly WorklistSource[] = [
  signalsToPickUp, // signals: signal_to_pick_up
  requestsWaitingOn, // requests: request_to_answer, report_due, request_overdue
  observationsAsked, // requests: observation_asked
  evaluationsDue, // cases: evaluation_due
  absenceReportsDue, // absence: absence_report_due
];

/** The access-log event of the children a worklist shows. */
const event = 'worklist.list';

const kindOrder = (k: WorklistItem['kind']) => WORKLIST_KINDS.indexOf(k);

/**
 * The order of the list: what is overdue first, then by the day it is due, then what has no due
 * day; on the same day the urgent first, then by kind and title.
 */
export function byDeadline(a: WorklistItem, b: WorklistItem): number {
  const late = Number(b.overdue) - Number(a.overdue);
  if (late) return late;
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  return Number(b.urgent) - Number(a.urgent) || kindOrder(a.kind) - kindOrder(b.kind) || a.title.localeCompare(b.title, 'nl') || a.id.localeCompare(b.id);
}

/**
 * The reader's worklist (docs/requests.md "De werklijst"): what waits for them, for the organisation
 * they act for now, from every source, in one transaction (each named child in the access log in
 * it), merged and ordered by deadline. A parent, a young person, or a professional without an
 * organisation to act for has no worklist.
 */
export async function getWorklist(database: Database, actor: Actor, q: WorklistQuery): Promise<Worklist> {
  const day = today();
  if (actor.kind !== 'professional' || !actor.membership || !actor.personId) return { today: day, items: [], counts: [] };
  const ask: WorklistAsk = { day, limit: q.perKind ?? WORKLIST_MAX_PER_KIND, event };
  return database.db.transaction().execute((tx) =>
    // What every source shows is logged in one statement at the end, in the same transaction.
    withLogBatch(tx, async () => {
      const parts: WorklistPart[] = [];
      for (const source of SOURCES) parts.push(await source(tx, actor, ask));
      return {
        today: day,
        items: parts.flatMap((p) => p.items).sort(byDeadline),
        counts: parts.flatMap((p) => p.counts).sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind)),
      };
    }),
  );
}
