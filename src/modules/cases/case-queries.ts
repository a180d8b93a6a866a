import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { decideEach, mayFollow, readIf, recordListed, resolvedCase, rules, subject, withAccess, withChildAccess, type Access, type Decision, type Listed } from '../../kernel/policy/gateway.ts';
import { consentKindsInForceByOrganisation, grantFor, grantsForChild } from '../../kernel/policy/child-policy.ts';
import { isCareCoordinator } from '../../kernel/policy/signal-policy.ts';
import { caseManagerIsCurrent } from '../../kernel/policy/case-relation.ts';
import { ageOn, today } from '../../kernel/time.ts';
import { AGE_RULE_TEXT, ageRuleOn } from './consent-rules.ts';
import { handoverNames, involvedColumns, involvedOf } from './case-involved.ts';
import { transferTargetsOf } from './case-transfer.ts';
import { verwijsindexColumns, verwijsindexOf } from './verwijsindex.ts';
import type { CaseEventDetail, CaseList, CaseListQuery, CaseView, ChildConsents, Consent, ConsentRule } from '../../contracts/cases.ts';
import type { ShareableKind } from '../../contracts/values/cases.ts';

/**
 * What a team member sees of a case depends on the consent: with a consent covering their
 * organisation they see the data kinds it names; without one only that the case exists and who the
 * case manager is (the policy reads the case then on the ground 'case_team_no_consent'). The case
 * owner (the school's care coordinator) and the case manager see it all.
 */
const isLimited = (d: Decision) => d.ground === 'case_team_no_consent';

/**
 * The case as the view shows it, read in the checked transaction, with its plan and — only for a
 * reader who sees more than that the case exists (`full`) — the child, the team and the history,
 * and the parents with authority where the reader may see the parents (`guardians`): one statement.
 */
function caseRow(tx: Tx, caseId: string, read: { full: boolean; guardians: boolean }) {
  const involved = involvedColumns(tx, read.full);
  const vi = verwijsindexColumns(read.full);
  return tx
    .selectFrom('cases as k')
    .innerJoin('people as cm', 'cm.id', 'k.case_manager_person_id')
    .innerJoin('organisations as cmo', 'cmo.id', 'k.case_manager_organisation_id')
    .innerJoin('organisations as o', 'o.id', 'k.organisation_id')
    .where('k.id', '=', caseId)
    .select((eb) => [
      'k.id',
      'k.version',
      'k.child_id',
      'k.title',
      'k.status',
      'k.opened_on',
      'k.next_evaluation_on',
      'k.safety_route',
      'k.organisation_id',
      'k.opened_from_signal_id',
      'k.case_manager_person_id',
      'k.case_manager_organisation_id',
      'k.family_id',
      'o.name as organisation_name',
      'o.kind as organisation_kind',
      sql<string>`cm.given_name || ' ' || cm.family_name`.as('case_manager_name'),
      'cm.email as case_manager_email',
      'cmo.name as case_manager_organisation',
      caseManagerIsCurrent('k').as('case_manager_current'),
      eb.selectFrom('plans as pl').select('pl.id').whereRef('pl.case_id', '=', 'k.id').as('plan_id'),
      jsonObjectFrom(
        eb
          .selectFrom('children as c')
          .select(['c.id', 'c.given_name', 'c.family_name', 'c.birth_date'])
          .whereRef('c.id', '=', 'k.child_id')
          .where(readIf(read.full)),
      ).as('child'),
      jsonArrayFrom(
        eb
          .selectFrom('case_members as m')
          .innerJoin('people as p', 'p.id', 'm.person_id')
          .innerJoin('organisations as mo', 'mo.id', 'm.organisation_id')
          .whereRef('m.case_id', '=', 'k.id')
          .where('m.removed_at', 'is', null)
          .where(readIf(read.full))
          .select([
            'm.id',
            'm.person_id',
            'm.organisation_id',
            'm.role',
            'mo.name as organisation_name',
            'mo.kind',
            'p.email',
            sql<string>`p.given_name || ' ' || p.family_name`.as('name'),
            // Whether they still work for the organisation they are on the team for.
            sql<boolean>`exists (select 1 from memberships mm where mm.person_id = m.person_id and mm.organisation_id = m.organisation_id and mm.ended_at is null)`.as('current'),
          ])
          .orderBy('m.added_at'),
      ).as('team'),
      jsonArrayFrom(
        eb
          .selectFrom('case_events as e')
          .leftJoin('people as p', 'p.id', 'e.person_id')
          .whereRef('e.case_id', '=', 'k.id')
          .where(readIf(read.full))
          .select(['e.at', 'e.event', 'e.detail', sql<string | null>`p.given_name || ' ' || p.family_name`.as('person_name')])
          .orderBy('e.id'),
      ).as('history'),
      jsonArrayFrom(
        eb
          .selectFrom('child_guardians as cg')
          .innerJoin('guardians as g', 'g.id', 'cg.guardian_id')
          .whereRef('cg.child_id', '=', 'k.child_id')
          .where('cg.has_authority', '=', true)
          .where(readIf(read.full && read.guardians))
          .select(['g.id', sql<string>`g.given_name || ' ' || g.family_name`.as('name')])
          .orderBy('g.family_name')
          .orderBy('g.given_name')
          .orderBy('g.id'),
      ).as('guardians'),
      // Who else is involved (involvedOf) and the verwijsindex: only for who reads the full case.
      involved.requests.as('involved_requests'),
      involved.coordinators.as('school_coordinators'),
      vi.registeredOn.as('verwijsindex_registered_on'),
      vi.registeredByName.as('vi_registered_by'),
      vi.careRequestSent.as('vi_care_request'),
      vi.partnerOnTeam.as('vi_partner_on_team'),
    ])
    .executeTakeFirstOrThrow();
}

/** Case events whose detail names a consent's contents (data kinds, recipients, who withdrew it). */
const CONSENT_EVENTS = new Set(['consent_recorded', 'consent_withdrawn']);

/**
 * One case, through the gateway (rules.readCase: owner, manager or team member as they are today,
 * for the organisation acted for now); the entry says whether the case was shown limited.
 */
export async function getCase(database: Database, actor: Actor, caseId: string): Promise<CaseView> {
  return withAccess(database, actor, subject.case(caseId), rules.readCase(), 'case.read', (a) => caseView(a, caseId), { allowedDetail: (d) => ({ limited: isLimited(d) }) });
}

/** The case as this reader may see it, in the transaction the gateway checked it in. */
async function caseView(decided: Access, caseId: string): Promise<CaseView> {
  const day = today();
  const { tx, actor } = decided;
  // The case manager coordinates the team: sees the case file; the child's data by the grants.
  const access = { ...decided.relation, kinds: decided.kinds };
  const limited = isLimited(decided);
  const showConsents = access.isOwner || access.isManager || access.kinds.has('consents');
  // Parents' names only to whom the guardians data kind is granted (a consent that leaves it out
  // shows none anywhere on the case), and to those who keep the case.
  const showGuardians = access.isOwner || access.isManager || access.kinds.has('guardians');
  const k = await caseRow(tx, caseId, { full: !limited, guardians: showGuardians });
  const plan = k.plan_id ? { id: k.plan_id } : undefined;
  const base = {
    id: k.id,
    version: k.version,
    planId: plan?.id ?? null,
    title: limited ? null : k.title,
    status: k.status,
    openedOn: k.opened_on,
    organisationId: k.organisation_id,
    organisationName: k.organisation_name,
    caseManager: {
      personId: k.case_manager_person_id,
      organisationId: k.case_manager_organisation_id,
      name: k.case_manager_name,
      email: k.case_manager_email,
      organisationName: k.case_manager_organisation,
      // false: the case manager no longer works for that organisation; the case waits for a new one.
      current: !!k.case_manager_current,
    },
    needsCaseManager: k.status === 'open' && !k.case_manager_current,
    limited,
    // Whether emergency access (Meldcode) is possible at all; no child data.
    safetyRoute: k.safety_route,
    dataKinds: [...access.kinds],
    canManage: access.isOwner || access.isManager,
    can: {
      assignCaseManager: k.status === 'open' && (access.isOwner || access.isManager),
      // The same rules the child's page and the signal's page ask (children/child-queries.ts, signals).
      openChild: !limited && (await mayFollow(tx, actor, subject.child(k.child_id), rules.childData('identity'), decided)),
      openSignal: !limited && k.opened_from_signal_id !== null && (await mayFollow(tx, actor, subject.signal(k.opened_from_signal_id), rules.signal(), decided)),
      // The rules of sending (modules/requests): who keeps the case sends; a team member of another organisation asks the school.
      sendRequests: k.status === 'open' && (access.isOwner || access.isManager),
      askSchool: k.status === 'open' && access.isMember && !access.isOwner && actor.membership?.organisationId !== k.organisation_id,
      // Who manages the open case moves it to the child's new school (case-transfer.ts) and records the verwijsindex (verwijsindex.ts).
      transfer: k.status === 'open' && (access.isOwner || access.isManager),
      recordVerwijsindex: k.status === 'open' && (access.isOwner || access.isManager),
    },
  };
  if (limited) return base;
  const child = k.child!;
  const team = k.team;
  const consents = showConsents ? await consentsOf(tx, k.child_id, caseId, day, showGuardians) : undefined;
  const history = k.history;
  // The parents with authority: by id for who keeps the case (who may withdraw a consent), by name
  // for the family's place on the case.
  const guardians = access.isOwner || access.isManager ? k.guardians : [];
  const rule = ageRuleOn(child.birth_date, day);
  const family = showGuardians ? k.guardians : [];
  // Siblings' cases in the same family, as far as this actor may see them at all.
  const siblingRows = k.family_id
    ? await tx
        .selectFrom('cases as s')
        .innerJoin('children as sc', 'sc.id', 's.child_id')
        .where('s.family_id', '=', k.family_id)
        .where('s.id', '!=', k.id)
        .select(['s.id', 's.child_id', 's.status', 'sc.given_name', 'sc.family_name'])
        .execute()
    : [];
  const siblings = [];
  const named: Listed[] = [];
  for (const sRow of siblingRows) {
    // A sibling's name is the sibling's data: shown only on a grant for its identity, and logged.
    const sees = grantFor(await grantsForChild(tx, actor, sRow.child_id, day), 'identity');
    if (sees) named.push({ childId: sRow.child_id, ground: sees.ground, consentId: sees.consentId, detail: { caseId: sRow.id, fromCaseId: k.id, kind: 'identity' } });
    siblings.push({
      caseId: sRow.id,
      status: sRow.status,
      childName: sees ? `${sRow.given_name} ${sRow.family_name}` : null,
      // A link only where the sibling's case would open for this reader (the rule its page asks).
      canOpen: await mayFollow(tx, actor, subject.case(sRow.id), rules.readCase()),
    });
  }
  await recordListed(tx, actor, 'case.sibling.view', named);
  const historyLines = history.map((h) => ({ at: new Date(h.at).toISOString(), event: h.event, personName: h.person_name, detail: historyDetail(h.event, h.detail, { showConsents, keeper: access.isOwner || access.isManager }) }));
  // Who the case manager was and became, the schools of a transfer: in words.
  const handovers = await handoverNames(tx, historyLines);
  return {
    ...base,
    child: { id: child.id, givenName: child.given_name, familyName: child.family_name, age: ageOn(child.birth_date, day) },
    nextEvaluationOn: k.next_evaluation_on,
    openedFromSignalId: k.opened_from_signal_id,
    team: team.map((t) => ({ id: t.id, personId: t.person_id, name: t.name, organisationId: t.organisation_id, organisationName: t.organisation_name, role: t.role, current: !!t.current })),
    consents,
    consentRule:
      access.isOwner || access.isManager
        ? {
            rule,
            explanation: AGE_RULE_TEXT[rule],
            guardiansWithAuthority: guardians,
            // Who may withdraw a consent today (consent-rules.ts checkWithdrawer): who may give it.
            withdrawBy: { guardians: rule === 'child' ? [] : guardians, child: rule !== 'guardians' },
          }
        : undefined,
    family: { guardians: showGuardians ? family.map((f) => f.name) : null, childParticipates: ageOn(child.birth_date, day) >= 12 },
    siblings,
    history: historyLines.map((h, i) => ({ ...h, ...handovers.get(i) })),
    involved: involvedOf({ id: k.organisation_id, name: k.organisation_name, kind: k.organisation_kind }, team, { requests: k.involved_requests, coordinators: k.school_coordinators }),
    verwijsindex: verwijsindexOf(k, day),
    transferTargets: k.status === 'open' && (access.isOwner || access.isManager) ? await transferTargetsOf(tx, k, day) : undefined,
  };
}

/**
 * What a history line may tell this reader: the contents of consents only to whom the consents data
 * kind is granted (or who keeps the case), the reason for emergency access only to who keeps it.
 */
function historyDetail(event: string, raw: unknown, who: { showConsents: boolean; keeper: boolean }): CaseEventDetail {
  // Written by caseEvent (case-commands.ts), whose detail is typed by the contract.
  const detail = (typeof raw === 'string' ? JSON.parse(raw) : raw) as CaseEventDetail;
  if (CONSENT_EVENTS.has(event) && !who.showConsents) return {};
  if (event === 'emergency_access' && !who.keeper) return { expiresAt: detail.expiresAt };
  return detail;
}

/**
 * The consents of a child, for who may see them: the family (a parent with authority, the young
 * person from 16) sees every consent of the child; who sees the consents through a case sees only
 * those of that case. The family also learns which it may withdraw itself today (the age rule of
 * withdrawConsent: a parent while the child is under 16, the child from 12).
 */
export async function childConsents(database: Database, actor: Actor, childId: string): Promise<ChildConsents> {
  return withChildAccess(database, actor, childId, 'consents', 'child.consents.read', async ({ tx, grants }) => {
    const day = today();
    const standing = grants.some((g) => g.caseId === null && g.kinds.includes('consents'));
    const cases = grants.filter((g) => g.caseId !== null && g.kinds.includes('consents')).map((g) => g.caseId!);
    if (!standing && !cases.length) return { items: [] };
    const showGuardians = grants.some((g) => g.kinds.includes('guardians'));
    const consents = await consentsOf(tx, childId, standing ? null : cases, day, showGuardians);
    const titles = new Map(
      consents.length
        ? (await tx.selectFrom('consents as c').innerJoin('cases as k', 'k.id', 'c.case_id').where('c.id', 'in', consents.map((c) => c.id)).select(['c.id', 'k.title']).execute()).map((r) => [r.id, r.title])
        : [],
    );
    const child = await tx.selectFrom('children').select('birth_date').where('id', '=', childId).executeTakeFirstOrThrow();
    const rule = ageRuleOn(child.birth_date, day);
    const family = grants.some((g) => g.ground === 'guardian_authority') ? 'guardian' : grants.some((g) => g.ground === 'self_16plus' || g.ground === 'self_12plus') ? 'child' : null;
    const mayWithdraw = (family === 'guardian' && rule !== 'child') || (family === 'child' && rule !== 'guardians');
    return {
      items: consents.map((c) => ({ ...c, caseTitle: titles.get(c.id) ?? '', can: { withdraw: mayWithdraw && (c.status === 'valid' || c.status === 'not_yet_valid') } })),
    };
  });
}

/** The consents of a child (of one case, of some cases, or all), each with its recipients and who gave it: one statement. */
async function consentsOf(tx: Tx, childId: string, caseIds: string | string[] | null, day: string, showGuardians: boolean): Promise<Consent[]> {
  let q = tx.selectFrom('consents as c').leftJoin('consent_withdrawals as w', 'w.consent_id', 'c.id').where('c.child_id', '=', childId);
  if (typeof caseIds === 'string') q = q.where('c.case_id', '=', caseIds);
  else if (caseIds) q = q.where('c.case_id', 'in', caseIds);
  const rows = await q
    .select((eb) => [
      'c.id',
      'c.purpose',
      'c.data_kinds',
      'c.method',
      'c.given_on',
      'c.valid_until',
      'c.age_rule',
      'w.withdrawn_on',
      'w.reason as withdrawal_reason',
      jsonArrayFrom(
        eb.selectFrom('consent_recipients as r').innerJoin('organisations as o', 'o.id', 'r.organisation_id').whereRef('r.consent_id', '=', 'c.id').select(['o.id', 'o.name']).orderBy('o.name').orderBy('o.id'),
      ).as('recipients'),
      jsonArrayFrom(
        eb
          .selectFrom('consent_givers as g')
          .leftJoin('guardians as gu', 'gu.id', 'g.guardian_id')
          .whereRef('g.consent_id', '=', 'c.id')
          .select(['g.child_self', sql<string | null>`gu.given_name || ' ' || gu.family_name`.as('guardian_name')])
          .orderBy('g.child_self', 'desc')
          .orderBy('gu.family_name')
          .orderBy('gu.id'),
      ).as('givers'),
    ])
    .orderBy('c.recorded_at', 'desc')
    // A consent covers only shareable kinds (recordConsent checks them against the contract's list).
    .$narrowType<{ data_kinds: ShareableKind[] }>()
    .execute();
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose,
    dataKinds: r.data_kinds,
    method: r.method,
    givenOn: r.given_on,
    validUntil: r.valid_until,
    ageRule: r.age_rule,
    status: r.withdrawn_on ? 'withdrawn' : r.valid_until < day ? 'expired' : r.given_on > day ? 'not_yet_valid' : 'valid',
    withdrawnOn: r.withdrawn_on,
    withdrawalReason: r.withdrawal_reason,
    recipients: r.recipients.map((x) => ({ id: x.id, name: x.name })),
    givenBy: r.givers.map((g) => (g.child_self ? { child: true, name: null } : { child: false, name: showGuardians ? g.guardian_name : null })),
  }));
}

/**
 * "My cases": for a care coordinator the cases of the own school; for everyone the cases whose team
 * they are on. Without a consent covering identity a case shows only that it exists and who the
 * case manager is.
 */
export async function listCases(database: Database, actor: Actor, opts: CaseListQuery): Promise<CaseList> {
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    if (!actor.personId || !actor.membership) return { items: [] };
    const owner = isCareCoordinator(actor);
    let q = tx
      .selectFrom('cases as k')
      .innerJoin('people as cm', 'cm.id', 'k.case_manager_person_id')
      .innerJoin('organisations as o', 'o.id', 'k.organisation_id')
      .where('k.region_id', '=', actor.regionId)
      .where((eb) =>
        eb.or([
          ...(owner ? [eb('k.organisation_id', '=', actor.membership!.organisationId)] : []),
          // The case manager, acting for the organisation they manage the case for.
          eb.and([eb('k.case_manager_person_id', '=', actor.personId!), eb('k.case_manager_organisation_id', '=', actor.membership!.organisationId)]),
          eb.exists(
            eb.selectFrom('case_members as m').whereRef('m.case_id', '=', 'k.id').where('m.person_id', '=', actor.personId!).where('m.organisation_id', '=', actor.membership!.organisationId).where('m.removed_at', 'is', null).select(sql`1`.as('one')),
          ),
        ]),
      );
    if (opts.status) q = q.where('k.status', '=', opts.status);
    if (opts.childId) q = q.where('k.child_id', '=', opts.childId);
    if (opts.dueForEvaluation) q = q.where('k.status', '=', 'open').where('k.next_evaluation_on', '<=', sql<string>`(${day}::date + 28)`);
    if (opts.needsCaseManager) q = q.where('k.status', '=', 'open').where(sql<boolean>`not ${caseManagerIsCurrent('k')}`);
    const rows = await q
      .select([
        'k.id',
        'k.child_id',
        'k.title',
        'k.status',
        'k.opened_on',
        'k.next_evaluation_on',
        'k.case_manager_person_id',
        'k.case_manager_organisation_id',
        'k.organisation_id',
        'o.name as organisation_name',
        sql<string>`cm.given_name || ' ' || cm.family_name`.as('case_manager_name'),
        caseManagerIsCurrent('k').as('case_manager_current'),
      ])
      // Cases waiting for a new case manager first: nobody coordinates them.
      .orderBy(sql`case when k.status = 'open' and not ${caseManagerIsCurrent('k')} then 0 else 1 end`)
      .orderBy('k.next_evaluation_on')
      .execute();
    const items = [];
    const listed: Listed[] = [];
    // The policy decides each listed case as it decides one (rules.readCase), on the facts of today:
    // the grants that count in that case and the relation to it.
    const decisions = await decideEach(tx, actor, rows.map(resolvedCase), rules.readCase());
    for (const [i, r] of rows.entries()) {
      const decision = decisions[i];
      // Never shown when the case itself would be refused (the list's SQL names the same relations).
      if (!decision) continue;
      const limited = isLimited(decision);
      const child = limited ? null : await tx.selectFrom('children').select(['given_name', 'family_name']).where('id', '=', r.child_id).executeTakeFirstOrThrow();
      listed.push({ childId: r.child_id, ground: decision.ground, consentId: decision.consentId, detail: { caseId: r.id, limited } });
      items.push({
        id: r.id,
        title: limited ? null : r.title,
        child: child ? { id: r.child_id, name: `${child.given_name} ${child.family_name}` } : null,
        status: r.status,
        openedOn: r.opened_on,
        nextEvaluationOn: limited ? null : r.next_evaluation_on,
        evaluationDue: !limited && r.status === 'open' && r.next_evaluation_on <= day,
        organisationName: r.organisation_name,
        caseManagerName: r.case_manager_name,
        needsCaseManager: r.status === 'open' && !r.case_manager_current,
        limited,
      });
    }
    await recordListed(tx, actor, 'case.list', listed);
    return { items };
  });
}

/**
 * The consent rule of a child today, for who records a consent outside a case's page (a referral
 * from a signal): the age rule, its explanation and the parents with authority who can give it.
 * The caller has asked the gateway for the child first.
 */
export async function consentRuleOfChild(tx: Tx, childId: string, day: string): Promise<ConsentRule> {
  const child = await tx.selectFrom('children').select('birth_date').where('id', '=', childId).executeTakeFirstOrThrow();
  const guardians = await tx
    .selectFrom('child_guardians as cg')
    .innerJoin('guardians as g', 'g.id', 'cg.guardian_id')
    .where('cg.child_id', '=', childId)
    .where('cg.has_authority', '=', true)
    .select(['g.id', sql<string>`g.given_name || ' ' || g.family_name`.as('name')])
    .orderBy('g.family_name')
    .orderBy('g.given_name')
    .execute();
  const rule = ageRuleOn(child.birth_date, day);
  return { rule, explanation: AGE_RULE_TEXT[rule], guardiansWithAuthority: guardians, withdrawBy: { guardians: rule === 'child' ? [] : guardians, child: rule !== 'guardians' } };
}

/** The child's open case kept by this school (the newest, if there are more), or null. The caller has asked the gateway. */
export async function openCaseKeptBy(tx: Tx, childId: string, organisationId: string): Promise<{ id: string; title: string } | null> {
  return (
    (await tx
      .selectFrom('cases')
      .select(['id', 'title'])
      .where('child_id', '=', childId)
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'open')
      .orderBy('opened_on', 'desc')
      .orderBy('id')
      .executeTakeFirst()) ?? null
  );
}

/**
 * Per organisation named by a consent of the case, the data kinds the consents in force today let
 * it see (consentKindsInForceByOrganisation, in one query: given, not expired, not withdrawn). For who keeps the case; the
 * caller has asked the gateway.
 */
export async function consentCoverage(tx: Tx, caseId: string, childId: string, day: string): Promise<{ organisationId: string; dataKinds: ShareableKind[] }[]> {
  const inForce = await consentKindsInForceByOrganisation(tx, { caseId, childId, today: day });
  const out: { organisationId: string; dataKinds: ShareableKind[] }[] = [];
  for (const [organisationId, all] of inForce) {
    const kinds = all.filter((k): k is ShareableKind => k !== 'access_log' && k !== 'bsn');
    if (kinds.length) out.push({ organisationId, dataKinds: kinds });
  }
  return out;
}

/**
 * The child's open case from which this reader may send a request (she keeps it: the school's care
 * coordinator or its case manager, as today), or null — for a link "ask for help" elsewhere (a
 * thuiszitter's entry). Asked of the gateway without a log entry (mayFollow): it opens nothing.
 */
export async function caseToSendFrom(tx: Tx, actor: Actor, childId: string): Promise<string | null> {
  if (actor.kind !== 'professional') return null;
  const open = await tx.selectFrom('cases').select('id').where('child_id', '=', childId).where('status', '=', 'open').where('region_id', '=', actor.regionId).orderBy('opened_on', 'desc').orderBy('id').execute();
  for (const k of open) if (await mayFollow(tx, actor, subject.case(k.id), rules.manageCase())) return k.id;
  return null;
}
