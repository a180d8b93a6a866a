import { Type, Nullable, OneOf, Uuid, type Static } from './common.ts';
import { CountCell } from './thuiszitters.ts';
import { BREAKDOWNS, INDICATORS, PERIOD_KINDS } from './values/monitor.ts';
import { SCHOOL_TYPES } from './values/early-warning.ts';

/**
 * The regional monitor's contract (docs/monitor.md). Counts only, suppressed (kernel/disclosure):
 * no field can hold a child. Also the read-only aggregate API for a gemeente's own BI tooling.
 */

export const PeriodId = Type.String({ description: 'Een maand (2026-03), een kwartaal (2026-Q1) of een schooljaar (2025-2026); alleen afgelopen maanden', maxLength: 9 });

export const MonitorSelectionQuery = Type.Object({
  period: Type.Optional(PeriodId),
  gemeente: Type.Optional(Uuid),
  organisation: Type.Optional(Uuid),
  schoolType: Type.Optional(OneOf(SCHOOL_TYPES)),
});
export type MonitorSelectionQuery = Static<typeof MonitorSelectionQuery>;

export const MonitorViewQuery = Type.Object({
  ...MonitorSelectionQuery.properties,
  by: Type.Optional(OneOf(BREAKDOWNS, { description: 'Uitsplitsing: none, month, gemeente, organisation, school_type, board of kind' })),
  kind: Type.Optional(Type.String({ maxLength: 40, description: 'Soort verzoek (alleen bij requests)' })),
});
export type MonitorViewQuery = Static<typeof MonitorViewQuery>;

export const IndicatorParams = Type.Object({ indicator: OneOf(INDICATORS) });

export const MonitorPeriodView = Type.Object({
  id: Type.String(),
  kind: OneOf(PERIOD_KINDS),
  from: Type.String({ format: 'date', description: 'Eerste dag van de eerste maand' }),
  to: Type.String({ format: 'date', description: 'Eerste dag van de laatste maand' }),
  partial: Type.Boolean({ description: 'Een lopend schooljaar: tot en met de laatste afgelopen maand' }),
});

export const MonitorStat = Type.Object({
  median: Nullable(Type.Number()),
  p90: Nullable(Type.Number()),
});

export const MonitorFigures = Type.Object({
  cells: Type.Record(Type.String(), CountCell),
  shares: Type.Record(Type.String(), Nullable(Type.Number({ description: 'Procent, één decimaal, uit de afgeronde aantallen' }))),
  stats: Type.Record(Type.String(), MonitorStat),
});
export type MonitorFigures = Static<typeof MonitorFigures>;

export const MonitorFilters = Type.Object({
  gemeente: Nullable(Uuid),
  organisation: Nullable(Uuid),
  schoolType: Nullable(Type.String()),
  kind: Nullable(Type.String()),
});
export type MonitorFilters = Static<typeof MonitorFilters>;

export const MonitorView = Type.Object({
  indicator: OneOf(INDICATORS),
  kind: OneOf(['flow', 'stock'] as const),
  period: MonitorPeriodView,
  previousPeriod: MonitorPeriodView,
  by: OneOf(BREAKDOWNS),
  filters: MonitorFilters,
  threshold: Type.Integer(),
  columns: Type.Array(Type.String()),
  rows: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), ...MonitorFigures.properties })),
  total: MonitorFigures,
  previous: MonitorFigures,
  region: Nullable(MonitorFigures),
  openAnswers: Nullable(Type.Array(Type.String(), { description: 'Tevredenheid: de open antwoorden van de selectie, in willekeurige volgorde, zonder datum, school of cijfer; leeg als het er minder zijn dan de drempel' })),
  refreshedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type MonitorView = Static<typeof MonitorView>;

export const MonitorOverview = Type.Object({
  period: MonitorPeriodView,
  previousPeriod: MonitorPeriodView,
  threshold: Type.Integer(),
  filters: MonitorFilters,
  items: Type.Array(
    Type.Object({
      indicator: OneOf(INDICATORS),
      headline: Type.Object({ share: Type.Optional(Type.String()), count: Type.Optional(Type.String()), stat: Type.Optional(Type.String()) }),
      current: MonitorFigures,
      previous: MonitorFigures,
      region: Nullable(MonitorFigures),
    }),
  ),
  refreshedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type MonitorOverview = Static<typeof MonitorOverview>;

export const MonitorOptions = Type.Object({
  audience: OneOf(['region', 'gemeente', 'school', 'leerplicht'] as const),
  indicators: Type.Array(OneOf(INDICATORS)),
  periods: Type.Object({ schoolYears: Type.Array(Type.String()), quarters: Type.Array(Type.String()), months: Type.Array(Type.String()), default: Type.String() }),
  gemeenten: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  organisations: Type.Array(Type.Object({ id: Uuid, name: Type.String(), schoolType: Nullable(Type.String()) })),
  schoolTypeFilter: Type.Boolean(),
  breakdowns: Type.Array(OneOf(BREAKDOWNS)),
  home: Type.Object({ gemeente: Nullable(Uuid), organisation: Nullable(Uuid) }),
  threshold: Type.Integer(),
});
export type MonitorOptions = Static<typeof MonitorOptions>;

export const ExportQuery = Type.Object({
  ...MonitorSelectionQuery.properties,
  format: OneOf(['csv', 'xlsx', 'pdf'] as const),
});
export type ExportQuery = Static<typeof ExportQuery>;
