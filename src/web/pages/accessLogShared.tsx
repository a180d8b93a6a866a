import { useTranslation } from 'react-i18next';
import type { ChildAccessLogEntry } from '../types.ts';
import { formatDateTimeShort } from '../format.ts';
import { Td, Th } from '../components/Table.tsx';

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

function When({ entry, header }: { entry: ChildAccessLogEntry; header?: boolean }) {
  const { i18n } = useTranslation();
  const content = <time dateTime={entry.occurredAt}>{formatDateTimeShort(entry.occurredAt, i18n.language)}</time>;
  return header ? (
    <Th row className="samenspel-nowrap">
      {content}
    </Th>
  ) : (
    <Td className="samenspel-nowrap">{content}</Td>
  );
}

function Role({ entry }: { entry: ChildAccessLogEntry }) {
  const { t } = useTranslation();
  return <Td>{entry.role ? t(`roles.${entry.role}`, { defaultValue: entry.role }) : t('common.none')}</Td>;
}

/** The event in words; `showCode` adds the technical code (for the privacy officer, who filters on it). */
function Event({ entry, showCode }: { entry: ChildAccessLogEntry; showCode?: boolean }) {
  const label = useEventLabel()(entry.event);
  return (
    <Td>
      {label}
      {showCode && label !== entry.event && (
        <>
          {' '}
          <code className="samenspel-code-hint">{entry.event}</code>
        </>
      )}
    </Td>
  );
}

function Ground({ entry }: { entry: ChildAccessLogEntry }) {
  const { t } = useTranslation();
  return <Td>{entry.ground ? t(`groundsShort.${entry.ground}`, { defaultValue: entry.ground }) : t('common.none')}</Td>;
}

/** Allowed / denied as words, with a marker that does not rely on colour alone. */
function Outcome({ entry }: { entry: ChildAccessLogEntry }) {
  const { t } = useTranslation();
  const denied = entry.outcome === 'denied';
  return (
    <Td>
      <span className={`samenspel-outcome samenspel-outcome--${denied ? 'denied' : 'allowed'}`}>
        <span aria-hidden="true" className="samenspel-outcome__mark">
          {denied ? '✕' : '✓'}
        </span>
        {t(`outcomes.${entry.outcome}`, { defaultValue: entry.outcome })}
      </span>
    </Td>
  );
}

export const AccessLogCells = { When, Role, Event, Ground, Outcome };
