/**
 * No lost update, in the client. Every update of a shared record sends the `version` it was based
 * on; when someone else changed the record meanwhile, the server refuses with 409
 * `stale_version` and sends the record as it is now (`current`; `StaleProblem` in
 * src/contracts/common.ts). These helpers (no JSX) recognise that answer, say what changed and
 * carry a form's draft over to the new version; `StaleNotice.tsx` (useStale, StaleNotice) shows it.
 */
import { ApiError, versionOf } from './api.ts';

export const STALE_VERSION = 'stale_version';

/** A 409 because the update was based on an older version of the record. */
export function isStale(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 409 && err.code === STALE_VERSION;
}

/** The record as it is now, from a stale 409 (trusted to have the shape of the route's GET). */
export function staleCurrent<T>(err: unknown): T | undefined {
  if (!isStale(err)) return undefined;
  const current = err.problem.current;
  return current !== null && typeof current === 'object' ? (current as T) : undefined;
}

/** One fact of a record as the screen shows it: its label and its value in words. */
export type StaleFact = readonly [label: string, value: string];

export interface StaleChange {
  label: string;
  /** '' when there was nothing. */
  before: string;
  /** '' when there is nothing now. */
  after: string;
}

/** The facts that differ between two descriptions of a record, in the order of `after` (then those that went). */
export function changesBetween(before: readonly StaleFact[], after: readonly StaleFact[]): StaleChange[] {
  const was = new Map<string, string>(before.map(([label, value]) => [label, value]));
  const now = new Set(after.map(([label]) => label));
  const changes: StaleChange[] = [];
  for (const [label, value] of after) {
    const old = was.get(label) ?? '';
    if (old !== value) changes.push({ label, before: old, after: value });
  }
  for (const [label, value] of before) if (!now.has(label) && value !== '') changes.push({ label, before: value, after: '' });
  return changes;
}

/**
 * A form's draft carried over to the record as it is now: a field the user changed keeps what they
 * typed, every other field takes the current value (so that saving again does not undo someone
 * else's change to a field the user did not touch).
 */
export function rebase<V>(draft: Record<string, V>, before: Record<string, V>, now: Record<string, V>): Record<string, V> {
  const next: Record<string, V> = { ...draft };
  for (const key of Object.keys(now)) if (!(key in draft) || draft[key] === before[key]) next[key] = now[key];
  return next;
}

/** The version to send: the newest of the record as read and the record a 409 brought (same record). */
export function newestVersion(record: object | null | undefined, current: object | null | undefined): number | undefined {
  const read = versionOf(record);
  const id = (r: object | null | undefined) => (r as { id?: unknown } | null | undefined)?.id;
  if (!current || (id(record) !== undefined && id(current) !== undefined && id(record) !== id(current))) return read;
  const now = versionOf(current);
  if (now === undefined) return read;
  return read === undefined ? now : Math.max(read, now);
}
