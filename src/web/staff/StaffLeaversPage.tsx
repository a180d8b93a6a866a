import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors } from '../shared/api.ts';
import { formatDate } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, LiveStatus } from '../shared/Alerts.tsx';
import { TextField } from '../shared/Fields.tsx';
import { ListView } from '../shared/ListView.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { qk } from '../shared/query-keys.ts';
import type { Contract } from '../../contracts/common.ts';
import type { StaffLeaver, StaffLeaverConfirmed, StaffLeavers } from '../../contracts/staff.ts';

/** A probable leaver (staff), still to be confirmed or dismissed. */
type Candidate = Contract<typeof StaffLeaver>;

const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** One probable leaver: confirm with the last working day, or dismiss. */
function Decision({ c, onDone }: { c: Candidate; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [endDate, setEndDate] = useState(todayIso());
  const done = (message: string) => {
    onDone(message);
    void queryClient.invalidateQueries({ queryKey: qk.staffLeavers });
  };
  const confirm = useMutation({
    mutationFn: () => api.post<Contract<typeof StaffLeaverConfirmed>>(`/staff-leavers/${c.id}/confirm`, { endDate }),
    onSuccess: (r) => done(t(r.accountDisabled ? 'staff.leavers.confirmedDisabled' : 'staff.leavers.confirmed', { name: c.name })),
  });
  const dismiss = useMutation({ mutationFn: () => api.post(`/staff-leavers/${c.id}/dismiss`), onSuccess: () => done(t('staff.leavers.dismissed', { name: c.name })) });
  const dateError = fieldErrors(confirm.error, ['endDate']).byField.endDate;
  const id = `leaver-${c.id}`;
  return (
    <>
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
    </>
  );
}

/** Probable leavers from full staff exports: nobody leaves until the administrator confirms a date. */
export function StaffLeaversPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('');
  const list = useQuery({ queryKey: qk.staffLeavers, queryFn: () => api.get<Contract<typeof StaffLeavers>>('/staff-leavers') });
  return (
    <>
      <PageHeading title={t('staff.leavers.title')} />
      <p className="utrecht-paragraph">{t('staff.leavers.intro')}</p>
      <LiveStatus>{status}</LiveStatus>
      <ListView
        query={list}
        caption={t('staff.leavers.caption')}
        loadingLabel={t('common.loading')}
        empty={
          <>
            {t('staff.leavers.none')} <AppLink to="/beheer/medewerkers/importeren">{t('staff.leavers.toImport')}</AppLink>
          </>
        }
        rowKey={(c) => c.id}
        columns={[
          {
            header: t('staff.leavers.person'),
            rowHeader: true,
            cell: (c) => (
              <>
                {c.name}
                {c.email && (
                  <>
                    <br />
                    {c.email}
                  </>
                )}
              </>
            ),
          },
          { header: t('staff.leavers.organisation'), cell: (c) => c.organisationName },
          { header: t('staff.leavers.roles'), cell: (c) => c.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ') },
          { header: t('staff.leavers.since'), cell: (c) => formatDate(c.since.slice(0, 10), i18n.language) },
          { header: t('staff.leavers.decision'), cell: (c) => <Decision c={c} onDone={setStatus} /> },
        ]}
      />
    </>
  );
}
