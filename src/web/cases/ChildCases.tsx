import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { CaseDetail } from '../shared/types.ts';
import { formatDate } from '../shared/format.ts';
import { useCases, useChildPlans } from './data.ts';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { TextAreaField, TextField } from '../shared/Fields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { CaseStatusBadge } from './CaseBadges.tsx';
import type { CaseOpenedState } from './data.ts';
import { qk } from '../shared/query-keys.ts';
import { Section } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';

/**
 * For the school's care coordinator on the child page: the cases of this child at the own school,
 * and "Casus openen" directly (without a signal).
 */
export function ChildCases({ childId, name }: { childId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const query = useCases(false, childId);
  const items = query.data?.items;
  return (
    <Section id="child-cases" heading={t('cases.child.heading')}>
      {query.isPending && <Loading label={t('cases.list.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {items && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('cases.child.empty', { name })}</p>}
      {items && items.length > 0 && (
        <ItemsTable
          caption={t('cases.child.caption', { name })}
          captionHidden
          empty={null}
          items={items}
          rowKey={(c) => c.id}
          columns={[
            {
              header: t('cases.columns.case'),
              rowHeader: true,
              cell: (c) => (
                <>
                  <AppLink to={`/casussen/${c.id}`}>{c.title ?? t('cases.limitedTitle')}</AppLink>
                </>
              ),
            },
            {
              header: t('cases.columns.status'),
              cell: (c) => (
                <CaseStatusBadge status={c.status} />
              ),
            },
            {
              header: t('cases.columns.openedOn'),
              cell: (c) => (
                <>
                  <time dateTime={c.openedOn}>{formatDate(c.openedOn, i18n.language)}</time>
                </>
              ),
            },
            { header: t('cases.columns.caseManager'), cell: (c) => c.caseManagerName },
          ]}
        />
      )}
      <OpenCase childId={childId} name={name} />
    </Section>
  );
}

/** What another page may fill in beforehand (router state), e.g. the early-warning list: the user still checks and opens. */
export interface OpenCasePrefillState {
  openCasePrefill: { title?: string; reason?: string };
}

function OpenCase({ childId, name }: { childId: string; name: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const prefill = (useLocation().state as Partial<OpenCasePrefillState> | null)?.openCasePrefill;
  const [title, setTitle] = useState(prefill?.title ?? '');
  const [reason, setReason] = useState(prefill?.reason ?? '');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const arrivedToOpen = useRef(Boolean(prefill));
  // Arriving to open a case (from the early-warning list): the keyboard starts at this form.
  useEffect(() => {
    if (!arrivedToOpen.current) return;
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView?.({ block: 'start' });
  }, []);
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { childId: string; title: string; reason: string | null }) => api.post<CaseDetail>('/cases', body),
    fields: ['title', 'reason', 'nextEvaluationOn'],
    onSuccess: (opened) => {
      queryClient.setQueryData(qk.case(opened.id), opened);
      void queryClient.invalidateQueries({ queryKey: qk.cases.all });
      const state: CaseOpenedState = { opened: true };
      void navigate(`/casussen/${opened.id}`, { state });
    },
  });
  function onSubmit() {
    if (!mutation.isPending) mutation.mutate({ childId, title, reason: reason.trim() || null });
  }
  return (
    <>
      <h3 id="casus-openen" ref={headingRef} tabIndex={-1} className="utrecht-heading-3">
        {t('cases.open.heading')}
      </h3>
      <p className="utrecht-paragraph">{t('cases.open.intro', { name })}</p>
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('cases.open.submit')}>
        <TextField id="open-case-title" label={t('cases.open.title')} description={t('signals.triage.caseTitleHint')} maxLength={200} value={title} error={byField.title} onChange={(e) => setTitle(e.target.value)} />
        <TextAreaField id="open-case-reason" label={t('cases.open.reason')} optional rows={3} maxLength={2000} value={reason} error={byField.reason} onChange={(e) => setReason(e.target.value)} />
      </ApiFormView>
    </>
  );
}

/** The plans of this child's cases, for whoever may see the plan (parents, the young person, the case owner). */
export function ChildPlans({ childId, name }: { childId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const query = useChildPlans(childId, true);
  const items = query.data?.items;
  return (
    <Section id="child-plans" heading={t('plans.child.heading')}>
      {query.isPending && <Loading label={t('plans.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {items && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('plans.child.empty', { name })}</p>}
      {items && items.length > 0 && (
        <ul className="utrecht-unordered-list">
          {items.map((p) => (
            <li key={p.id} className="utrecht-unordered-list__item">
              <AppLink to={`/plannen/${p.id}`}>{p.title}</AppLink> – {t(`cases.status.${p.status}`)} –{' '}
              {t('plans.child.nextEvaluation', { date: formatDate(p.nextEvaluationOn, i18n.language) })}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
