import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors } from '../../api.ts';
import type { Page } from '../../types.ts';
import { formatDate } from '../../format.ts';
import { pageFrom } from '../../url.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorAlert, Loading, LiveStatus } from '../../components/Alerts.tsx';
import { SelectField, TextAreaField } from '../../components/Fields.tsx';
import { Pager } from '../../components/Pager.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../../components/Table.tsx';

type GrantStatus = 'pending' | 'granted' | 'rejected';

interface RoleGrant {
  id: string;
  personName: string;
  organisationName: string;
  role: string;
  status: GrantStatus;
  requestedAt: string;
  requestedBy: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  fromImport: boolean;
  can: { decide: boolean };
}

const STATUSES: GrantStatus[] = ['pending', 'granted', 'rejected'];

/**
 * Roles that see children's data, given to someone: the functional administrators approve what
 * waits for a second administrator (where the region requires it); the privacy officer reads who was
 * given access to children, by whom and when. What each may do comes from the server (`can`).
 */
export function RoleGrantsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const status = STATUSES.find((s) => s === params.get('status')) ?? '';
  const [message, setMessage] = useState('');
  const list = useQuery({
    queryKey: ['role-grants', status, page],
    queryFn: () => api.get<Page<RoleGrant> & { can: { approve: boolean } }>('/role-grants', { status: status || undefined, page }),
    placeholderData: keepPreviousData,
  });
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'pagina') next.delete('pagina');
    setParams(next);
  };
  const data = list.data;
  const lng = i18n.language;
  // Administrators approve; the privacy officer reads (the server says which).
  const approver = data?.can.approve ?? false;
  return (
    <>
      <PageHeading title={t('roleGrants.title')} />
      {data && <p className="utrecht-paragraph">{t(approver ? 'roleGrants.introAdmin' : 'roleGrants.introPrivacy')}</p>}
      <LiveStatus>{message}</LiveStatus>
      <div className="samenspel-form">
        <SelectField id="role-grant-status" label={t('roleGrants.filter')} value={status} onChange={(e) => setParam('status', e.target.value || null)}>
          <option value="">{t('roleGrants.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`roleGrants.status.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {list.isPending && <Loading label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {data && data.items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t(status === 'pending' ? 'roleGrants.nonePending' : 'roleGrants.none')}</p>}
      {data && data.items.length > 0 && (
        <>
          <p className="utrecht-paragraph">{t('roleGrants.count', { count: data.total })}</p>
          <Table caption={t('roleGrants.caption')}>
              <THead>
                <Th>{t('roleGrants.person')}</Th>
                <Th>{t('roleGrants.role')}</Th>
                <Th>{t('roleGrants.requested')}</Th>
                <Th>{t('roleGrants.decision')}</Th>
              </THead>
              <TBody>
                {data.items.map((g) => (
                  <Tr key={g.id}>
                    <Th row>{g.personName}</Th>
                    <Td>
                      {t(`roles.${g.role}`, { defaultValue: g.role })}, {g.organisationName}
                    </Td>
                    <Td>
                      {formatDate(g.requestedAt.slice(0, 10), lng)}
                      {g.requestedBy ? ` – ${g.requestedBy}` : ` – ${t('roleGrants.commandLine')}`}
                      {g.fromImport && <div className="samenspel-hint">{t('roleGrants.fromImport')}</div>}
                    </Td>
                    <Td>
                      <strong>{t(`roleGrants.status.${g.status}`)}</strong>
                      {g.decidedAt && g.decidedBy && <> {t('roleGrants.decidedBy', { name: g.decidedBy, date: formatDate(g.decidedAt.slice(0, 10), lng) })}</>}
                      {g.decisionReason && <div>{g.decisionReason}</div>}
                      {g.can.decide && <Decide grant={g} onDone={setMessage} />}
                      {g.status === 'pending' && !g.can.decide && approver && <div className="samenspel-hint">{t('roleGrants.otherAdmin')}</div>}
                    </Td>
                  </Tr>
                ))}
              </TBody>
          </Table>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={(n) => setParam('pagina', String(n))} />
        </>
      )}
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
    void queryClient.invalidateQueries({ queryKey: ['role-grants'] });
    void queryClient.invalidateQueries({ queryKey: ['people'] });
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
