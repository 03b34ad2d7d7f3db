import { useSignInHref } from '../hooks/useSession.ts';

/**
 * What every page shows while this Trellis requires sign-in and nobody is
 * signed in: every API answer would be a 401, so the page says so once, with
 * "Sign in" that comes back to the page asked for.
 */
export function SignInPage() {
  const signInHref = useSignInHref();
  return (
    <div className="page">
      <section className="panel sign-in-panel" aria-labelledby="sign-in-title">
        <header><h1 id="sign-in-title">Sign in to see the graph</h1></header>
        <div className="body">
          {signInHref ? <>
            <p>This Trellis requires sign-in, and this browser is not signed in (or its session has ended). You will come back to this page once signed in.</p>
            <p><a className="button primary" href={signInHref}>Sign in</a></p>
          </> : (
            <p>This Trellis requires sign-in, and offers none to the explorer: it takes API tokens only. Ask its administrator to configure sign-in (TRELLIS_OIDC_ISSUER, TRELLIS_OIDC_CLIENT_ID, TRELLIS_PUBLIC_URL).</p>
          )}
        </div>
      </section>
    </div>
  );
}
