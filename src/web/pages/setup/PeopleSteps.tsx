import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { formatDateTimeShort } from '../../format.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { ErrorAlert, Loading } from '../../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../../components/Table.tsx';

interface StaffRow {
  organisationId: string;
  name: string;
  kind: string;
  people: number;
  accounts: number;
}
interface PupilRow {
  organisationId: string;
  name: string;
  brin: string | null;
  vestiging: string | null;
  activeEnrolments: number;
  lastImportAt: string | null;
}

/** Step 6: how many people and accounts each organisation has; the staff import is on its own page. */
export function StaffStep() {
  const { t } = useTranslation();
  const staff = useQuery({ queryKey: ['setup', 'staff'], queryFn: () => api.get<{ items: StaffRow[] }>('/setup/staff') });
  return (
    <>
      <p className="utrecht-paragraph">
        <AppLink to="/beheer/medewerkers/importeren">{t('setup.staff.importLink')}</AppLink>
      </p>
      <section className="samenspel-section" aria-labelledby="setup-staff">
        <h2 id="setup-staff" className="utrecht-heading-2">
          {t('setup.staff.heading')}
        </h2>
        {staff.isPending && <Loading label={t('common.loading')} />}
        {staff.isError && <ErrorAlert error={staff.error} />}
        {staff.data && (
          <Table caption={t('setup.staff.caption')} captionHidden>
            <THead>
              <Th>{t('setup.orgs.name')}</Th>
              <Th>{t('setup.orgs.kind')}</Th>
              <Th>{t('setup.staff.people')}</Th>
              <Th>{t('setup.staff.accounts')}</Th>
            </THead>
            <TBody>
              {staff.data.items.map((o) => (
                <Tr key={o.organisationId}>
                  <Th row>{o.name}</Th>
                  <Td>{t(`organisationKinds.${o.kind}`, { defaultValue: o.kind })}</Td>
                  <Td>{o.people}</Td>
                  <Td>{o.accounts}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </>
  );
}

/** Step 7: per school location the active enrolments and the last pupil import; the school itself imports its pupils. */
export function PupilsStep() {
  const { t, i18n } = useTranslation();
  const pupils = useQuery({ queryKey: ['setup', 'pupils'], queryFn: () => api.get<{ items: PupilRow[] }>('/setup/pupils') });
  return (
    <>
      <p className="utrecht-paragraph">{t('setup.pupils.who')}</p>
      <section className="samenspel-section" aria-labelledby="setup-pupils">
        <h2 id="setup-pupils" className="utrecht-heading-2">
          {t('setup.pupils.heading')}
        </h2>
        {pupils.isPending && <Loading label={t('common.loading')} />}
        {pupils.isError && <ErrorAlert error={pupils.error} />}
        {pupils.data && pupils.data.items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('setup.pupils.none')}</p>}
        {pupils.data && pupils.data.items.length > 0 && (
          <Table caption={t('setup.pupils.caption')} captionHidden>
            <THead>
              <Th>{t('setup.orgs.name')}</Th>
              <Th>{t('setup.orgs.brinVestiging')}</Th>
              <Th>{t('setup.pupils.active')}</Th>
              <Th>{t('setup.pupils.lastImport')}</Th>
            </THead>
            <TBody>
              {pupils.data.items.map((o) => (
                <Tr key={o.organisationId}>
                  <Th row>{o.name}</Th>
                  <Td>{`${o.brin ?? ''}${o.vestiging ?? ''}`}</Td>
                  <Td>{o.activeEnrolments}</Td>
                  <Td>{o.lastImportAt ? formatDateTimeShort(o.lastImportAt, i18n.language) : t('setup.pupils.never')}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </>
  );
}
