/**
 * The contract of the thuiszitter register: the register as the access policy lets one see it, an
 * entry with its history, candidates, changes, and the counts for the monitor and the escalation
 * table (whole periods only, small counts suppressed). What each route takes and what it may answer.
 */
import { Day, Nullable, OneOf, paging, StaleProblem, Timestamp, Type, Uuid, Version, type Static, type TSchema } from './common.ts';
import { ROLES } from './values/registry.ts';
import { SCHOOL_TYPES } from './values/early-warning.ts';
import {
  CATEGORIES,
  COMPULSORY_KINDS,
  COUNT_COLUMNS,
  COUNTS_BY,
  END_REASONS,
  ESCALATION_COLUMNS,
  EVENT_KINDS,
  OFFERS,
  PERIOD_KINDS,
  SUPPRESSIONS,
} from './values/thuiszitters.ts';

export const ThuiszitterTags = ['Thuiszitters'];

const Count = Type.Integer({ minimum: 0 });
const DateText = Type.String({ maxLength: 10, description: 'JJJJ-MM-DD' });
const Category = OneOf(CATEGORIES);

// ---------------------------------------------------------------------------------------------
// What the register offers

export const ThuiszitterMeta = Type.Object({
  categories: Type.Array(Category),
  thuiszitterCategories: Type.Array(Category, { description: 'Thuiszitters in de zin van de Kamerbrief: LRV en absoluut verzuim' }),
  exemptionCategories: Type.Array(Category),
  normCategories: Type.Array(Category, { description: 'De categorieën waarvoor de norm geldt' }),
  normMonths: Type.Integer({ minimum: 1, description: 'De norm in maanden (instelling van de regio)' }),
  offers: Type.Array(OneOf(OFFERS)),
  endReasons: Type.Array(OneOf(END_REASONS)),
  eventKinds: Type.Array(OneOf(EVENT_KINDS)),
  countColumns: Type.Array(OneOf(COUNT_COLUMNS)),
  suppressionThreshold: Type.Integer({ minimum: 1, description: 'Aantallen hieronder worden niet getoond (instelling van de regio)' }),
});
export type ThuiszitterMeta = Static<typeof ThuiszitterMeta>;

// ---------------------------------------------------------------------------------------------
// Entries

export const ThuiszitterOffer = Type.Object({ kind: OneOf(OFFERS), hoursPerWeek: Nullable(Type.Number()), fitting: Type.Boolean(), since: Day });
export type ThuiszitterOffer = Static<typeof ThuiszitterOffer>;

const SchoolLocationRef = Type.Object({ id: Uuid, name: Type.String(), schoolType: Nullable(OneOf(SCHOOL_TYPES)) });
const PersonRef = Type.Object({ personId: Uuid, name: Type.String(), organisationName: Nullable(Type.String()) });

export const ThuiszitterEntry = Type.Object({
  id: Uuid,
  child: Type.Object(
    {
      id: Uuid,
      givenName: Type.Optional(Type.String()),
      familyName: Type.Optional(Type.String()),
      birthDate: Type.Optional(Day),
      age: Type.Optional(Type.Integer()),
    },
    { description: 'Naam, geboortedatum en leeftijd alleen voor wie de identiteit van het kind mag zien' },
  ),
  category: Nullable(Category),
  startDate: Day,
  schoolLocation: Nullable(SchoolLocationRef),
  responsible: Nullable(PersonRef),
  offer: Nullable(ThuiszitterOffer),
  end: Nullable(Type.Object({ on: Day, reason: OneOf(END_REASONS), note: Nullable(Type.String()) })),
  open: Type.Boolean(),
  duration: Type.Object({ days: Count, months: Count, remainderDays: Count }, { description: 'Tijd thuis: kalenderdagen, en hetzelfde als hele maanden plus dagen' }),
  normApplies: Type.Boolean(),
  normDate: Day,
  over3Months: Type.Boolean({ description: 'Langer dan de norm thuis zonder passend aanbod' }),
  absenceReportId: Nullable(Uuid),
});
export type ThuiszitterEntry = Static<typeof ThuiszitterEntry>;

export const ThuiszitterHistoryItem = Type.Object({
  id: Type.Integer(),
  kind: OneOf(EVENT_KINDS),
  effectiveOn: Day,
  recordedAt: Timestamp,
  recordedBy: Nullable(Type.Object({ name: Nullable(Type.String()), organisationName: Nullable(Type.String()) })),
  category: Nullable(Category),
  schoolLocation: Nullable(SchoolLocationRef),
  responsible: Nullable(PersonRef),
  offer: Nullable(Type.Object({ kind: OneOf(OFFERS), hoursPerWeek: Nullable(Type.Number()), fitting: Type.Boolean() })),
  endReason: Nullable(OneOf(END_REASONS)),
  note: Nullable(Type.String()),
});
export type ThuiszitterHistoryItem = Static<typeof ThuiszitterHistoryItem>;

export const ThuiszitterDetail = Type.Object({
  ...ThuiszitterEntry.properties,
  /** The entry's version, to send back with a change (POST /thuiszitters/{id}/events). */
  version: Version,
  absenceReport: Nullable(Type.Object({ id: Uuid, startDate: Day, endDate: Day, hours: Type.Number(), schoolLocationName: Type.String() })),
  registeredAt: Timestamp,
  history: Type.Array(ThuiszitterHistoryItem),
  can: Type.Object({ change: Type.Boolean({ description: 'Of u wijzigingen kunt vastleggen' }) }),
  /** The child's open case from which the reader may send a request for help back to school (she keeps it); null: none. */
  askHelpFromCaseId: Nullable(Uuid),
});
export type ThuiszitterDetail = Static<typeof ThuiszitterDetail>;

/** A 409 of a change: a stale version (with the entry as it is now, `current`) or another conflict (the entry ended). */
export const ThuiszitterConflict = StaleProblem(ThuiszitterDetail);

export const ThuiszittersQuery = Type.Object({
  category: Type.Optional(Category),
  open: Type.Optional(Type.Boolean({ description: 'true: lopende registraties; false: beëindigde' })),
  over3months: Type.Optional(Type.Boolean({ description: 'true: langer dan 3 maanden zonder passend aanbod' })),
  ...paging(100, 25),
});

export const ThuiszitterList = Type.Object({
  items: Type.Array(ThuiszitterEntry),
  total: Count,
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  summary: Type.Object({ open: Count, over3Months: Count }),
});
export type ThuiszitterList = Static<typeof ThuiszitterList>;

const OfferInput = Type.Object(
  {
    kind: OneOf(OFFERS),
    // Null first: with type coercion a null would otherwise become the number 0.
    hoursPerWeek: Type.Optional(Type.Union([Type.Null(), Type.Number()], { description: 'Uren per week, bij gedeeltelijk onderwijs verplicht' })),
    fitting: Type.Boolean({ description: 'Passend: past dit aanbod bij wat het kind nodig heeft?' }),
  },
  { additionalProperties: false },
);
export type OfferInput = Static<typeof OfferInput>;
const Note = Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })]));

export const RegisterThuiszitterInput = Type.Object(
  {
    absenceReportId: Type.Optional(Uuid),
    childId: Type.Optional(Uuid),
    category: Type.Optional(Category),
    startDate: Type.Optional(DateText),
    responsiblePersonId: Type.Optional(Type.Union([Type.Null(), Uuid])),
    offer: Type.Optional(OfferInput),
    note: Note,
  },
  { additionalProperties: false },
);
export type RegisterThuiszitterInput = Static<typeof RegisterThuiszitterInput>;

export const ThuiszitterEventInput = Type.Object(
  {
    kind: OneOf(EVENT_KINDS),
    effectiveOn: DateText,
    offer: Type.Optional(OfferInput),
    responsiblePersonId: Type.Optional(Uuid),
    category: Type.Optional(Category),
    endReason: Type.Optional(OneOf(END_REASONS)),
    note: Note,
    /** The entry's version the change was based on (a stale one is a 409). */
    version: Version,
  },
  { additionalProperties: false },
);
export type ThuiszitterEventInput = Static<typeof ThuiszitterEventInput>;

// ---------------------------------------------------------------------------------------------
// Candidates

const CandidateChild = Type.Object({ id: Uuid, givenName: Type.String(), familyName: Type.String(), birthDate: Day, age: Type.Integer() });

export const ThuiszitterCandidates = Type.Object({
  lrv: Type.Array(
    Type.Object({
      absenceReportId: Uuid,
      child: CandidateChild,
      schoolLocation: Type.Object({ id: Uuid, name: Type.String() }),
      startDate: Day,
      endDate: Day,
      hours: Type.Number(),
      dueOn: Day,
    }),
    { description: 'LRV-verzuimmeldingen om te bevestigen' },
  ),
  absoluut: Type.Array(
    Type.Object({ child: CandidateChild, compulsory: OneOf(COMPULSORY_KINDS), notEnrolledSince: Nullable(Day), lastSchoolName: Nullable(Type.String()) }),
    { description: 'Kinderen die nergens ingeschreven staan (leerplichtambtenaar)' },
  ),
});
export type ThuiszitterCandidates = Static<typeof ThuiszitterCandidates>;

export const RejectCandidateInput = Type.Object(
  { absenceReportId: Type.Optional(Uuid), childId: Type.Optional(Uuid), reason: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);
export type RejectCandidateInput = Static<typeof RejectCandidateInput>;

export const CandidateRejected = Type.Object({ decided: Type.Literal('rejected') });
export type CandidateRejected = Static<typeof CandidateRejected>;

export const ResponsibleOptionsQuery = Type.Object({ childId: Uuid });

export const ResponsibleOptions = Type.Object({
  items: Type.Array(Type.Object({ personId: Uuid, name: Type.String(), role: OneOf(ROLES), organisationName: Type.String(), isMe: Type.Boolean() })),
});
export type ResponsibleOptions = Static<typeof ResponsibleOptions>;

// ---------------------------------------------------------------------------------------------
// Counts

export const CountCell = Type.Object({
  count: Type.Union([Type.Integer(), Type.Null()], { description: 'Afgerond op een veelvoud van de drempel; null als het verborgen is' }),
  display: Type.String({ description: 'Wat te tonen: het afgeronde getal, "<5" of "≥5"' }),
  suppressed: Nullable(OneOf(SUPPRESSIONS)),
});
export type CountCell = Static<typeof CountCell>;

/** One cell per column. */
const cellsOf = <K extends string>(columns: readonly K[]) => Type.Object(Object.fromEntries(columns.map((c) => [c, CountCell])) as Record<K, typeof CountCell>);
const CountCells = cellsOf(COUNT_COLUMNS);
const EscalationCells = cellsOf(ESCALATION_COLUMNS);

const CountRow = <T extends TSchema>(cells: T) => Type.Object({ key: Type.String({ description: 'Id van de gemeente (of unknown), of de schoolsoort (of none)' }), label: Type.String(), cells });

export const CountPeriod = Type.Object({
  kind: OneOf(PERIOD_KINDS),
  id: Type.String({ description: 'JJJJ-MM of JJJJ-JJJJ' }),
  from: Day,
  to: Day,
  /** For a month: its last day, on which it was counted; null for a school year. */
  asOf: Nullable(Day),
});
export type CountPeriod = Static<typeof CountPeriod>;

const CountsByName = Type.Union(COUNTS_BY.map((by) => Type.Literal(by)));

export const CountsQuery = Type.Object({
  period: Type.Optional(Type.String({ maxLength: 9, description: 'JJJJ-MM (een afgelopen maand) of JJJJ-JJJJ (een afgelopen schooljaar); zonder: de laatste afgelopen maand' })),
  asOf: Type.Optional(Type.String({ maxLength: 10, description: 'Niet meer ondersteund: cijfers zijn er per hele periode, niet per dag' })),
  by: Type.Optional(CountsByName),
});

export const ThuiszitterCounts = Type.Object({
  period: CountPeriod,
  asOf: Nullable(Day),
  by: OneOf(COUNTS_BY),
  threshold: Type.Integer(),
  roundedTo: Type.Integer(),
  normMonths: Type.Integer(),
  columns: Type.Array(OneOf(COUNT_COLUMNS)),
  categories: Type.Array(Category),
  periods: Type.Object({ months: Type.Array(Type.String()), schoolYears: Type.Array(Type.String()) }, { description: 'De periodes om uit te kiezen' }),
  rows: Type.Array(CountRow(CountCells)),
  total: CountCells,
});
export type ThuiszitterCounts = Static<typeof ThuiszitterCounts>;

export const MonthlyCountsQuery = Type.Object({ by: Type.Optional(CountsByName) });

export const ThuiszitterCountsMonthly = Type.Object({
  by: OneOf([...COUNTS_BY, 'region'] as const),
  threshold: Type.Integer(),
  roundedTo: Type.Integer(),
  normMonths: Type.Integer(),
  columns: Type.Array(OneOf(COUNT_COLUMNS)),
  months: Type.Array(Type.Object({ month: Type.String(), asOf: Day, rows: Type.Array(CountRow(CountCells)), total: CountCells })),
});
export type ThuiszitterCountsMonthly = Static<typeof ThuiszitterCountsMonthly>;

export const EscalationsQuery = Type.Object(paging(100, 25));

export const ThuiszitterEscalations = Type.Object({
  asOf: Day,
  items: Type.Array(ThuiszitterEntry),
  total: Count,
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  counts: Type.Union(
    [
      Type.Object({
        period: CountPeriod,
        asOf: Day,
        threshold: Type.Integer(),
        roundedTo: Type.Integer(),
        columns: Type.Array(OneOf(ESCALATION_COLUMNS)),
        rows: Type.Array(CountRow(EscalationCells)),
        total: EscalationCells,
      }),
      Type.Null(),
    ],
    { description: 'Aantallen per gemeente aan het eind van de laatste afgelopen maand (beleid, SWV, leerplicht); anders null' },
  ),
});
export type ThuiszitterEscalations = Static<typeof ThuiszitterEscalations>;
