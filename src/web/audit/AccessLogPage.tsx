import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { FieldsetOnly, FieldsetLegend } from '@utrecht/fieldset-react';
import { api, fieldErrors } from '../shared/api.ts';
import type { AccessLogEntry, AccessLogPage as AccessLogList, ChainVerification, Contract } from '../shared/types.ts';
import type { AccessLogChild, AccessLogChildPage } from '../../contracts/audit.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField, TextField } from '../shared/Fields.tsx';
import { Alert, ErrorAlert } from '../shared/Alerts.tsx';
import { ListView } from '../shared/ListView.tsx';
import { useDraft, useListParams } from '../shared/list-params.ts';
import { AppLink } from '../shared/AppLink.tsx';
import { SearchForm } from '../shared/SearchForm.tsx';
import { formatDate } from '../shared/format.ts';
import { sentenceCase, useAccessLogColumns, useEventLabels } from './AccessLogColumns.tsx';
import { qk } from '../shared/query-keys.ts';
import { Section } from '../shared/Section.tsx';

const FILTERS = ['childId', 'username', 'event', 'outcome', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;
type FoundChild = Contract<typeof AccessLogChild>;

function filtersFrom(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
}

/** The region's access log for the privacy officer: find a child by name, filter, page, and verify the hash chain. */
export function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const list = useListParams();
  const applied = filtersFrom(list.params);
  const page = list.page;
  // When the URL changes (back/forward, reset), the form shows what is applied.
  const [draft, setDraft] = useDraft<Filters>(applied);
  // Children the privacy officer looked up by name on this page: named wherever the log shows them.
  const [found, setFound] = useState<Record<string, FoundChild>>({});
  const nameOf = (id: string) => found[id]?.sortName;
  const chosen = applied.childId ? found[applied.childId] : undefined;

  const query = useQuery({
    queryKey: qk.accessLog(applied, page),
    queryFn: () => api.get<AccessLogList>('/access-log', { ...applied, page }),
    placeholderData: keepPreviousData,
  });
  const { byField, other } = fieldErrors(query.error, FILTERS.map((f) => `querystring/${f}`));
  const filterError = (f: Filter) => byField[`querystring/${f}`];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    list.apply(draft);
  }

  const set = (f: Filter) => (e: { target: { value: string } }) => setDraft({ ...draft, [f]: e.target.value });
  const events = useEventLabels();
  const eventOptions = events.known.map((e) => ({ value: e, label: sentenceCase(events.label(e)) })).sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  const columns = useAccessLogColumns<AccessLogEntry>('accessLog');

  return (
    <>
      <PageHeading title={t('accessLog.title')} />
      <p className="utrecht-paragraph">{t('accessLog.intro')}</p>

      <ChildFinder
        onChoose={(child) => {
          setFound((before) => ({ ...before, [child.id]: child }));
          list.apply({ childId: child.id });
        }}
      />

      <ChainCheck />

      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <FieldsetOnly className="samenspel-fieldset">
          <FieldsetLegend>{t('accessLog.filters')}</FieldsetLegend>
          <div className="samenspel-filter-grid">
            <TextField id="log-child" label={t('accessLog.childId')} optional value={draft.childId} error={filterError('childId')} onChange={set('childId')} spellCheck={false} />
            <TextField id="log-username" label={t('accessLog.username')} optional value={draft.username} error={filterError('username')} onChange={set('username')} autoComplete="off" spellCheck={false} />
            <SelectField id="log-event" label={t('accessLog.event')} value={draft.event} error={filterError('event')} onChange={set('event')}>
              <option value="">{t('accessLog.eventAll')}</option>
              {draft.event && !events.known.includes(draft.event) && <option value={draft.event}>{draft.event}</option>}
              {eventOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectField>
            <SelectField id="log-outcome" label={t('accessLog.outcome')} value={draft.outcome} error={filterError('outcome')} onChange={set('outcome')}>
              <option value="">{t('accessLog.outcomeAll')}</option>
              <option value="allowed">{t('outcomes.allowed')}</option>
              <option value="denied">{t('outcomes.denied')}</option>
            </SelectField>
            <TextField id="log-from" type="date" label={t('accessLog.from')} optional value={draft.from} error={filterError('from')} onChange={set('from')} />
            <TextField id="log-to" type="date" label={t('accessLog.to')} optional value={draft.to} error={filterError('to')} onChange={set('to')} />
          </div>
        </FieldsetOnly>
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button">
            {t('accessLog.submit')}
          </Button>
          <Button appearance="subtle-button" onClick={() => list.apply({})}>
            {t('accessLog.reset')}
          </Button>
        </div>
      </form>

      {chosen && <h2 className="utrecht-heading-2">{t('accessLog.childNamed', { name: chosen.sortName, birthDate: formatDate(chosen.birthDate, i18n.language) })}</h2>}
      <ListView
        query={query}
        className="samenspel-table--compact"
        caption={t('accessLog.caption')}
        count={(data) => t('accessLog.count', { count: data.total })}
        loadingLabel={t('accessLog.loading')}
        error={<ErrorAlert error={query.error} fieldCount={Object.keys(byField).length} otherParams={other} />}
        empty={t('accessLog.empty')}
        onPage={list.goToPage}
        rowKey={(e) => e.seq}
        columns={[
          // Who, from which address and when come first: the IP address is in view without scrolling at 1366 px.
          { header: t('accessLog.seq'), rowHeader: true, cell: (e) => e.seq },
          columns.when,
          {
            header: t('accessLog.user'),
            cell: (e) => (
              <>
                {e.actorName ?? t('common.none')}
                {e.username && (
                  <>
                    <br />
                    <code className="samenspel-code-hint">{e.username}</code>
                  </>
                )}
              </>
            ),
          },
          { header: t('accessLog.ip'), className: 'samenspel-nowrap', cell: (e) => e.ip ?? t('common.none') },
          columns.event,
          columns.outcome,
          {
            header: t('accessLog.child'),
            cell: (e) => {
              if (!e.childId) return t('common.none');
              const name = nameOf(e.childId);
              return (
                <AppLink to={`/kinderen/${e.childId}/toegangslog`} state={name ? { name } : undefined} title={e.childId}>
                  {name ?? <code>{e.childId.slice(0, 8)}</code>}
                </AppLink>
              );
            },
          },
          { header: t('accessLog.organisation'), cell: (e) => e.organisationName ?? t('common.none') },
          columns.role,
          columns.ground,
        ]}
      />
    </>
  );
}

/**
 * "Een kind opzoeken": the privacy officer finds a child by name to answer a parent's or young
 * person's request (GET /access-log/children: only the children whose log the policy lets her
 * read, only name and birth date, each child shown logged). Choosing one filters the log on it.
 */
function ChildFinder({ onChoose }: { onChoose: (child: FoundChild) => void }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: qk.accessLog({ children: q }, page),
    queryFn: () => api.get<Contract<typeof AccessLogChildPage>>('/access-log/children', { q, page, pageSize: 10 }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const { byField, other } = fieldErrors(query.error, ['querystring/q']);
  return (
    <Section id="find-child-heading" panel heading={t('accessLog.findChild.heading')}>
      <p className="utrecht-paragraph">{t('accessLog.findChild.intro')}</p>
      <SearchForm
        id="log-find-child"
        label={t('accessLog.findChild.label')}
        hint={t('accessLog.findChild.hint')}
        value={q}
        onSearch={(next) => {
          setQ(next);
          setPage(1);
        }}
        clearLabel={t('accessLog.findChild.clear')}
      />
      {q && (
        <ListView
          query={query}
          caption={t('accessLog.findChild.caption', { q })}
          count={(data) => t('accessLog.findChild.count', { count: data.total })}
          loadingLabel={t('accessLog.findChild.loading')}
          error={<ErrorAlert error={query.error} fieldCount={Object.keys(byField).length} otherParams={other} />}
          empty={t('accessLog.findChild.empty', { q })}
          onPage={setPage}
          rowKey={(c) => c.id}
          columns={[
            { header: t('accessLog.findChild.name'), rowHeader: true, cell: (c) => c.sortName },
            { header: t('accessLog.findChild.birthDate'), cell: (c) => <time dateTime={c.birthDate}>{formatDate(c.birthDate, i18n.language)}</time> },
            {
              header: t('accessLog.findChild.show'),
              cell: (c) => (
                <Button appearance="secondary-action-button" onClick={() => onChoose(c)}>
                  {t('accessLog.findChild.showFor', { name: c.sortName })}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Section>
  );
}
/** "Controleer de keten": GET /access-log/verify on request, with the result announced. */
function ChainCheck() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => api.get<ChainVerification>('/access-log/verify') });
  const result = verify.data;
  return (
    <Section id="verify-heading" panel heading={t('accessLog.verify.heading')}>
      <p className="utrecht-paragraph">{t('accessLog.verify.intro')}</p>
      <Button appearance="secondary-action-button" busy={verify.isPending} onClick={() => !verify.isPending && verify.mutate()}>
        {verify.isPending ? t('accessLog.verify.busy') : t('accessLog.verify.button')}
      </Button>
      <div role="status" className="samenspel-live-status">
        {result &&
          (result.ok ? (
            <Alert type="ok">
              {t('accessLog.verify.ok', { count: result.checked })}{' '}
              {result.anchors ? t('accessLog.verify.anchors', { count: result.anchors.checked }) : t('accessLog.verify.noAnchors')}
            </Alert>
          ) : (
            <Alert type="error">
              {t('accessLog.verify.broken', {
                seq: result.firstBroken?.seq ?? '?',
                reason: result.firstBroken ? t(`accessLog.verify.reasons.${result.firstBroken.code}`, { defaultValue: result.firstBroken.reason }) : t('common.unknown'),
                count: result.checked,
              })}
            </Alert>
          ))}
      </div>
      {verify.isError && <ErrorAlert error={verify.error} />}
    </Section>
  );
}
