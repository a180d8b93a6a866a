import { useTranslation } from 'react-i18next';
import { formatDate } from '../shared/format.ts';
import { Section } from '../shared/Section.tsx';
import type { RequestDetail } from './data.ts';
import { OverdueBadge } from './RequestBadges.tsx';

/**
 * "Observatie gevraagd aan": after each report back the school's teacher is asked whether the help
 * works in class. Who was asked, when, by when, and whether she answered (her answer is in the
 * thread); an answer that is late says so in words. Nothing when nobody was asked yet.
 */
export function RequestObservations({ r }: { r: RequestDetail }) {
  const { t, i18n } = useTranslation();
  if (r.observations.length === 0) return null;
  const date = (iso: string) => <time dateTime={iso}>{formatDate(iso, i18n.language)}</time>;
  return (
    <Section id="request-observations" heading={t('requests.observations.heading')}>
      <p className="utrecht-paragraph">{t('requests.observations.intro')}</p>
      <ul className="utrecht-unordered-list">
        {r.observations.map((o, i) => (
          <li key={`${o.teacherName}-${o.askedOn}-${i}`} className="utrecht-unordered-list__item">
            <strong>{o.teacherName}</strong> – {t('requests.observations.askedOn')} {date(o.askedOn)}
            {', '}
            {o.answeredOn ? (
              <>
                {t('requests.observations.answeredOn')} {date(o.answeredOn)}
              </>
            ) : (
              <>
                {t('requests.observations.dueOn')} {date(o.dueOn)}
                {o.overdue && (
                  <>
                    {' '}
                    <OverdueBadge />
                  </>
                )}
                {!o.overdue && <> ({t('requests.observations.waiting')})</>}
              </>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
