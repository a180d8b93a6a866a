import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { PlanDetail } from '../shared/types.ts';
import { formatDate } from '../shared/format.ts';
import { addToDate, todayIso } from '../cases/data.ts';
import { SelectField, TextAreaField, TextField } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { usePlanChanged, type Done } from './data.ts';
import { qk } from '../shared/query-keys.ts';
import { AGREEMENT_KINDS, type AgreementKind } from '../../contracts/values/plans.ts';
import type { Contract } from '../../contracts/common.ts';
import type { PlanEvaluated } from '../../contracts/plans.ts';
import { rebase } from '../shared/stale.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';

/* The plan's documents: the OPP, the family's agreement with the plan, the plan's evaluation. */

export const OPP_FIELDS = ['exitProfile', 'exitGrounds', 'hinderingFactors', 'supportingFactors', 'support', 'deviations'] as const;

export type OppField = (typeof OPP_FIELDS)[number];

const oppValues = (plan: PlanDetail | undefined) => Object.fromEntries(OPP_FIELDS.map((f) => [f, plan?.opp?.[f] ?? ''])) as Record<OppField, string>;

export function OppForm({ plan, onDone }: { plan: PlanDetail; onDone: Done }) {
  const { t } = useTranslation();
  const changed = usePlanChanged(plan);
  const [values, setValues] = useState<Record<OppField, string>>(() => oppValues(plan));
  // What the fields held when the user began: after a stale save, the fields they did not touch take the new OPP.
  const [basis, setBasis] = useState<Record<OppField, string>>(() => oppValues(plan));
  const stale = useStale({
    record: plan,
    queryKey: qk.plan(plan.id),
    refresh: [qk.case(plan.caseId)],
    describe: (p) => OPP_FIELDS.map((f) => [t(`plans.opp.${f}`), p.opp?.[f] ?? ''] as const),
    available: (p) => p.status === 'open' && Boolean(p.can?.writeOpp),
    onStale: (current) => {
      if (!current) return;
      setValues((v) => rebase(v, basis, oppValues(current)) as Record<OppField, string>);
      setBasis(oppValues(current));
    },
  });
  const form = useApiForm({
    mutationFn: (body: Record<OppField, string | null>) => api.post(`/plans/${plan.id}/opp`, { ...body, version: stale.version() }),
    fields: OPP_FIELDS,
    stale,
    onSuccess: () => {
      setBasis(values);
      changed();
      onDone(t('plans.opp.saved'));
    },
  });
  const { mutation, byField } = form;
  function onSubmit() {
    if (!mutation.isPending) mutation.mutate({ ...values, deviations: values.deviations.trim() || null });
  }
  return (
    <>
      <StaleNotice stale={stale} />
      <ApiFormView form={form} onSubmit={onSubmit} submit={t('plans.opp.submit')} appearance="secondary-action-button">
        {OPP_FIELDS.map((f) =>
          f === 'exitProfile' ? (
            <TextField key={f} id={`opp-${f}`} label={t(`plans.opp.${f}`)} value={values[f]} maxLength={500} error={byField[f]} onChange={(e) => setValues({ ...values, [f]: e.target.value })} />
          ) : (
            <TextAreaField
              key={f}
              id={`opp-${f}`}
              label={t(`plans.opp.${f}`)}
              required={f !== 'deviations'}
              optional={f === 'deviations'}
              rows={3}
              maxLength={4000}
              value={values[f]}
              error={byField[f]}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
            />
          ),
        )}
      </ApiFormView>
    </>
  );
}

export function AgreementForm({ plan, guardians, onDone }: { plan: PlanDetail; guardians: { id: string; name: string }[]; onDone: Done }) {
  const { t } = useTranslation();
  const changed = usePlanChanged(plan);
  const today = todayIso();
  const [kind, setKind] = useState<AgreementKind | ''>('');
  const [guardianId, setGuardianId] = useState('');
  const [agreed, setAgreed] = useState<'yes' | 'no' | ''>('');
  const [onDate, setOnDate] = useState(today);
  const [note, setNote] = useState('');
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { kind: string; guardianId: string | null; agreed: boolean; onDate: string; note: string | null }) => api.post(`/plans/${plan.id}/agreements`, body),
    fields: ['kind', 'guardianId', 'agreed', 'onDate', 'note'],
    onSuccess: () => {
      changed();
      setKind('');
      setGuardianId('');
      setAgreed('');
      setNote('');
      onDone(t('plans.agreements.saved'));
    },
  });
  function onSubmit() {
    if (!mutation.isPending) mutation.mutate({ kind, guardianId: kind === 'guardian_agreement' ? guardianId || null : null, agreed: agreed === 'yes', onDate, note: note.trim() || null });
  }
  return (
    <>
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('plans.agreements.submit')} appearance="secondary-action-button">
        <RadioGroupField
          id="agreement-kind"
          name="agreement-kind"
          legend={t('plans.agreements.kind')}
          options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`plans.agreements.kinds.${k}`) }))}
          value={kind}
          error={byField.kind}
          onChange={setKind}
        />
        {kind === 'guardian_agreement' && (
          <SelectField id="agreement-guardian" label={t('plans.agreements.guardian')} value={guardianId} error={byField.guardianId} onChange={(e) => setGuardianId(e.target.value)}>
            <option value="">{t('plans.agreements.chooseGuardian')}</option>
            {guardians.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
        )}
        <RadioGroupField
          id="agreement-agreed"
          name="agreement-agreed"
          legend={kind === 'pupil_heard' ? t('plans.agreements.heardQuestion') : t('plans.agreements.agreedQuestion')}
          options={[
            { value: 'yes' as const, label: t('common.yes') },
            { value: 'no' as const, label: t('common.no') },
          ]}
          value={agreed}
          error={byField.agreed}
          onChange={setAgreed}
        />
        <TextField id="agreement-date" type="date" label={t('plans.agreements.onDate')} max={today} value={onDate} error={byField.onDate} onChange={(e) => setOnDate(e.target.value)} />
        <TextAreaField id="agreement-note" label={t('plans.agreements.note')} optional rows={2} maxLength={2000} value={note} error={byField.note} onChange={(e) => setNote(e.target.value)} />
      </ApiFormView>
    </>
  );
}

export function PlanEvaluatedForm({ plan, onDone }: { plan: PlanDetail; onDone: Done }) {
  const { t, i18n } = useTranslation();
  const changed = usePlanChanged(plan);
  const today = todayIso();
  const [next, setNext] = useState(addToDate(today, { months: 6 }));
  const stale = useStale({
    record: plan,
    queryKey: qk.plan(plan.id),
    refresh: [qk.case(plan.caseId), qk.cases.all],
    describe: (p) => [
      [t('plans.status'), t(`cases.status.${p.status}`)],
      [t('plans.nextEvaluation'), formatDate(p.nextEvaluationOn, i18n.language)],
    ],
    available: (p) => p.status === 'open',
  });
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { nextEvaluationOn: string }) => api.post<Contract<typeof PlanEvaluated>>(`/plans/${plan.id}/evaluated`, { ...body, version: stale.version() }),
    fields: ['nextEvaluationOn'],
    stale,
    onSuccess: (result) => {
      changed();
      onDone(t('plans.evaluated.saved', { date: formatDate(result.nextEvaluationOn, i18n.language) }));
    },
  });
  function onSubmit() {
    if (!mutation.isPending) mutation.mutate({ nextEvaluationOn: next });
  }
  return (
    <>
      <StaleNotice stale={stale} />
      <ApiFormView form={{ mutation, byField, other, formRef, stale }} onSubmit={onSubmit} submit={t('plans.evaluated.submit')} appearance="secondary-action-button">
        <TextField
          id="plan-next-evaluation"
          type="date"
          label={t('plans.evaluated.next')}
          description={t('plans.evaluated.nextHint')}
          min={addToDate(today, { days: 1 })}
          max={addToDate(today, { years: 1 })}
          value={next}
          error={byField.nextEvaluationOn}
          onChange={(e) => setNext(e.target.value)}
        />
      </ApiFormView>
    </>
  );
}
