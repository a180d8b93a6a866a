import { useState } from 'react';
import { useParams, Link, Navigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors } from '../shared/api.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { formatDateTimeShort } from '../shared/format.ts';
import { ErrorSummary, STEPS, StepProgress, stepOfSlug, stepPath, useSetupStatus, type SetupStatus, type SetupStep } from './wizard.tsx';
import { RegionStep } from './RegionStep.tsx';
import { GemeentenStep } from './GemeentenStep.tsx';
import { OrganisationsStep } from './OrganisationsStep.tsx';
import { SettingsStep } from './SettingsStep.tsx';
import { PupilsStep, StaffStep } from './PeopleSteps.tsx';
import { qk } from '../shared/query-keys.ts';
import { Section } from '../shared/Section.tsx';

/** One step of the wizard: where it is in the whole, its forms and lists, and "Stap afronden" / "Volgende stap". */
export function SetupStepPage() {
  const { t } = useTranslation();
  const { step: slug } = useParams();
  const step = stepOfSlug(slug);
  const status = useSetupStatus();
  if (!step) return <Navigate to="/beheer/inrichting" replace />;
  const index = STEPS.indexOf(step);
  const title = t(`setup.steps.${step}.title`);
  return (
    <>
      <p className="utrecht-paragraph">
        <AppLink to="/beheer/inrichting">{t('setup.backToOverview')}</AppLink>
      </p>
      <PageHeading title={t('setup.stepHeading', { n: index + 1, total: STEPS.length, title })} documentTitle={title} />
      {status.isPending && <Loading label={t('common.loading')} />}
      {status.isError && <ErrorAlert error={status.error} />}
      {status.data && <StepProgress status={status.data} current={step} />}
      <p className="utrecht-paragraph samenspel-lead">{t(`setup.steps.${step}.intro`)}</p>
      <StepContent step={step} />
      {status.data && <StepFooter status={status.data} step={step} />}
    </>
  );
}

function StepContent({ step }: { step: SetupStep }) {
  switch (step) {
    case 'region':
      return <RegionStep />;
    case 'gemeenten':
      return <GemeentenStep />;
    case 'schools':
      return <OrganisationsStep mode="schools" />;
    case 'partners':
      return <OrganisationsStep mode="partners" />;
    case 'settings':
      return <SettingsStep />;
    case 'staff':
      return <StaffStep />;
    case 'pupils':
      return <PupilsStep />;
  }
}

function StepFooter({ status, step }: { status: SetupStatus; step: SetupStep }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const current = status.steps.find((s) => s.step === step)!;
  const next = STEPS[STEPS.indexOf(step) + 1];
  const mark = useMutation({
    mutationFn: (done: boolean) => api.put<SetupStatus>(`/setup/steps/${step}`, { done }),
    onSuccess: (s, done) => {
      queryClient.setQueryData(qk.setup.all, s);
      setMessage(done ? t('setup.footer.marked', { step: t(`setup.steps.${step}.title`) }) : t('setup.footer.unmarked', { step: t(`setup.steps.${step}.title`) }));
    },
  });
  const { byField, other } = fieldErrors(mark.error, ['done']);
  return (
    <Section id="setup-step-footer" panel heading={t('setup.footer.heading')}>
      <p className="utrecht-paragraph" id="setup-step-state">
        {current.doneBy === 'facts'
          ? t('setup.footer.doneByFacts')
          : current.done
            ? t('setup.footer.isDone', { date: current.completedAt ? formatDateTimeShort(current.completedAt, i18n.language) : '', who: current.completedBy ?? '' })
            : t('setup.footer.notDone')}
      </p>
      <LiveStatus>{message}</LiveStatus>
      {mark.isError && <ErrorSummary error={mark.error} byField={byField} other={other} fieldIds={{ done: 'setup-mark-done' }} labels={{ done: t('setup.footer.markDone') }} />}
      <div className="utrecht-button-group samenspel-actions">
        {current.doneBy === 'facts' ? null : current.done ? (
          <Button id="setup-mark-done" appearance="secondary-action-button" busy={mark.isPending} onClick={() => mark.mutate(false)}>
            {t('setup.footer.reopen')}
          </Button>
        ) : (
          <Button
            id="setup-mark-done"
            appearance="primary-action-button"
            busy={mark.isPending}
            aria-describedby={byField.done ? 'setup-mark-done-error' : undefined}
            onClick={() => mark.mutate(true)}
          >
            {t('setup.footer.markDone')}
          </Button>
        )}
        {next ? (
          <Link to={stepPath(next)} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action samenspel-button-link">
            {t('setup.footer.next', { step: t(`setup.steps.${next}.title`) })}
          </Link>
        ) : (
          <Link to="/beheer/inrichting" className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action samenspel-button-link">
            {t('setup.footer.toOverview')}
          </Link>
        )}
      </div>
      {byField.done && (
        <p id="setup-mark-done-error" className="utrecht-form-field-error-message samenspel-field-error">
          {byField.done}
        </p>
      )}
    </Section>
  );
}
