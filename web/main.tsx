import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import type { SessionInfo } from '../schema/access.ts';
import { ApiError } from './api/client.ts';
import { sessionQueryKey } from './hooks/useSession.ts';
import { router } from './routes.tsx';
import './styles/app.css';

/**
 * Entry point: the query client (requests, caching, cancellation) and the
 * router. Client errors (4xx) are answers, not outages: they are not retried.
 * A 401 means the session has ended (or never began): the session is read
 * again, so the header offers "Sign in".
 */
const sessionEnded = (error: unknown) => {
  if (!(error instanceof ApiError && error.status === 401)) return;
  const known = queryClient.getQueryData<SessionInfo>(sessionQueryKey);
  if (known?.authRequired && !known.signedIn) return; // already known to be signed out
  void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
};
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: sessionEnded }),
  mutationCache: new MutationCache({ onError: sessionEnded }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
