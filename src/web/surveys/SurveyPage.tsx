import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api.ts';
import { formatDate } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { Alert, ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { MessagePage } from '../shared/MessagePage.tsx';
import { Facts, Section } from '../shared/Section.tsx';
import { SurveyForm } from './SurveyForm.tsx';
import { useSurveyQuestion, type SurveyQuestion } from './data.ts';

/**
 * One satisfaction question on its own page (docs/monitor-satisfaction.md): for a parent after the
 * evaluation of their child's plan, for a young person after their own, for a teacher once a
 * quarter. What it is about (no more than the user already sees), the question, and what happens
 * with the answer. Only the user it is for opens it (anyone else: "not found").
 */
export function SurveyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useSurveyQuestion(id);
  const [done, setDone] = useState<string | null>(null);
  const home = <AppLink to="/">{t('surveyPage.backHome')}</AppLink>;
  if (done) {
    return (
      <>
        <PageHeading title={t('surveyPage.thanksTitle')} />
        <Alert type="ok" role="status">
          <p className="utrecht-paragraph">{done}</p>
        </Alert>
        <p className="utrecht-paragraph">{t('surveyPage.whatNext')}</p>
        <p className="utrecht-paragraph">{home}</p>
      </>
    );
  }
  if (isApiError(query.error) && [400, 404].includes(query.error.status)) {
    return <MessagePage title={t('surveyPage.notFound')} detail={t('surveyPage.notFoundDetail')} link={home} />;
  }
  const q = query.data;
  return (
    <>
      <PageHeading title={t(q?.kind === 'teacher' ? 'surveyPage.titleTeacher' : q?.kind === 'youth' ? 'surveyPage.titleYouth' : 'surveyPage.title')} />
      {query.isPending && <Loading label={t('surveyPage.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {q && (
        <>
          <About q={q} />
          <Section id="survey-question" heading={t('surveyPage.questionHeading')} panel>
            <SurveyForm question={q} onAnswered={(declined) => setDone(t(declined ? 'surveys.thanksDeclined' : 'surveys.thanks'))} onAlready={() => setDone(t('surveys.alreadyAnswered'))} />
          </Section>
          <WhatHappens q={q} />
          <p className="utrecht-paragraph">{home}</p>
        </>
      )}
    </>
  );
}

/** What the question is about: the child (for a parent) or the quarter, the school, until when. */
function About({ q }: { q: SurveyQuestion }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null | undefined) => (iso ? <time dateTime={iso}>{formatDate(iso, i18n.language)}</time> : null);
  return (
    <Section id="survey-about" heading={t('surveyPage.aboutHeading')}>
      <p className="utrecht-paragraph samenspel-lead">{t(`surveyPage.intro.${q.kind}`)}</p>
      <Facts
        items={[
          q.child && [t('surveyPage.child'), q.child.name],
          [t('surveyPage.school'), q.organisationName],
          q.evaluatedOn ? [t('surveyPage.evaluatedOn'), date(q.evaluatedOn)] : null,
          q.period && [t('surveyPage.period'), <>{date(q.period.from)} – {date(q.period.to)}</>],
          [t('surveyPage.openUntil'), date(q.openUntil)],
        ]}
      />
    </Section>
  );
}

/** What happens with the answer, in plain words. */
function WhatHappens({ q }: { q: SurveyQuestion }) {
  const { t } = useTranslation();
  const you = q.kind === 'youth' ? 'youth' : 'formal';
  return (
    <Section id="survey-what-happens" heading={t('surveyPage.whatHappensHeading')}>
      <ul className="utrecht-unordered-list">
        <li className="utrecht-unordered-list__item">{t(`surveyPage.whatHappens.${you}.stored`)}</li>
        <li className="utrecht-unordered-list__item">{t(`surveyPage.whatHappens.${you}.together`)}</li>
        <li className="utrecht-unordered-list__item">{t(`surveyPage.whatHappens.${you}.noReply`)}</li>
        <li className="utrecht-unordered-list__item">{t(`surveyPage.whatHappens.${you}.helpStays`)}</li>
      </ul>
    </Section>
  );
}
