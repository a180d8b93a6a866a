/**
 * The demo region: a synthetic, realistic Dutch samenwerkingsverband with two gemeenten, schools,
 * partners, staff, ~2,200 children with their guardians, residences and enrolments, and one demo
 * account per role (password "demo"). Everything is invented; BSNs come from the 99999… test range.
 *
 * Deterministic: the same seed and `today` give the same names, dates and relations (ids are
 * random UUIDs). The whole seed runs in one transaction with multi-row inserts.
 */
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Insertable } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { DB, GuardianRelation, SchoolType } from '../../kernel/db/schema.ts';
import { analyzeTables } from '../../kernel/db/statistics.ts';
import type { Role } from '../../kernel/policy/roles.ts';
import { isIsoDate, today as todayNl } from '../../kernel/time.ts';
import { seedDemoSignals } from './seed-demo-signals.ts';
import { seedDemoCases, seedDemoFamilyCases } from './seed-demo-cases.ts';
import { seedDemoAbsence } from './seed-demo-absence.ts';
import { seedDemoThuiszitters } from './seed-demo-thuiszitters.ts';
import { seedDemoHistory, type DemoHistoryCounts } from './seed-demo-history.ts';
import { FAMILY_BACKGROUNDS, NAME_POOLS, STAFF_BACKGROUNDS, emailSlug, surnameFor, type Background } from './names.ts';

export interface DemoSeedOptions {
  /** Number of children (default 2200; at least 50). Schools and groups scale with it. */
  children?: number;
  /** PRNG seed (default 20261125). */
  seed?: number;
  /** 'YYYY-MM-DD' the data is built around (default: today in the Netherlands). */
  today?: string;
  /** Seed the school year's absence and its reports (default true; benchmarks bring their own). */
  absence?: boolean;
  /**
   * Seed 16 completed months of history for the monitor (signals, cases, plans, requests,
   * thuiszitters; all over before today). Default false: the tests expect a quiet region.
   */
  history?: boolean;
}

export interface DemoSeedResult {
  regionId: string;
  accounts: Record<string, { accountId: string; personId?: string; guardianId?: string; childId?: string; organisationId?: string }>;
  counts: { children: number; guardians: number; enrolments: number; schools: number };
  /** What the history added (only with `history: true`), and how long it took. */
  history?: DemoHistoryCounts & { ms: number };
}

export const DEMO_REGION_SLUG = 'demo';
export const DEMO_REGION_NAME = 'Samenwerkingsverband Heuvelrug-Vecht (demo)';
export const DEMO_PASSWORD = 'demo';
export const DEMO_DEFAULT_CHILDREN = 2200;
export const DEMO_DEFAULT_SEED = 20261125;

export interface DemoAccount {
  username: string;
  /** A role from roles.ts for professionals; 'guardian' or 'youth' for the portal accounts. */
  role: string;
  descriptionNl: string;
  descriptionEn: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'beheer',
    role: 'functional_admin',
    descriptionNl: 'Functioneel beheerder bij het Regiobureau Heuvelrug-Vecht: organisaties, gebruikers en instellingen, geen kinddossiers.',
    descriptionEn: 'Functional administrator at the region office: organisations, users and settings, no child data.',
  },
  {
    username: 'privacy',
    role: 'privacy_officer',
    descriptionNl: 'Privacyfunctionaris bij het Regiobureau: toegangslogboeken en verzoeken van betrokkenen.',
    descriptionEn: 'Privacy officer at the region office: access logs and data subject requests.',
  },
  {
    username: 'leerkracht',
    role: 'teacher',
    descriptionNl: 'Leerkracht van groep 5 op OBS De Regenboog in Zeist: ziet de leerlingen van de eigen groep.',
    descriptionEn: 'Teacher of group 5 at OBS De Regenboog in Zeist: sees the pupils of their own group.',
  },
  {
    username: 'mentor',
    role: 'mentor',
    descriptionNl: 'Mentor van klas 5H op het Heuvelrug Lyceum Zeist: ziet de eigen mentorleerlingen.',
    descriptionEn: 'Mentor of class 5H at Heuvelrug Lyceum Zeist: sees their own mentor pupils.',
  },
  {
    username: 'ib',
    role: 'intern_begeleider',
    descriptionNl: 'Intern begeleider op OBS De Regenboog (Zeist) en OBS Het Palet (De Bilt): twee organisaties, ziet alle leerlingen van de school waarvoor zij werkt.',
    descriptionEn: 'Internal support coordinator at OBS De Regenboog (Zeist) and OBS Het Palet (De Bilt): two organisations, sees all pupils of the school she acts for.',
  },
  {
    username: 'zorgcoordinator',
    role: 'care_coordinator',
    descriptionNl: 'Zorgcoördinator van het Heuvelrug Lyceum Zeist: ziet alle leerlingen van de school, pakt zorgsignalen op.',
    descriptionEn: 'Care coordinator at Heuvelrug Lyceum Zeist: sees all pupils of the school and triages signals.',
  },
  {
    username: 'directeur',
    role: 'school_leader',
    descriptionNl: 'Directeur van OBS De Regenboog: overzichten en thuiszitters van de eigen school.',
    descriptionEn: 'Head of OBS De Regenboog: aggregates and out-of-school children of their own school.',
  },
  {
    username: 'jeugdhulp',
    role: 'youth_care_worker',
    descriptionNl: 'Jeugdhulpverlener bij Jeugdhulp De Brug: alleen kinderen in casussen waarin zij in het team zit, met toestemming.',
    descriptionEn: 'Youth care worker at Jeugdhulp De Brug: only children in cases where she is on the team, with consent.',
  },
  {
    username: 'wijkteam',
    role: 'wijkteam_worker',
    descriptionNl: 'Medewerker van Wijkteam Zeist-Noord: alleen kinderen in casussen waarin hij in het team zit, met toestemming.',
    descriptionEn: 'Worker at Wijkteam Zeist-Noord: only children in cases where he is on the team, with consent.',
  },
  {
    username: 'swv',
    role: 'swv_consultant',
    descriptionNl: 'Consulent bij SWV Passend Onderwijs Heuvelrug-Vecht: casussen waarvoor zij is uitgenodigd, met toestemming; nooit het BSN.',
    descriptionEn: 'Consultant at the SWV: cases she is invited to, with consent; never the BSN.',
  },
  {
    username: 'leerplicht',
    role: 'attendance_officer',
    descriptionNl: 'Leerplichtambtenaar van de gemeente Zeist: verzuim en thuiszitters van kinderen die in Zeist wonen.',
    descriptionEn: 'Attendance officer of the gemeente Zeist: absence and out-of-school children living in Zeist.',
  },
  {
    username: 'beleid',
    role: 'policy_analyst',
    descriptionNl: 'Beleidsmedewerker van de gemeente De Bilt: alleen geaggregeerde cijfers, nooit een enkel kind.',
    descriptionEn: 'Policy analyst at the gemeente De Bilt: aggregates only, never a single child.',
  },
  {
    username: 'ouder',
    role: 'guardian',
    descriptionNl: 'Ouder met gezag over twee kinderen: één in groep 5 van OBS De Regenboog, één op een andere school. Ziet hun gegevens en wie die bekeek, en bij het kind op de andere school het plan en de toestemming; intrekken kan zolang dat kind jonger is dan 16.',
    descriptionEn: 'Parent with authority over two children: one in group 5 of OBS De Regenboog, one at another school. Sees their data and who looked at it, and for the child at the other school the plan and the consent; she can withdraw it while that child is under 16.',
  },
  {
    username: 'jongere',
    role: 'youth',
    descriptionNl: 'Jongere van 16 of 17 in klas 5H van het Heuvelrug Lyceum: ziet de eigen gegevens, wie die bekeek, het eigen plan en de toestemming die hij of zij zelf gaf, en kan die intrekken.',
    descriptionEn: 'Young person of 16 or 17 in class 5H at Heuvelrug Lyceum: sees their own data, who looked at it, their own plan and the consent they gave themselves (and can withdraw it).',
  },
];

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a small, fast 32-bit PRNG; good enough for synthetic data. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar days as integers (days since 1970-01-01, UTC), so arithmetic never meets a time zone.

const DAY_MS = 86_400_000;
const ymd = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;
const dayOf = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return ymd(y, m, d);
};
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** The same calendar day `years` later; 29 February becomes 28 February in a common year. */
function addYears(day: number, years: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth() + 1;
  let dd = d.getUTCDate();
  if (m === 2 && dd === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) dd = 28;
  return ymd(y, m, dd);
}

// ---------------------------------------------------------------------------------------------
// The region's school locations (synthetic BRINs with prefix 99)

type GemeenteKey = 'zeist' | 'debilt';

interface LocationDef {
  key: string;
  name: string;
  brin: string;
  vestiging: string;
  type: SchoolType;
  gemeente: GemeenteKey;
}

const PO_SCHOOLS: LocationDef[] = [
  { key: 'po1', name: 'OBS De Regenboog', brin: '99RB', vestiging: '00', type: 'po', gemeente: 'zeist' },
  { key: 'po2', name: 'OBS Het Palet', brin: '99PA', vestiging: '00', type: 'po', gemeente: 'debilt' },
  { key: 'po3', name: 'CBS Het Kompas', brin: '99KO', vestiging: '00', type: 'po', gemeente: 'zeist' },
  { key: 'po4', name: 'RKBS Sint-Jozef', brin: '99SJ', vestiging: '00', type: 'po', gemeente: 'debilt' },
  { key: 'po5', name: 'Daltonschool De Zonnewijzer', brin: '99ZW', vestiging: '00', type: 'po', gemeente: 'zeist' },
  { key: 'po6', name: 'Montessorischool De Vlinderhof', brin: '99VH', vestiging: '00', type: 'po', gemeente: 'debilt' },
];
/** The school board (bevoegd gezag) of a demo school, from its kind of school. */
function boardOf(l: LocationDef): string {
  if (l.type === 'vo') return 'Stichting Voortgezet Onderwijs Heuvelrug';
  if (l.type === 'so' || l.type === 'sbo') return 'Stichting Speciaal Onderwijs Utrecht-Oost';
  if (l.name.startsWith('CBS')) return 'Vereniging Christelijk Primair Onderwijs Zeist';
  if (l.name.startsWith('RKBS')) return 'Stichting Katholiek Onderwijs De Bilt';
  return 'Stichting Openbaar Primair Onderwijs Heuvelrug';
}
const SBO_SCHOOL: LocationDef = { key: 'sbo', name: 'SBO De Wissel', brin: '99WI', vestiging: '00', type: 'sbo', gemeente: 'zeist' };
const SO_SCHOOL: LocationDef = { key: 'so', name: 'SO De Boomgaard', brin: '99BG', vestiging: '00', type: 'so', gemeente: 'debilt' };
const VO1: LocationDef = { key: 'vo1', name: 'Heuvelrug Lyceum Zeist', brin: '99HL', vestiging: '00', type: 'vo', gemeente: 'zeist' };
const VO1_BILTHOVEN: LocationDef = { key: 'vo1b', name: 'Heuvelrug Lyceum, locatie Bilthoven (mavo)', brin: '99HL', vestiging: '01', type: 'vo', gemeente: 'debilt' };
const VO2: LocationDef = { key: 'vo2', name: 'Groenewoud College De Bilt', brin: '99GW', vestiging: '00', type: 'vo', gemeente: 'debilt' };

const VO_CLASSES_LARGE = ['1A', '1B', '1C', '2A', '2B', '2C', '3M', '3H', '3V', '4M', '4H', '4V', '5H', '5V', '6V'];
const VO_CLASSES_SMALL = ['1A', '2A', '3H', '4H', '5H', '6V'];
const VO_CLASSES_MAVO = ['1M', '2M', '3M', '4M'];

/** Where the demo accounts sit. */
const LEERKRACHT_GROUP = { location: 'po1', group: '5' };
const MENTOR_CLASS = { location: 'vo1', group: '5H' };

// ---------------------------------------------------------------------------------------------
// Plan types

interface Slot {
  loc: LocationDef;
  name: string;
  /** Cohort: po group 1..8 (kleuters = 1), vo year n = n + 8. */
  cohort: number;
  kleuter: boolean;
  weight: number;
  fromDay: number;
  toDay: number;
  groupId: string;
  staffIds: string[];
  staffRole: 'teacher' | 'mentor';
  count: number;
}

interface Kid {
  id: string;
  slot: Slot;
  birth: number;
  female: boolean;
  leaver: boolean;
  special: 'ouderA' | 'ouderB' | 'jongere' | null;
  family: Family | null;
  given: string;
  familyName: string;
  bsn: string | null;
  onderwijsnummer: string | null;
}

interface GuardianPlan {
  id: string;
  given: string;
  family: string;
  email: string | null;
  phone: string;
  relation: GuardianRelation;
  authority: boolean;
}

interface Family {
  kids: Kid[];
  forced: boolean;
  guardians: GuardianPlan[];
  /** The guardian that gets the `ouder` account (forced family only). */
  accountGuardian: GuardianPlan | null;
}

interface PersonPlan {
  id: string;
  given: string;
  family: string;
  email: string;
}

type Row<T extends keyof DB> = Insertable<DB[T]>;

// ---------------------------------------------------------------------------------------------

export async function seedDemo(database: Database, opts: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const n = opts.children ?? DEMO_DEFAULT_CHILDREN;
  if (!Number.isInteger(n) || n < 50) throw new RangeError('seedDemo: children must be an integer of at least 50');
  const todayIso = opts.today ?? todayNl();
  if (!isIsoDate(todayIso)) throw new RangeError(`seedDemo: today must be YYYY-MM-DD, got ${todayIso}`);
  const rng = new Rng(opts.seed ?? DEMO_DEFAULT_SEED);

  const existing = await database.db.selectFrom('regions').select('id').where('slug', '=', DEMO_REGION_SLUG).executeTakeFirst();
  if (existing) throw new Error(`seedDemo: a region with slug '${DEMO_REGION_SLUG}' already exists`);

  const today = dayOf(todayIso);
  const todayYear = Number(todayIso.slice(0, 4));
  // School year runs 1 August – 31 July; y0 is the calendar year in which the current one began.
  const y0 = Number(todayIso.slice(5, 7)) >= 8 ? todayYear : todayYear - 1;
  const schoolYear = `${y0}-${y0 + 1}`;
  const schoolYearStart = ymd(y0, 8, 1);
  const julyEnd = (year: number) => ymd(year, 7, 31);
  const augStart = (year: number) => ymd(year, 8, 1);

  const regionId = randomUUID();
  const gemeenteIds: Record<GemeenteKey, string> = { zeist: randomUUID(), debilt: randomUUID() };
  const otherGemeente = (g: GemeenteKey): GemeenteKey => (g === 'zeist' ? 'debilt' : 'zeist');

  // ----- school locations, scaled with the number of children
  const scale = n / DEMO_DEFAULT_CHILDREN;
  const numPo = Math.max(2, Math.min(PO_SCHOOLS.length, Math.round(6 * scale)));
  const locations: LocationDef[] = [...PO_SCHOOLS.slice(0, numPo), SBO_SCHOOL, SO_SCHOOL, VO1];
  if (scale >= 0.55) locations.push(VO1_BILTHOVEN);
  if (scale >= 0.3) locations.push(VO2);
  const orgIds = new Map<string, string>(locations.map((l) => [l.key, randomUUID()]));
  const poLocations = locations.filter((l) => l.type === 'po');

  // ----- groups (slots) with their birth-date windows and relative sizes
  const large = scale >= 0.5;
  const slots: Slot[] = [];
  const addSlot = (loc: LocationDef, name: string, cohort: number, kleuter: boolean, weight: number) => {
    // Group g (3..8) / vo year n (cohort n + 8): born 1 October (y0-g-4) to 30 September (y0-g-3),
    // so group 3 is about 6 and group 8 about 11 at the start of the year. Kleuters (groups 1/2):
    // from 1 October (y0-6) up to children who turned 4 by today (they start on their 4th birthday).
    const fromDay = kleuter ? ymd(y0 - 6, 10, 1) : ymd(y0 - cohort - 4, 10, 1);
    const toDay = kleuter ? addYears(today, -4) : ymd(y0 - cohort - 3, 9, 30);
    slots.push({
      loc, name, cohort, kleuter, weight, fromDay, toDay,
      groupId: randomUUID(), staffIds: [], staffRole: loc.type === 'vo' ? 'mentor' : 'teacher', count: 0,
    });
  };
  for (const loc of locations) {
    if (loc.type === 'po') {
      const k12 = large ? 2 : 1;
      for (let k = 0; k < k12; k++) addSlot(loc, `1/2${'abc'[k]}`, 1, true, 2.15 / k12);
      for (let g = 3; g <= 8; g++) addSlot(loc, String(g), g, false, 1);
    } else if (loc.type === 'sbo') {
      // Special primary education grows with age: pupils are referred from regular schools.
      const weights = [0.3, 0.4, 0.5, 0.6, 0.6, 0.6];
      addSlot(loc, '1/2a', 1, true, 0.15);
      for (let g = 3; g <= 8; g++) addSlot(loc, String(g), g, false, weights[g - 3]);
    } else if (loc.type === 'so') {
      addSlot(loc, '1/2a', 1, true, 0.35);
      for (let g = 3; g <= 8; g++) addSlot(loc, String(g), g, false, 0.4);
    } else {
      const classes = loc.key === 'vo1b' ? VO_CLASSES_MAVO : large ? VO_CLASSES_LARGE : VO_CLASSES_SMALL;
      for (const c of classes) addSlot(loc, c, Number(c[0]) + 8, false, 1.1);
    }
  }
  const findSlot = (location: string, group: string) => slots.find((s) => s.loc.key === location && s.name === group)!;
  const leerkrachtSlot = findSlot(LEERKRACHT_GROUP.location, LEERKRACHT_GROUP.group);
  const mentorSlot = findSlot(MENTOR_CLASS.location, MENTOR_CLASS.group);

  // ----- how many children per group: largest remainder, then the demo groups' minimums
  {
    const totalWeight = slots.reduce((s, sl) => s + sl.weight, 0);
    const raw = slots.map((sl) => (n * sl.weight) / totalWeight);
    slots.forEach((sl, i) => (sl.count = Math.floor(raw[i])));
    const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    let left = n - slots.reduce((s, sl) => s + sl.count, 0);
    for (let k = 0; left > 0; k++, left--) slots[order[k % order.length][1]].count++;
    const minimums = new Map<Slot, number>([
      [leerkrachtSlot, Math.min(15, Math.floor(n / 6))],
      [mentorSlot, 4],
    ]);
    for (const [slot, min] of minimums) {
      while (slot.count < min) {
        const donor = slots.filter((s) => !minimums.has(s)).reduce((a, b) => (b.count > a.count ? b : a));
        donor.count--;
        slot.count++;
      }
    }
  }

  // ----- children: a birth date in their group's window
  const kids: Kid[] = [];
  for (const slot of slots) {
    for (let k = 0; k < slot.count; k++) {
      kids.push({
        id: randomUUID(), slot, birth: rng.int(slot.fromDay, slot.toDay), female: rng.chance(0.5),
        leaver: false, special: null, family: null, given: '', familyName: '', bsn: null, onderwijsnummer: null,
      });
    }
  }
  const kidsIn = (slot: Slot) => kids.filter((k) => k.slot === slot);

  // The young person: in the mentor's class and 16 or 17 today.
  const jongere = rng.pick(kidsIn(mentorSlot));
  jongere.special = 'jongere';
  jongere.birth = rng.int(mentorSlot.fromDay, Math.min(mentorSlot.toDay, addYears(today, -16)));

  // The parent's children: one in the teacher's group, an older or younger one at another school.
  const ouderA = rng.pick(kidsIn(leerkrachtSlot));
  ouderA.special = 'ouderA';
  const siblingOk = (k: Kid) => k.special === null && !k.slot.kleuter && k.slot.loc.key !== ouderA.slot.loc.key && Math.abs(k.birth - ouderA.birth) >= 420;
  const bCandidates = kids.filter((k) => siblingOk(k) && k.slot.loc.type === 'vo');
  const ouderB = rng.pick(bCandidates.length ? bCandidates : kids.filter(siblingOk));
  ouderB.special = 'ouderB';

  // Leavers (~1%): no current enrolment any more; they keep their ended enrolment(s).
  {
    const eligible = kids.filter(
      (k) => k.special === null && k.slot !== leerkrachtSlot && k.slot !== mentorSlot &&
        ((k.slot.loc.type === 'po' && k.slot.cohort >= 3) || (k.slot.loc.type === 'vo' && k.slot.cohort >= 10)),
    );
    rng.shuffle(eligible);
    const numLeavers = Math.max(1, Math.round(n * 0.01));
    for (const k of eligible.slice(0, numLeavers)) k.leaver = true;
  }

  // ----- families: siblings share guardians and residence
  const families: Family[] = [];
  {
    const forced: Family = { kids: [ouderA, ouderB], forced: true, guardians: [], accountGuardian: null };
    ouderA.family = forced;
    ouderB.family = forced;
    families.push(forced);
    const byLocation = new Map<string, Kid[]>();
    for (const k of kids) {
      const list = byLocation.get(k.slot.loc.key) ?? [];
      list.push(k);
      byLocation.set(k.slot.loc.key, list);
    }
    const order = rng.shuffle(kids.filter((k) => !k.family));
    for (const kid of order) {
      if (kid.family) continue;
      const family: Family = { kids: [kid], forced: false, guardians: [], accountGuardian: null };
      kid.family = family;
      families.push(family);
      const size = rng.weighted([[1, 0.75], [2, 0.2], [3, 0.05]] as const);
      for (let s = 1; s < size; s++) {
        // Siblings in primary school usually go to the same school; otherwise anywhere.
        const pool = kid.slot.loc.type !== 'vo' && rng.chance(0.7) ? byLocation.get(kid.slot.loc.key)! : kids;
        for (let attempt = 0; attempt < 40; attempt++) {
          const c = rng.pick(pool);
          if (c.family || c.special === 'ouderA' || c.special === 'ouderB') continue;
          if (family.kids.some((f) => Math.abs(f.birth - c.birth) < 420)) continue;
          c.family = family;
          family.kids.push(c);
          break;
        }
      }
    }
  }

  // ----- names, guardians
  const phone = () => `06-${rng.int(1, 9)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
  const guardianEmail = (given: string, family: string): string | null => {
    if (rng.chance(0.08)) return null;
    const g = emailSlug(given);
    const f = emailSlug(family);
    const domain = rng.chance(0.6) ? 'example.nl' : 'example.com';
    switch (rng.int(0, 3)) {
      case 0: return `${g}.${f}@${domain}`;
      case 1: return `${g[0]}.${f}@${domain}`;
      case 2: return `${g}${f}${rng.int(70, 99)}@${domain}`;
      default: return `${f}.${g}${rng.int(1, 9)}@${domain}`;
    }
  };
  const adult = (bg: Background, female: boolean, familyName?: string) => {
    const pool = NAME_POOLS[bg];
    const given = rng.pick(female ? pool.women : pool.men);
    const family = familyName ?? surnameFor(rng.pick(pool.surnames), female, bg);
    return { given, family };
  };
  const makeGuardian = (bg: Background, female: boolean, relation: GuardianRelation, authority: boolean, familyName?: string): GuardianPlan => {
    const { given, family } = adult(bg, female, familyName);
    return { id: randomUUID(), given, family, email: guardianEmail(given, family), phone: phone(), relation, authority };
  };
  const otherBackground = (bg: Background): Background => {
    for (;;) {
      const b = rng.weighted(FAMILY_BACKGROUNDS);
      if (b !== bg) return b;
    }
  };

  for (const family of families) {
    const bg = rng.weighted(FAMILY_BACKGROUNDS);
    const motherBg = rng.chance(0.07) ? otherBackground(bg) : bg;
    const surname = rng.pick(NAME_POOLS[bg].surnames);
    const used = new Set<string>();
    for (const kid of family.kids) {
      const namesBg = motherBg !== bg && rng.chance(0.5) ? motherBg : bg;
      const pool = kid.female ? NAME_POOLS[namesBg].girls : NAME_POOLS[namesBg].boys;
      let given = rng.pick(pool);
      for (let t = 0; t < 5 && used.has(given); t++) given = rng.pick(pool);
      used.add(given);
      kid.given = given;
      kid.familyName = surnameFor(surname, kid.female, bg);
    }
    const father = (authority: boolean) => makeGuardian(bg, false, 'parent', authority, surnameFor(surname, false, bg));
    const mother = (authority: boolean, ownName = true) =>
      makeGuardian(motherBg, true, 'parent', authority, ownName ? undefined : surnameFor(surname, true, bg));
    const r = rng.next();
    if (family.forced) {
      const m = mother(true);
      family.guardians.push(m, father(true));
      family.accountGuardian = m;
    } else if (r < 0.03) {
      if (rng.chance(0.6)) {
        // Foster care under a supervision order: the parent keeps authority, foster parents have none.
        const fosterBg = rng.weighted(FAMILY_BACKGROUNDS);
        const fosterName = rng.pick(NAME_POOLS[fosterBg].surnames);
        family.guardians.push(mother(true, rng.chance(0.5)));
        family.guardians.push(makeGuardian(fosterBg, true, 'foster_parent', false));
        if (rng.chance(0.7)) family.guardians.push(makeGuardian(fosterBg, false, 'foster_parent', false, surnameFor(fosterName, false, fosterBg)));
      } else {
        // A voogd (e.g. a grandmother or aunt appointed by the court) holds authority alone.
        family.guardians.push(makeGuardian(bg, true, 'guardian', true, rng.chance(0.5) ? surnameFor(surname, true, bg) : undefined));
      }
    } else if (r < 0.08) {
      family.guardians.push(mother(true), father(false));
    } else if (r < 0.26) {
      family.guardians.push(rng.chance(0.85) ? mother(true, rng.chance(0.5)) : father(true));
    } else if (rng.chance(0.015)) {
      family.guardians.push(mother(true, false), makeGuardian(motherBg, true, 'parent', true));
    } else {
      family.guardians.push(mother(true), father(true));
    }
  }

  // ----- BSNs from the test range 99999xxxx that pass the 11-proef (at most ~909 exist)
  {
    const valid: string[] = [];
    for (let x = 0; x < 1000; x++) {
      const d6 = Math.floor(x / 100);
      const d7 = Math.floor(x / 10) % 10;
      const d8 = x % 10;
      const d9 = (9 * 9 + 8 * 9 + 7 * 9 + 6 * 9 + 5 * 9 + 4 * d6 + 3 * d7 + 2 * d8) % 11;
      if (d9 <= 9) valid.push(`99999${d6}${d7}${d8}${d9}`);
    }
    rng.shuffle(valid);
    let next = 0;
    for (const kid of kids) if (rng.chance(0.3) && next < valid.length) kid.bsn = valid[next++];
    // Every other pupil has an onderwijsnummer (DUO gives one to a pupil without BSN), so that each
    // has the identifier a DUO report needs. Synthetic: 1099…, nine digits whose weighted sum leaves
    // 5 when divided by 11 (the onderwijsnummer's check); past the first 10,000 serials (a large
    // region) counting down from 10989999…, so that the numbers stay nine digits and unique.
    let serial = 0;
    for (const kid of kids) {
      if (kid.bsn) continue;
      for (;;) {
        const n = serial++;
        const head = `10${String(n < 10_000 ? 990_000 + n : 999_999 - n).padStart(6, '0')}`;
        let sum = 0;
        for (let i = 0; i < 8; i++) sum += (9 - i) * Number(head[i]);
        // 9·d1 + … + 2·d8 − d9 ≡ 5 (mod 11)  →  d9 ≡ sum − 5 (mod 11)
        const d9 = (((sum - 5) % 11) + 11) % 11;
        if (d9 <= 9) {
          kid.onderwijsnummer = head + d9;
          break;
        }
      }
    }
  }

  // ----- residences: the family's gemeente, appended rows only
  const residenceRows: Row<'child_residences'>[] = [];
  const firstGemeente = new Map<Kid, GemeenteKey>();
  for (const family of families) {
    const youngest = family.kids.reduce((a, b) => (b.birth > a.birth ? b : a));
    const oldest = family.kids.reduce((a, b) => (b.birth < a.birth ? b : a));
    const home: GemeenteKey = family.forced ? 'zeist' : rng.chance(0.85) ? youngest.slot.loc.gemeente : otherGemeente(youngest.slot.loc.gemeente);
    const movedIn = !family.forced && rng.chance(0.2) ? Math.min(oldest.birth + rng.int(30, 4 * 365), today - 1) : null;
    let latestFirst = 0;
    for (const kid of family.kids) {
      const from = movedIn === null ? kid.birth : Math.max(kid.birth, movedIn);
      latestFirst = Math.max(latestFirst, from);
      firstGemeente.set(kid, home);
      residenceRows.push({ child_id: kid.id, gemeente_id: gemeenteIds[home], valid_from: isoOf(from) });
    }
    if (!family.forced && rng.chance(0.05) && latestFirst + 180 <= today - 1) {
      const moved = rng.int(latestFirst + 180, today - 1);
      for (const kid of family.kids) {
        residenceRows.push({ child_id: kid.id, gemeente_id: gemeenteIds[otherGemeente(home)], valid_from: isoOf(moved) });
      }
    }
  }

  // ----- staff: people, memberships, group staff
  const people: PersonPlan[] = [];
  const membershipRows: Row<'memberships'>[] = [];
  const groupStaffRows: Row<'group_staff'>[] = [];
  const usedStaffNames = new Set<string>();
  const person = (given?: string, family?: string): PersonPlan => {
    let g = given;
    let f = family;
    for (let t = 0; !g || !f || (given === undefined && usedStaffNames.has(`${g} ${f}`) && t < 10); t++) {
      const bg = rng.weighted(STAFF_BACKGROUNDS);
      const female = rng.chance(0.7);
      ({ given: g, family: f } = adult(bg, female));
    }
    usedStaffNames.add(`${g} ${f}`);
    const p: PersonPlan = { id: randomUUID(), given: g, family: f, email: `${emailSlug(g)[0]}.${emailSlug(f)}@example.nl` };
    people.push(p);
    return p;
  };
  const member = (p: PersonPlan, organisationId: string, role: Role) => {
    membershipRows.push({ person_id: p.id, organisation_id: organisationId, role });
  };

  const orgs = {
    regionOffice: randomUUID(),
    swv: randomUUID(),
    gemeenteZeist: randomUUID(),
    gemeenteDeBilt: randomUUID(),
    wijkteam: randomUUID(),
    youthCare: randomUUID(),
    jgz: randomUUID(),
  };
  const orgOf = (key: string) => orgIds.get(key)!;

  const demo = {
    beheer: person('Bas', 'Kramer'),
    privacy: person('Linda', 'Bos'),
    leerkracht: person('Sanne', 'de Vries'),
    mentor: person('Youssef', 'El Amrani'),
    ib: person('Ilse', 'van Dijk'),
    zorgcoordinator: person('Karin', 'de Wit'),
    directeur: person('Peter', 'Visser'),
    jeugdhulp: person('Fatma', 'Yıldız'),
    wijkteam: person('Tim', 'Hendriks'),
    swv: person('Anouk', 'Smit'),
    leerplicht: person('Ronald', 'Mulder'),
    beleid: person('Esther', 'van Leeuwen'),
  };
  const demoOrg: Record<keyof typeof demo, string> = {
    beheer: orgs.regionOffice,
    privacy: orgs.regionOffice,
    leerkracht: orgOf('po1'),
    mentor: orgOf('vo1'),
    ib: orgOf('po1'),
    zorgcoordinator: orgOf('vo1'),
    directeur: orgOf('po1'),
    jeugdhulp: orgs.youthCare,
    wijkteam: orgs.wijkteam,
    swv: orgs.swv,
    leerplicht: orgs.gemeenteZeist,
    beleid: orgs.gemeenteDeBilt,
  };

  // Partner organisations.
  member(demo.beheer, orgs.regionOffice, 'functional_admin');
  member(demo.privacy, orgs.regionOffice, 'privacy_officer');
  member(person(), orgs.regionOffice, 'policy_analyst');
  member(demo.swv, orgs.swv, 'swv_consultant');
  for (let i = 0; i < 3; i++) member(person(), orgs.swv, 'swv_consultant');
  member(person(), orgs.swv, 'policy_analyst');
  member(demo.leerplicht, orgs.gemeenteZeist, 'attendance_officer');
  member(person(), orgs.gemeenteZeist, 'attendance_officer');
  member(person(), orgs.gemeenteZeist, 'policy_analyst');
  member(demo.beleid, orgs.gemeenteDeBilt, 'policy_analyst');
  member(person(), orgs.gemeenteDeBilt, 'attendance_officer');
  member(demo.wijkteam, orgs.wijkteam, 'wijkteam_worker');
  for (let i = 0; i < 3; i++) member(person(), orgs.wijkteam, 'wijkteam_worker');
  member(demo.jeugdhulp, orgs.youthCare, 'youth_care_worker');
  for (let i = 0; i < 3; i++) member(person(), orgs.youthCare, 'youth_care_worker');
  // (JGZ: roles.ts has no role held at a jgz organisation, so it gets no staff.)

  // Schools: a leader and a care coordinator per location, a teacher (or duo) or mentor per group.
  for (const loc of locations) {
    const orgId = orgOf(loc.key);
    if (loc.type === 'vo') {
      member(loc.key === 'vo1' ? demo.zorgcoordinator : person(), orgId, 'care_coordinator');
      member(person(), orgId, 'school_leader');
    } else {
      member(loc.key === 'po1' ? demo.directeur : person(), orgId, 'school_leader');
      // The IB'er of the two public schools works at both (two memberships: organisation switch).
      member(loc.key === 'po1' || loc.key === 'po2' ? demo.ib : person(), orgId, 'intern_begeleider');
    }
    for (const slot of slots.filter((s) => s.loc === loc)) {
      if (slot === leerkrachtSlot) slot.staffIds.push(demo.leerkracht.id);
      else if (slot === mentorSlot) slot.staffIds.push(demo.mentor.id);
      else {
        const duo = slot.staffRole === 'teacher' && rng.chance(0.25) ? 2 : 1;
        for (let i = 0; i < duo; i++) slot.staffIds.push(person().id);
      }
      for (const personId of slot.staffIds) {
        groupStaffRows.push({ group_id: slot.groupId, person_id: personId, role: slot.staffRole });
        membershipRows.push({ person_id: personId, organisation_id: orgId, role: slot.staffRole });
      }
    }
  }

  // ----- enrolments: history without overlaps; vo pupils came from a primary school
  const enrolmentRows: Row<'enrolments'>[] = [];
  // The school's own pupil number (leerlingnummer), as its administration gives it: one per pupil
  // per school, kept when the pupil re-enrols there. The imports match pupils on it.
  const pupilNumbers = new Map<string, string>();
  const nextPupilNumber = new Map<string, number>();
  const pupilNumberOf = (kid: Kid, loc: LocationDef) => {
    const key = `${kid.id}|${loc.key}`;
    let n = pupilNumbers.get(key);
    if (!n) {
      const next = (nextPupilNumber.get(loc.key) ?? 0) + 1;
      nextPupilNumber.set(loc.key, next);
      n = String(200_000 + next);
      pupilNumbers.set(key, n);
    }
    return n;
  };
  const enrol = (kid: Kid, loc: LocationDef, start: number, end: number | null, slot: Slot | null) => {
    enrolmentRows.push({
      child_id: kid.id,
      organisation_id: orgOf(loc.key),
      pupil_number: pupilNumberOf(kid, loc),
      group_id: slot?.groupId ?? null,
      mentor_person_id: slot && slot.staffRole === 'mentor' ? slot.staffIds[0] : null,
      start_date: isoOf(start),
      end_date: end === null ? null : isoOf(end),
    });
  };
  const previousPrimary = (kid: Kid, exclude: string | null): LocationDef => {
    const candidates = poLocations.filter((l) => l.key !== exclude);
    const near = candidates.filter((l) => l.gemeente === firstGemeente.get(kid));
    return rng.pick(near.length && rng.chance(0.8) ? near : candidates);
  };
  for (const kid of kids) {
    const { slot } = kid;
    const loc = slot.loc;
    const fourth = addYears(kid.birth, 4);
    let start: number;
    if (loc.type === 'vo') {
      // Entered year 1 on 1 August of `entry`; primary school ended the day before.
      const entry = y0 - (slot.cohort - 8) + 1;
      const from = rng.chance(0.05) ? SBO_SCHOOL : previousPrimary(kid, null);
      enrol(kid, from, fourth, julyEnd(entry), null);
      start = augStart(entry);
    } else if (!kid.leaver && slot.cohort >= 3 && (loc.type === 'sbo' || (loc.type === 'so' && rng.chance(0.5)) || (loc.type === 'po' && slot.cohort >= 4 && rng.chance(0.06)))) {
      // Moved school at a summer: referred to special education, or switched primary school.
      const switchBefore = rng.int(loc.type === 'po' ? 4 : 3, slot.cohort);
      const year = y0 - (slot.cohort - switchBefore);
      enrol(kid, previousPrimary(kid, loc.key), fourth, julyEnd(year), null);
      start = augStart(year);
    } else {
      start = fourth;
    }
    if (!kid.leaver) {
      enrol(kid, loc, start, null, slot);
    } else if (today - 1 >= schoolYearStart + 14 && rng.chance(0.5)) {
      // Left during this school year (moved away, or dropped out).
      enrol(kid, loc, start, rng.int(schoolYearStart + 14, today - 1), slot);
    } else {
      // Did not come back after the summer.
      enrol(kid, loc, start, julyEnd(y0), null);
    }
  }

  // ----- rows
  const organisationRows: Row<'organisations'>[] = [
    { id: orgs.regionOffice, region_id: regionId, kind: 'region_office', name: 'Regiobureau Heuvelrug-Vecht', gemeente_id: null, brin: null, vestiging: null, school_type: null },
    { id: orgs.swv, region_id: regionId, kind: 'swv', name: 'SWV Passend Onderwijs Heuvelrug-Vecht', gemeente_id: null, brin: null, vestiging: null, school_type: null },
    { id: orgs.gemeenteZeist, region_id: regionId, kind: 'gemeente', name: 'Gemeente Zeist – Leerplicht en RMC', gemeente_id: gemeenteIds.zeist, brin: null, vestiging: null, school_type: null },
    { id: orgs.gemeenteDeBilt, region_id: regionId, kind: 'gemeente', name: 'Gemeente De Bilt', gemeente_id: gemeenteIds.debilt, brin: null, vestiging: null, school_type: null },
    { id: orgs.wijkteam, region_id: regionId, kind: 'wijkteam', name: 'Wijkteam Zeist-Noord', gemeente_id: gemeenteIds.zeist, brin: null, vestiging: null, school_type: null },
    { id: orgs.youthCare, region_id: regionId, kind: 'youth_care_provider', name: 'Jeugdhulp De Brug', gemeente_id: null, brin: null, vestiging: null, school_type: null },
    { id: orgs.jgz, region_id: regionId, kind: 'jgz', name: 'JGZ Heuvelrug', gemeente_id: null, brin: null, vestiging: null, school_type: null },
    ...locations.map((l) => ({
      id: orgOf(l.key), region_id: regionId, kind: 'school_location' as const, name: l.name,
      gemeente_id: gemeenteIds[l.gemeente], brin: l.brin, vestiging: l.vestiging, school_type: l.type, board_name: boardOf(l),
    })),
  ];
  const groupRows: Row<'school_groups'>[] = slots.map((s) => ({ id: s.groupId, organisation_id: orgOf(s.loc.key), name: s.name, school_year: schoolYear }));
  const childRows: Row<'children'>[] = kids.map((k) => ({
    id: k.id, region_id: regionId, given_name: k.given, family_name: k.familyName, birth_date: isoOf(k.birth), bsn: k.bsn, onderwijsnummer: k.onderwijsnummer,
  }));
  const guardianRows: Row<'guardians'>[] = [];
  const childGuardianRows: Row<'child_guardians'>[] = [];
  for (const family of families) {
    for (const g of family.guardians) {
      guardianRows.push({ id: g.id, region_id: regionId, given_name: g.given, family_name: g.family, email: g.email, phone: g.phone });
      for (const kid of family.kids) {
        childGuardianRows.push({ child_id: kid.id, guardian_id: g.id, relation: g.relation, has_authority: g.authority });
      }
    }
  }

  // ----- accounts
  const passwordHash = await hash(DEMO_PASSWORD);
  const accounts: DemoSeedResult['accounts'] = {};
  const accountRows: Row<'accounts'>[] = [];
  for (const username of Object.keys(demo) as (keyof typeof demo)[]) {
    const accountId = randomUUID();
    accounts[username] = { accountId, personId: demo[username].id, organisationId: demoOrg[username] };
    accountRows.push({ id: accountId, region_id: regionId, username, password_hash: passwordHash, kind: 'professional', person_id: demo[username].id, totp_enabled: false });
  }
  const ouderGuardian = ouderA.family!.accountGuardian!;
  const ouderAccount = randomUUID();
  accounts.ouder = { accountId: ouderAccount, guardianId: ouderGuardian.id };
  accountRows.push({ id: ouderAccount, region_id: regionId, username: 'ouder', password_hash: passwordHash, kind: 'guardian', guardian_id: ouderGuardian.id, totp_enabled: false });
  const jongereAccount = randomUUID();
  accounts.jongere = { accountId: jongereAccount, childId: jongere.id };
  accountRows.push({ id: jongereAccount, region_id: regionId, username: 'jongere', password_hash: passwordHash, kind: 'youth', child_id: jongere.id, totp_enabled: false });

  let history: DemoSeedResult['history'];
  await database.db.transaction().execute(async (tx) => {
    await tx.insertInto('regions').values({ id: regionId, name: DEMO_REGION_NAME, slug: DEMO_REGION_SLUG }).execute();
    await tx
      .insertInto('gemeenten')
      .values([
        { id: gemeenteIds.zeist, region_id: regionId, cbs_code: 'GM0355', name: 'Zeist', holiday_region: 'midden', province: 'Utrecht' },
        { id: gemeenteIds.debilt, region_id: regionId, cbs_code: 'GM0310', name: 'De Bilt', holiday_region: 'midden', province: 'Utrecht' },
      ])
      .execute();
    // Postcode areas (PC4) of the two gemeenten, so a pupil import can find the gemeente from a postcode.
    await tx
      .insertInto('gemeente_postcodes')
      .values([
        { region_id: regionId, gemeente_id: gemeenteIds.zeist, pc4_from: 3700, pc4_to: 3712 },
        { region_id: regionId, gemeente_id: gemeenteIds.debilt, pc4_from: 3720, pc4_to: 3739 },
      ])
      .execute();
    await insertBatched(tx, 'organisations', organisationRows);
    await insertBatched(tx, 'people', people.map((p) => ({ id: p.id, region_id: regionId, given_name: p.given, family_name: p.family, email: p.email })));
    await insertBatched(tx, 'memberships', membershipRows);
    await insertBatched(tx, 'school_groups', groupRows);
    await insertBatched(tx, 'group_staff', groupStaffRows);
    await insertBatched(tx, 'children', childRows);
    await insertBatched(tx, 'child_residences', residenceRows);
    await insertBatched(tx, 'guardians', guardianRows);
    await insertBatched(tx, 'child_guardians', childGuardianRows);
    await insertBatched(tx, 'enrolments', enrolmentRows);
    await insertBatched(tx, 'accounts', accountRows);
    await seedDemoSignals(tx, { today: todayIso, leerkrachtPersonId: demo.leerkracht.id, mentorPersonId: demo.mentor.id });
    const who = (u: 'ib' | 'leerkracht' | 'jeugdhulp' | 'wijkteam', role: string) => ({ personId: demo[u].id, organisationId: demoOrg[u], role });
    await seedDemoCases(tx, {
      today: todayIso,
      regionId,
      ib: who('ib', 'intern_begeleider'),
      leerkracht: who('leerkracht', 'teacher'),
      jeugdhulp: who('jeugdhulp', 'youth_care_worker'),
      wijkteam: who('wijkteam', 'wijkteam_worker'),
      excludeChildIds: childGuardianRows.filter((r) => r.guardian_id === ouderGuardian.id).map((r) => r.child_id),
    });
    await seedDemoFamilyCases(tx, {
      today: todayIso,
      regionId,
      parent: { guardianId: ouderGuardian.id, childId: ouderB.id },
      youth: { childId: jongere.id },
      recipientOrganisationId: demoOrg.jeugdhulp!,
    });
    if (opts.absence !== false) {
      const attendanceOfficer = { personId: demo.leerplicht.id, organisationId: demoOrg.leerplicht };
      await seedDemoAbsence(tx, { regionId, today: todayIso, schoolYearStart: isoOf(schoolYearStart), rng, attendanceOfficer });
      await seedDemoThuiszitters(tx, { regionId, today: todayIso, attendanceOfficer });
    }
    if (opts.history) {
      // The history leaves alone the children the demo accounts and the demo's own records are about.
      const demoChildren = [ouderA.id, ouderB.id, jongere.id, ...childGuardianRows.filter((r) => r.guardian_id === ouderGuardian.id).map((r) => r.child_id)];
      const busy = await tx
        .selectFrom('signals')
        .select('child_id')
        .where('region_id', '=', regionId)
        .union(tx.selectFrom('cases').select('child_id').where('region_id', '=', regionId))
        .union(tx.selectFrom('thuiszitters').select('child_id').where('region_id', '=', regionId))
        .execute();
      const started = performance.now();
      const counts = await seedDemoHistory(tx, { regionId, today: todayIso, rng, excludeChildIds: [...new Set([...demoChildren, ...busy.map((b) => b.child_id)])] });
      history = { ...counts, ms: Math.round(performance.now() - started) };
    }
  });
  // Statistics for the planner at once (PGlite has no autovacuum): without them it takes the
  // region's 2,200 children for a handful and picks plans that compare every pair.
  await analyzeTables(database.db);

  return {
    regionId,
    accounts,
    counts: { children: kids.length, guardians: guardianRows.length, enrolments: enrolmentRows.length, schools: locations.length },
    ...(history ? { history } : {}),
  };
}

/** Multi-row inserts of at most `size` rows (PostgreSQL allows 65,535 parameters per statement). */
export async function insertBatched<T extends keyof DB & string>(tx: Tx, table: T, rows: Row<T>[], size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot relate a generic table name to its row type; the rows are typed by the caller.
    await tx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}
