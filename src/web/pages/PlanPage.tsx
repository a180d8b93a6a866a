import { useParams } from 'react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, isApiError } from '../api.ts';
import { useSession } from '../session.tsx';
import type { CaseDetail, PlanAuthor, PlanDetail, PlanGoal } from '../types.ts';
import { formatDate, formatDateTimeShort, fullName } from '../format.ts';
import { LIFE_DOMAINS, useCase, usePlan } from '../cases.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { CaseStatusBadge, EvaluationDueBadge, GasScore } from '../components/CaseBits.tsx';
import { AddActionForm, AddCommentForm, AddGoalForm, AddObservationForm, AgreementForm, EvaluateGoalForm, OppForm, PlanEvaluatedForm } from './PlanForms.tsx';

/** Who wrote or rated something, in words. */
export function useAuthorName() {
  const { t } = useTranslation();
  return (a: PlanAuthor) => (a.name ? a.name : a.kind === 'child' ? t('plans.byChild') : t('common.unknown'));
}

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
  const caseQuery = useCase(plan?.caseId ?? '', professional && Boolean(plan));
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
          <section className="samenspel-section" aria-labelledby="plan-summary">
            <h2 id="plan-summary" className="utrecht-heading-2">
              {t('plans.summary')}
            </h2>
            <dl className="samenspel-dl">
              <div>
                <dt>{t('plans.case')}</dt>
                <dd>{professional ? <AppLink to={`/casussen/${plan.caseId}`}>{plan.title}</AppLink> : plan.title}</dd>
              </div>
              <div>
                <dt>{t('plans.childLabel')}</dt>
                <dd>
                  <AppLink to={`/kinderen/${plan.child.id}`}>{fullName(plan.child)}</AppLink> ({t('common.ageYears', { count: plan.child.age })})
                </dd>
              </div>
              <div>
                <dt>{t('plans.school')}</dt>
                <dd>{plan.school}</dd>
              </div>
              <div>
                <dt>{t('plans.caseManager')}</dt>
                <dd>{plan.caseManagerName}</dd>
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
          </section>

          <Goals plan={plan} k={k} professional={professional} open={open} onDone={setStatus} />
          <Opp plan={plan} k={k} open={open} onDone={setStatus} />
          <Comments plan={plan} open={open} onDone={setStatus} />
          {professional && <Observations plan={plan} onDone={setStatus} />}
          {professional && open && (
            <section className="samenspel-section samenspel-panel" aria-labelledby="plan-evaluated">
              <h2 id="plan-evaluated" className="utrecht-heading-2">
                {t('plans.evaluated.heading')}
              </h2>
              <p className="utrecht-paragraph">{t('plans.evaluated.intro')}</p>
              <PlanEvaluatedForm plan={plan} onDone={setStatus} />
            </section>
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
    <section className="samenspel-section" aria-labelledby="plan-goals">
      <h2 id="plan-goals" className="utrecht-heading-2">
        {t('plans.goals.heading')}
      </h2>
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
    </section>
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
          <dd className="samenspel-latest-score">{goal.latestScore === null ? t('plans.goals.notRated') : <GasScore score={goal.latestScore} />}</dd>
        </div>
      </dl>
      {goal.actions.length > 0 && (
        <Table caption={t('plans.actions.caption', { goal: goal.description })}>
          <THead>
            <Th>{t('plans.actions.description')}</Th>
            <Th>{t('plans.actions.owner')}</Th>
            <Th>{t('plans.actions.deadline')}</Th>
          </THead>
          <TBody>
            {goal.actions.map((a) => (
              <Tr key={a.id}>
                <Th row>{a.description}</Th>
                <Td>{a.ownerFamily ? t('plans.actions.family') : (a.owner ?? t('common.unknown'))}</Td>
                <Td>{a.deadline ? <time dateTime={a.deadline}>{formatDate(a.deadline, lng)}</time> : t('common.none')}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {goal.evaluations.length > 0 && (
        <Table caption={t('plans.evaluations.caption', { goal: goal.description })}>
          <THead>
            <Th>{t('plans.evaluations.date')}</Th>
            <Th>{t('plans.evaluations.score')}</Th>
            <Th>{t('plans.evaluations.ratedBy')}</Th>
            <Th>{t('plans.evaluations.comment')}</Th>
          </THead>
          <TBody>
            {goal.evaluations.map((e) => (
              <Tr key={e.id}>
                <Th row>
                  <time dateTime={e.evaluatedOn}>{formatDate(e.evaluatedOn, lng)}</time>
                </Th>
                <Td>
                  <GasScore score={e.score} />
                </Td>
                <Td>{authorName(e.ratedBy)}</Td>
                <Td>{e.comment ?? t('common.none')}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
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
    </article>
  );
}

function Opp({ plan, k, open, onDone }: { plan: PlanDetail; k?: CaseDetail; open: boolean; onDone: (m: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const canWrite = Boolean(plan.can?.writeOpp) && open;
  if (!plan.opp && !canWrite) return null;
  const fields = ['exitProfile', 'exitGrounds', 'hinderingFactors', 'supportingFactors', 'support', 'deviations'] as const;
  return (
    <section className="samenspel-section" aria-labelledby="plan-opp">
      <h2 id="plan-opp" className="utrecht-heading-2">
        {t('plans.opp.heading')}
      </h2>
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
    </section>
  );
}

function Comments({ plan, open, onDone }: { plan: PlanDetail; open: boolean; onDone: (m: string) => void }) {
  const { t, i18n } = useTranslation();
  const authorName = useAuthorName();
  const goalName = (id: string | null) => plan.goals.find((g) => g.id === id)?.description;
  return (
    <section className="samenspel-section" aria-labelledby="plan-comments">
      <h2 id="plan-comments" className="utrecht-heading-2">
        {t('plans.comments.heading')}
      </h2>
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
    </section>
  );
}

function Observations({ plan, onDone }: { plan: PlanDetail; onDone: (m: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="samenspel-section" aria-labelledby="plan-observations">
      <h2 id="plan-observations" className="utrecht-heading-2">
        {t('plans.observations.heading')}
      </h2>
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
    </section>
  );
}
