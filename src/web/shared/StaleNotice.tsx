import { useEffect, useRef, useState } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alerts.tsx';
import { changesBetween, isStale, newestVersion, staleCurrent, type StaleChange, type StaleFact } from './stale.ts';

/**
 * Someone else changed the record while the user was editing it (409 `stale_version`): the one way
 * every screen handles that. `useStale` gives a form (or a page with several forms on one record)
 * what it needs: `version()` to send, `onError` for the mutation, which puts the record as it is now
 * in the cache and loads it again, and the notice, which `StaleNotice` shows: it says that someone
 * else changed it and what changed, that what the user typed is still there, and to try again (the
 * next save is based on the new version). The form keeps its own state, so nothing typed is lost.
 * `useApiForm` and the set-up wizard's forms take the handle as `stale`.
 */
export interface StaleOptions<T> {
  /** The record the edit is based on, as the screen shows it (with its `version`). */
  record: T | undefined;
  /** Where the record is cached: a 409's `current` (the same shape as the GET) replaces it, then it is loaded again. */
  queryKey?: QueryKey;
  /** Other queries to load again (lists that show the record, a page whose answer holds it). */
  refresh?: readonly QueryKey[];
  /** The facts of the record the screen shows, in words: those that differ are listed in the notice. */
  describe?: (record: T) => StaleFact[];
  /** Called with the record as it is now and as the form had it (e.g. to carry a draft over: `rebase`). */
  onStale?: (current: T | undefined, before: T | undefined) => void;
  /** Whether the screen still offers the change with the record as it is now (a closed case offers none). */
  available?: (current: T) => boolean;
}

export interface StaleNoticeState {
  error: unknown;
  changes: StaleChange[];
  /**
   * What the user can do now: `typed`, what they typed or chose is still in the form, to send again;
   * `again`, do it again (a button); `gone`, the change is no longer offered.
   */
  next: 'typed' | 'again' | 'gone';
}

export interface Stale {
  notice: StaleNoticeState | null;
  /** The version to send with the next update: the record's, or the newer one a 409 brought. */
  version: () => number | undefined;
  /** For a mutation's onError: true when the error was a stale version (then handled here). */
  onError: (error: unknown, how?: { typed?: boolean }) => boolean;
  /** The notice goes (a new attempt, a success). */
  clear: () => void;
}

export function useStale<T extends object>(options: StaleOptions<T>): Stale {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<StaleNoticeState | null>(null);
  const [current, setCurrent] = useState<T | undefined>(undefined);
  return {
    notice,
    version: () => newestVersion(options.record, current),
    onError(error, how = {}) {
      if (!isStale(error)) return false;
      const now = staleCurrent<T>(error);
      const before = options.record;
      const changes = options.describe && before && now ? changesBetween(options.describe(before), options.describe(now)) : [];
      const gone = now && options.available ? !options.available(now) : false;
      setNotice({ error, changes, next: gone ? 'gone' : how.typed === false ? 'again' : 'typed' });
      if (now) {
        setCurrent(now);
        if (options.queryKey) queryClient.setQueryData(options.queryKey, now);
      }
      options.onStale?.(now, before);
      for (const queryKey of [options.queryKey, ...(options.refresh ?? [])]) if (queryKey) void queryClient.invalidateQueries({ queryKey });
      return true;
    },
    clear: () => setNotice(null),
  };
}

const NEXT = { typed: 'errors.stale.typed', again: 'errors.stale.again', gone: 'errors.stale.gone' } as const;

/** Longer values (a text of the OPP) are named, not quoted. */
const QUOTE_UP_TO = 80;

/** The notice (role="alert"); it takes the keyboard focus when it appears. */
export function StaleNotice({ stale }: { stale: Pick<Stale, 'notice'> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const notice = stale.notice;
  useEffect(() => {
    if (notice) ref.current?.focus();
  }, [notice]);
  if (!notice) return null;
  const value = (v: string) => v || t('errors.stale.nothing');
  return (
    <div ref={ref} tabIndex={-1} className="samenspel-focus-target samenspel-stale-notice">
      <Alert type="warning" role="alert">
        <p className="utrecht-paragraph">
          <strong>{t('errors.stale.title')}</strong>
        </p>
        {notice.changes.length > 0 ? (
          <>
            <p className="utrecht-paragraph">{t('errors.stale.changed')}</p>
            <ul className="utrecht-unordered-list">
              {notice.changes.map((c) => (
                <li key={c.label} className="utrecht-unordered-list__item">
                  {c.before.length > QUOTE_UP_TO || c.after.length > QUOTE_UP_TO
                    ? t('errors.stale.changedText', { label: c.label })
                    : t('errors.stale.change', { label: c.label, before: value(c.before), after: value(c.after) })}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="utrecht-paragraph">{t('errors.stale.shown')}</p>
        )}
        <p className="utrecht-paragraph">{t(NEXT[notice.next])}</p>
      </Alert>
    </div>
  );
}
