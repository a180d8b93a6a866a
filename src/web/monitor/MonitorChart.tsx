import { useId, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { INDICATOR_SPECS } from '../../contracts/values/monitor.ts';
import { asName, chartText, chartValue, definitionOf, formatShare, headlineOf, labelOf, rowLabel, selectionText, shortMonth, stackOf, periodText, type ChartRow, type ChartSeries, type MonitorFigures, type MonitorOptions, type MonitorView } from './data.ts';

/**
 * The charts of one indicator (recharts: SVG, its accessibility layer on — the chart takes the
 * focus and the arrow keys walk its values in the tooltip; Tab leaves it). Per month: a line of
 * the headline share or median when enough months have one, and the stacked counts per month;
 * other breakdowns: a horizontal stacked bar per row; no breakdown: the selection, a year earlier
 * and the region. Each chart is a figure with a caption, a legend in words and its text
 * alternative (the table below is the full one). Hidden counts ("<5", "≥5") are left out of the
 * drawing, never drawn as 0, and the text says how many. Colours have 3:1 against white, the
 * segments a white edge and each its own pattern, so colour is not the only way to tell them apart.
 */
const COLOURS = ['#0b4f5c', '#b35c00', '#6a4c9c', '#a1161f', '#2f7d4a'];
const INK = '#1b1f23';
const fillOf = (i: number) => `url(#monitor-fill-${i % COLOURS.length})`;

interface Datum {
  name: string;
  [key: string]: string | number | null;
}

export function MonitorCharts({ view, options }: { view: MonitorView; options: MonitorOptions | undefined }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const spec = INDICATOR_SPECS[view.indicator];
  const series: ChartSeries[] = stackOf(spec).map((key) => ({ key, label: labelOf(view.indicator, key, lng) }));
  const cellsRow = (key: string, label: string, f: MonitorFigures): ChartRow => ({
    key,
    label,
    values: Object.fromEntries(series.map((s) => [s.key, { value: chartValue(f.cells[s.key]), display: f.cells[s.key]?.display ?? '' }])),
  });
  const rows: ChartRow[] =
    view.by === 'none'
      ? [
          cellsRow('total', asName(selectionText(view.filters, options, t)), view.total),
          cellsRow('previous', t('monitor.previous', { period: periodText(view.previousPeriod, t, lng) }), view.previous),
          ...(view.region ? [cellsRow('region', t('monitor.region'), view.region)] : []),
        ]
      : view.rows.map((r) => cellsRow(r.key, rowLabel(view.by, r, view.indicator, t, lng), r));
  const byMonth = view.by === 'month';
  const counts = t('monitor.chart.stackCaption', { title: definitionOf(view.indicator, lng).title, by: t(`monitor.byCaption.${view.by}`) }).trim();
  return (
    <>
      <Patterns />
      {byMonth && <TrendFigure view={view} />}
      <StackFigure caption={counts} series={series} rows={rows} ticks={byMonth ? view.rows.map((r) => shortMonth(r.key, lng)) : null} />
      <p className="utrecht-paragraph samenspel-note">{t('monitor.chart.keyboard')}</p>
    </>
  );
}

/** The headline share (or median and 90th percentile) per month as a line, when at least two months have one. */
function TrendFigure({ view }: { view: MonitorView }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const headline = headlineOf(view.indicator, lng, t);
  if (headline.kind === 'count') return null;
  const stat = headline.kind === 'stat';
  const base = labelOf(view.indicator, headline.key, lng);
  const series: ChartSeries[] = stat
    ? [
        { key: 'median', label: t('monitor.table.median', { label: base }) },
        { key: 'p90', label: t('monitor.table.p90', { label: base }) },
      ]
    : [{ key: 'share', label: headline.label }];
  const say = (v: number | null) => (v === null ? t('monitor.chart.noValue') : stat ? String(v) : formatShare(v, lng));
  const rows: ChartRow[] = view.rows.map((r) => {
    const values = stat ? { median: r.stats[headline.key]?.median ?? null, p90: r.stats[headline.key]?.p90 ?? null } : { share: r.shares[headline.key] ?? null };
    return { key: r.key, label: rowLabel('month', r, view.indicator, t, lng), values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, display: say(v) }])) };
  });
  const shown = rows.filter((r) => r.values[series[0].key].value !== null).length;
  if (shown < 2) return <p className="utrecht-paragraph samenspel-monitor-why">{t('monitor.chart.noLine', { label: stat ? base : headline.label })}</p>;
  const caption = stat ? t('monitor.chart.lineCaptionStat', { label: base }) : t('monitor.chart.lineCaption', { what: headline.label });
  const data: Datum[] = rows.map((r, i) => ({ name: shortMonth(view.rows[i].key, lng), full: r.label, ...Object.fromEntries(series.flatMap((s, j) => [[`s${j}`, r.values[s.key].value], [`d${j}`, r.values[s.key].display]])) }));
  return (
    <ChartFigure caption={caption} text={chartText(series, rows, t, 'monitor.chart.gaps')} legend={<Legend series={series} line />}>
      {(title, desc) => (
        <LineChart data={data} accessibilityLayer title={title} desc={desc} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#c9d2d8" vertical={false} />
          <XAxis dataKey="name" tick={{ fill: INK, fontSize: 12 }} />
          <YAxis domain={stat ? [0, 'auto'] : [0, 100]} tickFormatter={(v: number) => (stat ? String(v) : `${v} %`)} tick={{ fill: INK, fontSize: 12 }} width={56} allowDecimals={false} />
          <Tooltip formatter={formatter} labelFormatter={labelFormatter(data)} filterNull={false} itemStyle={{ color: INK }} />
          {series.map((s, j) => (
            <Line
              key={s.key}
              dataKey={`s${j}`}
              name={s.label}
              stroke={COLOURS[j]}
              strokeWidth={2.5}
              strokeDasharray={j === 0 ? undefined : '6 4'}
              dot={{ r: 4, strokeWidth: 2, fill: j === 0 ? COLOURS[j] : '#ffffff' }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ChartFigure>
  );
}

/** Counts stacked: a column per month, or a horizontal bar per row of another breakdown. */
function StackFigure({ caption, series, rows, ticks }: { caption: string; series: ChartSeries[]; rows: ChartRow[]; ticks: string[] | null }) {
  const { t } = useTranslation();
  const data: Datum[] = rows.map((r, i) => ({ name: ticks ? ticks[i] : short(r.label), full: r.label, ...Object.fromEntries(series.flatMap((s, j) => [[`s${j}`, r.values[s.key].value], [`d${j}`, r.values[s.key].display]])) }));
  const horizontal = ticks === null;
  const bars = series.map((s, j) => <Bar key={s.key} dataKey={`s${j}`} name={s.label} stackId="counts" fill={fillOf(j)} stroke="#ffffff" strokeWidth={1} isAnimationActive={false} />);
  return (
    <ChartFigure caption={caption} text={chartText(series, rows, t)} legend={<Legend series={series} />} height={horizontal ? 56 + rows.length * 40 : 300}>
      {(title, desc) =>
        horizontal ? (
          <BarChart data={data} layout="vertical" accessibilityLayer title={title} desc={desc} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} barCategoryGap="20%">
            <CartesianGrid stroke="#c9d2d8" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fill: INK, fontSize: 12 }} />
            <YAxis type="category" dataKey="name" width={150} tick={{ fill: INK, fontSize: 12 }} />
            <Tooltip formatter={formatter} labelFormatter={labelFormatter(data)} filterNull={false} itemStyle={{ color: INK }} cursor={{ fill: '#e3e9ec' }} />
            {bars}
          </BarChart>
        ) : (
          <BarChart data={data} accessibilityLayer title={title} desc={desc} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#c9d2d8" vertical={false} />
            <XAxis dataKey="name" tick={{ fill: INK, fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fill: INK, fontSize: 12 }} width={48} />
            <Tooltip formatter={formatter} labelFormatter={labelFormatter(data)} filterNull={false} itemStyle={{ color: INK }} cursor={{ fill: '#e3e9ec' }} />
            {bars}
          </BarChart>
        )
      }
    </ChartFigure>
  );
}

/** A row's name on a narrow axis: long names are cut (the table has them whole). */
const short = (label: string) => (label.length > 22 ? `${label.slice(0, 21)}…` : label);

/** The tooltip says what the table says ("<5"), not the drawn number. */
function formatter(_value: unknown, name: unknown, item: { dataKey?: unknown; payload?: Datum }): [string, string] {
  const key = String(item.dataKey ?? '').replace(/^s/, 'd');
  return [String(item.payload?.[key] ?? ''), String(name)];
}

const labelFormatter = (data: Datum[]) => (label: unknown) => String(data.find((d) => d.name === label)?.full ?? label);

function ChartFigure({ caption, text, legend, height = 260, children }: { caption: string; text: string; legend: ReactNode; height?: number; children: (title: string, desc: string) => ReactElement }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <figure className="samenspel-monitor-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="samenspel-monitor-chart__caption">
        {caption}
      </figcaption>
      {legend}
      <div className="samenspel-monitor-chart__canvas">
        <ResponsiveContainer width="100%" height={height}>
          {children(caption, text)}
        </ResponsiveContainer>
      </div>
      <p className="utrecht-paragraph samenspel-monitor-chart__text">
        <span className="samenspel-monitor-chart__text-label">{t('monitor.chart.inWords')}</span> {text}
      </p>
    </figure>
  );
}

/** What each colour and pattern (or line) stands for, in words. */
function Legend({ series, line }: { series: ChartSeries[]; line?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="samenspel-monitor-legend" aria-label={t('monitor.chart.legend')}>
      {series.map((s, j) => (
        <li key={s.key}>
          <svg width="28" height="16" aria-hidden="true" focusable="false">
            {line ? (
              <>
                <line x1="1" y1="8" x2="27" y2="8" stroke={COLOURS[j]} strokeWidth="2.5" strokeDasharray={j === 0 ? undefined : '6 4'} />
                <circle cx="14" cy="8" r="4" stroke={COLOURS[j]} strokeWidth="2" fill={j === 0 ? COLOURS[j] : '#ffffff'} />
              </>
            ) : (
              <rect x="1" y="1" width="26" height="14" fill={fillOf(j)} stroke={COLOURS[j % COLOURS.length]} strokeWidth="1" />
            )}
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** The fills of the segments: a colour each, and a pattern each (plain, stripes, dots, cross, lines). */
function Patterns() {
  const marks = [
    null,
    <path key="m" d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" strokeWidth="1.5" />,
    <circle key="m" cx="4" cy="4" r="1.4" fill="#ffffff" />,
    <path key="m" d="M0,0 l8,8 M8,0 l-8,8" stroke="#ffffff" strokeWidth="1.2" />,
    <path key="m" d="M0,4 h8" stroke="#ffffff" strokeWidth="1.5" />,
  ];
  return (
    <svg className="samenspel-monitor-patterns" width="0" height="0" aria-hidden="true" focusable="false">
      <defs>
        {COLOURS.map((c, i) => (
          <pattern key={c} id={`monitor-fill-${i}`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={c} />
            {marks[i]}
          </pattern>
        ))}
      </defs>
    </svg>
  );
}
