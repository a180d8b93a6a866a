import type { Tx } from '../../kernel/db/database.ts';
import { addCalendarDays, calendarScopeOf, loadSchoolCalendar, type SchoolCalendar } from '../../kernel/calendar/school-days.ts';
import { childOrder } from './child-order.ts';

/**
 * Demo signals, so that the queues show what a Monday morning looks like: new ones on time, one
 * overdue, one three times late, a safety signal, and a few already picked up — at the school of
 * `leerkracht` (raised by her) and at the school of `mentor`. Also sets each school's meldcode
 * contact to its care coordinator.
 */
export async function seedDemoSignals(tx: Tx, opts: { today: string; leerkrachtPersonId: string; mentorPersonId: string }) {
  // Meldcode contact: the first care coordinator of each school location.
  const care = await tx
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .where('o.kind', '=', 'school_location')
    .where('m.role', 'in', ['intern_begeleider', 'care_coordinator'])
    .select(['m.organisation_id', 'm.person_id', 'm.role'])
    .orderBy('m.organisation_id')
    .execute();
  const seen = new Set<string>();
  for (const c of care) {
    if (seen.has(c.organisation_id)) continue;
    seen.add(c.organisation_id);
    await tx.updateTable('organisations').set({ meldcode_contact_person_id: c.person_id }).where('id', '=', c.organisation_id).execute();
  }

  // Each school's own calendar (weekends, the holidays of its region, national free days, its own
  // free days), as the queue counts the deadlines.
  const calendars = new Map<string, SchoolCalendar>();
  const calendarOf = async (organisationId: string) => {
    let found = calendars.get(organisationId);
    if (!found) {
      found = await loadSchoolCalendar(tx, await calendarScopeOf(tx, organisationId), addCalendarDays(opts.today, -120), addCalendarDays(opts.today, 60));
      calendars.set(organisationId, found);
    }
    return found;
  };
  const schoolDaysAgo = (cal: SchoolCalendar, n: number) => {
    let d = opts.today;
    for (let i = 0; i < n; ) {
      d = addCalendarDays(d, -1);
      if (cal.isSchoolDay(d)) i++;
    }
    return d;
  };

  const pupilsOf = (personId: string) =>
    tx
      .selectFrom('group_staff as gs')
      .innerJoin('enrolments as e', 'e.group_id', 'gs.group_id')
      .where('gs.person_id', '=', personId)
      .where('e.end_date', 'is', null)
      .select(['e.child_id', 'e.organisation_id', 'gs.role'])
      .orderBy(childOrder('e.child_id'))
      .execute();

  type Spec = { daysAgo: number; category: string; urgency: string; observation: string; informed: boolean; decision?: { action: string; to: string; after: number; reason: string } };
  const po: Spec[] = [
    { daysAgo: 1, category: 'social_emotional', urgency: 'normal', observation: 'Is de laatste weken stil en trekt zich terug in de pauze. Speelt niet meer met vriendinnen.', informed: true },
    { daysAgo: 3, category: 'learning', urgency: 'normal', observation: 'Leest duidelijk achter bij de groep (AVI M4 in groep 5) en raakt gefrustreerd bij lezen.', informed: true },
    { daysAgo: 7, category: 'home_situation', urgency: 'soon', observation: 'Komt vaak zonder ontbijt en ziet er moe uit. Vertelde dat papa niet meer thuis woont.', informed: false },
    { daysAgo: 17, category: 'behaviour', urgency: 'normal', observation: 'Driftbuien in de klas, gooide twee keer met spullen. Rustig na een time-out.', informed: true },
    { daysAgo: 0, category: 'safety', urgency: 'urgent', observation: 'Blauwe plekken op beide bovenarmen; kind zegt dat het "van de trap" komt en wil er niet over praten.', informed: false },
    { daysAgo: 12, category: 'absence', urgency: 'normal', observation: 'Veel ziekmeldingen op maandag, de afgelopen zes weken vier keer.', informed: true, decision: { action: 'keep_watching', to: 'watching', after: 3, reason: 'Besproken met ouders; we houden het verzuim vier weken bij en bespreken het dan opnieuw.' } },
    { daysAgo: 20, category: 'learning', urgency: 'normal', observation: 'Rekent ver boven niveau en verveelt zich; verstoort daardoor de les.', informed: true, decision: { action: 'handle_in_school', to: 'in_school', after: 8, reason: 'Plusklas vanaf volgende maand; leerkracht krijgt verrijkingsmateriaal.' } },
  ];
  const vo: Spec[] = [
    { daysAgo: 2, category: 'social_emotional', urgency: 'soon', observation: 'Vertelt in het mentorgesprek dat hij zich somber voelt en slecht slaapt.', informed: false },
    { daysAgo: 9, category: 'absence', urgency: 'normal', observation: 'Mist vaak het eerste uur; cijfers zakken.', informed: true, decision: { action: 'no_action', to: 'closed', after: 2, reason: 'Bijbaan in de avond; afspraken gemaakt met leerling en ouders, verzuim is gestopt.' } },
  ];

  const insert = async (personId: string, role: string, pupils: { child_id: string; organisation_id: string }[], specs: Spec[]) => {
    for (const [i, spec] of specs.entries()) {
      const pupil = pupils[(i * 3) % pupils.length];
      if (!pupil) return;
      const cal = await calendarOf(pupil.organisation_id);
      const raisedOn = schoolDaysAgo(cal, spec.daysAgo);
      const triagedOn = spec.decision ? cal.addSchoolDays(raisedOn, spec.decision.after) : null;
      const careCoordinator = care.find((c) => c.organisation_id === pupil.organisation_id);
      const s = await tx
        .insertInto('signals')
        .values({
          region_id: (await tx.selectFrom('children').select('region_id').where('id', '=', pupil.child_id).executeTakeFirstOrThrow()).region_id,
          child_id: pupil.child_id,
          organisation_id: pupil.organisation_id,
          author_person_id: personId,
          author_role: role,
          category: spec.category,
          urgency: spec.urgency,
          observation: spec.observation,
          parents_informed: spec.informed,
          parents_not_informed_reason: spec.informed ? null : spec.category === 'safety' ? 'Eerst overleg met de aandachtsfunctionaris (Meldcode stap 2).' : 'Gesprek met ouders staat gepland.',
          status: spec.decision?.to ?? 'new',
          raised_at: new Date(`${raisedOn}T08:${String(10 + i).padStart(2, '0')}:00+01:00`),
          raised_on: raisedOn,
          pickup_deadline: cal.addSchoolDays(raisedOn, 5),
          pickup_school_days: 5,
          triaged_at: triagedOn ? new Date(`${triagedOn}T15:30:00+01:00`) : null,
          triaged_on: triagedOn,
          triage_decision: spec.decision?.action ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('signal_events').values({ signal_id: s.id, person_id: personId, role, from_status: null, to_status: 'new', at: new Date(`${raisedOn}T08:00:00+01:00`) }).execute();
      if (spec.decision) {
        await tx
          .insertInto('signal_events')
          .values({ signal_id: s.id, person_id: careCoordinator?.person_id ?? null, role: careCoordinator?.role ?? null, from_status: 'new', to_status: spec.decision.to, decision: spec.decision.action, reason: spec.decision.reason, at: new Date(`${triagedOn}T15:30:00+01:00`) })
          .execute();
      }
    }
  };
  await insert(opts.leerkrachtPersonId, 'teacher', await pupilsOf(opts.leerkrachtPersonId), po);
  await insert(opts.mentorPersonId, 'mentor', await pupilsOf(opts.mentorPersonId), vo);
}
