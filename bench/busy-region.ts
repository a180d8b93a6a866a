/**
 * A busy region for the benchmarks (worklist, monitor): the demo region grows with generated school
 * locations of `schoolSize` pupils until it has `pupils`, with more wijkteams and youth care
 * providers, and a year of work up to `today` at the rates of a busy region: 12 signals per 100
 * pupils a year (most picked up within the week, some kept watching, a few forgotten), a quarter of
 * them a case (the school's care coordinator or a wijkteam worker manages it; a plan; a team; a
 * consent for the partner, 5% withdrawn; an evaluation every half year, some late), a request from
 * 70% of the cases to the wijkteam, a provider or the SWV (and questions back to the school) moving
 * through the workflow with a slow receiver now and then, its steps in the history; and 30 legal
 * absence reports per 100 pupils, most reported within the term, a few overdue. Every generated
 * child lives in the gemeente of its school (one in ten in another gemeente of the region).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../src/kernel/db/database.ts';
import { copyInto, rng } from './support.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { addCalendarDays } from '../src/kernel/calendar/school-days.ts';
import { addWorkingDays, isWorkingDay } from '../src/kernel/calendar/working-days.ts';
import { termFor } from '../src/modules/requests/index.ts';
import type { RequestKind, RequestStatus } from '../src/contracts/values/requests.ts';

export const GIVEN = ['Emma', 'Noah', 'Julia', 'Liam', 'Mila', 'Lucas', 'Sara', 'Finn', 'Nora', 'Sem', 'Yara', 'Daan', 'Fatima', 'Mohammed', 'Lotte', 'Levi', 'Zoë', 'Adam', 'Eva', 'Milan'];
export const FAMILY = ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Yılmaz', 'El Amrani', 'Mulder', 'de Boer', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker', 'Öztürk', 'Brouwer', 'de Wit'];
const CATEGORIES = ['learning', 'behaviour', 'social_emotional', 'home_situation', 'health', 'absence', 'safety'] as const;

/** One CSV line for COPY: null is empty (NULL), text is quoted when it must be. */
export const csv = (...values: (string | number | boolean | null)[]) =>
  values.map((v) => (v === null ? '' : typeof v === 'string' && /[",\n{]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v))).join(',');
export const at = (day: string) => `${day} 10:00:00+01`;

export interface School {
  id: string;
  ib: string;
  gemeente: string;
  schoolType: 'po' | 'vo';
  teachers: string[];
  pupils: string[];
  left: Set<string>;
}

/** `demoChildren`: the demo region's own children (default the demo's 2,200); the generated schools make up the rest of `pupils`. */
export async function buildBusyRegion(database: Database, opts: { pupils: number; schoolSize: number; today: string; seed?: number; demoChildren?: number }) {
  const PUPILS = opts.pupils;
  const SCHOOL_SIZE = opts.schoolSize;
  const TODAY = opts.today;
  const YEAR_AGO = addCalendarDays(TODAY, -365);
  const random = rng(opts.seed ?? 13);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const between = (a: number, b: number) => a + Math.floor(random() * (b - a + 1));
  /** A working day (Monday to Friday, no recognised holiday) between two days. */
  function workingDayBetween(from: string, to: string): string {
    const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
    for (;;) {
      const d = addCalendarDays(from, between(0, span));
      if (isWorkingDay(d)) return d;
    }
  }
  const min = (a: string, b: string) => (a < b ? a : b);
  const t0 = Date.now();
  const seeded = await seedDemo(database, { today: TODAY, absence: false, ...(opts.demoChildren ? { children: opts.demoChildren } : {}) });
  const regionId = seeded.regionId;
  const db = database.db;
  const gemeenten = await db.selectFrom('gemeenten').select('id').where('region_id', '=', regionId).execute();
  const partnersOf = async (kind: 'wijkteam' | 'youth_care_provider' | 'swv') =>
    db
      .selectFrom('organisations as o')
      .innerJoin('memberships as m', 'm.organisation_id', 'o.id')
      .where('o.region_id', '=', regionId)
      .where('o.kind', '=', kind)
      .where('m.ended_at', 'is', null)
      .select(['o.id', 'm.person_id'])
      .execute();

  // ---- the region grows: partners, school locations with their staff and pupils
  const orgLines: string[] = [];
  const peopleLines: string[] = [];
  const membershipLines: string[] = [];
  const person = (org: string, role: string, name: string) => {
    const id = randomUUID();
    peopleLines.push(csv(id, regionId, name, pick(FAMILY)));
    membershipLines.push(csv(randomUUID(), id, org, role));
    return id;
  };
  for (let i = 0; i < 8; i++) {
    const id = randomUUID();
    orgLines.push(csv(id, regionId, 'wijkteam', `Wijkteam ${i + 1}`, pick(gemeenten).id, null, null, null));
    for (let k = 0; k < 4; k++) person(id, 'wijkteam_worker', pick(GIVEN));
  }
  for (let i = 0; i < 15; i++) {
    const id = randomUUID();
    orgLines.push(csv(id, regionId, 'youth_care_provider', `Jeugdhulp ${i + 1}`, pick(gemeenten).id, null, null, null));
    for (let k = 0; k < 3; k++) person(id, 'youth_care_worker', pick(GIVEN));
  }
  const extraSchools = Math.max(1, Math.round((PUPILS - seeded.counts.children) / SCHOOL_SIZE));
  const schools: School[] = [];
  const childLines: string[] = [];
  const residenceLines: string[] = [];
  const enrolmentLines: string[] = [];
  for (let s = 0; s < extraSchools; s++) {
    const id = randomUUID();
    const po = s % 3 !== 2;
    const gemeente = pick(gemeenten).id;
    // BRIN 2 digits + 2 letters, unique in the region (the demo's start with 99).
    orgLines.push(csv(id, regionId, 'school_location', `${po ? 'Basisschool' : 'College'} ${s + 1}`, gemeente, `${String(10 + Math.floor(s / 26)).padStart(2, '0')}${String.fromCharCode(65 + (s % 26))}X`, '00', po ? 'po' : 'vo'));
    const school: School = { id, ib: person(id, po ? 'intern_begeleider' : 'care_coordinator', 'Bench'), gemeente, schoolType: po ? 'po' : 'vo', teachers: [], pupils: [], left: new Set() };
    for (let k = 0; k < Math.ceil(SCHOOL_SIZE / 25); k++) school.teachers.push(person(id, po ? 'teacher' : 'mentor', pick(GIVEN)));
    for (let k = 0; k < SCHOOL_SIZE; k++) {
      const child = randomUUID();
      const born = addCalendarDays(po ? '2015-09-01' : '2010-09-01', -between(0, po ? 2900 : 2100));
      childLines.push(csv(child, regionId, pick(GIVEN), pick(FAMILY), born));
      residenceLines.push(csv(child, chance(0.9) ? gemeente : pick(gemeenten).id, born));
      // Most pupils started before this school year; 4% left during it.
      const start = chance(0.85) ? addCalendarDays('2026-08-24', -between(0, 2000)) : workingDayBetween('2026-08-24', addCalendarDays(TODAY, -30));
      const end = chance(0.04) ? workingDayBetween(start > '2026-09-01' ? start : '2026-09-01', addCalendarDays(TODAY, -1)) : null;
      if (end) school.left.add(child);
      enrolmentLines.push(csv(randomUUID(), child, id, start, end));
      school.pupils.push(child);
    }
    schools.push(school);
  }
  await copyInto(database, 'organisations', ['id', 'region_id', 'kind', 'name', 'gemeente_id', 'brin', 'vestiging', 'school_type'], orgLines);
  await copyInto(database, 'people', ['id', 'region_id', 'given_name', 'family_name'], peopleLines);
  await copyInto(database, 'memberships', ['id', 'person_id', 'organisation_id', 'role'], membershipLines);
  await copyInto(database, 'children', ['id', 'region_id', 'given_name', 'family_name', 'birth_date'], childLines);
  await copyInto(database, 'enrolments', ['id', 'child_id', 'organisation_id', 'start_date', 'end_date'], enrolmentLines);
  await copyInto(database, 'child_residences', ['child_id', 'gemeente_id', 'valid_from'], residenceLines);
  const wijkteams = await partnersOf('wijkteam');
  const providers = await partnersOf('youth_care_provider');
  const swvs = await partnersOf('swv');

  // ---- a year of work at every generated school
  const cases: { caseId: string; planId: string; child: string; school: School; opened: string; closedOn: string | null; next: string; manager: string }[] = [];
  const lines: Record<string, string[]> = {
    signals: [],
    cases: [],
    plans: [],
    case_members: [],
    consents: [],
    consent_recipients: [],
    consent_withdrawals: [],
    requests: [],
    request_events: [],
    absence_reports: [],
    absence_report_events: [],
  };
  const addRequest = (r: {
    school: School;
    child: string;
    caseId: string;
    kind: RequestKind;
    from: { org: string; person: string };
    to: { org: string; person: string };
    sentOn: string;
  }) => {
    const id = randomUUID();
    const events: { on: string; action: string; from: RequestStatus | null; to: RequestStatus; by: 'from' | 'to' }[] = [{ on: r.sentOn, action: 'send', from: null, to: 'sent', by: 'from' }];
    let status = 'sent' as RequestStatus;
    let since = r.sentOn;
    const facts: { accepted: string | null; decided: string | null; decision: string | null; help: string | null; ended: string | null; holder: string | null } = {
      accepted: null,
      decided: null,
      decision: null,
      help: null,
      ended: null,
      holder: null,
    };
    // A slow receiver now and then: its steps take three times as long.
    const slow = chance(0.15) ? 3 : 1;
    const stepTo = (on: string, action: string, to: RequestStatus, by: 'from' | 'to') => {
      if (on > TODAY) return false;
      events.push({ on, action, from: status, to, by });
      status = to;
      since = on;
      return true;
    };
    const later = (days: number) => addWorkingDays(since, Math.max(1, Math.round(days * slow)));
    if (chance(0.12) && stepTo(later(between(1, 4)), 'ask_info', 'info_requested', 'to')) stepTo(later(between(1, 6)), 'answer_info', 'sent', 'from');
    if (status === 'sent') {
      if (chance(0.04)) stepTo(later(between(1, 5)), 'withdraw', 'withdrawn', 'from');
      else if (chance(0.05)) stepTo(later(between(2, 8)), 'decline', 'declined', 'to');
      else if (r.kind === 'question_to_school') stepTo(later(between(1, 6)), 'answer_question', 'closed', 'to');
      else if (stepTo(later(between(2, 9)), 'accept', 'accepted', 'to')) {
        facts.accepted = since;
        facts.holder = r.to.person;
      }
    }
    if (status === 'accepted' && r.kind !== 'provider' && stepTo(later(between(10, 38)), 'decide', 'decided', 'to')) {
      facts.decided = since;
      facts.decision = chance(0.85) ? 'granted' : chance(0.5) ? 'partly' : 'refused';
    }
    if ((status === 'accepted' && r.kind === 'provider') || (status === 'decided' && facts.decision !== 'refused')) {
      if (stepTo(later(between(5, status === 'decided' ? 18 : 19)), 'start_help', 'help_started', 'to')) facts.help = since;
    } else if (status === 'decided') stepTo(later(between(1, 5)), 'close', 'closed', 'to');
    if (status === 'help_started') {
      // A report back every six weeks (some late), until the help ends after a few months.
      const reports = between(1, 6);
      for (let k = 0; k < reports && status === 'help_started'; k++) {
        const on = later(between(22, 34));
        if (k === reports - 1) stepTo(on, 'end_help', 'closed', 'to');
        else stepTo(on, 'report_back', 'help_started', 'to');
      }
    }
    if (['declined', 'withdrawn', 'closed'].includes(status)) facts.ended = since;
    const term = termFor(r.kind, status);
    const due = term ? addWorkingDays(since, term.days) : null;
    lines.requests.push(
      csv(
        id,
        regionId,
        r.child,
        r.caseId,
        r.kind,
        r.from.org,
        r.from.person,
        r.to.org,
        facts.holder,
        status,
        'Kunt u meedenken over de ondersteuning thuis en op school?',
        'Gesprekken met ouders; extra begeleiding in de klas.',
        chance(0.1) ? 'urgent' : 'normal',
        'Weer elke dag met plezier naar school.',
        '{identity,school}',
        since,
        due,
        r.sentOn,
        facts.accepted,
        facts.decided,
        facts.decision,
        facts.help,
        facts.ended,
      ),
    );
    for (const e of events) {
      const who = e.by === 'from' ? r.from : r.to;
      lines.request_events.push(csv(randomUUID(), id, at(e.on), e.on, who.person, who.org, e.action, e.from, e.to, null));
    }
  };

  for (const school of schools) {
    const ibPerson = school.ib;
    // 12 signals per 100 pupils a year.
    for (let k = 0; k < Math.round(SCHOOL_SIZE * 0.12); k++) {
      const child = pick(school.pupils);
      const raised = workingDayBetween(YEAR_AGO, TODAY);
      const deadline = addWorkingDays(raised, 5);
      const recent = raised >= addCalendarDays(TODAY, -7);
      let status = recent ? (chance(0.7) ? 'new' : pick(['watching', 'in_school', 'case', 'closed'])) : chance(0.025) ? 'new' : pick(['watching', 'in_school', 'in_school', 'case', 'case', 'referred', 'closed', 'closed', 'closed', 'watching']);
      if (school.left.has(child) && status === 'case') status = 'closed';
      const triaged = status === 'new' ? null : min(TODAY, addWorkingDays(raised, between(0, 7)));
      const decision = { new: null, watching: 'keep_watching', in_school: 'handle_in_school', case: 'open_case', referred: 'refer_outward', closed: 'no_action' }[status as 'new'];
      const category = pick(CATEGORIES);
      const signalId = randomUUID();
      lines.signals.push(
        csv(
          signalId,
          regionId,
          child,
          school.id,
          pick(school.teachers),
          'teacher',
          category,
          chance(0.05) ? 'urgent' : chance(0.1) ? 'soon' : 'normal',
          'Is de laatste weken stil en moe in de klas.',
          true,
          status,
          at(raised),
          raised,
          deadline,
          5,
          triaged ? at(triaged) : null,
          triaged,
          decision,
        ),
      );
      if (status !== 'case') continue;
      // The case: managed by the school's care coordinator, or by a wijkteam worker.
      const caseId = randomUUID();
      const opened = triaged!;
      const byWijkteam = chance(0.15) ? pick(wijkteams) : null;
      const manager = byWijkteam ? { person: byWijkteam.person_id, org: byWijkteam.id } : { person: ibPerson, org: school.id };
      const open = chance(0.8);
      // An evaluation every half year; a few are late.
      let next = addCalendarDays(opened, 182);
      while (next < addCalendarDays(TODAY, -between(0, 40))) next = addCalendarDays(next, 182);
      const closedOn = open ? null : min(TODAY, addCalendarDays(opened, between(60, 200)));
      lines.cases.push(csv(caseId, regionId, child, school.id, signalId, manager.person, manager.org, 'Zorgen over welbevinden', category === 'safety', open ? 'open' : 'closed', at(opened), opened, next, closedOn ? at(closedOn) : null));
      const planId = randomUUID();
      lines.plans.push(csv(planId, caseId, child, regionId));
      cases.push({ caseId, planId, child, school, opened, closedOn, next, manager: manager.person });
      const partner = pick([...wijkteams, ...providers, ...swvs]);
      const teacher = pick(school.teachers);
      lines.case_members.push(csv(randomUUID(), caseId, ibPerson, school.id, 'intern_begeleider'), csv(randomUUID(), caseId, teacher, school.id, 'teacher'), csv(randomUUID(), caseId, partner.person_id, partner.id, 'partner'));
      if (byWijkteam && byWijkteam.person_id !== partner.person_id) lines.case_members.push(csv(randomUUID(), caseId, byWijkteam.person_id, byWijkteam.id, 'case_manager'));
      const consentId = randomUUID();
      lines.consents.push(csv(consentId, regionId, child, caseId, 'Hulp thuis en op school afstemmen.', '{identity,school,plan}', 'written', opened, addCalendarDays(opened, 700), 'guardians', ibPerson));
      lines.consent_recipients.push(csv(consentId, partner.id));
      if (chance(0.05)) lines.consent_withdrawals.push(csv(consentId, at(min(TODAY, addCalendarDays(opened, 30))), min(TODAY, addCalendarDays(opened, 30)), ibPerson, 'Liever niet meer.'));
      // Requests from 70% of the cases (a quarter of those a second one), and now and then a question back to the school.
      const kinds: RequestKind[] = [];
      if (chance(0.7)) kinds.push(partner.id === swvs[0]?.id ? pick(['swv_arrangement', 'tlv'] as const) : wijkteams.some((w) => w.id === partner.id) ? 'toegang' : 'provider');
      if (kinds.length && chance(0.25)) kinds.push(kinds[0]);
      for (const kind of kinds) addRequest({ school, child, caseId, kind, from: { org: school.id, person: manager.org === school.id ? ibPerson : manager.person }, to: { org: partner.id, person: partner.person_id }, sentOn: min(TODAY, addWorkingDays(opened, between(0, 15))) });
      if (chance(0.08)) addRequest({ school, child, caseId, kind: 'question_to_school', from: { org: partner.id, person: partner.person_id }, to: { org: school.id, person: ibPerson }, sentOn: min(TODAY, addWorkingDays(opened, between(5, 60))) });
    }
    // 30 legal absence reports per 100 pupils a year; most reported within the term of 5 working days.
    const keys = new Set<string>();
    for (let k = 0; k < Math.round(SCHOOL_SIZE * 0.3); k++) {
      const child = pick(school.pupils);
      const dueOn = workingDayBetween(YEAR_AGO, TODAY);
      const type = chance(0.7) ? '16-uur' : chance(0.4) ? 'luxe' : chance(0.6) ? 'lrv' : 'overig';
      const start = addCalendarDays(dueOn, -between(0, 25));
      const key = `${child}|${type}|${start}`;
      if (keys.has(key)) continue;
      keys.add(key);
      const reportId = randomUUID();
      const deadline = addWorkingDays(dueOn, 5);
      lines.absence_reports.push(csv(reportId, regionId, child, school.id, type, start, dueOn, between(4, 40), dueOn, deadline, type === 'overig' ? 'manual' : 'rule', type === 'overig' ? 'Zorgen over verzuim.' : null));
      const open = deadline >= TODAY ? chance(0.5) : chance(0.04);
      if (open) continue;
      if (chance(0.96)) {
        const on = min(TODAY, addWorkingDays(dueOn, between(0, 6)));
        lines.absence_report_events.push(csv(reportId, 'reported', on, `DUO-${k}`, null, ibPerson));
      } else lines.absence_report_events.push(csv(reportId, 'dismissed', min(TODAY, dueOn), null, 'Verlof alsnog aangetoond.', ibPerson));
    }
  }
  await copyInto(database, 'signals', ['id', 'region_id', 'child_id', 'organisation_id', 'author_person_id', 'author_role', 'category', 'urgency', 'observation', 'parents_informed', 'status', 'raised_at', 'raised_on', 'pickup_deadline', 'pickup_school_days', 'triaged_at', 'triaged_on', 'triage_decision'], lines.signals);
  await copyInto(database, 'cases', ['id', 'region_id', 'child_id', 'organisation_id', 'opened_from_signal_id', 'case_manager_person_id', 'case_manager_organisation_id', 'title', 'safety_route', 'status', 'opened_at', 'opened_on', 'next_evaluation_on', 'closed_at'], lines.cases);
  await copyInto(database, 'plans', ['id', 'case_id', 'child_id', 'region_id'], lines.plans);
  await copyInto(database, 'case_members', ['id', 'case_id', 'person_id', 'organisation_id', 'role'], lines.case_members);
  await copyInto(database, 'consents', ['id', 'region_id', 'child_id', 'case_id', 'purpose', 'data_kinds', 'method', 'given_on', 'valid_until', 'age_rule', 'recorded_by_person_id'], lines.consents);
  await copyInto(database, 'consent_recipients', ['consent_id', 'organisation_id'], lines.consent_recipients);
  await copyInto(database, 'consent_withdrawals', ['consent_id', 'withdrawn_at', 'withdrawn_on', 'recorded_by_person_id', 'reason'], lines.consent_withdrawals);
  await copyInto(
    database,
    'requests',
    ['id', 'region_id', 'child_id', 'case_id', 'kind', 'from_organisation_id', 'from_person_id', 'to_organisation_id', 'holder_person_id', 'status', 'question', 'tried', 'urgency', 'goal', 'data_kinds', 'step_since', 'step_due_on', 'sent_on', 'accepted_on', 'decided_on', 'decision', 'help_started_on', 'ended_on'],
    lines.requests,
  );
  await copyInto(database, 'request_events', ['id', 'request_id', 'at', 'on_date', 'person_id', 'organisation_id', 'action', 'from_status', 'to_status', 'text'], lines.request_events);
  await copyInto(database, 'absence_reports', ['id', 'region_id', 'child_id', 'organisation_id', 'type', 'start_date', 'end_date', 'hours', 'due_on', 'deadline', 'origin', 'explanation'], lines.absence_reports);
  await copyInto(database, 'absence_report_events', ['report_id', 'kind', 'occurred_on', 'reference', 'reason', 'person_id'], lines.absence_report_events);
  await database.exec('analyze');

  const regionPupils = Number((await sql<{ n: number }>`select count(*)::int as n from children where region_id = ${regionId}`.execute(db)).rows[0].n);
  const openCases = lines.cases.filter((l) => l.includes(',open,')).length;
  const summary =
    `${regionPupils.toLocaleString('en')} pupils at ${seeded.counts.schools + schools.length} school locations (${schools.length} of ${SCHOOL_SIZE.toLocaleString('en')}); a year of ${lines.signals.length.toLocaleString('en')} signals, ` +
    `${lines.cases.length.toLocaleString('en')} cases (${openCases.toLocaleString('en')} open), ${lines.requests.length.toLocaleString('en')} requests with ${lines.request_events.length.toLocaleString('en')} steps, ` +
    `${lines.absence_reports.length.toLocaleString('en')} absence reports`;
  return { regionId, seeded, schools, gemeenten, cases, summary, seconds: (Date.now() - t0) / 1000, random: { pick, chance, between, workingDayBetween } };
}
