import './surveys.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../shared/AppLink.tsx';
import { Alert } from '../shared/Alerts.tsx';
import { Section } from '../shared/Section.tsx';
import { formatDate } from '../shared/format.ts';
import { SurveyForm } from './SurveyForm.tsx';
import { useOpenSurveys, type SurveyQuestion } from './data.ts';

/**
 * "Uw mening telt" on the home page: the satisfaction questions the user may answer now (the server
 * decides: a parent or young person after a plan evaluation, a teacher on a case team once a
 * quarter). A parent or young person goes to the question's own page; a teacher answers right here.
 * Nothing when nothing is asked (or while it loads: the home page does not jump).
 */
export function SurveyCard() {
  const { t } = useTranslation();
  const query = useOpenSurveys();
  const [thanks, setThanks] = useState<string | null>(null);
  const items = query.data?.items ?? [];
  if (!items.length && !thanks) return null;
  return (
    <Section id="home-surveys" heading={t('surveys.heading')} panel className="samenspel-survey-section">
      {thanks && (
        <Alert type="ok" role="status">
          <p className="utrecht-paragraph">{thanks}</p>
        </Alert>
      )}
      {items.map((q) => (
        <Question key={q.id} q={q} onDone={setThanks} />
      ))}
    </Section>
  );
}

function Question({ q, onDone }: { q: SurveyQuestion; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) => formatDate(iso, i18n.language);
  if (q.kind === 'teacher') {
    return (
      <div className="samenspel-survey-card">
        <p className="utrecht-paragraph">{t('surveys.teacherIntro', { from: date(q.period?.from ?? null), to: date(q.period?.to ?? null) })}</p>
        <SurveyForm question={q} onAnswered={(declined) => onDone(t(declined ? 'surveys.thanksDeclined' : 'surveys.thanks'))} onAlready={() => onDone(t('surveys.alreadyAnswered'))} />
      </div>
    );
  }
  return (
    <div className="samenspel-survey-card">
      <p className="utrecht-paragraph">
        {q.kind === 'family' ? t('surveys.familyIntro', { name: q.child?.name ?? '', date: date(q.evaluatedOn) }) : t('surveys.youthIntro', { date: date(q.evaluatedOn) })}{' '}
        {t(q.kind === 'family' ? 'surveys.openUntil' : 'surveys.openUntilYouth', { date: date(q.openUntil) })}
      </p>
      <p className="utrecht-paragraph">
        <AppLink to={`/tevredenheid/${q.id}`} className="samenspel-task-link">
          {q.kind === 'family' ? t('surveys.answerLink', { name: q.child?.name ?? '' }) : t('surveys.answerLinkYouth')}
        </AppLink>
      </p>
    </div>
  );
}
