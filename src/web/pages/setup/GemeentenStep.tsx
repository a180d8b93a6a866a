import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../../api.ts';
import { SelectField, TextField } from '../../components/Fields.tsx';
import { ErrorAlert, LiveStatus, StatusText } from '../../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../../components/Table.tsx';
import { ErrorSummary, useSetupForm } from './setup-shared.tsx';

interface RegionGemeente {
  id: string;
  cbsCode: string;
  name: string;
  province: string | null;
  holidayRegion: string;
}
interface ListedGemeente {
  cbsCode: string;
  name: string;
  province: string;
  holidayRegion: string;
  inRegion: boolean;
}
interface PostcodeRange {
  id: string;
  from: number;
  to: number;
}

const HOLIDAY_REGIONS = ['noord', 'midden', 'zuid'] as const;
const GEMEENTEN_KEY = ['gemeenten'] as const;

function useRegionGemeenten() {
  return useQuery({ queryKey: GEMEENTEN_KEY, queryFn: () => api.get<{ items: RegionGemeente[] }>('/gemeenten') });
}

/** Step 2: the gemeenten of the region (from the list of Dutch gemeenten, or by hand) and their postcode ranges. */
export function GemeentenStep() {
  const { t } = useTranslation();
  const gemeenten = useRegionGemeenten();
  const items = gemeenten.data?.items ?? [];
  return (
    <>
      <section className="samenspel-section" aria-labelledby="setup-gemeenten-list">
        <h2 id="setup-gemeenten-list" className="utrecht-heading-2">
          {t('setup.gemeenten.listHeading')}
        </h2>
        {gemeenten.isError && <ErrorAlert error={gemeenten.error} />}
        {gemeenten.data && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('setup.gemeenten.none')}</p>}
        {items.length > 0 && (
          <Table caption={t('setup.gemeenten.caption')}>
            <THead>
              <Th>{t('setup.gemeenten.name')}</Th>
              <Th>{t('setup.gemeenten.cbsCode')}</Th>
              <Th>{t('setup.gemeenten.province')}</Th>
              <Th>{t('setup.gemeenten.holidayRegion')}</Th>
            </THead>
            <TBody>
              {items.map((g) => (
                <Tr key={g.id}>
                  <Th row>{g.name}</Th>
                  <Td>{g.cbsCode}</Td>
                  <Td>{g.province ?? t('common.none')}</Td>
                  <Td>{t(`setup.holidayRegions.${g.holidayRegion}`, { defaultValue: g.holidayRegion })}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
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
    queryKey: ['setup', 'gemeente-list', q],
    queryFn: () => api.get<{ items: ListedGemeente[] }>('/setup/gemeente-list', { q, limit: 10 }),
    enabled: q.length > 0,
  });
  const { mutation, other } = useSetupForm({
    mutationFn: (g: ListedGemeente) => api.post<RegionGemeente>('/gemeenten', { cbsCode: g.cbsCode }),
    fields: [],
    onSuccess: (g) => {
      setMessage(t('setup.gemeenten.added', { name: g.name, province: g.province, region: t(`setup.holidayRegions.${g.holidayRegion}`) }));
      void queryClient.invalidateQueries({ queryKey: GEMEENTEN_KEY });
      void queryClient.invalidateQueries({ queryKey: ['setup', 'gemeente-list'] });
    },
  });
  const items = results.data?.items;
  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby="setup-gemeente-pick">
      <h2 id="setup-gemeente-pick" className="utrecht-heading-2">
        {t('setup.gemeenten.pickHeading')}
      </h2>
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
    </section>
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
  const provinces = useQuery({ queryKey: ['setup', 'provinces'], queryFn: () => api.get<{ provinces: string[] }>('/setup/gemeente-list', { q: '' }), staleTime: Infinity });
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: Record<string, string | null>) => api.post<RegionGemeente>('/gemeenten', body),
    fields: MANUAL_FIELDS,
    onSuccess: (g) => {
      setValues(EMPTY_MANUAL);
      setMessage(t('setup.gemeenten.addedManual', { name: g.name }));
      void queryClient.invalidateQueries({ queryKey: GEMEENTEN_KEY });
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
    <section className="samenspel-section samenspel-panel" aria-labelledby="setup-gemeente-manual">
      <h2 id="setup-gemeente-manual" className="utrecht-heading-2">
        {t('setup.gemeenten.manualHeading')}
      </h2>
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
          <option value="">{t('setup.gemeenten.chooseHolidayRegion')}</option>
          {HOLIDAY_REGIONS.map((r) => (
            <option key={r} value={r}>
              {t(`setup.holidayRegions.${r}`)}
            </option>
          ))}
        </SelectField>
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
            {t('setup.gemeenten.addManual')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function Postcodes({ gemeenten }: { gemeenten: RegionGemeente[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [gemeenteId, setGemeenteId] = useState(gemeenten[0].id);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [message, setMessage] = useState('');
  const gemeente = gemeenten.find((g) => g.id === gemeenteId) ?? gemeenten[0];
  const key = ['setup', 'postcodes', gemeente.id];
  const ranges = useQuery({ queryKey: key, queryFn: () => api.get<{ items: PostcodeRange[] }>(`/gemeenten/${gemeente.id}/postcodes`) });
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
      void queryClient.invalidateQueries({ queryKey: ['setup'] });
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
    <section className="samenspel-section samenspel-panel" aria-labelledby="setup-postcodes">
      <h2 id="setup-postcodes" className="utrecht-heading-2">
        {t('setup.postcodes.heading')}
      </h2>
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
        <Table caption={t('setup.postcodes.caption', { name: gemeente.name })}>
          <THead>
            <Th>{t('setup.postcodes.range')}</Th>
            <Th>{t('setup.postcodes.actions')}</Th>
          </THead>
          <TBody>
            {items.map((r) => (
              <Tr key={r.id}>
                <Th row>{label(r)}</Th>
                <Td>
                  <Button appearance="subtle-button" busy={remove.isPending && remove.variables?.id === r.id} onClick={() => remove.mutate(r)}>
                    {t('setup.postcodes.remove', { range: label(r) })}
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      <LiveStatus>{message}</LiveStatus>
      {mutation.isError && <ErrorSummary error={mutation.error} byField={byField} other={other} fieldIds={ids} labels={labels} />}
      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextField id={ids.from} label={labels.from} description={t('setup.postcodes.fromHint')} required inputMode="numeric" maxLength={4} autoComplete="off" className="samenspel-short-input" value={from} error={byField.from} onChange={(e) => setFrom(e.target.value)} />
        <TextField id={ids.to} label={labels.to} description={t('setup.postcodes.toHint')} optional inputMode="numeric" maxLength={4} autoComplete="off" className="samenspel-short-input" value={to} error={byField.to} onChange={(e) => setTo(e.target.value)} />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
            {t('setup.postcodes.add', { name: gemeente.name })}
          </Button>
        </div>
      </form>
    </section>
  );
}
