import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import type { Contract } from '../../contracts/common.ts';
import type { Notification, NotificationList } from '../../contracts/signals.ts';
import { formatDateTimeShort } from '../shared/format.ts';
import { AppLink } from '../shared/AppLink.tsx';
import { ErrorAlert } from '../shared/Alerts.tsx';
import { Section } from '../shared/Section.tsx';

/** Where the user's notifications are cached (they belong to the school acted for now). */
export const notificationsKey = ['notifications'] as const;

type Item = Contract<typeof Notification>;

/**
 * The user's notifications that are not read yet (optionally only some kinds): an urgent signal at
 * the school, a request the organisation received, a step the other side took in a request. Each
 * links to the signal or the request (its page shows what it is about, behind the policy) and can
 * be marked as read. No child data here: the server sends none.
 */
export function Notifications({ only }: { only?: readonly Item['kind'][] } = {}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: notificationsKey, queryFn: () => api.get<Contract<typeof NotificationList>>('/notifications') });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post<Item>(`/notifications/${id}/read`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
  const unread = (query.data?.items ?? []).filter((n) => !n.read && (!only || only.includes(n.kind)));
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (!unread.length) return null;
  return (
    <Section id="signal-notifications" panel heading={t('signals.notifications.heading', { count: unread.length })}>
      {markRead.isError && <ErrorAlert error={markRead.error} />}
      <ul className="utrecht-unordered-list samenspel-notifications">
        {unread.map((n) => (
          <li key={n.id} className="utrecht-unordered-list__item">
            <strong>{t(`signals.notifications.kind.${n.kind}`)}</strong>{' '}
            <time dateTime={n.createdAt}>{formatDateTimeShort(n.createdAt, i18n.language)}</time>
            {n.signalId && (
              <>
                {' – '}
                <AppLink to={`/signalen/${n.signalId}`}>{t('signals.notifications.open')}</AppLink>
              </>
            )}
            {n.requestId && (
              <>
                {' – '}
                <AppLink to={`/verzoeken/${n.requestId}`}>{t('signals.notifications.openRequest')}</AppLink>
              </>
            )}{' '}
            <Button type="button" appearance="subtle-button" busy={markRead.isPending && markRead.variables === n.id} onClick={() => markRead.mutate(n.id)}>
              {t('signals.notifications.markRead')}
              <span className="samenspel-visually-hidden"> {formatDateTimeShort(n.createdAt, i18n.language)}</span>
            </Button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
