import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors } from '../shared/api.ts';
import { formatDate } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, LiveStatus } from '../shared/Alerts.tsx';
import { ListView } from '../shared/ListView.tsx';
import { TextField } from '../shared/Fields.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { qk } from '../shared/query-keys.ts';
import type { Contract } from '../../contracts/common.ts';
import type { PupilLeaver, PupilLeavers } from '../../contracts/pupils.ts';
import type { LeaverDecision } from '../../contracts/values/pupils.ts';

type Leaver = Contract<typeof PupilLeaver>;

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** One probable leaver: a date and "Uitschrijven per datum", or "Blijft ingeschreven". */
function Decision({ leaver, onDone }: { leaver: Leaver; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const queryClient = useQueryClient();
  const [endDate, setEndDate] = useState(todayIso());
  const name = `${leaver.givenName} ${leaver.familyName}`;
  const decide = useMutation({
    mutationFn: (decision: LeaverDecision) => api.post(`/pupil-leavers/${leaver.id}/decision`, decision === 'confirmed' ? { decision, endDate } : { decision }),
    onSuccess: (_r, decision) => {
      onDone(decision === 'confirmed' ? t('pupils.leavers.confirmed', { name, date: formatDate(endDate, lng) }) : t('pupils.leavers.dismissed', { name }));
      void queryClient.invalidateQueries({ queryKey: qk.pupilLeavers });
    },
  });
  const { byField } = fieldErrors(decide.error, ['endDate']);
  return (
    <>
        <TextField id={`end-${leaver.id}`} type="date" label={t('pupils.leavers.endDate', { name })} value={endDate} min={leaver.startDate} onChange={(e) => setEndDate(e.target.value)} error={byField.endDate} />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="button" appearance="primary-action-button" busy={decide.isPending && decide.variables === 'confirmed'} onClick={() => !decide.isPending && decide.mutate('confirmed')}>
            {t('pupils.leavers.confirm')}
            <span className="samenspel-visually-hidden">: {name}</span>
          </Button>
          <Button type="button" appearance="secondary-action-button" busy={decide.isPending && decide.variables === 'dismissed'} onClick={() => !decide.isPending && decide.mutate('dismissed')}>
            {t('pupils.leavers.dismiss')}
            <span className="samenspel-visually-hidden">: {name}</span>
          </Button>
        </div>
        {decide.isError && !byField.endDate && <ErrorAlert error={decide.error} />}
    </>
  );
}

/** The probable leavers of the school: pupils missing from a full export. Nothing ends until confirmed here. */
export function PupilLeaversPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('');
  const query = useQuery({ queryKey: qk.pupilLeavers, queryFn: () => api.get<Contract<typeof PupilLeavers>>('/pupil-leavers') });
  return (
    <>
      <PageHeading title={t('pupils.leavers.title')} />
      <p className="utrecht-paragraph">{t('pupils.leavers.intro')}</p>
      <p className="utrecht-paragraph">
        <AppLink to="/leerlingen/importeren">{t('pupils.leavers.toImport')}</AppLink>
      </p>
      <LiveStatus>{status}</LiveStatus>
      <ListView
        query={query}
        caption={query.data ? t('pupils.leavers.caption', { count: query.data.items.length }) : ''}
        loadingLabel={t('pupils.leavers.loading')}
        empty={t('pupils.leavers.empty')}
        rowKey={(l) => l.id}
        columns={[
          { header: t('pupils.fields.pupilNumber'), cell: (l) => l.pupilNumber ?? '–' },
          { header: t('pupils.import.name'), rowHeader: true, cell: (l) => `${l.givenName} ${l.familyName}` },
          { header: t('pupils.fields.group'), cell: (l) => l.groupName ?? '–' },
          { header: t('pupils.fields.startDate'), cell: (l) => formatDate(l.startDate, i18n.language) },
          { header: t('pupils.leavers.decision'), cell: (l) => <Decision leaver={l} onDone={setStatus} /> },
        ]}
      />
    </>
  );
}
