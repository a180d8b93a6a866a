import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTimeShort } from '../shared/format.ts';
import { Section } from '../shared/Section.tsx';
import { textRole, type RequestDetail, type RequestEvent } from './data.ts';

/**
 * The request as a thread, oldest first: who took each step, for which organisation, when, what
 * happened, and what they wrote (the question, the answer, the reason, the advice for the teacher);
 * a teacher's observation after a report back with her verdict (works, partly, not yet).
 */
export function RequestHistory({ r }: { r: RequestDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <Section id="request-history" heading={t('requests.history.heading')}>
      {r.history.length === 0 ? (
        <p className="utrecht-paragraph samenspel-empty">{t('requests.history.empty')}</p>
      ) : (
        <ol className="samenspel-timeline">
          {r.history.map((e, i) => (
            <li key={`${e.at}-${i}`} className="samenspel-timeline__item">
              <p className="utrecht-paragraph samenspel-timeline__when">
                <time dateTime={e.at}>{formatDateTimeShort(e.at, lng)}</time>
                {' – '}
                {t('requests.history.by', { name: e.personName, organisation: e.organisationName })}
              </p>
              <p className="utrecht-paragraph samenspel-timeline__what">
                <What e={e} />
              </p>
              <EventDetail e={e} lng={lng} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function What({ e }: { e: RequestEvent }) {
  const { t } = useTranslation();
  const what = t(`requests.history.actions.${e.action}`, { defaultValue: e.action, name: e.holderName ?? '' });
  // A step that changed the status says so (unless its name already does); one that kept it (forward, report back) does not.
  const status = t(`requests.status.${e.toStatus}`);
  if (e.fromStatus && e.fromStatus !== e.toStatus && status !== what) return <>{t('requests.history.changed', { what, status })}</>;
  return <>{what}</>;
}

function EventDetail({ e, lng }: { e: RequestEvent; lng: string }) {
  const { t } = useTranslation();
  const d = e.decision;
  return (
    <>
      {e.verdict && (
        <p className="utrecht-paragraph">
          <strong>{t('requests.history.verdict')}</strong> {t(`requests.verdicts.${e.verdict}`)}
        </p>
      )}
      {e.progress && (
        <p className="utrecht-paragraph">
          <strong>{t('requests.history.progress')}</strong> {t(`requests.progress.${e.progress}`)}
        </p>
      )}
      {e.startOn && (
        <p className="utrecht-paragraph">
          <strong>{t('requests.history.startOn')}</strong> <time dateTime={e.startOn}>{formatDate(e.startOn, lng)}</time>
        </p>
      )}
      {d && (
        <>
          <p className="utrecht-paragraph">
            <strong>{t('requests.history.decision')}</strong> {t(`requests.decisions.${d.outcome}`)}
            {d.from && d.until && <> {t('requests.history.period', { from: formatDate(d.from, lng), until: formatDate(d.until, lng) })}</>}
          </p>
          {d.category && (
            <p className="utrecht-paragraph">
              <strong>{t('requests.history.category')}</strong> {d.category}
            </p>
          )}
          {d.experts && d.experts.length > 0 && (
            <p className="utrecht-paragraph">
              <strong>{t('requests.history.experts')}</strong> {d.experts.join(', ')}
            </p>
          )}
          {d.objectionUntil && (
            <p className="utrecht-paragraph">
              <strong>{t('requests.history.objectionUntil')}</strong> <time dateTime={d.objectionUntil}>{formatDate(d.objectionUntil, lng)}</time>
            </p>
          )}
        </>
      )}
      {e.text && (
        <blockquote className="samenspel-observation">
          <p className="utrecht-paragraph samenspel-pre-line">
            <strong>{t(`requests.history.text.${textRole(e.action)}`)}</strong> {e.text}
          </p>
        </blockquote>
      )}
    </>
  );
}
