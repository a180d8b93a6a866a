import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../../components/Table.tsx';
import { TextField } from '../../components/Fields.tsx';
import { AppLink } from '../../components/AppLink.tsx';

interface Leaver {
  id: string;
  pupilNumber: string | null;
  givenName: string;
  familyName: string;
  groupName: string | null;
  startDate: string;
  listedAt: string;
  fileName: string;
}

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** One probable leaver: a date and "Uitschrijven per datum", or "Blijft ingeschreven". */
function LeaverRow({ leaver, onDone }: { leaver: Leaver; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const queryClient = useQueryClient();
  const [endDate, setEndDate] = useState(todayIso());
  const name = `${leaver.givenName} ${leaver.familyName}`;
  const decide = useMutation({
    mutationFn: (decision: 'confirmed' | 'dismissed') => api.post(`/pupil-leavers/${leaver.id}/decision`, decision === 'confirmed' ? { decision, endDate } : { decision }),
    onSuccess: (_r, decision) => {
      onDone(decision === 'confirmed' ? t('pupils.leavers.confirmed', { name, date: formatDate(endDate, lng) }) : t('pupils.leavers.dismissed', { name }));
      void queryClient.invalidateQueries({ queryKey: ['pupil-leavers'] });
    },
  });
  const { byField } = fieldErrors(decide.error, ['endDate']);
  return (
    <Tr>
      <Td>{leaver.pupilNumber ?? '–'}</Td>
      <Th row>{name}</Th>
      <Td>{leaver.groupName ?? '–'}</Td>
      <Td>{formatDate(leaver.startDate, lng)}</Td>
      <Td>
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
      </Td>
    </Tr>
  );
}

/** The probable leavers of the school: pupils missing from a full export. Nothing ends until confirmed here. */
export function PupilLeaversPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const query = useQuery({ queryKey: ['pupil-leavers'], queryFn: () => api.get<{ items: Leaver[] }>('/pupil-leavers') });
  return (
    <>
      <PageHeading title={t('pupils.leavers.title')} />
      <p className="utrecht-paragraph">{t('pupils.leavers.intro')}</p>
      <p className="utrecht-paragraph">
        <AppLink to="/leerlingen/importeren">{t('pupils.leavers.toImport')}</AppLink>
      </p>
      <LiveStatus>{status}</LiveStatus>
      {query.isPending && <Loading label={t('pupils.leavers.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && query.data.items.length === 0 && <p className="utrecht-paragraph">{t('pupils.leavers.empty')}</p>}
      {query.data && query.data.items.length > 0 && (
        <Table caption={t('pupils.leavers.caption', { count: query.data.items.length })}>
          <THead>
            <Th>{t('pupils.fields.pupilNumber')}</Th>
            <Th>{t('pupils.import.name')}</Th>
            <Th>{t('pupils.fields.group')}</Th>
            <Th>{t('pupils.fields.startDate')}</Th>
            <Th>{t('pupils.leavers.decision')}</Th>
          </THead>
          <TBody>
            {query.data.items.map((l) => (
              <LeaverRow key={l.id} leaver={l} onDone={setStatus} />
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
