import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { CaseTeamMember, Effect, LifeDomain, PlanDetail, PlanGoal } from '../shared/types.ts';
import { formatDate } from '../shared/format.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';
import { gasKey, gasNumber, todayIso } from '../cases/data.ts';
import { EFFECTS, GAS_SCORES, LIFE_DOMAINS } from '../../contracts/values/plans.ts';
import { SelectField, TextAreaField, TextField, Options } from '../shared/Fields.tsx';
import { CheckboxField, RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { qk } from '../shared/query-keys.ts';
import { usePlanChanged, type Done } from './data.ts';

type GoalEvaluation = PlanGoal['evaluations'][number];

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
      queryClient.setQueryData(qk.plan(plan.id), next);
      changed();
      setLifeDomain('');
      setDescription('');
      setExpectedOutcome('');
      setInFamilyWords(false);
      onDone(t('plans.goals.saved', { goal: body.description.trim() }));
    },
  });
  function onSubmit() {
    if (!mutation.isPending) mutation.mutate({ lifeDomain, description, expectedOutcome, inFamilyWords });
  }
  return (
    <>
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('plans.goals.submit')}>
        <SelectField id="goal-domain" label={t('plans.goals.lifeDomain')} value={lifeDomain} error={byField.lifeDomain} onChange={(e) => setLifeDomain(e.target.value as LifeDomain)}>
          <Options empty={t('plans.goals.chooseDomain')} values={LIFE_DOMAINS} label={(d) => t(`plans.domains.${d}`)} />
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
      </ApiFormView>
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
  function onSubmit() {
    if (mutation.isPending) return;
    mutation.mutate({ description, ...(owner === 'family' ? { ownerFamily: true } : owner ? { ownerPersonId: owner } : {}), deadline: deadline || null });
  }
  const id = `action-${goal.id}`;
  // One person may be on the team for one organisation only once; list each person once.
  const people = team.filter((m, i) => team.findIndex((x) => x.personId === m.personId) === i);
  return (
    <>
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('plans.actions.submit')} appearance="secondary-action-button">
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
      </ApiFormView>
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
    mutationFn: (body: { score: number | null; evaluatedOn: string; comment: string | null }) => api.post(`/plan-goals/${goal.id}/evaluations`, body),
    fields: ['score', 'evaluatedOn', 'comment'],
    onSuccess: (_r, body) => {
      changed();
      setScore('');
      setComment('');
      onDone(t('plans.evaluations.saved', { score: gasNumber(body.score ?? 0), text: t(`plans.gas.${gasKey(body.score ?? 0)}`) }));
    },
  });
  function onSubmit() {
    if (mutation.isPending) return;
    // No choice: no score (never a default 0); the server refuses it and the error stands at the radio group.
    mutation.mutate({ score: score === '' ? null : Number(score), evaluatedOn, comment: comment.trim() || null });
  }
  const id = `gas-${goal.id}`;
  return (
    <>
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('plans.evaluations.submit')} appearance="secondary-action-button">
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
      </ApiFormView>
    </>
  );
}

/**
 * Corrects a mistaken evaluation: the right score and why. The correction is added to the
 * history; the evaluation it corrects stays there, marked as corrected. Based on the plan's version.
 */
export function CorrectEvaluationForm({ plan, goal, onDone }: { plan: PlanDetail; goal: PlanGoal; onDone: Done }) {
  const { t, i18n } = useTranslation();
  const changed = usePlanChanged(plan);
  // The evaluations that count: a corrected one is corrected through its correction.
  const current = goal.evaluations.filter((e) => !e.correctedBy);
  const [chosen, setChosen] = useState('');
  const evaluation = current.find((e) => e.id === chosen) ?? current.at(-1);
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const stale = useStale({ record: plan, queryKey: qk.plan(plan.id), refresh: [qk.case(plan.caseId)] });
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { evaluationId: string; score: number | null; reason: string }) =>
      api.post(`/plan-goals/${goal.id}/evaluations/${body.evaluationId}/corrections`, { score: body.score, reason: body.reason, version: stale.version() }),
    fields: ['score', 'reason'],
    stale,
    onSuccess: (_r, body) => {
      changed();
      setScore('');
      setReason('');
      onDone(t('plans.evaluations.corrected', { score: gasNumber(body.score ?? 0), text: t(`plans.gas.${gasKey(body.score ?? 0)}`) }));
    },
  });
  function onSubmit() {
    if (!mutation.isPending && evaluation) mutation.mutate({ evaluationId: evaluation.id, score: score === '' ? null : Number(score), reason });
  }
  const describe = (e: GoalEvaluation) => `${formatDate(e.evaluatedOn, i18n.language)}: ${gasNumber(e.score)} ${t(`plans.gas.${gasKey(e.score)}`)}`;
  if (!evaluation) return null;
  const id = `gas-correct-${goal.id}`;
  return (
    <>
      <StaleNotice stale={stale} />
      <ApiFormView form={{ mutation, byField, other, formRef, stale }} onSubmit={onSubmit} submit={t('plans.evaluations.correctSubmit')} appearance="secondary-action-button">
        <p className="utrecht-paragraph">{t('plans.evaluations.correctIntro')}</p>
        <SelectField id={`${id}-which`} label={t('plans.evaluations.correctWhich')} value={evaluation.id} onChange={(e) => setChosen(e.target.value)}>
          {current.map((e) => (
            <option key={e.id} value={e.id}>
              {describe(e)}
            </option>
          ))}
        </SelectField>
        <RadioGroupField
          id={`${id}-score`}
          name={`${id}-score`}
          legend={t('plans.evaluations.correctLegend')}
          options={GAS_SCORES.map((s) => ({ value: String(s), label: `${gasNumber(s)} ${t(`plans.gas.${gasKey(s)}`)}` }))}
          value={score}
          error={byField.score}
          onChange={setScore}
        />
        <TextAreaField id={`${id}-reason`} label={t('plans.evaluations.correctReason')} required rows={2} maxLength={1000} value={reason} error={byField.reason} onChange={(e) => setReason(e.target.value)} />
      </ApiFormView>
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
  function onSubmit() {
    if (!mutation.isPending) mutation.mutate({ text, goalId: goalId || null });
  }
  return (
    <>
      <h3 className="utrecht-heading-3">{t('plans.comments.addHeading')}</h3>
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('plans.comments.submit')} appearance="secondary-action-button">
        <SelectField id="comment-goal" label={t('plans.comments.goal')} optional value={goalId} error={byField.goalId} onChange={(e) => setGoalId(e.target.value)}>
          <option value="">{t('plans.comments.wholePlan')}</option>
          {plan.goals.map((g) => (
            <option key={g.id} value={g.id}>
              {g.description}
            </option>
          ))}
        </SelectField>
        <TextAreaField id="comment-text" label={t('plans.comments.text')} required rows={3} maxLength={2000} value={text} error={byField.text} onChange={(e) => setText(e.target.value)} />
      </ApiFormView>
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
  function onSubmit() {
    if (!mutation.isPending) mutation.mutate({ effect, text, goalId: goalId || null, observedOn });
  }
  return (
    <>
      <h3 className="utrecht-heading-3">{t('plans.observations.addHeading')}</h3>
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('plans.observations.submit')} appearance="secondary-action-button">
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
      </ApiFormView>
    </>
  );
}
