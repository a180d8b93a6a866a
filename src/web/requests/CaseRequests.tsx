import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../shared/types.ts';
import { AppLink } from '../shared/AppLink.tsx';
import { ListView } from '../shared/ListView.tsx';
import { Section } from '../shared/Section.tsx';
import { useSession } from '../shared/session.tsx';
import { REQUEST_KINDS, type RequestKind } from '../../contracts/values/requests.ts';
import { useRequests } from './data.ts';
import { requestColumns } from './columns.tsx';
import { SendRequestForm } from './SendRequestForm.tsx';

/** A case shows at most this many of its requests; the rest are on the requests page. */
const CASE_PAGE_SIZE = 50;

/**
 * The part of a case page about its requests: those of the case between the reader's organisation
 * and another (GET /requests?caseId=), each linking to its page, and the form to send one — for who
 * keeps the case every kind but the question to the school, for a team member of another
 * organisation only that question (the case's `can`).
 */
export function CaseRequests({ k, onDone }: { k: CaseDetail; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const kinds: RequestKind[] = [
    ...(k.can.sendRequests ? REQUEST_KINDS.filter((x) => x !== 'question_to_school') : []),
    ...(k.can.askSchool ? (['question_to_school'] as const) : []),
  ];
  const shown = can.workRequests || kinds.length > 0;
  const query = useRequests({ caseId: k.id, pageSize: CASE_PAGE_SIZE }, shown);
  if (!shown) return null;
  const c = requestColumns(t, i18n.language);
  const more = query.data && query.data.total > query.data.items.length;
  return (
    <>
      <Section id="case-requests" heading={t('requests.case.heading')}>
        <p className="utrecht-paragraph">{t('requests.case.intro')}</p>
        <ListView
          query={query}
          caption={t('requests.case.caption')}
          captionHidden
          loadingLabel={t('requests.list.loading')}
          empty={t('requests.case.empty')}
          rowKey={(r) => r.id}
          columns={[c.kindLink, c.fromTo, c.status, c.waitingFor, c.due]}
        />
        {more && (
          <p className="utrecht-paragraph">
            <AppLink to="/verzoeken?afgesloten=ja">{t('requests.case.more', { count: query.data.total })}</AppLink>
          </p>
        )}
      </Section>
      {kinds.length > 0 && k.status === 'open' && <SendRequestForm k={k} kinds={kinds} onDone={onDone} />}
    </>
  );
}
