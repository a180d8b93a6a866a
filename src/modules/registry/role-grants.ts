import { sql } from 'kysely';
import { requireCapability } from '../../kernel/policy/capabilities.ts';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { CHILD_DATA_ROLES, type Role } from '../../kernel/policy/roles.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ConflictError, ForbiddenError, NotFoundError, ProblemError, ValidationError } from '../../kernel/errors.ts';
import { regionSetting } from '../../kernel/settings/region-settings.ts';
import { } from '../../kernel/http/context.ts';

/** Whether a role sees children's data (kernel/policy/roles.ts). */
export const seesChildData = (role: string) => (CHILD_DATA_ROLES as readonly string[]).includes(role);

export interface RoleToGrant {
  personId: string;
  organisationId: string;
  role: Role;
}

/** Nobody gives themselves a role: another administrator does (a field error names the field). */
export function refuseSelfGrant(actor: Actor, personId: string, field = 'personId') {
  if (actor.personId && actor.personId === personId) {
    throw new ProblemError(403, 'Geen toegang', 'U kunt uzelf geen rol geven. Vraag een andere functioneel beheerder om dit te doen.', 'self_grant', [
      { name: field, code: 'self_grant', reason: 'U kunt uzelf geen rol geven. Vraag een andere functioneel beheerder.' },
    ]);
  }
}

/** Opens (or reopens) the memberships, set-based; returns their ids in the order given. */
async function openMemberships(tx: Tx, grants: readonly { personId: string; organisationId: string; role: string }[]): Promise<string[]> {
  if (!grants.length) return [];
  const ids: string[] = [];
  for (let i = 0; i < grants.length; i += 1000) {
    const part = grants.slice(i, i + 1000);
    const rows = await sql<{ id: string; person_id: string; organisation_id: string; role: string }>`
      insert into memberships (person_id, organisation_id, role)
      select x.person_id, x.organisation_id, x.role from jsonb_to_recordset(${JSON.stringify(part.map((g) => ({ person_id: g.personId, organisation_id: g.organisationId, role: g.role })))}::jsonb)
        as x(person_id uuid, organisation_id uuid, role text)
      on conflict (person_id, organisation_id, role) do update set ended_at = null
      returning id, person_id, organisation_id, role`.execute(tx);
    const byKey = new Map(rows.rows.map((r) => [`${r.person_id}|${r.organisation_id}|${r.role}`, r.id]));
    ids.push(...part.map((g) => byKey.get(`${g.personId}|${g.organisationId}|${g.role}`)!));
  }
  return ids;
}

async function openMembership(tx: Tx, g: { personId: string; organisationId: string; role: string }): Promise<string> {
  return (await openMemberships(tx, [g]))[0];
}

export interface GrantResult {
  /** Memberships that took effect now. */
  granted: { personId: string; organisationId: string; role: Role; membershipId: string }[];
  /** Roles waiting for a second administrator. */
  pending: { personId: string; organisationId: string; role: Role; grantId: string }[];
}

/**
 * Gives roles, inside the caller's transaction, set-based (a staff import gives thousands). A role
 * that sees children's data is written to the ledger (role_grants) and logged as an administrative
 * event the privacy officer sees (`admin.role_granted`, or `admin.role_requested` when it waits);
 * when the region requires a second administrator (setting roleGrantApproval), it takes effect only
 * on approval. Other roles take effect at once. The caller has checked the organisations and roles;
 * nobody grants themselves a role (refused here too). `actor` null: the installation's command line.
 */
export async function grantRoles(tx: Tx, actor: Actor | null, regionId: string, grants: RoleToGrant[], opts: { importId?: string | null } = {}): Promise<GrantResult> {
  const result: GrantResult = { granted: [], pending: [] };
  if (!grants.length) return result;
  for (const g of grants) if (actor) refuseSelfGrant(actor, g.personId);
  const approval = !!actor && (await regionSetting(tx, regionId, 'roleGrantApproval')) === 1;
  const plain = grants.filter((g) => !seesChildData(g.role));
  const sensitive = grants.filter((g) => seesChildData(g.role));
  const plainIds = await openMemberships(tx, plain);
  result.granted.push(...plain.map((g, i) => ({ ...g, membershipId: plainIds[i] })));
  if (!sensitive.length) return result;

  const requestedBy = actor?.personId ?? null;
  const importId = opts.importId ?? null;
  let ledger: { id: string; person_id: string; organisation_id: string; role: string }[];
  if (approval) {
    // Waiting requests; one already waiting for the same role is kept.
    const rows = sensitive.map((g) => ({ person_id: g.personId, organisation_id: g.organisationId, role: g.role }));
    await sql`insert into role_grants (region_id, person_id, organisation_id, role, requested_by_person_id, import_id, approval_required, status)
      select ${regionId}::uuid, x.person_id, x.organisation_id, x.role, ${requestedBy}::uuid, ${importId}::uuid, true, 'pending'
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(person_id uuid, organisation_id uuid, role text)
      on conflict (person_id, organisation_id, role) where status = 'pending' do nothing`.execute(tx);
    ledger = (
      await sql<{ id: string; person_id: string; organisation_id: string; role: string }>`select g.id, g.person_id, g.organisation_id, g.role from role_grants g
        join jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(person_id uuid, organisation_id uuid, role text)
          on g.person_id = x.person_id and g.organisation_id = x.organisation_id and g.role = x.role
        where g.status = 'pending'`.execute(tx)
    ).rows;
    const byKey = new Map(ledger.map((r) => [`${r.person_id}|${r.organisation_id}|${r.role}`, r.id]));
    result.pending.push(...sensitive.map((g) => ({ ...g, grantId: byKey.get(`${g.personId}|${g.organisationId}|${g.role}`)! })));
  } else {
    const membershipIds = await openMemberships(tx, sensitive);
    const rows = sensitive.map((g, i) => ({ person_id: g.personId, organisation_id: g.organisationId, role: g.role, membership_id: membershipIds[i] }));
    ledger = (
      await sql<{ id: string; person_id: string; organisation_id: string; role: string }>`insert into role_grants (region_id, person_id, organisation_id, role, requested_by_person_id, import_id, approval_required, status, decided_at, membership_id)
        select ${regionId}::uuid, x.person_id, x.organisation_id, x.role, ${requestedBy}::uuid, ${importId}::uuid, false, 'granted', now(), x.membership_id
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(person_id uuid, organisation_id uuid, role text, membership_id uuid)
        returning id, person_id, organisation_id, role`.execute(tx)
    ).rows;
    result.granted.push(...sensitive.map((g, i) => ({ ...g, membershipId: membershipIds[i] })));
  }
  for (const l of ledger) {
    await recordEvent(tx, actor, {
      event: approval ? 'admin.role_requested' : 'admin.role_granted',
      // Without an actor (the command line: the installation itself) the entry names only the region.
      regionId: actor ? undefined : regionId,
      detail: { grantId: l.id, personId: l.person_id, organisationId: l.organisation_id, role: l.role, seesChildData: true, importId },
    });
  }
  return result;
}

async function pendingGrant(tx: Tx, actor: Actor, id: string) {
  const g = await tx.selectFrom('role_grants').selectAll().where('id', '=', id).where('region_id', '=', actor.regionId).forUpdate().executeTakeFirst();
  if (!g) throw new NotFoundError();
  if (g.status !== 'pending') throw new ConflictError(g.status === 'granted' ? 'Deze rol is al goedgekeurd.' : 'Deze rol is al afgewezen.', 'already_decided');
  if (g.person_id === actor.personId) throw new ForbiddenError('U kunt een rol voor uzelf niet goedkeuren of afwijzen.', 'own_role');
  if (g.requested_by_person_id === actor.personId) throw new ForbiddenError('Een tweede functioneel beheerder keurt de rol goed, niet wie hem aanvroeg.', 'own_request');
  return g;
}

/** A second functional administrator approves a waiting role: the membership takes effect now. */
export async function approveRoleGrant(database: Database, actor: Actor, id: string) {
  requireCapability(actor, 'administerRegion');
  return database.db.transaction().execute(async (tx) => {
    const g = await pendingGrant(tx, actor, id);
    const membershipId = await openMembership(tx, { personId: g.person_id, organisationId: g.organisation_id, role: g.role });
    await tx.updateTable('role_grants').set({ status: 'granted', decided_by_person_id: actor.personId, decided_at: new Date(), membership_id: membershipId }).where('id', '=', id).execute();
    await recordEvent(tx, actor, {
      event: 'admin.role_granted',
      detail: { grantId: id, personId: g.person_id, organisationId: g.organisation_id, role: g.role, seesChildData: true, approvedRequestOf: g.requested_by_person_id },
    });
    return { id, status: 'granted' as const, membershipId };
  });
}

/** A second functional administrator refuses a waiting role, with a reason. */
export async function rejectRoleGrant(database: Database, actor: Actor, id: string, reason: string) {
  requireCapability(actor, 'administerRegion');
  if (!reason.trim()) throw new ValidationError([{ name: 'reason', code: 'required', reason: 'Licht toe waarom u de rol afwijst.' }]);
  return database.db.transaction().execute(async (tx) => {
    const g = await pendingGrant(tx, actor, id);
    await tx.updateTable('role_grants').set({ status: 'rejected', decided_by_person_id: actor.personId, decided_at: new Date(), decision_reason: reason.trim() }).where('id', '=', id).execute();
    await recordEvent(tx, actor, { event: 'admin.role_rejected', detail: { grantId: id, personId: g.person_id, organisationId: g.organisation_id, role: g.role, reason: reason.trim() } });
    return { id, status: 'rejected' as const };
  });
}

/**
 * The ledger of roles that see children's data: for functional administrators (to approve what
 * waits) and the privacy officer (to see who was given access to children, by whom, when).
 */
export async function listRoleGrants(database: Database, actor: Actor, opts: { status?: 'pending' | 'granted' | 'rejected'; page: number; pageSize: number }) {
  const m = requireCapability(actor, 'reviewRoleGrants');
  return database.db.transaction().execute(async (tx) => {
    let q = tx
      .selectFrom('role_grants as g')
      .innerJoin('people as p', 'p.id', 'g.person_id')
      .innerJoin('organisations as o', 'o.id', 'g.organisation_id')
      .leftJoin('people as rq', 'rq.id', 'g.requested_by_person_id')
      .leftJoin('people as dc', 'dc.id', 'g.decided_by_person_id')
      .where('g.region_id', '=', actor.regionId);
    if (opts.status) q = q.where('g.status', '=', opts.status);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .select([
        'g.id',
        'g.person_id',
        'g.role',
        'g.status',
        'g.requested_at',
        'g.decided_at',
        'g.decision_reason',
        'g.import_id',
        'g.requested_by_person_id',
        'o.id as organisation_id',
        'o.name as organisation_name',
        sql<string>`p.given_name || ' ' || p.family_name`.as('person_name'),
        sql<string | null>`rq.given_name || ' ' || rq.family_name`.as('requested_by_name'),
        sql<string | null>`dc.given_name || ' ' || dc.family_name`.as('decided_by_name'),
      ])
      // Roles enter the ledger only through grantRoles, typed as the roles the policy knows.
      .$narrowType<{ role: Role }>()
      .orderBy(sql`case when g.status = 'pending' then 0 else 1 end`)
      .orderBy('g.requested_at', 'desc')
      .orderBy('g.id')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute();
    if (m?.role === 'privacy_officer') {
      await recordEvent(tx, actor, { event: 'admin.role_grants.read', ground: 'privacy_officer', detail: { status: opts.status ?? null } });
    }
    const admin = m?.role === 'functional_admin';
    return {
      items: rows.map((r) => ({
        id: r.id,
        personId: r.person_id,
        personName: r.person_name,
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        role: r.role,
        status: r.status,
        requestedAt: new Date(r.requested_at).toISOString(),
        requestedBy: r.requested_by_name,
        decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
        decidedBy: r.decided_by_name,
        decisionReason: r.decision_reason,
        fromImport: !!r.import_id,
        can: {
          decide: admin && r.status === 'pending' && r.person_id !== actor.personId && r.requested_by_person_id !== actor.personId,
        },
      })),
      total: Number(total.n),
      page: opts.page,
      pageSize: opts.pageSize,
      can: { approve: admin },
    };
  });
}
