import { useState, type FormEvent } from 'react';
import { Button } from '@utrecht/button-react';
import { TextAreaField } from './Fields.tsx';
import { FormErrors, useApiForm } from './ApiForm.tsx';
import type { Stale } from './StaleNotice.tsx';

/**
 * A section with one required explanation and one button: withdrawing a signal, asking emergency
 * access, closing a case. Field errors from the server show at the text; the text is cleared after
 * success. `onError` lets the caller act on an error (e.g. show a 409 at the top of the page), and
 * `hidesError` (a pure test) keeps such an error out of this form's own alert. With `stale`
 * (useStale) a stale version goes to that handle's notice.
 */
export function ReasonForm<T>(props: {
  id: string;
  heading: string;
  intro: string;
  label: string;
  hint?: string;
  submitLabel: string;
  danger?: boolean;
  panel?: boolean;
  rows?: number;
  send: (reason: string) => Promise<T>;
  onSuccess: (result: T) => void;
  onError?: (error: Error) => void;
  hidesError?: (error: Error) => boolean;
  stale?: Stale;
}) {
  const [reason, setReason] = useState('');
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { reason: string }) => props.send(body.reason),
    fields: ['reason'],
    onSuccess: (result) => {
      setReason('');
      props.onSuccess(result);
    },
    onError: props.onError,
    stale: props.stale,
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ reason });
  }
  const showErrors = !(mutation.error && props.hidesError?.(mutation.error));
  return (
    <section className={`samenspel-section${props.panel ? ' samenspel-panel' : ''}`} aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`} className="utrecht-heading-2">
        {props.heading}
      </h2>
      <p className="utrecht-paragraph">{props.intro}</p>
      {showErrors && <FormErrors mutation={mutation} byField={byField} other={other} stale={props.stale} />}
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextAreaField
          id={`${props.id}-reason`}
          label={props.label}
          description={props.hint}
          required
          rows={props.rows ?? 3}
          maxLength={2000}
          value={reason}
          error={byField.reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button" hint={props.danger ? 'danger' : undefined} busy={mutation.isPending}>
            {props.submitLabel}
          </Button>
        </div>
      </form>
    </section>
  );
}
