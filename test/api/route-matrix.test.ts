import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type Client, type TestApp } from '../support/test-app.ts';
import { multipart } from '../support/multipart.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';
import { teacherPeriodOf } from '../../src/modules/surveys/survey-periods.ts';
import {
  PROFESSIONALS,
  ROLES,
  accessLogCursor,
  buildWorld,
  fingerprinter,
  ghostOf,
  type Actor,
  type DemoRole,
  type LogRow,
  type Relation,
  type Subject,
  type World,
} from '../support/route-matrix-fixtures.ts';

/**
 * The access matrix over EVERY route the app registers under /api/v1 (domain.md §7): one table,
 * one entry per route (method + url), with the expected outcome per demo role × relation. A route
 * without an entry fails, and so does an entry for a route that is not registered.
 *
 * - `child` routes touch one child's data. They are run for every demo role against two children
 *   (T: a pupil of `leerkracht` and child of `ouder`; J: the young person `jongere`, 16+; see
 *   test/support/route-matrix-fixtures.ts for the relations built around them through the API).
 *   Per relation: 'ok' (2xx, and an `allowed` access-log entry for that child with a legal
 *   ground), 'limited' (the same, and the case shows only that it exists), 404 (the same answer as
 *   for a child that does not exist, and a `denied` entry), 403 (a function that is not the role's:
 *   nothing about the child is looked at or logged, and the answer is the same for a record that
 *   does not exist), 'refused' (either of those two), or a conflict/validation answer AFTER the
 *   access check (a stale version, an already withdrawn consent, …) with the log it leaves.
 *   Relations not named: 404. Refused and conflicting requests must leave every table as it was;
 *   where a role may write, the request is a harmless one (a stale version, a note, a comment).
 *
 *   The relations, and who has them:        T (child of `ouder`, po1)   J (`jongere`, 16+, vo1)
 *     owner         school's care coordinator, case owner + manager   ib          zorgcoordinator
 *     teacher       group teacher / mentor, on the team, no consent   leerkracht  mentor
 *     otherCare     care coordinator of another school              zorgcoordinator  ib
 *     otherTeacher  teacher / mentor at another school                mentor      leerkracht
 *     leader        school leader, child an open thuiszitter there    directeur   —
 *     otherLeader   school leader of another school                   —           directeur
 *     residence     attendance officer of the child's gemeente        leerplicht  leerplicht
 *     consent       on the team, consent: identity + plan + notes     jeugdhulp   jeugdhulp
 *     consentOther  on the team, consent: absence only                wijkteam    wijkteam
 *     withdrawn     on the team, consent withdrawn by the family      swv         swv
 *     guardian / otherGuardian                                         ouder       ouder (other child)
 *     self / otherYouth                                                jongere (other child)  jongere
 *     privacy, admin, analyst                                          privacy, beheer, beleid
 * - `list` routes are scoped by the policy: per relation the target child 'shows' or 'hides' (or
 *   the role gets 403); every child a list returns is logged as allowed with a ground, and the
 *   first and last item open on their own detail route (a list never shows what the detail refuses).
 * - `function` routes are not about one child: which roles get which answer, refusals change nothing.
 * - `public` routes answer without a session.
 * Every route that is not public answers 401 without a session.
 */

// Thousands of requests from one address in a minute: lift the per-address limit for this file.
process.env.RATE_LIMIT_PER_MINUTE = '1000000';

type Req = { url: string; body?: unknown; headers?: Record<string, string> };
type After = { status: 400 | 409; code?: string; log: 'allowed' | 'denied' | 'none' };
type Outcome = 'ok' | 'limited' | 404 | 403 | 'refused' | After;
type Expect<T> = Partial<Record<Relation | 'others', T>>;

interface ChildRoute {
  kind: 'child';
  /** Whose id is in the path or body. */
  subject: 'child' | 'case' | 'consent' | 'plan' | 'goal' | 'signal' | 'absenceReport' | 'thuiszitter' | 'request' | 'observation';
  readOnly: boolean;
  req: (s: Subject, a: Actor, w: World) => Req;
  /** Per relation; not named: 404. */
  expect: Expect<Outcome>;
}
type Shown = 'shows' | 'hides' | 'any' | 403;
interface ListRoute {
  kind: 'list';
  req: (s: Subject, a: Actor, w: World) => Req;
  /** The items of the answer, each with its child's id (when the answer names it) and its detail route. */
  items: (json: unknown) => { childId: string | null; detail: string | null }[];
  /** Per relation; not named: 'hides'. */
  expect: Expect<Shown>;
  /** 'shows' holds only when this is true of the child (otherwise it hides). */
  showsOnlyIf?: (s: Subject) => boolean;
}
interface FunctionRoute {
  kind: 'function';
  readOnly: boolean;
  req: (w: World, a: Actor) => Req;
  /** Roles that pass; with the status they get (for a write: a harmless probe, e.g. a stale version). */
  allowed: readonly DemoRole[];
  status: number;
  code?: string;
  /** The status every other role gets (default 403). */
  refused?: number;
  /** A role refused otherwise: e.g. 404 for another school's import, answered as one that does not exist. */
  refusedAs?: Partial<Record<DemoRole, number>>;
  /** Sign in anew for each role (the route ends the session). */
  fresh?: boolean;
  after?: (res: LightMyRequestResponse, c: Client) => Promise<string | null>;
}
interface PublicRoute {
  kind: 'public';
  req: (w: World) => Req;
  /** The status without a session (and the same for a signed-in parent). */
  status: number;
}
type Route = ChildRoute | ListRoute | FunctionRoute | PublicRoute;

const OK = 'ok' as const;
const LIMITED = 'limited' as const;
/** Refused without revealing anything: either 404 with a denied entry, or a 403 that is the same for a record that does not exist. */
const REFUSED = 'refused' as const;
/** A change based on a version that is not current: refused with 409 after the access check, with the record as it is now (logged as a read). */
const STALE: After = { status: 409, code: 'stale_version', log: 'allowed' };
const conflict = (code: string, log: After['log'] = 'none'): After => ({ status: 409, code, log });
const invalid = (code?: string): After => ({ status: 400, code, log: 'none' });
/** A version no record has. */
const V = 9999;
const uuid = () => randomUUID();
const ALL = ROLES;
const CARE_ROLES: readonly DemoRole[] = ['ib', 'zorgcoordinator'];
/** The school a professional at a school location acts for, else the child's school. */
const ownSchool = (s: Subject, a: Actor, w: World) => (a.organisationId === w.po1 || a.organisationId === w.vo1 ? a.organisationId : s.schoolId);
const upload = (fields: Record<string, string>, name: string, content: string): Pick<Req, 'body' | 'headers'> => {
  const m = multipart(fields, { name, content, type: 'text/csv' });
  return { body: m.payload, headers: m.headers };
};
type Json = Record<string, unknown>;
/** The id of a teacher's satisfaction question of the quarter of `day`. */
const teacherQuestionId = (day: string) => `period-${teacherPeriodOf(day).start.slice(0, 7)}`;
const arr = (json: unknown, key: string) => ((json as Json)[key] as Json[]) ?? [];
const childOf = (x: Json) => ((x.child as Json | null)?.id as string | undefined) ?? (x.childId as string | undefined) ?? null;
/** The API page behind each kind of worklist item (the list never shows what its page refuses). */
const WORKLIST_DETAIL: Record<string, (id: string) => string> = {
  signal_to_pick_up: (id) => `/api/v1/signals/${id}`,
  request_to_answer: (id) => `/api/v1/requests/${id}`,
  report_due: (id) => `/api/v1/requests/${id}`,
  request_overdue: (id) => `/api/v1/requests/${id}`,
  evaluation_due: (id) => `/api/v1/cases/${id}`,
  absence_report_due: (id) => `/api/v1/absence-reports/${id}`,
  observation_asked: (id) => `/api/v1/observations/${id}`,
};

// ---------------------------------------------------------------------------------------------
// THE TABLE: one entry per registered route.

const MATRIX: Record<string, Route> = {
  // ----- public
  'GET /api/v1/health': { kind: 'public', req: () => ({ url: '/api/v1/health' }), status: 200 },
  'GET /api/v1/health/live': { kind: 'public', req: () => ({ url: '/api/v1/health/live' }), status: 200 },
  'GET /api/v1/health/ready': { kind: 'public', req: () => ({ url: '/api/v1/health/ready' }), status: 200 },
  'GET /api/v1/demo-accounts': { kind: 'public', req: () => ({ url: '/api/v1/demo-accounts' }), status: 200 },
  'POST /api/v1/session': { kind: 'public', req: () => ({ url: '/api/v1/session', body: { username: 'niemand-bekend', password: 'fout-wachtwoord' } }), status: 401 },
  'GET /api/v1/openapi.json': { kind: 'public', req: () => ({ url: '/api/v1/openapi.json' }), status: 200 },
  'GET /api/v1/invitations/:token': { kind: 'public', req: () => ({ url: `/api/v1/invitations/${'x'.repeat(40)}` }), status: 404 },
  'POST /api/v1/invitations/:token/accept': { kind: 'public', req: () => ({ url: `/api/v1/invitations/${'x'.repeat(40)}/accept`, body: { password: 'een-heel-lang-wachtwoord' } }), status: 404 },

  // ----- session (every signed-in account)
  'GET /api/v1/session': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/session' }), allowed: ALL, status: 200 },
  'PUT /api/v1/session/membership': {
    kind: 'function',
    readOnly: false,
    // The membership acted for now (a parent or young person has none: any id is unknown).
    req: (_w, a) => ({ url: '/api/v1/session/membership', body: { membershipId: a.membershipId ?? uuid() } }),
    allowed: PROFESSIONALS,
    status: 200,
    refused: 400,
  },
  'DELETE /api/v1/session': {
    kind: 'function',
    readOnly: false,
    req: () => ({ url: '/api/v1/session' }),
    allowed: ALL,
    status: 204,
    fresh: true,
    after: async (_res, c) => {
      const again = (await c.get('/api/v1/session')).statusCode;
      return again === 401 ? null : `the session still answers ${again} after signing out`;
    },
  },
  'POST /api/v1/session/totp/setup': { kind: 'function', readOnly: false, req: () => ({ url: '/api/v1/session/totp/setup' }), allowed: ALL, status: 200 },
  'POST /api/v1/session/totp/confirm': { kind: 'function', readOnly: false, req: () => ({ url: '/api/v1/session/totp/confirm', body: { code: 'abcdef' } }), allowed: ALL, status: 400, code: 'validation_failed' },

  // ----- children
  'GET /api/v1/children': {
    kind: 'list',
    req: (s) => ({ url: `/api/v1/children?pageSize=100&q=${encodeURIComponent(s.familyName)}` }),
    items: (j) => arr(j, 'items').map((x) => ({ childId: x.id as string, detail: `/api/v1/children/${x.id}` })),
    expect: { owner: 'shows', teacher: 'shows', leader: 'shows', residence: 'shows', consent: 'shows', guardian: 'shows', self: 'shows' },
  },
  'GET /api/v1/children/:id': {
    kind: 'child',
    subject: 'child',
    readOnly: true,
    req: (s) => ({ url: `/api/v1/children/${s.childId}` }),
    expect: { owner: OK, teacher: OK, leader: OK, residence: OK, consent: OK, guardian: OK, self: OK },
  },
  'GET /api/v1/children/:id/access-log': { kind: 'child', subject: 'child', readOnly: true, req: (s) => ({ url: `/api/v1/children/${s.childId}/access-log` }), expect: { privacy: OK, guardian: OK, self: OK } },
  'POST /api/v1/children': {
    kind: 'function',
    readOnly: false,
    // A new pupil of the own school; the probe is refused on its birth date in the future (nothing is made).
    req: (w) => ({ url: '/api/v1/children', body: { givenName: 'Nieuw', familyName: 'Kind', birthDate: addCalendarDays(w.day, 30), gemeenteId: w.zeist, enrolment: { startDate: w.day } } }),
    allowed: CARE_ROLES,
    status: 400,
  },
  'POST /api/v1/children/:id/enrolments': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    // Overlaps the current enrolment: refused after the access check.
    req: (s, _a, w) => ({ url: `/api/v1/children/${s.childId}/enrolments`, body: { startDate: w.day } }),
    expect: { owner: invalid('validation_failed'), otherCare: 404, others: 403 },
  },
  'PATCH /api/v1/children/:id/enrolments/:enrolmentId': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    req: (s, _a, w) => ({ url: `/api/v1/children/${s.childId}/enrolments/${s.enrolmentId}`, body: { endDate: w.day, version: V } }),
    expect: { owner: STALE, otherCare: 404, others: 403 },
  },
  'POST /api/v1/children/:id/guardians': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/children/${s.childId}/guardians`, body: { givenName: 'Matrix', familyName: 'Oom', relation: 'other', hasAuthority: false } }),
    expect: { owner: OK, otherCare: 404, others: 403 },
  },
  'POST /api/v1/children/:id/residences': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    // Still Zeist, from a day before the move recorded today: the relations stay as they are.
    req: (s, a, w) => ({ url: `/api/v1/children/${s.childId}/residences`, body: { gemeenteId: w.zeist, validFrom: s.freeResidenceDays[a.role === 'leerplicht' ? 1 : 0] } }),
    expect: { owner: OK, residence: OK },
  },

  // ----- registry
  'GET /api/v1/gemeenten': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/gemeenten' }), allowed: ALL, status: 200 },
  'POST /api/v1/gemeenten': { kind: 'function', readOnly: false, req: () => ({ url: '/api/v1/gemeenten', body: { cbsCode: 'XX' } }), allowed: ['beheer'], status: 400 },
  'GET /api/v1/organisations': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/organisations' }), allowed: ALL, status: 200 },
  'GET /api/v1/organisations/:id': { kind: 'function', readOnly: true, req: (w) => ({ url: `/api/v1/organisations/${w.po1}` }), allowed: ALL, status: 200 },
  'GET /api/v1/organisations/:id/members': { kind: 'function', readOnly: true, req: (w) => ({ url: `/api/v1/organisations/${w.po1}/members` }), allowed: PROFESSIONALS, status: 200, refused: 404 },
  'POST /api/v1/organisations': { kind: 'function', readOnly: false, req: () => ({ url: '/api/v1/organisations', body: { kind: 'wijkteam', name: '   ' } }), allowed: ['beheer'], status: 400 },
  'PATCH /api/v1/organisations/:id': { kind: 'function', readOnly: false, req: (w) => ({ url: `/api/v1/organisations/${w.po1}`, body: { name: 'Overgenomen', version: V } }), allowed: ['beheer'], status: 409, code: 'stale_version' },
  'GET /api/v1/people': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/people' }), allowed: ['beheer'], status: 200 },
  'POST /api/v1/people': { kind: 'function', readOnly: false, req: () => ({ url: '/api/v1/people', body: { givenName: ' ', familyName: ' ', memberships: [] } }), allowed: ['beheer'], status: 400 },
  'POST /api/v1/people/:id/memberships': {
    kind: 'function',
    readOnly: false,
    req: (w) => ({ url: `/api/v1/people/${w.actors.leerkracht.personId}/memberships`, body: { organisationId: w.vo1, role: 'care_coordinator', version: V } }),
    allowed: ['beheer'],
    status: 409,
    code: 'stale_version',
  },
  'DELETE /api/v1/people/:id/memberships/:membershipId': {
    kind: 'function',
    readOnly: false,
    req: (w) => ({ url: `/api/v1/people/${w.actors.leerkracht.personId}/memberships/${w.leerkrachtMembershipId}?version=${V}` }),
    allowed: ['beheer'],
    status: 409,
    code: 'stale_version',
  },
  'GET /api/v1/role-grants': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/role-grants' }), allowed: ['beheer', 'privacy'], status: 200 },
  'POST /api/v1/role-grants/:id/approve': { kind: 'function', readOnly: false, req: () => ({ url: `/api/v1/role-grants/${uuid()}/approve` }), allowed: ['beheer'], status: 404 },
  'POST /api/v1/role-grants/:id/reject': { kind: 'function', readOnly: false, req: () => ({ url: `/api/v1/role-grants/${uuid()}/reject`, body: { reason: 'Niet nodig.' } }), allowed: ['beheer'], status: 404 },

  // ----- the access log (privacy officer)
  'GET /api/v1/access-log': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/access-log?pageSize=10' }), allowed: ['privacy'], status: 200 },
  'GET /api/v1/access-log/children': {
    kind: 'list',
    // The privacy officer finds a child by name; the detail she may open is the child's access log.
    req: (s) => ({ url: `/api/v1/access-log/children?pageSize=50&q=${encodeURIComponent(s.familyName)}` }),
    items: (j) => arr(j, 'items').map((x) => ({ childId: x.id as string, detail: `/api/v1/children/${x.id}/access-log` })),
    expect: { privacy: 'shows', others: 403 },
  },
  'GET /api/v1/access-log/verify': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/access-log/verify' }), allowed: ['privacy'], status: 200 },

  // ----- signals
  'GET /api/v1/signals/meta': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/signals/meta' }), allowed: ALL, status: 200 },
  'POST /api/v1/signals': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    req: (s) => ({ url: '/api/v1/signals', body: { childId: s.childId, category: 'learning', urgency: 'normal', observation: 'Leest moeizaam (route-matrix).', parentsInformed: true } }),
    expect: { owner: OK, teacher: OK, otherCare: 404, otherTeacher: 404, others: 403 },
  },
  'GET /api/v1/signals': {
    kind: 'list',
    // The care coordinator's queue; everyone else asks for their own signals.
    req: (_s, a) => ({ url: `/api/v1/signals?view=${CARE_ROLES.includes(a.role) ? 'queue' : 'mine'}&pageSize=100` }),
    items: (j) => arr(j, 'items').map((x) => ({ childId: childOf(x), detail: `/api/v1/signals/${x.id}` })),
    expect: { owner: 'shows', teacher: 'shows' },
  },
  'GET /api/v1/signals/:id': { kind: 'child', subject: 'signal', readOnly: true, req: (s) => ({ url: `/api/v1/signals/${s.signalId}` }), expect: { owner: OK, teacher: OK } },
  'POST /api/v1/signals/:id/triage': {
    kind: 'child',
    subject: 'signal',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/signals/${s.signalId}/triage`, body: { decision: 'keep_watching', reason: 'Route-matrix.', version: V } }),
    expect: { owner: STALE, teacher: STALE },
  },
  // A referral from a signal (modules/referrals): its context for the care coordinator; the referral itself on the signal's version.
  'GET /api/v1/signals/:id/referral': { kind: 'child', subject: 'signal', readOnly: true, req: (s) => ({ url: `/api/v1/signals/${s.signalId}/referral` }), expect: { owner: OK } },
  'POST /api/v1/signals/:id/referral': {
    kind: 'child',
    subject: 'signal',
    readOnly: false,
    req: (s, _a, w) => ({
      url: `/api/v1/signals/${s.signalId}/referral`,
      body: { version: V, reason: 'Route-matrix.', kind: 'toegang', toOrganisationId: w.actors.wijkteam.organisationId, urgency: 'normal', question: 'Route-matrix.', goal: 'Route-matrix.', dataKinds: ['identity'] },
    }),
    expect: { owner: STALE, teacher: STALE },
  },
  'POST /api/v1/signals/:id/withdraw': {
    kind: 'child',
    subject: 'signal',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/signals/${s.signalId}/withdraw`, body: { reason: 'Route-matrix.', version: V } }),
    expect: { owner: STALE, teacher: STALE },
  },
  'GET /api/v1/children/:id/signals': { kind: 'child', subject: 'child', readOnly: true, req: (s) => ({ url: `/api/v1/children/${s.childId}/signals` }), expect: { owner: OK, teacher: OK } },
  // The user's own notifications (no child data): everyone gets their own list; another's or none is 404.
  'GET /api/v1/notifications': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/notifications' }), allowed: ALL, status: 200 },
  'POST /api/v1/notifications/:id/read': { kind: 'function', readOnly: false, req: () => ({ url: `/api/v1/notifications/${uuid()}/read` }), allowed: ALL, status: 404 },
  // Each professional's own choices of how to hear of things; a refused choice (an urgent signal in the digest) changes nothing.
  'GET /api/v1/me/notification-preferences': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/me/notification-preferences' }), allowed: PROFESSIONALS, status: 200 },
  'PUT /api/v1/me/notification-preferences': {
    kind: 'function',
    readOnly: false,
    req: () => ({ url: '/api/v1/me/notification-preferences', body: { items: [{ kind: 'urgent_signal', channel: 'digest' }] } }),
    allowed: PROFESSIONALS,
    status: 400,
  },
  'GET /api/v1/settings/signal-pickup-terms': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/settings/signal-pickup-terms' }), allowed: ALL, status: 200 },
  'PUT /api/v1/settings/signal-pickup-terms': {
    kind: 'function',
    readOnly: false,
    req: () => ({ url: '/api/v1/settings/signal-pickup-terms', body: { category: null, schoolDays: 0, version: V } }),
    allowed: ['beheer'],
    status: 400,
  },
  // The region's request terms (docs/requests.md "Termijnen per regio"): every professional reads them; the functional administrator sets one (a stale screen: 409).
  'GET /api/v1/settings/request-terms': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/settings/request-terms' }), allowed: PROFESSIONALS, status: 200 },
  'PUT /api/v1/settings/request-terms': {
    kind: 'function',
    readOnly: false,
    req: () => ({ url: '/api/v1/settings/request-terms', body: { kind: 'toegang', status: 'sent', days: 3, unit: 'working', version: V } }),
    allowed: ['beheer'],
    status: 409,
    code: 'stale_version',
  },

  // ----- cases and consent
  'POST /api/v1/cases': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    // From a signal that does not exist: refused after the access check, nothing is opened.
    req: (s) => ({ url: '/api/v1/cases', body: { childId: s.childId, title: 'Route-matrix', fromSignalId: uuid(), reason: 'Zorgen.' } }),
    expect: { owner: invalid('validation_failed'), otherCare: 404, others: 403 },
  },
  'GET /api/v1/cases': {
    kind: 'list',
    req: (s) => ({ url: `/api/v1/cases?childId=${s.childId}` }),
    items: (j) => arr(j, 'items').map((x) => ({ childId: childOf(x), detail: `/api/v1/cases/${x.id}` })),
    expect: { owner: 'shows', teacher: 'shows', consent: 'shows', consentOther: 'shows', withdrawn: 'shows' },
  },
  'GET /api/v1/cases/:id': {
    kind: 'child',
    subject: 'case',
    readOnly: true,
    req: (s) => ({ url: `/api/v1/cases/${s.caseId}` }),
    expect: { owner: OK, teacher: OK, consent: OK, consentOther: LIMITED, withdrawn: LIMITED },
  },
  'POST /api/v1/cases/:id/members': {
    kind: 'child',
    subject: 'case',
    readOnly: false,
    req: (s, _a, w) => ({ url: `/api/v1/cases/${s.caseId}/members`, body: { personId: w.actors.leerplicht.personId, organisationId: w.actors.leerplicht.organisationId, version: V } }),
    expect: { owner: STALE },
  },
  'DELETE /api/v1/cases/:id/members/:memberId': { kind: 'child', subject: 'case', readOnly: false, req: (s) => ({ url: `/api/v1/cases/${s.caseId}/members/${s.swvMemberId}?version=${V}` }), expect: { owner: STALE } },
  'POST /api/v1/cases/:id/consents': {
    kind: 'child',
    subject: 'case',
    readOnly: false,
    // No data kinds: refused as incomplete after the access check.
    req: (s, _a, w) => ({
      url: `/api/v1/cases/${s.caseId}/consents`,
      body: { purpose: 'Route-matrix', dataKinds: [], recipientOrganisationIds: [w.actors.jeugdhulp.organisationId], givers: { guardianIds: [], childSelf: false }, method: 'written', givenOn: w.day, validUntil: w.day },
    }),
    expect: { owner: invalid('validation_failed') },
  },
  'POST /api/v1/consents/:id/withdraw': {
    kind: 'child',
    subject: 'consent',
    readOnly: false,
    // The consent the family already withdrew: who may withdraw it hears so (409); nobody else learns anything.
    req: (s, a) => ({
      url: `/api/v1/consents/${s.withdrawnConsentId}/withdraw`,
      body: a.personId ? (s.guardianId ? { byGuardianId: s.guardianId, method: 'written' } : { byChild: true, method: 'written' }) : {},
    }),
    expect: { owner: conflict('already_withdrawn'), guardian: conflict('already_withdrawn'), self: conflict('already_withdrawn') },
  },
  'PUT /api/v1/cases/:id/case-manager': {
    kind: 'child',
    subject: 'case',
    readOnly: false,
    req: (s, a) => {
      const me = { personId: a.personId ?? uuid(), organisationId: a.organisationId ?? uuid() };
      return { url: `/api/v1/cases/${s.caseId}/case-manager`, body: { ...me, replaces: me, reason: 'Route-matrix.', version: V } };
    },
    expect: { owner: STALE },
  },
  // Who manages the case: a stale version is refused before the new school is looked at.
  'POST /api/v1/cases/:id/transfer': {
    kind: 'child',
    subject: 'case',
    readOnly: false,
    req: (s, a, w) => ({ url: `/api/v1/cases/${s.caseId}/transfer`, body: { toOrganisationId: w.po1 === s.schoolId ? w.vo1 : w.po1, toPersonId: a.personId ?? uuid(), reason: 'Route-matrix.', version: V } }),
    expect: { owner: STALE },
  },
  'POST /api/v1/cases/:id/verwijsindex': {
    kind: 'child',
    subject: 'case',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/cases/${s.caseId}/verwijsindex`, body: { registeredOn: '2024-09-02', version: V } }),
    expect: { owner: STALE },
  },
  'POST /api/v1/cases/:id/emergency-access': {
    kind: 'child',
    subject: 'case',
    readOnly: false,
    // Not a safety case: the team hears so (and the refusal is logged); a parent or young person has no such function.
    req: (s) => ({ url: `/api/v1/cases/${s.caseId}/emergency-access`, body: { reason: 'Acuut onveilig: gegevens nodig voor de melding bij Veilig Thuis.' } }),
    expect: {
      owner: conflict('not_safety_route', 'denied'),
      teacher: conflict('not_safety_route', 'denied'),
      consent: conflict('not_safety_route', 'denied'),
      consentOther: conflict('not_safety_route', 'denied'),
      withdrawn: conflict('not_safety_route', 'denied'),
      guardian: 403,
      otherGuardian: 403,
      self: 403,
      otherYouth: 403,
    },
  },
  'POST /api/v1/cases/:id/siblings': { kind: 'child', subject: 'case', readOnly: false, req: (s) => ({ url: `/api/v1/cases/${s.caseId}/siblings`, body: { caseId: s.otherCaseId, version: V } }), expect: { owner: STALE } },
  'POST /api/v1/cases/:id/close': { kind: 'child', subject: 'case', readOnly: false, req: (s) => ({ url: `/api/v1/cases/${s.caseId}/close`, body: { reason: 'Route-matrix.', version: V } }), expect: { owner: STALE } },

  // ----- requests between organisations (docs/requests.md)
  // The owner's probe names a receiver of the wrong kind: refused after the access check, nothing written.
  'POST /api/v1/cases/:id/requests': {
    kind: 'child',
    subject: 'case',
    readOnly: false,
    req: (s, _a, w) => ({ url: `/api/v1/cases/${s.caseId}/requests`, body: { kind: 'provider', toOrganisationId: w.actors.wijkteam.organisationId, urgency: 'normal', question: 'Route-matrix.', goal: 'Route-matrix.', dataKinds: ['identity'] } }),
    expect: { owner: invalid('validation_failed') },
  },
  // The sender (who keeps the case) and the receiver under a valid consent; the SWV's consent was withdrawn after its request was sent.
  'GET /api/v1/requests/:id': { kind: 'child', subject: 'request', readOnly: true, req: (s) => ({ url: `/api/v1/requests/${s.requestId}` }), expect: { owner: OK, consent: OK } },
  'POST /api/v1/requests/:id/steps': { kind: 'child', subject: 'request', readOnly: false, req: (s) => ({ url: `/api/v1/requests/${s.requestId}/steps`, body: { action: 'accept', version: V } }), expect: { owner: STALE, consent: STALE } },
  'GET /api/v1/observations/:id': { kind: 'child', subject: 'observation', readOnly: true, req: (s) => ({ url: `/api/v1/observations/${s.observationId}` }), expect: { teacher: OK } },
  'POST /api/v1/observations/:id': {
    kind: 'child',
    subject: 'observation',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/observations/${s.observationId}`, body: { version: V, verdict: 'works', text: 'Route-matrix.' } }),
    expect: { teacher: STALE },
  },
  'GET /api/v1/requests': {
    kind: 'list',
    req: () => ({ url: '/api/v1/requests?pageSize=100' }),
    items: (json) => (json as { items: { id: string; childId: string | null }[] }).items.map((r) => ({ childId: r.childId, detail: `/api/v1/requests/${r.id}` })),
    expect: { owner: 'shows', consent: 'shows' },
  },
  // Escalation by the region (docs/requests.md "Escalatie door de regio"): counts per receiving organisation and kind, no child;
  // escalating an organisation that does not exist is a field error and changes nothing.
  'GET /api/v1/requests/escalation': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/requests/escalation' }), allowed: ['beheer', 'swv', 'beleid'], status: 200 },
  'POST /api/v1/requests/escalation': {
    kind: 'function',
    readOnly: false,
    req: () => ({ url: '/api/v1/requests/escalation', body: { organisationId: uuid(), kind: 'toegang', note: 'Route-matrix.' } }),
    allowed: ['beheer', 'swv', 'beleid'],
    status: 400,
  },

  // ----- each professional's worklist (docs/requests.md "De werklijst"): what waits for the reader, for the
  // organisation acted for. The youth care worker's request under her consent waits for her; the request to the
  // SWV, whose consent was withdrawn, is gone from the SWV's list; the owner's requests wait on the receivers (a
  // signal of the demo about the child may still wait for the owner). Nobody else has anything of the child.
  'GET /api/v1/worklist': {
    kind: 'list',
    req: () => ({ url: '/api/v1/worklist' }),
    items: (j) => arr(j, 'items').map((x) => ({ childId: childOf(x), detail: WORKLIST_DETAIL[x.kind as string]?.(x.id as string) ?? null })),
    // Youth care's report back is due; the teacher on the team is asked for an observation.
    expect: { consent: 'shows', owner: 'any', teacher: 'shows' },
  },

  // ----- satisfaction questions (docs/monitor-satisfaction.md): a parent with authority and the young person
  // (12+) after a plan evaluation (the demo evaluated `ouder`'s other child's plan; T's and J's only when a
  // fixture evaluates them), each child a parent's question names in the log; the teachers on a case team once a
  // quarter (no child). The teacher's question of the quarter opens for the teachers on a team, for nobody else;
  // their probe is a score above their 1–5 scale (400, nothing written).
  'GET /api/v1/surveys/open': {
    kind: 'list',
    req: () => ({ url: '/api/v1/surveys/open' }),
    items: (j) => arr(j, 'items').map((x) => ({ childId: childOf(x), detail: `/api/v1/surveys/questions/${x.id as string}` })),
    expect: { guardian: 'any', self: 'any' },
  },
  'GET /api/v1/surveys/questions/:id': {
    kind: 'function',
    readOnly: true,
    req: (w) => ({ url: `/api/v1/surveys/questions/${teacherQuestionId(w.day)}` }),
    allowed: ['leerkracht', 'mentor'],
    status: 200,
    refused: 404,
  },
  'POST /api/v1/surveys/questions/:id/answer': {
    kind: 'function',
    readOnly: false,
    req: (w) => ({ url: `/api/v1/surveys/questions/${teacherQuestionId(w.day)}/answer`, body: { score: 7 } }),
    allowed: ['leerkracht', 'mentor'],
    status: 400,
    code: 'validation_failed',
    refused: 404,
  },

  // ----- the shared plan
  'GET /api/v1/cases/:id/plan': { kind: 'child', subject: 'case', readOnly: true, req: (s) => ({ url: `/api/v1/cases/${s.caseId}/plan` }), expect: { owner: OK, consent: OK, guardian: OK, self: OK } },
  'GET /api/v1/plans/:id': { kind: 'child', subject: 'plan', readOnly: true, req: (s) => ({ url: `/api/v1/plans/${s.planId}` }), expect: { owner: OK, consent: OK, guardian: OK, self: OK } },
  'GET /api/v1/children/:id/consents': { kind: 'child', subject: 'child', readOnly: true, req: (s) => ({ url: `/api/v1/children/${s.childId}/consents` }), expect: { owner: OK, guardian: OK, self: OK } },
  'GET /api/v1/children/:id/plans': { kind: 'child', subject: 'child', readOnly: true, req: (s) => ({ url: `/api/v1/children/${s.childId}/plans` }), expect: { owner: OK, consent: OK, guardian: OK, self: OK } },
  'GET /api/v1/plans/:id/pdf': { kind: 'child', subject: 'plan', readOnly: true, req: (s) => ({ url: `/api/v1/plans/${s.planId}/pdf` }), expect: { owner: OK, consent: OK, guardian: OK, self: OK } },
  'POST /api/v1/plans/:id/goals': {
    kind: 'child',
    subject: 'plan',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/plans/${s.planId}/goals`, body: { lifeDomain: 'home_family', description: 'Rustig naar bed', expectedOutcome: 'Om acht uur in bed.' } }),
    expect: { owner: OK, consent: OK, guardian: OK, self: OK },
  },
  'POST /api/v1/plan-goals/:id/actions': {
    kind: 'child',
    subject: 'goal',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/plan-goals/${s.goalId}/actions`, body: { description: 'Vaste bedtijd afspreken', ownerFamily: true } }),
    expect: { owner: OK, consent: OK },
  },
  'POST /api/v1/plan-goals/:id/evaluations': {
    kind: 'child',
    subject: 'goal',
    readOnly: false,
    req: (s, _a, w) => ({ url: `/api/v1/plan-goals/${s.goalId}/evaluations`, body: { score: 0, evaluatedOn: w.day } }),
    expect: { owner: OK, consent: OK, guardian: OK, self: OK },
  },
  // A correction names the plan's version: claimed first, so a stale one is a 409 before the evaluation is looked up.
  'POST /api/v1/plan-goals/:id/evaluations/:evaluationId/corrections': {
    kind: 'child',
    subject: 'goal',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/plan-goals/${s.goalId}/evaluations/${uuid()}/corrections`, body: { score: 1, reason: 'Route-matrix.', version: V } }),
    expect: { owner: STALE, consent: STALE, guardian: STALE, self: STALE },
  },
  'POST /api/v1/plans/:id/opp': {
    kind: 'child',
    subject: 'plan',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/plans/${s.planId}/opp`, body: { exitProfile: 'havo', exitGrounds: 'x', hinderingFactors: 'x', supportingFactors: 'x', support: 'x', version: V } }),
    expect: { owner: STALE },
  },
  'POST /api/v1/plans/:id/agreements': {
    kind: 'child',
    subject: 'plan',
    readOnly: false,
    req: (s, _a, w) => ({ url: `/api/v1/plans/${s.planId}/agreements`, body: { kind: 'pupil_heard', agreed: true, onDate: w.day } }),
    expect: { owner: OK },
  },
  'POST /api/v1/plans/:id/comments': { kind: 'child', subject: 'plan', readOnly: false, req: (s) => ({ url: `/api/v1/plans/${s.planId}/comments`, body: { text: 'Fijn dat we samen kijken.' } }), expect: { owner: OK, consent: OK, guardian: OK, self: OK } },
  'POST /api/v1/plans/:id/observations': {
    kind: 'child',
    subject: 'plan',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/plans/${s.planId}/observations`, body: { effect: 'same', text: 'Zelfde als vorige week.' } }),
    expect: { owner: OK, teacher: OK, consent: OK, consentOther: OK, withdrawn: OK },
  },
  'POST /api/v1/plans/:id/evaluated': {
    kind: 'child',
    subject: 'plan',
    readOnly: false,
    req: (s, _a, w) => ({ url: `/api/v1/plans/${s.planId}/evaluated`, body: { nextEvaluationOn: addCalendarDays(w.day, 90), version: V } }),
    expect: { owner: STALE, consent: STALE },
  },
  'GET /api/v1/cases/:id/notes': { kind: 'child', subject: 'case', readOnly: true, req: (s) => ({ url: `/api/v1/cases/${s.caseId}/notes` }), expect: { owner: OK, teacher: OK, consent: OK, consentOther: OK, withdrawn: OK } },
  'POST /api/v1/cases/:id/notes': {
    kind: 'child',
    subject: 'case',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/cases/${s.caseId}/notes`, body: { text: 'Notitie van de route-matrix.' } }),
    expect: { owner: OK, teacher: OK, consent: OK, consentOther: OK, withdrawn: OK },
  },

  // ----- absence
  'POST /api/v1/absence-imports': {
    kind: 'function',
    readOnly: false,
    req: (w, a) => ({ url: '/api/v1/absence-imports', ...upload({ schoolLocationId: a.organisationId === w.vo1 ? w.vo1 : w.po1 }, 'verzuim.csv', `leerling;datum;uren;reden\n${uuid()};${w.day};1;ziek`) }),
    allowed: CARE_ROLES,
    status: 201,
  },
  'POST /api/v1/absence-imports/:id/commit': { kind: 'function', readOnly: false, req: (w) => ({ url: `/api/v1/absence-imports/${w.absenceImportId}/commit` }), allowed: ['ib'], status: 409, code: 'import_has_errors', refusedAs: { zorgcoordinator: 404 } },
  'POST /api/v1/absence-records': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    req: (s, a, w) => ({ url: '/api/v1/absence-records', body: { childId: s.childId, schoolLocationId: ownSchool(s, a, w), day: w.lessonDays[ownSchool(s, a, w)] ?? w.day, hours: 1, reason: 'ill' } }),
    expect: { owner: OK, otherCare: 404, others: 403 },
  },
  'GET /api/v1/absence-reports': {
    kind: 'list',
    req: (s, a, w) => ({ url: `/api/v1/absence-reports?schoolLocationId=${ownSchool(s, a, w)}&pageSize=500` }),
    items: (j) => arr(j, 'items').map((x) => ({ childId: x.childId as string, detail: `/api/v1/absence-reports/${x.id}` })),
    expect: { owner: 'shows', otherCare: 'hides', others: 403 },
  },
  'GET /api/v1/absence-reports/export': {
    kind: 'list',
    req: (s, a, w) => ({ url: `/api/v1/absence-reports/export?schoolLocationId=${ownSchool(s, a, w)}` }),
    items: () => [], // a CSV without ids: what it holds is known from the log
    expect: { owner: 'any', otherCare: 'hides', others: 403 },
  },
  'POST /api/v1/absence-reports': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    req: (s, a, w) => ({ url: '/api/v1/absence-reports', body: { childId: s.childId, schoolLocationId: ownSchool(s, a, w), startDate: w.day, endDate: w.day, explanation: 'Zorgelijk verzuim (route-matrix).' } }),
    expect: { owner: OK, otherCare: 404, others: 403 },
  },
  'GET /api/v1/absence-reports/:id': { kind: 'child', subject: 'absenceReport', readOnly: true, req: (s) => ({ url: `/api/v1/absence-reports/${s.reportId}` }), expect: { owner: OK, residence: OK } },
  'POST /api/v1/absence-reports/:id/decisions': {
    kind: 'child',
    subject: 'absenceReport',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/absence-reports/${s.reportId}/decisions`, body: { kind: 'dismissed', reason: 'Verlof alsnog verleend.', version: V } }),
    // A school's decision on a report: whoever is not that school's care coordinator is refused,
    // and the refusal must not tell whether the report exists (see the report of this matrix).
    expect: { owner: STALE, others: REFUSED },
  },
  'POST /api/v1/absence-reports/:id/followups': {
    kind: 'child',
    subject: 'absenceReport',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/absence-reports/${s.reportId}/followups`, body: { status: 'received', version: V } }),
    expect: { residence: STALE, others: 403 },
  },
  'GET /api/v1/leerplicht/absence-reports': {
    kind: 'list',
    req: () => ({ url: '/api/v1/leerplicht/absence-reports?pageSize=100' }),
    items: (j) => arr(j, 'items').map((x) => ({ childId: x.childId as string, detail: `/api/v1/absence-reports/${x.id}` })),
    expect: { residence: 'shows', others: 403 },
  },
  'PUT /api/v1/children/:id/startkwalificatie': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    req: (s) => ({ url: `/api/v1/children/${s.childId}/startkwalificatie`, body: { obtainedOn: null, version: V } }),
    expect: { owner: STALE, otherCare: 404, others: 403 },
  },

  // ----- calendar
  'GET /api/v1/school-calendar': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/school-calendar' }), allowed: ALL, status: 200 },
  'POST /api/v1/school-calendar/holiday-imports': {
    kind: 'function',
    readOnly: false,
    req: () => ({ url: '/api/v1/school-calendar/holiday-imports', body: { content: [{ schoolyear: '2028-2029', vacations: [{ type: 'Paasvakantie', regions: [{ region: 'noord', startdate: '2029-04-01', enddate: '2029-04-08' }] }] }] } }),
    allowed: ['beheer'],
    status: 201,
  },
  'POST /api/v1/school-calendar/holiday-imports/:id/commit': {
    kind: 'function',
    readOnly: false,
    req: (w) => ({ url: `/api/v1/school-calendar/holiday-imports/${w.holidayImportId}/commit` }),
    allowed: ['beheer'],
    status: 409,
    code: 'import_has_errors',
  },
  'GET /api/v1/school-locations/:id/calendar': { kind: 'function', readOnly: true, req: (w) => ({ url: `/api/v1/school-locations/${w.po1}/calendar` }), allowed: ['beheer', 'leerkracht', 'ib', 'directeur'], status: 200 },
  'GET /api/v1/school-locations/:id/free-days': { kind: 'function', readOnly: true, req: (w) => ({ url: `/api/v1/school-locations/${w.po1}/free-days` }), allowed: ['beheer', 'leerkracht', 'ib', 'directeur'], status: 200 },
  'POST /api/v1/school-locations/:id/free-days': {
    kind: 'function',
    readOnly: false,
    req: (w) => ({ url: `/api/v1/school-locations/${w.po1}/free-days`, body: { name: 'Studiedag', startDate: 'geen datum' } }),
    allowed: ['beheer', 'ib', 'directeur'],
    status: 400,
  },
  'DELETE /api/v1/school-locations/:id/free-days/:dayId': {
    kind: 'function',
    readOnly: false,
    req: (w) => ({ url: `/api/v1/school-locations/${w.po1}/free-days/${uuid()}` }),
    allowed: ['beheer', 'ib', 'directeur'],
    status: 404,
  },

  // ----- early warning (absence percentages)
  'GET /api/v1/early-warning': {
    kind: 'list',
    req: () => ({ url: '/api/v1/early-warning?pageSize=500' }),
    items: (j) => [...arr(j, 'items'), ...arr(j, 'becameChronic')].map((x) => ({ childId: childOf(x), detail: `/api/v1/children/${childOf(x)}/absence-summary` })),
    expect: { owner: 'shows', otherCare: 'hides', others: 403 },
  },
  'GET /api/v1/children/:id/absence-summary': {
    kind: 'child',
    subject: 'child',
    readOnly: true,
    req: (s) => ({ url: `/api/v1/children/${s.childId}/absence-summary` }),
    expect: { owner: OK, residence: OK, consentOther: OK },
  },
  'GET /api/v1/early-warning/settings': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/early-warning/settings' }), allowed: PROFESSIONALS, status: 200 },
  'PUT /api/v1/early-warning/settings': {
    kind: 'function',
    readOnly: false,
    req: () => ({
      url: '/api/v1/early-warning/settings',
      body: { thresholds: { attention: 5, chronic: 10, severe: 20 }, lessonHoursPerDay: { po: 5, so: 5, sbo: 5, vo: 6, vso: 6, mbo: 6 }, version: V },
    }),
    allowed: ['beheer'],
    status: 409,
    code: 'stale_version',
  },

  // ----- thuiszitters
  'GET /api/v1/thuiszitters/meta': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/thuiszitters/meta' }), allowed: ALL, status: 200 },
  'GET /api/v1/thuiszitters': {
    kind: 'list',
    req: () => ({ url: '/api/v1/thuiszitters?pageSize=100' }),
    items: (j) => arr(j, 'items').map((x) => ({ childId: childOf(x), detail: `/api/v1/thuiszitters/${x.id}` })),
    expect: { owner: 'shows', residence: 'shows', leader: 'shows' },
  },
  'POST /api/v1/thuiszitters': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    // The child is in the register already: the attendance officer hears so; nobody else learns anything.
    req: (s, _a, w) => ({ url: '/api/v1/thuiszitters', body: { childId: s.childId, category: '5b', startDate: w.day, note: 'Route-matrix.' } }),
    expect: { residence: conflict('already_registered') },
  },
  'GET /api/v1/thuiszitters/candidates': {
    kind: 'list',
    req: () => ({ url: '/api/v1/thuiszitters/candidates' }),
    items: (j) => [...arr(j, 'lrv'), ...arr(j, 'absoluut')].map((x) => ({ childId: childOf(x), detail: `/api/v1/children/${childOf(x)}` })),
    expect: {},
  },
  'POST /api/v1/thuiszitters/candidates/rejections': {
    kind: 'child',
    subject: 'child',
    readOnly: false,
    req: (s) => ({ url: '/api/v1/thuiszitters/candidates/rejections', body: { childId: s.childId, reason: 'Geen thuiszitter.' } }),
    // Deciding that a child not enrolled is no thuiszitter is the attendance officer's legal task.
    expect: { residence: conflict('already_registered') },
  },
  'GET /api/v1/monitor/options': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/monitor/options' }), allowed: ['swv', 'leerplicht', 'beleid', 'directeur'], status: 200 },
  'GET /api/v1/monitor/overview': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/monitor/overview' }), allowed: ['swv', 'leerplicht', 'beleid', 'directeur'], status: 200 },
  'GET /api/v1/monitor/indicators/:indicator': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/monitor/indicators/thuiszitters' }), allowed: ['swv', 'leerplicht', 'beleid', 'directeur'], status: 200 },
  'GET /api/v1/monitor/export': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/monitor/export?format=csv' }), allowed: ['swv', 'leerplicht', 'beleid', 'directeur'], status: 200 },
  'GET /api/v1/thuiszitters/counts': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/thuiszitters/counts' }), allowed: ['swv', 'leerplicht', 'beleid'], status: 200 },
  'GET /api/v1/thuiszitters/counts/monthly': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/thuiszitters/counts/monthly' }), allowed: ['swv', 'leerplicht', 'beleid'], status: 200 },
  'GET /api/v1/thuiszitters/escalations': {
    kind: 'list',
    req: () => ({ url: '/api/v1/thuiszitters/escalations?pageSize=100' }),
    items: (j) => arr(j, 'items').map((x) => ({ childId: childOf(x), detail: `/api/v1/thuiszitters/${x.id}` })),
    expect: { owner: 'shows', residence: 'shows', leader: 'shows' },
    showsOnlyIf: (s) => s.overNorm,
  },
  'GET /api/v1/thuiszitters/responsible-options': {
    kind: 'child',
    subject: 'child',
    readOnly: true,
    req: (s) => ({ url: `/api/v1/thuiszitters/responsible-options?childId=${s.childId}` }),
    expect: { owner: OK, residence: OK, leader: OK },
  },
  'GET /api/v1/thuiszitters/:id': { kind: 'child', subject: 'thuiszitter', readOnly: true, req: (s) => ({ url: `/api/v1/thuiszitters/${s.thuiszitterId}` }), expect: { owner: OK, residence: OK, leader: OK } },
  'POST /api/v1/thuiszitters/:id/events': {
    kind: 'child',
    subject: 'thuiszitter',
    readOnly: false,
    req: (s, _a, w) => ({ url: `/api/v1/thuiszitters/${s.thuiszitterId}/events`, body: { kind: 'responsible', effectiveOn: w.day, responsiblePersonId: w.actors.leerplicht.personId, version: V } }),
    expect: { owner: STALE, residence: STALE },
  },

  // ----- the region's set-up (functional administrator)
  'GET /api/v1/setup': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/setup' }), allowed: ['beheer'], status: 200 },
  'PUT /api/v1/setup/steps/:step': { kind: 'function', readOnly: false, req: () => ({ url: '/api/v1/setup/steps/settings', body: { done: true } }), allowed: ['beheer'], status: 200 },
  'PATCH /api/v1/region': { kind: 'function', readOnly: false, req: () => ({ url: '/api/v1/region', body: { name: 'Overgenomen', version: V } }), allowed: ['beheer'], status: 409, code: 'stale_version' },
  'GET /api/v1/setup/gemeente-list': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/setup/gemeente-list?q=zeist' }), allowed: ['beheer'], status: 200 },
  'GET /api/v1/gemeenten/:id/postcodes': { kind: 'function', readOnly: true, req: (w) => ({ url: `/api/v1/gemeenten/${w.zeist}/postcodes` }), allowed: ['beheer'], status: 200 },
  'POST /api/v1/gemeenten/:id/postcodes': { kind: 'function', readOnly: false, req: (w) => ({ url: `/api/v1/gemeenten/${w.zeist}/postcodes`, body: { from: 1, to: 2 } }), allowed: ['beheer'], status: 400 },
  'DELETE /api/v1/gemeenten/:id/postcodes/:rangeId': { kind: 'function', readOnly: false, req: (w) => ({ url: `/api/v1/gemeenten/${w.zeist}/postcodes/${uuid()}` }), allowed: ['beheer'], status: 404 },
  'GET /api/v1/settings': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/settings' }), allowed: ['beheer'], status: 200 },
  'PUT /api/v1/settings': { kind: 'function', readOnly: false, req: () => ({ url: '/api/v1/settings', body: { values: {}, version: V } }), allowed: ['beheer'], status: 409, code: 'stale_version' },
  'GET /api/v1/setup/staff': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/setup/staff' }), allowed: ['beheer'], status: 200 },
  'GET /api/v1/setup/pupils': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/setup/pupils' }), allowed: ['beheer'], status: 200 },

  // ----- staff and invitations (functional administrator)
  'GET /api/v1/staff-import-formats': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/staff-import-formats' }), allowed: ['beheer'], status: 200 },
  'POST /api/v1/staff-imports': {
    kind: 'function',
    readOnly: false,
    req: (w) => ({ url: '/api/v1/staff-imports', ...upload({ organisationId: w.po1, fullExport: 'false' }, 'medewerkers.csv', 'voornaam;tussenvoegsel;achternaam;e-mail;rollen;lesgroepen;mentorgroepen\nAnna;;Berg;geen-e-mailadres;leerkracht;;') }),
    allowed: ['beheer'],
    status: 201,
  },
  'POST /api/v1/staff-imports/:id/commit': { kind: 'function', readOnly: false, req: (w) => ({ url: `/api/v1/staff-imports/${w.staffImportId}/commit` }), allowed: ['beheer'], status: 409, code: 'import_has_errors' },
  'GET /api/v1/staff-leavers': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/staff-leavers' }), allowed: ['beheer'], status: 200 },
  'POST /api/v1/staff-leavers/:id/confirm': { kind: 'function', readOnly: false, req: (w) => ({ url: `/api/v1/staff-leavers/${uuid()}/confirm`, body: { endDate: w.day } }), allowed: ['beheer'], status: 404 },
  'POST /api/v1/staff-leavers/:id/dismiss': { kind: 'function', readOnly: false, req: () => ({ url: `/api/v1/staff-leavers/${uuid()}/dismiss` }), allowed: ['beheer'], status: 404 },
  'POST /api/v1/people/:id/invitation': { kind: 'function', readOnly: false, req: () => ({ url: `/api/v1/people/${uuid()}/invitation` }), allowed: ['beheer'], status: 404 },
  'GET /api/v1/outbox': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/outbox' }), allowed: ['beheer'], status: 200 },

  // ----- pupil and guardian imports, pupil leavers (the school's care coordinator)
  'POST /api/v1/pupil-imports': {
    kind: 'function',
    readOnly: false,
    req: () => ({
      url: '/api/v1/pupil-imports',
      ...upload({ fullExport: 'nee' }, 'leerlingen.csv', 'leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;BSN/onderwijsnummer;postcode;gemeente;groep;mentor;inschrijfdatum;niveau\n000902;Bo;;Onleesbaar;31-02-2015;;3701 AB;;5A;;;groep 5'),
    }),
    allowed: CARE_ROLES,
    status: 201,
  },
  // Another school's care coordinator may import, but gets 404 for this school's import: as for an unknown id.
  'GET /api/v1/pupil-imports/:id': { kind: 'function', readOnly: true, req: (w) => ({ url: `/api/v1/pupil-imports/${w.pupilImportId}` }), allowed: ['ib'], status: 200, refusedAs: { zorgcoordinator: 404 } },
  'PUT /api/v1/pupil-imports/:id/matches/:matchId': {
    kind: 'function',
    readOnly: false,
    req: (w) => ({ url: `/api/v1/pupil-imports/${w.pupilImportId}/matches/${uuid()}`, body: { decision: 'different' } }),
    allowed: ['ib'],
    status: 404,
    refusedAs: { zorgcoordinator: 404 },
  },
  'POST /api/v1/pupil-imports/:id/commit': { kind: 'function', readOnly: false, req: (w) => ({ url: `/api/v1/pupil-imports/${w.pupilImportId}/commit` }), allowed: ['ib'], status: 409, code: 'import_has_errors', refusedAs: { zorgcoordinator: 404 } },
  'POST /api/v1/guardian-imports': {
    kind: 'function',
    readOnly: false,
    req: () => ({ url: '/api/v1/guardian-imports', ...upload({}, 'ouders.csv', 'leerlingnummer;voornaam;tussenvoegsel;achternaam;e-mail;telefoon;relatie;gezag\n009999;Piet;;Onbekend;;;ouder;ja') }),
    allowed: CARE_ROLES,
    status: 201,
  },
  'POST /api/v1/guardian-imports/:id/commit': { kind: 'function', readOnly: false, req: (w) => ({ url: `/api/v1/guardian-imports/${w.guardianImportId}/commit` }), allowed: ['ib'], status: 409, code: 'import_has_errors', refusedAs: { zorgcoordinator: 404 } },
  'GET /api/v1/pupil-leavers': { kind: 'function', readOnly: true, req: () => ({ url: '/api/v1/pupil-leavers' }), allowed: CARE_ROLES, status: 200 },
  'POST /api/v1/pupil-leavers/:id/decision': { kind: 'function', readOnly: false, req: () => ({ url: `/api/v1/pupil-leavers/${uuid()}/decision`, body: { decision: 'dismissed' } }), allowed: CARE_ROLES, status: 404 },
};

// ---------------------------------------------------------------------------------------------
// Running the table.

let t: TestApp;
let w: World;
let log: ReturnType<typeof accessLogCursor>;
let fingerprint: () => Promise<string>;

beforeAll(async () => {
  t = await startTestApp({ children: 50 });
  w = await buildWorld(t);
  log = accessLogCursor(t);
  fingerprint = await fingerprinter(t);
  await log.skip();
}, 180_000);
afterAll(async () => t?.close());

const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const split = (key: string) => {
  const i = key.indexOf(' ');
  return [key.slice(0, i), key.slice(i + 1)] as const;
};
const short = (res: LightMyRequestResponse) => `${res.statusCode} ${(res.headers['content-type'] ?? '').toString().includes('json') ? res.body.slice(0, 200) : ''}`;
const fmtLog = (rows: LogRow[]) => rows.map((r) => `${r.event}/${r.outcome}/${r.ground ?? '-'}`).join(', ') || 'none';
const jsonOf = (res: LightMyRequestResponse): Json | null => ((res.headers['content-type'] ?? '').toString().includes('json') ? (res.json() as Json) : null);
const send = (c: Client, method: string, req: Req) => c.request(method, req.url, req.body, req.headers);

/** The parts of two fingerprints that differ. */
function changed(a: string, b: string) {
  const x = new Set(a.split(' '));
  return b
    .split(' ')
    .filter((p) => !x.has(p))
    .join(', ');
}

/** Every route that is not public answers 401 without a session, and writes nothing about a child. */
async function anonymousIsRefused(method: string, req: Req, problems: string[]) {
  const res = await send(t.anonymous(), method, req);
  const rows = await log.read();
  if (res.statusCode !== 401) problems.push(`anonymous: expected 401, got ${short(res)}`);
  if (rows.some((r) => r.child_id)) problems.push(`anonymous: a log row about a child: ${fmtLog(rows)}`);
}

async function runChild(key: string, r: ChildRoute) {
  const [method] = split(key);
  const problems: string[] = [];
  const plan = w.subjects.flatMap((s) =>
    ROLES.map((role) => {
      const rel = s.relations[role];
      return { s, a: w.actors[role], rel, outcome: r.expect[rel] ?? r.expect.others ?? (404 as const) };
    }),
  );
  const succeeds = (o: Outcome) => o === OK || o === LIMITED;
  await log.skip();
  const before = await fingerprint();
  const ghosted = new Set<DemoRole>();
  for (const p of plan.filter((x) => !succeeds(x.outcome))) await checkChild(method, r, p, problems, ghosted);
  await anonymousIsRefused(method, r.req(w.subjects[0], w.actors.beheer, w), problems);
  const afterRefusals = await fingerprint();
  if (afterRefusals !== before) problems.push(`refused or conflicting requests changed data: ${changed(before, afterRefusals)}`);
  for (const p of plan.filter((x) => succeeds(x.outcome))) await checkChild(method, r, p, problems, ghosted);
  if (r.readOnly) {
    const after = await fingerprint();
    if (after !== before) problems.push(`reading changed data: ${changed(before, after)}`);
  }
  expect(problems, key).toEqual([]);
}

async function checkChild(method: string, r: ChildRoute, p: { s: Subject; a: Actor; rel: Relation; outcome: Outcome }, problems: string[], ghosted: Set<DemoRole>) {
  const { s, a, rel, outcome } = p;
  const res = await send(a.client, method, r.req(s, a, w));
  const rows = await log.read();
  const mine = rows.filter((x) => x.child_id === s.childId);
  const allowed = mine.filter((x) => x.outcome === 'allowed');
  const denied = mine.filter((x) => x.outcome === 'denied');
  const say = (m: string) => problems.push(`${a.role} (${rel}) on ${s.name}: ${m} — got ${short(res)}; log: ${fmtLog(mine)}`);

  for (const x of rows) {
    if (x.account_id !== a.accountId) say(`a log row of another account (${x.event})`);
    if (x.child_id && x.outcome === 'allowed' && !x.ground) say(`an allowed entry without a legal ground (${x.event})`);
    if ((x.ground === 'case_consent' || x.ground === 'request_receiver') !== (x.consent_id !== null)) say(`ground and consent disagree (${x.event}: ${x.ground}, consent ${x.consent_id})`);
    if (x.child_id && x.child_id !== s.childId) say(`an entry about another child (${x.event})`);
  }
  if (res.statusCode >= 500) return say('a server error');

  if (outcome === OK || outcome === LIMITED) {
    if (res.statusCode < 200 || res.statusCode > 299) return say('expected 2xx');
    if (!allowed.length) say('no allowed entry for the child in the access log');
    if (denied.length) say('a denied entry');
    const body = jsonOf(res);
    if (outcome === LIMITED && body?.limited !== true) say('expected only that the case exists (limited)');
    if (outcome === OK && body && body.limited === true) say('expected the full case, got the limited view');
  } else if (outcome === 404) {
    if (res.statusCode !== 404) return say('expected 404');
    if (!denied.length) say('no denied entry for the child in the access log');
    if (allowed.length) say('an allowed entry');
  } else if (outcome === 403 || (outcome === REFUSED && res.statusCode === 403)) {
    if (res.statusCode !== 403) return say('expected 403');
    if (mine.length) say('a log entry about the child');
    // A refusal of the function, not of the child: the same for records that do not exist (asked once per role).
    if (ghosted.has(a.role)) return;
    ghosted.add(a.role);
    const ghost = await send(a.client, method, r.req(ghostOf(s), a, w));
    await log.read();
    if (ghost.statusCode !== 403) say(`the 403 depends on the record: for one that does not exist the answer is ${short(ghost).slice(0, 40)}`);
  } else if (outcome === REFUSED) {
    if (res.statusCode !== 404) return say('expected 404 or a 403 that does not depend on the record');
    if (!denied.length) say('no denied entry for the child in the access log');
    if (allowed.length) say('an allowed entry');
  } else {
    if (res.statusCode !== outcome.status) return say(`expected ${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}`);
    const code = jsonOf(res)?.code;
    if (outcome.code && code !== outcome.code) say(`expected code ${outcome.code}`);
    if (outcome.log === 'allowed' && (!allowed.length || denied.length)) say('expected an allowed entry (and no denied one)');
    if (outcome.log === 'denied' && (!denied.length || allowed.length)) say('expected a denied entry (and no allowed one)');
    if (outcome.log === 'none' && mine.length) say('expected no entry about the child');
  }
}

async function runList(key: string, r: ListRoute) {
  const [method] = split(key);
  const problems: string[] = [];
  await log.skip();
  const before = await fingerprint();
  for (const s of w.subjects) {
    for (const role of ROLES) {
      const a = w.actors[role];
      const rel = s.relations[role];
      let e = r.expect[rel] ?? r.expect.others ?? 'hides';
      if (e === 'shows' && r.showsOnlyIf && !r.showsOnlyIf(s)) e = 'hides';
      const res = await send(a.client, method, r.req(s, a, w));
      const rows = await log.read();
      const say = (m: string) => problems.push(`${role} (${rel}) about ${s.name}: ${m} — got ${short(res)}`);
      if (res.statusCode >= 500) {
        say('a server error');
        continue;
      }
      if (e === 403) {
        if (res.statusCode !== 403) say('expected 403');
        if (rows.some((x) => x.child_id)) say(`a log entry about a child: ${fmtLog(rows)}`);
        continue;
      }
      if (res.statusCode !== 200) {
        say('expected 200');
        continue;
      }
      const logged = new Set(rows.filter((x) => x.child_id && x.outcome === 'allowed').map((x) => x.child_id));
      for (const x of rows) {
        if (x.account_id !== a.accountId) say(`a log row of another account (${x.event})`);
        if (x.child_id && (x.outcome !== 'allowed' || !x.ground)) say(`a list entry that is not allowed with a ground (${x.event}/${x.outcome})`);
        if ((x.ground === 'case_consent' || x.ground === 'request_receiver') !== (x.consent_id !== null)) say(`ground and consent disagree (${x.event})`);
      }
      const items = r.items(jsonOf(res) ?? {});
      for (const it of items) if (it.childId && !logged.has(it.childId)) say(`child ${it.childId} is shown but not in the access log`);
      const shown = logged.has(s.childId) || items.some((x) => x.childId === s.childId);
      if (e === 'shows' && !shown) say(`${s.name} is not in the list`);
      if (e === 'hides' && shown) say(`${s.name} is in the list`);
      // The list never shows what the detail refuses: open the first and the last item.
      if (s === w.subjects[0]) {
        for (const it of new Set([items[0], items[items.length - 1]].filter(Boolean))) {
          if (!it.detail) continue;
          const d = await a.client.get(it.detail);
          await log.read();
          if (d.statusCode !== 200) say(`the list shows ${it.detail}, which answers ${short(d)}`);
        }
      }
    }
  }
  await anonymousIsRefused(method, r.req(w.subjects[0], w.actors.beheer, w), problems);
  const after = await fingerprint();
  if (after !== before) problems.push(`a list changed data: ${changed(before, after)}`);
  expect(problems, key).toEqual([]);
}

async function runFunction(key: string, r: FunctionRoute) {
  const [method] = split(key);
  const problems: string[] = [];
  const client = async (role: DemoRole) => (r.fresh ? await t.login(role) : w.actors[role].client);
  const check = async (role: DemoRole, status: number, code?: string) => {
    const c = await client(role);
    const res = await send(c, method, r.req(w, w.actors[role]));
    const rows = await log.read();
    const say = (m: string) => problems.push(`${role}: ${m} — got ${short(res)}`);
    if (res.statusCode !== status) return say(`expected ${status}`);
    if (code && jsonOf(res)?.code !== code) say(`expected code ${code}`);
    if (status >= 400 && rows.some((x) => x.outcome === 'allowed')) say(`refused, but logged as allowed: ${fmtLog(rows)}`);
    if (r.after) {
      const m = await r.after(res, c);
      await log.read();
      if (m) say(m);
    }
  };
  await log.skip();
  const before = await fingerprint();
  for (const role of ROLES.filter((x) => !r.allowed.includes(x))) await check(role, r.refusedAs?.[role] ?? r.refused ?? 403);
  await anonymousIsRefused(method, r.req(w, w.actors.beheer), problems);
  const afterRefusals = await fingerprint();
  if (afterRefusals !== before) problems.push(`refused requests changed data: ${changed(before, afterRefusals)}`);
  for (const role of r.allowed) await check(role, r.status, r.code);
  if (r.readOnly) {
    const after = await fingerprint();
    if (after !== before) problems.push(`reading changed data: ${changed(before, after)}`);
  }
  expect(problems, key).toEqual([]);
}

async function runPublic(key: string, r: PublicRoute) {
  const [method] = split(key);
  const problems: string[] = [];
  for (const [who, c] of [
    ['anonymous', t.anonymous()],
    ['ouder', w.actors.ouder.client],
  ] as const) {
    const res = await send(c, method, r.req(w));
    if (res.statusCode !== r.status) problems.push(`${who}: expected ${r.status}, got ${short(res)}`);
  }
  await log.read();
  expect(problems, key).toEqual([]);
}

describe('the route matrix', () => {
  it('has exactly one entry for every route the app registers under /api/v1/', () => {
    const registered = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/')).map(keyOf);
    expect(registered.length).toBeGreaterThan(100);
    expect(new Set(registered).size, 'a route registered twice').toBe(registered.length);
    const inTable = Object.keys(MATRIX);
    expect(
      registered.filter((k) => !inTable.includes(k)),
      'registered routes without an entry in the matrix',
    ).toEqual([]);
    expect(
      inTable.filter((k) => !registered.includes(k)),
      'entries in the matrix for routes that are not registered',
    ).toEqual([]);
    // Only the public routes answer without a session.
    const publicRoutes = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/') && r.auth === 'public').map(keyOf);
    expect(publicRoutes.sort()).toEqual(inTable.filter((k) => MATRIX[k].kind === 'public').sort());
  });

  it('the children are who the matrix assumes', async () => {
    const [T, J] = w.subjects;
    expect(T.age).toBeLessThan(16);
    expect(J.age).toBeGreaterThanOrEqual(16);
    expect(T.schoolId).toBe(w.po1);
    expect(J.schoolId).toBe(w.vo1);
    // The relations are what the relation names say: the grounds the child's page reports.
    const grounds = async (role: DemoRole, s: Subject) => (await w.actors[role].client.get(`/api/v1/children/${s.childId}`)).json().grounds as string[];
    expect(await grounds('ib', T)).toEqual(expect.arrayContaining(['school_care', 'case_owner']));
    expect(await grounds('leerkracht', T)).toEqual(['group_teacher']);
    expect(await grounds('mentor', J)).toEqual(['mentor']);
    expect(await grounds('directeur', T)).toEqual(['school_leader_thuiszitter']);
    expect(await grounds('leerplicht', T)).toEqual(['leerplicht_residence']);
    expect(await grounds('leerplicht', J)).toEqual(['leerplicht_residence']);
    // On the team under a consent, and the receiver of the owner's request under the same consent.
    expect(await grounds('jeugdhulp', J)).toEqual(['case_consent', 'request_receiver']);
    expect(await grounds('ouder', T)).toEqual(['guardian_authority']);
    expect(await grounds('jongere', J)).toEqual(['self_16plus']);
    await log.skip();
  });

  for (const [key, route] of Object.entries(MATRIX)) {
    it(`${key} (${route.kind === 'child' ? `child: ${route.subject}` : route.kind})`, async () => {
      if (route.kind === 'child') await runChild(key, route);
      else if (route.kind === 'list') await runList(key, route);
      else if (route.kind === 'function') await runFunction(key, route);
      else await runPublic(key, route);
    });
  }
});
