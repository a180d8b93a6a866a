import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { CaseDetail, Consent, ConsentMethod } from '../shared/types.ts';
import type { Contract } from '../../contracts/common.ts';
import type { RecordConsentBody, RecordedConsent } from '../../contracts/cases.ts';
import { formatDate } from '../shared/format.ts';
import { addToDate, caseChanged, todayIso, useOrganisations } from './data.ts';
import { SHAREABLE_KINDS, WITHDRAWAL_METHODS, type ShareableKind, type WithdrawalMethod } from '../../contracts/values/cases.ts';
import { ErrorAlert } from '../shared/Alerts.tsx';
import { ItemsTable } from '../shared/ListView.tsx';
import { Section } from '../shared/Section.tsx';
import { SelectField, TextAreaField } from '../shared/Fields.tsx';
import { CheckboxGroupField, RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { ConsentStatusBadge } from './CaseBadges.tsx';
import { ConsentGiversField, ConsentRuleNote, ConsentWhenFields, giversBody, type ConsentWhen } from './ConsentFields.tsx';

type Done = (message: string) => void;

/** The consents recorded in this case, newest first, and (for the case owner) the way to withdraw one. */
export function ConsentsSection({ k, consents, onDone }: { k: CaseDetail; consents: Consent[]; onDone: Done }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <Section id="case-consents" heading={t('consents.heading')}>
      {consents.length === 0 ? (
        <p className="utrecht-paragraph samenspel-empty">{t('consents.empty')}</p>
      ) : (
        <ItemsTable
          caption={t('consents.caption')}
          captionHidden
          empty={null}
          items={consents}
          rowKey={(c) => c.id}
          columns={[
            { header: t('consents.columns.purpose'), rowHeader: true, cell: (c) => c.purpose },
            { header: t('consents.columns.recipients'), cell: (c) => c.recipients.map((r) => r.name).join(', ') },
            { header: t('consents.columns.dataKinds'), cell: (c) => c.dataKinds.map((d) => t(`consents.kinds.${d}`, { defaultValue: d })).join(', ') },
            { header: t('consents.columns.givenBy'), cell: (c) => c.givenBy.map((g) => (g.child ? t('consents.childSelf') : (g.name ?? t('common.unknown')))).join(', ') },
            { header: t('consents.columns.method'), cell: (c) => t(`consents.methods.${c.method}`) },
            { header: t('consents.columns.period'), cell: (c) => t('consents.period', { from: formatDate(c.givenOn, lng), until: formatDate(c.validUntil, lng) }) },
            {
              header: t('consents.columns.status'),
              cell: (c) => (
                <>
                  <ConsentStatusBadge status={c.status} />
                  {c.withdrawnOn && <> {t('consents.withdrawnOn', { date: formatDate(c.withdrawnOn, lng) })}</>}
                </>
              ),
            },
          ]}
        />
      )}
      {k.canManage && k.consentRule && consents.some((c) => c.status === 'valid' || c.status === 'not_yet_valid') && (
        <WithdrawConsent k={k} consents={consents.filter((c) => c.status === 'valid' || c.status === 'not_yet_valid')} onDone={onDone} />
      )}
    </Section>
  );
}

function WithdrawConsent({ k, consents, onDone }: { k: CaseDetail; consents: Consent[]; onDone: Done }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [consentId, setConsentId] = useState(consents.length === 1 ? consents[0].id : '');
  const [by, setBy] = useState('');
  const [method, setMethod] = useState<'' | WithdrawalMethod>('');
  const [reason, setReason] = useState('');
  const chosen = consents.some((c) => c.id === consentId) ? consentId : '';
  const form = useApiForm({
    mutationFn: (vars: { consentId: string; body: { byGuardianId?: string; byChild?: boolean; method?: string; reason?: string } }) =>
      api.post(`/consents/${encodeURIComponent(vars.consentId)}/withdraw`, vars.body),
    fields: ['byGuardianId', 'byChild', 'method', 'reason', 'consentId'],
    onSuccess: () => {
      setBy('');
      setMethod('');
      setReason('');
      setConsentId('');
      onDone(t('consents.withdraw.done'));
      caseChanged(queryClient, k.id, k.child?.id);
    },
  });
  const { byField } = form;
  function onSubmit() {
    const body = { ...(by === 'child' ? { byChild: true } : by ? { byGuardianId: by } : {}), method: method || undefined, reason: reason.trim() || undefined };
    form.mutation.mutate({ consentId: chosen, body });
  }
  // Only who may withdraw today (by the child's age): the server says who.
  const withdrawBy = k.consentRule?.withdrawBy;
  const options = [...(withdrawBy?.guardians ?? []).map((g) => ({ value: g.id, label: g.name })), ...(withdrawBy?.child ? [{ value: 'child', label: t('consents.withdraw.byChild') }] : [])];
  return (
    <>
      <h3 className="utrecht-heading-3">{t('consents.withdraw.heading')}</h3>
      <p className="utrecht-paragraph">{t('consents.withdraw.intro')}</p>
      <ApiFormView form={form} onSubmit={onSubmit} submit={t('consents.withdraw.submit')} appearance="secondary-action-button" danger disabled={!chosen}>
        <SelectField id="withdraw-consent" label={t('consents.withdraw.which')} value={chosen} error={byField.consentId} onChange={(e) => setConsentId(e.target.value)}>
          <option value="">{t('consents.withdraw.choose')}</option>
          {consents.map((c) => (
            <option key={c.id} value={c.id}>
              {t('consents.withdraw.option', { purpose: c.purpose, date: formatDate(c.givenOn, i18n.language) })}
            </option>
          ))}
        </SelectField>
        <RadioGroupField id="withdraw-by" name="withdraw-by" legend={t('consents.withdraw.by')} options={options} value={by} error={byField.byGuardianId ?? byField.byChild} onChange={setBy} />
        <RadioGroupField
          id="withdraw-method"
          name="withdraw-method"
          legend={t('consents.withdraw.method')}
          options={WITHDRAWAL_METHODS.map((m) => ({ value: m, label: t(`consents.methods.${m}`) }))}
          value={method}
          error={byField.method}
          onChange={setMethod}
        />
        <TextAreaField id="withdraw-consent-reason" label={t('consents.withdraw.reason')} optional rows={3} maxLength={2000} value={reason} error={byField.reason} onChange={(e) => setReason(e.target.value)} />
      </ApiFormView>
    </>
  );
}

type ConsentBody = Contract<typeof RecordConsentBody>;

const CONSENT_FIELDS = ['purpose', 'dataKinds', 'recipientOrganisationIds', 'givers/guardianIds', 'givers/childSelf', 'givers', 'method', 'givenOn', 'validUntil'] as const;

/**
 * "Toestemming vastleggen": the age rule on top (who must consent), then purpose, kinds of data,
 * recipients, who gave it, how, and the period. The server checks the age rule and answers with
 * field errors (givers/guardianIds, givers/childSelf, …), shown at the fieldset they belong to.
 */
export function RecordConsentSection({ k, onDone }: { k: CaseDetail; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const organisations = useOrganisations();
  const today = todayIso();
  const [purpose, setPurpose] = useState('');
  const [dataKinds, setDataKinds] = useState<ShareableKind[]>([]);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [givers, setGivers] = useState<string[]>([]);
  const [when, setWhen] = useState<ConsentWhen>({ method: '', givenOn: today, validUntil: addToDate(today, { years: 1 }) });
  const form = useApiForm({
    mutationFn: (body: ConsentBody) => api.post<Contract<typeof RecordedConsent>>(`/cases/${k.id}/consents`, body),
    fields: CONSENT_FIELDS,
    onSuccess: () => {
      setPurpose('');
      setDataKinds([]);
      setRecipients([]);
      setGivers([]);
      setWhen((w) => ({ ...w, method: '' }));
      onDone(t('consents.record.saved'));
      caseChanged(queryClient, k.id, k.child?.id);
      document.getElementById('case-consents')?.scrollIntoView();
    },
  });
  const { byField } = form;
  const rule = k.consentRule!;
  function onSubmit() {
    form.mutation.mutate({
      purpose,
      dataKinds,
      recipientOrganisationIds: recipients,
      givers: giversBody(givers),
      // The server's schema names the field when no method was chosen.
      method: when.method as ConsentMethod,
      givenOn: when.givenOn,
      validUntil: when.validUntil,
    });
  }
  // The team's organisations first: those are the ones usually named in a consent.
  const teamOrgs = new Set((k.team ?? []).map((m) => m.organisationId));
  const orgs = [...(organisations.data?.items ?? [])].sort((a, b) => Number(teamOrgs.has(b.id)) - Number(teamOrgs.has(a.id)));
  return (
    <Section id="case-record-consent" panel heading={t('consents.record.heading')}>
      <ConsentRuleNote rule={rule} />
      <ApiFormView form={form} onSubmit={onSubmit} submit={t('consents.record.submit')}>
        <TextAreaField
          id="consent-purpose"
          label={t('consents.record.purpose')}
          description={t('consents.record.purposeHint')}
          required
          rows={3}
          maxLength={1000}
          value={purpose}
          error={byField.purpose}
          onChange={(e) => setPurpose(e.target.value)}
        />
        <CheckboxGroupField
          id="consent-data-kinds"
          legend={t('consents.record.dataKinds')}
          options={SHAREABLE_KINDS.map((d) => ({ value: d, label: t(`consents.kinds.${d}`) }))}
          value={dataKinds}
          error={byField.dataKinds}
          onChange={setDataKinds}
        />
        {organisations.isError && <ErrorAlert error={organisations.error} />}
        <CheckboxGroupField
          id="consent-recipients"
          legend={t('consents.record.recipients')}
          description={t('consents.record.recipientsHint')}
          options={orgs.map((o) => ({
            value: o.id,
            label: `${o.name} (${t(`organisationKinds.${o.kind}`, { defaultValue: o.kind })})${teamOrgs.has(o.id) ? ` – ${t('consents.record.inTeam')}` : ''}`,
          }))}
          value={recipients}
          error={byField.recipientOrganisationIds}
          onChange={setRecipients}
        />
        <ConsentGiversField id="consent-givers" rule={rule} value={givers} errors={[byField['givers/guardianIds'], byField['givers/childSelf'], byField.givers]} onChange={setGivers} />
        <ConsentWhenFields
          idPrefix="consent"
          value={when}
          onChange={setWhen}
          today={today}
          errors={{ method: byField.method, givenOn: byField.givenOn, validUntil: byField.validUntil }}
        />
      </ApiFormView>
    </Section>
  );
}
