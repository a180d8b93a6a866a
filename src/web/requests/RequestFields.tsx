import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { TextAreaField } from '../shared/Fields.tsx';
import { CheckboxField, CheckboxGroupField, RadioGroupField } from '../shared/ChoiceFields.tsx';
import { SHAREABLE_KINDS, type ShareableKind } from '../../contracts/values/cases.ts';

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** What a request asks, the same in every form that sends one (from a case, or referring a signal). */
export interface RequestFieldValues {
  question: string;
  tried: string;
  goal: string;
  urgency: Urgency;
  backToSchool: boolean;
  dataKinds: ShareableKind[];
}

export const emptyRequestFields = (over: Partial<RequestFieldValues> = {}): RequestFieldValues => ({ question: '', tried: '', goal: '', urgency: 'normal', backToSchool: false, dataKinds: [], ...over });

/** The body's part of these fields (an empty "what was tried" is null). */
export const requestFieldsBody = (v: RequestFieldValues) => ({ question: v.question, tried: v.tried.trim() ? v.tried : null, goal: v.goal, urgency: v.urgency, backToSchool: v.backToSchool, dataKinds: v.dataKinds });

/**
 * The question, what was tried, the goal, the urgency, "back to school" and the data shared — one
 * set of fields for SendRequestForm and the referral of a signal. A question to the school asks only
 * the question, the goal and the urgency (`toSchool`): the school keeps the case and its data.
 */
export function RequestFields({
  idPrefix,
  value,
  onChange,
  errors,
  toSchool = false,
  dataKindsHint,
}: {
  idPrefix: string;
  value: RequestFieldValues;
  onChange: (next: RequestFieldValues) => void;
  errors: Record<string, string>;
  toSchool?: boolean;
  dataKindsHint: ReactNode;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof RequestFieldValues>(key: K) => (v: RequestFieldValues[K]) => onChange({ ...value, [key]: v });
  return (
    <>
      <TextAreaField
        id={`${idPrefix}-question`}
        label={t('requests.send.question')}
        description={t('requests.send.questionHint')}
        required
        rows={5}
        maxLength={4000}
        value={value.question}
        error={errors.question}
        onChange={(e) => set('question')(e.target.value)}
      />
      {!toSchool && (
        <TextAreaField
          id={`${idPrefix}-tried`}
          label={t('requests.send.tried')}
          description={t('requests.send.triedHint')}
          optional
          rows={3}
          maxLength={4000}
          value={value.tried}
          error={errors.tried}
          onChange={(e) => set('tried')(e.target.value)}
        />
      )}
      <TextAreaField
        id={`${idPrefix}-goal`}
        label={t('requests.send.goal')}
        description={t('requests.send.goalHint')}
        required
        rows={3}
        maxLength={1000}
        value={value.goal}
        error={errors.goal}
        onChange={(e) => set('goal')(e.target.value)}
      />
      <RadioGroupField
        id={`${idPrefix}-urgency`}
        name={`${idPrefix}-urgency`}
        legend={t('requests.send.urgency')}
        options={URGENCIES.map((u) => ({ value: u, label: t(`requests.urgency.${u}`), description: t(`requests.urgencyHints.${u}`) }))}
        value={value.urgency}
        error={errors.urgency}
        onChange={set('urgency')}
      />
      {!toSchool && (
        <CheckboxField
          id={`${idPrefix}-back-to-school`}
          label={t('requests.send.backToSchool')}
          description={t('requests.send.backToSchoolHint')}
          checked={value.backToSchool}
          error={errors.backToSchool}
          onChange={set('backToSchool')}
        />
      )}
      {!toSchool && (
        <CheckboxGroupField
          id={`${idPrefix}-data-kinds`}
          legend={t('requests.send.dataKinds')}
          description={dataKindsHint}
          options={SHAREABLE_KINDS.map((d) => ({ value: d, label: t(`consents.kinds.${d}`) }))}
          value={value.dataKinds}
          error={errors.dataKinds}
          onChange={set('dataKinds')}
        />
      )}
    </>
  );
}
