import { useEffect, useRef, type MouseEvent } from 'react';
import { useMutation, useQuery, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, fieldErrors, type InvalidParam } from '../shared/api.ts';
import { Alert, problemMessage } from '../shared/Alerts.tsx';
import { qk } from '../shared/query-keys.ts';
import type { Stale } from '../shared/StaleNotice.tsx';
import type { Contract } from '../../contracts/common.ts';
import type { SetupStatus as SetupStatusSchema } from '../../contracts/setup.ts';
import { SETUP_STEPS, type SetupStep } from '../../contracts/values/setup.ts';

/**
 * What the set-up wizard's pages share: the steps and their addresses, the status from the API,
 * the progress list, and forms with an error summary that links to the fields.
 */
export const STEPS = SETUP_STEPS;
export type { SetupStep };

/** The Dutch path segment of each step under /beheer/inrichting. */
export const STEP_SLUGS: Record<SetupStep, string> = {
  region: 'regio',
  gemeenten: 'gemeenten',
  schools: 'scholen',
  partners: 'partners',
  settings: 'instellingen',
  staff: 'medewerkers',
  pupils: 'leerlingen',
};
export const stepOfSlug = (slug: string | undefined): SetupStep | undefined => STEPS.find((s) => STEP_SLUGS[s] === slug);
export const stepPath = (step: SetupStep) => `/beheer/inrichting/${STEP_SLUGS[step]}`;

/** GET /setup: the region and each step's state, as the contract (src/contracts/setup.ts) declares them. */
export type SetupStatus = Contract<typeof SetupStatusSchema>;
export type StepStatus = SetupStatus['steps'][number];


export function useSetupStatus() {
  return useQuery({ queryKey: qk.setup.all, queryFn: () => api.get<SetupStatus>('/setup') });
}

/** After a change in a step: the status (facts) is out of date. */
export function useRefreshSetup() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: qk.setup.all });
}

/** The steps in order, each with its state in words ("klaar" / "nog te doen"), the current one marked. */
export function StepProgress({ status, current }: { status: SetupStatus; current?: SetupStep }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('setup.progress.label')} className="samenspel-section">
      <ol className="utrecht-ordered-list">
        {status.steps.map((s) => (
          <li key={s.step} className="utrecht-ordered-list__item">
            <Link
              to={stepPath(s.step)}
              className="utrecht-link utrecht-link--html-a"
              aria-current={s.step === current ? 'step' : undefined}
            >
              {s.step === current ? <strong>{t(`setup.steps.${s.step}.title`)}</strong> : t(`setup.steps.${s.step}.title`)}
            </Link>
            {' — '}
            <span>{s.done ? t('setup.progress.done') : t('setup.progress.todo')}</span>
            {s.step === current && <span className="samenspel-visually-hidden"> {t('setup.progress.current')}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * The error summary above a form: the server's message, then every field error as a link that puts
 * the keyboard on the field, then errors no field shows. It takes focus when it appears.
 */
export function ErrorSummary({
  error,
  byField,
  other,
  fieldIds,
  labels,
}: {
  error: unknown;
  byField: Record<string, string>;
  other: InvalidParam[];
  fieldIds: Record<string, string>;
  labels: Record<string, string>;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [error]);
  const go = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const el = document.getElementById(id);
    if (!el) return;
    event.preventDefault();
    el.focus();
  };
  const names = Object.keys(fieldIds).filter((n) => byField[n]);
  return (
    <div ref={ref} tabIndex={-1} className="samenspel-focus-target">
      <Alert type="error" role="alert">
        <p className="utrecht-paragraph">{names.length ? t('setup.errors.summary') : problemMessage(error, t)}</p>
        {(names.length > 0 || other.length > 0) && (
          <ul className="utrecht-unordered-list">
            {names.map((n) => (
              <li key={n} className="utrecht-unordered-list__item">
                <a className="utrecht-link utrecht-link--html-a" href={`#${fieldIds[n]}`} onClick={go(fieldIds[n])}>
                  {labels[n] ? `${labels[n]}: ` : ''}
                  {byField[n]}
                </a>
              </li>
            ))}
            {other.map((p) => (
              <li key={`${p.name}-${p.code}`} className="utrecht-unordered-list__item">
                {p.reason}
              </li>
            ))}
          </ul>
        )}
      </Alert>
    </div>
  );
}

/**
 * A mutation whose field errors are shown at the fields (by name) and in the summary. With `stale`
 * (useStale) a stale version goes to that handle's notice: show the summary for the other errors
 * (`!isStale(mutation.error)`).
 */
export function useSetupForm<TVars, TResult>(opts: { mutationFn: (vars: TVars) => Promise<TResult>; fields: readonly string[]; onSuccess?: (result: TResult, vars: TVars) => void; stale?: Stale }) {
  const refresh = useRefreshSetup();
  const mutation = useMutation({
    mutationFn: opts.mutationFn,
    onMutate: () => opts.stale?.clear(),
    onError: (error: Error) => void opts.stale?.onError(error),
    onSuccess: (r, v) => {
      void refresh();
      opts.onSuccess?.(r, v);
    },
  });
  const { byField, other } = fieldErrors(mutation.error, opts.fields);
  return { mutation, byField, other };
}

export type SetupMutation = UseMutationResult<unknown, Error, never>;
