import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, type InvalidParam } from './api.ts';

/** The sentence to show for an error: the problem's detail, or a fitting general message. */
export function problemMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('errors.network');
    if (err.status === 429) return err.problem.detail || t('errors.tooMany');
    if (err.status === 403) return err.problem.detail || t('errors.forbidden');
    return err.problem.detail || err.problem.title || t('errors.generic');
  }
  return t('errors.generic');
}

type AlertType = 'error' | 'warning' | 'ok' | 'info';

export function Alert({ type, children, role }: { type: AlertType; children: ReactNode; role?: 'alert' | 'status' }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${type} samenspel-alert`} role={role}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/**
 * An error as an alert (role="alert"). `message` overrides the server's text; `fieldCount` says
 * how many errors are shown at the fields; `otherParams` are field errors no field on the page
 * could show, listed here so that none is lost.
 */
export function ErrorAlert({
  error,
  message,
  fieldCount = 0,
  otherParams = [],
}: {
  error?: unknown;
  message?: string;
  fieldCount?: number;
  otherParams?: InvalidParam[];
}) {
  const { t } = useTranslation();
  const text = message ?? problemMessage(error, t);
  return (
    <Alert type="error" role="alert">
      <p className="utrecht-paragraph">{text}</p>
      {fieldCount > 0 && <p className="utrecht-paragraph">{t('errors.fieldCount', { count: fieldCount })}</p>}
      {otherParams.length > 0 && (
        <>
          <p className="utrecht-paragraph">{t('errors.alsoWrong')}</p>
          <ul className="utrecht-unordered-list">
            {otherParams.map((p) => (
              <li key={`${p.name}-${p.code}`} className="utrecht-unordered-list__item">
                <code>{p.name}</code>: {p.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}

/**
 * A polite live region that stays in the page, so that screen readers announce changes to it
 * (results found, saved, switched). Empty renders nothing visible.
 */
export function LiveStatus({ children, type = 'ok' }: { children?: ReactNode; type?: AlertType }) {
  return (
    <div role="status" className="samenspel-live-status">
      {children ? <Alert type={type}>{children}</Alert> : null}
    </div>
  );
}

/** A plain polite status line (counts, page numbers) without alert styling. */
export function StatusText({ children }: { children?: ReactNode }) {
  return (
    <p role="status" className="utrecht-paragraph samenspel-status-text">
      {children}
    </p>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p className="utrecht-paragraph samenspel-loading" role="status">
      <span className="samenspel-spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/**
 * A 409 from a workflow action (someone else acted first), shown at the top of the page because
 * the section that caused it may go away when the page reloads; it takes the focus when it appears.
 */
export function ConflictAlert({ error, reloaded }: { error: unknown; reloaded: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [error]);
  return (
    <div ref={ref} tabIndex={-1} className="samenspel-focus-target">
      <Alert type="error" role="alert">
        <p className="utrecht-paragraph">{problemMessage(error, t)}</p>
        <p className="utrecht-paragraph">{reloaded}</p>
      </Alert>
    </div>
  );
}
