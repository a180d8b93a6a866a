import type { Database } from '../kernel/db/database.ts';
import { today } from '../kernel/time.ts';
import { remindOverdueRequests } from '../modules/requests/index.ts';
import { remindEvaluations } from '../modules/cases/index.ts';
import { sendDigests } from '../modules/signals/index.ts';

/** The daily digest goes out from this hour (Dutch time) on: a morning e-mail, not one at midnight. */
export const DIGEST_FROM_HOUR = 7;

const dutchHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' });

/**
 * What the clock brings (issue 13): reminders of request steps past their term and of evaluations
 * due, and — from 07:00 Dutch time — the daily digests. Each is idempotent for the day (a reminder
 * once per person, thing and due day; a digest once per person per day), so the app's housekeeping
 * runs it every quarter of an hour and `samenspel remind` can run it from cron.
 */
export async function runReminders(database: Database, opts: { linkBase: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const day = today(now);
  const overdueRequests = await remindOverdueRequests(database, { day, linkBase: opts.linkBase });
  const evaluations = await remindEvaluations(database, { day, linkBase: opts.linkBase });
  const digests = Number(dutchHour.format(now)) >= DIGEST_FROM_HOUR ? await sendDigests(database, { day, linkBase: opts.linkBase }) : 0;
  return { overdueRequests, evaluations, digests };
}
