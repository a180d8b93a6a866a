import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import type { CaseTeamMember, Effect, LifeDomain, PlanDetail, PlanGoal } from '../types.ts';
import { formatDate } from '../format.ts';
import { addToDate, caseChanged, EFFECTS, GAS_SCORES, gasKey, gasNumber, LIFE_DOMAINS, planKey, todayIso } from '../cases.ts';
import { CheckboxField, RadioGroupField, SelectField, TextAreaField, TextField } from '../components/Fields.tsx';
import { FormErrors, useApiForm } from '../components/ApiForm.tsx';

type Done = (message: string) => void;

/** After a change the plan is loaded again (it is small, and others may have added to it). */
function usePlanChanged(plan: PlanDetail) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
    caseChanged(queryClient, plan.caseId, plan.child.id);
  };
}

function Submit({ busy, children, primary }: { busy: boolean; children: string; primary?: boolean }) {
  return (
    <div className="utrecht-button-group samenspel-actions">
      <Button type="submit" appearance={primary ? 'primary-action-button' : 'secondary-action-button'} busy={busy}>
        {children}
      </Button>
    </div>
  );
}

export function AddGoalForm({ plan, onDone }: { plan: PlanDetail; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const changed = usePlanChanged(plan);
  const [lifeDomain, setLifeDomain] = useState<LifeDomain | ''>('');
  const [description, setDescription] = useState('');
  const [expectedOutcome, setExpectedOutcome] = useState('');
  const [inFamilyWords, setInFamilyWords] = useState(false);
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { lifeDomain: string; description: string; expectedOutcome: string; inFamilyWords: boolean }) => api.post<PlanDetail>(`/plans/${plan.id}/goals`, body),
    fields: ['lifeDomain', 'description', 'expectedOutcome', 'inFamilyWords'],
    onSuccess: (next, body) => {
      queryClient.setQueryData(planKey(plan.id), next);
      changed();
      setLifeDomain('');
      setDescription('');
      setExpectedOutcome('');
      setInFamilyWords(false);
      onDone(t('plans.goals.saved', { goal: body.description.trim() }));
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ lifeDomain, description, expectedOutcome, inFamilyWords });
  }
  return (
    <>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <SelectField id="goal-domain" label={t('plans.goals.lifeDomain')} value={lifeDomain} error={byField.lifeDomain} onChange={(e) => setLifeDomain(e.target.value as LifeDomain)}>
          <option value="">{t('plans.goals.chooseDomain')}</option>
          {LIFE_DOMAINS.map((d) => (
            <option key={d} value={d}>
              {t(`plans.domains.${d}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField id="goal-description" label={t('plans.goals.description')} required rows={2} maxLength={2000} value={description} error={byField.description} onChange={(e) => setDescription(e.target.value)} />
        <TextAreaField
          id="goal-expected-outcome"
          label={t('plans.goals.expectedOutcome')}
          description={t('plans.goals.expectedOutcomeHint')}
          required
          rows={3}
          maxLength={2000}
          value={expectedOutcome}
          error={byField.expectedOutcome}
          onChange={(e) => setExpectedOutcome(e.target.value)}
        />
        <CheckboxField id="goal-family-words" label={t('plans.goals.inFamilyWordsLabel')} checked={inFamilyWords} onChange={setInFamilyWords} />
        <Submit busy={mutation.isPending} primary>
          {t('plans.goals.submit')}
        </Submit>
      </form>
    </>
  );
}

export function AddActionForm({ plan, goal, team, onDone }: { plan: PlanDetail; goal: PlanGoal; team: CaseTeamMember[]; onDone: Done }) {
  const { t } = useTranslation();
  const changed = usePlanChanged(plan);
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [deadline, setDeadline] = useState('');
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { description: string; ownerPersonId?: string; ownerFamily?: boolean; deadline?: string | null }) => api.post(`/plan-goals/${goal.id}/actions`, body),
    fields: ['description', 'ownerPersonId', 'ownerFamily', 'deadline'],
    onSuccess: () => {
      changed();
      setDescription('');
      setOwner('');
      setDeadline('');
      onDone(t('plans.actions.saved'));
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.mutate({ description, ...(owner === 'family' ? { ownerFamily: true } : owner ? { ownerPersonId: owner } : {}), deadline: deadline || null });
  }
  const id = `action-${goal.id}`;
  // One person may be on the team for one organisation only once; list each person once.
  const people = team.filter((m, i) => team.findIndex((x) => x.personId === m.personId) === i);
  return (
    <>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextAreaField id={`${id}-description`} label={t('plans.actions.description')} required rows={2} maxLength={2000} value={description} error={byField.description} onChange={(e) => setDescription(e.target.value)} />
        <SelectField id={`${id}-owner`} label={t('plans.actions.owner')} value={owner} error={byField.ownerPersonId ?? byField.ownerFamily} onChange={(e) => setOwner(e.target.value)}>
          <option value="">{t('plans.actions.chooseOwner')}</option>
          {people.map((m) => (
            <option key={m.personId} value={m.personId}>
              {m.name} ({m.organisationName})
            </option>
          ))}
          <option value="family">{t('plans.actions.family')}</option>
        </SelectField>
        <TextField id={`${id}-deadline`} type="date" label={t('plans.actions.deadline')} optional value={deadline} error={byField.deadline} onChange={(e) => setDeadline(e.target.value)} />
        <Submit busy={mutation.isPending}>{t('plans.actions.submit')}</Submit>
      </form>
    </>
  );
}

export function EvaluateGoalForm({ plan, goal, onDone }: { plan: PlanDetail; goal: PlanGoal; onDone: Done }) {
  const { t } = useTranslation();
  const changed = usePlanChanged(plan);
  const today = todayIso();
  const [score, setScore] = useState('');
  const [evaluatedOn, setEvaluatedOn] = useState(today);
  const [comment, setComment] = useState('');
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { score: number; evaluatedOn: string; comment: string | null }) => api.post(`/plan-goals/${goal.id}/evaluations`, body),
    fields: ['score', 'evaluatedOn', 'comment'],
    onSuccess: (_r, body) => {
      changed();
      setScore('');
      setComment('');
      onDone(t('plans.evaluations.saved', { score: gasNumber(body.score), text: t(`plans.gas.${gasKey(body.score)}`) }));
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    // No choice: send a value the server refuses, so that the error stands at the radio group.
    mutation.mutate({ score: score === '' ? Number.NaN : Number(score), evaluatedOn, comment: comment.trim() || null });
  }
  const id = `gas-${goal.id}`;
  return (
    <>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <RadioGroupField
          id={`${id}-score`}
          name={`${id}-score`}
          legend={t('plans.evaluations.scoreLegend')}
          description={t('plans.evaluations.scoreHint')}
          options={GAS_SCORES.map((s) => ({ value: String(s), label: `${gasNumber(s)} ${t(`plans.gas.${gasKey(s)}`)}` }))}
          value={score}
          error={byField.score}
          onChange={setScore}
        />
        <TextField id={`${id}-date`} type="date" label={t('plans.evaluations.date')} max={today} value={evaluatedOn} error={byField.evaluatedOn} onChange={(e) => setEvaluatedOn(e.target.value)} />
        <TextAreaField id={`${id}-comment`} label={t('plans.evaluations.comment')} optional rows={2} maxLength={2000} value={comment} error={byField.comment} onChange={(e) => setComment(e.target.value)} />
        <Submit busy={mutation.isPending}>{t('plans.evaluations.submit')}</Submit>
      </form>
    </>
  );
}

export function AddCommentForm({ plan, onDone }: { plan: PlanDetail; onDone: Done }) {
  const { t } = useTranslation();
  const changed = usePlanChanged(plan);
  const [text, setText] = useState('');
  const [goalId, setGoalId] = useState('');
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { text: string; goalId: string | null }) => api.post(`/plans/${plan.id}/comments`, body),
    fields: ['text', 'goalId'],
    onSuccess: () => {
      changed();
      setText('');
      setGoalId('');
      onDone(t('plans.comments.saved'));
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ text, goalId: goalId || null });
  }
  return (
    <>
      <h3 className="utrecht-heading-3">{t('plans.comments.addHeading')}</h3>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <SelectField id="comment-goal" label={t('plans.comments.goal')} optional value={goalId} error={byField.goalId} onChange={(e) => setGoalId(e.target.value)}>
          <option value="">{t('plans.comments.wholePlan')}</option>
          {plan.goals.map((g) => (
            <option key={g.id} value={g.id}>
              {g.description}
            </option>
          ))}
        </SelectField>
        <TextAreaField id="comment-text" label={t('plans.comments.text')} required rows={3} maxLength={2000} value={text} error={byField.text} onChange={(e) => setText(e.target.value)} />
        <Submit busy={mutation.isPending}>{t('plans.comments.submit')}</Submit>
      </form>
    </>
  );
}

export function AddObservationForm({ plan, onDone }: { plan: PlanDetail; onDone: Done }) {
  const { t } = useTranslation();
  const changed = usePlanChanged(plan);
  const today = todayIso();
  const [effect, setEffect] = useState<Effect | ''>('');
  const [text, setText] = useState('');
  const [goalId, setGoalId] = useState('');
  const [observedOn, setObservedOn] = useState(today);
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { effect: string; text: string; goalId: string | null; observedOn: string }) => api.post(`/plans/${plan.id}/observations`, body),
    fields: ['effect', 'text', 'goalId', 'observedOn'],
    onSuccess: () => {
      changed();
      setEffect('');
      setText('');
      setGoalId('');
      onDone(t('plans.observations.saved'));
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ effect, text, goalId: goalId || null, observedOn });
  }
  return (
    <>
      <h3 className="utrecht-heading-3">{t('plans.observations.addHeading')}</h3>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <RadioGroupField
          id="observation-effect"
          name="observation-effect"
          legend={t('plans.observations.effect')}
          options={EFFECTS.map((e) => ({ value: e, label: t(`plans.effects.${e}`) }))}
          value={effect}
          error={byField.effect}
          onChange={setEffect}
        />
        <TextAreaField id="observation-text" label={t('plans.observations.text')} required rows={3} maxLength={1000} value={text} error={byField.text} onChange={(e) => setText(e.target.value)} />
        <SelectField id="observation-goal" label={t('plans.observations.goal')} optional value={goalId} error={byField.goalId} onChange={(e) => setGoalId(e.target.value)}>
          <option value="">{t('plans.observations.noGoal')}</option>
          {plan.goals.map((g) => (
            <option key={g.id} value={g.id}>
              {g.description}
            </option>
          ))}
        </SelectField>
        <TextField id="observation-date" type="date" label={t('plans.observations.date')} max={today} value={observedOn} error={byField.observedOn} onChange={(e) => setObservedOn(e.target.value)} />
        <Submit busy={mutation.isPending}>{t('plans.observations.submit')}</Submit>
      </form>
    </>
  );
}

const OPP_FIELDS = ['exitProfile', 'exitGrounds', 'hinderingFactors', 'supportingFactors', 'support', 'deviations'] as const;
type OppField = (typeof OPP_FIELDS)[number];

export function OppForm({ plan, onDone }: { plan: PlanDetail; onDone: Done }) {
  const { t } = useTranslation();
  const changed = usePlanChanged(plan);
  const initial = Object.fromEntries(OPP_FIELDS.map((f) => [f, plan.opp?.[f] ?? ''])) as Record<OppField, string>;
  const [values, setValues] = useState<Record<OppField, string>>(initial);
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: Record<OppField, string | null>) => api.post(`/plans/${plan.id}/opp`, body),
    fields: OPP_FIELDS,
    onSuccess: () => {
      changed();
      onDone(t('plans.opp.saved'));
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ ...values, deviations: values.deviations.trim() || null });
  }
  return (
    <>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
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
        <Submit busy={mutation.isPending}>{t('plans.opp.submit')}</Submit>
      </form>
    </>
  );
}

export function AgreementForm({ plan, guardians, onDone }: { plan: PlanDetail; guardians: { id: string; name: string }[]; onDone: Done }) {
  const { t } = useTranslation();
  const changed = usePlanChanged(plan);
  const today = todayIso();
  const [kind, setKind] = useState<'guardian_agreement' | 'pupil_heard' | ''>('');
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
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ kind, guardianId: kind === 'guardian_agreement' ? guardianId || null : null, agreed: agreed === 'yes', onDate, note: note.trim() || null });
  }
  return (
    <>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <RadioGroupField
          id="agreement-kind"
          name="agreement-kind"
          legend={t('plans.agreements.kind')}
          options={[
            { value: 'guardian_agreement' as const, label: t('plans.agreements.kinds.guardian_agreement') },
            { value: 'pupil_heard' as const, label: t('plans.agreements.kinds.pupil_heard') },
          ]}
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
        <Submit busy={mutation.isPending}>{t('plans.agreements.submit')}</Submit>
      </form>
    </>
  );
}

export function PlanEvaluatedForm({ plan, onDone }: { plan: PlanDetail; onDone: Done }) {
  const { t, i18n } = useTranslation();
  const changed = usePlanChanged(plan);
  const today = todayIso();
  const [next, setNext] = useState(addToDate(today, { months: 6 }));
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { nextEvaluationOn: string }) => api.post<{ nextEvaluationOn: string }>(`/plans/${plan.id}/evaluated`, body),
    fields: ['nextEvaluationOn'],
    onSuccess: (result) => {
      changed();
      onDone(t('plans.evaluated.saved', { date: formatDate(result.nextEvaluationOn, i18n.language) }));
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ nextEvaluationOn: next });
  }
  return (
    <>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
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
        <Submit busy={mutation.isPending}>{t('plans.evaluated.submit')}</Submit>
      </form>
    </>
  );
}
