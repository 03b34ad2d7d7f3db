import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { useSignInHref } from '../hooks/useSession.ts';

/** An error in the server's words, with what to do next; an answer that needs sign-in offers it. */
export function ErrorPanel({ error, title = 'The request failed', action }: { error: unknown; title?: string; action?: ReactNode }) {
  if (error instanceof ApiError && error.status === 401) return <SignInNeeded />;
  const detail = error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiError && error.status ? ` (HTTP ${error.status}${error.problem?.code ? `, ${error.problem.code}` : ''})` : '';
  return (
    <div className="message error" role="alert">
      <div>
        <p className="title">{title}{status}</p>
        <p>{detail}</p>
        {action && <div className="button-row" style={{ marginTop: 8 }}>{action}</div>}
      </div>
    </div>
  );
}

/** What a 401 says: this server requires sign-in, and this browser is not (or no longer) signed in. */
function SignInNeeded() {
  const signInHref = useSignInHref();
  return (
    <div className="message warn" role="alert">
      <div>
        <p className="title">Sign in to see this</p>
        {signInHref
          ? <p>This Trellis requires sign-in, and this browser is not signed in (or its session has ended). <a href={signInHref}>Sign in</a> and you will come back to this page.</p>
          : <p>This Trellis requires sign-in, and offers none to the explorer: it takes API tokens only. Ask its administrator to configure sign-in (TRELLIS_OIDC_ISSUER, TRELLIS_OIDC_CLIENT_ID).</p>}
      </div>
    </div>
  );
}

/** A quiet "loading" line for a panel. */
export function Loading({ what }: { what: string }) {
  return <div className="loading" role="status">Loading {what}…</div>;
}

/** What an empty list means, and what to do about it. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  refetch?: () => unknown;
}

/** Renders a query's loading, error or data state; every request gets all three. */
export function QueryState<T>({ query, what, children }: { query: QueryLike<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.isError) {
    return <ErrorPanel error={query.error} title={`Could not load ${what}`} action={query.refetch && <button type="button" onClick={() => query.refetch?.()}>Try again</button>} />;
  }
  if (query.isPending || query.data === undefined) return <Loading what={what} />;
  return <>{children(query.data)}</>;
}
