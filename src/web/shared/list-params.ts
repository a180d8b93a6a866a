import { useState } from 'react';
import { useSearchParams, type NavigateOptions } from 'react-router';
import { cleanParams, pageFrom } from './url.ts';

export type ParamValues = Record<string, string | undefined>;

/**
 * A list's state in the address: the filters, the order and `pagina`, so that the back button,
 * a bookmark and a reload show the same list. `search(values)` is the query string of a list
 * with exactly these filters (for links such as the counters); `apply(values)` goes there; a new
 * filter starts at page 1, while `goToPage` keeps the filters.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const search = (values: ParamValues) => cleanParams(values).toString();
  return {
    params,
    page: pageFrom(params),
    /** A parameter's value, '' when absent. */
    get: (name: string) => params.get(name) ?? '',
    /** A parameter's value when it is one of `allowed`. */
    oneOf: <T extends string>(name: string, allowed: readonly T[]): T | undefined => oneOf(params.get(name), allowed),
    search,
    apply: (values: ParamValues) => setParams(cleanParams(values)),
    goToPage: (page: number, options?: NavigateOptions) => {
      const next = new URLSearchParams(params);
      next.set('pagina', String(page));
      setParams(next, options);
    },
  };
}

export function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[]): T | undefined {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * The value a filter form edits before it is applied: it starts as the address says, and follows
 * the address when that changes (back button, a counter link, "clear search").
 */
export function useDraft<T>(value: T): [T, (next: T) => void] {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (JSON.stringify(shown) !== JSON.stringify(value)) {
    setShown(value);
    setDraft(value);
  }
  return [draft, setDraft];
}
