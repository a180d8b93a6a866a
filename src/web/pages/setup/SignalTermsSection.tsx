import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../../api.ts';
import type { SignalCategory } from '../../types.ts';
import { SelectField, TextField } from '../../components/Fields.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../../components/Table.tsx';
import { ErrorSummary, useSetupForm } from './setup-shared.tsx';

interface TermRule {
  scope: 'default' | 'region';
  category: SignalCategory | null;
  schoolDays: number;
}

const CATEGORIES: SignalCategory[] = ['learning', 'behaviour', 'social_emotional', 'home_situation', 'health', 'absence', 'safety'];
const TERMS_KEY = ['settings', 'signal-pickup-terms'] as const;

/** The term that applies to a category: the most specific rule wins (the region's over the default, a category's over all). */
function effective(rules: TermRule[], category: SignalCategory): TermRule | undefined {
  const score = (r: TermRule) => (r.scope === 'region' ? 2 : 0) + (r.category ? 1 : 0);
  return rules.filter((r) => r.category === null || r.category === category).sort((a, b) => score(b) - score(a))[0];
}

/**
 * Deadlines in the settings step: the term within which the school's care coordinator picks up a
 * teacher's signal, in school days (monitor: "share triaged within 5 school days"), for all
 * categories or one.
 */
export function SignalTermsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const terms = useQuery({ queryKey: TERMS_KEY, queryFn: () => api.get<{ items: TermRule[] }>('/settings/signal-pickup-terms') });
  const [category, setCategory] = useState('');
  const [days, setDays] = useState('');
  const [message, setMessage] = useState('');
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: { category: SignalCategory | null; schoolDays: number }) => api.put<{ category: SignalCategory | null; schoolDays: number }>('/settings/signal-pickup-terms', body),
    fields: ['schoolDays', 'category'],
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: TERMS_KEY });
      setMessage(t('setup.signalTerms.saved', { category: saved.category ? t(`signals.category.${saved.category}`) : t('setup.signalTerms.allCategories'), count: saved.schoolDays }));
      setDays('');
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    const n = Number(days.trim());
    mutation.mutate({ category: (category || null) as SignalCategory | null, schoolDays: days.trim() && Number.isInteger(n) ? n : 0 });
  }
  const rules = terms.data?.items ?? [];
  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby="setup-signal-terms">
      <h2 id="setup-signal-terms" className="utrecht-heading-2">
        {t('setup.signalTerms.heading')}
      </h2>
      <p className="utrecht-paragraph">{t('setup.signalTerms.explain')}</p>
      <LiveStatus>{message}</LiveStatus>
      {terms.isPending && <Loading label={t('common.loading')} />}
      {terms.isError && <ErrorAlert error={terms.error} />}
      {terms.data && (
        <Table caption={t('setup.signalTerms.caption')}>
          <THead>
            <Th>{t('setup.signalTerms.category')}</Th>
            <Th>{t('setup.signalTerms.term')}</Th>
            <Th>{t('setup.signalTerms.source')}</Th>
          </THead>
          <TBody>
            {CATEGORIES.map((c) => {
              const rule = effective(rules, c);
              return (
                <Tr key={c}>
                  <Th row>{t(`signals.category.${c}`)}</Th>
                  <Td>{rule ? t('setup.signalTerms.days', { count: rule.schoolDays }) : t('common.none')}</Td>
                  <Td>{rule?.scope === 'region' ? t('setup.signalTerms.fromRegion') : t('setup.signalTerms.fromDefault')}</Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
      {mutation.isError && (
        <ErrorSummary
          error={mutation.error}
          byField={byField}
          other={other}
          fieldIds={{ schoolDays: 'signal-term-days', category: 'signal-term-category' }}
          labels={{ schoolDays: t('setup.signalTerms.daysLabel'), category: t('setup.signalTerms.category') }}
        />
      )}
      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <div className="samenspel-filter-grid">
          <SelectField id="signal-term-category" label={t('setup.signalTerms.category')} value={category} error={byField.category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('setup.signalTerms.allCategories')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`signals.category.${c}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="signal-term-days"
            label={t('setup.signalTerms.daysLabel')}
            description={t('setup.signalTerms.daysHint')}
            inputMode="numeric"
            autoComplete="off"
            className="samenspel-short-input"
            value={days}
            error={byField.schoolDays}
            onChange={(e) => setDays(e.target.value)}
          />
        </div>
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button" busy={mutation.isPending}>
            {t('setup.signalTerms.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
