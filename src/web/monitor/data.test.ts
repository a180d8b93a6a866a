import { describe, expect, it } from 'vitest';
import { INDICATOR_SPECS } from '../../contracts/values/monitor.ts';
import {
  breakdownFromParams,
  breakdownsFor,
  chartText,
  chartValue,
  forIndicator,
  headlineOf,
  headlineValue,
  indicatorOfSlug,
  INDICATOR_SLUGS,
  selectionFromParams,
  selectionParams,
  whyHidden,
  type MonitorFigures,
  type MonitorOptions,
} from './data.ts';

/** A t() that shows which text with which values: enough to check what the helpers ask for. */
const t = (key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key);

const GEMEENTE = '11111111-1111-4111-8111-111111111111';
const SCHOOL = '22222222-2222-4222-8222-222222222222';
const analyst: MonitorOptions = {
  audience: 'gemeente',
  indicators: ['signals', 'requests'],
  periods: { schoolYears: ['2026-2027', '2025-2026'], quarters: ['2026-Q3'], months: ['2026-11', '2026-10'], default: '2026-2027' },
  gemeenten: [{ id: GEMEENTE, name: 'De Bilt' }],
  organisations: [],
  schoolTypeFilter: true,
  breakdowns: ['none', 'month', 'school_type', 'board', 'kind'],
  home: { gemeente: GEMEENTE, organisation: null },
  threshold: 5,
};
const leader: MonitorOptions = { ...analyst, audience: 'school', gemeenten: [], organisations: [{ id: SCHOOL, name: 'OBS De Regenboog', schoolType: 'po' }], schoolTypeFilter: false, breakdowns: ['none', 'month'], home: { gemeente: null, organisation: SCHOOL } };

const cell = (display: string, count: number | null, suppressed: 'small' | 'secondary' | null = null) => ({ count, display, suppressed });

describe('the selection in the address', () => {
  it('opens on the reader\'s own gemeente and the default period; "regio" chooses the whole region on purpose', () => {
    expect(selectionFromParams(new URLSearchParams(), analyst)).toEqual({ period: '2026-2027', gemeente: GEMEENTE, organisation: null, schoolType: null });
    expect(selectionFromParams(new URLSearchParams('periode=2026-10&gemeente=regio&schoolsoort=vo'), analyst)).toEqual({ period: '2026-10', gemeente: null, organisation: null, schoolType: 'vo' });
    // A school leader has no gemeente and no school type to choose: what the address says of them is ignored.
    expect(selectionFromParams(new URLSearchParams(`gemeente=${GEMEENTE}&schoolsoort=vo`), leader)).toEqual({ period: '2026-2027', gemeente: null, organisation: SCHOOL, schoolType: null });
  });

  it('writes every choice out, so that a shared link means the same to whoever opens it', () => {
    const s = { period: '2026-Q3', gemeente: null, organisation: null, schoolType: 'po' };
    expect(selectionParams(s, analyst, { by: 'school_type', kind: null }).toString()).toBe('periode=2026-Q3&gemeente=regio&schoolsoort=po&per=schoolsoort');
    expect(selectionParams(selectionFromParams(new URLSearchParams(), leader), leader).toString()).toBe(`periode=2026-2027&school=${SCHOOL}`);
  });

  it('offers each indicator the breakdowns both it and the reader have; one the link asks but the reader lacks falls back, and says so', () => {
    expect(breakdownsFor(INDICATOR_SPECS.signals, analyst)).toEqual(['none', 'month', 'school_type', 'board']);
    expect(breakdownsFor(INDICATOR_SPECS.requests, analyst)).toEqual(['none', 'month', 'kind']);
    const allowed = breakdownsFor(INDICATOR_SPECS.signals, analyst);
    expect(breakdownFromParams(new URLSearchParams('per=bestuur'), '2026-2027', allowed)).toEqual({ by: 'board', refused: false });
    expect(breakdownFromParams(new URLSearchParams(), '2026-2027', allowed)).toEqual({ by: 'month', refused: false });
    expect(breakdownFromParams(new URLSearchParams(), '2026-10', allowed)).toEqual({ by: 'none', refused: false });
    expect(breakdownFromParams(new URLSearchParams('per=gemeente'), '2026-2027', allowed)).toEqual({ by: 'month', refused: true });
  });

  it('requests go to organisations: no school and no school type for them', () => {
    const s = { period: '2026-10', gemeente: GEMEENTE, organisation: SCHOOL, schoolType: 'po' };
    expect(forIndicator(s, INDICATOR_SPECS.requests)).toEqual({ ...s, organisation: null, schoolType: null });
    expect(forIndicator(s, INDICATOR_SPECS.signals)).toBe(s);
  });

  it('every indicator has its own Dutch address', () => {
    expect(new Set(Object.values(INDICATOR_SLUGS)).size).toBe(Object.keys(INDICATOR_SPECS).length);
    expect(indicatorOfSlug('tijd-tot-hulp')).toBe('requests');
    expect(indicatorOfSlug('requests')).toBeNull();
  });
});

describe('figures in words', () => {
  const signals: MonitorFigures = {
    cells: { raised: cell('55', 55), onTime: cell('40', 40), late: cell('10', 10), open: cell('<5', null, 'small') },
    shares: { onTimeShare: 72.7 },
    stats: { pickupDays: { median: 3, p90: 15 } },
  };

  it('the headline: a share with a decimal comma, a median in days, a count as shown', () => {
    expect(headlineValue(headlineOf('signals', 'nl', t), signals, t, 'nl')).toBe('72,7 %');
    const requests = headlineOf('requests', 'nl', t);
    expect(requests).toMatchObject({ kind: 'stat', key: 'helpDays' });
    expect(headlineValue(requests, { cells: {}, shares: {}, stats: { helpDays: { median: 29, p90: 64 } } }, t, 'nl')).toBe('monitorFigures.days {"count":29,"value":"29"}');
    expect(headlineValue(headlineOf('thuiszitters', 'nl', t), { cells: { thuiszitters: cell('<5', null, 'small') }, shares: {}, stats: {} }, t, 'nl')).toBe('<5');
  });

  it('says why a headline is not shown, with the region\'s threshold', () => {
    const few: MonitorFigures = { ...signals, cells: { ...signals.cells, raised: cell('30', 30) }, shares: { onTimeShare: null } };
    expect(whyHidden('signals', headlineOf('signals', 'nl', t), few, 5, t)).toBe('monitor.hidden.share {"min":50}');
    const hidden: MonitorFigures = { ...signals, shares: { onTimeShare: null } };
    expect(whyHidden('signals', headlineOf('signals', 'nl', t), hidden, 5, t)).toBe('monitor.hidden.shareSecondary');
    expect(whyHidden('signals', headlineOf('signals', 'nl', t), signals, 5, t)).toBeNull();
    expect(whyHidden('thuiszitters', headlineOf('thuiszitters', 'nl', t), { cells: { thuiszitters: cell('<5', null, 'small') }, shares: {}, stats: {} }, 5, t)).toBe('monitor.hidden.small {"threshold":5,"max":4}');
    expect(whyHidden('requests', headlineOf('requests', 'nl', t), { cells: {}, shares: {}, stats: { helpDays: { median: null, p90: null } } }, 10, t)).toBe('monitor.hidden.stat {"min":20}');
  });
});

describe('a chart\'s text alternative', () => {
  it('one sentence per series, values as the table shows them; hidden counts are not drawn (never 0) and counted', () => {
    expect(chartValue(cell('<5', null, 'small'))).toBeNull();
    expect(chartValue(cell('≥5', null, 'secondary'))).toBeNull();
    expect(chartValue(cell('40', 40))).toBe(40);
    const rows = [
      { key: '2026-10-01', label: 'oktober 2026', values: { onTime: { value: 40, display: '40' }, late: { value: null, display: '<5' } } },
      { key: '2026-11-01', label: 'november 2026', values: { onTime: { value: 35, display: '35' }, late: { value: 10, display: '10' } } },
    ];
    const series = [
      { key: 'onTime', label: 'Op tijd opgepakt' },
      { key: 'late', label: 'Te laat opgepakt' },
    ];
    expect(chartText(series, rows, t)).toBe('Op tijd opgepakt: oktober 2026 40, november 2026 35. Te laat opgepakt: oktober 2026 <5, november 2026 10. monitor.chart.absent {"count":1,"total":4}');
  });
});
