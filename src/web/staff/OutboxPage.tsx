import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { formatDateTimeShort } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { Alert } from '../shared/Alerts.tsx';
import { ListView } from '../shared/ListView.tsx';
import { useListParams } from '../shared/list-params.ts';
import { qk } from '../shared/query-keys.ts';
import type { Contract } from '../../contracts/common.ts';
import type { Outbox as OutboxSchema } from '../../contracts/staff.ts';

type Outbox = Contract<typeof OutboxSchema>;

/** The text of an e-mail with its web addresses as links (the demo follows the invitation link from here). */
function MailBody({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  const re = /https?:\/\/[^\s]+/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    parts.push(text.slice(last, m.index));
    let href = m[0];
    // A link to this same site opens here (also when the mail names another host in a demo).
    try {
      const u = new URL(href);
      if (u.pathname.startsWith('/uitnodiging/')) href = u.pathname;
    } catch {
      // not a URL after all: shown as text
    }
    parts.push(
      <a key={m.index} className="utrecht-link" href={href}>
        {m[0]}
      </a>,
    );
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return <p className="utrecht-paragraph samenspel-pre-line">{parts}</p>;
}

/** E-mail Samenspel sent (or will send) for this region: in demo mode the messages themselves. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const list = useListParams();
  const page = list.page;
  const outbox = useQuery({ queryKey: qk.outbox(page), queryFn: () => api.get<Outbox>('/outbox', { page, pageSize: 20 }) });
  const data = outbox.data;
  return (
    <>
      <PageHeading title={t('staff.outbox.title')} />
      {data && (
        <Alert type="info">
          <p className="utrecht-paragraph">{t(`staff.outbox.mode.${data.mode}`)}</p>
        </Alert>
      )}
      <ListView
        query={outbox}
        loadingLabel={t('common.loading')}
        empty={t('staff.outbox.none')}
        onPage={list.goToPage}
        rowKey={(m) => m.id}
        renderItems={(items) => (
          <ol className="utrecht-ordered-list" aria-label={t('staff.outbox.listLabel')}>
            {items.map((m) => (
              <li key={m.id} className="utrecht-ordered-list__item samenspel-section">
                <h2 className="utrecht-heading-3">{t('staff.outbox.mailHeading', { subject: m.subject, to: m.to })}</h2>
                <dl className="samenspel-dl">
                  <div>
                    <dt>{t('staff.outbox.to')}</dt>
                    <dd>{m.to}</dd>
                  </div>
                  <div>
                    <dt>{t('staff.outbox.created')}</dt>
                    <dd>{formatDateTimeShort(m.createdAt, i18n.language)}</dd>
                  </div>
                  <div>
                    <dt>{t('staff.outbox.status')}</dt>
                    <dd>
                      {t(`staff.outbox.statuses.${m.status}`, { attempts: m.attempts })}
                      {m.sentAt ? ` (${formatDateTimeShort(m.sentAt, i18n.language)})` : ''}
                      {m.lastError && m.status !== 'sent' ? ` – ${m.lastError}` : ''}
                    </dd>
                  </div>
                </dl>
                {m.body && <MailBody text={m.body} />}
              </li>
            ))}
          </ol>
        )}
      />
    </>
  );
}
