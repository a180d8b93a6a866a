import type { Tx } from '../../kernel/db/database.ts';
import { addCalendarDays, calendarScopeOf, loadSchoolCalendar, type SchoolCalendar } from '../../kernel/calendar/school-days.ts';
import { addWorkingDays, evaluateAbsenceReports } from '../absence/index.ts';
import type { Rng } from './seed-demo.ts';
import { childOrder } from './child-order.ts';

/**
 * Demo absence for the current school year up to yesterday, so that the reports, the attendance
 * officer's workspace and the early-warning list look like a real November: most pupils miss a
 * little (mostly illness), some are chronically absent, a few skip lessons until the 16-hour
 * report, one or two stay home for weeks (LRV), and some families take an extra holiday day.
 * The reports follow from the rules; most of the older ones have been reported to DUO, some are
 * overdue, and the attendance officer of Zeist has started on a few.
 */
type Profile = 'low' | 'moderate' | 'chronic' | 'truant' | 'lrv';

const HOURS_PER_DAY: Record<string, number> = { po: 5.5, so: 5.5, sbo: 5.5, vo: 6, vso: 6, mbo: 5 };

export async function seedDemoAbsence(tx: Tx, opts: { regionId: string; today: string; schoolYearStart: string; rng: Rng; attendanceOfficer: { personId: string; organisationId: string } }) {
  const { rng, today } = opts;
  const enrolments = await tx
    .selectFrom('enrolments as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select(['e.child_id', 'e.organisation_id', 'e.start_date', 'e.end_date', 'o.school_type'])
    .where('o.region_id', '=', opts.regionId)
    .where('e.end_date', 'is', null)
    .orderBy(childOrder('e.child_id'))
    .execute();
  const calendars = new Map<string, SchoolCalendar>();
  for (const orgId of new Set(enrolments.map((e) => e.organisation_id))) {
    calendars.set(orgId, await loadSchoolCalendar(tx, await calendarScopeOf(tx, orgId), opts.schoolYearStart, today));
  }
  const schoolDays = new Map<string, string[]>();
  for (const [orgId, cal] of calendars) {
    const days: string[] = [];
    for (let d = opts.schoolYearStart; d < today; d = addCalendarDays(d, 1)) if (cal.isSchoolDay(d)) days.push(d);
    schoolDays.set(orgId, days);
  }

  const rows: { region_id: string; child_id: string; organisation_id: string; day: string; hours: number; reason: string; source: 'manual' }[] = [];
  const add = (e: (typeof enrolments)[number], day: string, hours: number, reason: string) =>
    rows.push({ region_id: opts.regionId, child_id: e.child_id, organisation_id: e.organisation_id, day, hours: Math.round(hours * 2) / 2 || 0.5, reason, source: 'manual' });

  for (const e of enrolments) {
    const perDay = HOURS_PER_DAY[e.school_type ?? 'po'] ?? 5.5;
    const days = (schoolDays.get(e.organisation_id) ?? []).filter((d) => d >= e.start_date);
    if (!days.length) continue;
    const profile = rng.weighted<Profile>([['low', 0.7], ['moderate', 0.18], ['chronic', 0.08], ['truant', 0.03], ['lrv', 0.003]]);
    const rate = { low: 0.02, moderate: 0.06, chronic: 0.14, truant: 0.05, lrv: 0.04 }[profile];
    // An LRV pupil has stayed home every day since some 5 to 7 weeks ago.
    const homeFrom = profile === 'lrv' ? days[Math.max(0, days.length - rng.int(25, 34))] : null;
    for (const day of days) {
      if (homeFrom && day >= homeFrom) {
        add(e, day, perDay, 'unauthorised');
        continue;
      }
      if (profile === 'truant' && rng.chance(0.12)) {
        add(e, day, rng.int(2, Math.floor(perDay)), 'unauthorised');
        continue;
      }
      if (!rng.chance(rate)) continue;
      const reason = rng.weighted([['ill', 0.62], ['authorised', 0.12], ['late', 0.16], ['unauthorised', 0.07], ['other', 0.03]] as const);
      add(e, day, reason === 'late' ? 0.5 : reason === 'ill' && rng.chance(0.7) ? perDay : rng.int(1, Math.floor(perDay)), reason);
    }
    // Some families take the Friday before a holiday off.
    if (rng.chance(0.015)) {
      const cal = calendars.get(e.organisation_id)!;
      const beforeHoliday = days.filter((d) => !cal.isSchoolDay(addCalendarDays(d, 3)) && !cal.isSchoolDay(addCalendarDays(d, 4)) && new Date(`${d}T00:00:00Z`).getUTCDay() === 5);
      if (beforeHoliday.length) add(e, rng.pick(beforeHoliday), perDay, 'luxury');
    }
  }
  // One record per pupil, school, day and reason.
  const unique = new Map(rows.map((r) => [`${r.child_id}|${r.organisation_id}|${r.day}|${r.reason}`, r]));
  const all = [...unique.values()];
  for (let i = 0; i < all.length; i += 1000) await tx.insertInto('absence_records').values(all.slice(i, i + 1000)).execute();

  await evaluateAbsenceReports(tx, { regionId: opts.regionId }, today);

  // What the schools did: most reports past their deadline were reported (a few late), some are
  // still open (overdue), an occasional one was dismissed; recent ones are still due.
  const reports = await tx.selectFrom('absence_reports').select(['id', 'child_id', 'due_on', 'deadline', 'type']).where('region_id', '=', opts.regionId).orderBy('due_on').orderBy(childOrder('child_id')).orderBy('start_date').orderBy('type').execute();
  const events: { report_id: string; kind: 'reported' | 'dismissed'; occurred_on: string; reference: string | null; reason: string | null }[] = [];
  let ref = 41_000;
  const reported: string[] = [];
  for (const r of reports) {
    if (r.due_on >= addCalendarDays(today, -3)) continue;
    const roll = rng.next();
    if (roll < 0.78) {
      const late = rng.chance(0.15);
      let on = addWorkingDays(r.due_on, late ? rng.int(6, 9) : rng.int(1, 5));
      if (on >= today) on = addCalendarDays(today, -1);
      events.push({ report_id: r.id, kind: 'reported', occurred_on: on, reference: `VZ-${today.slice(0, 4)}-${String(ref++).padStart(6, '0')}`, reason: null });
      reported.push(r.id);
    } else if (roll < 0.84) {
      events.push({ report_id: r.id, kind: 'dismissed', occurred_on: addWorkingDays(r.due_on, 1) < today ? addWorkingDays(r.due_on, 1) : r.due_on, reference: null, reason: 'Verlof achteraf aangetoond (verklaring huisarts); geregistreerd als ongeoorloofd door een invoerfout.' });
    }
  }
  for (let i = 0; i < events.length; i += 1000) await tx.insertInto('absence_report_events').values(events.slice(i, i + 1000)).execute();

  // The attendance officer of Zeist has started on some reports of pupils living in Zeist.
  const zeistReported = reported.length
    ? await tx
        .selectFrom('absence_reports as r')
        .select('r.id')
        .where('r.id', 'in', reported)
        .where((eb) =>
          eb(
            eb
              .selectFrom('child_residences as cr')
              .select('cr.gemeente_id')
              .whereRef('cr.child_id', '=', 'r.child_id')
              .orderBy('cr.valid_from', 'desc')
              .orderBy('cr.recorded_at', 'desc')
              .limit(1),
            '=',
            eb.selectFrom('organisations as o').select('o.gemeente_id').where('o.id', '=', opts.attendanceOfficer.organisationId),
          ),
        )
        .orderBy('r.due_on')
        .orderBy(childOrder('r.child_id'))
        .orderBy('r.start_date')
        .execute()
    : [];
  const followups: { report_id: string; organisation_id: string; status: 'received' | 'talk' | 'warning' | 'closed' | null; note: string | null; person_id: string }[] = [];
  const notes = [
    'Ouders gebeld; leerling en ouders uitgenodigd voor een gesprek.',
    'Gesprek gehad met leerling en moeder. Afspraak: dagelijks melden bij de mentor.',
    'Na gesprek geen nieuw verzuim; melding afgesloten.',
  ];
  zeistReported.slice(0, Math.ceil(zeistReported.length * 0.6)).forEach((r, i) => {
    const base = { report_id: r.id, organisation_id: opts.attendanceOfficer.organisationId, person_id: opts.attendanceOfficer.personId };
    followups.push({ ...base, status: 'received', note: null });
    if (i % 3 !== 2) followups.push({ ...base, status: 'talk', note: i % 3 === 0 ? notes[0] : notes[1] });
    if (i % 3 === 0) followups.push({ ...base, status: 'closed', note: notes[2] });
  });
  for (let i = 0; i < followups.length; i += 1000) await tx.insertInto('absence_report_followups').values(followups.slice(i, i + 1000)).execute();
  return { records: all.length, reports: reports.length };
}
