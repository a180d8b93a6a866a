import { useTranslation } from 'react-i18next';
import type { ChildAccessLogEntry } from '../shared/types.ts';
import { formatDateTimeShort } from '../shared/format.ts';
import type { Column } from '../shared/ListView.tsx';

/** The access log's event codes the client can name; unknown codes are shown as they are. */
export const KNOWN_EVENTS = [
  'child.list',
  'child.read',
  'child.create',
  'child.access_log.read',
  'child.enrolment.create',
  'child.enrolment.end',
  'child.guardian.create',
  'child.residence.create',
  'access_log.search',
  'session.sign_in',
  'session.sign_out',
  'account.totp_enabled',
  'registry.gemeente.create',
  'registry.organisation.create',
  'registry.organisation.update',
  'registry.person.create',
  'registry.membership.create',
  'registry.membership.end',
] as const;

/** Event labels are looked up in an object, not by key path: event codes contain dots. */
export function useEventLabel(): (event: string) => string {
  const { t } = useTranslation();
  const labels = t('events', { returnObjects: true }) as unknown as Record<string, string>;
  return (event) => (labels && typeof labels === 'object' && labels[event]) || event;
}

/**
 * The columns both access-log pages show, in words (the privacy officer also sees the event codes);
 * `texts` is the page's own set of column headers.
 */
export function useAccessLogColumns<E extends ChildAccessLogEntry = ChildAccessLogEntry>(texts: 'accessLog' | 'childAccessLog', showCode = false) {
  const { t, i18n } = useTranslation();
  const eventLabel = useEventLabel();
  return {
    when: {
      header: t(`${texts}.when`),
      className: 'samenspel-nowrap',
      cell: (e) => <time dateTime={e.occurredAt}>{formatDateTimeShort(e.occurredAt, i18n.language)}</time>,
    },
    role: { header: t(`${texts}.role`), cell: (e) => (e.role ? t(`roles.${e.role}`, { defaultValue: e.role }) : t('common.none')) },
    event: {
      header: t(`${texts}.event`),
      cell: (e) => {
        const label = eventLabel(e.event);
        return (
          <>
            {label}
            {showCode && label !== e.event && (
              <>
                {' '}
                <code className="samenspel-code-hint">{e.event}</code>
              </>
            )}
          </>
        );
      },
    },
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
