import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { CaseDetail } from '../shared/types.ts';
import { ErrorAlert } from '../shared/Alerts.tsx';
import { Facts, Section } from '../shared/Section.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { useOrganisations } from '../cases/data.ts';
import type { RequestKind } from '../../contracts/values/requests.ts';
import { coveredKinds, requestChanged, schoolsOfCase, type RequestDetail, type SendRequestBody } from './data.ts';
import { ReceiverField, receiversOf } from './ReceiverField.tsx';
import { RequestFields, emptyRequestFields, requestFieldsBody } from './RequestFields.tsx';

const SEND_FIELDS = ['kind', 'toOrganisationId', 'question', 'tried', 'urgency', 'goal', 'backToSchool', 'dataKinds'] as const;

/**
 * Sending a request from a case (POST /cases/:id/requests): who keeps the case sends a referral or
 * a request to another organisation, a team member of another organisation asks the school a
 * question (`kinds`, from the case's `can`). The receiver is picked from the organisations of the
 * kind that receives it; the data shared must be covered by a valid consent naming the receiver
 * (the form says what the consent covers; the server decides and names the field otherwise).
 */
export function SendRequestForm({ k, kinds, onDone }: { k: CaseDetail; kinds: readonly RequestKind[]; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const organisations = useOrganisations();
  const [kind, setKind] = useState<RequestKind | ''>(kinds.length === 1 ? kinds[0] : '');
  const [to, setTo] = useState('');
  // Sent for a thuiszitter's entry (its page links here with ?thuiszitter=): the way back to school is the goal.
  const [params, setParams] = useSearchParams();
  const thuiszitterId = params.get('thuiszitter');
  const [fields, setFields] = useState(() => emptyRequestFields({ backToSchool: !!thuiszitterId }));

  const all = organisations.data?.items ?? [];
  const receivers = kind === 'question_to_school' ? schoolsOfCase(k, all) : receiversOf(kind, all);
  // One receiver possible: that one. After another kind is chosen, a receiver of the old kind is dropped.
  const chosen = receivers.length === 1 ? receivers[0].id : receivers.some((o) => o.id === to) ? to : '';
  const receiver = receivers.find((o) => o.id === chosen);

  const form = useApiForm({
    mutationFn: (body: SendRequestBody) => api.post<RequestDetail>(`/cases/${encodeURIComponent(k.id)}/requests`, body),
    fields: SEND_FIELDS,
    onSuccess: (created) => {
      requestChanged(queryClient, created);
      if (kinds.length > 1) setKind('');
      setTo('');
      setFields(emptyRequestFields());
      if (thuiszitterId) {
        params.delete('thuiszitter');
        setParams(params, { replace: true });
      }
      onDone(t('requests.send.done', { kind: t(`requests.kinds.${created.kind}`), organisation: created.to.name }));
      document.getElementById('case-requests')?.scrollIntoView();
    },
  });
  const { byField } = form;
  function onSubmit() {
    form.mutation.mutate({
      // The server's schema names the fields that were left empty.
      kind: kind as RequestKind,
      toOrganisationId: chosen,
      ...requestFieldsBody(fields),
      // The school keeps the case and sees its data already; the contract asks for at least one kind.
      ...(kind === 'question_to_school' ? { dataKinds: ['identity' as const] } : {}),
      ...(thuiszitterId && kind !== 'question_to_school' ? { thuiszitterId } : {}),
    });
  }

  const onlyQuestion = kinds.length === 1 && kinds[0] === 'question_to_school';
  const toSchool = kind === 'question_to_school';
  // The one school that keeps the case: named, not chosen.
  const fixedSchool = toSchool && receivers.length === 1;
  return (
    <Section id="case-send-request" panel heading={onlyQuestion ? t('requests.send.headingQuestion') : t('requests.send.heading')}>
      <p className="utrecht-paragraph">{onlyQuestion ? t('requests.send.introQuestion') : t('requests.send.intro')}</p>
      {thuiszitterId && !onlyQuestion && <p className="utrecht-paragraph">{t('requests.send.forThuiszitter')}</p>}
      {organisations.isError && <ErrorAlert error={organisations.error} />}
      <ApiFormView form={form} onSubmit={onSubmit} submit={t('requests.send.submit')}>
        {kinds.length > 1 && (
          <RadioGroupField
            id="request-kind"
            name="request-kind"
            legend={t('requests.send.kind')}
            options={kinds.map((x) => ({ value: x, label: t(`requests.kinds.${x}`), description: t(`requests.kindHints.${x}`) }))}
            value={kind}
            error={byField.kind}
            onChange={setKind}
          />
        )}
        {(kinds.length === 1 || fixedSchool) && (
          <Facts
            className="samenspel-form-facts"
            items={[kinds.length === 1 && [t('requests.send.kind'), t(`requests.kinds.${kinds[0]}`)], fixedSchool && [t('requests.send.to'), receivers[0].name]]}
          />
        )}
        <ReceiverField kind={kind} receivers={receivers} chosen={chosen} loading={organisations.isPending} error={byField.toOrganisationId} onChange={setTo} />
        <RequestFields idPrefix="request" value={fields} onChange={setFields} errors={byField} toSchool={toSchool} dataKindsHint={<ConsentHint k={k} receiver={receiver} />} />
      </ApiFormView>
    </Section>
  );
}

/** What the consent of the case covers for the chosen receiver (for who sees the case's consents). */
function ConsentHint({ k, receiver }: { k: CaseDetail; receiver?: { id: string; name: string } }) {
  const { t } = useTranslation();
  if (!receiver) return t('requests.send.dataKindsHint');
  const covered = coveredKinds(k, receiver.id);
  if (covered === null) return t('requests.send.dataKindsHint');
  if (covered.length === 0) return t('requests.send.consentNone', { organisation: receiver.name });
  return t('requests.send.consentCovers', { organisation: receiver.name, kinds: covered.map((d) => t(`consents.kinds.${d}`)).join(', ') });
}
