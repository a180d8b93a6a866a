import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { actorOf, requireRole, type AppContext } from '../../kernel/http/context.ts';
import { appendAccessLog, verifyAccessLog } from '../../kernel/audit/access-log.ts';
import { actorLogFields } from '../../kernel/policy/child-access.ts';

const tags = ['Toegangslog'];

export default async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/access-log',
    {
      schema: {
        tags,
        summary: 'Doorzoek het toegangslog van de regio (privacyfunctionaris)',
        querystring: Type.Object({
          childId: Type.Optional(Type.String({ format: 'uuid' })),
          username: Type.Optional(Type.String({ maxLength: 63 })),
          event: Type.Optional(Type.String({ maxLength: 100 })),
          outcome: Type.Optional(Type.Union([Type.Literal('allowed'), Type.Literal('denied')])),
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireRole(actor, 'privacy_officer');
      const f = request.query as { childId?: string; username?: string; event?: string; outcome?: 'allowed' | 'denied'; from?: string; to?: string; page: number; pageSize: number };
      return ctx.database.db.transaction().execute(async (tx) => {
        let base = tx.selectFrom('access_log as l').leftJoin('accounts as a', 'a.id', 'l.account_id').where('l.region_id', '=', actor.regionId);
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
            sql<string | null>`coalesce(p.given_name || ' ' || p.family_name, ag.given_name || ' ' || ag.family_name, ac.given_name || ' ' || ac.family_name)`.as('actor_name'),
            'o.name as organisation_name',
            'l.role',
            'l.ground',
            'l.ip',
          ])
          .orderBy('l.seq', 'desc')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute();
        // Looking into the log is itself logged (the privacy officer is accountable too).
        await appendAccessLog(tx, { ...actorLogFields(actor), event: 'access_log.search', outcome: 'allowed', childId: f.childId ?? null, ground: 'privacy_officer', detail: { filters: { ...f } } });
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
          page: f.page,
          pageSize: f.pageSize,
        };
      });
    },
  );

  app.get('/access-log/verify', { schema: { tags, summary: 'Controleer de hash-keten van het toegangslog (privacyfunctionaris)' } }, async (request) => {
    requireRole(actorOf(request), 'privacy_officer');
    return verifyAccessLog(ctx.database.db);
  });
}
