import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';

export interface AccessLogFilter {
  regionId?: string;
  childId?: string;
  username?: string;
  /** Prefix of the event code, e.g. "child." */
  event?: string;
  outcome?: 'allowed' | 'denied';
  /** Days in the Netherlands, inclusive. */
  from?: string;
  to?: string;
}

/** Reads the access log, newest first, with who acted (a professional, a parent or the young person) by name. */
export async function searchAccessLog(tx: Tx, f: AccessLogFilter, page: number, pageSize: number) {
  let base = tx.selectFrom('access_log as l').leftJoin('accounts as a', 'a.id', 'l.account_id');
  if (f.regionId) base = base.where('l.region_id', '=', f.regionId);
  if (f.childId) base = base.where('l.child_id', '=', f.childId);
  if (f.username) base = base.where('a.username', '=', f.username.trim().toLowerCase());
  if (f.event) base = base.where('l.event', 'like', `${f.event.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  if (f.outcome) base = base.where('l.outcome', '=', f.outcome);
  if (f.from) base = base.where(sql<boolean>`l.occurred_at >= (${f.from}::date)::timestamp at time zone 'Europe/Amsterdam'`);
  if (f.to) base = base.where(sql<boolean>`l.occurred_at < ((${f.to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('people as p', 'p.id', 'l.person_id')
    .leftJoin('guardians as ag', 'ag.id', 'a.guardian_id')
    .leftJoin('children as ac', 'ac.id', 'a.child_id')
    .leftJoin('organisations as o', 'o.id', 'l.organisation_id')
    .select([
      'l.seq',
      'l.occurred_at',
      'l.event',
      'l.outcome',
      'l.child_id',
      'a.username',
      sql<string | null>`coalesce(p.given_name || ' ' || p.family_name, ag.given_name || ' ' || ag.family_name, ac.given_name || ' ' || ac.family_name, a.username)`.as('actor_name'),
      'o.name as organisation_name',
      'l.role',
      'l.ground',
      'l.ip',
    ])
    .orderBy('l.seq', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      seq: Number(r.seq),
      occurredAt: new Date(r.occurred_at).toISOString(),
      event: r.event,
      outcome: r.outcome,
      childId: r.child_id,
      username: r.username,
      actorName: r.actor_name,
      organisationName: r.organisation_name,
      role: r.role,
      ground: r.ground,
      ip: r.ip,
    })),
    total: Number(total.n),
    page,
    pageSize,
  };
}
