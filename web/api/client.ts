import { formatProblem, type ProblemDocument } from '../../schema/problems.ts';

/**
 * The one way the explorer talks to Trellis: JSON over /api/v1, with errors
 * turned into ApiError carrying the server's problem+json `detail`, so every
 * error state can say what went wrong in the server's own words.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Partial<ProblemDocument> | undefined;

  constructor(status: number, message: string, problem?: Partial<ProblemDocument>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** Base of every API path. */
export const apiBase = '/api/v1';

/** Builds `/api/v1<path>?query`, leaving out undefined values and repeating arrays. */
export function apiUrl(path: string, query: Record<string, string | number | boolean | readonly (string | number)[] | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, String(one));
  }
  const text = params.toString();
  return `${apiBase}${path}${text ? `?${text}` : ''}`;
}

/**
 * The CSRF token of the browser's sign-in session, sent as `X-CSRF-Token` on
 * every write: the server refuses a write made with the session cookie
 * without it. Set whenever GET /api/v1/session is read (api/session.ts); none
 * in open mode.
 */
let csrfToken: string | undefined;
/** True once the session has been read at least once, so a write knows whether a missing token means "none". */
let csrfTokenKnown = false;

/** Remembers the session's CSRF token (undefined: the session has none). */
export function rememberCsrfToken(token: string | undefined): void {
  csrfToken = token;
  csrfTokenKnown = true;
}

/** Reads the session's CSRF token from the server (GET /api/v1/session). */
async function refreshCsrfToken(): Promise<void> {
  const session = await requestJson<{ csrfToken?: string }>(apiUrl('/session'), { cache: 'no-store' });
  rememberCsrfToken(session.csrfToken);
}

const readMethods = new Set(['GET', 'HEAD']);

/**
 * Fetches JSON; throws ApiError with the problem's detail on any non-2xx answer.
 * A write carries the session's CSRF token, read first if it was never read;
 * refused for its token (a session renewed in another tab), it is sent once
 * more with a fresh one: the server refuses those before doing anything.
 */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  return (await requestVersioned<T>(url, init)).body;
}

/** A JSON answer with its ETag (change and incident records carry one; their writes send it back as If-Match). */
export interface Versioned<T> {
  body: T;
  etag: string | undefined;
}

/** requestJson, keeping the answer's ETag. */
export async function requestVersioned<T>(url: string, init: RequestInit = {}): Promise<Versioned<T>> {
  const write = !readMethods.has((init.method ?? 'GET').toUpperCase());
  if (write && !csrfTokenKnown) await refreshCsrfToken().catch(() => undefined);
  const send = () => fetchJson<T>(url, write && csrfToken ? { ...init, headers: { ...init.headers, 'x-csrf-token': csrfToken } } : init);
  if (!write) return send();
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 403 && error.problem?.code === 'csrf')) throw error;
    await refreshCsrfToken().catch(() => Promise.reject(error));
    return send();
  }
}

async function fetchJson<T>(url: string, init: RequestInit): Promise<Versioned<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'Trellis could not be reached: is the server running?');
  }
  const text = await response.text();
  const body = text ? parseJson(text) : undefined;
  if (!response.ok) {
    const problem = body && typeof body === 'object' ? (body as Partial<ProblemDocument>) : undefined;
    throw new ApiError(response.status, describeProblem(problem) ?? `${response.status} ${response.statusText}`, problem);
  }
  return { body: body as T, etag: response.headers.get('etag') ?? undefined };
}

/** Sends a JSON body and reads the JSON answer. */
export function sendJson<T>(url: string, method: 'POST' | 'PUT' | 'DELETE', body: unknown, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(url, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal: signal ?? null });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The detail of a problem, followed by its precise reasons when it lists them. */
function describeProblem(problem: Partial<ProblemDocument> | undefined): string | undefined {
  if (!problem) return undefined;
  const reasons = (problem.problems ?? []).slice(0, 5).map(formatProblem);
  const detail = problem.detail ?? problem.title;
  return reasons.length && detail ? `${detail}: ${reasons.join('; ')}` : detail;
}
