import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { formatDateTimeShort } from '../../format.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Alert, ErrorAlert, Loading } from '../../components/Alerts.tsx';
import { Pager } from '../../components/Pager.tsx';

interface OutboxMail {
  id: string;
  kind: string;
  to: string;
  subject: string;
  body: string | null;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  status: 'sent' | 'pending' | 'failed';
}
interface Outbox {
  mode: 'demo' | 'smtp' | 'not_configured';
  items: OutboxMail[];
  total: number;
  page: number;
  pageSize: number;
}

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
  const [page, setPage] = useState(1);
  const outbox = useQuery({ queryKey: ['outbox', page], queryFn: () => api.get<Outbox>('/outbox', { page, pageSize: 20 }) });
  const data = outbox.data;
  return (
    <>
      <PageHeading title={t('staff.outbox.title')} />
      {data && (
        <Alert type="info">
          <p className="utrecht-paragraph">{t(`staff.outbox.mode.${data.mode}`)}</p>
        </Alert>
      )}
      {outbox.isPending && <Loading label={t('common.loading')} />}
      {outbox.isError && <ErrorAlert error={outbox.error} />}
      {data && data.items.length === 0 && <p className="utrecht-paragraph">{t('staff.outbox.none')}</p>}
      {data && data.items.length > 0 && (
        <ol className="utrecht-ordered-list" aria-label={t('staff.outbox.listLabel')}>
          {data.items.map((m) => (
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
      {data && <Pager page={page} pageSize={data.pageSize} total={data.total} onChange={setPage} />}
    </>
  );
}
