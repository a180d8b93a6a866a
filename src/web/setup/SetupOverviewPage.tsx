import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { StepProgress, stepPath, useSetupStatus } from './wizard.tsx';

/**
 * The set-up wizard's start page: the steps with their state, and a button to go on where the
 * administrator left off (the first step not marked done).
 */
export function SetupOverviewPage() {
  const { t } = useTranslation();
  const status = useSetupStatus();
  const data = status.data;
  return (
    <>
      <PageHeading title={t('setup.title')} />
      <p className="utrecht-paragraph samenspel-lead">{t('setup.intro')}</p>
      {status.isPending && <Loading label={t('common.loading')} />}
      {status.isError && <ErrorAlert error={status.error} />}
      {data && (
        <>
          <p className="utrecht-paragraph">{t('setup.regionName', { name: data.region.name })}</p>
          <h2 className="utrecht-heading-2">{t('setup.progress.heading')}</h2>
          <p className="utrecht-paragraph">{t('setup.progress.count', { done: data.steps.filter((s) => s.done).length, total: data.steps.length })}</p>
          <StepProgress status={data} />
          {data.nextStep ? (
            <p className="utrecht-paragraph">
              <Link to={stepPath(data.nextStep)} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action samenspel-button-link">
                {t('setup.continueWith', { step: t(`setup.steps.${data.nextStep}.title`) })}
              </Link>
            </p>
          ) : (
            <p className="utrecht-paragraph">{t('setup.allDone')}</p>
          )}
        </>
      )}
    </>
  );
}
