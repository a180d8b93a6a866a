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
 * The care coordinator's notifications that are not read yet: an urgent signal at the school, the
 * moment it was raised. Each links to the signal (its page shows what it is about) and can be
 * marked as read. No child data here: the server sends none.
 */
export function Notifications() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: notificationsKey, queryFn: () => api.get<Contract<typeof NotificationList>>('/notifications') });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post<Item>(`/notifications/${id}/read`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
  const unread = (query.data?.items ?? []).filter((n) => !n.read);
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
