import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { FieldsetOnly, FieldsetLegend } from '@utrecht/fieldset-react';
import { api, fieldErrors } from '../api.ts';
import type { AccessLogEntry, ChainVerification, Page } from '../types.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { Alert, ErrorAlert, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { Pager } from '../components/Pager.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { cleanParams, pageFrom } from '../url.ts';
import { AccessLogCells, KNOWN_EVENTS, useEventLabel } from './accessLogShared.tsx';

const FILTERS = ['childId', 'username', 'event', 'outcome', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

function filtersFrom(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
}

/** The region's access log for the privacy officer: filter, page, and verify the hash chain. */
export function AccessLogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const page = pageFrom(params);
  const [draft, setDraft] = useState<Filters>(applied);
  const paramsKey = params.toString();
  // When the URL changes (back/forward, reset), the form shows what is applied.
  useEffect(() => setDraft(filtersFrom(new URLSearchParams(paramsKey))), [paramsKey]);

  const query = useQuery({
    queryKey: ['access-log', applied, page],
    queryFn: () => api.get<Page<AccessLogEntry>>('/access-log', { ...applied, page }),
    placeholderData: keepPreviousData,
  });
  const { byField, other } = fieldErrors(query.error, FILTERS.map((f) => `querystring/${f}`));
  const filterError = (f: Filter) => byField[`querystring/${f}`];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setParams(cleanParams(draft));
  }

  function goToPage(n: number) {
    const next = new URLSearchParams(params);
    next.set('pagina', String(n));
    setParams(next);
  }

  const set = (f: Filter) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [f]: e.target.value }));
  const eventLabel = useEventLabel();
  const data = query.data;

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
          <Button appearance="subtle-button" onClick={() => setParams(new URLSearchParams())}>
            {t('accessLog.reset')}
          </Button>
        </div>
      </form>

      <StatusText>{data && !query.isFetching ? t('accessLog.count', { count: data.total }) : ''}</StatusText>
      {query.isPending && <Loading label={t('accessLog.loading')} />}
      {query.isError && <ErrorAlert error={query.error} fieldCount={Object.keys(byField).length} otherParams={other} />}
      {data && data.items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('accessLog.empty')}</p>}
      {data && data.items.length > 0 && (
        <>
          <Table caption={t('accessLog.caption')} className="samenspel-table--compact">
            <THead>
              <Th>{t('accessLog.seq')}</Th>
              <Th>{t('accessLog.when')}</Th>
              <Th>{t('accessLog.event')}</Th>
              <Th>{t('accessLog.outcome')}</Th>
              <Th>{t('accessLog.child')}</Th>
              <Th>{t('accessLog.user')}</Th>
              <Th>{t('accessLog.organisation')}</Th>
              <Th>{t('accessLog.role')}</Th>
              <Th>{t('accessLog.ground')}</Th>
              <Th>{t('accessLog.ip')}</Th>
            </THead>
            <TBody>
              {data.items.map((e) => (
                <Tr key={e.seq}>
                  <Th row>{e.seq}</Th>
                  <AccessLogCells.When entry={e} />
                  <AccessLogCells.Event entry={e} showCode />
                  <AccessLogCells.Outcome entry={e} />
                  <Td>
                    {e.childId ? (
                      <AppLink to={`/kinderen/${e.childId}/toegangslog`} title={e.childId}>
                        <code>{e.childId.slice(0, 8)}</code>
                      </AppLink>
                    ) : (
                      t('common.none')
                    )}
                  </Td>
                  <Td>
                    {e.actorName ?? t('common.none')}
                    {e.username && (
                      <>
                        <br />
                        <code className="samenspel-code-hint">{e.username}</code>
                      </>
                    )}
                  </Td>
                  <Td>{e.organisationName ?? t('common.none')}</Td>
                  <AccessLogCells.Role entry={e} />
                  <AccessLogCells.Ground entry={e} />
                  <Td>{e.ip ?? t('common.none')}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={goToPage} />
        </>
      )}
    </>
  );
}

/** "Controleer de keten": GET /access-log/verify on request, with the result announced. */
function ChainCheck() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => api.get<ChainVerification>('/access-log/verify') });
  const result = verify.data;
  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby="verify-heading">
      <h2 id="verify-heading" className="utrecht-heading-2">
        {t('accessLog.verify.heading')}
      </h2>
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
    </section>
  );
}
