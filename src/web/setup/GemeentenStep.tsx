import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import { SelectField, TextField, Options } from '../shared/Fields.tsx';
import { ErrorAlert, LiveStatus, StatusText } from '../shared/Alerts.tsx';
import { ErrorSummary, useSetupForm } from './wizard.tsx';
import { qk } from '../shared/query-keys.ts';
import { Section, SubmitRow } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';
import type { Gemeente } from '../shared/types.ts';
import type { Contract } from '../../contracts/common.ts';
import type { GemeenteCreated, GemeenteList } from '../../contracts/registry.ts';
import type { GemeenteListResult as GemeenteListResultSchema, PostcodeRange as PostcodeRangeSchema, PostcodeRangeList } from '../../contracts/setup.ts';
import { HOLIDAY_REGIONS } from '../../contracts/values/calendar.ts';

type GemeenteListResult = Contract<typeof GemeenteListResultSchema>;

type ListedGemeente = GemeenteListResult['items'][number];
type PostcodeRange = Contract<typeof PostcodeRangeSchema>;

function useRegionGemeenten() {
  return useQuery({ queryKey: qk.gemeenten, queryFn: () => api.get<Contract<typeof GemeenteList>>('/gemeenten') });
}

/** Step 2: the gemeenten of the region (from the list of Dutch gemeenten, or by hand) and their postcode ranges. */
export function GemeentenStep() {
  const { t } = useTranslation();
  const gemeenten = useRegionGemeenten();
  const items = gemeenten.data?.items ?? [];
  return (
    <>
      <Section id="setup-gemeenten-list" heading={t('setup.gemeenten.listHeading')}>
        {gemeenten.isError && <ErrorAlert error={gemeenten.error} />}
        {gemeenten.data && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('setup.gemeenten.none')}</p>}
        {items.length > 0 && (
          <ItemsTable
            caption={t('setup.gemeenten.caption')}
            empty={null}
            items={items}
            rowKey={(g) => g.id}
            columns={[
              { header: t('setup.gemeenten.name'), rowHeader: true, cell: (g) => g.name },
              { header: t('setup.gemeenten.cbsCode'), cell: (g) => g.cbsCode },
              { header: t('setup.gemeenten.province'), cell: (g) => g.province ?? t('common.none') },
              { header: t('setup.gemeenten.holidayRegion'), cell: (g) => <>{t(`setup.holidayRegions.${g.holidayRegion}`, { defaultValue: g.holidayRegion })}</> },
            ]}
          />
        )}
      </Section>
      <GemeentePicker />
      <ManualGemeente />
      {items.length > 0 && <Postcodes gemeenten={items} />}
    </>
  );
}

function GemeentePicker() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);
  const results = useQuery({
    queryKey: qk.setup.gemeenteList(q),
    queryFn: () => api.get<GemeenteListResult>('/setup/gemeente-list', { q, limit: 10 }),
    enabled: q.length > 0,
  });
  const { mutation, other } = useSetupForm({
    mutationFn: (g: ListedGemeente) => api.post<Contract<typeof GemeenteCreated>>('/gemeenten', { cbsCode: g.cbsCode }),
    fields: [],
    onSuccess: (g) => {
      setMessage(t('setup.gemeenten.added', { name: g.name, province: g.province, region: t(`setup.holidayRegions.${g.holidayRegion}`) }));
      void queryClient.invalidateQueries({ queryKey: qk.gemeenten });
      void queryClient.invalidateQueries({ queryKey: qk.setup.gemeenteList() });
    },
  });
  const items = results.data?.items;
  return (
    <Section id="setup-gemeente-pick" panel heading={t('setup.gemeenten.pickHeading')}>
      <LiveStatus>{message}</LiveStatus>
      {mutation.isError && <ErrorSummary error={mutation.error} byField={{}} other={other} fieldIds={{}} labels={{}} />}
      <form className="samenspel-form samenspel-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField
          id="gemeente-search"
          label={t('setup.gemeenten.search')}
          description={t('setup.gemeenten.searchHint')}
          type="search"
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </form>
      <StatusText>{q && items ? t('setup.gemeenten.found', { count: items.length }) : ''}</StatusText>
      {results.isError && <ErrorAlert error={results.error} />}
      {items && items.length > 0 && (
        <ul className="utrecht-unordered-list samenspel-result-list" aria-label={t('setup.gemeenten.results')}>
          {items.map((g) => (
            <li key={g.cbsCode} className="utrecht-unordered-list__item">
              {g.name} ({g.cbsCode}, {g.province}, {t('setup.gemeenten.holidayRegionShort', { region: t(`setup.holidayRegions.${g.holidayRegion}`) })}){' '}
              {g.inRegion ? (
                <strong>{t('setup.gemeenten.inRegion')}</strong>
              ) : (
                <Button appearance="secondary-action-button" busy={mutation.isPending && mutation.variables?.cbsCode === g.cbsCode} onClick={() => { setMessage(''); mutation.mutate(g); }}>
                  {t('setup.gemeenten.add', { name: g.name })}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

const MANUAL_FIELDS = ['cbsCode', 'name', 'province', 'holidayRegion'] as const;
type ManualField = (typeof MANUAL_FIELDS)[number];
const EMPTY_MANUAL: Record<ManualField, string> = { cbsCode: '', name: '', province: '', holidayRegion: '' };

function ManualGemeente() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY_MANUAL);
  const [message, setMessage] = useState('');
  const provinces = useQuery({ queryKey: qk.setup.provinces, queryFn: () => api.get<GemeenteListResult>('/setup/gemeente-list', { q: '' }), staleTime: Infinity });
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: Record<string, string | null>) => api.post<Contract<typeof GemeenteCreated>>('/gemeenten', body),
    fields: MANUAL_FIELDS,
    onSuccess: (g) => {
      setValues(EMPTY_MANUAL);
      setMessage(t('setup.gemeenten.addedManual', { name: g.name }));
      void queryClient.invalidateQueries({ queryKey: qk.gemeenten });
    },
  });
  const set = (f: ManualField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    mutation.mutate({ cbsCode: values.cbsCode.trim(), name: values.name.trim() || null, province: values.province || null, holidayRegion: values.holidayRegion || null });
  }
  const ids: Record<ManualField, string> = { cbsCode: 'manual-cbs', name: 'manual-name', province: 'manual-province', holidayRegion: 'manual-holiday' };
  const labels: Record<ManualField, string> = { cbsCode: t('setup.gemeenten.cbsCode'), name: t('setup.gemeenten.name'), province: t('setup.gemeenten.province'), holidayRegion: t('setup.gemeenten.holidayRegion') };
  return (
    <Section id="setup-gemeente-manual" panel heading={t('setup.gemeenten.manualHeading')}>
      <p className="utrecht-paragraph samenspel-note">{t('setup.gemeenten.manualHint')}</p>
      <LiveStatus>{message}</LiveStatus>
      {mutation.isError && <ErrorSummary error={mutation.error} byField={byField} other={other} fieldIds={ids} labels={labels} />}
      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextField id={ids.cbsCode} label={labels.cbsCode} description={t('setup.gemeenten.cbsHint')} required maxLength={10} autoComplete="off" className="samenspel-short-input" value={values.cbsCode} error={byField.cbsCode} onChange={set('cbsCode')} />
        <TextField id={ids.name} label={labels.name} required maxLength={100} value={values.name} error={byField.name} onChange={set('name')} />
        <SelectField id={ids.province} label={labels.province} required value={values.province} error={byField.province} onChange={set('province')}>
          <option value="">{t('setup.gemeenten.chooseProvince')}</option>
          {provinces.data?.provinces.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </SelectField>
        <SelectField id={ids.holidayRegion} label={labels.holidayRegion} required value={values.holidayRegion} error={byField.holidayRegion} onChange={set('holidayRegion')}>
          <Options empty={t('setup.gemeenten.chooseHolidayRegion')} values={HOLIDAY_REGIONS} label={(r) => t(`setup.holidayRegions.${r}`)} />
        </SelectField>
        <SubmitRow busy={mutation.isPending}>{t('setup.gemeenten.addManual')}</SubmitRow>
      </form>
    </Section>
  );
}

function Postcodes({ gemeenten }: { gemeenten: Gemeente[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [gemeenteId, setGemeenteId] = useState(gemeenten[0].id);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [message, setMessage] = useState('');
  const gemeente = gemeenten.find((g) => g.id === gemeenteId) ?? gemeenten[0];
  const key = qk.setup.postcodes(gemeente.id);
  const ranges = useQuery({ queryKey: key, queryFn: () => api.get<Contract<typeof PostcodeRangeList>>(`/gemeenten/${gemeente.id}/postcodes`) });
  const label = (r: { from: number; to: number }) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`);
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: { from: number | null; to: number | null }) => api.post<PostcodeRange>(`/gemeenten/${gemeente.id}/postcodes`, body),
    fields: ['from', 'to'],
    onSuccess: (r) => {
      setFrom('');
      setTo('');
      setMessage(t('setup.postcodes.added', { range: label(r), name: gemeente.name }));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (r: PostcodeRange) => api.delete(`/gemeenten/${gemeente.id}/postcodes/${r.id}`),
    onSuccess: (_, r) => {
      setMessage(t('setup.postcodes.removed', { range: label(r), name: gemeente.name }));
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: qk.setup.all });
    },
  });
  const num = (s: string) => (s.trim() === '' ? null : /^\d+$/.test(s.trim()) ? Number(s.trim()) : -1);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    mutation.mutate({ from: num(from), to: num(to) });
  }
  const ids = { from: 'pc-from', to: 'pc-to' };
  const labels = { from: t('setup.postcodes.from'), to: t('setup.postcodes.to') };
  const items = ranges.data?.items ?? [];
  return (
    <Section id="setup-postcodes" panel heading={t('setup.postcodes.heading')}>
      <p className="utrecht-paragraph samenspel-note">{t('setup.postcodes.hint')}</p>
      <SelectField id="pc-gemeente" label={t('setup.postcodes.gemeente')} value={gemeente.id} onChange={(e) => { setGemeenteId(e.target.value); mutation.reset(); setMessage(''); }}>
        {gemeenten.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </SelectField>
      {ranges.isError && <ErrorAlert error={ranges.error} />}
      {ranges.data && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('setup.postcodes.none', { name: gemeente.name })}</p>}
      {items.length > 0 && (
        <ItemsTable
          caption={t('setup.postcodes.caption', { name: gemeente.name })}
          empty={null}
          items={items}
          rowKey={(r) => r.id}
          columns={[
            { header: t('setup.postcodes.range'), rowHeader: true, cell: (r) => label(r) },
            {
              header: t('setup.postcodes.actions'),
              cell: (r) => (
                <Button appearance="subtle-button" busy={remove.isPending && remove.variables?.id === r.id} onClick={() => remove.mutate(r)}>
                  {t('setup.postcodes.remove', { range: label(r) })}
                </Button>
              ),
            },
          ]}
        />
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      <LiveStatus>{message}</LiveStatus>
      {mutation.isError && <ErrorSummary error={mutation.error} byField={byField} other={other} fieldIds={ids} labels={labels} />}
      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextField id={ids.from} label={labels.from} description={t('setup.postcodes.fromHint')} required inputMode="numeric" maxLength={4} autoComplete="off" className="samenspel-short-input" value={from} error={byField.from} onChange={(e) => setFrom(e.target.value)} />
        <TextField id={ids.to} label={labels.to} description={t('setup.postcodes.toHint')} optional inputMode="numeric" maxLength={4} autoComplete="off" className="samenspel-short-input" value={to} error={byField.to} onChange={(e) => setTo(e.target.value)} />
        <SubmitRow busy={mutation.isPending}>{t('setup.postcodes.add', { name: gemeente.name })}</SubmitRow>
      </form>
    </Section>
  );
}
