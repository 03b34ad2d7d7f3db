import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';

/** An error in the server's words, with what to do next. */
export function ErrorPanel({ error, title = 'The request failed', action }: { error: unknown; title?: string; action?: ReactNode }) {
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
