/**
 * The regional monitor's indicators as data (docs/monitor.md): which facts make which columns, which
 * columns are sums of others (the reader's equations for secondary suppression), which shares and
 * percentiles are shown, how each may be broken down, and who sees it. Plain values, so that the
 * server (modules/monitor) and the web app read the same table.
 */

export const INDICATORS = ['thuiszitters', 'absence', 'absence_reports', 'signals', 'requests', 'goals', 'plans', 'opp', 'satisfaction', 'outflow'] as const;
export type IndicatorId = (typeof INDICATORS)[number];

/** How a period's figure is formed: a flow sums its months; a stock is the standing at the period's last month-end. */
export type IndicatorKind = 'flow' | 'stock';

export const BREAKDOWNS = ['none', 'month', 'gemeente', 'organisation', 'school_type', 'board', 'kind'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const PERIOD_KINDS = ['month', 'quarter', 'school_year'] as const;
export type MonitorPeriodKind = (typeof PERIOD_KINDS)[number];

export interface ColumnSpec {
  key: string;
  /** Facts of this measure … */
  measure?: string;
  /** … with one of these details (all when absent) … */
  details?: readonly string[];
  /** … and buckets in [min, max] (all when absent). */
  buckets?: readonly [number, number];
  /** Or: this column minus that one (both of this indicator). */
  minus?: readonly [string, string];
}

export interface ShareSpec {
  key: string;
  numerator: string;
  denominator: string;
}

export interface DistributionSpec {
  key: string;
  measure: string;
}

export interface IndicatorSpec {
  id: IndicatorId;
  kind: IndicatorKind;
  /** What the fact's organisation is: the school location, or the organisation that received a request. */
  organisation: 'school' | 'receiver';
  columns: readonly ColumnSpec[];
  /** total = sum of parts, in every row: a reader's equation. */
  sums: readonly { total: string; parts: readonly string[] }[];
  shares: readonly ShareSpec[];
  distributions: readonly DistributionSpec[];
  /** The figure on the overview: a share, or else a count. */
  headline: { share?: string; count?: string; stat?: string };
  /** Breakdowns this indicator offers (besides none and month). */
  breakdowns: readonly Breakdown[];
  /** Details that split the indicator further as a filter (requests: the kind). */
  kinds?: readonly string[];
  /** Which columns the chart stacks (bars), in order. */
  stack?: readonly string[];
}

const SCHOOL_BREAKDOWNS: readonly Breakdown[] = ['month', 'gemeente', 'organisation', 'school_type', 'board'];

export const REQUEST_KINDS = ['toegang', 'provider', 'swv_arrangement', 'tlv'] as const;

export const INDICATOR_SPECS: Record<IndicatorId, IndicatorSpec> = {
  thuiszitters: {
    id: 'thuiszitters',
    kind: 'stock',
    organisation: 'school',
    columns: [
      { key: 'lrv', measure: 'register', details: ['lrv'] },
      { key: 'absoluut', measure: 'register', details: ['absoluut'] },
      { key: 'thuiszitters', measure: 'register', details: ['lrv', 'absoluut'] },
      { key: 'over3', measure: 'over3' },
      { key: 'lt1m', measure: 'duration', details: ['lt1m'] },
      { key: '1to3m', measure: 'duration', details: ['1to3m'] },
      { key: '3to6m', measure: 'duration', details: ['3to6m'] },
      { key: '6plus', measure: 'duration', details: ['6plus'] },
      { key: 'exempt5a', measure: 'register', details: ['5a'] },
      { key: 'exemptOther', measure: 'register', details: ['5b', '5c', 'art15'] },
    ],
    sums: [
      { total: 'thuiszitters', parts: ['lrv', 'absoluut'] },
      { total: 'thuiszitters', parts: ['lt1m', '1to3m', '3to6m', '6plus'] },
    ],
    shares: [],
    distributions: [],
    headline: { count: 'thuiszitters' },
    breakdowns: SCHOOL_BREAKDOWNS,
    stack: ['lt1m', '1to3m', '3to6m', '6plus'],
  },
  absence: {
    id: 'absence',
    kind: 'stock',
    organisation: 'school',
    columns: [
      { key: 'pupils', measure: 'band' },
      { key: 'onTrack', measure: 'band', details: ['on_track'] },
      { key: 'attention', measure: 'band', details: ['attention'] },
      { key: 'chronic', measure: 'band', details: ['chronic'] },
      { key: 'severe', measure: 'band', details: ['severe'] },
      { key: 'chronicOrMore', measure: 'band', details: ['chronic', 'severe'] },
    ],
    sums: [
      { total: 'pupils', parts: ['onTrack', 'attention', 'chronic', 'severe'] },
      { total: 'chronicOrMore', parts: ['chronic', 'severe'] },
    ],
    shares: [
      { key: 'onTrackShare', numerator: 'onTrack', denominator: 'pupils' },
      { key: 'attentionShare', numerator: 'attention', denominator: 'pupils' },
      { key: 'chronicShare', numerator: 'chronic', denominator: 'pupils' },
      { key: 'severeShare', numerator: 'severe', denominator: 'pupils' },
      { key: 'chronicOrMoreShare', numerator: 'chronicOrMore', denominator: 'pupils' },
    ],
    distributions: [],
    headline: { share: 'chronicOrMoreShare' },
    breakdowns: SCHOOL_BREAKDOWNS,
    stack: ['onTrack', 'attention', 'chronic', 'severe'],
  },
  absence_reports: {
    id: 'absence_reports',
    kind: 'flow',
    organisation: 'school',
    columns: [
      { key: 'found', measure: 'report' },
      { key: 'onTime', measure: 'report', details: ['on_time'] },
      { key: 'late', measure: 'report', details: ['late'] },
      { key: 'open', measure: 'report', details: ['open'] },
    ],
    sums: [{ total: 'found', parts: ['onTime', 'late', 'open'] }],
    shares: [{ key: 'onTimeShare', numerator: 'onTime', denominator: 'found' }],
    distributions: [],
    headline: { share: 'onTimeShare' },
    breakdowns: SCHOOL_BREAKDOWNS,
    stack: ['onTime', 'late', 'open'],
  },
  signals: {
    id: 'signals',
    kind: 'flow',
    organisation: 'school',
    columns: [
      { key: 'raised', measure: 'raised' },
      { key: 'onTime', measure: 'pickup', details: ['on_time'] },
      { key: 'late', measure: 'pickup', details: ['late'] },
      { key: 'open', measure: 'pickup', details: ['open'] },
      { key: 'ledToCase', measure: 'led_to_case' },
      { key: 'noCase', minus: ['raised', 'ledToCase'] },
      { key: 'feedback', measure: 'feedback' },
      { key: 'noFeedback', minus: ['raised', 'feedback'] },
    ],
    sums: [
      { total: 'raised', parts: ['onTime', 'late', 'open'] },
      { total: 'raised', parts: ['ledToCase', 'noCase'] },
      { total: 'raised', parts: ['feedback', 'noFeedback'] },
    ],
    shares: [
      { key: 'onTimeShare', numerator: 'onTime', denominator: 'raised' },
      { key: 'ledToCaseShare', numerator: 'ledToCase', denominator: 'raised' },
      { key: 'feedbackShare', numerator: 'feedback', denominator: 'raised' },
    ],
    distributions: [{ key: 'pickupDays', measure: 'pickup_days' }],
    headline: { share: 'onTimeShare' },
    breakdowns: SCHOOL_BREAKDOWNS,
    stack: ['onTime', 'late', 'open'],
  },
  requests: {
    id: 'requests',
    kind: 'flow',
    organisation: 'receiver',
    columns: [
      { key: 'helpStarted', measure: 'help_days' },
      { key: 'accepted', measure: 'accept_days' },
    ],
    sums: [],
    shares: [],
    distributions: [
      { key: 'helpDays', measure: 'help_days' },
      { key: 'acceptDays', measure: 'accept_days' },
      { key: 'startDays', measure: 'start_days' },
    ],
    headline: { stat: 'helpDays' },
    breakdowns: ['month', 'gemeente', 'organisation', 'kind'],
    kinds: REQUEST_KINDS,
  },
  goals: {
    id: 'goals',
    kind: 'flow',
    organisation: 'school',
    columns: [
      { key: 'evaluated', measure: 'gas' },
      { key: 'gasMinus2', measure: 'gas', buckets: [-2, -2] },
      { key: 'gasMinus1', measure: 'gas', buckets: [-1, -1] },
      { key: 'gas0', measure: 'gas', buckets: [0, 0] },
      { key: 'gasPlus1', measure: 'gas', buckets: [1, 1] },
      { key: 'gasPlus2', measure: 'gas', buckets: [2, 2] },
      { key: 'atLeast0', measure: 'gas', buckets: [0, 2] },
    ],
    sums: [
      { total: 'evaluated', parts: ['gasMinus2', 'gasMinus1', 'gas0', 'gasPlus1', 'gasPlus2'] },
      { total: 'atLeast0', parts: ['gas0', 'gasPlus1', 'gasPlus2'] },
    ],
    shares: [{ key: 'atLeast0Share', numerator: 'atLeast0', denominator: 'evaluated' }],
    distributions: [],
    headline: { share: 'atLeast0Share' },
    breakdowns: SCHOOL_BREAKDOWNS,
    stack: ['gasMinus2', 'gasMinus1', 'gas0', 'gasPlus1', 'gasPlus2'],
  },
  plans: {
    id: 'plans',
    kind: 'flow',
    organisation: 'school',
    columns: [
      { key: 'due', measure: 'plan_due' },
      { key: 'onTime', measure: 'plan_due', details: ['on_time'] },
      { key: 'late', measure: 'plan_due', details: ['late'] },
    ],
    sums: [{ total: 'due', parts: ['onTime', 'late'] }],
    shares: [{ key: 'onTimeShare', numerator: 'onTime', denominator: 'due' }],
    distributions: [],
    headline: { share: 'onTimeShare' },
    breakdowns: SCHOOL_BREAKDOWNS,
    stack: ['onTime', 'late'],
  },
  opp: {
    id: 'opp',
    kind: 'stock',
    organisation: 'school',
    columns: [
      { key: 'opps', measure: 'opp' },
      { key: 'agreed', measure: 'opp', details: ['agreed'] },
      { key: 'notAgreed', measure: 'opp', details: ['not_agreed'] },
      { key: 'pending', measure: 'opp', details: ['pending'] },
    ],
    sums: [{ total: 'opps', parts: ['agreed', 'notAgreed', 'pending'] }],
    shares: [{ key: 'agreedShare', numerator: 'agreed', denominator: 'opps' }],
    distributions: [],
    headline: { share: 'agreedShare' },
    breakdowns: SCHOOL_BREAKDOWNS,
    stack: ['agreed', 'notAgreed', 'pending'],
  },
  satisfaction: {
    id: 'satisfaction',
    kind: 'flow',
    organisation: 'school',
    columns: [
      { key: 'family', measure: 'family_score' },
      { key: 'familySatisfied', measure: 'family_score', buckets: [7, 10] },
      { key: 'familyNotSatisfied', measure: 'family_score', buckets: [1, 6] },
      { key: 'youth', measure: 'youth_score' },
      { key: 'youthSatisfied', measure: 'youth_score', buckets: [7, 10] },
      { key: 'youthNotSatisfied', measure: 'youth_score', buckets: [1, 6] },
      { key: 'teachers', measure: 'teacher_supported' },
      { key: 'teachersSupported', measure: 'teacher_supported', buckets: [4, 5] },
      { key: 'teachersNotSupported', measure: 'teacher_supported', buckets: [1, 3] },
    ],
    sums: [
      { total: 'family', parts: ['familySatisfied', 'familyNotSatisfied'] },
      { total: 'youth', parts: ['youthSatisfied', 'youthNotSatisfied'] },
      { total: 'teachers', parts: ['teachersSupported', 'teachersNotSupported'] },
    ],
    shares: [
      { key: 'familySatisfiedShare', numerator: 'familySatisfied', denominator: 'family' },
      { key: 'youthSatisfiedShare', numerator: 'youthSatisfied', denominator: 'youth' },
      { key: 'teachersSupportedShare', numerator: 'teachersSupported', denominator: 'teachers' },
    ],
    distributions: [
      { key: 'familyScore', measure: 'family_score' },
      { key: 'youthScore', measure: 'youth_score' },
    ],
    headline: { share: 'familySatisfiedShare' },
    breakdowns: SCHOOL_BREAKDOWNS,
  },
  outflow: {
    id: 'outflow',
    kind: 'flow',
    organisation: 'school',
    columns: [
      { key: 'requested', measure: 'tlv_requested' },
      { key: 'decided', measure: 'tlv_decided' },
      { key: 'granted', measure: 'tlv_decided', details: ['granted'] },
      { key: 'partly', measure: 'tlv_decided', details: ['partly'] },
      { key: 'refused', measure: 'tlv_decided', details: ['refused'] },
    ],
    sums: [{ total: 'decided', parts: ['granted', 'partly', 'refused'] }],
    shares: [{ key: 'grantedShare', numerator: 'granted', denominator: 'decided' }],
    distributions: [],
    headline: { count: 'requested' },
    breakdowns: SCHOOL_BREAKDOWNS,
    stack: ['granted', 'partly', 'refused'],
  },
};

/** Which indicators each audience sees (domain.md §7; the server decides, the app shows what it is told). */
export const LEERPLICHT_INDICATORS: readonly IndicatorId[] = ['thuiszitters', 'absence', 'absence_reports'];
