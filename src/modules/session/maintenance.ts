import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { Config } from '../../config.ts';
import { ADDRESS_WINDOW_MINUTES } from './session-service.ts';

/**
 * Housekeeping for sign-in data, run by `samenspel serve` every 15 minutes (on every node; the
 * statements are idempotent): sessions past their idle or absolute lifetime are marked ended, and
 * failed sign-in records older than a day — long past the throttling window — are removed.
 */
export async function pruneSignInData(db: Db, config: Config) {
  const ended = await db
    .updateTable('sessions')
    .set({ ended_at: sql`now()` })
    .where('ended_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('last_seen_at', '<', sql<Date>`now() - make_interval(mins => ${config.sessionIdleMinutes})`),
        eb('created_at', '<', sql<Date>`now() - make_interval(mins => ${config.sessionAbsoluteMinutes})`),
      ]),
    )
    .executeTakeFirst();
  const pruned = await db
    .deleteFrom('login_failures')
    .where('at', '<', sql<Date>`now() - make_interval(mins => ${Math.max(24 * 60, ADDRESS_WINDOW_MINUTES)})`)
    .executeTakeFirst();
  return { sessionsEnded: Number(ended.numUpdatedRows), failuresPruned: Number(pruned.numDeletedRows) };
}
