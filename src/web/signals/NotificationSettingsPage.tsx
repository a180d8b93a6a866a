import './notification-settings.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { FormErrors, useApiForm } from '../shared/ApiForm.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { SubmitRow } from '../shared/Section.tsx';
import { qk } from '../shared/query-keys.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from '../../contracts/values/signals.ts';
import { useNotificationPreferences, type NotificationPreferences, type SetNotificationPreferencesBody } from './data.ts';

type Draft = Partial<Record<NotificationKind, NotificationChannel>>;

const draftOf = (p: NotificationPreferences): Draft => Object.fromEntries(p.items.map((i) => [i.kind, i.channel]));

/** The server names a row's error by its place in what was sent (`items/N/channel`); the rows are sent in the order shown. */
const FIELDS = ['items', ...NOTIFICATION_KINDS.map((_, i) => `items/${i}/channel`)];

/**
 * "Meldingen instellen": how the professional hears of each kind of notification (issue 13). A
 * notification in the app always comes; per kind she chooses whether an e-mail comes too, at once,
 * or in one e-mail a day. Each row offers only the channels the server allows for that kind (an
 * urgent signal never waits for the daily e-mail); one save for all rows; an error stands at its row.
 * Her own choices, not a shared record: no version.
 */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useNotificationPreferences();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (query.data && draft === null) setDraft(draftOf(query.data));
  }, [query.data, draft]);

  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: SetNotificationPreferencesBody) => api.put<NotificationPreferences>('/me/notification-preferences', body),
    fields: FIELDS,
    onSuccess: (saved) => {
      queryClient.setQueryData(qk.notificationPreferences, saved);
      setDraft(draftOf(saved));
      setStatus(t('signals.settings.saved'));
    },
  });

  const rows = query.data?.items ?? [];
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!draft || mutation.isPending) return;
    setStatus('');
    mutation.mutate({ items: rows.map((r) => ({ kind: r.kind, channel: draft[r.kind] ?? r.channel })) });
  }

  return (
    <>
      <PageHeading title={t('signals.settings.title')} />
      <p className="utrecht-paragraph samenspel-lead">{t('signals.settings.intro')}</p>
      <ul className="utrecht-unordered-list">
        {NOTIFICATION_CHANNELS.map((c) => (
          <li key={c} className="utrecht-unordered-list__item">
            <strong>{t(`signals.settings.channels.${c}`)}</strong>: {t(`signals.settings.channelHints.${c}`)}
          </li>
        ))}
      </ul>
      <p className="utrecht-paragraph samenspel-note">{t('signals.settings.noChildData')}</p>
      <LiveStatus>{status}</LiveStatus>
      {query.isPending && <Loading label={t('signals.settings.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      <FormErrors mutation={mutation} byField={byField} other={other} />
      {draft && (
        <form ref={formRef} className="samenspel-form samenspel-notification-settings" noValidate onSubmit={onSubmit}>
          {rows.map((row, i) => (
            <RadioGroupField
              key={row.kind}
              id={`notification-${row.kind}`}
              name={`notification-${row.kind}`}
              className="samenspel-notification-setting"
              legend={t(`signals.settings.kinds.${row.kind}`)}
              description={
                <>
                  {t(`signals.settings.when.${row.kind}`)}
                  {!row.channels.includes('digest') && <> {t('signals.settings.noDigest')}</>}
                </>
              }
              options={row.channels.map((c) => ({ value: c, label: t(`signals.settings.channels.${c}`) }))}
              value={draft[row.kind] ?? row.channel}
              error={byField[`items/${i}/channel`]}
              onChange={(channel) => {
                setStatus('');
                setDraft((d) => ({ ...(d ?? {}), [row.kind]: channel }));
              }}
            />
          ))}
          <SubmitRow busy={mutation.isPending}>{t('signals.settings.save')}</SubmitRow>
        </form>
      )}
      <p className="utrecht-paragraph">
        <AppLink to="/">{t('signals.settings.backHome')}</AppLink>
      </p>
    </>
  );
}
