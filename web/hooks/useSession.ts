import { useMutation, useQuery } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { fetchSession, signOut } from '../api/session.ts';
import { accessOf, signInHref, type Access } from '../access/accessOf.ts';

/** The query key of the session: invalidated when an answer says the session has ended (main.tsx). */
export const sessionQueryKey = ['session'] as const;

/** Who is signed in and what they may do; read again when the tab regains focus (a sign-out elsewhere). */
export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: ({ signal }) => fetchSession(signal), staleTime: 60_000, refetchOnWindowFocus: true });
}

/** What the explorer may offer the signed-in person. */
export function useAccess(): Access {
  return accessOf(useSession().data);
}

/** The "Sign in" link that comes back to this page, or undefined when this server offers no sign-in. */
export function useSignInHref(): string | undefined {
  const { pathname, search } = useLocation();
  const signInUrl = useSession().data?.signInUrl;
  return signInUrl ? signInHref(signInUrl, `${pathname}${search}`) : undefined;
}

/**
 * Signs out, then loads this page afresh: nothing the person saw while signed
 * in (cached answers, a dry run's diff) stays on screen.
 */
export function useSignOut() {
  return useMutation({ mutationFn: signOut, onSuccess: () => window.location.reload() });
}
