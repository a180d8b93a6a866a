/**
 * The client for /api/v1. Same-origin cookies carry the session; every state-changing request
 * carries the session's CSRF token in `x-csrf-token`. Errors arrive as application/problem+json
 * (RFC 9457) and are thrown as ApiError. A 401 on an ordinary request means the session is gone:
 * the registered handler sends the user to the sign-in page. Every successful answer is recorded as
 * activity (the server extends the session's idle time on each request; see useIdleTimeout).
 */

export const API_BASE = '/api/v1';

export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  code?: string;
  invalidParams?: InvalidParam[];
  /** A 409 `stale_version`: the record as it is now (see shared/stale.ts). */
  current?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds from a Retry-After header (429), when the server sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get code(): string | undefined {
    return this.problem.code;
  }
}

/** Status 0: the request did not reach the server or the answer was not readable. */
export const NETWORK_ERROR = 'network_error';

let csrfToken: string | null = null;
let language = 'nl';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lng: string): void {
  language = lng;
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/**
 * The last successful answer: the server saw the session then, so its idle time starts again.
 * `serverTime − receivedAt` is how far the server's clock is ahead of this browser's.
 */
export interface ApiActivity {
  /** This browser's clock (ms) when the request was sent; 0 before the first answer. */
  sentAt: number;
  /** This browser's clock when the answer arrived. */
  receivedAt: number;
  /** The server's clock at the answer (its Date header), or receivedAt when it sent none. */
  serverTime: number;
}

let activity: ApiActivity = { sentAt: 0, receivedAt: 0, serverTime: 0 };
const activityListeners = new Set<() => void>();

export function getApiActivity(): ApiActivity {
  return activity;
}

/** For useSyncExternalStore: calls `listener` after each successful answer. */
export function subscribeApiActivity(listener: () => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

function recordActivity(sentAt: number, response: Response): void {
  const receivedAt = Date.now();
  const serverTime = Date.parse(response.headers.get('date') ?? '');
  activity = { sentAt, receivedAt, serverTime: Number.isFinite(serverTime) ? serverTime : receivedAt };
  for (const listener of activityListeners) listener();
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** When false, a 401 is thrown to the caller instead of ending the session (sign-in, session probe). */
  redirectOn401?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  // A FormData body (file upload) sets its own multipart content type with the boundary.
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (UNSAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, title: 'Network error', code: NETWORK_ERROR });
  }

  if (response.ok) {
    recordActivity(sentAt, response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const problem = await readProblem(response);
  if (response.status === 401 && options.redirectOn401 !== false) onUnauthorized?.();
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new ApiError(problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { status: response.status, title: response.statusText || `HTTP ${response.status}` };
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return fallback;
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...fallback, ...body, status: response.status };
  } catch {
    return fallback;
  }
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...options, body: body ?? {} }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}

/**
 * Splits a problem's invalidParams into those that belong to a field on the form (by name) and
 * the rest, which the form shows in its alert so that no error is lost.
 */
export function fieldErrors(err: unknown, fieldNames: readonly string[]): { byField: Record<string, string>; other: InvalidParam[] } {
  const byField: Record<string, string> = {};
  const other: InvalidParam[] = [];
  if (!(err instanceof ApiError)) return { byField, other };
  // One message per field. A union of allowed values fails once per alternative ('const')
  // and once as a whole ('anyOf'); the whole says it best.
  const chosen = new Map<string, InvalidParam>();
  for (const p of err.problem.invalidParams ?? []) {
    const name = normaliseParamName(p.name);
    const current = chosen.get(name);
    if (!current || (current.code === 'const' && p.code !== 'const')) chosen.set(name, p);
  }
  for (const [name, p] of chosen) {
    if (fieldNames.includes(name)) byField[name] = p.reason;
    else other.push(p);
  }
  return { byField, other };
}

/** 'body/brin', '/brin' and 'brin' all name the field 'brin'. */
function normaliseParamName(name: string): string {
  return name.replace(/^\/+/, '').replace(/^body\//, '');
}

/**
 * The version a shared record was read with: sent back with an update of it, so that an update
 * based on a stale read is refused (409 with the record as it is now) instead of overwriting
 * someone else's change. (Read from the answer until the types come from the contracts.)
 */
export function versionOf(record: object | null | undefined): number | undefined {
  return (record as { version?: number } | null | undefined)?.version;
}
