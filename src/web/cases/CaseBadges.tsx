import { useTranslation } from 'react-i18next';
import type { CaseStatus, ConsentStatus } from '../shared/types.ts';
import { gasKey, gasNumber } from './data.ts';

/** Badges say it in words; colour and border only repeat what the words say. */
function CaseBadge({ variant, children }: { variant: string; children: string }) {
  return <span className={`samenspel-badge samenspel-badge--${variant}`}>{children}</span>;
}

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <CaseBadge variant="status">{t(`cases.status.${status}`)}</CaseBadge>;
}

const CONSENT_VARIANT: Record<ConsentStatus, string> = { valid: 'on-time', withdrawn: 'very-late', expired: 'late', not_yet_valid: 'status' };

export function ConsentStatusBadge({ status }: { status: ConsentStatus }) {
  const { t } = useTranslation();
  return <CaseBadge variant={CONSENT_VARIANT[status]}>{t(`consents.status.${status}`)}</CaseBadge>;
}

/** The safety route (Meldcode): the case came from a safety signal. */
export function SafetyRouteBadge() {
  const { t } = useTranslation();
  return <CaseBadge variant="safety">{t('cases.safetyRoute')}</CaseBadge>;
}

export function EvaluationDueBadge() {
  const { t } = useTranslation();
  return <CaseBadge variant="late">{t('cases.evaluationDue')}</CaseBadge>;
}

/** A GAS score as number and words: "+1 (beter dan verwacht)". */
export function GasScore({ score }: { score: number }) {
  const { t } = useTranslation();
  return (
    <span className="samenspel-gas">
      <span className="samenspel-gas__number">{gasNumber(score)}</span> ({t(`plans.gas.${gasKey(score)}`)})
    </span>
  );
}
