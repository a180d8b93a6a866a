import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../shared/session.tsx';

/** The links between the register's screens, as far as the session allows them (`session.can`). */
export function ThuiszitterNav() {
  const { t } = useTranslation();
  const { can } = useSession();
  const links: { to: string; label: string }[] = [];
  if (can.thuiszitterRegister) links.push({ to: '/thuiszitters', label: t('thuiszitters.nav.register') });
  if (can.thuiszitterCandidates) links.push({ to: '/thuiszitters/kandidaten', label: t('thuiszitters.nav.candidates') });
  // Registering a child by hand is the attendance officer's legal task (their workspace's capability).
  if (can.attendanceWorkspace) links.push({ to: '/thuiszitters/registreren', label: t('thuiszitters.nav.register_child') });
  if (can.thuiszitterEscalation) links.push({ to: '/thuiszitters/escalatie', label: t('thuiszitters.nav.escalation') });
  if (can.thuiszitterCountsInRegister) links.push({ to: '/thuiszitters/cijfers', label: t('thuiszitters.nav.counts') });
  return (
    <nav aria-label={t('thuiszitters.nav.label')}>
      <ul className="samenspel-counters">
        {links.map((l) => (
          <li key={l.to}>
            {/* NavLink marks the current screen with aria-current="page". */}
            <NavLink to={l.to} end className="utrecht-link utrecht-link--html-a">
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
