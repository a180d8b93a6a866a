import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import { enqueueMail } from '../staff/index.ts';
import { channelsFor } from './notification-preferences.ts';
import type { Notification, NotificationList } from '../../contracts/signals.ts';
import type { NotificationKind } from '../../contracts/values/signals.ts';

/** The roles of a school's care coordinators (IB / zorgcoördinator): who picks up its signals. */
const CARE_ROLES = ['intern_begeleider', 'care_coordinator'];

/** The e-mail about an urgent signal: no child data at all, only that there is one and where to log in. */
export const URGENT_SIGNAL_MAIL = {
  subject: 'Dringend signaal op uw school',
  body: (link: string) => `Er is een dringend signaal op uw school. Log in om het te bekijken.\n\n${link}\n`,
};

/**
 * Tells the school's care coordinators at once that an urgent signal was raised (inside the
 * transaction that raised it): a notification in the app for each, and an e-mail through the
 * outbox to each who has an address. Only current memberships of that school location count; the
 * author is not told about her own signal. Neither holds child data: the signal's page does, behind
 * the policy.
 */
export async function notifyUrgentSignal(tx: Tx, signal: { id: string; regionId: string; organisationId: string; authorPersonId: string }, linkBase: string) {
  const coordinators = await tx
    .selectFrom('memberships as m')
    .where('m.organisation_id', '=', signal.organisationId)
    .where('m.role', 'in', CARE_ROLES)
    .where('m.ended_at', 'is', null)
    .where('m.person_id', '<>', signal.authorPersonId)
    .select('m.person_id')
    .distinct()
    .execute();
  return notifyPeople(tx, {
    regionId: signal.regionId,
    organisationId: signal.organisationId,
    personIds: coordinators.map((c) => c.person_id),
    kind: 'urgent_signal',
    signalId: signal.id,
    mail: { subject: URGENT_SIGNAL_MAIL.subject, body: URGENT_SIGNAL_MAIL.body(`${linkBase}/signalen/${signal.id}`) },
  });
}

/**
 * Tells people at one organisation that something waits for them (inside the transaction that
 * caused it): a notification in the app for each, for that organisation, and — as each chose for
 * this kind (notification-preferences.ts: in the app only, also by e-mail at once, or in the daily
 * digest) — an e-mail through the outbox to each who has an address. Neither holds child data: only
 * that there is something, and the link to the page that checks access. A reminder (`aboutDay`) is
 * sent once per person, thing and day: a second call for the same day tells nobody again. Used by
 * other modules through the signals module's interface (it owns the notifications table for now).
 */
export async function notifyPeople(
  tx: Tx,
  n: {
    regionId: string;
    organisationId: string;
    personIds: string[];
    kind: NotificationKind;
    signalId?: string | null;
    requestId?: string | null;
    caseId?: string | null;
    observationId?: string | null;
    aboutDay?: string | null;
    mail: { subject: string; body: string };
  },
): Promise<{ notified: number }> {
  let ids = [...new Set(n.personIds)];
  if (!ids.length) return { notified: 0 };
  if (n.aboutDay) {
    const about = n.requestId ?? n.caseId;
    const already = await tx
      .selectFrom('notifications')
      .select('person_id')
      .where('person_id', 'in', ids)
      .where('kind', '=', n.kind)
      .where('about_day', '=', n.aboutDay)
      .where(sql<boolean>`coalesce(request_id, case_id) = ${about}`)
      .execute();
    const told = new Set(already.map((a) => a.person_id));
    ids = ids.filter((p) => !told.has(p));
    if (!ids.length) return { notified: 0 };
  }
  const people = await tx.selectFrom('people').select(['id', 'email']).where('id', 'in', ids).execute();
  const channels = await channelsFor(tx, people.map((p) => p.id), n.kind);
  await tx
    .insertInto('notifications')
    .values(
      people.map((p) => ({
        region_id: n.regionId,
        person_id: p.id,
        organisation_id: n.organisationId,
        kind: n.kind,
        signal_id: n.signalId ?? null,
        request_id: n.requestId ?? null,
        case_id: n.caseId ?? null,
        observation_id: n.observationId ?? null,
        about_day: n.aboutDay ?? null,
        by_digest: channels.get(p.id) === 'digest',
      })),
    )
    .execute();
  await enqueueMail(
    tx,
    people
      .filter((p): p is { id: string; email: string } => !!p.email && channels.get(p.id) === 'email')
      .map((p) => ({ regionId: n.regionId, kind: n.kind, to: p.email, subject: n.mail.subject, body: n.mail.body })),
  );
  return { notified: people.length };
}

/** The notifications of the user for the organisation acted for now, newest first (at most 50), with the number unread. */
export async function myNotifications(database: Database, actor: Actor): Promise<NotificationList> {
  if (!actor.personId || !actor.membership) return { items: [], unread: 0 };
  const mine = database.db.selectFrom('notifications').where('person_id', '=', actor.personId).where('organisation_id', '=', actor.membership.organisationId).where('region_id', '=', actor.regionId);
  const rows = await mine.select(['id', 'kind', 'signal_id', 'request_id', 'case_id', 'observation_id', 'created_at', 'read_at']).orderBy('created_at', 'desc').orderBy('id').limit(50).execute();
  const unread = await mine.where('read_at', 'is', null).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(present), unread: Number(unread.n) };
}

const present = (r: { id: string; kind: NotificationKind; signal_id: string | null; request_id: string | null; case_id: string | null; observation_id: string | null; created_at: Date; read_at: Date | null }): Notification => ({
  id: r.id,
  kind: r.kind,
  signalId: r.signal_id,
  requestId: r.request_id,
  caseId: r.case_id,
  observationId: r.observation_id,
  createdAt: new Date(r.created_at).toISOString(),
  read: r.read_at !== null,
});

/** Marks one of the user's own notifications as read (again: no change). Another's is not found (404). */
export async function markNotificationRead(database: Database, actor: Actor, id: string): Promise<Notification> {
  if (!actor.personId || !actor.membership) throw new NotFoundError();
  const row = await database.db
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('person_id', '=', actor.personId)
    .where('organisation_id', '=', actor.membership.organisationId)
    .where('region_id', '=', actor.regionId)
    .returning(['id', 'kind', 'signal_id', 'request_id', 'case_id', 'observation_id', 'created_at', 'read_at'])
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return present(row);
}
