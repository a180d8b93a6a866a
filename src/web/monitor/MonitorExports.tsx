import { useTranslation } from 'react-i18next';
import { Section } from '../shared/Section.tsx';
import { EXPORT_FORMATS, exportUrl, type Selection } from './data.ts';

/**
 * The monitor to take along: every indicator of the reader's scope for the chosen period and
 * selection, per month, as CSV, Excel or a PDF report with charts and definitions. Plain links:
 * the session cookie authenticates the download, the server names the file.
 */
export function MonitorExports({ selection, description }: { selection: Selection; description: string }) {
  const { t } = useTranslation();
  return (
    <Section id="monitor-exports" heading={t('monitor.exports.heading')}>
      <p className="utrecht-paragraph">{description}</p>
      <ul className="samenspel-monitor-exports">
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action samenspel-button-link" href={exportUrl(format, selection)}>
              {t(`monitor.exports.${format}`)}
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}
