import './Fields.css';
import { forwardRef, useState, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '@utrecht/form-field-react';
import { FormLabel } from '@utrecht/form-label-react';
import { FormFieldDescription } from '@utrecht/form-field-description-react';
import { FormFieldErrorMessage } from '@utrecht/form-field-error-message-react';
import { Textbox, type TextboxProps } from '@utrecht/textbox-react';

interface FieldProps {
  id: string;
  label: string;
  description?: ReactNode;
  /** The field's error text; makes the field invalid and is referenced by aria-describedby. */
  error?: string;
  /** Adds "(niet verplicht)" to the label. */
  optional?: boolean;
}

export function describedBy(id: string, description: ReactNode, error: string | undefined): string | undefined {
  const ids = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldLabel({ id, label, optional }: { id: string; label: string; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <FormLabel htmlFor={id}>
      {label}
      {optional && <span className="samenspel-optional"> {t('common.optional')}</span>}
    </FormLabel>
  );
}

function FieldShell({
  id,
  label,
  description,
  error,
  optional,
  input,
}: FieldProps & { input: ReactNode }) {
  return (
    <FormField
      className="samenspel-field"
      invalid={Boolean(error)}
      label={<FieldLabel id={id} label={label} optional={optional} />}
      description={description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : undefined}
      input={input}
      errorMessage={
        error ? (
          <FormFieldErrorMessage id={`${id}-error`} className="samenspel-field-error">
            {error}
          </FormFieldErrorMessage>
        ) : undefined
      }
    />
  );
}

export type TextFieldProps = FieldProps & Omit<TextboxProps, 'id' | 'invalid'>;

/** A labelled text input with optional description and error, wired with aria-describedby. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { id, label, description, error, optional, ...input },
  ref,
) {
  return (
    <FieldShell
      id={id}
      label={label}
      description={description}
      error={error}
      optional={optional}
      input={
        <Textbox
          ref={ref}
          id={id}
          invalid={Boolean(error)}
          aria-describedby={describedBy(id, description, error)}
          {...input}
        />
      }
    />
  );
});

export type SelectFieldProps = FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>;

/** A labelled select (NL Design System select styling on the native element). */
export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { id, label, description, error, optional, children, className, ...select },
  ref,
) {
  return (
    <FieldShell
      id={id}
      label={label}
      description={description}
      error={error}
      optional={optional}
      input={
        <select
          ref={ref}
          id={id}
          className={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}${className ? ` ${className}` : ''}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          {...select}
        >
          {children}
        </select>
      }
    />
  );
});

export type TextAreaFieldProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

/**
 * A labelled multi-line text field (NL Design System textarea styling on the native element). With
 * `maxLength` it counts down the characters left below the field; the count is announced politely
 * only when few are left, so a screen reader is not interrupted at every keystroke.
 */
export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(
  { id, label, description, error, optional, className, rows = 5, required, maxLength, onChange, ...textarea },
  ref,
) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(() => String(textarea.defaultValue ?? '').length);
  const length = textarea.value !== undefined ? String(textarea.value).length : typed;
  const left = maxLength !== undefined ? maxLength - length : null;
  const counterId = `${id}-counter`;
  const describe = [describedBy(id, description, error), left !== null ? counterId : null].filter(Boolean).join(' ') || undefined;
  // aria-required, not required: an empty required textarea matches :invalid, which the
  // component library shows as an error before the user did anything.
  return (
    <FieldShell
      id={id}
      label={label}
      description={description}
      error={error}
      optional={optional}
      input={
        <>
          <textarea
            ref={ref}
            id={id}
            rows={rows}
            maxLength={maxLength}
            className={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}${className ? ` ${className}` : ''}`}
            aria-required={required || undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describe}
            onChange={(e) => {
              setTyped(e.target.value.length);
              onChange?.(e);
            }}
            {...textarea}
          />
          {left !== null && (
            <p id={counterId} className="samenspel-char-counter" aria-live={left <= Math.max(20, Math.floor(maxLength! / 10)) ? 'polite' : 'off'}>
              {t('common.charactersLeft', { count: Math.max(0, left) })}
            </p>
          )}
        </>
      }
    />
  );
});

/** A file to upload, with its label (the NL Design System textbox look); `accept` names the file types. */
export const FileField = forwardRef<HTMLInputElement, { id: string; label: string; accept: string }>(function FileField({ id, label, accept }, ref) {
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      <input ref={ref} id={id} name="file" type="file" accept={accept} className="utrecht-textbox samenspel-file" required />
    </div>
  );
});

/** The options of a select: an optional empty first option (none chosen, or "all"), then one per value. */
export function Options<T extends string>({ empty, values, label }: { empty?: string; values: readonly T[]; label: (value: T) => string }) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </>
  );
}
