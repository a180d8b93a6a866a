import type { FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { FieldsetOnly, FieldsetLegend } from '@utrecht/fieldset-react';
import { api, fieldErrors } from '../shared/api.ts';
import type { AccessLogEntry, AccessLogPage as AccessLogList, ChainVerification } from '../shared/types.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField, TextField } from '../shared/Fields.tsx';
import { Alert, ErrorAlert } from '../shared/Alerts.tsx';
import { ListView } from '../shared/ListView.tsx';
import { useDraft, useListParams } from '../shared/list-params.ts';
import { AppLink } from '../shared/AppLink.tsx';
import { KNOWN_EVENTS, useAccessLogColumns, useEventLabel } from './AccessLogColumns.tsx';
import { qk } from '../shared/query-keys.ts';
import { Section } from '../shared/Section.tsx';

const FILTERS = ['childId', 'username', 'event', 'outcome', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

function filtersFrom(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
}

/** The region's access log for the privacy officer: filter, page, and verify the hash chain. */
export function AccessLogPage() {
  const { t } = useTranslation();
  const list = useListParams();
  const applied = filtersFrom(list.params);
  const page = list.page;
  // When the URL changes (back/forward, reset), the form shows what is applied.
  const [draft, setDraft] = useDraft<Filters>(applied);

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
  const eventLabel = useEventLabel();
  const columns = useAccessLogColumns<AccessLogEntry>('accessLog', true);

  return (
    <>
      <PageHeading title={t('accessLog.title')} />
      <p className="utrecht-paragraph">{t('accessLog.intro')}</p>

      <ChainCheck />

      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <FieldsetOnly className="samenspel-fieldset">
          <FieldsetLegend>{t('accessLog.filters')}</FieldsetLegend>
          <div className="samenspel-filter-grid">
            <TextField id="log-child" label={t('accessLog.childId')} optional value={draft.childId} error={filterError('childId')} onChange={set('childId')} spellCheck={false} />
            <TextField id="log-username" label={t('accessLog.username')} optional value={draft.username} error={filterError('username')} onChange={set('username')} autoComplete="off" spellCheck={false} />
            <TextField
              id="log-event"
              label={t('accessLog.event')}
              description={t('accessLog.eventHint')}
              optional
              list="log-event-options"
              value={draft.event}
              error={filterError('event')}
              onChange={set('event')}
              autoComplete="off"
              spellCheck={false}
            />
            <datalist id="log-event-options">
              {KNOWN_EVENTS.map((e) => (
                <option key={e} value={e}>
                  {eventLabel(e)}
                </option>
              ))}
            </datalist>
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
          { header: t('accessLog.seq'), rowHeader: true, cell: (e) => e.seq },
          columns.when,
          columns.event,
          columns.outcome,
          {
            header: t('accessLog.child'),
            cell: (e) =>
              e.childId ? (
                <AppLink to={`/kinderen/${e.childId}/toegangslog`} title={e.childId}>
                  <code>{e.childId.slice(0, 8)}</code>
                </AppLink>
              ) : (
                t('common.none')
              ),
          },
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
          { header: t('accessLog.organisation'), cell: (e) => e.organisationName ?? t('common.none') },
          columns.role,
          columns.ground,
          { header: t('accessLog.ip'), cell: (e) => e.ip ?? t('common.none') },
        ]}
      />
    </>
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
