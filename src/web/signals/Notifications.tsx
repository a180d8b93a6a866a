import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import type { Contract } from '../../contracts/common.ts';
import type { Notification, NotificationList } from '../../contracts/signals.ts';
import { formatDateTimeMinutes } from '../shared/format.ts';
import { AppLink } from '../shared/AppLink.tsx';
import { ErrorAlert } from '../shared/Alerts.tsx';
import { Section } from '../shared/Section.tsx';

/** Where the user's notifications are cached (they belong to the school acted for now). */
export const notificationsKey = ['notifications'] as const;

type Item = Contract<typeof Notification>;

/**
 * The user's notifications that are not read yet (optionally only some kinds): an urgent signal at
 * the school, a decision on the teacher's own signal, a request the organisation received, a step the
 * other side took in a request or one past its term, a teacher's observation asked, a case handed over
 * to the user or transferred to the school, a consent withdrawn, an evaluation due. Each links to
 * where it is dealt with (the observation, the signal, the request or the case: its page shows what
 * it is about, behind the policy) and can be marked as read. No child data here: the server sends none.
 */
export function Notifications({ only }: { only?: readonly Item['kind'][] } = {}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // Its words are in the signals part of the texts, which the home page (a core page) does not load itself.
  const [texts, setTexts] = useState(false);
  useEffect(() => {
    let live = true;
    void import('../shared/parts.ts')
      .then((m) => m.loadParts())
      .then(() => live && setTexts(true));
    return () => {
      live = false;
    };
  }, []);
  const query = useQuery({ queryKey: notificationsKey, queryFn: () => api.get<Contract<typeof NotificationList>>('/notifications') });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post<Item>(`/notifications/${id}/read`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
  const unread = (query.data?.items ?? []).filter((n) => !n.read && (!only || only.includes(n.kind)));
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (!unread.length || !texts) return null;
  return (
    <Section id="signal-notifications" panel heading={t('signals.notifications.heading', { count: unread.length })}>
      {markRead.isError && <ErrorAlert error={markRead.error} />}
      <ul className="utrecht-unordered-list samenspel-notifications">
        {unread.map((n) => (
          <li key={n.id} className="utrecht-unordered-list__item">
            <strong>{t(`signals.notifications.kind.${n.kind}`)}</strong>{' '}
            <time dateTime={n.createdAt}>{formatDateTimeMinutes(n.createdAt, i18n.language)}</time>
            <NotificationLink n={n} />{' '}
            <Button type="button" appearance="subtle-button" busy={markRead.isPending && markRead.variables === n.id} onClick={() => markRead.mutate(n.id)}>
              {t('signals.notifications.markRead')}
              <span className="samenspel-visually-hidden"> {formatDateTimeMinutes(n.createdAt, i18n.language)}</span>
            </Button>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/**
 * The one link of a notification, to where it is dealt with: the observation asked (the teacher
 * answers there; the request itself is not hers to read), else the signal, the request or the case;
 * the region's escalation names no request, only the organisation's received requests.
 */
export function notificationLink(
  n: Pick<Item, 'kind' | 'observationId' | 'signalId' | 'requestId' | 'caseId'>,
): { to: string; label: 'openObservation' | 'open' | 'openRequest' | 'openCase' | 'openInbox' } | null {
  if (n.observationId) return { to: `/observaties/${n.observationId}`, label: 'openObservation' };
  if (n.signalId) return { to: `/signalen/${n.signalId}`, label: 'open' };
  if (n.requestId) return { to: `/verzoeken/${n.requestId}`, label: 'openRequest' };
  if (n.caseId) return { to: `/casussen/${n.caseId}`, label: 'openCase' };
  if (n.kind === 'request_escalated') return { to: '/verzoeken?bak=ontvangen', label: 'openInbox' };
  return null;
}

function NotificationLink({ n }: { n: Item }) {
  const { t } = useTranslation();
  const link = notificationLink(n);
  if (!link) return null;
  return (
    // The dash stays with its link on a narrow screen.
    <>
      {' '}
      <span className="samenspel-nowrap">
        {'– '}
        <AppLink to={link.to}>{t(`signals.notifications.${link.label}`)}</AppLink>
      </span>
    </>
  );
}
