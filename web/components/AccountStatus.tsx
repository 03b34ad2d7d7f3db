import { useAccess, useSignInHref, useSignOut } from '../hooks/useSession.ts';

/**
 * The header's account area: who is signed in, with their roles and "Sign
 * out"; "Sign in" when the server requires it; or a note that this server runs
 * in open mode, where nobody signs in and everyone may do everything.
 */
export function AccountStatus() {
  const { status } = useAccess();
  const signInHref = useSignInHref();
  const signOut = useSignOut();
  switch (status.kind) {
    case 'unknown':
      return null;
    case 'open':
      return <p className="account note">Open mode: no sign-in configured</p>;
    case 'signed-out':
      return signInHref
        ? <a className="button primary" href={signInHref}>Sign in</a>
        : <p className="account note">Not signed in: this server takes API tokens only</p>;
    case 'signed-in':
      return (
        <div className="account">
          <p className="who" title={status.actor}>
            <span className="visually-hidden">Signed in as </span>
            <span className="name">{status.name}</span>
            <span className="visually-hidden">, role: </span>
            <span className="roles">{status.roles}</span>
          </p>
          <button type="button" className="small" disabled={signOut.isPending} onClick={() => signOut.mutate()}>{signOut.isPending ? 'Signing out…' : 'Sign out'}</button>
          {signOut.isError && <span className="account-error" role="alert" title={signOut.error.message}>Sign-out failed; try again</span>}
        </div>
      );
  }
}
