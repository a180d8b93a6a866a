import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import { formatDate, fullName } from '../shared/format.ts';
import type { ChildDetail, ChildPage } from '../shared/types.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { TextAreaField, TextField } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ErrorAlert, Loading, StatusText } from '../shared/Alerts.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { OfferFields, parseHours } from './OfferFields.tsx';
import { MANUAL_CATEGORIES, OFFERS_WITH_HOURS, type OfferKind, type RegisteredState, type ThuiszitterCategory, type ThuiszitterDetail } from './data.ts';
import { ThuiszitterNav } from './ThuiszitterNav.tsx';
import { qk } from '../shared/query-keys.ts';
import { Section, SubmitRow } from '../shared/Section.tsx';

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * The attendance officer registers a child by hand: not enrolled anywhere (absoluut verzuim) or
 * exempted (5a, 5b, 5c, art. 15). The child is found among the children living in the gemeente
 * (or comes from the candidate list); the officer is responsible until someone else takes over.
 */
export function ThuiszitterRegisterPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const childId = params.get('kind') ?? '';
  const presetCategory = params.get('categorie');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');

  const chosen = useQuery({
    queryKey: qk.child(childId),
    queryFn: () => api.get<ChildDetail>(`/children/${encodeURIComponent(childId)}`),
    enabled: !!childId,
  });
  const results = useQuery({
    queryKey: qk.children.list({ q: search, page: 1, for: 'thuiszitter' }),
    queryFn: () => api.get<ChildPage>('/children', { q: search, page: 1, pageSize: 20 }),
    enabled: !!search && !childId,
  });

  function onSearch() {
    setSearch(q.trim());
  }

  return (
    <>
      <PageHeading title={t('thuiszitters.register.title')} />
      <p className="utrecht-paragraph">{t('thuiszitters.register.intro')}</p>
      <ThuiszitterNav />
      {!childId && (
        <Section id="register-find" heading={t('thuiszitters.register.findHeading')}>
          <form role="search" className="samenspel-form samenspel-search" onSubmit={onSearch}>
            <TextField id="register-search" type="search" label={t('thuiszitters.register.searchLabel')} autoComplete="off" maxLength={100} value={q} onChange={(e) => setQ(e.target.value)} />
            <SubmitRow appearance="secondary-action-button">{t('common.search')}</SubmitRow>
          </form>
          <StatusText>{results.data ? t('thuiszitters.register.found', { count: results.data.total }) : ''}</StatusText>
          {results.isError && <ErrorAlert error={results.error} />}
          {results.data && results.data.items.length > 0 && (
            <ul className="utrecht-unordered-list">
              {results.data.items.map((c) => (
                <li key={c.id} className="utrecht-unordered-list__item">
                  <Button appearance="subtle-button" onClick={() => setParams(new URLSearchParams({ kind: c.id, ...(presetCategory ? { categorie: presetCategory } : {}) }))}>
                    {t('thuiszitters.register.choose', { name: fullName(c), age: c.age })}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}
      {childId && chosen.isPending && <Loading label={t('common.loading')} />}
      {childId && chosen.isError && <ErrorAlert error={chosen.error} />}
      {childId && chosen.data && (
        <RegisterForm
          child={chosen.data}
          presetCategory={(MANUAL_CATEGORIES as readonly string[]).includes(presetCategory ?? '') ? (presetCategory as ThuiszitterCategory) : ''}
          presetStart={params.get('start') ?? ''}
          onOtherChild={() => setParams(new URLSearchParams())}
        />
      )}
    </>
  );
}

function RegisterForm({
  child,
  presetCategory,
  presetStart,
  onOtherChild,
}: {
  child: { id: string; givenName: string; familyName: string; birthDate: string; age: number };
  presetCategory: ThuiszitterCategory | '';
  presetStart: string;
  onOtherChild: () => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [category, setCategory] = useState<ThuiszitterCategory | ''>(presetCategory);
  const [start, setStart] = useState(presetStart || todayIso());
  const [kind, setKind] = useState<OfferKind | ''>('none');
  const [hours, setHours] = useState('');
  const [fitting, setFitting] = useState<'yes' | 'no' | ''>('');
  const [note, setNote] = useState('');
  const [hoursError, setHoursError] = useState<string | undefined>();
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: Record<string, unknown>) => api.post<ThuiszitterDetail>('/thuiszitters', body),
    fields: ['category', 'startDate', 'offer', 'offer/hoursPerWeek', 'offer/fitting', 'note'],
    onSuccess: (entry) => {
      queryClient.setQueryData(qk.thuiszitter(entry.id), entry);
      void queryClient.invalidateQueries({ queryKey: qk.thuiszitters.all });
      const state: RegisteredState = { registered: true };
      void navigate(`/thuiszitters/${entry.id}`, { state });
    },
  });
  function onSubmit() {
    const h = parseHours(hours);
    if (Number.isNaN(h)) {
      setHoursError(t('thuiszitters.form.hoursNumber'));
      setTimeout(() => document.getElementById('register-offer-hours')?.focus(), 0);
      return;
    }
    setHoursError(undefined);
    if (mutation.isPending) return;
    mutation.mutate({
      childId: child.id,
      category: category || undefined,
      startDate: start,
      offer: kind ? { kind, hoursPerWeek: OFFERS_WITH_HOURS.includes(kind) ? h : null, fitting: kind !== 'none' && fitting === 'yes' } : undefined,
      note: note.trim() || null,
    });
  }
  return (
    <Section id="register-form" heading={t('thuiszitters.register.formHeading', { name: fullName(child) })}>
      <p className="utrecht-paragraph">
        {t('thuiszitters.register.childLine', { birth: formatDate(child.birthDate, i18n.language), age: child.age })}{' '}
        <Button appearance="subtle-button" onClick={onOtherChild}>
          {t('thuiszitters.register.otherChild')}
        </Button>
      </p>
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('thuiszitters.register.submit')}>
        <RadioGroupField
          id="register-category"
          name="category"
          legend={t('thuiszitters.register.category')}
          options={MANUAL_CATEGORIES.map((c) => ({ value: c, label: t(`thuiszitters.category.${c}`), description: t(`thuiszitters.categoryHint.${c}`) }))}
          value={category}
          error={byField.category}
          onChange={setCategory}
        />
        <TextField
          id="register-start"
          type="date"
          label={t('thuiszitters.register.start')}
          description={t('thuiszitters.register.startHint')}
          required
          max={todayIso()}
          value={start}
          error={byField.startDate}
          onChange={(e) => setStart(e.target.value)}
        />
        <OfferFields idPrefix="register-offer" kind={kind} hours={hours} fitting={fitting} onKind={setKind} onHours={setHours} onFitting={setFitting} errors={byField} hoursError={hoursError} />
        <TextAreaField id="register-note" label={t('thuiszitters.form.note')} optional rows={3} maxLength={2000} value={note} error={byField.note} onChange={(e) => setNote(e.target.value)} />
        <p className="utrecht-paragraph">{t('thuiszitters.register.responsibleNote')}</p>
      </ApiFormView>
    </Section>
  );
}
