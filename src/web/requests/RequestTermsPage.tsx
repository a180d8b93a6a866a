import { useTranslation } from 'react-i18next';
import { PageHeading } from '../shared/PageHeading.tsx';
import { RequestTermsSection } from './RequestTermsSection.tsx';

/**
 * "Termijnen van verzoeken" (`/verzoeken/termijnen`): the term of each step of each kind of request in
 * this region, for everyone who sends or receives requests or follows them. The functional
 * administrator changes them here or in the region's settings.
 */
export function RequestTermsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('requestRegion.terms.pageTitle')} />
      <RequestTermsSection heading={t('requestRegion.terms.tableHeading')} />
    </>
  );
}
