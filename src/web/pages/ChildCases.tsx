import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import type { CaseDetail } from '../types.ts';
import { formatDate } from '../format.ts';
import { caseKey, casesKey, useCases, useChildPlans } from '../cases.ts';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { TextAreaField, TextField } from '../components/Fields.tsx';
import { FormErrors, useApiForm } from '../components/ApiForm.tsx';
import { CaseStatusBadge } from '../components/CaseBits.tsx';
import type { CaseOpenedState } from './CasePage.tsx';

/**
 * For the school's care coordinator on the child page: the cases of this child at the own school,
 * and "Casus openen" directly (without a signal).
 */
export function ChildCases({ childId, name }: { childId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const query = useCases(false, childId);
  const items = query.data?.items;
  return (
    <section className="samenspel-section" aria-labelledby="child-cases">
      <h2 id="child-cases" className="utrecht-heading-2">
        {t('cases.child.heading')}
      </h2>
      {query.isPending && <Loading label={t('cases.list.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {items && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('cases.child.empty', { name })}</p>}
      {items && items.length > 0 && (
        <Table caption={t('cases.child.caption', { name })} captionHidden>
          <THead>
            <Th>{t('cases.columns.case')}</Th>
            <Th>{t('cases.columns.status')}</Th>
            <Th>{t('cases.columns.openedOn')}</Th>
            <Th>{t('cases.columns.caseManager')}</Th>
          </THead>
          <TBody>
            {items.map((c) => (
              <Tr key={c.id}>
                <Th row>
                  <AppLink to={`/casussen/${c.id}`}>{c.title ?? t('cases.limitedTitle')}</AppLink>
                </Th>
                <Td>
                  <CaseStatusBadge status={c.status} />
                </Td>
                <Td>
                  <time dateTime={c.openedOn}>{formatDate(c.openedOn, i18n.language)}</time>
                </Td>
                <Td>{c.caseManagerName}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <OpenCase childId={childId} name={name} />
    </section>
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
      queryClient.setQueryData(caseKey(opened.id), opened);
      void queryClient.invalidateQueries({ queryKey: casesKey });
      const state: CaseOpenedState = { opened: true };
      void navigate(`/casussen/${opened.id}`, { state });
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ childId, title, reason: reason.trim() || null });
  }
  return (
    <>
      <h3 id="casus-openen" ref={headingRef} tabIndex={-1} className="utrecht-heading-3">
        {t('cases.open.heading')}
      </h3>
      <p className="utrecht-paragraph">{t('cases.open.intro', { name })}</p>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextField id="open-case-title" label={t('cases.open.title')} description={t('signals.triage.caseTitleHint')} maxLength={200} value={title} error={byField.title} onChange={(e) => setTitle(e.target.value)} />
        <TextAreaField id="open-case-reason" label={t('cases.open.reason')} optional rows={3} maxLength={2000} value={reason} error={byField.reason} onChange={(e) => setReason(e.target.value)} />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
            {t('cases.open.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}

/** The plans of this child's cases, for whoever may see the plan (parents, the young person, the case owner). */
export function ChildPlans({ childId, name }: { childId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const query = useChildPlans(childId, true);
  const items = query.data?.items;
  return (
    <section className="samenspel-section" aria-labelledby="child-plans">
      <h2 id="child-plans" className="utrecht-heading-2">
        {t('plans.child.heading')}
      </h2>
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
    </section>
  );
}
