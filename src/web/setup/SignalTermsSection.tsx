import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { SIGNAL_CATEGORIES as CATEGORIES, type SignalCategory } from '../../contracts/values/signals.ts';
import type { Contract } from '../../contracts/common.ts';
import type { PickupTerm, PickupTermSet, PickupTerms } from '../../contracts/signals.ts';
import { SelectField, TextField, Options } from '../shared/Fields.tsx';
import { CheckboxField } from '../shared/ChoiceFields.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../shared/Table.tsx';
import { ErrorSummary, useSetupForm } from './wizard.tsx';
import { qk } from '../shared/query-keys.ts';
import { isStale } from '../shared/stale.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';
import { Section, SubmitRow } from '../shared/Section.tsx';

type TermRule = Contract<typeof PickupTerm>;

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
  const terms = useQuery({ queryKey: qk.settings.signalPickupTerms, queryFn: () => api.get<Contract<typeof PickupTerms>>('/settings/signal-pickup-terms') });
  const [category, setCategory] = useState('');
  const [days, setDays] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [message, setMessage] = useState('');
  // Someone else set a term meanwhile (stale version): the notice names the terms that changed.
  const stale = useStale({
    record: terms.data,
    queryKey: qk.settings.signalPickupTerms,
    describe: (d) =>
      CATEGORIES.map((c) => {
        const rule = effective(d.items, c);
        return [t(`signals.category.${c}`), rule ? t('setup.signalTerms.days', { count: rule.schoolDays }) : ''] as const;
      }),
  });
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: { category: SignalCategory | null; schoolDays: number; urgent: boolean }) => api.put<Contract<typeof PickupTermSet>>('/settings/signal-pickup-terms', { ...body, version: stale.version() }),
    fields: ['schoolDays', 'category'],
    stale,
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: qk.settings.signalPickupTerms });
      setMessage(
        saved.urgent
          ? t('setup.signalTerms.savedUrgent', { term: termText(saved.schoolDays) })
          : t('setup.signalTerms.saved', { category: saved.category ? t(`signals.category.${saved.category}`) : t('setup.signalTerms.allCategories'), count: saved.schoolDays }),
      );
      setDays('');
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    const n = Number(days.trim());
    // An empty field is no term: -1 is refused by the server with the range in words.
    mutation.mutate({ category: urgent ? null : ((category || null) as SignalCategory | null), schoolDays: days.trim() && Number.isInteger(n) ? n : -1, urgent });
  }
  const termText = (n: number) => (n === 0 ? t('setup.signalTerms.sameDay') : t('setup.signalTerms.days', { count: n }));
  const rules = terms.data?.items ?? [];
  // The region's urgent term over the default one.
  const urgentRule = [...(terms.data?.urgent ?? [])].sort((a, b) => (b.scope === 'region' ? 1 : 0) - (a.scope === 'region' ? 1 : 0))[0];
  return (
    <Section id="setup-signal-terms" panel heading={t('setup.signalTerms.heading')}>
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
            <Tr>
              <Th row>{t('setup.signalTerms.urgentRow')}</Th>
              <Td>{urgentRule ? termText(urgentRule.schoolDays) : t('common.none')}</Td>
              <Td>{urgentRule?.scope === 'region' ? t('setup.signalTerms.fromRegion') : t('setup.signalTerms.fromDefault')}</Td>
            </Tr>
          </TBody>
        </Table>
      )}
      <StaleNotice stale={stale} />
      {mutation.isError && !isStale(mutation.error) && (
        <ErrorSummary
          error={mutation.error}
          byField={byField}
          other={other}
          fieldIds={{ schoolDays: 'signal-term-days', category: 'signal-term-category' }}
          labels={{ schoolDays: t('setup.signalTerms.daysLabel'), category: t('setup.signalTerms.category') }}
        />
      )}
      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <CheckboxField id="signal-term-urgent" label={t('setup.signalTerms.urgentLabel')} description={t('setup.signalTerms.urgentHint')} checked={urgent} onChange={setUrgent} />
        <div className="samenspel-filter-grid">
          {!urgent && (
            <SelectField id="signal-term-category" label={t('setup.signalTerms.category')} value={category} error={byField.category} onChange={(e) => setCategory(e.target.value)}>
              <Options empty={t('setup.signalTerms.allCategories')} values={CATEGORIES} label={(c) => t(`signals.category.${c}`)} />
            </SelectField>
          )}
          <TextField
            id="signal-term-days"
            label={t('setup.signalTerms.daysLabel')}
            description={urgent ? t('setup.signalTerms.daysHintUrgent') : t('setup.signalTerms.daysHint')}
            inputMode="numeric"
            autoComplete="off"
            className="samenspel-short-input"
            value={days}
            error={byField.schoolDays}
            onChange={(e) => setDays(e.target.value)}
          />
        </div>
        <SubmitRow appearance="secondary-action-button" busy={mutation.isPending}>{t('setup.signalTerms.save')}</SubmitRow>
      </form>
    </Section>
  );
}
