import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Client, TestApp } from './test-app.ts';
import { multipart } from './multipart.ts';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays, calendarScopeOf, loadSchoolCalendar } from '../../src/kernel/calendar/school-days.ts';

/**
 * The world of the route matrix (test/api/route-matrix.test.ts): every demo role signed in once,
 * and two children with everything around them built through the API, as the users would:
 *
 * - T, a child of `ouder` in `leerkracht`'s group at OBS De Regenboog (po1, `ib` and `directeur`);
 * - J, the young person `jongere` (16+) in `mentor`'s class at the Heuvelrug Lyceum (`zorgcoordinator`).
 *
 * For each: both live in Zeist (the residence is recorded by the school, so `leerplicht` has the
 * legal relation); the teacher raises a signal; the school's care coordinator opens a case from it
 * (she is its owner and case manager) with the teacher, `jeugdhulp`, `wijkteam` and `swv` on the
 * team; a consent for the youth care provider (identity, plan, notes), one for the wijkteam
 * (absence only) and one for the SWV (identity, plan) that the family withdraws in the portal;
 * an OPP and a goal in the plan; an "overig verzuim" report that the school reported to DUO; and
 * an entry in the thuiszitter register (a 5a exemption) that names the child's school, made by
 * the attendance officer — so the school leader of T's school (`directeur`) has her relation.
 */

export const ROLES = ['beheer', 'privacy', 'leerkracht', 'mentor', 'ib', 'zorgcoordinator', 'directeur', 'jeugdhulp', 'wijkteam', 'swv', 'leerplicht', 'beleid', 'ouder', 'jongere'] as const;
export type DemoRole = (typeof ROLES)[number];
export const PROFESSIONALS: readonly DemoRole[] = ROLES.filter((r) => r !== 'ouder' && r !== 'jongere');

/** How a demo account relates to one of the two target children. */
export const RELATIONS = [
  'owner', // care coordinator of the child's school; opened the case (case owner and case manager)
  'teacher', // the child's group teacher / mentor, on the case team without a consent, author of the signal
  'otherCare', // care coordinator of another school
  'otherTeacher', // teacher / mentor at another school
  'leader', // school leader; the child is an open thuiszitter of her school
  'otherLeader', // school leader of another school
  'residence', // attendance officer of the gemeente the child lives in
  'consent', // youth care worker on the team, with a valid consent covering identity, plan and notes
  'consentOther', // wijkteam worker on the team, with a valid consent covering only absence
  'withdrawn', // SWV consultant on the team, whose consent the family withdrew
  'guardian', // parent with authority
  'otherGuardian', // a parent, of another child
  'self', // the young person (16+) themself
  'otherYouth', // a young person, about another child
  'privacy', // the region's privacy officer
  'admin', // functional administrator
  'analyst', // policy analyst
] as const;
export type Relation = (typeof RELATIONS)[number];

export interface Actor {
  role: DemoRole;
  client: Client;
  accountId: string;
  personId: string | null;
  /** The organisation the professional acts for (ib: po1, explicitly). */
  organisationId: string | null;
  guardianId: string | null;
  childId: string | null;
  /** The membership the professional acts for (null for a parent or young person). */
  membershipId: string | null;
}

/** One target child and the records built around it. */
export interface Subject {
  name: 'T' | 'J';
  childId: string;
  familyName: string;
  /** The school location of the current enrolment (the owner's school). */
  schoolId: string;
  enrolmentId: string;
  caseId: string;
  planId: string;
  goalId: string;
  signalId: string;
  /** The SWV's consent, withdrawn by the family. */
  withdrawnConsentId: string;
  /** The SWV consultant's row on the case team. */
  swvMemberId: string;
  /** A request from the owner to the youth care worker's organisation (under its consent). */
  requestId: string;
  /** A request to the SWV, sent before the family withdrew the SWV's consent. */
  swvRequestId: string;
  /** The teacher's observation asked after youth care reported back on the request. */
  observationId: string;
  /** The "overig verzuim" report, reported to DUO. */
  reportId: string;
  thuiszitterId: string;
  /** The entry is longer than the norm at home without a fitting offer (it shows on the escalation list). */
  overNorm: boolean;
  /** The case of the other target child (for linking siblings). */
  otherCaseId: string;
  /** Two days before today on which the child has no residence recorded (for the owner and the attendance officer to record one). */
  freeResidenceDays: [string, string];
  /** An authority guardian (null for a 16+ young person, who decides alone). */
  guardianId: string | null;
  age: number;
  relations: Record<DemoRole, Relation>;
}

export interface World {
  t: TestApp;
  day: string;
  actors: Record<DemoRole, Actor>;
  subjects: [Subject, Subject];
  po1: string;
  vo1: string;
  zeist: string;
  /** Records made for the function routes, so that their refusals are tested on real ids. */
  pupilImportId: string;
  guardianImportId: string;
  absenceImportId: string;
  staffImportId: string;
  holidayImportId: string;
  /** A membership of `leerkracht` (for ending a role). */
  leerkrachtMembershipId: string;
  /** The last lesson day on or before today of po1 and vo1: absence is recorded only on lesson days. */
  lessonDays: Record<string, string>;
}

export const RELATIONS_T: Record<DemoRole, Relation> = {
  beheer: 'admin',
  privacy: 'privacy',
  leerkracht: 'teacher',
  mentor: 'otherTeacher',
  ib: 'owner',
  zorgcoordinator: 'otherCare',
  directeur: 'leader',
  jeugdhulp: 'consent',
  wijkteam: 'consentOther',
  swv: 'withdrawn',
  leerplicht: 'residence',
  beleid: 'analyst',
  ouder: 'guardian',
  jongere: 'otherYouth',
};
export const RELATIONS_J: Record<DemoRole, Relation> = {
  ...RELATIONS_T,
  leerkracht: 'otherTeacher',
  mentor: 'teacher',
  ib: 'otherCare',
  zorgcoordinator: 'owner',
  directeur: 'otherLeader',
  ouder: 'otherGuardian',
  jongere: 'self',
};

/** The JSON of an answer with the expected status, or a clear error (setup only). */
export async function must(res: LightMyRequestResponse | Promise<LightMyRequestResponse>, status: number, what: string) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`setup: ${what}: expected ${status}, got ${r.statusCode}: ${r.body.slice(0, 600)}`);
  return r.statusCode === 204 ? null : r.json();
}

const ageOn = (birth: string, day: string) => Number(day.slice(0, 4)) - Number(birth.slice(0, 4)) - (day.slice(5) < birth.slice(5) ? 1 : 0);
const later = (a: string, b: string) => (a > b ? a : b);

export async function buildWorld(t: TestApp): Promise<World> {
  const db = t.database.db;
  const day = today();
  const acc = t.demo.accounts;
  const actors = {} as Record<DemoRole, Actor>;
  for (const role of ROLES) {
    const a = acc[role];
    actors[role] = { role, client: await t.login(role), accountId: a.accountId, personId: a.personId ?? null, organisationId: a.organisationId ?? null, guardianId: a.guardianId ?? null, childId: a.childId ?? null, membershipId: null };
  }
  const po1 = acc.leerkracht.organisationId!;
  const vo1 = acc.mentor.organisationId!;
  // Each care coordinator acts for the school of the target child (ib works at two schools).
  for (const [role, school] of [['ib', po1], ['zorgcoordinator', vo1]] as const) {
    const m = await db.selectFrom('memberships').select('id').where('person_id', '=', actors[role].personId!).where('organisation_id', '=', school).where('ended_at', 'is', null).executeTakeFirstOrThrow();
    await must(actors[role].client.put('/api/v1/session/membership', { membershipId: m.id }), 200, `${role} acts for the school`);
    actors[role].organisationId = school;
  }
  for (const role of PROFESSIONALS) actors[role].membershipId = (await must(actors[role].client.get('/api/v1/session'), 200, `${role}'s session`)).activeMembershipId;
  const zeist = (await db.selectFrom('organisations').select('gemeente_id').where('id', '=', acc.leerplicht.organisationId!).executeTakeFirstOrThrow()).gemeente_id!;

  // T: a child of `ouder` (with authority) in `leerkracht`'s group today. J: the young person.
  const tRow = await db
    .selectFrom('child_guardians as cg')
    .innerJoin('enrolments as e', 'e.child_id', 'cg.child_id')
    .innerJoin('group_staff as gs', 'gs.group_id', 'e.group_id')
    .where('cg.guardian_id', '=', acc.ouder.guardianId!)
    .where('cg.has_authority', '=', true)
    .where('gs.person_id', '=', acc.leerkracht.personId!)
    .where('e.organisation_id', '=', po1)
    .where('e.start_date', '<=', day)
    .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', day)]))
    .select('cg.child_id')
    .executeTakeFirstOrThrow();
  const jId = acc.jongere.childId!;
  const jGuardians = await db.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', jId).execute();
  if (jGuardians.some((g) => g.guardian_id === acc.ouder.guardianId)) throw new Error('setup: the young person is a child of `ouder`');

  const T = await buildSubject(t, actors, { name: 'T', childId: tRow.child_id, owner: actors.ib, teacher: actors.leerkracht, family: actors.ouder, zeist, relations: RELATIONS_T });
  const J = await buildSubject(t, actors, { name: 'J', childId: jId, owner: actors.zorgcoordinator, teacher: actors.mentor, family: actors.jongere, zeist, relations: RELATIONS_J });
  T.otherCaseId = J.caseId;
  J.otherCaseId = T.caseId;

  // Records of the function routes (each with errors, so that committing it changes nothing).
  const upload = async (c: Client, url: string, fields: Record<string, string>, name: string, content: string) => {
    const m = multipart(fields, { name, content, type: 'text/csv' });
    return must(c.request('POST', url, m.payload, m.headers), 201, `upload ${url}`);
  };
  const pupilImport = await upload(actors.ib.client, '/api/v1/pupil-imports', { fullExport: 'nee' }, 'leerlingen.csv', [
    'leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;BSN/onderwijsnummer;postcode;gemeente;groep;mentor;inschrijfdatum;niveau',
    '000901;Anna;;Onleesbaar;31-02-2015;;3701 AB;;5A;;;groep 5',
  ].join('\n'));
  const guardianImport = await upload(actors.ib.client, '/api/v1/guardian-imports', {}, 'ouders.csv', ['leerlingnummer;voornaam;tussenvoegsel;achternaam;e-mail;telefoon;relatie;gezag', '009999;Piet;;Onbekend;;;ouder;ja'].join('\n'));
  const absenceImport = await upload(actors.ib.client, '/api/v1/absence-imports', { schoolLocationId: po1 }, 'verzuim.csv', `leerling;datum;uren;reden\n${randomUUID()};${day};1;ziek`);
  const staffImport = await upload(actors.beheer.client, '/api/v1/staff-imports', { organisationId: po1, fullExport: 'false' }, 'medewerkers.csv', [
    'voornaam;tussenvoegsel;achternaam;e-mail;rollen;lesgroepen;mentorgroepen',
    'Anna;;Berg;geen-e-mailadres;leerkracht;;',
  ].join('\n'));
  const holidayImport = await must(
    actors.beheer.client.post('/api/v1/school-calendar/holiday-imports', { content: [{ schoolyear: '2028-2029', vacations: [{ type: 'Paasvakantie', regions: [{ region: 'noord', startdate: '2029-04-01', enddate: '2029-04-08' }] }] }] }),
    201,
    'holiday import',
  );
  for (const [what, p] of [['pupil', pupilImport], ['guardian', guardianImport], ['absence', absenceImport], ['staff', staffImport], ['holiday', holidayImport]] as const) {
    if (!(p.errors as unknown[]).length) throw new Error(`setup: the ${what} import was meant to have errors`);
  }
  const leerkrachtMembership = await db.selectFrom('memberships').select('id').where('person_id', '=', acc.leerkracht.personId!).where('ended_at', 'is', null).executeTakeFirstOrThrow();
  const lessonDays: Record<string, string> = {};
  for (const school of [po1, vo1]) {
    const cal = await loadSchoolCalendar(db, await calendarScopeOf(db, school), addCalendarDays(day, -60), day);
    let d = day;
    while (!cal.isSchoolDay(d)) d = addCalendarDays(d, -1);
    lessonDays[school] = d;
  }

  return {
    t,
    day,
    actors,
    subjects: [T, J],
    po1,
    vo1,
    zeist,
    pupilImportId: pupilImport.id,
    guardianImportId: guardianImport.id,
    absenceImportId: absenceImport.id,
    staffImportId: staffImport.id,
    holidayImportId: holidayImport.id,
    leerkrachtMembershipId: leerkrachtMembership.id,
    lessonDays,
  };
}

async function buildSubject(
  t: TestApp,
  actors: Record<DemoRole, Actor>,
  o: { name: 'T' | 'J'; childId: string; owner: Actor; teacher: Actor; family: Actor; zeist: string; relations: Record<DemoRole, Relation> },
): Promise<Subject> {
  const db = t.database.db;
  const day = today();
  const { owner, teacher, family, childId } = o;
  const what = (s: string) => `${o.name}: ${s}`;

  const child = await must(owner.client.get(`/api/v1/children/${childId}`), 200, what('the owner reads the child'));
  const enrolment = (child.enrolments as { id: string; organisationId: string; startDate: string; endDate: string | null }[]).find(
    (e) => e.organisationId === owner.organisationId && e.startDate <= day && (e.endDate === null || e.endDate >= day),
  );
  if (!enrolment) throw new Error(`setup: ${o.name} is not enrolled at the owner's school`);
  const age = ageOn(child.birthDate, day);
  const authority = (child.guardians as { id: string; hasAuthority: boolean }[]).filter((g) => g.hasAuthority).map((g) => g.id);
  const guardianId = age >= 16 ? null : family.guardianId ?? authority[0];
  if (age < 16 && !guardianId) throw new Error(`setup: ${o.name} has no guardian with authority`);
  const givers = age < 12 ? { guardianIds: [guardianId!], childSelf: false } : age < 16 ? { guardianIds: [guardianId!], childSelf: true } : { guardianIds: [], childSelf: true };

  // Lives in Zeist from today (the school records the move), so Zeist's attendance officer is related.
  const movedToday = await db.selectFrom('child_residences').select('id').where('child_id', '=', childId).where('valid_from', '=', day).executeTakeFirst();
  if (!movedToday) await must(owner.client.post(`/api/v1/children/${childId}/residences`, { gemeenteId: o.zeist, validFrom: day }), 201, what('residence'));
  const recorded = new Set((await db.selectFrom('child_residences').select('valid_from').where('child_id', '=', childId).execute()).map((r) => String(r.valid_from)));
  const freeResidenceDays: string[] = [];
  for (let back = 2; freeResidenceDays.length < 2; back++) if (!recorded.has(addCalendarDays(day, -back))) freeResidenceDays.push(addCalendarDays(day, -back));

  const signal = await must(
    teacher.client.post('/api/v1/signals', { childId, category: 'behaviour', urgency: 'normal', observation: 'Trekt zich terug in de klas en is vaak moe.', parentsInformed: true }),
    201,
    what('the teacher raises a signal'),
  );
  const opened = await must(owner.client.post('/api/v1/cases', { childId, title: 'Route-matrix', fromSignalId: signal.id, reason: 'Zorgen over thuis en school.' }), 201, what('open the case'));
  let version: number = opened.version;
  let swvMemberId = '';
  for (const member of [teacher, actors.jeugdhulp, actors.wijkteam, actors.swv]) {
    const added = await must(owner.client.post(`/api/v1/cases/${opened.id}/members`, { personId: member.personId, organisationId: member.organisationId, version }), 201, what(`add ${member.role} to the team`));
    version = added.version;
    if (member.role === 'swv') swvMemberId = (added.team as { id: string; personId: string }[]).find((m) => m.personId === member.personId)!.id;
  }
  const consent = (org: string, dataKinds: string[]) =>
    must(
      owner.client.post(`/api/v1/cases/${opened.id}/consents`, { purpose: 'Samen werken aan rust thuis en op school.', dataKinds, recipientOrganisationIds: [org], givers, method: 'written', givenOn: day, validUntil: addCalendarDays(day, 180) }),
      201,
      what(`consent ${dataKinds.join('+')}`),
    );
  await consent(actors.jeugdhulp.organisationId!, ['identity', 'plan', 'notes']);
  await consent(actors.wijkteam.organisationId!, ['absence']);
  const swvConsent = await consent(actors.swv.organisationId!, ['identity', 'plan']);
  // Requests to youth care and to the SWV, each under its consent; the SWV's is then withdrawn (below).
  const request = (org: string, kind: string) =>
    must(
      owner.client.post(`/api/v1/cases/${opened.id}/requests`, { kind, toOrganisationId: org, urgency: 'normal', question: 'Kunt u meedenken?', goal: 'Rust thuis en op school.', dataKinds: ['identity', 'plan'] }),
      201,
      what(`request ${kind}`),
    );
  const youthCareRequest = await request(actors.jeugdhulp.organisationId!, 'provider');
  const swvRequest = await request(actors.swv.organisationId!, 'swv_arrangement');
  // Youth care takes it up, starts help and reports back: the teacher on the team is asked for an observation.
  const careStep = async (body: object) => {
    const now = await must(actors.jeugdhulp.client.get(`/api/v1/requests/${youthCareRequest.id}`), 200, what('youth care reads the request'));
    return must(actors.jeugdhulp.client.post(`/api/v1/requests/${youthCareRequest.id}/steps`, { version: now.version, ...body }), 200, what(`youth care: ${JSON.stringify(body)}`));
  };
  await careStep({ action: 'accept' });
  await careStep({ action: 'start_help', startOn: day });
  await careStep({ action: 'report_back', progress: 'going_well', text: 'Gaat goed; in de klas graag een vaste plek.' });
  const observation = await db.selectFrom('request_observations').select('id').where('request_id', '=', youthCareRequest.id).where('person_id', '=', teacher.personId!).executeTakeFirst();
  if (!observation) throw new Error(`setup: ${o.name}: the teacher on the team was not asked for an observation`);
  // The family withdraws the SWV's consent in the portal.
  await must(family.client.post(`/api/v1/consents/${swvConsent.id}/withdraw`, { reason: 'Liever niet meer.' }), 200, what('the family withdraws a consent'));

  const planId: string = opened.planId;
  const plan = await must(owner.client.get(`/api/v1/plans/${planId}`), 200, what('read the plan'));
  await must(
    owner.client.post(`/api/v1/plans/${planId}/opp`, {
      exitProfile: 'vmbo basis/kader',
      exitGrounds: 'Toetsresultaten en werkhouding.',
      hinderingFactors: 'Concentratie.',
      supportingFactors: 'Sterk in rekenen.',
      support: 'Twee keer per week begeleiding in een kleine groep.',
      version: plan.version,
    }),
    201,
    what('OPP'),
  );
  const withGoal = await must(owner.client.post(`/api/v1/plans/${planId}/goals`, { lifeDomain: 'school', description: 'Meer rust in de klas', expectedOutcome: 'Maakt het werk af.' }), 201, what('goal'));

  // An "overig verzuim" report on a day the child was enrolled, reported to DUO by the school.
  const reportDay = later(enrolment.startDate, addCalendarDays(day, -14));
  const report = await must(
    owner.client.post('/api/v1/absence-reports', { childId, schoolLocationId: owner.organisationId, startDate: reportDay, endDate: reportDay, explanation: 'Vaak afwezig zonder bericht; zorgen over thuis.' }),
    201,
    what('absence report'),
  );
  await must(owner.client.post(`/api/v1/absence-reports/${report.id}/decisions`, { kind: 'reported', occurredOn: day, reference: 'MATRIX-1', version: report.version }), 200, what('report to DUO'));

  // The register: an entry of the demo is ended first, then the attendance officer records a 5a
  // exemption from a day the child was enrolled at this school (the entry names that school).
  const leerplicht = actors.leerplicht;
  const open = await db
    .selectFrom('thuiszitters as z')
    .select('z.id')
    .where('z.child_id', '=', childId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('thuiszitter_events as e').select('e.id').whereRef('e.thuiszitter_id', '=', 'z.id').where('e.kind', '=', 'end'))))
    .execute();
  for (const z of open) {
    const entry = await must(leerplicht.client.get(`/api/v1/thuiszitters/${z.id}`), 200, what('the open demo entry'));
    await must(leerplicht.client.post(`/api/v1/thuiszitters/${z.id}/events`, { kind: 'end', effectiveOn: day, endReason: 'other', note: 'Route-matrix.', version: entry.version }), 201, what('end the demo entry'));
  }
  const entry = await must(
    leerplicht.client.post('/api/v1/thuiszitters', { childId, category: '5a', startDate: later(enrolment.startDate, addCalendarDays(day, -100)), note: 'Route-matrix.' }),
    201,
    what('register a 5a exemption'),
  );
  if (entry.schoolLocation?.id !== owner.organisationId) throw new Error(`setup: ${o.name}'s entry does not name the school`);

  return {
    name: o.name,
    childId,
    familyName: child.familyName,
    schoolId: owner.organisationId!,
    enrolmentId: enrolment.id,
    caseId: opened.id,
    planId,
    goalId: (withGoal.goals as { id: string }[])[0].id,
    signalId: signal.id,
    withdrawnConsentId: swvConsent.id,
    swvMemberId,
    requestId: youthCareRequest.id,
    swvRequestId: swvRequest.id,
    observationId: observation.id,
    reportId: report.id,
    thuiszitterId: entry.id,
    overNorm: entry.over3Months === true,
    otherCaseId: '',
    freeResidenceDays: [freeResidenceDays[0], freeResidenceDays[1]],
    guardianId,
    age,
    relations: o.relations,
  };
}

/** The same subject with every id replaced by one that does not exist (the school stays). */
export function ghostOf(s: Subject): Subject {
  const g = randomUUID;
  return {
    ...s,
    childId: g(),
    enrolmentId: g(),
    caseId: g(),
    planId: g(),
    goalId: g(),
    signalId: g(),
    withdrawnConsentId: g(),
    swvMemberId: g(),
    requestId: g(),
    swvRequestId: g(),
    observationId: g(),
    reportId: g(),
    thuiszitterId: g(),
    otherCaseId: g(),
  };
}

export interface LogRow {
  seq: number;
  event: string;
  outcome: 'allowed' | 'denied';
  child_id: string | null;
  ground: string | null;
  consent_id: string | null;
  account_id: string | null;
}

/** Reads the access log entries written since the last call. */
export function accessLogCursor(t: TestApp) {
  let last = 0;
  const read = async (): Promise<LogRow[]> => {
    const rows = await t.database.db
      .selectFrom('access_log')
      .select(['seq', 'event', 'outcome', 'child_id', 'ground', 'consent_id', 'account_id'])
      .where('seq', '>', last)
      .orderBy('seq')
      .execute();
    const out = rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    if (out.length) last = out[out.length - 1].seq;
    return out;
  };
  return { read, skip: async () => void (await read()) };
}

/**
 * A fingerprint of everything a request could change, but the access log and the sessions: the
 * number of rows of every table, and the sum of `version` where a table has one. A refused
 * request must leave it as it was.
 */
export async function fingerprinter(t: TestApp) {
  const db = t.database.db;
  const { rows } = await sql<{ table_name: string; has_version: boolean }>`
    select t.table_name,
           exists (select 1 from information_schema.columns c where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'version') as has_version
    from information_schema.tables t
    where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by t.table_name`.execute(db);
  const skip = (n: string) => n.startsWith('access_log') || n === 'sessions' || n === 'login_failures' || n === 'schema_migrations';
  const parts = rows
    .filter((r) => !skip(r.table_name))
    .map((r) => sql`${r.table_name}::text || ':' || (select count(*) from ${sql.table(r.table_name)})::text${r.has_version ? sql` || '/' || coalesce((select sum(version) from ${sql.table(r.table_name)}), 0)::text` : sql``}`);
  if (parts.length < 30) throw new Error(`setup: only ${parts.length} tables found for the fingerprint`);
  const query = sql<{ f: string }>`select concat_ws(' ', ${sql.join(parts)}) as f`;
  return async () => (await query.execute(db)).rows[0].f;
}
