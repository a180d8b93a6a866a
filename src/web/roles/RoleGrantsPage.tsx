import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors } from '../shared/api.ts';
import type { Contract } from '../../contracts/common.ts';
import type { RoleGrant as RoleGrantSchema, RoleGrantPage } from '../../contracts/registry.ts';
import { ROLE_GRANT_STATUSES } from '../../contracts/values/registry.ts';
import { formatDate } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, LiveStatus } from '../shared/Alerts.tsx';
import { SelectField, TextAreaField, Options } from '../shared/Fields.tsx';
import { ListView } from '../shared/ListView.tsx';
import { useListParams } from '../shared/list-params.ts';
import { qk } from '../shared/query-keys.ts';

type RoleGrant = Contract<typeof RoleGrantSchema>;

const STATUSES = ROLE_GRANT_STATUSES;

/**
 * Roles that see children's data, given to someone: the functional administrators approve what
 * waits for a second administrator (where the region requires it); the privacy officer reads who was
 * given access to children, by whom and when. What each may do comes from the server (`can`).
 */
export function RoleGrantsPage() {
  const { t, i18n } = useTranslation();
  const list = useListParams();
  const page = list.page;
  const status = list.oneOf('status', STATUSES) ?? '';
  const [message, setMessage] = useState('');
  const grants = useQuery({
    queryKey: qk.roleGrants.list(status, page),
    queryFn: () => api.get<Contract<typeof RoleGrantPage>>('/role-grants', { status: status || undefined, page }),
    placeholderData: keepPreviousData,
  });
  const data = grants.data;
  const lng = i18n.language;
  // Administrators approve; the privacy officer reads (the server says which).
  const approver = data?.can.approve ?? false;
  return (
    <>
      <PageHeading title={t('roleGrants.title')} />
      {data && <p className="utrecht-paragraph">{t(approver ? 'roleGrants.introAdmin' : 'roleGrants.introPrivacy')}</p>}
      <LiveStatus>{message}</LiveStatus>
      <div className="samenspel-form">
        <SelectField id="role-grant-status" label={t('roleGrants.filter')} value={status} onChange={(e) => list.apply({ status: e.target.value })}>
          <Options empty={t('roleGrants.all')} values={STATUSES} label={(s) => t(`roleGrants.status.${s}`)} />
        </SelectField>
      </div>
      <ListView
        query={grants}
        caption={t('roleGrants.caption')}
        count={(data) => (data.items.length > 0 ? t('roleGrants.count', { count: data.total }) : '')}
        loadingLabel={t('common.loading')}
        empty={t(status === 'pending' ? 'roleGrants.nonePending' : 'roleGrants.none')}
        onPage={list.goToPage}
        rowKey={(g) => g.id}
        columns={[
          { header: t('roleGrants.person'), rowHeader: true, cell: (g) => g.personName },
          {
            header: t('roleGrants.role'),
            cell: (g) => (
              <>
                {t(`roles.${g.role}`, { defaultValue: g.role })}, {g.organisationName}
              </>
            ),
          },
          {
            header: t('roleGrants.requested'),
            cell: (g) => (
              <>
                {formatDate(g.requestedAt.slice(0, 10), lng)}
                {g.requestedBy ? ` – ${g.requestedBy}` : ` – ${t('roleGrants.commandLine')}`}
                {g.fromImport && <div className="samenspel-hint">{t('roleGrants.fromImport')}</div>}
              </>
            ),
          },
          {
            header: t('roleGrants.decision'),
            cell: (g) => (
              <>
                <strong>{t(`roleGrants.status.${g.status}`)}</strong>
                {g.decidedAt && g.decidedBy && <> {t('roleGrants.decidedBy', { name: g.decidedBy, date: formatDate(g.decidedAt.slice(0, 10), lng) })}</>}
                {g.decisionReason && <div>{g.decisionReason}</div>}
                {g.can.decide && <Decide grant={g} onDone={setMessage} />}
                {g.status === 'pending' && !g.can.decide && approver && <div className="samenspel-hint">{t('roleGrants.otherAdmin')}</div>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

/** Approve, or reject with a reason. */
function Decide({ grant, onDone }: { grant: RoleGrant; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const role = t(`roles.${grant.role}`, { defaultValue: grant.role });
  const done = (key: string) => {
    onDone(t(key, { name: grant.personName, role, organisation: grant.organisationName }));
    void queryClient.invalidateQueries({ queryKey: qk.roleGrants.all });
    void queryClient.invalidateQueries({ queryKey: qk.people.all });
  };
  const approve = useMutation({ mutationFn: () => api.post(`/role-grants/${grant.id}/approve`), onSuccess: () => done('roleGrants.approved') });
  const reject = useMutation({ mutationFn: () => api.post(`/role-grants/${grant.id}/reject`, { reason }), onSuccess: () => done('roleGrants.rejected') });
  const reasonError = fieldErrors(reject.error, ['reason']).byField.reason;
  const id = `grant-${grant.id}`;
  return (
    <div>
      <div className="utrecht-button-group">
        <Button appearance="primary-action-button" busy={approve.isPending} onClick={() => !approve.isPending && approve.mutate()}>
          {t('roleGrants.approve')}
          <span className="samenspel-visually-hidden"> ({grant.personName})</span>
        </Button>
        <Button appearance="secondary-action-button" aria-expanded={rejecting} aria-controls={`${id}-reject`} onClick={() => setRejecting((r) => !r)}>
          {t('roleGrants.reject')}
          <span className="samenspel-visually-hidden"> ({grant.personName})</span>
        </Button>
      </div>
      {approve.isError && <ErrorAlert error={approve.error} />}
      {rejecting && (
        <form
          id={`${id}-reject`}
          className="samenspel-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!reject.isPending) reject.mutate();
          }}
        >
          <TextAreaField id={`${id}-reason`} label={t('roleGrants.reason', { name: grant.personName })} rows={2} maxLength={2000} value={reason} error={reasonError} onChange={(e) => setReason(e.target.value)} />
          <Button type="submit" appearance="secondary-action-button" hint="danger" busy={reject.isPending}>
            {t('roleGrants.rejectSubmit')}
          </Button>
          {reject.isError && !reasonError && <ErrorAlert error={reject.error} />}
        </form>
      )}
    </div>
  );
}
