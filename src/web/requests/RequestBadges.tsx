import { useTranslation } from 'react-i18next';
import type { RequestStatus } from '../../contracts/values/requests.ts';

/* Badges say it in words; colour and border only repeat what the words say. */

function Badge({ variant, children }: { variant: string; children: string }) {
  return <span className={`samenspel-badge samenspel-badge--${variant} samenspel-nowrap`}>{children}</span>;
}

const STATUS_VARIANT: Record<RequestStatus, string> = {
  sent: 'status',
  info_requested: 'status',
  accepted: 'status',
  declined: 'late',
  decided: 'status',
  help_started: 'on-time',
  closed: 'status',
  withdrawn: 'status',
};

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return <Badge variant={STATUS_VARIANT[status]}>{t(`requests.status.${status}`)}</Badge>;
}

/** The current step's term has passed. */
export function OverdueBadge() {
  const { t } = useTranslation();
  return <Badge variant="very-late">{t('requests.overdue')}</Badge>;
}

export function UrgentBadge() {
  const { t } = useTranslation();
  return <Badge variant="late">{t('requests.urgency.urgent')}</Badge>;
}
