import { useTranslation } from 'react-i18next';
import type { CaseDetail, PlanDetail } from '../shared/types.ts';
import { formatDate, formatDateTimeShort } from '../shared/format.ts';
import { AddCommentForm, AddObservationForm } from './PlanForms.tsx';
import { AgreementForm, OppForm } from './PlanDocumentForms.tsx';
import { useAuthorName } from './data.ts';
import { Section } from '../shared/Section.tsx';

/* The plan's OPP, the family's comments and the observations (with their forms). */

export function Opp({ plan, k, open, onDone }: { plan: PlanDetail; k?: CaseDetail; open: boolean; onDone: (m: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const canWrite = Boolean(plan.can?.writeOpp) && open;
  if (!plan.opp && !canWrite) return null;
  const fields = ['exitProfile', 'exitGrounds', 'hinderingFactors', 'supportingFactors', 'support', 'deviations'] as const;
  return (
    <Section id="plan-opp" heading={t('plans.opp.heading')}>
      {plan.opp ? (
        <>
          <p className="utrecht-paragraph">{t('plans.opp.version', { date: formatDateTimeShort(plan.opp.recordedAt, lng) })}</p>
          <dl className="samenspel-dl">
            {fields.map((f) => (
              <div key={f}>
                <dt>{t(`plans.opp.${f}`)}</dt>
                <dd className="samenspel-pre-line">{plan.opp?.[f] ?? t('common.none')}</dd>
              </div>
            ))}
          </dl>
          <h3 className="utrecht-heading-3">{t('plans.agreements.heading')}</h3>
          {plan.agreements.length === 0 ? (
            <p className="utrecht-paragraph samenspel-empty">{t('plans.agreements.empty')}</p>
          ) : (
            <ul className="utrecht-unordered-list">
              {plan.agreements.map((a) => (
                <li key={a.id} className="utrecht-unordered-list__item">
                  {a.kind === 'guardian_agreement'
                    ? t(a.agreed ? 'plans.agreements.guardianAgreed' : 'plans.agreements.guardianDisagreed', { name: a.guardianName ?? '', date: formatDate(a.onDate, lng) })
                    : t(a.agreed ? 'plans.agreements.pupilHeard' : 'plans.agreements.pupilNotHeard', { date: formatDate(a.onDate, lng) })}
                  {!a.forCurrentOpp && ` (${t('plans.agreements.earlierVersion')})`}
                  {a.note && ` – ${a.note}`}
                </li>
              ))}
            </ul>
          )}
          {canWrite && k?.consentRule && (
            <details className="samenspel-disclosure">
              <summary>{t('plans.agreements.addSummary')}</summary>
              <AgreementForm plan={plan} guardians={k.consentRule.guardiansWithAuthority} onDone={onDone} />
            </details>
          )}
        </>
      ) : (
        <p className="utrecht-paragraph samenspel-empty">{t('plans.opp.none')}</p>
      )}
      {canWrite && (
        <details className="samenspel-disclosure">
          <summary>{plan.opp ? t('plans.opp.newVersion') : t('plans.opp.add')}</summary>
          <OppForm plan={plan} onDone={onDone} />
        </details>
      )}
    </Section>
  );
}

export function Comments({ plan, open, onDone }: { plan: PlanDetail; open: boolean; onDone: (m: string) => void }) {
  const { t, i18n } = useTranslation();
  const authorName = useAuthorName();
  const goalName = (id: string | null) => plan.goals.find((g) => g.id === id)?.description;
  return (
    <Section id="plan-comments" heading={t('plans.comments.heading')}>
      {plan.comments.length === 0 ? (
        <p className="utrecht-paragraph samenspel-empty">{t('plans.comments.empty')}</p>
      ) : (
        <ul className="samenspel-timeline">
          {plan.comments.map((c) => (
            <li key={c.id} className="samenspel-timeline__item">
              <p className="utrecht-paragraph samenspel-timeline__when">
                <time dateTime={c.at}>{formatDateTimeShort(c.at, i18n.language)}</time> – {authorName(c.author)}
                {goalName(c.goalId) ? ` – ${t('plans.comments.aboutGoal', { goal: goalName(c.goalId) })}` : ''}
              </p>
              <p className="utrecht-paragraph samenspel-pre-line">{c.text}</p>
            </li>
          ))}
        </ul>
      )}
      {open && <AddCommentForm plan={plan} onDone={onDone} />}
    </Section>
  );
}

export function Observations({ plan, onDone }: { plan: PlanDetail; onDone: (m: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Section id="plan-observations" heading={t('plans.observations.heading')}>
      <p className="utrecht-paragraph">{t('plans.observations.intro')}</p>
      {plan.observations.length === 0 ? (
        <p className="utrecht-paragraph samenspel-empty">{t('plans.observations.empty')}</p>
      ) : (
        <ul className="samenspel-timeline">
          {plan.observations.map((o) => (
            <li key={o.id} className="samenspel-timeline__item">
              <p className="utrecht-paragraph samenspel-timeline__when">
                <time dateTime={o.observedOn}>{formatDate(o.observedOn, i18n.language)}</time> – {o.authorName ?? t('common.unknown')} –{' '}
                <strong>{t(`plans.effects.${o.effect}`)}</strong>
              </p>
              <p className="utrecht-paragraph samenspel-pre-line">{o.text}</p>
            </li>
          ))}
        </ul>
      )}
      <AddObservationForm plan={plan} onDone={onDone} />
    </Section>
  );
}
