import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { formatDateTimeShort } from '../shared/format.ts';
import { AppLink } from '../shared/AppLink.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { qk } from '../shared/query-keys.ts';
import { Section } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';
import type { Contract } from '../../contracts/common.ts';
import type { PupilsPerSchool, StaffPerOrganisation } from '../../contracts/setup.ts';


/** Step 6: how many people and accounts each organisation has; the staff import is on its own page. */
export function StaffStep() {
  const { t } = useTranslation();
  const staff = useQuery({ queryKey: qk.setup.staff, queryFn: () => api.get<Contract<typeof StaffPerOrganisation>>('/setup/staff') });
  return (
    <>
      <p className="utrecht-paragraph">
        <AppLink to="/beheer/medewerkers/importeren">{t('setup.staff.importLink')}</AppLink>
      </p>
      <Section id="setup-staff" heading={t('setup.staff.heading')}>
        {staff.isPending && <Loading label={t('common.loading')} />}
        {staff.isError && <ErrorAlert error={staff.error} />}
        {staff.data && (
          <ItemsTable
            caption={t('setup.staff.caption')}
            captionHidden
            empty={null}
            items={staff.data.items}
            rowKey={(o) => o.organisationId}
            columns={[
              { header: t('setup.orgs.name'), rowHeader: true, cell: (o) => o.name },
              { header: t('setup.orgs.kind'), cell: (o) => <>{t(`organisationKinds.${o.kind}`, { defaultValue: o.kind })}</> },
              { header: t('setup.staff.people'), cell: (o) => o.people },
              { header: t('setup.staff.accounts'), cell: (o) => o.accounts },
            ]}
          />
        )}
      </Section>
    </>
  );
}

/** Step 7: per school location the active enrolments and the last pupil import; the school itself imports its pupils. */
export function PupilsStep() {
  const { t, i18n } = useTranslation();
  const pupils = useQuery({ queryKey: qk.setup.pupils, queryFn: () => api.get<Contract<typeof PupilsPerSchool>>('/setup/pupils') });
  return (
    <>
      <p className="utrecht-paragraph">{t('setup.pupils.who')}</p>
      <Section id="setup-pupils" heading={t('setup.pupils.heading')}>
        {pupils.isPending && <Loading label={t('common.loading')} />}
        {pupils.isError && <ErrorAlert error={pupils.error} />}
        {pupils.data && pupils.data.items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('setup.pupils.none')}</p>}
        {pupils.data && pupils.data.items.length > 0 && (
          <ItemsTable
            caption={t('setup.pupils.caption')}
            captionHidden
            empty={null}
            items={pupils.data.items}
            rowKey={(o) => o.organisationId}
            columns={[
              { header: t('setup.orgs.name'), rowHeader: true, cell: (o) => o.name },
              { header: t('setup.orgs.brinVestiging'), cell: (o) => `${o.brin ?? ''}${o.vestiging ?? ''}` },
              { header: t('setup.pupils.active'), cell: (o) => o.activeEnrolments },
              { header: t('setup.pupils.lastImport'), cell: (o) => o.lastImportAt ? formatDateTimeShort(o.lastImportAt, i18n.language) : t('setup.pupils.never') },
            ]}
          />
        )}
      </Section>
    </>
  );
}
