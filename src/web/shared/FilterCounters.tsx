import type { ReactNode } from 'react';
import { AppLink } from './AppLink.tsx';

export interface FilterCounter {
  key: string;
  /** The query string of the list this counter filters to (useListParams().search). */
  search: string;
  label: string;
  /** The number to show ('…' while it loads); none for "all". */
  count?: number | string;
  current: boolean;
  /** samenspel-counter--<variant>: late, very-late. */
  variant?: string;
}

/**
 * Counters that double as filters: each is a link, so the filter is in the address (back button,
 * bookmark); the current one is marked with aria-current. `children` adds counters that are not
 * filters (a count only).
 */
export function FilterCounters({ label, counters, children }: { label: string; counters: FilterCounter[]; children?: ReactNode }) {
  return (
    <nav aria-label={label} className="samenspel-counters-nav">
      <ul className="samenspel-counters">
        {counters.map((c) => (
          <li key={c.key}>
            <AppLink to={{ search: c.search }} className={`samenspel-counter${c.variant ? ` samenspel-counter--${c.variant}` : ''}`} aria-current={c.current ? 'true' : undefined}>
              {c.count !== undefined && <span className="samenspel-counter__number">{c.count}</span>}
              <span className="samenspel-counter__label">{c.label}</span>
            </AppLink>
          </li>
        ))}
        {children}
      </ul>
    </nav>
  );
}

/** A counter that is not a filter (the API has no such filter): the number and what it counts. */
export function StaticCounter({ count, label }: { count: number | string; label: string }) {
  return (
    <li>
      <span className="samenspel-counter samenspel-counter--static">
        <span className="samenspel-counter__number">{count}</span>
        <span className="samenspel-counter__label">{label}</span>
      </span>
    </li>
  );
}
