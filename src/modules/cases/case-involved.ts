import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Tx } from '../../kernel/db/database.ts';
import { readIf } from '../../kernel/policy/gateway.ts';
import { SCHOOL_CARE_ROLES } from '../../kernel/policy/signal-policy.ts';
import type { CaseEventDetail, InvolvedOrganisation } from '../../contracts/cases.ts';
import type { Involvement } from '../../contracts/values/cases.ts';
import { OPEN_REQUEST_STATUSES } from '../../contracts/values/requests.ts';

/*
 * "Professionals find each other without a parallel register" (issue 13): the case view names each
 * organisation working with the case today and who to contact there. It is read from what the case
 * already holds — its school, its team, its open requests — and keeps nothing of its own: the
 * register of involvement is the gemeente's verwijsindex (verwijsindex.ts).
 */

type Contact = InvolvedOrganisation['contacts'][number];

/**
 * What `involvedOf` is built from beyond the case's team, as subqueries over the case row `k` (the
 * case view reads them in its own statement): the open requests sent from the case, with who holds
 * each (and whether she still works at that organisation); the school's care coordinators today.
 */
export function involvedColumns(tx: Tx, granted: boolean) {
  return {
    requests: jsonArrayFrom(
      tx
        .selectFrom('requests as rq')
        .innerJoin('organisations as o', 'o.id', 'rq.to_organisation_id')
        .leftJoin('people as hp', 'hp.id', 'rq.holder_person_id')
        .leftJoin('memberships as hm', (j) => j.onRef('hm.person_id', '=', 'rq.holder_person_id').onRef('hm.organisation_id', '=', 'rq.to_organisation_id').on('hm.ended_at', 'is', null))
        .where(sql<boolean>`rq.case_id = k.id`)
        .where(readIf(granted))
        .where('rq.status', 'in', OPEN_REQUEST_STATUSES)
        .select(['rq.to_organisation_id', 'o.name as organisation_name', 'o.kind', 'hp.id as holder_id', sql<string | null>`hp.given_name || ' ' || hp.family_name`.as('holder_name'), 'hp.email as holder_email', 'hm.role as holder_role'])
        .orderBy('rq.sent_on')
        .orderBy('rq.id'),
    ),
    coordinators: jsonArrayFrom(
      tx
        .selectFrom('memberships as mm')
        .innerJoin('people as p', 'p.id', 'mm.person_id')
        .where(sql<boolean>`mm.organisation_id = k.organisation_id`)
        .where(readIf(granted))
        .where('mm.role', 'in', SCHOOL_CARE_ROLES)
        .where('mm.ended_at', 'is', null)
        .select(['p.id', sql<string>`p.given_name || ' ' || p.family_name`.as('name'), 'mm.role', 'p.email'])
        .orderBy('p.family_name')
        .orderBy('p.id'),
    ),
  };
}

interface TeamMember {
  organisation_id: string;
  organisation_name: string;
  kind: InvolvedOrganisation['kind'];
  person_id: string;
  name: string;
  role: string;
  email: string | null;
  /** Whether she still works for the organisation she is on the team for. */
  current: boolean;
}

/**
 * Each organisation involved with the case, in the order the team meets them: the school that keeps
 * it, each current team member's organisation, each organisation that received an open request from
 * it. The contacts are its team members who still work there; an organisation without one on the
 * team is reached through the colleague who holds the request, and the school through its care
 * coordinators. E-mail addresses as the people table holds them (professionals' work addresses; no
 * child data). For the readers of the full case view (the caller decides), from what it read with
 * the case: the team in the order they were added, and `involvedColumns`.
 */
export function involvedOf(
  school: { id: string; name: string; kind: InvolvedOrganisation['kind'] },
  teamRows: TeamMember[],
  read: {
    requests: { to_organisation_id: string; organisation_name: string; kind: InvolvedOrganisation['kind']; holder_id: string | null; holder_name: string | null; holder_email: string | null; holder_role: string | null }[];
    coordinators: { id: string; name: string; role: string; email: string | null }[];
  },
): InvolvedOrganisation[] {
  // Who left the organisation is no contact there (the team list still shows them, marked).
  const team = teamRows.filter((m) => m.current);
  const byOrg = new Map<string, InvolvedOrganisation>();
  const entry = (id: string, name: string, kind: InvolvedOrganisation['kind'], why: Involvement) => {
    let e = byOrg.get(id);
    if (!e) {
      e = { organisationId: id, name, kind, why: [], contacts: [] };
      byOrg.set(id, e);
    }
    if (!e.why.includes(why)) e.why.push(why);
    return e;
  };
  const addContact = (e: InvolvedOrganisation, c: Contact) => {
    if (!e.contacts.some((x) => x.personId === c.personId)) e.contacts.push(c);
  };
  const schoolEntry = entry(school.id, school.name, school.kind, 'school');
  for (const m of team) addContact(entry(m.organisation_id, m.organisation_name, m.kind, 'team'), { personId: m.person_id, name: m.name, role: m.role, email: m.email });
  for (const r of read.requests) {
    const e = entry(r.to_organisation_id, r.organisation_name, r.kind, 'request');
    // Without a team member there: the colleague who holds the request (while she works there).
    const onTeam = team.some((m) => m.organisation_id === r.to_organisation_id);
    if (!onTeam && r.holder_id && r.holder_name && r.holder_role) addContact(e, { personId: r.holder_id, name: r.holder_name, role: r.holder_role, email: r.holder_email });
  }
  // The school without anyone of it on the team (its case manager left): its care coordinators.
  if (!schoolEntry.contacts.length) for (const c of read.coordinators) addContact(schoolEntry, { personId: c.id, name: c.name, role: c.role, email: c.email });
  return [...byOrg.values()];
}

/**
 * The history's words for a change of hands: who the case manager was and became ("Name
 * (Organisation)"), the school a case came from and the one it went to. Read for the events that
 * name them; other events get nothing.
 */
export async function handoverNames(tx: Tx, events: { event: string; detail: CaseEventDetail }[]): Promise<Map<number, { fromName: string | null; toName: string | null }>> {
  const personIds = new Set<string>();
  const organisationIds = new Set<string>();
  for (const { event, detail } of events) {
    if (event !== 'case_manager_changed' && event !== 'transferred') continue;
    for (const p of [detail.from, detail.to]) {
      if (p) {
        personIds.add(p.personId);
        organisationIds.add(p.organisationId);
      }
    }
    if (detail.fromOrganisationId) organisationIds.add(detail.fromOrganisationId);
    if (detail.toOrganisationId) organisationIds.add(detail.toOrganisationId);
  }
  const names = new Map<number, { fromName: string | null; toName: string | null }>();
  if (!personIds.size && !organisationIds.size) return names;
  const people = new Map(
    personIds.size ? (await tx.selectFrom('people').where('id', 'in', [...personIds]).select(['id', sql<string>`given_name || ' ' || family_name`.as('name')]).execute()).map((p) => [p.id, p.name]) : [],
  );
  const orgs = new Map(organisationIds.size ? (await tx.selectFrom('organisations').where('id', 'in', [...organisationIds]).select(['id', 'name']).execute()).map((o) => [o.id, o.name]) : []);
  /** "Name (Organisation)". */
  const at = (p: { personId: string; organisationId: string } | undefined) => {
    const name = p ? people.get(p.personId) : undefined;
    const org = p ? orgs.get(p.organisationId) : undefined;
    return name && org ? `${name} (${org})` : (name ?? org ?? null);
  };
  events.forEach(({ event, detail }, i) => {
    if (event === 'case_manager_changed') names.set(i, { fromName: at(detail.from), toName: at(detail.to) });
    if (event === 'transferred') names.set(i, { fromName: detail.fromOrganisationId ? (orgs.get(detail.fromOrganisationId) ?? null) : null, toName: at(detail.to) });
  });
  return names;
}
