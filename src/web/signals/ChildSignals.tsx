import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { Contract } from '../../contracts/common.ts';
import type { ChildSignals as ChildSignalsList } from '../../contracts/signals.ts';
import { formatDate } from '../shared/format.ts';
import { qk } from '../shared/query-keys.ts';
import { AppLink } from '../shared/AppLink.tsx';
import { ListView } from '../shared/ListView.tsx';
import { Section } from '../shared/Section.tsx';
import { useStaleSignalPages } from './data.ts';
import { LatenessBadge, StatusBadge } from './SignalBadges.tsx';

/**
 * On the child page: zorgsignalen about this child that the user may see (the care coordinator:
 * those raised at the own school; a teacher or mentor: their own), and the way to raise a new one.
 */
export function ChildSignals({ childId, name, care }: { childId: string; name: string; care: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const query = useQuery({
    queryKey: qk.childSignals(childId),
    queryFn: () => api.get<Contract<typeof ChildSignalsList>>(`/children/${encodeURIComponent(childId)}/signals`),
  });
  useStaleSignalPages(query.data?.items);
  return (
    <Section id="child-signals" heading={t('signals.child.heading')}>
      <p className="utrecht-paragraph">{care ? t('signals.child.introCare', { name }) : t('signals.child.introAuthor', { name })}</p>
      <p className="utrecht-paragraph">
        <Link to={`/kinderen/${childId}/signaal`} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action samenspel-button-link">
          {t('signals.child.raise')}
        </Link>
      </p>
      <ListView
        query={query}
        caption={care ? t('signals.child.captionCare', { name }) : t('signals.child.captionAuthor', { name })}
        captionHidden
        loadingLabel={t('signals.child.loading')}
        empty={care ? t('signals.child.emptyCare') : t('signals.child.emptyAuthor')}
        rowKey={(s) => s.id}
        columns={[
          {
            header: t('signals.columns.raisedOn'),
            rowHeader: true,
            cell: (s) => (
              <AppLink to={`/signalen/${s.id}`}>
                <span className="samenspel-visually-hidden">{t('signals.child.linkPrefix')} </span>
                <time dateTime={s.raisedOn}>{formatDate(s.raisedOn, lng)}</time>
                <span className="samenspel-visually-hidden">, {t(`signals.category.${s.category}`)}</span>
              </AppLink>
            ),
          },
          { header: t('signals.columns.category'), cell: (s) => t(`signals.category.${s.category}`) },
          { header: t('signals.columns.urgency'), cell: (s) => t(`signals.urgency.${s.urgency}`) },
          { header: t('signals.columns.status'), cell: (s) => <StatusBadge status={s.status} /> },
          { header: t('signals.columns.lateness'), cell: (s) => <LatenessBadge signal={s} /> },
          care && {
            header: t('signals.columns.author'),
            cell: (s) => t('signals.detail.authorRole', { name: s.author.name, role: t(`roles.${s.author.role}`, { defaultValue: s.author.role }) }),
          },
        ]}
      />
    </Section>
  );
}
