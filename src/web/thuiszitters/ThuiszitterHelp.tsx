import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api.ts';
import { AppLink } from '../shared/AppLink.tsx';
import { ListView, type Column } from '../shared/ListView.tsx';
import { Section } from '../shared/Section.tsx';
import { useRequests, type RequestListItem } from '../requests/data.ts';
import { requestColumns } from '../requests/columns.tsx';
import type { ThuiszitterDetail } from './data.ts';

/**
 * "Hulp voor terug naar school": the requests sent for this entry (GET /requests?thuiszitterId=, as
 * far as the reader is their sender or receiver), and — for who keeps the child's open case
 * (`askHelpFromCaseId`, from the server) — the link to send one from that case, with the way back
 * to school as its goal. Who may see neither (the attendance officer who is no party) sees nothing.
 */
export function ThuiszitterHelp({ entry }: { entry: ThuiszitterDetail }) {
  const { t, i18n } = useTranslation();
  const query = useRequests({ thuiszitterId: entry.id, pageSize: 20 });
  const refused = isApiError(query.error) && [400, 403, 404].includes(query.error.status);
  const caseId = entry.askHelpFromCaseId;
  const has = !refused && (query.data?.items.length ?? 0) > 0;
  if (!caseId && !has) return null;
  const c = requestColumns(t, i18n.language);
  const receiver: Column<RequestListItem> = { header: t('thuiszitters.help.to'), cell: (r) => r.toOrganisationName };
  return (
    <Section id="thuiszitter-help" heading={t('thuiszitters.help.heading')}>
      <p className="utrecht-paragraph">{t('thuiszitters.help.intro')}</p>
      {has && (
        <ListView
          query={query}
          caption={t('thuiszitters.help.caption')}
          captionHidden
          loadingLabel={t('common.loading')}
          empty={t('thuiszitters.help.empty')}
          rowKey={(r) => r.id}
          columns={[c.kindLink, receiver, c.status, c.waitingFor, c.due]}
        />
      )}
      {caseId && entry.open && (
        <p className="utrecht-paragraph">
          <AppLink to={`/casussen/${caseId}?thuiszitter=${encodeURIComponent(entry.id)}#case-send-request`}>{t('thuiszitters.help.ask')}</AppLink>
        </p>
      )}
    </Section>
  );
}
