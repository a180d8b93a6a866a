import { useTranslation } from 'react-i18next';
import { Table, TBody, THead, Td, Th } from '../shared/Table.tsx';
import { INDICATOR_SPECS } from '../../contracts/values/monitor.ts';
import { asName, labelOf, monthName, periodText, rowLabel, selectionText, type MonitorFigures, type MonitorOptions, type MonitorView } from './data.ts';
import { CellValue, ShareValue, StatValue } from './MonitorValue.tsx';

/**
 * The table behind the chart: every row of the breakdown (also the empty ones), then the total, the
 * same selection a year earlier and the region; every count ("<5" and "≥5" as they are, explained),
 * every share and every median and 90th percentile. It scrolls sideways inside its own focusable
 * region on a phone, with the row names kept in view.
 */
export function MonitorTable({ view, options, caption }: { view: MonitorView; options: MonitorOptions | undefined; caption: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const spec = INDICATOR_SPECS[view.indicator];
  const label = (key: string) => labelOf(view.indicator, key, lng);
  const standing = spec.kind === 'stock' ? ` ${t('monitor.standing', { month: monthName(view.period.to, lng) })}` : '';
  const summary: { key: string; label: string; figures: MonitorFigures }[] = [
    { key: 'total', label: view.by === 'none' ? `${asName(selectionText(view.filters, options, t))}${standing}` : `${t('monitor.table.total')}${standing}`, figures: view.total },
    { key: 'previous', label: t('monitor.previous', { period: periodText(view.previousPeriod, t, lng) }), figures: view.previous },
    ...(view.region ? [{ key: 'region', label: t('monitor.region'), figures: view.region }] : []),
  ];
  const cells = (f: MonitorFigures) => (
    <>
      {view.columns.map((c) => (
        <Td key={c}>
          <CellValue cell={f.cells[c]} threshold={view.threshold} />
        </Td>
      ))}
      {spec.shares.map((s) => (
        <Td key={s.key}>
          <ShareValue value={f.shares[s.key]} />
        </Td>
      ))}
      {spec.distributions.flatMap((d) => [
        <Td key={`${d.key}-median`}>
          <StatValue value={f.stats[d.key]?.median} />
        </Td>,
        <Td key={`${d.key}-p90`}>
          <StatValue value={f.stats[d.key]?.p90} />
        </Td>,
      ])}
    </>
  );
  return (
    <Table className="samenspel-counts-table samenspel-monitor-table" captionHidden caption={caption}>
      <THead>
        <Th>{t(`monitor.table.rowHeader.${view.by}`)}</Th>
        {view.columns.map((c) => (
          <Th key={c}>{label(c)}</Th>
        ))}
        {spec.shares.map((s) => (
          <Th key={s.key}>{label(s.key)}</Th>
        ))}
        {spec.distributions.flatMap((d) => [
          <Th key={`${d.key}-median`}>{t('monitor.table.median', { label: label(d.key) })}</Th>,
          <Th key={`${d.key}-p90`}>{t('monitor.table.p90', { label: label(d.key) })}</Th>,
        ])}
      </THead>
      <TBody>
        {view.by !== 'none' &&
          view.rows.map((r) => (
            <tr key={r.key} className="utrecht-table__row">
              <Th row>{rowLabel(view.by, r, view.indicator, t, lng)}</Th>
              {cells(r)}
            </tr>
          ))}
        {summary.map((s, i) => (
          <tr key={s.key} className={`utrecht-table__row samenspel-monitor-summary${i === 0 && view.by !== 'none' ? ' samenspel-monitor-summary--first' : ''}`}>
            <Th row>{s.label}</Th>
            {cells(s.figures)}
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
