import type { Tx } from '../../kernel/db/database.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { ageOn } from '../../kernel/time.ts';
import { addWorkingDays } from '../../kernel/calendar/working-days.ts';
import { childOrder } from './child-order.ts';

interface Who {
  personId: string;
  organisationId: string;
  role: string;
}

/**
 * A demo case, so that every role sees what a team around a child looks like: a pupil of
 * `leerkracht`'s group (not a child of `ouder`), opened by `ib` from a signal, with `leerkracht`,
 * `jeugdhulp` and `wijkteam` on the team. The parents consented to sharing identity, school data
 * and the plan with the youth care provider only — so `wijkteam` sees just that the case exists.
 * The plan has goals (one in the family's words), actions, GAS ratings and a teacher's observation.
 */
export async function seedDemoCases(tx: Tx, opts: { today: string; regionId: string; ib: Who; leerkracht: Who; jeugdhulp: Who; wijkteam: Who; excludeChildIds: string[] }) {
  const { today } = opts;
  const pupil = await tx
    .selectFrom('group_staff as gs')
    .innerJoin('enrolments as e', 'e.group_id', 'gs.group_id')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .where('gs.person_id', '=', opts.leerkracht.personId)
    .where('e.end_date', 'is', null)
    .where('c.id', 'not in', opts.excludeChildIds.length ? opts.excludeChildIds : ['00000000-0000-0000-0000-000000000000'])
    .where(({ exists, selectFrom }) => exists(selectFrom('child_guardians as cg').whereRef('cg.child_id', '=', 'c.id').where('cg.has_authority', '=', true).select('cg.id')))
    .select(['c.id', 'c.given_name', 'e.organisation_id'])
    .orderBy('c.family_name', 'desc')
    .orderBy(childOrder('c.id'))
    .executeTakeFirst();
  if (!pupil) return;
  const guardian = await tx
    .selectFrom('child_guardians as cg')
    .innerJoin('guardians as g', 'g.id', 'cg.guardian_id')
    .select('cg.guardian_id')
    .where('cg.child_id', '=', pupil.id)
    .where('cg.has_authority', '=', true)
    .orderBy('g.family_name')
    .orderBy('g.given_name')
    .orderBy('g.phone')
    .executeTakeFirstOrThrow();
  const opened = addCalendarDays(today, -42);
  const at = (d: string, hh = '10') => new Date(`${d}T${hh}:00:00+01:00`);

  const signal = await tx
    .insertInto('signals')
    .values({
      region_id: opts.regionId,
      child_id: pupil.id,
      organisation_id: pupil.organisation_id,
      author_person_id: opts.leerkracht.personId,
      author_role: 'teacher',
      category: 'behaviour',
      urgency: 'soon',
      observation: `${pupil.given_name} is snel boos en loopt weg uit de klas; thuis spelen ook zorgen (verhuizing, moeder alleen met drie kinderen).`,
      parents_informed: true,
      status: 'case',
      raised_at: at(addCalendarDays(opened, -4), '08'),
      raised_on: addCalendarDays(opened, -4),
      pickup_deadline: addCalendarDays(opened, 3),
      pickup_school_days: 5,
      triaged_at: at(opened),
      triaged_on: opened,
      triage_decision: 'open_case',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('signal_events')
    .values([
      { signal_id: signal.id, person_id: opts.leerkracht.personId, role: 'teacher', from_status: null, to_status: 'new', at: at(addCalendarDays(opened, -4), '08') },
      { signal_id: signal.id, person_id: opts.ib.personId, role: 'intern_begeleider', from_status: 'new', to_status: 'case', decision: 'open_case', reason: 'Hulp thuis en op school samen oppakken; moeder staat open voor jeugdhulp.', at: at(opened) },
    ])
    .execute();

  const k = await tx
    .insertInto('cases')
    .values({
      region_id: opts.regionId,
      child_id: pupil.id,
      organisation_id: pupil.organisation_id,
      opened_from_signal_id: signal.id,
      case_manager_person_id: opts.ib.personId,
      case_manager_organisation_id: opts.ib.organisationId,
      title: 'Boosheid in de klas en onrust thuis',
      opened_at: at(opened),
      opened_on: opened,
      next_evaluation_on: addCalendarDays(today, 20),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const plan = await tx.insertInto('plans').values({ case_id: k.id, child_id: pupil.id, region_id: opts.regionId }).returning('id').executeTakeFirstOrThrow();
  await tx
    .insertInto('case_members')
    .values([opts.ib, opts.leerkracht, opts.jeugdhulp, opts.wijkteam].map((w, i) => ({ case_id: k.id, person_id: w.personId, organisation_id: w.organisationId, role: w.role, added_at: at(addCalendarDays(opened, i ? 2 : 0)) })))
    .execute();

  const consent = await tx
    .insertInto('consents')
    .values({
      region_id: opts.regionId,
      child_id: pupil.id,
      case_id: k.id,
      purpose: 'Hulp thuis en op school op elkaar afstemmen (1 gezin, 1 plan).',
      data_kinds: ['identity', 'school', 'plan'],
      method: 'written',
      given_on: addCalendarDays(opened, 3),
      valid_until: addCalendarDays(opened, 3 + 365),
      age_rule: 'guardians',
      recorded_by_person_id: opts.ib.personId,
      recorded_at: at(addCalendarDays(opened, 3)),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('consent_recipients').values({ consent_id: consent.id, organisation_id: opts.jeugdhulp.organisationId }).execute();
  await tx.insertInto('consent_givers').values({ consent_id: consent.id, guardian_id: guardian.guardian_id, child_self: false }).execute();

  const events: [string, string, Record<string, unknown>][] = [
    [opened, 'opened', { fromSignalId: signal.id }],
    [addCalendarDays(opened, 2), 'member_added', { personId: opts.jeugdhulp.personId }],
    [addCalendarDays(opened, 2), 'member_added', { personId: opts.wijkteam.personId }],
    [addCalendarDays(opened, 3), 'consent_recorded', { consentId: consent.id }],
  ];
  await tx.insertInto('case_events').values(events.map(([d, event, detail]) => ({ case_id: k.id, person_id: opts.ib.personId, organisation_id: opts.ib.organisationId, event, detail: JSON.stringify(detail), at: at(d) }))).execute();

  const [school, home] = await tx
    .insertInto('plan_goals')
    .values([
      { plan_id: plan.id, life_domain: 'school', description: 'Blijven in de klas als het moeilijk wordt', expected_outcome: 'Hij gebruikt zijn time-out kaart en komt zelf terug; hooguit één keer per week weglopen.', added_by_person_id: opts.ib.personId, created_at: at(addCalendarDays(opened, 7)) },
      { plan_id: plan.id, life_domain: 'home_family', description: 'Rust in huis rond bedtijd', expected_outcome: 'Dat we ’s avonds niet meer elke dag ruzie hebben over naar bed gaan.', in_family_words: true, added_by_guardian_id: guardian.guardian_id, created_at: at(addCalendarDays(opened, 7)) },
    ])
    .returning('id')
    .execute();
  await tx
    .insertInto('plan_actions')
    .values([
      { goal_id: school.id, description: 'Time-out kaart en vaste plek in de klas', owner_person_id: opts.leerkracht.personId, deadline: addCalendarDays(opened, 14) },
      { goal_id: school.id, description: 'Wekelijks kort gesprek met de IB', owner_person_id: opts.ib.personId, deadline: addCalendarDays(today, 30) },
      { goal_id: home.id, description: 'Opvoedondersteuning thuis, zes gesprekken', owner_person_id: opts.jeugdhulp.personId, owner_organisation_id: opts.jeugdhulp.organisationId, deadline: addCalendarDays(today, 45) },
      { goal_id: home.id, description: 'Vast avondritme met plaatjes', owner_family: true },
    ])
    .execute();
  await tx
    .insertInto('goal_evaluations')
    .values([
      { goal_id: school.id, score: -1, evaluated_on: addCalendarDays(opened, 21), rated_by_person_id: opts.ib.personId, comment: 'Nog twee keer per week weggelopen.' },
      { goal_id: school.id, score: 0, evaluated_on: addCalendarDays(today, -3), rated_by_person_id: opts.ib.personId, comment: 'Eén keer weggelopen deze week; kaart werkt.' },
      { goal_id: home.id, score: 1, evaluated_on: addCalendarDays(today, -3), rated_by_guardian_id: guardian.guardian_id, comment: 'Het gaat beter dan ik dacht.' },
    ])
    .execute();
  await tx
    .insertInto('plan_observations')
    .values({ plan_id: plan.id, goal_id: school.id, author_person_id: opts.leerkracht.personId, organisation_id: opts.leerkracht.organisationId, effect: 'better', text: 'Sinds de gesprekken thuis komt hij rustiger binnen op maandag.', observed_on: addCalendarDays(today, -5) })
    .execute();

  // The request that came back (docs/requests.md): the IB asked Jeugdhulp De Brug for parenting
  // support under the parents' consent; the youth care worker took it up, help started, and she
  // reported back to the school. The next report back is due in six weeks.
  const sentOn = addCalendarDays(opened, 4);
  const acceptedOn = addCalendarDays(opened, 6);
  const startedOn = addCalendarDays(opened, 13);
  const reportedOn = addCalendarDays(today, -4);
  const request = await tx
    .insertInto('requests')
    .values({
      region_id: opts.regionId,
      child_id: pupil.id,
      case_id: k.id,
      kind: 'provider',
      from_organisation_id: opts.ib.organisationId,
      from_person_id: opts.ib.personId,
      to_organisation_id: opts.jeugdhulp.organisationId,
      holder_person_id: opts.jeugdhulp.personId,
      status: 'help_started',
      question: 'Kan De Brug moeder thuis ondersteunen bij de avonden en het naar bed gaan?',
      tried: 'Gesprekken met moeder op school; een time-out kaart in de klas.',
      urgency: 'normal',
      goal: 'Rust in huis rond bedtijd, zodat hij uitgerust op school komt.',
      data_kinds: ['identity', 'school', 'plan'],
      step_since: reportedOn,
      step_due_on: addWorkingDays(reportedOn, 30),
      sent_on: sentOn,
      accepted_on: acceptedOn,
      help_started_on: startedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const yc = { person_id: opts.jeugdhulp.personId, organisation_id: opts.jeugdhulp.organisationId };
  const requestEvents = await tx
    .insertInto('request_events')
    .values([
      { request_id: request.id, at: at(sentOn), on_date: sentOn, person_id: opts.ib.personId, organisation_id: opts.ib.organisationId, action: 'send', from_status: null, to_status: 'sent', text: null, detail: JSON.stringify({}) },
      { request_id: request.id, at: at(acceptedOn, '11'), on_date: acceptedOn, ...yc, action: 'accept', from_status: 'sent', to_status: 'accepted', text: null, detail: JSON.stringify({}) },
      { request_id: request.id, at: at(startedOn, '14'), on_date: startedOn, ...yc, action: 'start_help', from_status: 'accepted', to_status: 'help_started', text: null, detail: JSON.stringify({ startOn: startedOn }) },
      {
        request_id: request.id,
        at: at(reportedOn, '16'),
        on_date: reportedOn,
        ...yc,
        action: 'report_back',
        from_status: 'help_started',
        to_status: 'help_started',
        text: 'Drie gesprekken gehad; het avondritme met plaatjes helpt. Tip voor de klas: kondig overgangen vooraf aan.',
        detail: JSON.stringify({ progress: 'going_well' }),
      },
    ])
    .returning(['id', 'action'])
    .execute();
  // The report back asked the teacher on the team whether it works in class (docs/requests.md
  // "De leerkracht kijkt mee"): the ask waits on her home page, with a notification.
  const report = requestEvents.find((e) => e.action === 'report_back')!;
  const observation = await tx
    .insertInto('request_observations')
    .values({ region_id: opts.regionId, request_id: request.id, report_event_id: report.id, person_id: opts.leerkracht.personId, organisation_id: opts.leerkracht.organisationId, asked_on: reportedOn, due_on: addWorkingDays(reportedOn, 5) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('notifications')
    .values({ region_id: opts.regionId, person_id: opts.leerkracht.personId, organisation_id: opts.leerkracht.organisationId, kind: 'observation_asked', request_id: request.id, observation_id: observation.id, created_at: at(reportedOn, '16') })
    .execute();
}

/**
 * The family's side of the demo: `ouder` and `jongere` each find a plan and a consent to read in
 * the portal. `ouder`'s other child (at another school than `leerkracht`'s group) has a case kept
 * by that school's care coordinator; `jongere` has one kept by `zorgcoordinator`, with a consent she
 * gave herself (16+). Only the school is on these teams, so no partner sees these children: the
 * access matrices of the tests stay as they are. The consents name the organisation that will
 * help next; it reads nothing until the school puts someone of it on the team.
 */
export async function seedDemoFamilyCases(
  tx: Tx,
  opts: { today: string; regionId: string; parent: { guardianId: string; childId: string }; youth: { childId: string }; recipientOrganisationId: string },
) {
  const { today, regionId } = opts;
  const at = (d: string, hh = '10') => new Date(`${d}T${hh}:00:00+01:00`);
  const plans = [
    {
      childId: opts.parent.childId,
      title: 'Buikpijn en niet naar school willen',
      purpose: 'Samen zorgen dat uw kind weer met plezier naar school gaat.',
      goals: [
        { life_domain: 'school', description: 'Elke ochtend naar school', expected_outcome: 'Vier weken lang geen ochtend ziek gemeld zonder dat de dokter iets vond.', family: false },
        { life_domain: 'home_family', description: 'Rustige ochtenden thuis', expected_outcome: 'We ontbijten samen en vertrekken zonder ruzie.', family: true },
      ],
      actions: ['Wekelijks kort gesprek met de mentor', 'Een vaste plek om even tot rust te komen op school'],
    },
    {
      childId: opts.youth.childId,
      title: 'Diploma halen met een bijbaan',
      purpose: 'Afspraken over rooster, bijbaan en begeleiding zodat het diploma lukt.',
      goals: [
        { life_domain: 'school', description: 'Alle toetsen van deze periode inhalen', expected_outcome: 'Geen achterstand meer bij de volgende rapportvergadering.', family: false },
        { life_domain: 'future_work', description: 'Niet meer dan twaalf uur per week werken', expected_outcome: 'Ik werk alleen in het weekend en op woensdagmiddag.', family: true },
      ],
      actions: ['Planning voor de inhaaltoetsen maken', 'Gesprek met de werkgever over het rooster'],
    },
  ];
  for (const p of plans) {
    const pupil = await tx
      .selectFrom('enrolments as e')
      .innerJoin('children as c', 'c.id', 'e.child_id')
      .where('e.child_id', '=', p.childId)
      .where('e.end_date', 'is', null)
      .select(['e.organisation_id', 'c.birth_date'])
      .executeTakeFirst();
    if (!pupil) continue;
    const keeper = await tx
      .selectFrom('memberships')
      .select(['person_id', 'organisation_id', 'role'])
      .where('organisation_id', '=', pupil.organisation_id)
      .where('role', 'in', ['care_coordinator', 'intern_begeleider'])
      .where('ended_at', 'is', null)
      .orderBy('role')
      .orderBy('created_at')
      .executeTakeFirst();
    if (!keeper) continue;
    const age = ageOn(pupil.birth_date, today);
    const rule = age >= 16 ? 'child' : age >= 12 ? 'child_and_guardians' : 'guardians';
    const opened = addCalendarDays(today, -30);
    const k = await tx
      .insertInto('cases')
      .values({
        region_id: regionId,
        child_id: p.childId,
        organisation_id: pupil.organisation_id,
        case_manager_person_id: keeper.person_id,
        case_manager_organisation_id: keeper.organisation_id,
        title: p.title,
        opened_at: at(opened),
        opened_on: opened,
        next_evaluation_on: addCalendarDays(today, 35),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const plan = await tx.insertInto('plans').values({ case_id: k.id, child_id: p.childId, region_id: regionId }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('case_members').values({ case_id: k.id, person_id: keeper.person_id, organisation_id: keeper.organisation_id, role: keeper.role, added_at: at(opened) }).execute();
    const consent = await tx
      .insertInto('consents')
      .values({
        region_id: regionId,
        child_id: p.childId,
        case_id: k.id,
        purpose: p.purpose,
        data_kinds: ['identity', 'school', 'plan'],
        method: 'written',
        given_on: addCalendarDays(opened, 2),
        valid_until: addCalendarDays(opened, 2 + 365),
        age_rule: rule,
        recorded_by_person_id: keeper.person_id,
        recorded_at: at(addCalendarDays(opened, 2)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('consent_recipients').values({ consent_id: consent.id, organisation_id: opts.recipientOrganisationId }).execute();
    const parentGives = p.childId === opts.parent.childId && rule !== 'child';
    await tx
      .insertInto('consent_givers')
      .values([
        ...(parentGives ? [{ consent_id: consent.id, guardian_id: opts.parent.guardianId, child_self: false }] : []),
        ...(rule !== 'guardians' ? [{ consent_id: consent.id, guardian_id: null, child_self: true }] : []),
      ])
      .execute();
    await tx
      .insertInto('case_events')
      .values([
        { case_id: k.id, person_id: keeper.person_id, organisation_id: keeper.organisation_id, event: 'opened', detail: JSON.stringify({}), at: at(opened) },
        { case_id: k.id, person_id: keeper.person_id, organisation_id: keeper.organisation_id, event: 'consent_recorded', detail: JSON.stringify({ consentId: consent.id }), at: at(addCalendarDays(opened, 2)) },
        // `ouder`'s plan was evaluated five days ago: the portal asks her how satisfied she is (surveys, issue 14).
        ...(p.childId === opts.parent.childId
          ? [{ case_id: k.id, person_id: keeper.person_id, organisation_id: keeper.organisation_id, event: 'plan_evaluated', detail: JSON.stringify({ nextEvaluationOn: addCalendarDays(today, 35) }), at: at(addCalendarDays(today, -5), '15') }]
          : []),
      ])
      .execute();
    const fromFamily = p.childId === opts.parent.childId ? { added_by_guardian_id: opts.parent.guardianId } : { added_by_child: true };
    const goals = await tx
      .insertInto('plan_goals')
      .values(
        p.goals.map((g) => ({
          plan_id: plan.id,
          life_domain: g.life_domain,
          description: g.description,
          expected_outcome: g.expected_outcome,
          in_family_words: g.family,
          ...(g.family ? fromFamily : { added_by_person_id: keeper.person_id }),
          created_at: at(addCalendarDays(opened, 5)),
        })),
      )
      .returning('id')
      .execute();
    await tx
      .insertInto('plan_actions')
      .values(p.actions.map((description, i) => ({ goal_id: goals[0].id, description, owner_person_id: keeper.person_id, deadline: addCalendarDays(today, 14 + 7 * i) })))
      .execute();
  }
}
