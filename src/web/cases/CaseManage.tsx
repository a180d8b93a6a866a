import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { CaseDetail } from '../shared/types.ts';
import { caseChanged, useCases } from './data.ts';
import { SelectField } from '../shared/Fields.tsx';
import { ReasonForm } from '../shared/ReasonForm.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { Section } from '../shared/Section.tsx';
import type { Stale } from '../shared/StaleNotice.tsx';

/**
 * For the case owner or manager of an open case: link a sibling's case as one family, and close the
 * case. Both send the case's version (`stale`, the page's: a stale one is shown at the top).
 */
export function CaseManage({ k, onDone, stale }: { k: CaseDetail; onDone: (message: string) => void; stale: Stale }) {
  return (
    <>
      <LinkSibling k={k} onDone={onDone} stale={stale} />
      <CloseCase k={k} onDone={onDone} stale={stale} />
    </>
  );
}

function LinkSibling({ k, onDone, stale }: { k: CaseDetail; onDone: (message: string) => void; stale: Stale }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const cases = useCases(false);
  const [other, setOther] = useState('');
  const linked = new Set((k.siblings ?? []).map((s) => s.caseId));
  const candidates = (cases.data?.items ?? []).filter((c) => c.id !== k.id && !c.limited && c.status === 'open' && !linked.has(c.id));
  const { mutation, byField, other: otherErrors, formRef } = useApiForm({
    mutationFn: (body: { caseId: string }) => api.post<CaseDetail>(`/cases/${k.id}/siblings`, { ...body, version: stale.version() }),
    fields: ['caseId'],
    stale,
    onSuccess: () => {
      setOther('');
      onDone(t('cases.manage.siblingLinked'));
      caseChanged(queryClient, k.id, k.child?.id);
    },
  });
  function onSubmit() {
    if (!mutation.isPending) mutation.mutate({ caseId: other });
  }
  return (
    <Section id="case-sibling" heading={t('cases.manage.siblingHeading')}>
      <p className="utrecht-paragraph">{t('cases.manage.siblingIntro')}</p>
      <ApiFormView form={{ mutation, byField, other: otherErrors, formRef, stale }} onSubmit={onSubmit} submit={t('cases.manage.siblingSubmit')} appearance="secondary-action-button">
        <SelectField id="sibling-case" label={t('cases.manage.siblingCase')} required value={other} error={byField.caseId} onChange={(e) => setOther(e.target.value)}>
          <option value="">{t('cases.manage.chooseCase')}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.child?.name} — {c.title}
            </option>
          ))}
        </SelectField>
      </ApiFormView>
    </Section>
  );
}

function CloseCase({ k, onDone, stale }: { k: CaseDetail; onDone: (message: string) => void; stale: Stale }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ReasonForm
      id="case-close"
      heading={t('cases.manage.closeHeading')}
      intro={t('cases.manage.closeIntro')}
      label={t('cases.manage.closeReason')}
      submitLabel={t('cases.manage.closeSubmit')}
      send={(reason) => api.post<CaseDetail>(`/cases/${k.id}/close`, { reason, version: stale.version() })}
      stale={stale}
      onSuccess={() => {
        onDone(t('cases.manage.closed'));
        caseChanged(queryClient, k.id, k.child?.id);
      }}
    />
  );
}
