import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import type { CaseDetail } from '../types.ts';
import { caseChanged, useCases } from '../cases.ts';
import { SelectField } from '../components/Fields.tsx';
import { ReasonForm } from '../components/ReasonForm.tsx';
import { FormErrors, useApiForm } from '../components/ApiForm.tsx';

/** For the case owner or manager of an open case: link a sibling's case as one family, and close the case. */
export function CaseManage({ k, onDone }: { k: CaseDetail; onDone: (message: string) => void }) {
  return (
    <>
      <LinkSibling k={k} onDone={onDone} />
      <CloseCase k={k} onDone={onDone} />
    </>
  );
}

function LinkSibling({ k, onDone }: { k: CaseDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const cases = useCases(false);
  const [other, setOther] = useState('');
  const linked = new Set((k.siblings ?? []).map((s) => s.caseId));
  const candidates = (cases.data?.items ?? []).filter((c) => c.id !== k.id && !c.limited && c.status === 'open' && !linked.has(c.id));
  const { mutation, byField, other: otherErrors, formRef } = useApiForm({
    mutationFn: (body: { caseId: string }) => api.post<CaseDetail>(`/cases/${k.id}/siblings`, body),
    fields: ['caseId'],
    onSuccess: () => {
      setOther('');
      onDone(t('cases.manage.siblingLinked'));
      caseChanged(queryClient, k.id, k.child?.id);
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ caseId: other });
  }
  return (
    <section className="samenspel-section" aria-labelledby="case-sibling">
      <h2 id="case-sibling" className="utrecht-heading-2">
        {t('cases.manage.siblingHeading')}
      </h2>
      <p className="utrecht-paragraph">{t('cases.manage.siblingIntro')}</p>
      <FormErrors mutation={mutation} byField={byField} other={otherErrors} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <SelectField id="sibling-case" label={t('cases.manage.siblingCase')} required value={other} error={byField.caseId} onChange={(e) => setOther(e.target.value)}>
          <option value="">{t('cases.manage.chooseCase')}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.child?.name} — {c.title}
            </option>
          ))}
        </SelectField>
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button" busy={mutation.isPending}>
            {t('cases.manage.siblingSubmit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function CloseCase({ k, onDone }: { k: CaseDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ReasonForm
      id="case-close"
      heading={t('cases.manage.closeHeading')}
      intro={t('cases.manage.closeIntro')}
      label={t('cases.manage.closeReason')}
      submitLabel={t('cases.manage.closeSubmit')}
      send={(reason) => api.post<CaseDetail>(`/cases/${k.id}/close`, { reason })}
      onSuccess={() => {
        onDone(t('cases.manage.closed'));
        caseChanged(queryClient, k.id, k.child?.id);
      }}
    />
  );
}
