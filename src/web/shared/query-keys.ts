/**
 * Every query key of the web app, in one place: each hook asks for its data under a key from here,
 * and each change invalidates keys from here. A key is an array whose first element names the
 * resource; invalidating a shorter key refreshes every query that starts with it (`qk.signals.all`
 * refreshes the queue and "my signals"), so the families below are meant: keep new keys in them.
 * (shared/absence.ts, kept as it is until the contracts replace it, still declares its own copies
 * of the absence keys; the app uses these.)
 */
export const qk = {
  session: ['session'] as const,
  demoAccounts: ['demo-accounts'] as const,
  totpSetup: (userId: string | undefined) => ['totp-setup', userId] as const,
  invitation: (token: string) => ['invitation', token] as const,

  children: {
    all: ['children'] as const,
    list: (filter: object) => ['children', filter] as const,
    /** The pupil picker of the absence forms. */
    pick: (schoolId: string, term: string) => ['children', 'pick', schoolId, term] as const,
  },
  /** One child; its absence summary lives under it, so a change to the child refreshes both. */
  child: (id: string) => ['child', id] as const,
  childAbsenceSummary: (id: string) => ['child', id, 'absence-summary'] as const,
  childSignals: (childId: string) => ['child-signals', childId] as const,
  childPlans: (childId: string) => ['child-plans', childId] as const,
  childConsents: (childId: string) => ['child-consents', childId] as const,

  accessLog: (filter: object, page: number) => ['access-log', filter, page] as const,
  childAccessLog: (childId: string, page: number) => ['child-access-log', childId, page] as const,

  signals: {
    all: ['signals'] as const,
    queue: (filter: object) => ['signals', 'queue', filter] as const,
    mine: (filter: object) => ['signals', 'mine', filter] as const,
  },
  signal: (id: string) => ['signal', id] as const,
  /** What a signal's referral form needs (under the signal: a change to the signal refreshes it). */
  signalReferral: (id: string) => ['signal', id, 'referral'] as const,
  signalMeta: ['signal-meta'] as const,

  cases: {
    all: ['cases'] as const,
    list: (filter: object) => ['cases', filter] as const,
  },
  case: (id: string) => ['case', id] as const,
  caseNotes: (caseId: string) => ['case-notes', caseId] as const,
  plan: (id: string) => ['plan', id] as const,

  /** Requests between organisations: the lists (inbox, outbox, a case's) and one request. */
  requests: {
    all: ['requests'] as const,
    list: (filter: object) => ['requests', filter] as const,
    /** The region's escalation table: counts per receiving organisation and kind (no request, no child). */
    escalation: ['requests', 'escalation'] as const,
  },
  request: (id: string) => ['request', id] as const,
  /** A teacher's observation asked after a report back (under its own key: the teacher does not read the request). */
  observation: (id: string) => ['observation', id] as const,
  /** The user's own choices how she hears of each kind of notification. */
  notificationPreferences: ['notification-preferences'] as const,
  /** The reader's worklist (the home page): signals, requests, evaluations, reports that wait for them. */
  worklist: ['worklist'] as const,

  organisations: {
    all: ['organisations'] as const,
    /** '' for every kind. */
    ofKind: (kind: string) => ['organisations', kind] as const,
    /** The region's organisations as the case forms pick from them. */
    forCases: ['organisations', 'all'] as const,
  },
  organisationMembers: (organisationId: string) => ['organisation-members', organisationId] as const,
  gemeenten: ['gemeenten'] as const,
  people: {
    all: ['people'] as const,
    list: (filter: object) => ['people', filter] as const,
  },
  roleGrants: {
    all: ['role-grants'] as const,
    list: (status: string, page: number) => ['role-grants', status, page] as const,
  },

  earlyWarning: {
    all: ['early-warning'] as const,
    list: (filter: object) => ['early-warning', 'list', filter] as const,
    settings: ['early-warning', 'settings'] as const,
  },
  absenceReports: {
    all: ['absence-reports'] as const,
    list: (schoolId: string, filter: object) => ['absence-reports', schoolId, filter] as const,
  },
  absenceReport: (id: string) => ['absence-report', id] as const,
  absenceWorkspace: {
    all: ['absence-workspace'] as const,
    list: (membershipId: string | undefined, filter: object) => ['absence-workspace', membershipId, filter] as const,
  },

  /** Everything of the register, lists and figures alike: a change to an entry refreshes them all. */
  thuiszitters: {
    all: ['thuiszitters'] as const,
    meta: ['thuiszitters', 'meta'] as const,
    list: (filter: object) => ['thuiszitters', 'list', filter] as const,
    candidates: ['thuiszitters', 'candidates'] as const,
    escalations: ['thuiszitters', 'escalations'] as const,
    counts: (filter: object) => ['thuiszitters', 'counts', filter] as const,
    monthly: ['thuiszitters', 'monthly'] as const,
  },
  thuiszitter: (id: string) => ['thuiszitter', id] as const,
  thuiszitterResponsibleOptions: (childId: string) => ['thuiszitter-responsible-options', childId] as const,

  holidays: {
    all: ['holidays'] as const,
    list: (schoolYear: string, region: string) => ['holidays', schoolYear, region] as const,
  },
  schoolCalendar: {
    of: (schoolId: string) => ['school-calendar', schoolId] as const,
    year: (schoolId: string, schoolYear: string) => ['school-calendar', schoolId, schoolYear] as const,
  },

  setup: {
    all: ['setup'] as const,
    gemeenteList: (q?: string) => (q === undefined ? (['setup', 'gemeente-list'] as const) : (['setup', 'gemeente-list', q] as const)),
    provinces: ['setup', 'provinces'] as const,
    staff: ['setup', 'staff'] as const,
    pupils: ['setup', 'pupils'] as const,
    postcodes: (gemeenteId: string) => ['setup', 'postcodes', gemeenteId] as const,
  },
  settings: {
    all: ['settings'] as const,
    signalPickupTerms: ['settings', 'signal-pickup-terms'] as const,
    /** The request terms per kind and status: the defaults, the region's own, the term in force. */
    requestTerms: ['settings', 'request-terms'] as const,
  },

  staffImportFormats: ['staff-import-formats'] as const,
  staffLeavers: ['staff-leavers'] as const,
  outbox: (page: number) => ['outbox', page] as const,
  pupilImport: (id: string | null) => ['pupil-import', id] as const,
  pupilLeavers: ['pupil-leavers'] as const,

  /** The regional monitor (aggregates only): what the reader may choose, the overview, one indicator. */
  monitor: {
    all: ['monitor'] as const,
    options: ['monitor', 'options'] as const,
    overview: (selection: object) => ['monitor', 'overview', selection] as const,
    view: (indicator: string, query: object) => ['monitor', 'view', indicator, query] as const,
  },

  /** The satisfaction questions the user may answer now, and one of them (its page). */
  surveys: {
    all: ['surveys'] as const,
    open: ['surveys', 'open'] as const,
    question: (id: string) => ['surveys', 'question', id] as const,
  },
};
