import './surveys.css';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { isApiError } from '../shared/api.ts';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { TextAreaField } from '../shared/Fields.tsx';
import { qk } from '../shared/query-keys.ts';
import { SURVEY_OPEN_ANSWER_MAX } from '../../contracts/values/surveys.ts';
import { SURVEY_FIELDS, answerSurvey, scoresOf, type AnswerSurveyBody, type SurveyQuestion } from './data.ts';

/**
 * The answer to one satisfaction question (docs/monitor-satisfaction.md): the scale as one radio
 * group (fieldset and legend: the question), an optional open answer, what happens with it, and two
 * buttons — send, or "liever niet". No score chosen is sent as it is: the server names the field.
 * Once answered the question is gone from the user's lists; `onAnswered` says how (declined or not),
 * and `onAlready` that it was answered before (in another window).
 */
export function SurveyForm({ question, onAnswered, onAlready }: { question: SurveyQuestion; onAnswered: (declined: boolean) => void; onAlready: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [score, setScore] = useState('');
  const [text, setText] = useState('');
  const kind = question.kind;
  const form = useApiForm({
    mutationFn: (body: AnswerSurveyBody) => answerSurvey(question.id, body),
    fields: SURVEY_FIELDS,
    onSuccess: (answered) => {
      void queryClient.invalidateQueries({ queryKey: qk.surveys.all });
      onAnswered(answered.declined);
    },
    onError: (err) => {
      if (isApiError(err, 409)) {
        void queryClient.invalidateQueries({ queryKey: qk.surveys.all });
        onAlready();
      }
    },
  });
  const { byField } = form;
  const id = `survey-${question.id}`;
  const scores = scoresOf(question);
  const label = (s: string) =>
    kind === 'teacher' && s === '1' ? t('surveys.scaleLow', { score: s }) : kind === 'teacher' && s === scores[scores.length - 1] ? t('surveys.scaleHigh', { score: s }) : s;
  return (
    <div className="samenspel-survey">
      <p className="utrecht-paragraph samenspel-survey__anonymous">{t(`surveys.anonymous.${kind}`)}</p>
      <ApiFormView
        id={`${id}-form`}
        form={form}
        submit={t('surveys.submit')}
        onSubmit={() => form.mutation.mutate({ ...(score ? { score: Number(score) } : {}), ...(text.trim() ? { openAnswer: text } : {}) })}
        actions={
          <Button type="button" appearance="secondary-action-button" disabled={form.mutation.isPending} onClick={() => form.mutation.mutate({ declined: true })}>
            {t('surveys.decline')}
          </Button>
        }
      >
        <RadioGroupField
          id={`${id}-score`}
          name={`${id}-score`}
          className="samenspel-survey__scale"
          legend={t(`surveys.question.${kind}`)}
          description={t(`surveys.scaleHint.${kind}`)}
          options={scores.map((s) => ({ value: s, label: label(s) }))}
          value={score}
          error={byField.score}
          onChange={setScore}
        />
        <TextAreaField
          id={`${id}-open`}
          label={t(`surveys.openLabel.${kind}`)}
          description={t('surveys.openHint')}
          optional
          rows={4}
          maxLength={SURVEY_OPEN_ANSWER_MAX}
          value={text}
          error={byField.openAnswer}
          onChange={(e) => setText(e.target.value)}
        />
      </ApiFormView>
    </div>
  );
}
