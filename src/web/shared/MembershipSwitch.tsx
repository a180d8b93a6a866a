import './MembershipSwitch.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { FormLabel } from '@utrecht/form-label-react';
import { useSession } from './session.tsx';
import { ErrorAlert } from './Alerts.tsx';

/**
 * For people with more than one membership: choose which organisation and role to act for.
 * A separate button confirms the choice, so that picking an option never changes context by itself.
 */
export function MembershipSwitch({ onSwitched }: { onSwitched: (message: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { session, activeMembership, switchMembership } = useSession();
  const [selected, setSelected] = useState(activeMembership?.id ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setSelected(activeMembership?.id ?? ''), [activeMembership?.id]);

  if (!session || session.memberships.length < 2) return null;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!selected || selected === activeMembership?.id) return;
    setBusy(true);
    setError(null);
    try {
      const next = await switchMembership(selected);
      const m = next.memberships.find((x) => x.id === next.activeMembershipId);
      if (m) onSwitched(t('layout.membershipSwitched', { role: t(`roles.${m.role}`), organisation: m.organisationName }));
      navigate('/');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="samenspel-membership-switch" onSubmit={onSubmit}>
      <FormLabel htmlFor="membership-switch">{t('layout.membershipLabel')}</FormLabel>
      <div className="samenspel-inline-controls">
        <select
          id="membership-switch"
          className="utrecht-select utrecht-select--html-select"
          value={selected}
          onChange={(e) => setSelected(e.target.value)}
        >
          {!activeMembership && <option value="">{t('layout.noActiveMembership')}</option>}
          {session.memberships.map((m) => (
            <option key={m.id} value={m.id}>
              {t('layout.actingAs', { role: t(`roles.${m.role}`), organisation: m.organisationName })}
            </option>
          ))}
        </select>
        <Button type="submit" appearance="secondary-action-button" busy={busy}>
          {t('layout.membershipSwitch')}
        </Button>
      </div>
      {error ? <ErrorAlert error={error} /> : null}
    </form>
  );
}
