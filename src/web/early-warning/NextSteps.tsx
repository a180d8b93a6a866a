import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDate, fullName } from '../shared/format.ts';
import { AppLink } from '../shared/AppLink.tsx';
import type { SignalPrefillState } from '../signals/data.ts';
import type { OpenCasePrefillState } from '../cases/ChildCases.tsx';
import { formatPercentage, type EarlyWarningItem, type Measure } from './data.ts';

const pct = (m: Measure, t: TFunction, lng: string) => (m.percentage === null ? t('earlyWarning.noLessons') : formatPercentage(m.percentage, lng));

/** What the signal and the case are filled in with: the figures, as facts; the user adds the rest. */
function absenceFacts(item: EarlyWarningItem, asOf: string, t: TFunction, lng: string): string {
  return t('earlyWarning.facts', {
    date: formatDate(asOf, lng),
    year: pct(item.schoolYear.all, t, lng),
    yearUnauthorised: pct(item.schoolYear.unauthorised, t, lng),
    rolling: pct(item.rolling.all, t, lng),
    rollingUnauthorised: pct(item.rolling.unauthorised, t, lng),
    band: item.band ? t(`earlyWarning.band.${item.band}`) : t('earlyWarning.band.none'),
  });
}

/** One step to a zorgsignaal or a case: the existing forms, filled in with the child and the figures. */
export function NextSteps({ item, asOf }: { item: EarlyWarningItem; asOf: string }) {
  const { t, i18n } = useTranslation();
  const name = fullName(item.child);
  const facts = absenceFacts(item, asOf, t, i18n.language);
  const signal: SignalPrefillState = { signalPrefill: { category: 'absence', observation: facts } };
  const openCase: OpenCasePrefillState = { openCasePrefill: { title: t('earlyWarning.caseTitle'), reason: facts } };
  return (
    <ul className="samenspel-next-steps">
      <li>
        <AppLink to={`/kinderen/${item.child.id}/signaal`} state={signal}>
          {t('earlyWarning.startSignal')}
          <span className="samenspel-visually-hidden"> {t('earlyWarning.forName', { name })}</span>
        </AppLink>
      </li>
      <li>
        <AppLink to={`/kinderen/${item.child.id}#casus-openen`} state={openCase}>
          {t('earlyWarning.startCase')}
          <span className="samenspel-visually-hidden"> {t('earlyWarning.forName', { name })}</span>
        </AppLink>
      </li>
    </ul>
  );
}
