import './request-terms.css';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import type { TFunction } from 'i18next';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { Options, SelectField, TextField } from '../shared/Fields.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { ItemsTable } from '../shared/ListView.tsx';
import { Facts, Section } from '../shared/Section.tsx';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';
import { formatDate } from '../shared/format.ts';
import { qk } from '../shared/query-keys.ts';
import type { DayUnit } from '../../contracts/values/requests.ts';
import { setRequestTerm, useRequestTerms, type RequestTermRow, type RequestTerms, type SetRequestTermBody } from './region-data.ts';

const keyOf = (r: Pick<RequestTermRow, 'kind' | 'status'>) => `${r.kind}|${r.status}`;

/** "5 werkdagen", "1 schooldag". */
export const termLength = (t: TFunction, term: { days: number; unit: DayUnit }) => t(`requestRegion.terms.length.${term.unit}`, { count: term.days });
const termName = (t: TFunction, r: Pick<RequestTermRow, 'kind' | 'status'>) => t('requestRegion.terms.termName', { kind: t(`requests.kinds.${r.kind}`), step: t(`requestRegion.terms.steps.${r.status}`) });

/**
 * The request terms (docs/requests.md, "Termijnen per regio"): for each kind of request and each step
 * that waits for someone, the term in force, the default and who set the region's own. Everyone who
 * works with requests reads them; the form to change one is there only when the server says so
 * (`can.change`: the functional administrator). A changed term applies to steps that start after
 * it. On a narrow screen the table scrolls inside its own labelled region.
 */
export function RequestTermsSection({ heading, panel }: { heading: string; panel?: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const terms = useRequestTerms();
  const [message, setMessage] = useState('');
  const data = terms.data;
  const source = (r: RequestTermRow) =>
    r.region
      ? r.region.updatedBy
        ? t('requestRegion.terms.fromRegion', { name: r.region.updatedBy, date: formatDate(r.region.updatedAt, lng) })
        : t('requestRegion.terms.fromRegionUnknown', { date: formatDate(r.region.updatedAt, lng) })
      : t('requestRegion.terms.fromDefault');
  return (
    <Section id="request-terms" panel={panel} heading={heading}>
      <p className="utrecht-paragraph">{t('requestRegion.terms.intro')}</p>
      <p className="utrecht-paragraph">
        <strong>{t('requestRegion.terms.appliesFrom')}</strong>
      </p>
      <LiveStatus>{message}</LiveStatus>
      {terms.isPending && <Loading label={t('common.loading')} />}
      {terms.isError && <ErrorAlert error={terms.error} />}
      {data && (
        <>
          <ul className="samenspel-request-terms__cards" aria-label={t('requestRegion.terms.caption')}>
            {data.items.map((r) => (
              <li key={keyOf(r)} className="samenspel-request-terms__card">
                <p className="utrecht-paragraph">
                  <strong>{termName(t, r)}</strong>
                </p>
                <Facts
                  items={[
                    [t('requestRegion.terms.columns.inForce'), <strong key="in-force">{termLength(t, r.inForce)}</strong>],
                    [t('requestRegion.terms.columns.default'), `${termLength(t, r.default)}. ${r.default.basis}`],
                    [t('requestRegion.terms.columns.source'), source(r)],
                  ]}
                />
              </li>
            ))}
          </ul>
          <div className="samenspel-request-terms__table">
            <ItemsTable
              caption={t('requestRegion.terms.caption')}
              empty={null}
              items={data.items}
              rowKey={keyOf}
              columns={[
                { header: t('requestRegion.terms.columns.kind'), rowHeader: true, cell: (r) => t(`requests.kinds.${r.kind}`) },
                { header: t('requestRegion.terms.columns.step'), cell: (r) => t(`requestRegion.terms.steps.${r.status}`) },
                { header: t('requestRegion.terms.columns.inForce'), className: 'samenspel-nowrap', cell: (r) => <strong>{termLength(t, r.inForce)}</strong> },
                {
                  header: t('requestRegion.terms.columns.default'),
                  cell: (r) => (
                    <>
                      {termLength(t, r.default)}
                      <div className="samenspel-hint">{r.default.basis}</div>
                    </>
                  ),
                },
                { header: t('requestRegion.terms.columns.source'), cell: source },
              ]}
            />
          </div>
          {data.can.change ? <ChangeTermForm terms={data} onDone={setMessage} /> : <p className="utrecht-paragraph">{t('requestRegion.terms.readOnly')}</p>}
        </>
      )}
    </Section>
  );
}

/** The functional administrator changes one term, or sets it back to the default, based on the version the table showed. */
function ChangeTermForm({ terms, onDone }: { terms: RequestTerms; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [key, setKey] = useState(keyOf(terms.items[0]));
  const row = terms.items.find((r) => keyOf(r) === key) ?? terms.items[0];
  const [days, setDays] = useState('');
  const [unit, setUnit] = useState<DayUnit>(row.inForce.unit);
  // Someone else changed a term meanwhile (409): the notice names the terms that changed; what was typed stays.
  const stale = useStale<RequestTerms>({
    record: terms,
    queryKey: qk.settings.requestTerms,
    describe: (d) => d.items.map((r) => [termName(t, r), termLength(t, r.inForce)] as const),
  });
  const form = useApiForm({
    mutationFn: (body: Omit<SetRequestTermBody, 'version'>) => setRequestTerm({ ...body, version: stale.version() ?? terms.version }),
    fields: ['kind', 'status', 'days', 'unit'],
    stale,
    onSuccess: (now, body) => {
      queryClient.setQueryData(qk.settings.requestTerms, now);
      const saved = now.items.find((r) => keyOf(r) === keyOf(body));
      if (saved) onDone(t(body.days === null ? 'requestRegion.terms.resetDone' : 'requestRegion.terms.saved', { term: termName(t, saved), length: termLength(t, saved.inForce) }));
      setDays('');
    },
  });
  const choose = (next: string) => {
    setKey(next);
    const r = terms.items.find((x) => keyOf(x) === next);
    if (r) setUnit(r.inForce.unit);
  };
  const submit = () => {
    onDone('');
    const n = Number(days.trim());
    // Nothing or no whole number: 0, which the server refuses with the range in words.
    form.mutation.mutate({ kind: row.kind, status: row.status, days: days.trim() && Number.isInteger(n) ? n : 0, unit });
  };
  const reset = () => {
    onDone('');
    if (!form.mutation.isPending) form.mutation.mutate({ kind: row.kind, status: row.status, days: null });
  };
  const termError = form.byField.status ?? form.byField.kind;
  return (
    <section className="samenspel-section" aria-labelledby="request-term-change">
      <h3 id="request-term-change" className="utrecht-heading-3">
        {t('requestRegion.terms.formHeading')}
      </h3>
      <StaleNotice stale={stale} />
      <ApiFormView
        form={form}
        onSubmit={submit}
        submit={t('requestRegion.terms.save')}
        appearance="secondary-action-button"
        actions={
          <Button type="button" appearance="subtle-button" disabled={!row.region} onClick={reset}>
            {t('requestRegion.terms.reset')}
          </Button>
        }
      >
        <SelectField id="request-term-term" label={t('requestRegion.terms.termLabel')} value={key} error={termError} onChange={(e) => choose(e.target.value)}>
          {terms.items.map((r) => (
            <option key={keyOf(r)} value={keyOf(r)}>
              {termName(t, r)} ({termLength(t, r.inForce)})
            </option>
          ))}
        </SelectField>
        <div className="samenspel-filter-grid">
          <TextField
            id="request-term-days"
            label={t('requestRegion.terms.daysLabel')}
            description={t('requestRegion.terms.daysHint')}
            inputMode="numeric"
            autoComplete="off"
            className="samenspel-short-input"
            value={days}
            error={form.byField.days}
            onChange={(e) => setDays(e.target.value)}
          />
          <SelectField
            id="request-term-unit"
            label={t('requestRegion.terms.unitLabel')}
            description={row.units.length > 1 ? undefined : t('requestRegion.terms.unitHintSchool')}
            value={unit}
            error={form.byField.unit}
            onChange={(e) => setUnit(e.target.value === 'school' ? 'school' : 'working')}
          >
            <Options values={row.units} label={(u) => t(`requestRegion.terms.unit.${u}`)} />
          </SelectField>
        </div>
      </ApiFormView>
    </section>
  );
}
