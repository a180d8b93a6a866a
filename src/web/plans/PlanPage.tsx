import { useParams } from 'react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, isApiError } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import type { CaseDetail, PlanDetail, PlanGoal } from '../shared/types.ts';
import { formatDate, fullName } from '../shared/format.ts';
import { useCase, usePlan } from '../cases/data.ts';
import { LIFE_DOMAINS } from '../../contracts/values/plans.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { CaseStatusBadge, EvaluationDueBadge, GasScore } from '../cases/CaseBadges.tsx';
import { AddActionForm, AddGoalForm, CorrectEvaluationForm, EvaluateGoalForm } from './PlanForms.tsx';
import { PlanEvaluatedForm } from './PlanDocumentForms.tsx';
import { Opp, Comments, Observations } from './PlanSections.tsx';
import { useAuthorName } from './data.ts';
import { Section } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';

/**
 * The shared plan (1 kind, 1 gezin, 1 plan): goals per life domain with the expected outcome,
 * actions, GAS evaluations, the OPP with the parents' agreement, comments and the teacher's
 * observations. Professionals on the team add to it; the case owner writes the OPP.
 */
export function PlanPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { id = '' } = useParams();
  const { session } = useSession();
  const professional = session?.user.kind === 'professional';
  const query = usePlan(id);
  const plan = query.data;
  // The team (action owners), the guardians (agreement) and whether the user manages the case.
  const caseQuery = useCase(plan?.caseId ?? '', Boolean(plan?.can.openCase));
  const k = caseQuery.data && !caseQuery.data.limited ? caseQuery.data : undefined;
  const [status, setStatus] = useState('');

  const hidden = isApiError(query.error) && [400, 403, 404].includes(query.error.status);
  if (hidden) {
    return (
      <>
        <PageHeading title={t('plans.notFound')} />
        <p className="utrecht-paragraph">{t('plans.notFoundDetail')}</p>
      </>
    );
  }
  const open = plan?.status === 'open';
  return (
    <>
      <PageHeading title={plan ? t('plans.titleNamed', { name: fullName(plan.child) }) : t('plans.title')} />
      <LiveStatus>{status}</LiveStatus>
      {query.isPending && <Loading label={t('plans.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {plan && (
        <>
          <Section id="plan-summary" heading={t('plans.summary')}>
            <dl className="samenspel-dl">
              <div>
                <dt>{t('plans.case')}</dt>
                <dd>{plan.can.openCase ? <AppLink to={`/casussen/${plan.caseId}`}>{plan.title}</AppLink> : plan.title}</dd>
              </div>
              <div>
                <dt>{t('plans.childLabel')}</dt>
                <dd>
                  {plan.can.openChild ? <AppLink to={`/kinderen/${plan.child.id}`}>{fullName(plan.child)}</AppLink> : fullName(plan.child)} ({t('common.ageYears', { count: plan.child.age })})
                </dd>
              </div>
              <div>
                <dt>{t('plans.school')}</dt>
                <dd>{plan.school}</dd>
              </div>
              <div>
                <dt>{t('plans.caseManager')}</dt>
                <dd>{plan.caseManagerName ?? t('common.unknown')}</dd>
              </div>
              <div>
                <dt>{t('plans.status')}</dt>
                <dd>
                  <CaseStatusBadge status={plan.status} />
                </dd>
              </div>
              <div>
                <dt>{t('plans.nextEvaluation')}</dt>
                <dd>
                  <time dateTime={plan.nextEvaluationOn}>{formatDate(plan.nextEvaluationOn, lng)}</time>
                  {plan.evaluationDue && (
                    <>
                      {' '}
                      <EvaluationDueBadge />
                    </>
                  )}
                </dd>
              </div>
            </dl>
            <p className="utrecht-paragraph">
              <a className="utrecht-link utrecht-link--html-a" href={`${API_BASE}/plans/${plan.id}/pdf`} target="_blank" rel="noopener">
                {t('plans.pdf')}
                <span className="samenspel-visually-hidden"> {t('plans.newWindow')}</span>
              </a>
            </p>
          </Section>

          <Goals plan={plan} k={k} professional={professional} open={open} onDone={setStatus} />
          <Opp plan={plan} k={k} open={open} onDone={setStatus} />
          <Comments plan={plan} open={open} onDone={setStatus} />
          {professional && <Observations plan={plan} onDone={setStatus} />}
          {professional && open && (
            <Section id="plan-evaluated" panel heading={t('plans.evaluated.heading')}>
              <p className="utrecht-paragraph">{t('plans.evaluated.intro')}</p>
              <PlanEvaluatedForm plan={plan} onDone={setStatus} />
            </Section>
          )}
        </>
      )}
    </>
  );
}

function Goals({ plan, k, professional, open, onDone }: { plan: PlanDetail; k?: CaseDetail; professional: boolean; open: boolean; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const domains = LIFE_DOMAINS.filter((d) => plan.goals.some((g) => g.lifeDomain === d));
  return (
    <Section id="plan-goals" heading={t('plans.goals.heading')}>
      {plan.goals.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('plans.goals.empty')}</p>}
      {domains.map((d) => (
        <section key={d} aria-labelledby={`plan-domain-${d}`}>
          <h3 id={`plan-domain-${d}`} className="utrecht-heading-3">
            {t(`plans.domains.${d}`)}
          </h3>
          {plan.goals
            .filter((g) => g.lifeDomain === d)
            .map((g) => (
              <Goal key={g.id} plan={plan} goal={g} k={k} professional={professional} open={open} onDone={onDone} />
            ))}
        </section>
      ))}
      {open && (
        <>
          <h3 className="utrecht-heading-3">{t('plans.goals.addHeading')}</h3>
          <AddGoalForm plan={plan} onDone={onDone} />
        </>
      )}
    </Section>
  );
}

function Goal({ plan, goal, k, professional, open, onDone }: { plan: PlanDetail; goal: PlanGoal; k?: CaseDetail; professional: boolean; open: boolean; onDone: (m: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const authorName = useAuthorName();
  const headingId = `goal-${goal.id}`;
  return (
    <article className="samenspel-goal" aria-labelledby={headingId}>
      <h4 id={headingId} className="utrecht-heading-4">
        {goal.description}
      </h4>
      <dl className="samenspel-dl">
        <div>
          <dt>{t('plans.goals.expectedOutcome')}</dt>
          <dd>
            {goal.expectedOutcome}
            {goal.inFamilyWords && (
              <>
                {' '}
                <span className="samenspel-badge samenspel-badge--on-time">{t('plans.goals.inFamilyWords')}</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('plans.goals.addedBy')}</dt>
          <dd>{authorName(goal.addedBy)}</dd>
        </div>
        <div>
          <dt>{t('plans.goals.latestScore')}</dt>
          <dd className="samenspel-latest-score">
            {goal.latestScore === null ? (
              t('plans.goals.notRated')
            ) : (
              <>
                <GasScore score={goal.latestScore} />
                {goal.latestCorrected && (
                  <>
                    {' '}
                    <CorrectedBadge />
                  </>
                )}
              </>
            )}
          </dd>
        </div>
      </dl>
      {goal.actions.length > 0 && (
        <ItemsTable
          caption={t('plans.actions.caption', { goal: goal.description })}
          empty={null}
          items={goal.actions}
          rowKey={(a) => a.id}
          columns={[
            { header: t('plans.actions.description'), rowHeader: true, cell: (a) => a.description },
            { header: t('plans.actions.owner'), cell: (a) => a.ownerFamily ? t('plans.actions.family') : (a.owner ?? t('common.unknown')) },
            { header: t('plans.actions.deadline'), cell: (a) => a.deadline ? <time dateTime={a.deadline}>{formatDate(a.deadline, lng)}</time> : t('common.none') },
          ]}
        />
      )}
      {goal.evaluations.length > 0 && (
        <ItemsTable
          caption={t('plans.evaluations.caption', { goal: goal.description })}
          empty={null}
          items={goal.evaluations}
          rowKey={(e) => e.id}
          columns={[
            {
              header: t('plans.evaluations.date'),
              rowHeader: true,
              cell: (e) => (
                <>
                  <time dateTime={e.evaluatedOn}>{formatDate(e.evaluatedOn, lng)}</time>
                </>
              ),
            },
            {
              header: t('plans.evaluations.score'),
              cell: (e) =>
                e.correctedBy ? (
                  <>
                    <del>
                      <GasScore score={e.score} />
                    </del>{' '}
                    <span className="samenspel-badge samenspel-badge--status">{t('plans.evaluations.replaced')}</span>
                  </>
                ) : (
                  <>
                    <GasScore score={e.score} />
                    {e.corrects && (
                      <>
                        {' '}
                        <CorrectedBadge />
                      </>
                    )}
                  </>
                ),
            },
            { header: t('plans.evaluations.ratedBy'), cell: (e) => authorName(e.ratedBy) },
            {
              header: t('plans.evaluations.comment'),
              cell: (e) => (e.corrects ? t('plans.evaluations.correctionOf', { reason: e.correctionReason ?? '' }) : (e.comment ?? t('common.none'))),
            },
          ]}
        />
      )}
      {open && professional && (
        <details className="samenspel-disclosure">
          <summary>{t('plans.actions.addSummary')}</summary>
          <AddActionForm plan={plan} goal={goal} team={k?.team ?? []} onDone={onDone} />
        </details>
      )}
      <details className="samenspel-disclosure">
        <summary>{t('plans.evaluations.addSummary')}</summary>
        <EvaluateGoalForm plan={plan} goal={goal} onDone={onDone} />
      </details>
      {plan.can.correctEvaluation && goal.evaluations.length > 0 && (
        <details className="samenspel-disclosure">
          <summary>{t('plans.evaluations.correctSummary')}</summary>
          <CorrectEvaluationForm plan={plan} goal={goal} onDone={onDone} />
        </details>
      )}
    </article>
  );
}

/** A score that is a correction of an earlier evaluation ("gecorrigeerd"). */
function CorrectedBadge() {
  const { t } = useTranslation();
  return <span className="samenspel-badge samenspel-badge--attention">{t('plans.evaluations.correctedBadge')}</span>;
}
