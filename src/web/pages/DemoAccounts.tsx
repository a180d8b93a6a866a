import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import type { DemoAccount } from '../types.ts';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';

/** In demo mode, the accounts to try, each with a button that fills in the sign-in form. */
export function DemoAccounts({ onUse }: { onUse: (username: string) => void }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['demo-accounts'],
    queryFn: () => api.get<{ items: DemoAccount[] }>('/demo-accounts', undefined, { redirectOn401: false }),
    retry: false,
    staleTime: Infinity,
  });
  // 404 outside demo mode, or any failure: simply no demo section.
  if (!query.data || query.data.items.length === 0) return null;
  const en = i18n.language === 'en';

  return (
    <section className="samenspel-section" aria-labelledby="demo-accounts-heading">
      <h2 id="demo-accounts-heading" className="utrecht-heading-2">
        {t('signIn.demo.heading')}
      </h2>
      <p className="utrecht-paragraph">
        {t('signIn.demo.intro', { password: 'demo' })}
      </p>
      <Table caption={t('signIn.demo.caption')} captionHidden>
        <THead>
          <Th>{t('signIn.demo.username')}</Th>
          <Th>{t('signIn.demo.role')}</Th>
          <Th>{t('signIn.demo.description')}</Th>
          <Th>{t('signIn.demo.action')}</Th>
        </THead>
        <TBody>
          {query.data.items.map((a) => (
            <Tr key={a.username}>
              <Th row>
                <code>{a.username}</code>
              </Th>
              <Td>{t(`roles.${a.role}`, { defaultValue: a.role })}</Td>
              <Td>{en ? a.descriptionEn : a.descriptionNl}</Td>
              <Td>
                <Button appearance="secondary-action-button" onClick={() => onUse(a.username)}>
                  {t('signIn.demo.use', { username: a.username })}
                </Button>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}
