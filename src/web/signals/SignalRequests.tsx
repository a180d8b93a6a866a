import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api.ts';
import type { SignalDetail } from '../shared/types.ts';
import { ListView, type Column } from '../shared/ListView.tsx';
import { Section } from '../shared/Section.tsx';
import { useRequests, type RequestListItem } from '../requests/data.ts';
import { requestColumns } from '../requests/columns.tsx';

/** A signal leads to at most one request (a referred signal can only be closed); room for more all the same. */
const PAGE_SIZE = 20;

/** Whether the signal was referred: now, or before it was closed. */
export function wasReferred(signal: Pick<SignalDetail, 'status' | 'history'>): boolean {
  return signal.status === 'referred' || signal.history.some((e) => e.decision === 'refer_outward');
}

/**
 * "Verzoek": the request a signal's referral sent (GET /requests?signalId=), with its kind, receiver,
 * status and term, linking to its page. The list holds what the reader may see as the request's
 * sender: the school's care coordinator sees it; the teacher who raised the signal is not the
 * sender (the server answers her an empty list) and sees the decision and its reason only, so for
 * her the section is left out — as it is when the list cannot be read.
 */
export function SignalRequests({ signal }: { signal: SignalDetail }) {
  const { t, i18n } = useTranslation();
  const query = useRequests({ signalId: signal.id, pageSize: PAGE_SIZE });
  const care = signal.access === 'care';
  const refused = isApiError(query.error) && [400, 403, 404].includes(query.error.status);
  if (refused || (!care && (query.isError || !query.data?.items.length))) return null;
  const c = requestColumns(t, i18n.language);
  const receiver: Column<RequestListItem> = { header: t('referrals.requests.to'), cell: (r) => r.toOrganisationName };
  return (
    <Section id="signal-requests" heading={t('referrals.requests.heading')}>
      <p className="utrecht-paragraph">{t('referrals.requests.intro')}</p>
      <ListView
        query={query}
        caption={t('referrals.requests.caption')}
        captionHidden
        loadingLabel={t('referrals.requests.loading')}
        empty={t('referrals.requests.empty')}
        rowKey={(r) => r.id}
        columns={[c.kindLink, receiver, c.status, c.waitingFor, c.due]}
      />
    </Section>
  );
}
