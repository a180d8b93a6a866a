import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, isApiError } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import type { Session } from '../shared/types.ts';
import type { Contract } from '../../contracts/common.ts';
import type { Invitation as InvitationSchema } from '../../contracts/staff.ts';
import { formatDateTimeShort } from '../shared/format.ts';
import { Shell } from '../shared/Layout.tsx';
import { PageHeading } from '../shared/PageHeading.tsx';
import { TextField } from '../shared/Fields.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { qk } from '../shared/query-keys.ts';
import { SubmitRow } from '../shared/Section.tsx';

type Invitation = Contract<typeof InvitationSchema>;

const MIN_LENGTH = 12;

/**
 * The link from an invitation e-mail (no session): choose a password, then the second factor
 * (/tweestapsverificatie takes over, the session requires it).
 */
export function InvitationPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { setSession } = useSession();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);
  const invitation = useQuery({
    queryKey: qk.invitation(token),
    queryFn: () => api.get<Invitation>(`/invitations/${encodeURIComponent(token)}`, undefined, { redirectOn401: false }),
    retry: false,
    staleTime: Infinity,
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy || !invitation.data) return;
    setSubmitError(null);
    const next: typeof errors = {};
    if (password.length < MIN_LENGTH) next.password = t('staff.invitation.tooShort', { count: MIN_LENGTH });
    else if (password.trim().toLowerCase() === invitation.data.email.toLowerCase()) next.password = t('staff.invitation.notEmail');
    if (!next.password && repeat !== password) next.repeat = t('staff.invitation.mismatch');
    setErrors(next);
    if (next.password) return passwordRef.current?.focus();
    if (next.repeat) return repeatRef.current?.focus();
    setBusy(true);
    try {
      const session = await api.post<Session>(`/invitations/${encodeURIComponent(token)}/accept`, { password }, { redirectOn401: false });
      setSession(session);
      navigate('/tweestapsverificatie', { replace: true });
    } catch (err) {
      const { byField } = fieldErrors(err, ['password']);
      if (byField.password) {
        setErrors({ password: byField.password });
        passwordRef.current?.focus();
      } else setSubmitError(err);
    } finally {
      setBusy(false);
    }
  }

  const gone = isApiError(invitation.error, 410) || isApiError(invitation.error, 404);
  return (
    <Shell>
      <PageHeading title={t('staff.invitation.title')} />
      {invitation.isPending && <Loading label={t('common.loading')} />}
      {invitation.isError && (
        <>
          <ErrorAlert error={invitation.error} />
          {gone && (
            <p className="utrecht-paragraph">
              <AppLink to="/inloggen">{t('staff.invitation.toSignIn')}</AppLink>
            </p>
          )}
        </>
      )}
      {invitation.data && (
        <>
          <p className="utrecht-paragraph">{t('staff.invitation.welcome', { name: invitation.data.name })}</p>
          <dl className="samenspel-dl">
            <div>
              <dt>{t('staff.invitation.username')}</dt>
              <dd>{invitation.data.username}</dd>
            </div>
            <div>
              <dt>{t('staff.invitation.organisations')}</dt>
              <dd>{invitation.data.organisations.join(', ') || '–'}</dd>
            </div>
            <div>
              <dt>{t('staff.invitation.validUntil')}</dt>
              <dd>{formatDateTimeShort(invitation.data.expiresAt, i18n.language)}</dd>
            </div>
          </dl>
          <p className="utrecht-paragraph">{t('staff.invitation.intro')}</p>
          {submitError != null && <ErrorAlert error={submitError} />}
          <form className="samenspel-form" noValidate onSubmit={onSubmit}>
            <input type="text" name="username" autoComplete="username" value={invitation.data.username} readOnly hidden />
            <TextField
              ref={passwordRef}
              id="invitation-password"
              type="password"
              autoComplete="new-password"
              label={t('staff.invitation.password')}
              description={t('staff.invitation.passwordHelp', { count: MIN_LENGTH })}
              value={password}
              error={errors.password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <TextField
              ref={repeatRef}
              id="invitation-repeat"
              type="password"
              autoComplete="new-password"
              label={t('staff.invitation.repeat')}
              value={repeat}
              error={errors.repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
            <SubmitRow busy={busy}>{t('staff.invitation.submit')}</SubmitRow>
          </form>
        </>
      )}
    </Shell>
  );
}
