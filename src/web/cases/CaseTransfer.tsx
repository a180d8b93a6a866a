import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { CaseDetail } from '../shared/types.ts';
import type { Contract } from '../../contracts/common.ts';
import type { CaseTransferred } from '../../contracts/cases.ts';
import { qk } from '../shared/query-keys.ts';
import { Alert } from '../shared/Alerts.tsx';
import { Section } from '../shared/Section.tsx';
import { SelectField, TextAreaField } from '../shared/Fields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import type { Stale } from '../shared/StaleNotice.tsx';

export type Transferred = Contract<typeof CaseTransferred>;

/**
 * A case follows the child (issue 13): who manages the open case hands it to the new school — one
 * of the schools where the child is enrolled today (`transferTargets`, from the server), its care
 * coordinator as the new case manager, and the reason. Without a consent naming that school the
 * form says to record the family's consent first (the server refuses it too, 422).
 */
export function TransferCase({ k, stale, onTransferred }: { k: CaseDetail; stale: Stale; onTransferred: (result: Transferred) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const targets = k.transferTargets ?? [];
  const [organisationId, setOrganisationId] = useState('');
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  const target = targets.find((x) => x.organisationId === organisationId);
  const form = useApiForm({
    mutationFn: (body: { toOrganisationId: string; toPersonId: string; reason: string }) => api.post<Transferred>(`/cases/${k.id}/transfer`, { ...body, version: stale.version() }),
    fields: ['toOrganisationId', 'toPersonId', 'reason'],
    stale,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: qk.cases.all });
      onTransferred(result);
    },
  });
  return (
    <Section id="case-transfer" heading={t('cases.transfer.heading')}>
      <p className="utrecht-paragraph">{t('cases.transfer.intro')}</p>
      {targets.length === 0 ? (
        <p className="utrecht-paragraph samenspel-hint">{t('cases.transfer.noTargets')}</p>
      ) : (
        <ApiFormView form={form} onSubmit={() => form.mutation.mutate({ toOrganisationId: organisationId, toPersonId: personId, reason })} submit={t('cases.transfer.submit')} appearance="secondary-action-button">
          <SelectField
            id="transfer-school"
            label={t('cases.transfer.school')}
            description={t('cases.transfer.schoolHint')}
            required
            value={organisationId}
            error={form.byField.toOrganisationId}
            onChange={(e) => {
              setOrganisationId(e.target.value);
              setPersonId('');
            }}
          >
            <option value="">{t('cases.transfer.chooseSchool')}</option>
            {targets.map((s) => (
              <option key={s.organisationId} value={s.organisationId}>
                {s.name}
              </option>
            ))}
          </SelectField>
          {/* Said before sending; once the server said it at the field, once is enough. */}
          {target &&
            !form.byField.toOrganisationId &&
            (target.consentNamesIt ? (
              <p className="utrecht-paragraph samenspel-hint">{t('cases.transfer.consentOk', { school: target.name })}</p>
            ) : (
              <Alert type="warning">
                <p className="utrecht-paragraph">{t('cases.transfer.noConsent', { school: target.name })}</p>
                {k.canManage && (
                  <p className="utrecht-paragraph">
                    <a className="utrecht-link utrecht-link--html-a" href="#case-record-consent">
                      {t('cases.transfer.toConsent')}
                    </a>
                  </p>
                )}
              </Alert>
            ))}
          <SelectField id="transfer-person" label={t('cases.transfer.coordinator')} required value={personId} error={form.byField.toPersonId} disabled={!target} onChange={(e) => setPersonId(e.target.value)}>
            <option value="">{target ? t('cases.transfer.chooseCoordinator') : t('cases.transfer.chooseSchoolFirst')}</option>
            {(target?.coordinators ?? []).map((c) => (
              <option key={c.personId} value={c.personId}>
                {c.name}
              </option>
            ))}
          </SelectField>
          {target && target.coordinators.length === 0 && <p className="utrecht-paragraph samenspel-hint">{t('cases.transfer.noCoordinators', { school: target.name })}</p>}
          <TextAreaField
            id="transfer-reason"
            label={t('cases.transfer.reason')}
            description={t('cases.transfer.reasonHint')}
            required
            rows={3}
            maxLength={2000}
            value={reason}
            error={form.byField.reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </ApiFormView>
      )}
    </Section>
  );
}
