/**
 * What a user may do, as the session tells the web app (`session.can`): the screens and actions
 * offered. The server decides them from the role of the active membership (or the portal kind of
 * the account) in kernel/policy/capabilities.ts, and stays the judge of every request; the web app
 * holds no role lists of its own.
 */
export const CAPABILITIES = [
  /** The children list (individual children, through the access policy). */
  'listChildren',
  /** Raise zorgsignalen about pupils and follow them ("Mijn signalen"). */
  'raiseSignals',
  /** The school's signal queue: triage. */
  'triageSignals',
  /** Cases: be on the team around a child. */
  'workCases',
  /** The school's absence: early warning, reports, entry, import. */
  'schoolAbsence',
  /** Import pupils and guardians; probable leavers. */
  'importPupils',
  /** The attendance officer's workspace of reports. */
  'attendanceWorkspace',
  /** The thuiszitter register (individual children). */
  'thuiszitterRegister',
  /** Confirm or reject thuiszitter candidates. */
  'thuiszitterCandidates',
  /** The escalation table of thuiszitters. */
  'thuiszitterEscalation',
  /** The thuiszitter counts (aggregates only) as a screen of its own in the navigation. */
  'thuiszitterCounts',
  /** The thuiszitter counts within the register's own sub-navigation. */
  'thuiszitterCountsInRegister',
  /** The school's own calendar (free days). */
  'schoolCalendar',
  /** Set up and keep the region: organisations, people, settings, staff import, holidays, outbox. */
  'administerRegion',
  /** The privacy officer's access log and chain check. */
  'readAccessLog',
  /** The ledger of roles that see children's data. */
  'reviewRoleGrants',
  /** Requests between organisations: what the organisation sent and received (docs/requests.md). */
  'workRequests',
  /** The region's escalation table of requests past their term (aggregates only) and asking an organisation to take them up. */
  'escalateRequests',
  /** The regional monitor (aggregates only, each within the own scope: docs/monitor.md). */
  'monitor',
] as const;
export type Capability = (typeof CAPABILITIES)[number];
