import { useTranslation } from 'react-i18next';

/** "Bijgewerkt op 7 december 2026 om 06:32": when the monitor's figures were last computed. */
export function RefreshedAt({ at }: { at: string | null }) {
  const { t, i18n } = useTranslation();
  if (!at) return <p className="utrecht-paragraph samenspel-note">{t('monitor.notRefreshed')}</p>;
  const date = new Date(at);
  const locale = i18n.language === 'en' ? 'en-GB' : 'nl-NL';
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(date);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }).format(date);
  return (
    <p className="utrecht-paragraph samenspel-note">
      <time dateTime={at}>{t('monitor.refreshedAt', { date: day, time })}</time>
    </p>
  );
}
