import { useEffect, useRef, type FormEvent, type ReactNode, type RefObject } from 'react';
import { Button } from '@utrecht/button-react';
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { fieldErrors, type InvalidParam } from './api.ts';
import { ErrorAlert } from './Alerts.tsx';
import { focusFirstInvalid } from './focus.ts';
import { Actions } from './Section.tsx';
import { isStale } from './stale.ts';
import type { Stale } from './StaleNotice.tsx';

/**
 * A form that sends to the API: the server's field errors (problem+json invalidParams) by field
 * name, the rest for the alert, and after a failed submit the keyboard on the first invalid field.
 * With `stale` (useStale) a stale version is that handle's to show (StaleNotice), not the alert's;
 * a new attempt takes its notice away.
 */
export function useApiForm<TVars, TResult>(opts: {
  mutationFn: (vars: TVars) => Promise<TResult>;
  fields: readonly string[];
  onSuccess?: (result: TResult, vars: TVars) => void;
  onError?: (error: Error) => void;
  stale?: Stale;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: opts.mutationFn,
    onMutate: () => opts.stale?.clear(),
    onSuccess: opts.onSuccess,
    onError: (error: Error) => {
      if (!opts.stale?.onError(error)) opts.onError?.(error);
    },
  });
  const { byField, other } = fieldErrors(mutation.error, opts.fields);
  useEffect(() => {
    if (mutation.isError) focusFirstInvalid(formRef.current);
  }, [mutation.isError, mutation.error]);
  return { mutation, byField, other, formRef, stale: opts.stale };
}

/**
 * The summary alert above a form: what went wrong, how many fields say so, and errors no field
 * shows. A stale version is left to the form's `stale` handle (StaleNotice) when it has one.
 */
export function FormErrors({
  mutation,
  byField,
  other,
  stale,
}: {
  mutation: Pick<UseMutationResult<unknown, Error, never>, 'isError' | 'error'>;
  byField: Record<string, string>;
  other: InvalidParam[];
  stale?: Stale;
}) {
  if (!mutation.isError || (stale && isStale(mutation.error))) return null;
  return <ErrorAlert error={mutation.error} fieldCount={Object.keys(byField).length} otherParams={other} />;
}

/**
 * A form that sends to the API, with what every such form has: the error summary above it, the
 * keyboard on the first invalid field after a failed submit (useApiForm), no second submit while
 * one is under way, and the submit button (plus `actions`, e.g. "cancel") under the fields.
 */
export function ApiFormView({
  form,
  onSubmit,
  submit,
  appearance = 'primary-action-button',
  danger,
  disabled,
  actions,
  hideErrors,
  id,
  children,
}: {
  form: { mutation: Pick<UseMutationResult<unknown, Error, never>, 'isError' | 'error' | 'isPending'>; byField: Record<string, string>; other: InvalidParam[]; formRef: RefObject<HTMLFormElement | null>; stale?: Stale };
  onSubmit: () => void;
  submit: ReactNode;
  appearance?: 'primary-action-button' | 'secondary-action-button';
  danger?: boolean;
  disabled?: boolean;
  actions?: ReactNode;
  /** The page shows this error elsewhere (e.g. a 409 at the top). */
  hideErrors?: boolean;
  id?: string;
  children: ReactNode;
}) {
  return (
    <>
      {!hideErrors && <FormErrors mutation={form.mutation} byField={form.byField} other={form.other} stale={form.stale} />}
      <form
        id={id}
        ref={form.formRef}
        className="samenspel-form"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (!form.mutation.isPending) onSubmit();
        }}
      >
        {children}
        <Actions>
          <Button type="submit" appearance={appearance} hint={danger ? 'danger' : undefined} busy={form.mutation.isPending} disabled={disabled}>
            {submit}
          </Button>
          {actions}
        </Actions>
      </form>
    </>
  );
}
