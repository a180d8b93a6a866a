import { useTranslation } from 'react-i18next';
import type { ChildAccessLogEntry } from '../shared/types.ts';
import { formatDateTimeShort } from '../shared/format.ts';
import type { Column } from '../shared/ListView.tsx';

/**
 * Every event in words (issue 12): the labels are defined once, in `events` of
 * i18n/parts/audit.{nl,en}.json, as what the person did ("bekeek het plan"); a test
 * (test/api/access-log-words.test.ts) fails for an event the server writes without a label. An
 * event unknown to this client (a newer server) is still shown in words, never as its key.
 */
export function useEventLabels(): { label: (event: string) => string; known: string[] } {
  const { t } = useTranslation();
  const labels = t('events', { returnObjects: true }) as unknown as Record<string, string> | string;
  const table = labels && typeof labels === 'object' ? labels : {};
  return { label: (event) => table[event] || t('eventUnknown'), known: Object.keys(table) };
}

export function useEventLabel(): (event: string) => string {
  return useEventLabels().label;
}

/** "bekeek het plan" → "Bekeek het plan", for a table cell or an option. */
export const sentenceCase = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/**
 * The columns both access-log pages show, in words (never an event key); `texts` is the page's
 * own set of column headers.
 */
export function useAccessLogColumns<E extends ChildAccessLogEntry = ChildAccessLogEntry>(texts: 'accessLog' | 'childAccessLog') {
  const { t, i18n } = useTranslation();
  const eventLabel = useEventLabel();
  return {
    when: {
      header: t(`${texts}.when`),
      className: 'samenspel-nowrap',
      cell: (e) => <time dateTime={e.occurredAt}>{formatDateTimeShort(e.occurredAt, i18n.language)}</time>,
    },
    role: { header: t(`${texts}.role`), cell: (e) => (e.role ? t(`roles.${e.role}`, { defaultValue: e.role }) : t('common.none')) },
    event: { header: t(`${texts}.event`), cell: (e) => sentenceCase(eventLabel(e.event)) },
    ground: { header: t(`${texts}.ground`), cell: (e) => (e.ground ? t(`groundsShort.${e.ground}`, { defaultValue: e.ground }) : t('common.none')) },
    /** Allowed / denied as words, with a marker that does not rely on colour alone. */
    outcome: {
      header: t(`${texts}.outcome`),
      cell: (e) => {
        const denied = e.outcome === 'denied';
        return (
          <span className={`samenspel-outcome samenspel-outcome--${denied ? 'denied' : 'allowed'}`}>
            <span aria-hidden="true" className="samenspel-outcome__mark">
              {denied ? '✕' : '✓'}
            </span>
            {t(`outcomes.${e.outcome}`, { defaultValue: e.outcome })}
          </span>
        );
      },
    },
  } satisfies Record<string, Column<E>>;
}
