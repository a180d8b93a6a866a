import { useEffect, useRef } from 'react';
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { fieldErrors, type InvalidParam } from '../api.ts';
import { ErrorAlert } from './Alerts.tsx';
import { focusFirstInvalid } from './focus.ts';

/**
 * A form that sends to the API: the server's field errors (problem+json invalidParams) by field
 * name, the rest for the alert, and after a failed submit the keyboard on the first invalid field.
 */
export function useApiForm<TVars, TResult>(opts: {
  mutationFn: (vars: TVars) => Promise<TResult>;
  fields: readonly string[];
  onSuccess?: (result: TResult, vars: TVars) => void;
  onError?: (error: Error) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({ mutationFn: opts.mutationFn, onSuccess: opts.onSuccess, onError: opts.onError });
  const { byField, other } = fieldErrors(mutation.error, opts.fields);
  useEffect(() => {
    if (mutation.isError) focusFirstInvalid(formRef.current);
  }, [mutation.isError, mutation.error]);
  return { mutation, byField, other, formRef };
}

/** The summary alert above a form: what went wrong, how many fields say so, and errors no field shows. */
export function FormErrors({
  mutation,
  byField,
  other,
}: {
  mutation: Pick<UseMutationResult<unknown, Error, never>, 'isError' | 'error'>;
  byField: Record<string, string>;
  other: InvalidParam[];
}) {
  if (!mutation.isError) return null;
  return <ErrorAlert error={mutation.error} fieldCount={Object.keys(byField).length} otherParams={other} />;
}
