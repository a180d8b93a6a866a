import './Fields.css';
import { type ReactNode } from 'react';
import { FormField } from '@utrecht/form-field-react';
import { FormLabel } from '@utrecht/form-label-react';
import { FormFieldDescription } from '@utrecht/form-field-description-react';
import { FormFieldErrorMessage } from '@utrecht/form-field-error-message-react';
import { describedBy } from './Fields.tsx';

/* Choices: radio groups, checkbox groups and a single checkbox (see Fields.tsx for text and select fields). */

export interface RadioOption<T extends string> {
  value: T;
  label: string;
  /** A line under the option's label, referenced by the radio button. */
  description?: ReactNode;
}

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
  description?: ReactNode;
}

/**
 * The fieldset both choice groups share: the legend is the question, the group's description and
 * error are referenced by the fieldset, and the error stands right under the legend and marks every
 * option invalid, so that focusFirstInvalid lands on the first of them.
 */
export function ChoiceGroup<T extends string>({
  id,
  type,
  name,
  legend,
  description,
  error,
  options,
  isChecked,
  onToggle,
  className,
}: {
  id: string;
  type: 'radio' | 'checkbox';
  name?: string;
  legend: string;
  description?: ReactNode;
  error?: string;
  options: readonly ChoiceOption<T>[];
  isChecked: (value: T) => boolean;
  onToggle: (value: T, checked: boolean) => void;
  className?: string;
}) {
  const inputClass = type === 'radio' ? 'utrecht-radio-button utrecht-radio-button--html-input' : 'utrecht-checkbox utrecht-checkbox--html-input';
  const invalidClass = type === 'radio' ? ' utrecht-radio-button--invalid' : ' utrecht-checkbox--invalid';
  return (
    <fieldset
      id={id}
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samenspel-fieldset samenspel-radio-group${error ? ' utrecht-form-fieldset--invalid samenspel-radio-group--invalid' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={describedBy(id, description, error)}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend samenspel-radio-group__legend">{legend}</legend>
      {description ? (
        <FormFieldDescription id={`${id}-description`} className="samenspel-radio-group__description">
          {description}
        </FormFieldDescription>
      ) : null}
      {error ? (
        <FormFieldErrorMessage id={`${id}-error`} className="samenspel-field-error">
          {error}
        </FormFieldErrorMessage>
      ) : null}
      <div className="samenspel-radio-group__options">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          const checked = isChecked(option.value);
          return (
            <FormField
              key={option.value}
              type={type}
              className="samenspel-radio"
              label={
                <FormLabel htmlFor={optionId} type={type} checked={checked}>
                  {option.label}
                </FormLabel>
              }
              description={
                option.description ? (
                  <FormFieldDescription id={`${optionId}-description`}>{option.description}</FormFieldDescription>
                ) : undefined
              }
              input={
                <input
                  type={type}
                  id={optionId}
                  name={name}
                  value={option.value}
                  checked={checked}
                  onChange={(e) => onToggle(option.value, e.target.checked)}
                  className={`${inputClass}${error ? invalidClass : ''}`}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={option.description ? `${optionId}-description` : undefined}
                />
              }
            />
          );
        })}
      </div>
    </fieldset>
  );
}

/** A group of radio buttons: one answer to the question in the legend. */
export function RadioGroupField<T extends string>({
  name,
  options,
  value,
  onChange,
  ...group
}: {
  id: string;
  name: string;
  legend: string;
  description?: ReactNode;
  error?: string;
  options: readonly RadioOption<T>[];
  value: T | '';
  onChange: (value: T) => void;
  className?: string;
}) {
  return <ChoiceGroup {...group} type="radio" name={name} options={options} isChecked={(v) => value === v} onToggle={(v) => onChange(v)} />;
}

export type CheckboxOption<T extends string> = ChoiceOption<T>;

/** A group of checkboxes: any number of answers to the question in the legend. */
export function CheckboxGroupField<T extends string>({
  options,
  value,
  onChange,
  ...group
}: {
  id: string;
  legend: string;
  description?: ReactNode;
  error?: string;
  options: readonly CheckboxOption<T>[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  className?: string;
}) {
  const toggle = (v: T, on: boolean) => onChange(on ? [...value.filter((x) => x !== v), v] : value.filter((x) => x !== v));
  return <ChoiceGroup {...group} type="checkbox" options={options} isChecked={(v) => value.includes(v)} onToggle={toggle} />;
}

/** One labelled checkbox (a yes/no choice), with an optional description and error. */
export function CheckboxField({
  id,
  label,
  description,
  error,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  description?: ReactNode;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <FormField
      type="checkbox"
      className="samenspel-radio samenspel-checkbox-field"
      invalid={Boolean(error)}
      label={
        <FormLabel htmlFor={id} type="checkbox" checked={checked}>
          {label}
        </FormLabel>
      }
      description={description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : undefined}
      errorMessage={
        error ? (
          <FormFieldErrorMessage id={`${id}-error`} className="samenspel-field-error">
            {error}
          </FormFieldErrorMessage>
        ) : undefined
      }
      input={
        <input
          type="checkbox"
          id={id}
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          className={`utrecht-checkbox utrecht-checkbox--html-input${error ? ' utrecht-checkbox--invalid' : ''}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
        />
      }
    />
  );
}
