import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { childOrder } from './child-order.ts';

/**
 * Demo thuiszitters for the attendance officer of Zeist: some pupils found by the LRV rule were
 * confirmed into the register (one without any offer yet, one with a fitting part-time offer, one
 * with care that does not fit), one child has not been enrolled anywhere for four months, and one
 * has a 5a exemption for five months with care that is not a fitting offer. The last two show the
 * Thuiszitterspact norm: longer than 3 months at home without a fitting offer. Other LRV reports
 * stay in the candidate list for a person to decide on.
 */
export async function seedDemoThuiszitters(tx: Tx, opts: { regionId: string; today: string; attendanceOfficer: { personId: string; organisationId: string } }) {
  const officer = opts.attendanceOfficer;
  const gemeente = await tx.selectFrom('organisations').select('gemeente_id').where('id', '=', officer.organisationId).executeTakeFirstOrThrow();
  const livesInZeist = sql<boolean>`(select cr.gemeente_id from child_residences cr where cr.child_id = c.id order by cr.valid_from desc, cr.recorded_at desc limit 1) = ${gemeente.gemeente_id}`;

  const lrv = await tx
    .selectFrom('absence_reports as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .select(['r.id', 'r.child_id', 'r.organisation_id', 'r.start_date'])
    .where('r.region_id', '=', opts.regionId)
    .where('r.type', '=', 'lrv')
    .where(livesInZeist)
    .orderBy('r.start_date')
    .orderBy(childOrder('r.child_id'))
    .orderBy('r.type')
    .execute();

  type Offer = { offer: 'none' | 'education_partial' | 'care'; hours: number | null; fitting: boolean; after: number };
  const offers: Offer[] = [
    { offer: 'none', hours: null, fitting: false, after: 0 },
    { offer: 'education_partial', hours: 8, fitting: true, after: 10 },
    { offer: 'care', hours: null, fitting: false, after: 5 },
  ];
  const entries: { childId: string; start: string; category: 'lrv' | 'absoluut' | '5a'; school: string | null; reportId: string | null; offer: Offer }[] = [];
  lrv.slice(0, 3).forEach((r, i) => entries.push({ childId: r.child_id, start: r.start_date, category: 'lrv', school: r.organisation_id, reportId: r.id, offer: offers[i] }));

  // A child of compulsory school age living in Zeist whose enrolment ended and who is enrolled nowhere.
  const notEnrolled = await tx
    .selectFrom('children as c')
    .innerJoin('enrolments as e', 'e.child_id', 'c.id')
    .select(['c.id', sql<string>`max(e.end_date)::text`.as('ended')])
    .where('c.region_id', '=', opts.regionId)
    .where(livesInZeist)
    .where('c.birth_date', '<=', addCalendarDays(opts.today, -7 * 366))
    .where('c.birth_date', '>', addCalendarDays(opts.today, -15 * 365))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('enrolments as e2').select('e2.id').whereRef('e2.child_id', '=', 'c.id').where((eb) => eb.or([eb('e2.end_date', 'is', null), eb('e2.end_date', '>=', opts.today)])))))
    .groupBy('c.id')
    .orderBy(childOrder('c.id'))
    .limit(1)
    .execute();
  for (const c of notEnrolled) entries.push({ childId: c.id, start: addCalendarDays(opts.today, -122), category: 'absoluut', school: null, reportId: null, offer: { offer: 'none', hours: null, fitting: false, after: 0 } });

  // A pupil with a 5a exemption for five months (counted separately, but watched).
  const exempt = await tx
    .selectFrom('children as c')
    .innerJoin('enrolments as e', 'e.child_id', 'c.id')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select(['c.id', 'e.organisation_id'])
    .where('c.region_id', '=', opts.regionId)
    .where('o.school_type', '=', 'so')
    .where('e.end_date', 'is', null)
    .where(livesInZeist)
    .where('c.id', 'not in', entries.length ? entries.map((e) => e.childId) : ['00000000-0000-0000-0000-000000000000'])
    .orderBy(childOrder('c.id'))
    .limit(1)
    .execute();
  for (const c of exempt) entries.push({ childId: c.id, start: addCalendarDays(opts.today, -152), category: '5a', school: c.organisation_id, reportId: null, offer: { offer: 'care', hours: null, fitting: false, after: 20 } });

  for (const e of entries) {
    const entry = await tx
      .insertInto('thuiszitters')
      .values({ region_id: opts.regionId, child_id: e.childId, start_date: e.start, absence_report_id: e.reportId, registered_by_person_id: officer.personId, registered_by_organisation_id: officer.organisationId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const by = { thuiszitter_id: entry.id, person_id: officer.personId, organisation_id: officer.organisationId };
    await tx
      .insertInto('thuiszitter_events')
      .values([
        { ...by, kind: 'category', effective_on: e.start, category: e.category, school_location_id: e.school },
        { ...by, kind: 'responsible', effective_on: e.start, responsible_person_id: officer.personId },
        ...(e.offer.offer === 'none' && e.offer.after === 0
          ? []
          : [{ ...by, kind: 'offer' as const, effective_on: addCalendarDays(e.start, e.offer.after), offer: e.offer.offer, offer_hours: e.offer.hours, offer_fitting: e.offer.fitting }]),
      ])
      .execute();
    if (e.reportId) {
      await tx.insertInto('thuiszitter_candidate_decisions').values({ region_id: opts.regionId, child_id: e.childId, kind: 'lrv', absence_report_id: e.reportId, decision: 'confirmed', thuiszitter_id: entry.id, person_id: officer.personId, organisation_id: officer.organisationId }).execute();
    }
  }
  return { entries: entries.length };
}
