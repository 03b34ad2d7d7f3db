import type { SessionInfo } from '../../schema/access.ts';
import { apiUrl, rememberCsrfToken, requestJson } from './client.ts';

/**
 * Who the explorer's user is and what they may do (GET /api/v1/session, public).
 * Reading it also gives the client the session's CSRF token for every write.
 */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo> {
  const session = await requestJson<SessionInfo>(apiUrl('/session'), { signal: signal ?? null, cache: 'no-store' });
  rememberCsrfToken(session.csrfToken);
  return session;
}

/** Signs out: the server clears the session cookie (POST /auth/logout, with the CSRF token like every write). */
export async function signOut(): Promise<void> {
  await requestJson<undefined>('/auth/logout', { method: 'POST' });
  rememberCsrfToken(undefined);
}
