/**
 * A year and a half of synthetic history for the demo region, so that the regional monitor (issue
 * 14, domain.md §8) has completed months to show: signals raised and picked up, cases opened from
 * them with plans, goals, GAS ratings, plan evaluations and OPPs, requests to the region's partners
 * with their consents and waiting times, and thuiszitters who came and went.
 *
 * Everything is over: every signal ends in a final status, every case is closed, every request
 * ended, every notification read and every thuiszitter entry ended before `today` — nothing of it
 * is work today. The rows are what the workflows would have written (signal-workflow.ts,
 * request-workflow.ts, the cases and plans commands), checked against their transition tables while
 * they are made. Deterministic from the rng (ids are random UUIDs); a handful of queries to read the
 * region, then multi-row inserts, so it also runs for a region of 100,000 pupils.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { DB, HolidayRegion } from '../../kernel/db/schema.ts';
import { freePeriodsOf, SchoolCalendar, type FreePeriod } from '../../kernel/calendar/school-days.ts';
import { addWorkingDays } from '../../kernel/calendar/working-days.ts';
import { ageOn } from '../../kernel/time.ts';
import { findTransition, isUrgentSignal, pickupDeadline, pickupTerm } from '../signals/index.ts';
import { findRequestTransition } from '../requests/index.ts';
import { ageRuleOn } from '../cases/index.ts';
import type { RequestAction, RequestDecision, RequestKind, RequestStatus } from '../../contracts/values/requests.ts';
import type { SignalAction, SignalCategory, SignalStatus, SignalUrgency } from '../../contracts/values/signals.ts';
import { CATEGORY_NL } from '../../contracts/values/signals.ts';
import type { ThuiszitterCategory, ThuiszitterEndReason, ThuiszitterOffer } from '../../contracts/values/thuiszitters.ts';
import { insertBatched, type Rng } from './seed-demo.ts';

export interface DemoHistoryOptions {
  regionId: string;
  /** 'YYYY-MM-DD': the history covers the completed calendar months before this day's month. */
  today: string;
  rng: Rng;
  /** Completed calendar months of history (default 16). */
  months?: number;
  /** Children the history leaves alone: the demo accounts' children and those of the demo's own signals, cases and thuiszitters. */
  excludeChildIds: string[];
}

export interface DemoHistoryCounts {
  signals: number;
  cases: number;
  requests: number;
  consents: number;
  goalEvaluations: number;
  thuiszitters: number;
  /** The first and the last day of the window the signals were raised in. */
  from: string;
  to: string;
}

/** Share of pupils about whom a signal is raised in a school year. */
const SIGNAL_RATE = 0.12;
/** Share of signals picked up within the term; the others a few school days late. */
const ON_TIME = 0.75;
/** Share of signals raised by the care coordinator herself (she is not told of her own decision). */
const RAISED_BY_CARE = 0.2;
/** Thuiszitters open at any month-end, per pupil of the region. */
const THUISZITTER_RATE = 0.0025;
/** What a request shares, and so what its consent covers. */
const SHARED_KINDS = ['identity', 'school', 'plan'] as const;

type Row<T extends keyof DB> = Insertable<DB[T]>;

// ---------------------------------------------------------------------------------------------
// Days

const DAY_MS = 86_400_000;
const num = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const iso = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const plus = (day: string, n: number) => iso(num(day) + n);
const daysBetween = (from: string, to: string) => num(to) - num(from);
const earliest = (a: string, b: string) => (a < b ? a : b);
const latest = (a: string, b: string) => (a > b ? a : b);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
/** The first day of the month `n` months after the month of `day`. */
function monthStart(day: string, n = 0): string {
  const [y, m] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
/** A moment on a Dutch calendar day, `minutes` after midnight (08:00 = 480). */
const at = (day: string, minutes: number) => {
  const m = Math.max(0, Math.min(23 * 60 + 59, Math.round(minutes)));
  return new Date(`${day}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00+01:00`);
};

/**
 * A school's calendar for the whole window, computed once: the kernel's SchoolCalendar (weekends,
 * holidays of the region, national and own free days) with its school days indexed, so that a
 * deadline in school days is a lookup instead of a walk.
 */
class IndexedCalendar extends SchoolCalendar {
  private readonly first: number;
  private readonly flags: Uint8Array;
  /** School days on or before first + i. */
  private readonly upTo: Int32Array;
  private readonly days: string[] = [];

  constructor(free: FreePeriod[], from: string, to: string) {
    super(free);
    this.first = num(from);
    const length = num(to) - this.first + 1;
    this.flags = new Uint8Array(length);
    this.upTo = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const day = iso(this.first + i);
      if (SchoolCalendar.prototype.isSchoolDay.call(this, day)) {
        this.flags[i] = 1;
        this.days.push(day);
      }
      this.upTo[i] = this.days.length;
    }
  }

  override isSchoolDay(date: string): boolean {
    const i = num(date) - this.first;
    return i >= 0 && i < this.flags.length ? this.flags[i] === 1 : super.isSchoolDay(date);
  }

  override addSchoolDays(from: string, n: number): string {
    const i = num(from) - this.first;
    if (n >= 1 && i >= 0 && i < this.upTo.length && this.upTo[i] + n - 1 < this.days.length) return this.days[this.upTo[i] + n - 1];
    return super.addSchoolDays(from, n);
  }

  /** School days before `day` (within the window). */
  private before(day: string): number {
    const i = num(day) - this.first;
    if (i <= 0) return 0;
    return i > this.upTo.length ? this.days.length : this.upTo[i - 1];
  }

  /** How many school days there are from `from` to `to`, both included. */
  countIn(from: string, to: string): number {
    return to < from ? 0 : this.before(plus(to, 1)) - this.before(from);
  }

  /** The k-th (from 0) school day on or after `from`. */
  nthFrom(from: string, k: number): string {
    return this.days[this.before(from) + k];
  }

  /** The last school day before `day`, or null. */
  schoolDayBefore(day: string): string | null {
    const k = this.before(day);
    return k > 0 ? this.days[k - 1] : null;
  }
}

// ---------------------------------------------------------------------------------------------
// What the people wrote (Dutch, as in the app)

const CATEGORY_WEIGHTS: [SignalCategory, number][] = [
  ['learning', 0.22],
  ['behaviour', 0.21],
  ['social_emotional', 0.22],
  ['home_situation', 0.12],
  ['health', 0.07],
  ['absence', 0.11],
  ['safety', 0.05],
];
const OBSERVATIONS: Record<SignalCategory, string[]> = {
  learning: [
    'Loopt achter met lezen; haalt de toetsen begrijpend lezen niet en raakt gefrustreerd.',
    'Rekent ver onder het niveau van de groep, ook na extra instructie in de kleine kring.',
    'Kan zich slecht concentreren bij zelfstandig werken en maakt het werk niet af.',
    'Cijfers zijn dit jaar sterk gezakt; huiswerk wordt niet gemaakt.',
  ],
  behaviour: [
    'Driftbuien in de klas; gooide met spullen en liep de klas uit.',
    'Verstoort de les vaak en reageert fel op correctie.',
    'Betrokken bij meerdere ruzies op het plein, ook fysiek.',
    'Brutaal tegen docenten en komt afspraken niet na.',
  ],
  social_emotional: [
    'Trekt zich terug in de pauzes en speelt met niemand meer.',
    'Vertelt in het mentorgesprek dat hij zich somber voelt en slecht slaapt.',
    'Wordt buitengesloten door klasgenoten; lijkt onzeker en verdrietig.',
    'Huilt vaak en wil ’s ochtends niet de klas in.',
  ],
  home_situation: [
    'Komt vaak zonder ontbijt en ziet er moe uit; ouders zijn net uit elkaar.',
    'Vertelt dat er thuis veel ruzie is en dat hij niet naar huis wil.',
    'Moeder is ziek; kind zorgt veel voor de jongere broertjes.',
    'Gezin is verhuisd naar een tijdelijke woning; kind is onrustig.',
  ],
  health: [
    'Klaagt vaak over buikpijn en hoofdpijn en gaat regelmatig eerder naar huis.',
    'Is erg moe en valt soms in slaap in de les.',
    'Eet weinig en is zichtbaar afgevallen.',
  ],
  absence: [
    'Veel ziekmeldingen op maandag, de afgelopen weken vier keer.',
    'Mist vaak het eerste uur; ouders zijn moeilijk bereikbaar.',
    'Komt de laatste weken steeds vaker te laat en spijbelt af en toe.',
  ],
  safety: [
    'Blauwe plekken op de armen; kind wil er niet over praten.',
    'Vertelt dat het thuis geslagen wordt als het iets fout doet.',
    'Zorgen over een oudere vriend die het kind na school opwacht.',
  ],
};
const NOT_INFORMED = ['Gesprek met ouders staat gepland.', 'Ouders zijn nog niet bereikt.', 'Eerst overleg met de intern begeleider.'];
const NOT_INFORMED_SAFETY = 'Eerst overleg met de aandachtsfunctionaris (Meldcode stap 2).';
const REASONS: Record<SignalAction, string[]> = {
  keep_watching: ['We houden het vier weken bij en bespreken het dan opnieuw.', 'Besproken met de leerkracht; we kijken hoe het de komende weken gaat.'],
  handle_in_school: ['Extra begeleiding in de klas en een gesprek met ouders.', 'Handelingsplan in de groep; de leerkracht krijgt ondersteuning van de IB.', 'Wekelijks gesprek met de mentor en afspraken met de leerling.'],
  open_case: ['Hulp thuis en op school samen oppakken; ouders staan open voor hulp.', 'Meer nodig dan de school zelf kan bieden: casus met ouders en partners.'],
  refer_outward: ['Ouders willen hulp; doorverwezen met hun toestemming.', 'Hulp van buiten de school is nodig; verzoek verstuurd.'],
  no_action: ['Besproken met ouders; geen zorgen meer, het was een tijdelijke situatie.', 'Na gesprek met leerling en ouders is geen verdere actie nodig.'],
  close: ['Het gaat weer goed; afgesloten na evaluatie met de leerkracht.', 'Doelen bereikt; de school houdt een vinger aan de pols.', 'Hulp loopt via de casus; signaal afgesloten.'],
  withdraw: ['Per abuis gemeld.'],
};
const CASE_TITLES: Record<SignalCategory, string[]> = {
  learning: ['Leerachterstand en motivatie', 'Lezen en rekenen op niveau krijgen', 'Ondersteuning bij leren en plannen'],
  behaviour: ['Boosheid in de klas', 'Gedrag in de klas en op het plein', 'Grenzen en afspraken'],
  social_emotional: ['Somberheid en terugtrekken', 'Weer plezier op school', 'Sociale veiligheid in de klas'],
  home_situation: ['Onrust thuis', 'Steun voor het gezin', 'Een stabiele thuissituatie'],
  health: ['Lichamelijke klachten en schoolbezoek', 'Gezondheid en energie op school'],
  absence: ['Verzuim terugdringen', 'Weer elke dag naar school'],
  safety: ['Veiligheid thuis (Meldcode)', 'Zorgen over veiligheid'],
};
type LifeDomain = 'school' | 'home_family' | 'health' | 'leisure' | 'safety' | 'future_work';
const GOALS: Record<LifeDomain, { description: string; expected: string }[]> = {
  school: [
    { description: 'Bij de les blijven en het werk afmaken', expected: 'Maakt drie van de vier dagen het werk af zonder extra hulp.' },
    { description: 'Lezen op het niveau van de groep', expected: 'Haalt bij de volgende toets het AVI-niveau van de groep.' },
    { description: 'Rustig blijven in de klas', expected: 'Hooguit één keer per week een time-out nodig.' },
    { description: 'Elke dag op tijd op school', expected: 'Vier weken lang geen ongeoorloofd verzuim.' },
  ],
  home_family: [
    { description: 'Rust in huis rond bedtijd', expected: 'We hebben ’s avonds niet meer elke dag ruzie over naar bed gaan.' },
    { description: 'Ouders weten hoe ze kunnen helpen', expected: 'Ouders hebben de opvoedcursus afgerond en passen de tips toe.' },
  ],
  health: [{ description: 'Minder buikpijn en hoofdpijn', expected: 'Hooguit één dag per maand eerder naar huis.' }],
  leisure: [{ description: 'Een club of sport na school', expected: 'Gaat elke week naar een vaste activiteit met leeftijdgenoten.' }],
  safety: [{ description: 'Veilig thuis', expected: 'Er is een veiligheidsplan en het kind weet bij wie het terecht kan.' }],
  future_work: [{ description: 'Een passende vervolgopleiding kiezen', expected: 'Heeft zich aangemeld bij een opleiding die past.' }],
};
const DOMAINS_OF: Record<SignalCategory, LifeDomain[]> = {
  learning: ['school', 'school', 'home_family', 'future_work'],
  behaviour: ['school', 'home_family', 'leisure'],
  social_emotional: ['school', 'leisure', 'home_family', 'health'],
  home_situation: ['home_family', 'school', 'safety'],
  health: ['health', 'school'],
  absence: ['school', 'home_family', 'health'],
  safety: ['safety', 'home_family', 'school'],
};
const RATING_COMMENTS = ['Gaat de goede kant op.', 'Nog niet zoals verwacht.', 'Beter dan we dachten.', 'Wisselend; sommige weken gaat het goed.', null, null];
const CLOSE_REASONS = ['Doelen bereikt; de school houdt een vinger aan de pols.', 'Hulp afgerond en geëvalueerd met ouders.', 'Het gaat goed; ouders en school sluiten de casus samen af.', 'Leerling gaat naar een andere school; overdracht gedaan.'];
const REQUEST_TEXT: Record<Exclude<RequestKind, 'question_to_school'>, { question: string; goal: string }[]> = {
  toegang: [
    { question: 'Ouders vragen om opvoedondersteuning thuis; de school ziet veel spanning.', goal: 'Rust in het gezin, zodat het kind uitgerust op school komt.' },
    { question: 'Graag een gesprek met het gezin over wat thuis nodig is.', goal: 'Passende hulp voor het gezin, afgestemd met de school.' },
  ],
  provider: [
    { question: 'Behandeling voor somberheid en angst; ouders willen graag hulp.', goal: 'Het kind voelt zich beter en gaat weer met plezier naar school.' },
    { question: 'Begeleiding bij gedrag en emotieregulatie, thuis en op school.', goal: 'Minder uitbarstingen in de klas en thuis.' },
  ],
  swv_arrangement: [
    { question: 'Arrangement voor extra begeleiding in de klas, twee dagdelen per week.', goal: 'Het kind kan in de eigen groep blijven leren.' },
    { question: 'Onderwijs-zorgarrangement: school en jeugdhulp samen in de klas.', goal: 'Onderwijs en zorg op één plek, zodat het kind niet uitvalt.' },
  ],
  tlv: [{ question: 'Aanvraag toelaatbaarheidsverklaring voor speciaal onderwijs; ouders zijn het eens.', goal: 'Een passende plek in het speciaal onderwijs.' }],
};
const EXPERTS = ['drs. M. de Boer (orthopedagoog)', 'dr. A. Jansen (kinderpsycholoog)', 'L. Peters (schoolmaatschappelijk werk)', 'drs. K. Smit (GZ-psycholoog)'];
const OPP = {
  exit: ['Vmbo basis/kader', 'Vmbo gemengde/theoretische leerweg', 'Praktijkonderwijs', 'Havo', 'Voortgezet speciaal onderwijs'],
  grounds: 'Op basis van de toetsresultaten, het onderwijskundig rapport en het gesprek met ouders en leerling.',
  hindering: 'Concentratie, faalangst en wisselende thuissituatie.',
  supporting: 'Gemotiveerd, goede band met de leerkracht, betrokken ouders.',
  support: 'Instructie in een kleine groep, vaste dagstructuur en wekelijks contact met ouders.',
};

// ---------------------------------------------------------------------------------------------
// The region as the history needs it

interface Member {
  personId: string;
  organisationId: string;
  role: string;
}
interface Enrol {
  org: string;
  groupId: string | null;
  start: string;
  end: string | null;
}
interface Child {
  id: string;
  birth: string;
  enrolments: Enrol[];
  authority: string[];
  residences: { gemeente: string; from: string }[];
}
interface School {
  id: string;
  type: string;
  cal: IndexedCalendar;
  care: Member[];
  staff: Member[];
}
type ReceiverKind = 'wijkteam' | 'gemeente' | 'youth_care_provider' | 'swv';
interface Profile {
  accept: number;
  decide: number;
  start: number;
  help: number;
}
interface Receiver {
  id: string;
  kind: ReceiverKind;
  workers: Member[];
  /** Typical working days of each step (its own waiting time), and calendar days of help. */
  profile: Profile;
}

const BASE_PROFILE: Record<ReceiverKind, Profile> = {
  wijkteam: { accept: 3, decide: 10, start: 8, help: 80 },
  gemeente: { accept: 4, decide: 14, start: 10, help: 120 },
  youth_care_provider: { accept: 7, decide: 10, start: 28, help: 120 },
  swv: { accept: 4, decide: 18, start: 8, help: 140 },
};
const RECEIVER_ROLES: Record<ReceiverKind, string[]> = {
  wijkteam: ['wijkteam_worker'],
  // The gemeente's access to youth care (not its attendance officers or policy analysts).
  gemeente: ['wijkteam_worker', 'youth_care_worker'],
  youth_care_provider: ['youth_care_worker'],
  swv: ['swv_consultant'],
};
const RECEIVER_KINDS_OF: Record<Exclude<RequestKind, 'question_to_school'>, ReceiverKind[]> = {
  toegang: ['wijkteam', 'gemeente'],
  provider: ['youth_care_provider'],
  swv_arrangement: ['swv'],
  tlv: ['swv'],
};

// ---------------------------------------------------------------------------------------------

export async function seedDemoHistory(tx: Tx, opts: DemoHistoryOptions): Promise<DemoHistoryCounts> {
  const { regionId, rng, today } = opts;
  const months = opts.months ?? 16;
  if (!Number.isInteger(months) || months < 1) throw new RangeError('seedDemoHistory: months must be a positive integer');
  const windowStart = monthStart(today, -months);
  const windowEnd = plus(monthStart(today), -1);
  /** Every step of the history happens before today. */
  const lastDay = plus(today, -1);
  const currentSchoolYearStart = `${Number(today.slice(5, 7)) >= 8 ? today.slice(0, 4) : Number(today.slice(0, 4)) - 1}-08-01`;
  const excluded = new Set(opts.excludeChildIds);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

  // ----- read the region: a fixed number of queries, ordered by what the seed made deterministic
  const orgs = await tx
    .selectFrom('organisations as o')
    .leftJoin('gemeenten as g', 'g.id', 'o.gemeente_id')
    .select(['o.id', 'o.kind', 'o.school_type', 'o.gemeente_id', 'g.holiday_region'])
    .where('o.region_id', '=', regionId)
    .orderBy('o.kind')
    .orderBy('o.brin')
    .orderBy('o.vestiging')
    .orderBy('o.name')
    .execute();
  const members = await tx
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'm.organisation_id', 'm.role'])
    .where('o.region_id', '=', regionId)
    .where('m.ended_at', 'is', null)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('p.email')
    .orderBy('m.role')
    .orderBy('p.id')
    .execute();
  // Sorted here rather than in SQL: a plain order of strings, the same on both engines and fast for 100,000 rows.
  const byText = <T>(key: (row: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const childRows = (await tx.selectFrom('children').select(['id', 'birth_date', 'bsn', 'onderwijsnummer', 'family_name', 'given_name']).where('region_id', '=', regionId).execute()).sort(
    byText((c) => `${c.bsn ?? ''}|${c.onderwijsnummer ?? ''}|${c.family_name}|${c.given_name}|${c.birth_date}|${c.id}`),
  );
  const enrolmentRows = await tx
    .selectFrom('enrolments as e')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .select(['e.child_id', 'e.organisation_id', 'e.group_id', 'e.start_date', 'e.end_date'])
    .where('c.region_id', '=', regionId)
    .orderBy('e.start_date')
    .execute();
  const groupStaffRows = await tx
    .selectFrom('group_staff as gs')
    .innerJoin('school_groups as sg', 'sg.id', 'gs.group_id')
    .innerJoin('organisations as o', 'o.id', 'sg.organisation_id')
    .innerJoin('people as p', 'p.id', 'gs.person_id')
    .select(['gs.group_id', 'gs.person_id', 'gs.role', 'sg.organisation_id'])
    .where('o.region_id', '=', regionId)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('p.email')
    .orderBy('p.id')
    .execute();
  const authorityRows = (
    await tx
      .selectFrom('child_guardians as cg')
      .innerJoin('guardians as g', 'g.id', 'cg.guardian_id')
      .select(['cg.child_id', 'cg.guardian_id', 'g.family_name', 'g.given_name', 'g.phone'])
      .where('g.region_id', '=', regionId)
      .where('cg.has_authority', '=', true)
      .execute()
  ).sort(byText((g) => `${g.family_name}|${g.given_name}|${g.phone ?? ''}|${g.guardian_id}`));
  const residenceRows = await tx
    .selectFrom('child_residences as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .select(['r.child_id', 'r.gemeente_id', 'r.valid_from'])
    .where('c.region_id', '=', regionId)
    .orderBy('r.valid_from')
    .orderBy('r.recorded_at')
    .execute();
  // Children with legal absence reports this school year stay out of the thuiszitter history: an
  // entry of the past must not cover (and so hide) a report that waits as a candidate today.
  const reported = new Set((await tx.selectFrom('absence_reports').select('child_id').distinct().where('region_id', '=', regionId).execute()).map((r) => r.child_id));

  const children: Child[] = childRows.map((c) => ({ id: c.id, birth: c.birth_date, enrolments: [], authority: [], residences: [] }));
  const childById = new Map(children.map((c) => [c.id, c]));
  for (const e of enrolmentRows) childById.get(e.child_id)?.enrolments.push({ org: e.organisation_id, groupId: e.group_id, start: e.start_date, end: e.end_date });
  for (const g of authorityRows) childById.get(g.child_id)?.authority.push(g.guardian_id);
  for (const r of residenceRows) childById.get(r.child_id)?.residences.push({ gemeente: r.gemeente_id, from: r.valid_from });
  const residenceOn = (c: Child, day: string) => {
    let found: string | null = null;
    for (const r of c.residences) if (r.from <= day) found = r.gemeente;
    return found;
  };
  const enrolmentOn = (c: Child, day: string) => c.enrolments.find((e) => e.start <= day && (e.end === null || e.end >= day)) ?? null;

  const membersOf = new Map<string, Member[]>();
  for (const m of members) {
    const list = membersOf.get(m.organisation_id) ?? [];
    list.push({ personId: m.person_id, organisationId: m.organisation_id, role: m.role });
    membersOf.set(m.organisation_id, list);
  }
  const groupStaff = new Map<string, Member[]>();
  for (const g of groupStaffRows) {
    const list = groupStaff.get(g.group_id) ?? [];
    list.push({ personId: g.person_id, organisationId: g.organisation_id, role: g.role });
    groupStaff.set(g.group_id, list);
  }

  // School calendars, once per school, over every school year the window touches and the terms after it.
  const calendarFrom = `${Number(windowStart.slice(0, 4)) - (Number(windowStart.slice(5, 7)) >= 8 ? 0 : 1)}-08-01`;
  const calendarTo = latest(plus(lastDay, 120), `${Number(currentSchoolYearStart.slice(0, 4)) + 1}-09-30`);
  const schools = new Map<string, School>();
  for (const o of orgs.filter((x) => x.kind === 'school_location')) {
    const free = await freePeriodsOf(tx, { holidayRegion: (o.holiday_region as HolidayRegion | null) ?? null, organisationId: o.id }, calendarFrom, calendarTo)
      .select(['start_date', 'end_date', 'name'])
      .execute();
    const list = membersOf.get(o.id) ?? [];
    schools.set(o.id, {
      id: o.id,
      type: o.school_type ?? 'po',
      cal: new IndexedCalendar(free.map((f) => ({ start: f.start_date, end: f.end_date, name: f.name })), calendarFrom, calendarTo),
      care: list.filter((m) => m.role === 'intern_begeleider' || m.role === 'care_coordinator'),
      staff: list.filter((m) => m.role === 'teacher' || m.role === 'mentor'),
    });
  }

  // The receivers of requests, each with its own typical waiting times.
  const receivers: Receiver[] = [];
  for (const o of orgs) {
    if (!(o.kind in RECEIVER_ROLES)) continue;
    const kind = o.kind as ReceiverKind;
    const workers = (membersOf.get(o.id) ?? []).filter((m) => RECEIVER_ROLES[kind].includes(m.role));
    if (!workers.length) continue;
    const f = () => 0.6 + rng.next();
    const base = BASE_PROFILE[kind];
    receivers.push({ id: o.id, kind, workers, profile: { accept: base.accept * f(), decide: base.decide * f(), start: base.start * f(), help: base.help * f() } });
  }
  const receiversFor = (kind: Exclude<RequestKind, 'question_to_school'>) => {
    const kinds = RECEIVER_KINDS_OF[kind];
    // The gemeente's access takes a toegang only where there is no wijkteam.
    const all = receivers.filter((r) => kinds.includes(r.kind));
    const wijkteams = all.filter((r) => r.kind === 'wijkteam');
    return kind === 'toegang' && wijkteams.length ? wijkteams : all;
  };
  // Attendance officers by the gemeente they work for.
  const officersOf = new Map<string, Member[]>();
  for (const o of orgs.filter((x) => x.kind === 'gemeente' && x.gemeente_id)) {
    const list = (membersOf.get(o.id) ?? []).filter((m) => m.role === 'attendance_officer');
    if (list.length) officersOf.set(o.gemeente_id!, [...(officersOf.get(o.gemeente_id!) ?? []), ...list]);
  }

  // Pick-up terms as the signals module reads them (deadline rules), per category and urgency.
  const terms = new Map<string, number>();
  for (const [category] of CATEGORY_WEIGHTS) {
    for (const urgent of [false, true]) terms.set(`${category}|${urgent}`, await pickupTerm(tx, regionId, category, urgent));
  }

  // ----- rows to write
  const signalRows: Row<'signals'>[] = [];
  const signalEventRows: Row<'signal_events'>[] = [];
  const notificationRows: Row<'notifications'>[] = [];
  const caseRows: Row<'cases'>[] = [];
  const planRows: Row<'plans'>[] = [];
  const memberRows: Row<'case_members'>[] = [];
  const caseEventRows: Row<'case_events'>[] = [];
  const consentRows: Row<'consents'>[] = [];
  const recipientRows: Row<'consent_recipients'>[] = [];
  const giverRows: Row<'consent_givers'>[] = [];
  const goalRows: Row<'plan_goals'>[] = [];
  const actionRows: Row<'plan_actions'>[] = [];
  const evaluationRows: Row<'goal_evaluations'>[] = [];
  const oppRows: Row<'plan_opp_versions'>[] = [];
  const agreementRows: Row<'plan_agreements'>[] = [];
  const requestRows: Row<'requests'>[] = [];
  const requestEventRows: Row<'request_events'>[] = [];
  const thuiszitterRows: Row<'thuiszitters'>[] = [];
  const thuiszitterEventRows: Row<'thuiszitter_events'>[] = [];

  // =============================================================================================
  // Signals: about 12% of the pupils of a school year, on its school days

  interface Spec {
    child: Child;
    enrol: Enrol;
    school: School;
    raisedOn: string;
  }
  const specs: Spec[] = [];
  const schoolYears: { start: string; end: string }[] = [];
  for (let y = Number(calendarFrom.slice(0, 4)); `${y}-08-01` <= windowEnd; y++) {
    const start = latest(`${y}-08-01`, windowStart);
    const end = earliest(`${y + 1}-07-31`, windowEnd);
    if (start <= end) schoolYears.push({ start, end });
  }
  const yearDays = new Map<string, number>();
  const schoolDaysOfYear = (school: School, day: string) => {
    const y = Number(day.slice(0, 4)) - (Number(day.slice(5, 7)) >= 8 ? 0 : 1);
    const key = `${school.id}|${y}`;
    if (!yearDays.has(key)) yearDays.set(key, Math.max(1, school.cal.countIn(`${y}-08-01`, `${y + 1}-07-31`)));
    return yearDays.get(key)!;
  };
  const candidates = children.filter((c) => !excluded.has(c.id));
  for (const child of candidates) {
    for (const enrol of child.enrolments) {
      const school = schools.get(enrol.org);
      if (!school || !school.care.length) continue;
      for (const sy of schoolYears) {
        const from = latest(sy.start, enrol.start);
        const days = school.cal.countIn(from, earliest(sy.end, enrol.end ?? sy.end));
        if (!days) continue;
        if (rng.chance((SIGNAL_RATE * days) / schoolDaysOfYear(school, sy.start))) specs.push({ child, enrol, school, raisedOn: school.cal.nthFrom(from, rng.int(0, days - 1)) });
      }
    }
  }
  // Every month of the window has signals: a month without (the summer holiday in a small region)
  // gets one, raised in the last days of the month (teachers are back before the pupils).
  const monthsWithSignals = new Set(specs.map((s) => s.raisedOn.slice(0, 7)));
  for (let m = windowStart; m <= windowEnd; m = monthStart(m, 1)) {
    if (monthsWithSignals.has(m.slice(0, 7)) || !candidates.length) continue;
    const end = plus(monthStart(m, 1), -1);
    for (let attempt = 0; attempt < 500; attempt++) {
      const child = rng.pick(candidates);
      let day = plus(end, -rng.int(0, 9));
      while (weekday(day) === 0 || weekday(day) === 6) day = plus(day, -1);
      const enrol = enrolmentOn(child, day);
      const school = enrol ? schools.get(enrol.org) : undefined;
      if (!enrol || !school || !school.care.length) continue;
      const days = school.cal.countIn(m, end);
      specs.push({ child, enrol, school, raisedOn: days ? school.cal.nthFrom(m, rng.int(0, days - 1)) : day });
      break;
    }
  }
  specs.sort((a, b) => (a.raisedOn < b.raisedOn ? -1 : a.raisedOn > b.raisedOn ? 1 : 0));

  /** A child is in a case (at most one at a time in the history) until this day. */
  const busyUntil = new Map<string, string>();

  interface Signal {
    id: string;
    status: SignalStatus;
    version: number;
    author: Member;
    care: Member;
    school: School;
    triaged: boolean;
    row: Row<'signals'>;
    /** Minutes of the last event of the day it was on, so that events of one day stay in order. */
    lastDay: string;
    lastMinute: number;
  }

  /** The minute of a new event on `day`: after the previous one when that was the same day. */
  const minuteAfter = (prevDay: string, prevMinute: number, day: string, from = 8 * 60 + 30, to = 16 * 60 + 30) =>
    day === prevDay ? Math.min(prevMinute + rng.int(10, 90), 20 * 60) : rng.int(from, to);

  /** One step of the signal workflow by the school's care coordinator, as transitionSignal writes it. */
  const careStep = (s: Signal, action: SignalAction, day: string) => {
    const t = findTransition(s.status, action);
    if (!t || t.by !== 'care') throw new Error(`seedDemoHistory: "${action}" is not a care step from "${s.status}"`);
    const minute = minuteAfter(s.lastDay, s.lastMinute, day);
    const when = at(day, minute);
    if (!s.triaged) {
      s.triaged = true;
      s.row.triaged_at = when;
      s.row.triaged_on = day;
      s.row.triage_decision = action;
    }
    signalEventRows.push({ signal_id: s.id, at: when, person_id: s.care.personId, role: s.care.role, from_status: s.status, to_status: t.to, decision: action, reason: rng.pick(REASONS[action]) });
    // The teacher who raised it hears of the decision (not the care coordinator of her own signal).
    if (s.author.personId !== s.care.personId) {
      const read = new Date(when.getTime() + rng.int(10, 60 * 24 * 3) * 60_000);
      notificationRows.push({ id: randomUUID(), region_id: regionId, person_id: s.author.personId, organisation_id: s.school.id, kind: 'signal_decided', signal_id: s.id, created_at: when, read_at: read < at(today, 0) ? read : at(lastDay, 20 * 60) });
    }
    s.status = t.to;
    s.version++;
    s.lastDay = day;
    s.lastMinute = minute;
  };

  // =============================================================================================
  // Requests: what a receiver did with it, in working days of its own waiting times

  interface Step {
    /** A workflow action, or 'send' (the first event: sendRequest writes it, it is no transition). */
    action: RequestAction | 'send';
    day: string;
    side: 'sender' | 'receiver';
    text: string | null;
    detail: Record<string, unknown>;
  }
  interface RequestPlan {
    kind: Exclude<RequestKind, 'question_to_school'>;
    receiver: Receiver;
    holder: Member;
    sentOn: string;
    steps: Step[];
    acceptedOn: string | null;
    decidedOn: string | null;
    decision: RequestDecision | null;
    startedOn: string | null;
    endedOn: string;
    status: RequestStatus;
  }
  const wait = (typical: number) => Math.max(1, Math.round(typical * Math.exp(0.45 * normal())));
  const decisionDetail = (kind: RequestPlan['kind'], outcome: RequestDecision, day: string) => {
    if (kind !== 'tlv') return outcome === 'refused' ? { outcome } : { outcome, from: day, until: plus(day, 365) };
    // A TLV: the advice of two experts, the category, and the six weeks in which parents can object.
    const experts = rng.shuffle([...EXPERTS]).slice(0, 2);
    const objectionUntil = plus(day, 42);
    if (outcome === 'refused') return { outcome, experts, objectionUntil };
    return { outcome, from: day, until: plus(day, 365 * rng.int(1, 3)), category: rng.pick(['laag', 'midden', 'hoog']), experts, objectionUntil };
  };

  /**
   * The course of a request sent on `sentOn` that has to be over by `bound` (the case closes by
   * then): the receiver's waiting times are its own and are kept; when they do not fit before the
   * bound, no request (null). Help that would run past the bound ends with the case.
   */
  const planRequest = (kind: RequestPlan['kind'], sentOn: string, bound: string): RequestPlan | null => {
    const options = receiversFor(kind);
    if (!options.length) return null;
    const receiver = rng.pick(options);
    const p = receiver.profile;
    const holder = rng.pick(receiver.workers);
    const steps: Step[] = [];
    const step = (action: Step['action'], day: string, side: Step['side'], text: string | null = null, detail: Record<string, unknown> = {}) => steps.push({ action, day, side, text, detail });
    const done = (status: RequestStatus, endedOn: string, extra: Partial<RequestPlan> = {}): RequestPlan | null =>
      endedOn > bound ? null : { kind, receiver, holder, sentOn, steps, acceptedOn: null, decidedOn: null, decision: null, startedOn: null, ...extra, endedOn, status };
    step('send', sentOn, 'sender');
    let day = sentOn;
    const r = rng.next();
    if (r < 0.03) {
      step('withdraw', addWorkingDays(sentOn, rng.int(1, 5)), 'sender', 'Ouders hebben zelf hulp gevonden; het verzoek is niet meer nodig.');
      return done('withdrawn', steps[steps.length - 1].day);
    }
    if (r < 0.15) {
      const asked = addWorkingDays(day, wait(p.accept / 2));
      step('ask_info', asked, 'receiver', 'Kunt u het verslag van het laatste oudergesprek en de toetsgegevens meesturen?');
      day = addWorkingDays(asked, rng.int(1, 6));
      step('answer_info', day, 'sender', 'Het verslag en de toetsgegevens staan in het plan; ouders zijn akkoord.');
    }
    if (r > 0.94) {
      step('decline', addWorkingDays(day, wait(p.accept)), 'receiver', 'Deze vraag past beter bij een andere aanbieder; wij hebben geen passend aanbod.');
      return done('declined', steps[steps.length - 1].day);
    }
    const acceptedOn = addWorkingDays(day, wait(p.accept));
    step('accept', acceptedOn, 'receiver');
    const decides = kind === 'swv_arrangement' || kind === 'tlv' || (kind === 'toegang' && receiver.kind === 'gemeente');
    let from = acceptedOn;
    let decidedOn: string | null = null;
    let decision: RequestDecision | null = null;
    if (decides) {
      decidedOn = addWorkingDays(acceptedOn, wait(kind === 'tlv' ? p.decide * 1.3 : p.decide));
      const refusedShare = kind === 'tlv' ? 0.12 : kind === 'swv_arrangement' ? 0.08 : 0.05;
      decision = rng.weighted<RequestDecision>([['refused', refusedShare], ['partly', 0.07], ['granted', 1 - refusedShare - 0.07]]);
      step('decide', decidedOn, 'receiver', null, { decision: decisionDetail(kind, decision, decidedOn) });
      if (decision === 'refused' || kind === 'tlv') {
        const closedOn = addWorkingDays(decidedOn, rng.int(1, 8));
        step('close', closedOn, 'receiver', decision === 'refused' ? 'Afgewezen; ouders en school zijn geïnformeerd over bezwaar.' : 'Toelaatbaarheidsverklaring afgegeven; de aanmelding bij de SO-school loopt.');
        return done('closed', closedOn, { acceptedOn, decidedOn, decision });
      }
      from = decidedOn;
    }
    const startedOn = addWorkingDays(from, wait(p.start));
    // Help must start a week before the case closes, or the request would not have been sent yet.
    if (startedOn > plus(bound, -7)) return null;
    step('start_help', startedOn, 'receiver', null, { startOn: startedOn });
    const endedOn = earliest(plus(startedOn, Math.max(14, Math.round(p.help * Math.exp(0.4 * normal())))), plus(bound, -rng.int(0, 5)));
    step('end_help', latest(endedOn, startedOn), 'receiver', 'Hulp afgerond; de afspraken zijn overgedragen aan ouders en school.', { progress: 'ended' });
    return done('closed', latest(endedOn, startedOn), { acceptedOn, decidedOn, decision, startedOn });
  };

  // =============================================================================================
  // Cases: opened from a signal, with a plan, goals, evaluations, an OPP, requests; all closed

  let consentCount = 0;
  const openCase = (s: Signal, spec: Spec, category: SignalCategory, openedOn: string, bound: string, referral: RequestPlan | null) => {
    const { child, school } = spec;
    const caseId = randomUUID();
    const planId = randomUUID();
    const care = s.care;
    const opened = at(openedOn, s.lastMinute + 1);
    const firstDue = plus(openedOn, rng.pick([42, 56, 70, 84, 91]));
    const events: { at: Date; event: string; detail: Record<string, unknown> }[] = [];
    events.push({ at: opened, event: 'opened', detail: { fromSignalId: s.id, caseManagerPersonId: care.personId, nextEvaluationOn: firstDue } });
    memberRows.push({ case_id: caseId, person_id: care.personId, organisation_id: care.organisationId, role: care.role, added_at: opened });
    const onTeam = new Set([care.personId]);
    const addMember = (m: Member, day: string) => {
      if (onTeam.has(m.personId)) return;
      onTeam.add(m.personId);
      const when = at(day, 16 * 60 + rng.int(0, 60));
      memberRows.push({ case_id: caseId, person_id: m.personId, organisation_id: m.organisationId, role: m.role, added_at: when });
      events.push({ at: when, event: 'member_added', detail: { personId: m.personId, organisationId: m.organisationId, role: m.role } });
    };
    if (s.author.personId !== care.personId && rng.chance(0.6)) addMember(s.author, earliest(plus(openedOn, rng.int(0, 3)), bound));

    // Requests first: the case stays open until the last one has ended.
    const requests: RequestPlan[] = referral ? [referral] : [];
    if (!referral && child.authority.length && rng.chance(0.4)) {
      const count = rng.chance(0.2) ? 2 : 1;
      for (let k = 0; k < count; k++) {
        const kind = rng.weighted<RequestPlan['kind']>([['toegang', 0.3], ['provider', 0.3], ['swv_arrangement', 0.22], ['tlv', school.type === 'vo' ? 0.04 : 0.18]]);
        const sentOn = addWorkingDays(openedOn, rng.int(3, 30) + 25 * k);
        if (sentOn > plus(bound, -20)) break;
        const plan = planRequest(kind, sentOn, bound);
        if (plan) requests.push(plan);
      }
    }
    const lastRequestEnd = requests.reduce((d, r) => latest(d, r.endedOn), openedOn);
    const textOf = new Map(requests.map((plan) => [plan, rng.pick(REQUEST_TEXT[plan.kind])]));
    const closeDay = earliest(bound, latest(plus(openedOn, rng.int(60, 300)), plus(lastRequestEnd, rng.int(0, 10))));

    // Consents: one per receiver, given just before the request went out (a referral records the
    // family's consent in the same step), valid a year, by whom the age rule asks on that day.
    const consentFor = new Map<string, { id: string; validUntil: string; givenOn: string }>();
    for (const plan of requests) {
      const existing = consentFor.get(plan.receiver.id);
      if (existing && existing.givenOn <= plan.sentOn && existing.validUntil >= plan.sentOn) continue;
      const givenOn = referral === plan ? plan.sentOn : latest(openedOn, plus(plan.sentOn, -rng.int(0, 7)));
      const rule = ageRuleOn(child.birth, givenOn);
      const consentId = randomUUID();
      const validUntil = plus(givenOn, 365);
      const dataKinds = [...SHARED_KINDS];
      // Recorded before the request goes out (a referral: in its step, after the case was opened).
      const recorded = at(givenOn, referral === plan ? s.lastMinute + 2 : rng.int(8 * 60 + 15, 8 * 60 + 55));
      consentRows.push({
        id: consentId,
        region_id: regionId,
        child_id: child.id,
        case_id: caseId,
        // A referral records the request's goal as the consent's purpose (refer-signal.ts).
        purpose: referral === plan ? textOf.get(plan)!.goal : 'Hulp thuis en op school op elkaar afstemmen (1 gezin, 1 plan).',
        data_kinds: dataKinds,
        method: rng.chance(0.7) ? 'written' : 'verbal',
        given_on: givenOn,
        valid_until: validUntil,
        age_rule: rule,
        recorded_by_person_id: care.personId,
        recorded_at: recorded,
      });
      recipientRows.push({ consent_id: consentId, organisation_id: plan.receiver.id });
      if (rule !== 'child') {
        const givers = child.authority.length > 1 && rng.chance(0.6) ? child.authority.slice(0, 2) : child.authority.slice(0, 1);
        for (const g of givers) giverRows.push({ consent_id: consentId, guardian_id: g, child_self: false });
      }
      if (rule !== 'guardians') giverRows.push({ consent_id: consentId, guardian_id: null, child_self: true });
      events.push({ at: recorded, event: 'consent_recorded', detail: { consentId, dataKinds, recipients: [plan.receiver.id], ageRule: rule } });
      consentFor.set(plan.receiver.id, { id: consentId, validUntil, givenOn });
      consentCount++;
    }

    // The requests themselves, each step as takeRequestStep writes it (checked against the table).
    for (const plan of requests) {
      const requestId = randomUUID();
      let status: RequestStatus | null = null;
      let prevDay = '';
      let prevMinute = 0;
      for (const st of plan.steps) {
        let to: RequestStatus;
        if (st.action === 'send') to = 'sent';
        else {
          const t = findRequestTransition(plan.kind, status!, st.action);
          if (!t || t.by !== st.side) throw new Error(`seedDemoHistory: "${st.action}" is not a ${st.side} step of a ${plan.kind} request that is ${status}`);
          to = t.to;
        }
        const minute = st.action === 'send' && referral === plan ? s.lastMinute + 4 : minuteAfter(prevDay, prevMinute, st.day, 9 * 60, 16 * 60);
        const by = st.side === 'sender' ? care : plan.holder;
        requestEventRows.push({
          request_id: requestId,
          at: at(st.day, minute),
          on_date: st.day,
          person_id: by.personId,
          organisation_id: by.organisationId,
          action: st.action,
          from_status: status,
          to_status: to,
          text: st.text,
          detail: JSON.stringify(st.detail),
        });
        if (st.action === 'accept' && rng.chance(0.6)) addMember(plan.holder, st.day);
        status = to;
        prevDay = st.day;
        prevMinute = minute;
      }
      if (status !== plan.status) throw new Error(`seedDemoHistory: a request ended ${status}, planned ${plan.status}`);
      const text = textOf.get(plan)!;
      requestRows.push({
        id: requestId,
        region_id: regionId,
        child_id: child.id,
        case_id: caseId,
        kind: plan.kind,
        from_organisation_id: care.organisationId,
        from_person_id: care.personId,
        to_organisation_id: plan.receiver.id,
        holder_person_id: plan.acceptedOn ? plan.holder.personId : null,
        status: plan.status,
        question: text.question,
        tried: rng.chance(0.5) ? 'Gesprekken met ouders en extra begeleiding in de klas.' : null,
        urgency: rng.chance(0.1) ? 'urgent' : 'normal',
        goal: text.goal,
        back_to_school: false,
        data_kinds: [...SHARED_KINDS],
        step_since: plan.endedOn,
        step_due_on: null,
        sent_on: plan.sentOn,
        accepted_on: plan.acceptedOn,
        decided_on: plan.decidedOn,
        decision: plan.decision,
        help_started_on: plan.startedOn,
        ended_on: plan.endedOn,
        signal_id: referral === plan ? s.id : null,
        created_at: at(plan.sentOn, referral === plan ? s.lastMinute + 4 : 9 * 60),
        version: plan.steps.length,
      });
    }

    // The plan: 1–3 goals, rated (GAS) at every evaluation; evaluations on time or late.
    const domains = rng.shuffle([...DOMAINS_OF[category]]);
    const goalIds: { id: string; family: boolean }[] = [];
    const goalsOn = earliest(plus(openedOn, rng.int(1, 10)), closeDay);
    const usedGoals = new Set<string>();
    const goalCount = rng.weighted([[1, 0.3], [2, 0.45], [3, 0.25]] as const);
    for (let g = 0; g < goalCount; g++) {
      const domain = domains[g % domains.length];
      const goal = rng.pick(GOALS[domain]);
      if (usedGoals.has(goal.description)) continue;
      usedGoals.add(goal.description);
      const family = domain === 'home_family' && child.authority.length > 0 && rng.chance(0.5);
      const id = randomUUID();
      goalIds.push({ id, family });
      goalRows.push({
        id,
        plan_id: planId,
        life_domain: domain,
        description: goal.description,
        expected_outcome: goal.expected,
        in_family_words: family,
        added_by_person_id: family ? null : care.personId,
        added_by_guardian_id: family ? child.authority[0] : null,
        created_at: at(goalsOn, rng.int(9 * 60, 15 * 60)),
      });
      actionRows.push({
        goal_id: id,
        description: family ? 'Vast ritme thuis, samen afgesproken' : 'Wekelijks kort gesprek met de intern begeleider of mentor',
        owner_person_id: family ? null : care.personId,
        owner_family: family,
        deadline: earliest(plus(goalsOn, rng.int(14, 60)), closeDay),
        created_at: at(goalsOn, 15 * 60 + 30),
      });
    }
    let planChanges = goalIds.length * 2;
    const rate = (day: string, round: number) => {
      // GAS −2…+2 around a little above 0, and a little better as the plan runs.
      const up = Math.min(round, 3) * 0.03;
      for (const g of goalIds) {
        const score = rng.weighted<number>([[-2, 0.06 - up / 3], [-1, 0.17 - up], [0, 0.38], [1, 0.27 + up], [2, 0.12 + up / 3]]);
        const byFamily = g.family && rng.chance(0.5);
        evaluationRows.push({
          goal_id: g.id,
          score,
          evaluated_on: day,
          rated_by_person_id: byFamily ? null : care.personId,
          rated_by_guardian_id: byFamily ? child.authority[0] : null,
          comment: rng.pick(RATING_COMMENTS),
          created_at: at(day, 14 * 60 + rng.int(0, 60)),
        });
      }
      planChanges++;
    };
    let due = firstDue;
    let lastEvaluation: string | null = null;
    for (let round = 0; ; round++) {
      const onTime = rng.chance(0.72);
      let day = onTime ? plus(due, -rng.int(0, 10)) : plus(due, rng.int(2, 35));
      day = latest(day, plus(lastEvaluation ?? goalsOn, 7));
      while (weekday(day) === 0 || weekday(day) === 6) day = plus(day, onTime ? -1 : 1);
      if (day > closeDay || day <= openedOn) break;
      rate(day, round);
      due = plus(day, rng.pick([42, 56, 70, 84, 91]));
      events.push({ at: at(day, 15 * 60 + rng.int(0, 90)), event: 'plan_evaluated', detail: { nextEvaluationOn: due } });
      lastEvaluation = day;
    }
    // Closing the case rates the goals one last time, when the last evaluation was a while ago.
    if (goalIds.length && daysBetween(lastEvaluation ?? goalsOn, closeDay) > 14 && rng.chance(0.6)) rate(closeDay, 3);

    // An OPP for part of the cases, with the parents' agreement (mostly yes) and the pupil heard.
    const oppOn = plus(openedOn, rng.int(14, 42));
    if (rng.chance(0.35) && oppOn <= plus(closeDay, -7) && child.authority.length) {
      const record = (day: string) => {
        const id = randomUUID();
        oppRows.push({
          id,
          plan_id: planId,
          exit_profile: rng.pick(OPP.exit),
          exit_grounds: OPP.grounds,
          hindering_factors: OPP.hindering,
          supporting_factors: OPP.supporting,
          support: OPP.support,
          deviations: rng.chance(0.3) ? 'Twee uur per week minder Frans; extra taal in de kleine groep.' : null,
          recorded_by_person_id: care.personId,
          recorded_at: at(day, 11 * 60),
        });
        planChanges++;
        return id;
      };
      const agree = (oppId: string, day: string, agreed: boolean) => {
        agreementRows.push({
          plan_id: planId,
          opp_version_id: oppId,
          kind: 'guardian_agreement',
          guardian_id: child.authority[0],
          agreed,
          on_date: day,
          note: agreed ? null : 'Ouders willen eerst meer uitleg over het uitstroomprofiel.',
          recorded_by_person_id: care.personId,
          recorded_at: at(day, 16 * 60),
        });
        if (ageOn(child.birth, day) >= 12 && rng.chance(0.7)) {
          agreementRows.push({ plan_id: planId, opp_version_id: oppId, kind: 'pupil_heard', guardian_id: null, agreed: true, on_date: day, note: null, recorded_by_person_id: care.personId, recorded_at: at(day, 16 * 60 + 5) });
        }
        planChanges++;
      };
      const first = record(oppOn);
      const agreedOn = earliest(plus(oppOn, rng.int(3, 21)), closeDay);
      if (rng.chance(0.88)) agree(first, agreedOn, true);
      else {
        agree(first, agreedOn, false);
        const again = plus(agreedOn, rng.int(7, 21));
        if (again <= closeDay && rng.chance(0.6)) agree(record(again), earliest(plus(again, rng.int(2, 10)), closeDay), true);
      }
    }

    const closedAt = at(closeDay, 17 * 60 + rng.int(0, 60));
    events.push({ at: closedAt, event: 'closed', detail: { reason: rng.pick(CLOSE_REASONS) } });
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const e of events) caseEventRows.push({ case_id: caseId, at: e.at, person_id: care.personId, organisation_id: care.organisationId, event: e.event, detail: JSON.stringify(e.detail) });
    caseRows.push({
      id: caseId,
      region_id: regionId,
      child_id: child.id,
      organisation_id: school.id,
      opened_from_signal_id: s.id,
      case_manager_person_id: care.personId,
      case_manager_organisation_id: care.organisationId,
      title: referral ? `Doorverwijzing: ${CATEGORY_NL[category]}` : rng.pick(CASE_TITLES[category]),
      safety_route: category === 'safety',
      status: 'closed',
      opened_at: opened,
      opened_on: openedOn,
      next_evaluation_on: due,
      closed_at: closedAt,
      version: events.length,
    });
    planRows.push({ id: planId, case_id: caseId, child_id: child.id, region_id: regionId, created_at: opened, version: 1 + planChanges });
    busyUntil.set(child.id, closeDay);
  };

  // =============================================================================================
  // Each signal: raised, picked up (mostly in time), decided until it is over

  for (const spec of specs) {
    const { child, school, enrol, raisedOn } = spec;
    const category = rng.weighted(CATEGORY_WEIGHTS);
    const urgency: SignalUrgency = category === 'safety' ? rng.weighted<SignalUrgency>([['urgent', 0.6], ['soon', 0.4]]) : rng.weighted<SignalUrgency>([['normal', 0.72], ['soon', 0.22], ['urgent', 0.06]]);
    const care = rng.pick(school.care);
    const inGroup = enrol.groupId && raisedOn >= currentSchoolYearStart ? (groupStaff.get(enrol.groupId) ?? []) : [];
    const author = rng.chance(RAISED_BY_CARE) || !school.staff.length ? care : inGroup.length ? rng.pick(inGroup) : rng.pick(school.staff);
    const urgent = isUrgentSignal({ urgency, category });
    const term = terms.get(`${category}|${urgent}`)!;
    const deadline = pickupDeadline(school.cal, raisedOn, term);
    const informed = category === 'safety' ? rng.chance(0.4) : rng.chance(0.85);
    const raisedMinute = rng.int(8 * 60, 14 * 60);
    const id = randomUUID();
    const row: Row<'signals'> = {
      id,
      region_id: regionId,
      child_id: child.id,
      organisation_id: school.id,
      author_person_id: author.personId,
      author_role: author.role,
      category,
      urgency,
      observation: rng.pick(OBSERVATIONS[category]),
      parents_informed: informed,
      parents_not_informed_reason: informed ? null : category === 'safety' ? NOT_INFORMED_SAFETY : rng.pick(NOT_INFORMED),
      status: 'new',
      raised_at: at(raisedOn, raisedMinute),
      raised_on: raisedOn,
      pickup_deadline: deadline,
      pickup_school_days: term,
      triaged_at: null,
      triaged_on: null,
      triage_decision: null,
    };
    signalRows.push(row);
    signalEventRows.push({ signal_id: id, at: at(raisedOn, raisedMinute), person_id: author.personId, role: author.role, from_status: null, to_status: 'new', decision: null, reason: null });
    const s: Signal = { id, status: 'new', version: 1, author, care, school, triaged: false, row, lastDay: raisedOn, lastMinute: raisedMinute };

    // The pick-up: within the term (k school days after it was raised; 0 = the same day), or a few school days late.
    let pickUp: string;
    if (rng.chance(ON_TIME)) {
      const k = term === 0 ? 0 : Math.min(term, Math.floor(rng.next() * rng.next() * (term + 1)));
      pickUp = term === 0 ? deadline : k === 0 ? raisedOn : school.cal.addSchoolDays(raisedOn, k);
    } else {
      pickUp = school.cal.addSchoolDays(deadline, rng.int(1, 6));
    }
    if (pickUp > lastDay) pickUp = latest(raisedOn, school.cal.schoolDayBefore(today) ?? raisedOn);

    // The case bound: before today, and while the child is at this school.
    const bound = earliest(lastDay, enrol.end ?? lastDay);
    const free = (day: string) => (busyUntil.get(child.id) ?? '') < raisedOn && daysBetween(day, bound) >= 10;
    let decision = rng.weighted<SignalAction>([
      ['no_action', 0.22],
      ['handle_in_school', category === 'safety' ? 0.1 : 0.3],
      ['keep_watching', 0.13],
      ['open_case', category === 'safety' ? 0.45 : 0.23],
      ['refer_outward', 0.12],
    ]);
    let referral: RequestPlan | null = null;
    if (decision === 'refer_outward') {
      const kind = rng.weighted<RequestPlan['kind']>([['toegang', 0.45], ['provider', 0.35], ['swv_arrangement', 0.2]]);
      referral = free(pickUp) && child.authority.length > 0 ? planRequest(kind, pickUp, bound) : null;
      if (!referral) decision = 'open_case';
    }
    if (decision === 'open_case' && !free(pickUp)) decision = 'handle_in_school';
    careStep(s, decision, pickUp);
    if (decision === 'open_case' || decision === 'refer_outward') {
      openCase(s, spec, category, pickUp, bound, referral);
      // A referred signal is closed once the request has run its course.
      if (referral) careStep(s, 'close', earliest(lastDay, plus(latest(referral.endedOn, pickUp), rng.int(0, 10))));
    } else if (decision === 'keep_watching') {
      const next = earliest(school.cal.addSchoolDays(pickUp, rng.int(10, 40)), lastDay);
      let then = rng.weighted<SignalAction>([['no_action', 0.5], ['handle_in_school', 0.3], ['open_case', 0.2]]);
      if (then === 'open_case' && !free(next)) then = 'no_action';
      careStep(s, then, next);
      if (then === 'open_case') openCase(s, spec, category, next, bound, null);
      if (then === 'handle_in_school') careStep(s, 'close', earliest(plus(next, rng.int(15, 90)), lastDay));
    } else if (decision === 'handle_in_school') {
      careStep(s, 'close', earliest(plus(pickUp, rng.int(15, 90)), lastDay));
    }
    row.status = s.status;
    row.version = s.version;
  }

  // =============================================================================================
  // Thuiszitters: entries that came and went, a handful open at every month-end

  const officerChildren = candidates.filter((c) => !reported.has(c.id));
  const pool = rng.shuffle([...officerChildren]);
  const leavers = pool.filter((c) => c.enrolments.length && c.enrolments.every((e) => e.end !== null));
  const used = new Set<string>();
  const slots = Math.max(3, Math.round(children.length * THUISZITTER_RATE));
  const compulsory = (c: Child, day: string) => ageOn(c.birth, day) >= 6 && ageOn(c.birth, day) <= 16;
  const officerFor = (c: Child, day: string) => {
    const gemeente = residenceOn(c, day);
    const list = gemeente ? officersOf.get(gemeente) : undefined;
    return list?.length ? rng.pick(list) : null;
  };
  /** A child for an entry from `start` up to (not including) `end`: at one school throughout, or (absoluut) enrolled nowhere. */
  const findChild = (category: ThuiszitterCategory, start: string, end: string): { child: Child; school: string | null; officer: Member } | null => {
    const list = category === 'absoluut' ? leavers : pool;
    if (!list.length) return null;
    const offset = rng.int(0, list.length - 1);
    for (let i = 0; i < Math.min(list.length, 3000); i++) {
      const c = list[(offset + i) % list.length];
      if (used.has(c.id)) continue;
      let school: string | null = null;
      if (category === 'absoluut') {
        const leftBy = plus(start, -14);
        if (!c.enrolments.every((e) => e.end !== null && e.end < leftBy)) continue;
      } else {
        const e = enrolmentOn(c, start);
        if (!e || (e.end !== null && e.end < end) || !schools.has(e.org)) continue;
        school = e.org;
      }
      if (!compulsory(c, start)) continue;
      const officer = officerFor(c, start);
      if (!officer) continue;
      used.add(c.id);
      return { child: c, school, officer };
    }
    return null;
  };
  for (let slot = 0; slot < slots; slot++) {
    let start = plus(windowStart, -rng.int(0, 150));
    while (start <= windowEnd) {
      const length = rng.weighted<[number, number]>([
        [[20, 60], 0.35],
        [[60, 92], 0.3],
        [[93, 185], 0.25],
        [[185, 280], 0.1],
      ]);
      let end = plus(start, rng.int(length[0], length[1]));
      if (end > lastDay) end = latest(plus(start, 7), plus(lastDay, -rng.int(0, 3)));
      if (end > lastDay) break;
      let category = rng.weighted<ThuiszitterCategory>([['lrv', 0.5], ['5a', 0.3], ['absoluut', 0.2]]);
      // LRV comes from the absence reports, which the demo keeps for this school year only.
      if (category === 'lrv' && end >= currentSchoolYearStart) category = rng.chance(0.5) ? 'absoluut' : '5a';
      let found = findChild(category, start, end);
      if (!found && category === 'absoluut') {
        // Not enrolled anywhere: only children who left their school; else an exemption.
        category = '5a';
        found = findChild(category, start, end);
      }
      if (found) {
        const { child, school, officer } = found;
        const entryId = randomUUID();
        const registered = earliest(plus(start, rng.int(0, 10)), end);
        thuiszitterRows.push({
          id: entryId,
          region_id: regionId,
          child_id: child.id,
          start_date: start,
          absence_report_id: null,
          registered_by_person_id: officer.personId,
          registered_by_organisation_id: officer.organisationId,
          created_at: at(registered, 10 * 60),
        });
        const by = { thuiszitter_id: entryId, person_id: officer.personId, organisation_id: officer.organisationId };
        const event = (kind: 'category' | 'responsible' | 'offer' | 'end', day: string, minute: number, fields: Partial<Row<'thuiszitter_events'>>) =>
          thuiszitterEventRows.push({ ...by, kind, effective_on: day, recorded_at: at(latest(day, registered), minute), ...fields });
        event('category', start, 10 * 60, { category, school_location_id: school });
        event('responsible', start, 10 * 60 + 1, { responsible_person_id: officer.personId });
        // An offer for part of them; a long stay without a fitting one is what the norm is about.
        const days = daysBetween(start, end);
        let fitting = false;
        if (rng.chance(days > 100 ? 0.5 : 0.6)) {
          const offer = rng.weighted<ThuiszitterOffer>([['education_partial', 0.4], ['care', 0.3], ['education_care', 0.2], ['education_full', 0.1]]);
          const on = plus(start, rng.int(7, Math.max(8, days - 1)));
          fitting = offer === 'education_full' || (offer !== 'care' && rng.chance(0.6));
          if (on < end) event('offer', on, 11 * 60, { offer, offer_hours: offer === 'education_partial' ? rng.int(4, 16) : null, offer_fitting: fitting });
          else fitting = false;
        }
        const reasons: [ThuiszitterEndReason, number][] =
          category === 'absoluut' ? [['moved_away', 0.4], ['other', 0.6]] : category === '5a' ? [['exemption_ended', 0.5], ['back_to_school', 0.3], ['fitting_offer', fitting ? 0.2 : 0]] : [['back_to_school', 0.75], ['fitting_offer', fitting ? 0.25 : 0]];
        const reason = rng.weighted(reasons);
        event('end', end, 15 * 60, { end_reason: reason, note: reason === 'other' ? 'Ingeschreven op een school buiten de regio; bewijs van inschrijving ontvangen.' : null });
      }
      start = plus(end, rng.int(0, 25));
    }
  }

  // ----- write, parents before children
  signalEventRows.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  await insertBatched(tx, 'signals', signalRows);
  await insertBatched(tx, 'signal_events', signalEventRows);
  await insertBatched(tx, 'notifications', notificationRows);
  await insertBatched(tx, 'cases', caseRows);
  await insertBatched(tx, 'plans', planRows);
  await insertBatched(tx, 'case_members', memberRows);
  await insertBatched(tx, 'consents', consentRows);
  await insertBatched(tx, 'consent_recipients', recipientRows);
  await insertBatched(tx, 'consent_givers', giverRows);
  await insertBatched(tx, 'case_events', caseEventRows);
  await insertBatched(tx, 'plan_goals', goalRows);
  await insertBatched(tx, 'plan_actions', actionRows);
  await insertBatched(tx, 'goal_evaluations', evaluationRows);
  await insertBatched(tx, 'plan_opp_versions', oppRows);
  await insertBatched(tx, 'plan_agreements', agreementRows);
  await insertBatched(tx, 'requests', requestRows);
  await insertBatched(tx, 'request_events', requestEventRows);
  await insertBatched(tx, 'thuiszitters', thuiszitterRows);
  await insertBatched(tx, 'thuiszitter_events', thuiszitterEventRows);

  // Anonymous satisfaction answers (the surveys module's table; docs/monitor-satisfaction.md): about
  // half of the families answered after a plan evaluation of the history, and three teachers of each
  // school once a quarter. Only month, school, gemeente and score: nothing links an answer to anyone.
  // Scores from a hash of the row, so the same seed gives the same answers.
  const historyCases = caseRows.map((k) => k.id as string);
  if (historyCases.length) {
    await sql`
      insert into survey_answers (region_id, kind, month, organisation_id, gemeente_id, score)
      select ${regionId}, 'family', date_trunc('month', e.at at time zone 'Europe/Amsterdam')::date, k.organisation_id,
        (select cr.gemeente_id from child_residences cr where cr.child_id = k.child_id and cr.valid_from <= (e.at at time zone 'Europe/Amsterdam')::date order by cr.valid_from desc, cr.recorded_at desc limit 1),
        (array[5, 6, 6, 7, 7, 7, 8, 8, 8, 8, 9, 9, 10])[1 + abs(hashtext(e.case_id::text || e.at::text)) % 13]
      from case_events e join cases k on k.id = e.case_id
      where e.case_id = any(${historyCases}::uuid[]) and e.event = 'plan_evaluated' and abs(hashtext(e.case_id::text || 'answer' || e.at::text)) % 100 < 55
    `.execute(tx);
  }
  await sql`
    insert into survey_answers (region_id, kind, month, organisation_id, score)
    select ${regionId}, 'teacher', m::date, o.id, (array[2, 3, 3, 4, 4, 4, 5, 5])[1 + abs(hashtext(o.id::text || m::text || n::text)) % 8]
    from organisations o
    cross join generate_series(${windowStart}::date, ${windowEnd}::date, interval '3 months') m
    cross join generate_series(1, 3) n
    where o.region_id = ${regionId} and o.kind = 'school_location'
  `.execute(tx);

  return {
    signals: signalRows.length,
    cases: caseRows.length,
    requests: requestRows.length,
    consents: consentCount,
    goalEvaluations: evaluationRows.length,
    thuiszitters: thuiszitterRows.length,
    from: windowStart,
    to: windowEnd,
  };
}
