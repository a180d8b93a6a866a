import type { Database } from '../../kernel/db/database.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { notifyPeople } from '../signals/index.ts';

/** A plan's evaluation is announced to the case manager this many days before it is due. */
export const EVALUATION_REMINDER_DAYS = 7;

/** The e-mail about an evaluation due: no child data, only where to log in. */
export const EVALUATION_DUE_MAIL = {
  subject: 'Een evaluatie komt eraan',
  body: (link: string) => `Het plan van een casus waarvan u casusregisseur bent, wordt binnenkort geëvalueerd. Log in om de evaluatie voor te bereiden.\n\n${link}\n`,
};

/**
 * Reminds each case manager of an evaluation due within the next week (or past), once per case and
 * evaluation day (run by the app's housekeeping; also `samenspel remind`). Only an open case, and
 * only a case manager who still works for the organisation she manages it for. Returns how many cases.
 */
export async function remindEvaluations(database: Database, opts: { day: string; linkBase: string }): Promise<number> {
  return database.db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('cases as k')
      .innerJoin('memberships as m', (j) => j.onRef('m.person_id', '=', 'k.case_manager_person_id').onRef('m.organisation_id', '=', 'k.case_manager_organisation_id'))
      .where('k.status', '=', 'open')
      .where('m.ended_at', 'is', null)
      .where('k.next_evaluation_on', '<=', addCalendarDays(opts.day, EVALUATION_REMINDER_DAYS))
      .select(['k.id', 'k.region_id', 'k.case_manager_person_id', 'k.case_manager_organisation_id', 'k.next_evaluation_on'])
      .distinct()
      .execute();
    for (const k of due) {
      await notifyPeople(tx, {
        regionId: k.region_id,
        organisationId: k.case_manager_organisation_id,
        personIds: [k.case_manager_person_id],
        kind: 'evaluation_due',
        caseId: k.id,
        aboutDay: k.next_evaluation_on,
        mail: { subject: EVALUATION_DUE_MAIL.subject, body: EVALUATION_DUE_MAIL.body(`${opts.linkBase}/casussen/${k.id}`) },
      });
    }
    return due.length;
  });
}
