/**
 * The kinds of work on a professional's worklist (issue 13, docs/requests.md "De werklijst"): one
 * definition, used by the server's schemas and by the web app at runtime. Each kind comes from the
 * module that owns its records; the worklist module only merges, orders and presents them.
 */
export const WORKLIST_KINDS = [
  /** A signal of the school acted for that waits for the care coordinator (new: by its pick-up deadline; watching: no deadline). */
  'signal_to_pick_up',
  /** A request whose current step waits on the organisation acted for (the receiver's inbox, or the sender's answer to a question). */
  'request_to_answer',
  /** Help has started: the receiver's report back to the school is due. */
  'report_due',
  /** A request sent by the organisation acted for whose step at the receiver is past its term: the sender follows it up. */
  'request_overdue',
  /** An open case the reader manages whose plan is to be evaluated within the next days, or was due. */
  'evaluation_due',
  /** A teacher on the team is asked whether the help works in class (after a report back). */
  'observation_asked',
  /** A legal absence report the school still has to make to DUO / leerplicht, by its deadline. */
  'absence_report_due',
] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

/** An evaluation shows on the case manager's worklist from this many days before it is due. */
export const EVALUATION_DUE_WITHIN_DAYS = 14;

/** At most this many items of one kind; the count per kind says how many there are in all. */
export const WORKLIST_MAX_PER_KIND = 50;
