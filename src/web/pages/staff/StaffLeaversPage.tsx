import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorAlert, Loading, LiveStatus } from '../../components/Alerts.tsx';
import { TextField } from '../../components/Fields.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../../components/Table.tsx';
import { AppLink } from '../../components/AppLink.tsx';

interface Candidate {
  id: string;
  name: string;
  email: string | null;
  organisationName: string;
  roles: string[];
  since: string;
  fileName: string;
}

const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** One probable leaver: confirm with the last working day, or dismiss. */
function CandidateRow({ c, onDone }: { c: Candidate; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [endDate, setEndDate] = useState(todayIso());
  const done = (message: string) => {
    onDone(message);
    void queryClient.invalidateQueries({ queryKey: ['staff-leavers'] });
  };
  const confirm = useMutation({
    mutationFn: () => api.post<{ accountDisabled: boolean }>(`/staff-leavers/${c.id}/confirm`, { endDate }),
    onSuccess: (r) => done(t(r.accountDisabled ? 'staff.leavers.confirmedDisabled' : 'staff.leavers.confirmed', { name: c.name })),
  });
  const dismiss = useMutation({ mutationFn: () => api.post(`/staff-leavers/${c.id}/dismiss`), onSuccess: () => done(t('staff.leavers.dismissed', { name: c.name })) });
  const dateError = fieldErrors(confirm.error, ['endDate']).byField.endDate;
  const id = `leaver-${c.id}`;
  return (
    <Tr>
      <Th row>
        {c.name}
        {c.email && (
          <>
            <br />
            {c.email}
          </>
        )}
      </Th>
      <Td>{c.organisationName}</Td>
      <Td>{c.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')}</Td>
      <Td>{formatDate(c.since.slice(0, 10), i18n.language)}</Td>
      <Td>
        <TextField id={`${id}-date`} type="date" label={t('staff.leavers.endDateFor', { name: c.name })} value={endDate} max={todayIso()} error={dateError} onChange={(e) => setEndDate(e.target.value)} />
        <div className="utrecht-button-group">
          <Button appearance="primary-action-button" busy={confirm.isPending} onClick={() => !confirm.isPending && confirm.mutate()}>
            {t('staff.leavers.confirm')}
            <span className="samenspel-visually-hidden"> ({c.name})</span>
          </Button>
          <Button appearance="secondary-action-button" busy={dismiss.isPending} onClick={() => !dismiss.isPending && dismiss.mutate()}>
            {t('staff.leavers.dismiss')}
            <span className="samenspel-visually-hidden"> ({c.name})</span>
          </Button>
        </div>
        {confirm.isError && !dateError && <ErrorAlert error={confirm.error} />}
        {dismiss.isError && <ErrorAlert error={dismiss.error} />}
      </Td>
    </Tr>
  );
}

/** Probable leavers from full staff exports: nobody leaves until the administrator confirms a date. */
export function StaffLeaversPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const list = useQuery({ queryKey: ['staff-leavers'], queryFn: () => api.get<{ items: Candidate[] }>('/staff-leavers') });
  return (
    <>
      <PageHeading title={t('staff.leavers.title')} />
      <p className="utrecht-paragraph">{t('staff.leavers.intro')}</p>
      <LiveStatus>{status}</LiveStatus>
      {list.isPending && <Loading label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && (
        <p className="utrecht-paragraph">
          {t('staff.leavers.none')} <AppLink to="/beheer/medewerkers/importeren">{t('staff.leavers.toImport')}</AppLink>
        </p>
      )}
      {list.data && list.data.items.length > 0 && (
        <Table caption={t('staff.leavers.caption')}>
          <THead>
            <Th>{t('staff.leavers.person')}</Th>
            <Th>{t('staff.leavers.organisation')}</Th>
            <Th>{t('staff.leavers.roles')}</Th>
            <Th>{t('staff.leavers.since')}</Th>
            <Th>{t('staff.leavers.decision')}</Th>
          </THead>
          <TBody>
            {list.data.items.map((c) => (
              <CandidateRow key={c.id} c={c} onDone={setStatus} />
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
