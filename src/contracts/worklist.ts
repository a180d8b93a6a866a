/**
 * The contract of a professional's worklist (issue 13; docs/requests.md "De werklijst"): what waits
 * for the reader, for the organisation they act for now, ordered by deadline — what is overdue
 * first, then by the day it is due, then what has no due day. Each item links to the page where it
 * is done. The child is named only where the reader's grant covers the child's identity (decided by
 * the gateway, every named child in the access log); the schema whitelists, the modules decide.
 */
import { Day, Nullable, OneOf, Type, Uuid, type Static } from './common.ts';
import { REQUEST_KINDS } from './values/requests.ts';
import { SIGNAL_CATEGORIES } from './values/signals.ts';
import { REPORT_TYPES } from './values/absence.ts';
import { WORKLIST_KINDS, WORKLIST_MAX_PER_KIND } from './values/worklist.ts';

export const WorklistQuery = Type.Object(
  {
    perKind: Type.Optional(
      Type.Integer({ minimum: 1, maximum: WORKLIST_MAX_PER_KIND, default: WORKLIST_MAX_PER_KIND, description: `Hoeveel werk van één soort hoogstens, 1 tot en met ${WORKLIST_MAX_PER_KIND} (de telling per soort noemt het totaal)` }),
    ),
  },
  { additionalProperties: false },
);
export type WorklistQuery = Static<typeof WorklistQuery>;

export const WorklistItem = Type.Object({
  kind: OneOf(WORKLIST_KINDS),
  /** The id of the thing to act on: the signal, the request, the case or the absence report. */
  id: Uuid,
  /** The day it is due (null: no deadline, e.g. a signal the school keeps watching). */
  dueOn: Nullable(Day),
  /** Due before today. */
  overdue: Type.Boolean(),
  /** Marked urgent (an urgent or safety signal, an urgent request). */
  urgent: Type.Boolean(),
  /** A short Dutch title (no child data). */
  title: Type.String(),
  /** The child, only where the reader's grant covers the child's identity. */
  child: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  /** The other organisation (of a request), or the school (of a case kept elsewhere). */
  organisationName: Nullable(Type.String()),
  requestKind: Nullable(OneOf(REQUEST_KINDS)),
  signalCategory: Nullable(OneOf(SIGNAL_CATEGORIES)),
  reportType: Nullable(OneOf(REPORT_TYPES)),
  /** The page of the web app where it is done (one click to act). */
  link: Type.String(),
});
export type WorklistItem = Static<typeof WorklistItem>;

export const WorklistCount = Type.Object({
  kind: OneOf(WORKLIST_KINDS),
  /** How many of this kind wait, in all (the items hold at most `perKind` of them). */
  total: Type.Integer({ minimum: 0 }),
  /** How many of them are overdue. */
  overdue: Type.Integer({ minimum: 0 }),
  /** The page with the full list of this kind. */
  listLink: Nullable(Type.String()),
});
export type WorklistCount = Static<typeof WorklistCount>;

export const Worklist = Type.Object({
  /** The day the list was made for ("today" in the Netherlands). */
  today: Day,
  items: Type.Array(WorklistItem),
  /** One count for each kind of work that is the reader's in the role they act in now (none: the reader has no worklist). */
  counts: Type.Array(WorklistCount),
});
export type Worklist = Static<typeof Worklist>;

/**
 * What one owning module adds to a worklist (server side): its items of a kind, at most `limit`,
 * ordered by deadline, and the count of every kind it offers this reader.
 */
export interface WorklistPart {
  items: WorklistItem[];
  counts: WorklistCount[];
}

/** What the worklist asks of each module: the day, how many items of a kind, and the access-log event of the list. */
export interface WorklistAsk {
  day: string;
  limit: number;
  event: string;
}
