import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import type { Contract } from '../../contracts/common.ts';
import type { ChildConsents as ChildConsentsContract } from '../../contracts/cases.ts';
import { formatDate } from '../shared/format.ts';
import { qk } from '../shared/query-keys.ts';
import { Alert, ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { Facts, Section } from '../shared/Section.tsx';
import { TextAreaField } from '../shared/Fields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { ConsentStatusBadge } from './CaseBadges.tsx';

type ChildConsent = Contract<typeof ChildConsentsContract>['items'][number];

export function useChildConsents(childId: string) {
  return useQuery({
    queryKey: qk.childConsents(childId),
    queryFn: () => api.get<Contract<typeof ChildConsentsContract>>(`/children/${encodeURIComponent(childId)}/consents`),
  });
}

/**
 * On the child's page, for who may see the consents (the parents with authority, the young person,
 * who keeps a case): for what, who may look, which data, given by whom and until when. The family
 * withdraws a consent here when the server says it may (`can.withdraw`: the age rule of today).
 */
export function ChildConsents({ childId, name }: { childId: string; name: string }) {
  const { t } = useTranslation();
  const query = useChildConsents(childId);
  const [done, setDone] = useState('');
  const items = query.data?.items;
  return (
    <Section id="child-consents" heading={t('consents.child.heading')}>
      <p className="utrecht-paragraph">{t('consents.child.intro', { name })}</p>
      {done && (
        <Alert type="ok" role="status">
          {done}
        </Alert>
      )}
      {query.isPending && <Loading label={t('consents.child.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {items && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('consents.child.empty', { name })}</p>}
      {items?.map((c) => <ConsentCard key={c.id} childId={childId} consent={c} onDone={setDone} />)}
    </Section>
  );
}

function ConsentCard({ childId, consent: c, onDone }: { childId: string; consent: ChildConsent; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [withdrawing, setWithdrawing] = useState(false);
  const headingId = `consent-${c.id}`;
  const recipients = c.recipients.map((r) => r.name).join(', ');
  return (
    <article className="samenspel-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="utrecht-heading-3">
        {c.purpose}
      </h3>
      <Facts
        items={[
          [
            t('consents.child.status'),
            <>
              <ConsentStatusBadge status={c.status} />
              {c.withdrawnOn && <> {t('consents.withdrawnOn', { date: formatDate(c.withdrawnOn, lng) })}</>}
            </>,
          ],
          [t('consents.child.case'), c.caseTitle],
          [t('consents.child.recipients'), recipients],
          [t('consents.child.dataKinds'), c.dataKinds.map((d) => t(`consents.kinds.${d}`)).join(', ')],
          [t('consents.child.givenBy'), c.givenBy.map((g) => (g.child ? t('consents.childSelf') : (g.name ?? t('consents.child.aParent')))).join(', ')],
          [t('consents.child.period'), t('consents.period', { from: formatDate(c.givenOn, lng), until: formatDate(c.validUntil, lng) })],
          c.withdrawalReason !== null && [t('consents.child.reason'), c.withdrawalReason],
        ]}
      />
      {c.can.withdraw && !withdrawing && (
        <Button appearance="secondary-action-button" onClick={() => setWithdrawing(true)}>
          {t('consents.child.withdraw')}
          <span className="samenspel-visually-hidden">: {c.purpose}</span>
        </Button>
      )}
      {c.can.withdraw && withdrawing && (
        <WithdrawOwnConsent
          childId={childId}
          consent={c}
          recipients={recipients}
          onCancel={() => setWithdrawing(false)}
          onDone={(m) => {
            setWithdrawing(false);
            onDone(m);
          }}
        />
      )}
    </article>
  );
}

function WithdrawOwnConsent({ childId, consent, recipients, onCancel, onDone }: { childId: string; consent: ChildConsent; recipients: string; onCancel: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const form = useApiForm({
    mutationFn: () => api.post(`/consents/${encodeURIComponent(consent.id)}/withdraw`, reason.trim() ? { reason: reason.trim() } : {}),
    fields: ['reason', 'byGuardianId', 'byChild'],
    onSuccess: () => {
      onDone(t('consents.child.withdrawn', { recipients, count: consent.recipients.length }));
      void queryClient.invalidateQueries({ queryKey: qk.childConsents(childId) });
      void queryClient.invalidateQueries({ queryKey: qk.childPlans(childId) });
    },
  });
  return (
    <>
      <p className="utrecht-paragraph">{t('consents.child.withdrawIntro', { recipients, count: consent.recipients.length })}</p>
      <ApiFormView
        form={form}
        onSubmit={() => form.mutation.mutate()}
        submit={t('consents.child.withdrawConfirm')}
        appearance="secondary-action-button"
        danger
        actions={
          <Button appearance="subtle-button" onClick={onCancel}>
            {t('consents.child.cancel')}
          </Button>
        }
      >
        <TextAreaField
          id={`withdraw-reason-${consent.id}`}
          label={t('consents.child.withdrawReason')}
          optional
          rows={3}
          maxLength={2000}
          value={reason}
          error={form.byField.reason ?? form.byField.byGuardianId ?? form.byField.byChild}
          onChange={(e) => setReason(e.target.value)}
        />
      </ApiFormView>
    </>
  );
}
