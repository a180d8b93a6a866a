import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@utrecht/button-react';
import { api, isApiError } from './api.ts';

import type { Session } from './types.ts';
import { useIdleTimeout } from './useIdleTimeout.ts';
import { problemMessage } from './Alerts.tsx';
import { qk } from './query-keys.ts';

/**
 * WCAG 2.2.1 Timing adjustable: two minutes before the session ends for lack of activity, a
 * warning in the page (an alertdialog that is not modal) lets the user stay signed in. Focus
 * moves to its button and goes back where it was when the warning goes; Escape also closes it.
 * Near the absolute end of the session it only says so: that end cannot be moved.
 */
export function SessionTimeoutWarning() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { warning, dismiss } = useIdleTimeout();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const visible = warning !== null;

  useEffect(() => {
    if (!visible) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    buttonRef.current?.focus();
    return () => {
      // The warning is gone; if focus went with it, give it back to where the user was.
      const active = document.activeElement;
      if (previous?.isConnected && (!active || active === document.body)) previous.focus();
    };
  }, [visible]);

  if (!warning) return null;

  // Any answer restarts the idle time; the fresh session also carries the server's new deadline.
  async function stay() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      queryClient.setQueryData(qk.session, await api.get<Session>('/session'));
    } catch (err) {
      // A 401 means the session is already over: the API client takes the user to the sign-in page.
      if (!isApiError(err, 401)) setError(err);
    } finally {
      setBusy(false);
    }
  }

  const close = warning.final ? dismiss : () => void stay();
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  };

  return (
    <div className="samenspel-container">
      <div
        role="alertdialog"
        aria-labelledby="session-timeout-title"
        aria-describedby="session-timeout-text"
        className="utrecht-alert utrecht-alert--warning samenspel-alert samenspel-session-timeout"
        onKeyDown={onKeyDown}
      >
        <div className="utrecht-alert__content">
          <div className="utrecht-alert__message">
            <h2 id="session-timeout-title" className="utrecht-heading-2">
              {t('sessionTimeout.title')}
            </h2>
            <p id="session-timeout-text" className="utrecht-paragraph">
              {t(warning.final ? 'sessionTimeout.final' : 'sessionTimeout.idle', { count: warning.minutes })}
            </p>
            {error != null && (
              <p className="utrecht-paragraph samenspel-session-timeout__error" role="alert">
                {problemMessage(error, t)}
              </p>
            )}
            <Button ref={buttonRef} appearance="primary-action-button" busy={busy} onClick={close}>
              {warning.final ? t('sessionTimeout.close') : t('sessionTimeout.stay')}
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}
