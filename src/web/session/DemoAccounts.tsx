import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import type { Contract } from '../../contracts/common.ts';
import type { DemoAccounts as DemoAccountList } from '../../contracts/health.ts';
import { qk } from '../shared/query-keys.ts';
import { Section } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';

/** In demo mode, the accounts to try, each with a button that fills in the sign-in form. */
export function DemoAccounts({ onUse }: { onUse: (username: string) => void }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: qk.demoAccounts,
    queryFn: () => api.get<Contract<typeof DemoAccountList>>('/demo-accounts', undefined, { redirectOn401: false }),
    retry: false,
    staleTime: Infinity,
  });
  // 404 outside demo mode, or any failure: simply no demo section.
  if (!query.data || query.data.items.length === 0) return null;
  const en = i18n.language === 'en';

  return (
    <Section id="demo-accounts-heading" heading={t('signIn.demo.heading')}>
      <p className="utrecht-paragraph">
        {t('signIn.demo.intro', { password: 'demo' })}
      </p>
      <ItemsTable
        caption={t('signIn.demo.caption')}
        captionHidden
        empty={null}
        items={query.data.items}
        rowKey={(a) => a.username}
        columns={[
          {
            header: t('signIn.demo.username'),
            rowHeader: true,
            cell: (a) => (
              <>
                <code>{a.username}</code>
              </>
            ),
          },
          { header: t('signIn.demo.role'), cell: (a) => <>{t(`roles.${a.role}`, { defaultValue: a.role })}</> },
          { header: t('signIn.demo.description'), cell: (a) => en ? a.descriptionEn : a.descriptionNl },
          {
            header: t('signIn.demo.action'),
            cell: (a) => (
              <Button appearance="secondary-action-button" onClick={() => onUse(a.username)}>
                {t('signIn.demo.use', { username: a.username })}
              </Button>
            ),
          },
        ]}
      />
    </Section>
  );
}
