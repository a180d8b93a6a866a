import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors, isApiError } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import type { Session, TotpSetup } from '../shared/types.ts';
import { Shell } from '../shared/Layout.tsx';
import { PageHeading } from '../shared/PageHeading.tsx';
import { TextField } from '../shared/Fields.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { qk } from '../shared/query-keys.ts';

/** "ABCD EFGH IJKL …": easier to type over from a screen. */
function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();
}

/** First sign-in of an account that needs a second factor: set up an authenticator app. */
export function TotpEnrolPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { session, ended, loading, setSession, signOut } = useSession();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  // A query, not a mutation, so that a re-render (or React's strict double mount) never asks for a second secret.
  const setup = useQuery({
    queryKey: qk.totpSetup(session?.user.id),
    queryFn: () => api.post<TotpSetup>('/session/totp/setup'),
    enabled: Boolean(session?.totpEnrolmentRequired),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });

  if (loading) {
    return (
      <Shell>
        <Loading label={t('common.loading')} />
      </Shell>
    );
  }
  if (!session) return <Navigate to="/inloggen" replace state={ended === 'signedOut' ? { signedOut: true } : undefined} />;
  if (!session.totpEnrolmentRequired) return <Navigate to="/" replace />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const value = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(value)) {
      setCodeError(t('signIn.missingCode'));
      codeRef.current?.focus();
      return;
    }
    setCodeError(undefined);
    setBusy(true);
    try {
      const next = await api.post<Session>('/session/totp/confirm', { code: value });
      setSession(next);
      navigate('/', { replace: true });
    } catch (err) {
      const { byField, other } = fieldErrors(err, ['code']);
      if (isApiError(err) && (err.code === 'totp_invalid' || byField.code)) {
        setCode('');
        setCodeError(err.code === 'totp_invalid' ? t('totp.invalid') : byField.code);
        if (other.length) setError(err);
        codeRef.current?.focus();
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  }

  const onSignOut = () => void signOut();

  return (
    <Shell>
      <PageHeading title={t('totp.title')} />
      <p className="utrecht-paragraph">{t('totp.intro')}</p>
      <ol className="utrecht-ordered-list">
        <li className="utrecht-ordered-list__item">{t('totp.step1')}</li>
        <li className="utrecht-ordered-list__item">{t('totp.step2')}</li>
        <li className="utrecht-ordered-list__item">{t('totp.step3')}</li>
      </ol>

      {setup.isPending && <Loading label={t('totp.preparing')} />}
      {setup.isError && <ErrorAlert error={setup.error} />}
      {setup.data && (
        <div className="samenspel-totp">
          <img className="samenspel-totp__qr" src={setup.data.qrCodeDataUrl} alt={t('totp.qrAlt')} width={220} height={220} />
          <div>
            <p className="utrecht-paragraph">{t('totp.manual')}</p>
            <p className="utrecht-paragraph">
              <span className="samenspel-secret-label">{t('totp.secretLabel')}: </span>
              <code className="samenspel-secret">{groupSecret(setup.data.secret)}</code>
            </p>
          </div>
        </div>
      )}

      {error ? <ErrorAlert error={error} /> : null}
      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextField
          ref={codeRef}
          id="totp-code"
          name="code"
          label={t('totp.code')}
          description={t('totp.codeHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          className="samenspel-code-input"
          required
          value={code}
          error={codeError}
          onChange={(e) => setCode(e.target.value)}
        />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={!setup.data}>
            {t('totp.submit')}
          </Button>
          <Button appearance="subtle-button" onClick={onSignOut}>
            {t('layout.signOut')}
          </Button>
        </div>
      </form>
    </Shell>
  );
}
