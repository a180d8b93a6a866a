import { Button } from '@utrecht/button-react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n/index.ts';

/** One button naming the other language in that language ("English" / "Nederlands"). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const target = t('language.switchToLang') as Language;
  return (
    <Button appearance="subtle-button" className="samenspel-language-switch" lang={target} onClick={() => void changeLanguage(target)}>
      {t('language.switchTo')}
    </Button>
  );
}
