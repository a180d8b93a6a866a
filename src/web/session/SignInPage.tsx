import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { FieldsetOnly, FieldsetLegend } from '@utrecht/fieldset-react';
import { api, isApiError } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import type { Session } from '../shared/types.ts';
import { Shell } from '../shared/Layout.tsx';
import { PageHeading } from '../shared/PageHeading.tsx';
import { TextField } from '../shared/Fields.tsx';
import { Alert, ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import type { SignInState } from '../shared/Guards.tsx';
import { DemoAccounts } from './DemoAccounts.tsx';

type Step = 'password' | 'totp';

interface FieldErrorsState {
  username?: string;
  password?: string;
  totp?: string;
}

/** Where to go after signing in: back to the page that sent the user here, never to sign-in itself. */
function destination(state: SignInState | null): string {
  const from = state?.from;
  return from && from.startsWith('/') && !from.startsWith('/inloggen') ? from : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  // Read the redirect state once and take it out of the history entry, so that a reload of this
  // page (or the next person at this computer) does not inherit where the last user came from.
  const [state] = useState(() => (location.state ?? null) as SignInState | null);
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const { session, loading, setSession } = useSession();

  const [step, setStep] = useState<Step>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrorsState>({});
  const [alert, setAlert] = useState<{ message?: string; error?: unknown } | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const totpRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  // The field to focus once the next render is on screen (the TOTP field does not exist yet
  // when the server asks for it).
  const focusAfterRender = useRef<RefObject<HTMLElement | null> | null>(null);

  useEffect(() => {
    if (focusAfterRender.current) {
      focusAfterRender.current.current?.focus();
      focusAfterRender.current = null;
    }
  });

  if (loading) {
    return (
      <Shell>
        <Loading label={t('common.loading')} />
      </Shell>
    );
  }
  if (session) {
    return <Navigate to={session.totpEnrolmentRequired ? '/tweestapsverificatie' : destination(state)} replace />;
  }

  function focusNext(ref: RefObject<HTMLElement | null>) {
    focusAfterRender.current = ref;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setAlert(null);
    setStatus('');

    if (step === 'password') {
      const errors: FieldErrorsState = {};
      if (!username.trim()) errors.username = t('signIn.usernameMissing');
      if (!password) errors.password = t('signIn.passwordMissing');
      setFieldErrors(errors);
      if (errors.username || errors.password) {
        setAlert({ message: t('signIn.missing') });
        (errors.username ? usernameRef : passwordRef).current?.focus();
        return;
      }
    } else {
      const code = totp.replace(/\s+/g, '');
      if (!/^\d{6}$/.test(code)) {
        setFieldErrors({ totp: t('signIn.missingCode') });
        totpRef.current?.focus();
        return;
      }
    }

    setFieldErrors({});
    setBusy(true);
    try {
      const body: { username: string; password: string; totp?: string } = { username: username.trim(), password };
      if (step === 'totp') body.totp = totp.replace(/\s+/g, '');
      const next = await api.post<Session>('/session', body, { redirectOn401: false });
      setSession(next);
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  }

  function handleError(err: unknown) {
    if (isApiError(err, 401)) {
      switch (err.code) {
        case 'totp_required':
          setStep('totp');
          setTotp('');
          setStatus(t('signIn.totpStatus'));
          focusNext(totpRef);
          return;
        case 'totp_invalid':
          setStep('totp');
          setTotp('');
          setFieldErrors({ totp: t('signIn.totpInvalid') });
          focusNext(totpRef);
          return;
        case 'invalid_credentials':
        default:
          setStep('password');
          setPassword('');
          setAlert({ message: t('signIn.invalidCredentials') });
          focusNext(passwordRef);
          return;
      }
    }
    if (isApiError(err, 429)) {
      const seconds = err.retryAfterSeconds;
      setAlert({
        message: !seconds
          ? t('signIn.tooMany')
          : seconds <= 90
            ? t('signIn.tooManySeconds', { count: seconds })
            : t('signIn.tooManyMinutes', { count: Math.ceil(seconds / 60) }),
      });
      return;
    }
    setAlert({ error: err });
  }

  function restart() {
    setStep('password');
    setTotp('');
    setPassword('');
    setFieldErrors({});
    setAlert(null);
    setStatus('');
    focusNext(usernameRef);
  }

  function fillDemoAccount(name: string) {
    setStep('password');
    setUsername(name);
    setPassword('demo');
    setTotp('');
    setFieldErrors({});
    setAlert(null);
    setStatus(t('signIn.demo.filled', { username: name }));
    focusNext(submitRef);
  }

  return (
    <Shell>
      <PageHeading title={t('signIn.title')} />
      {state?.expired && !alert && <Alert type="info">{t('signIn.expired')}</Alert>}
      {state?.signedOut && !alert && <Alert type="ok">{t('signIn.signedOut')}</Alert>}
      <p className="utrecht-paragraph">{t('signIn.intro')}</p>
      {alert && <ErrorAlert error={alert.error} message={alert.message} />}
      <LiveStatus type="info">{status}</LiveStatus>

      <form className="samenspel-form samenspel-sign-in" noValidate onSubmit={onSubmit}>
        {step === 'password' ? (
          <>
            <TextField
              ref={usernameRef}
              id="username"
              name="username"
              label={t('signIn.username')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              error={fieldErrors.username}
              onChange={(e) => setUsername(e.target.value)}
            />
            <TextField
              ref={passwordRef}
              id="password"
              name="password"
              type="password"
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              error={fieldErrors.password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </>
        ) : (
          <FieldsetOnly className="samenspel-fieldset">
            <FieldsetLegend>{t('signIn.totpLegend')}</FieldsetLegend>
            <TextField
              ref={totpRef}
              id="totp"
              name="totp"
              label={t('signIn.totpCode')}
              description={t('signIn.totpHint')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              className="samenspel-code-input"
              required
              value={totp}
              error={fieldErrors.totp}
              onChange={(e) => setTotp(e.target.value)}
            />
          </FieldsetOnly>
        )}
        <div className="utrecht-button-group samenspel-actions">
          <Button ref={submitRef} type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
            {t('signIn.submit')}
          </Button>
          {step === 'totp' && (
            <Button appearance="subtle-button" onClick={restart}>
              {t('signIn.otherAccount')}
            </Button>
          )}
        </div>
      </form>

      <DemoAccounts onUse={fillDemoAccount} />
    </Shell>
  );
}
