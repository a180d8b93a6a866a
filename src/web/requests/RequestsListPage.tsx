import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ListView } from '../shared/ListView.tsx';
import { SelectField } from '../shared/Fields.tsx';
import { CheckboxField } from '../shared/ChoiceFields.tsx';
import { SubmitRow } from '../shared/Section.tsx';
import { useDraft, useListParams } from '../shared/list-params.ts';
import { useSession } from '../shared/session.tsx';
import { useRequests } from './data.ts';
import { requestColumns } from './columns.tsx';
import { AppLink } from '../shared/AppLink.tsx';

const PAGE_SIZE = 25;

/** The box in the address (Dutch, like the page's own address) and in the API. */
const BOXES = { ontvangen: 'inbox', verstuurd: 'outbox' } as const;
type BoxParam = keyof typeof BOXES;
const BOX_PARAMS = Object.keys(BOXES) as BoxParam[];

/**
 * "Verzoeken": the requests of the organisation the user works for, received, sent or both, the
 * ones that wait longest first (the order the server gives: the earliest term, then the oldest).
 * By default only the requests that still wait for someone; the filters are in the address
 * (`bak`, `afgesloten`, `pagina`), so the back button and a bookmark show the same list.
 */
export function RequestsListPage() {
  const { t, i18n } = useTranslation();
  const { activeMembership } = useSession();
  const list = useListParams();
  const box = list.oneOf('bak', BOX_PARAMS);
  const withClosed = list.get('afgesloten') === 'ja';
  const page = list.page;
  const [draftBox, setDraftBox] = useDraft<string>(box ?? '');
  const [draftClosed, setDraftClosed] = useDraft<boolean>(withClosed);
  const query = useRequests({ box: box ? BOXES[box] : undefined, open: withClosed ? undefined : true, page, pageSize: PAGE_SIZE });

  function onFilter(event: FormEvent) {
    event.preventDefault();
    list.apply({ bak: draftBox, afgesloten: draftClosed ? 'ja' : undefined });
  }

  const organisation = activeMembership?.organisationName ?? '';
  const boxLabel = t(`requests.list.box.${box ?? 'all'}`);
  const caption = t(withClosed ? 'requests.list.captionAll' : 'requests.list.captionOpen', { organisation, box: boxLabel.toLowerCase() });
  const c = requestColumns(t, i18n.language);
  return (
    <>
      <PageHeading title={t('requests.list.title')} />
      <p className="utrecht-paragraph">{t('requests.list.intro', { organisation })}</p>
      <p className="utrecht-paragraph">
        <AppLink to="/verzoeken/termijnen">{t('requestRegion.terms.viewTerms')}</AppLink>
      </p>
      <form className="samenspel-form samenspel-search" onSubmit={onFilter} aria-label={t('requests.list.filterLabel')}>
        <SelectField id="requests-box" label={t('requests.list.boxLabel')} value={draftBox} onChange={(e) => setDraftBox(e.target.value)}>
          <option value="">{t('requests.list.box.all')}</option>
          {BOX_PARAMS.map((b) => (
            <option key={b} value={b}>
              {t(`requests.list.box.${b}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField id="requests-closed" label={t('requests.list.withClosed')} checked={draftClosed} onChange={setDraftClosed} />
        <SubmitRow appearance="secondary-action-button">{t('requests.list.filterSubmit')}</SubmitRow>
      </form>
      <ListView
        query={query}
        caption={caption}
        count={(d) => t('requests.list.count', { count: d.total })}
        loadingLabel={t('requests.list.loading')}
        empty={withClosed ? t('requests.list.emptyAll') : t('requests.list.emptyOpen')}
        onPage={list.goToPage}
        rowKey={(r) => r.id}
        columns={[c.child, c.kind, c.fromTo, c.status, c.waitingFor, c.due]}
      />
    </>
  );
}
