/**
 * How each person hears of what happens (issue 13): per kind of notification, in the app only,
 * also by e-mail at once (the default), or in one e-mail a day (the digest). A notification in the
 * app is always made; the choice is about e-mail. An urgent signal cannot wait for a digest.
 */
import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { ForbiddenError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { enqueueMail } from '../staff/index.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from '../../contracts/values/signals.ts';
import type { NotificationPreferences, SetNotificationPreferencesBody } from '../../contracts/signals.ts';

/** Without a choice of one's own: an e-mail at once. */
export const DEFAULT_CHANNEL: NotificationChannel = 'email';

/** The channels a kind may have: an urgent signal by e-mail at once or in the app only, never in a digest. */
export const channelsAllowed = (kind: NotificationKind): readonly NotificationChannel[] => (kind === 'urgent_signal' ? ['app', 'email'] : NOTIFICATION_CHANNELS);

/** Each person's channel for one kind (their own choice, else the default). */
export async function channelsFor(tx: Tx, personIds: string[], kind: NotificationKind): Promise<Map<string, NotificationChannel>> {
  const own = personIds.length ? await tx.selectFrom('notification_preferences').select(['person_id', 'channel']).where('person_id', 'in', personIds).where('kind', '=', kind).execute() : [];
  const chosen = new Map(own.map((p) => [p.person_id, p.channel]));
  return new Map(personIds.map((p) => [p, chosen.get(p) ?? DEFAULT_CHANNEL]));
}

/** The user's own choices, one per kind (the default where none was made). */
export async function myNotificationPreferences(database: Database, actor: Actor): Promise<NotificationPreferences> {
  if (actor.kind !== 'professional' || !actor.personId) throw new ForbiddenError('Meldingen per e-mail stelt een professional in.');
  const rows = await database.db.selectFrom('notification_preferences').select(['kind', 'channel']).where('person_id', '=', actor.personId).execute();
  const chosen = new Map(rows.map((r) => [r.kind, r.channel]));
  return { items: NOTIFICATION_KINDS.map((kind) => ({ kind, channel: chosen.get(kind) ?? DEFAULT_CHANNEL, channels: [...channelsAllowed(kind)] })) };
}

/** Sets the user's choices for the kinds sent (the others stay as they were); all refused when one is not allowed. */
export async function setNotificationPreferences(database: Database, actor: Actor, body: SetNotificationPreferencesBody): Promise<NotificationPreferences> {
  if (actor.kind !== 'professional' || !actor.personId) throw new ForbiddenError('Meldingen per e-mail stelt een professional in.');
  const errors: FieldError[] = [];
  body.items.forEach((p, i) => {
    if (!channelsAllowed(p.kind).includes(p.channel)) errors.push({ name: `items/${i}/channel`, code: 'not_allowed', reason: 'Een dringend signaal kan niet wachten op het dagelijkse overzicht: kies e-mail of alleen in de app.' });
  });
  if (new Set(body.items.map((p) => p.kind)).size !== body.items.length) errors.push({ name: 'items', code: 'duplicate', reason: 'Elke soort melding komt één keer voor.' });
  if (errors.length) throw new ValidationError(errors, 'De keuzes zijn niet opgeslagen. Controleer de gemarkeerde keuzes.');
  const personId = actor.personId;
  await database.db.transaction().execute(async (tx) => {
    for (const p of body.items) {
      await tx
        .insertInto('notification_preferences')
        .values({ person_id: personId, kind: p.kind, channel: p.channel })
        .onConflict((oc) => oc.columns(['person_id', 'kind']).doUpdateSet({ channel: p.channel, updated_at: sql`now()` }))
        .execute();
    }
  });
  return myNotificationPreferences(database, actor);
}

/** The digest's words per kind, counted (plural right); no child data. */
const DIGEST_LINES: Record<NotificationKind, [string, string]> = {
  urgent_signal: ['dringend signaal', 'dringende signalen'],
  request_received: ['nieuw verzoek', 'nieuwe verzoeken'],
  request_update: ['nieuwe stap in een verzoek', 'nieuwe stappen in verzoeken'],
  request_overdue: ['verzoek over de termijn', 'verzoeken over de termijn'],
  case_handed_over: ['casus aan u overgedragen', 'casussen aan u overgedragen'],
  case_transferred: ['casus naar uw school overgedragen', 'casussen naar uw school overgedragen'],
  observation_asked: ['observatie gevraagd', 'observaties gevraagd'],
  signal_decided: ['besluit over uw signaal', 'besluiten over uw signalen'],
  consent_withdrawn: ['toestemming ingetrokken', 'toestemmingen ingetrokken'],
  evaluation_due: ['evaluatie binnenkort', 'evaluaties binnenkort'],
  request_escalated: ['vraag van de regio om verzoeken op te pakken', 'vragen van de regio om verzoeken op te pakken'],
};

/**
 * The daily digest: for each person who chose it for some kinds, one e-mail with how many of each
 * came in since the last digest (no child data, only counts and where to log in), and those
 * notifications marked as digested. Sent at most once per person per day (`day`, Dutch date):
 * whoever had a digest today gets the rest tomorrow. Returns how many e-mails were queued.
 */
export async function sendDigests(database: Database, opts: { day: string; linkBase: string }): Promise<number> {
  return database.db.transaction().execute(async (tx) => {
    const waiting = await tx
      .selectFrom('notifications as n')
      .innerJoin('people as p', 'p.id', 'n.person_id')
      .where('n.by_digest', '=', true)
      .where('n.digested_on', 'is', null)
      .where('p.email', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('notifications as d')
              .whereRef('d.person_id', '=', 'n.person_id')
              .where('d.digested_on', '=', opts.day)
              .select('d.id'),
          ),
        ),
      )
      .select(['n.id', 'n.person_id', 'n.region_id', 'n.kind', 'p.email'])
      .forUpdate()
      .execute();
    const byPerson = new Map<string, { email: string; regionId: string; ids: string[]; counts: Map<NotificationKind, number> }>();
    for (const w of waiting) {
      const e = byPerson.get(w.person_id) ?? { email: w.email!, regionId: w.region_id, ids: [] as string[], counts: new Map<NotificationKind, number>() };
      e.ids.push(w.id);
      e.counts.set(w.kind, (e.counts.get(w.kind) ?? 0) + 1);
      byPerson.set(w.person_id, e);
    }
    const mails = [...byPerson.values()].map((e) => ({
      regionId: e.regionId,
      kind: 'digest',
      to: e.email,
      subject: 'Uw overzicht van vandaag in Samenspel',
      body: `Sinds het vorige overzicht kwam er dit voor u binnen:\n\n${[...e.counts]
        .map(([kind, n]) => `- ${n} ${n === 1 ? DIGEST_LINES[kind][0] : DIGEST_LINES[kind][1]}`)
        .join('\n')}\n\nLog in om te zien wat er op u wacht:\n\n${opts.linkBase}/\n`,
    }));
    await enqueueMail(tx, mails);
    const ids = [...byPerson.values()].flatMap((e) => e.ids);
    for (let i = 0; i < ids.length; i += 1000) await tx.updateTable('notifications').set({ digested_on: opts.day }).where('id', 'in', ids.slice(i, i + 1000)).execute();
    return mails.length;
  });
}
