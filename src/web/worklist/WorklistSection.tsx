import './worklist.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { useSession } from '../shared/session.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { Section } from '../shared/Section.tsx';
import { formatDate } from '../shared/format.ts';
import { FIRST_ITEMS, actionKey, topicKey, useWorklist, type WorklistItem } from './data.ts';

/**
 * "Mijn werklijst" on the home page (docs/requests.md "De werklijst"): how many of each kind of work
 * wait (with how many are overdue, each a link to its full list), and one list in the server's
 * order — overdue first, marked in words, then by deadline — each item one link to where it is
 * done. Nothing for a reader whose role has no worklist (the server answers no kinds); a sentence
 * when nothing waits.
 */
export function WorklistSection() {
  const { t } = useTranslation();
  const { activeMembership } = useSession();
  const query = useWorklist();
  const [all, setAll] = useState(false);
  const heading = t('worklist.heading');
  if (query.isPending)
    return (
      <Section id="home-worklist" heading={heading}>
        <Loading label={t('worklist.loading')} />
      </Section>
    );
  if (query.isError)
    return (
      <Section id="home-worklist" heading={heading}>
        <ErrorAlert error={query.error} />
      </Section>
    );
  const w = query.data;
  if (w.counts.length === 0) return null;
  const waiting = w.counts.filter((c) => c.total > 0);
  const shown = all ? w.items : w.items.slice(0, FIRST_ITEMS);
  const capped = waiting.filter((c) => c.total > w.items.filter((i) => i.kind === c.kind).length);
  return (
    <Section id="home-worklist" heading={heading} className="samenspel-worklist">
      {waiting.length === 0 ? (
        <p className="utrecht-paragraph samenspel-empty">{t('worklist.empty')}</p>
      ) : (
        <>
          <p className="utrecht-paragraph">{t('worklist.intro', { organisation: activeMembership?.organisationName ?? '' })}</p>
          <ul className="samenspel-worklist__counts" aria-label={t('worklist.summary')}>
            {waiting.map((c) => (
              <li key={c.kind}>
                {c.listLink ? <AppLink to={c.listLink}>{t(`worklist.count.${c.kind}`, { count: c.total })}</AppLink> : t(`worklist.count.${c.kind}`, { count: c.total })}
                {c.overdue > 0 && (
                  <>
                    {' '}
                    <span className="samenspel-badge samenspel-badge--very-late samenspel-nowrap">{t('worklist.countOverdue', { count: c.overdue })}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
          <ol id="home-worklist-items" className="samenspel-worklist__items" aria-label={t('worklist.listLabel')}>
            {shown.map((item) => (
              <WorklistRow key={`${item.kind}:${item.id}`} item={item} />
            ))}
          </ol>
          {w.items.length > FIRST_ITEMS && (
            <Button type="button" appearance="secondary-action-button" aria-expanded={all} aria-controls="home-worklist-items" onClick={() => setAll((x) => !x)}>
              {all ? t('worklist.showFewer', { count: FIRST_ITEMS }) : t('worklist.showAll', { count: w.items.length })}
            </Button>
          )}
          {capped.map((c) => (
            <p key={c.kind} className="utrecht-paragraph samenspel-note">
              {t(`worklist.count.${c.kind}`, { count: c.total })}: {t('worklist.capped', { shown: w.items.filter((i) => i.kind === c.kind).length, total: c.total })}
            </p>
          ))}
        </>
      )}
    </Section>
  );
}

/** One thing to do: overdue and urgent in words, one link to act, for whom, and by when. */
function WorklistRow({ item }: { item: WorklistItem }) {
  const { t, i18n } = useTranslation();
  const topic = topicKey(item);
  const what = `${t(actionKey(item))}${topic ? `: ${t(topic)}` : ''}`;
  const date = item.dueOn ? formatDate(item.dueOn, i18n.language) : null;
  return (
    <li className={`samenspel-worklist__item${item.overdue ? ' samenspel-worklist__item--overdue' : ''}`}>
      {(item.overdue || item.urgent) && (
        <span className="samenspel-worklist__badges">
          {item.overdue && <span className="samenspel-badge samenspel-badge--very-late">{t('worklist.overdue')}</span>}
          {item.urgent && <span className="samenspel-badge samenspel-badge--late">{t('worklist.urgent')}</span>}
        </span>
      )}
      <AppLink to={item.link} className="samenspel-worklist__link">
        {item.child ? `${what} — ${item.child.name}` : what}
      </AppLink>
      <span className="samenspel-worklist__meta">
        {!item.child && <span>{t('worklist.noName')}</span>}
        {item.organisationName && <span>{item.organisationName}</span>}
        <span>
          {item.dueOn ? (
            <time dateTime={item.dueOn}>{t(item.overdue ? 'worklist.wasDue' : 'worklist.due', { date })}</time>
          ) : (
            t('worklist.noDue')
          )}
        </span>
      </span>
    </li>
  );
}
